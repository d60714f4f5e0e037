// How the load generator was built (filled in by CMake from build_info.cpp.in).
#pragma once

namespace archbench::loadgen::build_info {

extern const char* const kBuildType;  // "Release"
extern const char* const kCompiler;   // "GNU 12.2.0"
extern const char* const kCxxFlags;   // CMAKE_CXX_FLAGS + the build type's flags
extern const char* const kSourceDir;  // where `git rev-parse` is asked for the commit
extern const char* const kVersion;    // archbench's project version

}  // namespace archbench::loadgen::build_info

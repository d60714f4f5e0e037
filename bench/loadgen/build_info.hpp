// How the load generator was built (filled in by CMake from build_info.cpp.in).
#pragma once

namespace archbench::loadgen::build_info {

extern const char* const kBuildType;  // "Release"
extern const char* const kCompiler;   // "GNU 12.2.0"
extern const char* const kCxxFlags;   // CMAKE_CXX_FLAGS + the build type's flags
extern const char* const kSourceDir;  // the source tree (where workload names are looked up)
extern const char* const kVersion;    // archbench's project version
// `git rev-parse HEAD` of the source tree when this binary was built; "" outside a repository.
extern const char* const kGitCommit;
// Tracked files differed from that commit when it was built: 1, 0, or -1 when unknown.
extern const int kGitDirty;

}  // namespace archbench::loadgen::build_info

# Precompiled headers: the third-party headers most of our translation units parse again and
# again (GoogleTest + gmock, nlohmann_json, the standard library) are parsed once per build.
#
# Measured (README.md, "Testing"): a GoogleTest + nlohmann_json test file spends most of its
# compile time in those headers. Two header sets, each compiled once by a tiny host target and
# reused by every consumer (REUSE_FROM needs the same compiler flags, which our targets share):
#   archbench_pch_tests  <gtest/gtest.h> <gmock/gmock.h> <nlohmann/json.hpp> + std: every
#                        executable that links GoogleTest (archbench_add_test's, the conformance
#                        runner, the labs' tests)
#   archbench_pch_json   <nlohmann/json.hpp> + std: every archbench_add_library() that links
#                        nlohmann_json
# Targets that link archbench_asio get no PCH: its `-include utility` comes before the PCH on
# the command line, and a PCH must be the first thing a translation unit includes.
# -Winvalid-pch (with -Werror) makes a PCH that g++ would silently ignore a build error.
#
# -DARCHBENCH_PCH=OFF turns it off (clang-tidy reads compile_commands.json of a build without
# it: clang cannot read g++'s .gch files).
option(ARCHBENCH_PCH "Precompile the third-party headers (GoogleTest, nlohmann_json)" ON)

set(_archbench_pch_std <algorithm> <chrono> <cstdint> <functional> <map> <memory> <optional>
    <string> <string_view> <unordered_map> <utility> <vector>)

function(_archbench_pch_host name)
  set(source "${CMAKE_BINARY_DIR}/pch/${name}.cpp")
  file(CONFIGURE OUTPUT "${source}" CONTENT "// Compiles the ${name} precompiled header once.\n")
  add_library(${name} OBJECT "${source}")
  target_link_libraries(${name} PRIVATE archbench_warnings ${ARGN})
  target_compile_options(${name} PRIVATE -Winvalid-pch)
endfunction()

# ccache caches a compile that uses a PCH only with this sloppiness (ccache's manual,
# "Precompiled headers"); without it every test file would miss the shared cache.
if(ARCHBENCH_PCH AND CMAKE_CXX_COMPILER_LAUNCHER MATCHES "ccache$")
  set(CMAKE_CXX_COMPILER_LAUNCHER ${CMAKE_COMMAND} -E env
      CCACHE_SLOPPINESS=pch_defines,time_macros,include_file_mtime,include_file_ctime
      ${CMAKE_CXX_COMPILER_LAUNCHER})
endif()

if(ARCHBENCH_PCH)
  _archbench_pch_host(archbench_pch_json nlohmann_json::nlohmann_json)
  target_precompile_headers(archbench_pch_json PRIVATE <nlohmann/json.hpp> ${_archbench_pch_std})
  if(ARCHBENCH_BUILD_TESTS)
    _archbench_pch_host(archbench_pch_tests GTest::gtest GTest::gmock nlohmann_json::nlohmann_json)
    target_precompile_headers(archbench_pch_tests PRIVATE
      <gtest/gtest.h> <gmock/gmock.h> <nlohmann/json.hpp> ${_archbench_pch_std})
  endif()
endif()

# True when <target> links archbench_asio directly (see above).
function(_archbench_uses_asio target out)
  get_target_property(links ${target} LINK_LIBRARIES)
  set(${out} FALSE PARENT_SCOPE)
  if("archbench_asio" IN_LIST links)
    set(${out} TRUE PARENT_SCOPE)
  endif()
endfunction()

function(_archbench_reuse_pch target host)
  _archbench_uses_asio(${target} asio)
  if(NOT asio)
    target_precompile_headers(${target} REUSE_FROM ${host})
    target_compile_options(${target} PRIVATE -Winvalid-pch)
  endif()
endfunction()

# archbench_add_library() calls this: the json PCH for libraries that link nlohmann_json.
function(archbench_precompile target)
  if(NOT ARCHBENCH_PCH)
    return()
  endif()
  get_target_property(links ${target} LINK_LIBRARIES)
  if("nlohmann_json::nlohmann_json" IN_LIST links)
    _archbench_reuse_pch(${target} archbench_pch_json)
  endif()
endfunction()

# archbench_collect_test_programs() calls this for every GoogleTest executable that has no
# precompiled header of its own yet (archbench_precompile_headers below).
function(archbench_precompile_test target)
  get_target_property(own ${target} PRECOMPILE_HEADERS_REUSE_FROM)
  if(ARCHBENCH_PCH AND NOT own)
    _archbench_reuse_pch(${target} archbench_pch_tests)
  endif()
endfunction()

# archbench_precompile_headers(<host> HEADERS <header>... [DEPS <target>...] [OPTIONS <flag>...]
#                              FOR <target>...)
# A pattern's own precompiled header, for a third-party header its files all parse (CAF's
# <caf/all.hpp>: 5 to 20 CPU s a file at -O0 under the sanitizers): compiled once by the tiny
# target <host> with DEPS' usage requirements, then reused by every target of FOR (those that
# exist: a test target does not without ARCHBENCH_BUILD_TESTS). OPTIONS are the consumers' own
# extra compile flags, which the host must share: g++ refuses a PCH built with other
# code-generation flags, and -Winvalid-pch makes that refusal an error instead of a silent
# reparse. A test executable named here keeps this PCH instead of archbench_pch_tests (list
# GoogleTest's headers in HEADERS and GTest::gtest in DEPS for it).
function(archbench_precompile_headers host)
  cmake_parse_arguments(ARG "" "" "HEADERS;DEPS;OPTIONS;FOR" ${ARGN})
  if(NOT ARCHBENCH_PCH)
    return()
  endif()
  _archbench_pch_host(${host} ${ARG_DEPS})
  target_precompile_headers(${host} PRIVATE ${ARG_HEADERS} ${_archbench_pch_std})
  if(ARG_OPTIONS)
    target_compile_options(${host} PRIVATE ${ARG_OPTIONS})
  endif()
  foreach(target IN LISTS ARG_FOR)
    if(TARGET ${target})
      _archbench_reuse_pch(${target} ${host})
    endif()
  endforeach()
endfunction()

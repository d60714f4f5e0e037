# Small helpers so that adding a library, a test, a backend or its conformance run is one call.

# archbench_add_library(<name> SOURCES ... [PUBLIC_DEPS ...] [PRIVATE_DEPS ...])
# A static library whose headers are included by their path under patterns/ (or bench/, labs/):
# #include "common/http/server.hpp".
function(archbench_add_library name)
  cmake_parse_arguments(ARG "" "" "SOURCES;PUBLIC_DEPS;PRIVATE_DEPS;INCLUDE_DIRS" ${ARGN})
  add_library(${name} STATIC ${ARG_SOURCES})
  target_link_libraries(${name} PUBLIC ${ARG_PUBLIC_DEPS} PRIVATE archbench_warnings ${ARG_PRIVATE_DEPS})
  if(ARG_INCLUDE_DIRS)
    target_include_directories(${name} PUBLIC ${ARG_INCLUDE_DIRS})
  endif()
endfunction()

# archbench_add_test(<name> SOURCES ... [DEPS ...] [TIMEOUT seconds] [LABELS label])
# A GoogleTest executable; every test case in it becomes a ctest test with a time limit.
function(archbench_add_test name)
  if(NOT ARCHBENCH_BUILD_TESTS)
    return()
  endif()
  cmake_parse_arguments(ARG "" "TIMEOUT;LABELS" "SOURCES;DEPS" ${ARGN})
  if(NOT ARG_TIMEOUT)
    set(ARG_TIMEOUT 60)
  endif()
  add_executable(${name} ${ARG_SOURCES})
  target_link_libraries(${name} PRIVATE archbench_warnings ${ARG_DEPS} GTest::gtest GTest::gtest_main
                        GTest::gmock)
  gtest_discover_tests(${name} DISCOVERY_TIMEOUT 30
                       PROPERTIES TIMEOUT ${ARG_TIMEOUT} LABELS "${ARG_LABELS}")
endfunction()

# archbench_add_backend(<pattern> SOURCES ... [DEPS ...])
# The executable archbench-<pattern>, built into the common bin folder.
function(archbench_add_backend pattern)
  cmake_parse_arguments(ARG "" "" "SOURCES;DEPS" ${ARGN})
  add_executable(archbench-${pattern} ${ARG_SOURCES})
  target_link_libraries(archbench-${pattern} PRIVATE archbench_warnings ${ARG_DEPS})
  set_property(GLOBAL APPEND PROPERTY ARCHBENCH_BACKENDS ${pattern})
endfunction()

# archbench_add_conformance(<name> BACKEND <pattern> [ARGS ...])
# Runs the black-box conformance suite against archbench-<pattern> started with ARGS.
# In ARGS, {tmp} stands for a fresh temporary folder per test.
# The suite is registered by patterns/common/conformance, after every pattern is known.
function(archbench_add_conformance name)
  cmake_parse_arguments(ARG "" "BACKEND" "ARGS" ${ARGN})
  if(NOT ARG_BACKEND)
    set(ARG_BACKEND ${name})
  endif()
  string(ASCII 31 unit_separator)  # keeps the ARGS list intact inside the global list
  string(REPLACE ";" "${unit_separator}" args "${ARG_ARGS}")
  set_property(GLOBAL APPEND PROPERTY ARCHBENCH_CONFORMANCE_RUNS "${name}|${ARG_BACKEND}|${args}")
endfunction()

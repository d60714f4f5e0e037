# Format and lint as build targets: `cmake --build --preset debug --target check-format`,
# check-tidy-changed, check-tidy.
file(GLOB_RECURSE ARCHBENCH_SOURCES CONFIGURE_DEPENDS
     ${PROJECT_SOURCE_DIR}/patterns/*.cpp ${PROJECT_SOURCE_DIR}/patterns/*.hpp
     ${PROJECT_SOURCE_DIR}/bench/*.cpp ${PROJECT_SOURCE_DIR}/bench/*.hpp
     ${PROJECT_SOURCE_DIR}/labs/*.cpp ${PROJECT_SOURCE_DIR}/labs/*.hpp)

find_program(CLANG_FORMAT NAMES clang-format clang-format-14)
if(CLANG_FORMAT)
  add_custom_target(check-format
    COMMAND ${CLANG_FORMAT} --dry-run --Werror ${ARCHBENCH_SOURCES}
    WORKING_DIRECTORY ${PROJECT_SOURCE_DIR}
    COMMENT "clang-format: checking every C++ file (fix with the 'format' target)"
    VERBATIM)
  add_custom_target(format
    COMMAND ${CLANG_FORMAT} -i ${ARCHBENCH_SOURCES}
    WORKING_DIRECTORY ${PROJECT_SOURCE_DIR}
    VERBATIM)
endif()

# clang-tidy needs compile commands without g++'s precompiled headers (clang cannot read .gch):
# this build's when ARCHBENCH_PCH is OFF, else build/tidy (`cmake --preset tidy`, configure only).
# check-tidy-changed: the files changed since the merge base with main (what CI runs, ~20 CPU s
# per file); check-tidy: every source (about 116 files: too slow for CI on 2 CPUs).
if(ARCHBENCH_PCH)
  set(ARCHBENCH_TIDY_DIR ${PROJECT_SOURCE_DIR}/build/tidy)
else()
  set(ARCHBENCH_TIDY_DIR ${CMAKE_BINARY_DIR})
endif()
add_custom_target(check-tidy-changed
  COMMAND ${PROJECT_SOURCE_DIR}/scripts/tidy-changed ${ARCHBENCH_TIDY_DIR}
  WORKING_DIRECTORY ${PROJECT_SOURCE_DIR} USES_TERMINAL VERBATIM)
add_custom_target(check-tidy
  COMMAND ${PROJECT_SOURCE_DIR}/scripts/tidy-changed --all ${ARCHBENCH_TIDY_DIR}
  WORKING_DIRECTORY ${PROJECT_SOURCE_DIR} USES_TERMINAL VERBATIM)

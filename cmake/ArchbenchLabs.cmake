# The lab framework: archbench_add_lab(<folder>) turns labs/<folder>/ into targets and tests.
#
# A lab folder is named NN-topic and holds:
#   *.hpp        the lab's contract and given code, shared by both variants
#   starter/     what the student fills in (*.cpp, and headers if the lab needs its own)
#   solution/    the reference answer, the same files filled in
#   tests/       GoogleTest files whose suites are named LabNN_StepK_<Topic>
#   tools/       optional: each <name>.cpp becomes the executable labNN-<name>
#
# For lab NN it defines:
#   labNN_starter, labNN_solution   the two variants, as libraries (both always compile)
#   labNN_tests                     the tests against ARCHBENCH_LAB_VARIANT, one ctest test each
#   labNN-<name>                    the tools, against ARCHBENCH_LAB_VARIANT
#   labNN                           all of the above: what `scripts/lab check NN` builds
# and, when the variant is `solution` (every build but the `starter` preset):
#   labNN_starter_tests             the same tests against the untouched starter
#   LabNN_Honesty_StarterFails      a ctest test that passes only if those tests fail properly
#
# archbench_add_lab(<folder> [DEPS <targets>...] [TIMEOUT <seconds per test>])
#   DEPS: libraries both variants link (e.g. archbench_ledger for a lab on the ledger).

set(ARCHBENCH_LAB_HONESTY_SCRIPT "${CMAKE_CURRENT_LIST_DIR}/../labs/framework/starter_must_fail.cmake")

function(archbench_add_lab folder)
  cmake_parse_arguments(ARG "" "TIMEOUT" "DEPS" ${ARGN})
  if(NOT folder MATCHES "^([0-9][0-9])-[a-z0-9-]+$")
    message(FATAL_ERROR "archbench_add_lab: '${folder}' is not named NN-topic (e.g. 00-measure)")
  endif()
  set(nn ${CMAKE_MATCH_1})
  set(lab lab${nn})
  set(dir ${CMAKE_CURRENT_SOURCE_DIR}/${folder})
  if(NOT ARG_TIMEOUT)
    set(ARG_TIMEOUT 30)
  endif()

  # Both variants, always: a starter that stops compiling is caught by every build.
  foreach(variant starter solution)
    file(GLOB sources CONFIGURE_DEPENDS ${dir}/${variant}/*.cpp)
    if(NOT sources)
      message(FATAL_ERROR "archbench_add_lab: ${folder}/${variant}/ has no .cpp file")
    endif()
    add_library(${lab}_${variant} STATIC ${sources})
    # The variant's own folder comes first, so a header in starter/ or solution/ wins.
    target_include_directories(${lab}_${variant} PUBLIC ${dir}/${variant} ${dir})
    target_link_libraries(${lab}_${variant} PUBLIC ${ARG_DEPS} PRIVATE archbench_warnings)
  endforeach()
  set(chosen ${lab}_${ARCHBENCH_LAB_VARIANT})

  add_custom_target(${lab})
  file(GLOB tools CONFIGURE_DEPENDS ${dir}/tools/*.cpp)
  foreach(tool IN LISTS tools)
    get_filename_component(name ${tool} NAME_WE)
    add_executable(${lab}-${name} ${tool})
    target_link_libraries(${lab}-${name} PRIVATE archbench_warnings ${chosen} CLI11::CLI11)
    add_dependencies(${lab} ${lab}-${name})
  endforeach()

  if(NOT ARCHBENCH_BUILD_TESTS)
    return()
  endif()
  file(GLOB tests CONFIGURE_DEPENDS ${dir}/tests/*.cpp)
  if(NOT tests)
    message(FATAL_ERROR "archbench_add_lab: ${folder}/tests/ has no .cpp file")
  endif()
  add_executable(${lab}_tests ${tests})
  target_link_libraries(${lab}_tests PRIVATE archbench_warnings ${chosen} GTest::gtest
                        GTest::gtest_main GTest::gmock)
  gtest_discover_tests(${lab}_tests DISCOVERY_TIMEOUT 30
                       PROPERTIES TIMEOUT ${ARG_TIMEOUT} LABELS lab)
  add_dependencies(${lab} ${lab}_tests)

  if(ARCHBENCH_LAB_VARIANT STREQUAL "solution")
    # The same test sources compiled a second time, against the starter.
    add_executable(${lab}_starter_tests ${tests})
    target_link_libraries(${lab}_starter_tests PRIVATE archbench_warnings ${lab}_starter
                          GTest::gtest GTest::gtest_main GTest::gmock)
    add_test(NAME Lab${nn}_Honesty_StarterFails
             COMMAND ${CMAKE_COMMAND} -DLAB=Lab${nn} -DTESTS=$<TARGET_FILE:${lab}_starter_tests>
                     -DSTARTER=${dir}/starter
                     -DREPORT=${CMAKE_CURRENT_BINARY_DIR}/${lab}_starter_tests.json
                     -P ${ARCHBENCH_LAB_HONESTY_SCRIPT})
    set_tests_properties(Lab${nn}_Honesty_StarterFails PROPERTIES TIMEOUT 120 LABELS lab)
  endif()
endfunction()

# The honesty check of one lab, run by ctest as LabNN_Honesty_StarterFails (cmake -P).
#
# A lab is honest when its tests pass against the solution (the ordinary ctest tests check
# that) and fail against the untouched starter: otherwise a student could be "done" without
# writing anything. This script runs the tests built against the starter and passes only if
#   - the starter still has its TODO(student) markers,
#   - the tests ran and failed, rather than crashed or timed out,
#   - every suite is named LabNN_StepK_<Topic>, and every step has at least one failing test.
#
# cmake -DLAB=Lab00 -DTESTS=<labNN_starter_tests> -DSTARTER=<lab>/starter -DREPORT=<json>
#       -P starter_must_fail.cmake
cmake_minimum_required(VERSION 3.25)

foreach(var LAB TESTS STARTER REPORT)
  if(NOT DEFINED ${var})
    message(FATAL_ERROR "starter_must_fail.cmake: -D${var}=... is missing")
  endif()
endforeach()

function(fail why)
  message(FATAL_ERROR "${LAB} is not honest: ${why}")
endfunction()

file(GLOB_RECURSE starter_files ${STARTER}/*)
set(markers 0)
foreach(file IN LISTS starter_files)
  file(STRINGS ${file} lines REGEX "TODO\\(student\\)")
  list(LENGTH lines count)
  math(EXPR markers "${markers} + ${count}")
endforeach()
if(markers EQUAL 0)
  fail("${STARTER} has no TODO(student) marker: the starter must show the student where to work")
endif()

file(REMOVE ${REPORT})
execute_process(COMMAND ${TESTS} --gtest_output=json:${REPORT}
                RESULT_VARIABLE exit_code OUTPUT_VARIABLE output ERROR_VARIABLE output
                TIMEOUT 100)
if(exit_code STREQUAL "0")
  fail("its tests pass against the untouched starter (the starter solves it, or the tests test "
       "nothing)")
endif()
if(NOT exit_code MATCHES "^[0-9]+$" OR NOT EXISTS ${REPORT})
  fail("its tests against the starter did not fail cleanly (${exit_code}): a starter must make "
       "the tests fail, not crash or hang. Their output:\n${output}")
endif()

file(READ ${REPORT} json)
string(JSON ran GET "${json}" tests)
string(JSON failed GET "${json}" failures)
if(ran EQUAL 0 OR failed EQUAL 0)
  fail("${ran} tests ran and ${failed} failed against the starter")
endif()

# Failures per step, from the suites' names.
set(steps "")
string(JSON suite_count LENGTH "${json}" testsuites)
math(EXPR last "${suite_count} - 1")
foreach(i RANGE ${last})
  string(JSON suite GET "${json}" testsuites ${i} name)
  if(NOT suite MATCHES "^${LAB}_Step([0-9]+)_[A-Za-z0-9]+$")
    fail("test suite '${suite}' is not named ${LAB}_StepK_<Topic>, so no step owns it")
  endif()
  set(step ${CMAKE_MATCH_1})
  string(JSON suite_failures GET "${json}" testsuites ${i} failures)
  list(APPEND steps ${step})
  if(NOT DEFINED failures_${step})
    set(failures_${step} 0)
  endif()
  math(EXPR failures_${step} "${failures_${step}} + ${suite_failures}")
endforeach()
list(REMOVE_DUPLICATES steps)
list(SORT steps COMPARE NATURAL)
set(summary "")
foreach(step IN LISTS steps)
  if(failures_${step} EQUAL 0)
    fail("every test of step ${step} passes against the untouched starter")
  endif()
  string(APPEND summary " step ${step}: ${failures_${step}} failing;")
endforeach()
message(STATUS "${LAB} is honest: against the starter ${failed} of ${ran} tests fail,${summary} "
               "and ${markers} TODO(student) markers remain")

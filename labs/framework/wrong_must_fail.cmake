# Proof that a lab's tests bite, run by ctest as LabNN_Wrong_<name> (cmake -P).
#
# wrong/<name>.patch (or .cpp) is a plausible wrong answer (fsync forgotten, memory changed
# before the log, a short write taken for a whole one...). The build links the lab's tests against the solution
# with that one file changed; this script runs the tests the wrong answer names in its
# `// caught by:` line and passes only if every one of them ran and failed, cleanly (a crash or
# a hang proves nothing: a student would see no message). When a test stops catching its wrong
# answer, this fails, and the test has lost its teeth.
#
# cmake -DLAB=Lab01 -DWRONG=wrong/no_fsync.patch -DTESTS=<tests> -DCAUGHT_BY=<gtest filter>
#       -DREPORT=<json> -P wrong_must_fail.cmake
cmake_minimum_required(VERSION 3.25)

foreach(var LAB WRONG TESTS CAUGHT_BY REPORT)
  if(NOT DEFINED ${var})
    message(FATAL_ERROR "wrong_must_fail.cmake: -D${var}=... is missing")
  endif()
endforeach()

function(fail why)
  message(FATAL_ERROR "${LAB}'s tests miss ${WRONG}: ${why}")
endfunction()

file(REMOVE ${REPORT})
# A fixed seed: the randomised tests are replayable here, and a catch must not depend on luck.
set(ENV{ARCHBENCH_LAB_SEED} 1)
execute_process(COMMAND ${TESTS} --gtest_filter=${CAUGHT_BY} --gtest_output=json:${REPORT}
                RESULT_VARIABLE exit_code OUTPUT_VARIABLE output ERROR_VARIABLE output
                TIMEOUT 100)
if(exit_code STREQUAL "0")
  fail("${CAUGHT_BY} passes against it")
endif()
if(NOT exit_code STREQUAL "1" OR NOT EXISTS ${REPORT})
  fail("the tests did not fail cleanly (${exit_code}): they crashed or hung. Output:\n${output}")
endif()

file(READ ${REPORT} json)
string(JSON ran GET "${json}" tests)
if(ran EQUAL 0)
  fail("the filter ${CAUGHT_BY} selects no test")
endif()
set(missed "")
string(JSON suite_count LENGTH "${json}" testsuites)
math(EXPR last_suite "${suite_count} - 1")
foreach(i RANGE ${last_suite})
  string(JSON suite GET "${json}" testsuites ${i} name)
  string(JSON test_count LENGTH "${json}" testsuites ${i} testsuite)
  math(EXPR last_test "${test_count} - 1")
  foreach(j RANGE ${last_test})
    string(JSON test GET "${json}" testsuites ${i} testsuite ${j} name)
    string(JSON failures ERROR_VARIABLE none GET "${json}" testsuites ${i} testsuite ${j} failures)
    if(none)
      list(APPEND missed "${suite}.${test}")
    endif()
  endforeach()
endforeach()
if(missed)
  fail("these tests pass against it: ${missed}")
endif()
message(STATUS "${LAB}'s tests catch ${WRONG}: all ${ran} of ${CAUGHT_BY} fail against it")

# Fails unless the suites the conformance runner lists (--gtest_list_tests) are exactly EXPECTED
# (comma-separated): the suites CMakeLists.txt registered as ctest tests, read from the sources.
#   cmake -DRUNNER=<archbench-conformance> -DEXPECTED=Accounts,Batch,... -P check_registered_suites.cmake
execute_process(COMMAND ${RUNNER} --gtest_list_tests OUTPUT_VARIABLE listing RESULT_VARIABLE status)
if(NOT status EQUAL 0)
  message(FATAL_ERROR "${RUNNER} --gtest_list_tests failed (${status}):\n${listing}")
endif()
string(REGEX MATCHALL "(^|\n)[A-Za-z0-9_]+\\." suites "${listing}")
list(TRANSFORM suites REPLACE "[\n.]" "")
list(SORT suites)
string(REPLACE "," ";" expected "${EXPECTED}")
list(SORT expected)
if(NOT suites STREQUAL expected)
  message(FATAL_ERROR "the runner has the suites [${suites}], ctest runs [${expected}]: "
                      "patterns/common/conformance/CMakeLists.txt reads TEST_F(Suite, ...) at "
                      "the start of a line; write new cases that way")
endif()
message(STATUS "every suite of the runner is registered: ${suites}")

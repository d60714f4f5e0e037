# Compile-fail tests: each snippet must be refused by the compiler for the reason it names.
#
# A snippet <name>.cpp holds one forbidden line inside `#ifndef ARCHBENCH_CONTROL` and its
# lawful twin in the `#else` branch, and names the diagnostic it expects on a line
#   // expect-error: <regular expression>
# Each snippet gives two ctest tests, both cheap (g++ -fsyntax-only, no object file):
#   <prefix>_compile_fail.<name>     passes only if the compiler's output matches the regex
#                                    (the forbidden line is refused, for the intended reason)
#   <prefix>_compile_control.<name>  passes only if the twin compiles: the snippet's failure
#                                    comes from the forbidden line, not from a typo elsewhere
#
# archbench_ddd_compile_fail_tests(<folder> <prefix> <include dirs>...)
function(archbench_ddd_compile_fail_tests folder prefix)
  set(include_flags "")
  foreach(dir IN LISTS ARGN)
    list(APPEND include_flags "-I${dir}")
  endforeach()
  set(compile ${CMAKE_CXX_COMPILER} -std=c++20 -fsyntax-only -Wall -Wextra -Werror
              ${include_flags})
  file(GLOB snippets CONFIGURE_DEPENDS ${folder}/*.cpp)
  if(NOT snippets)
    message(FATAL_ERROR "no compile-fail snippet in ${folder}")
  endif()
  foreach(snippet IN LISTS snippets)
    get_filename_component(name ${snippet} NAME_WE)
    file(STRINGS ${snippet} expectation REGEX "^// expect-error: ")
    if(NOT expectation)
      message(FATAL_ERROR "${snippet} has no '// expect-error: <regex>' line")
    endif()
    string(REPLACE "// expect-error: " "" regex "${expectation}")
    add_test(NAME ${prefix}_compile_fail.${name} COMMAND ${compile} ${snippet})
    # Passing on the output alone ignores the exit code: "error:" makes sure it failed.
    set_tests_properties(${prefix}_compile_fail.${name} PROPERTIES
      PASS_REGULAR_EXPRESSION "error: [^\n]*${regex}|${regex}[^\n]*\n[^\n]*error:"
      TIMEOUT 60 LABELS "${prefix};compile_fail")
    add_test(NAME ${prefix}_compile_control.${name}
             COMMAND ${compile} -DARCHBENCH_CONTROL ${snippet})
    set_tests_properties(${prefix}_compile_control.${name} PROPERTIES
      TIMEOUT 60 LABELS "${prefix};compile_fail")
  endforeach()
endfunction()

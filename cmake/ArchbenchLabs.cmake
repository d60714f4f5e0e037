# The lab framework: archbench_add_lab(<folder>) turns labs/<folder>/ into targets and tests.
#
# A lab folder is named NN-topic and holds:
#   *.hpp        the lab's contract and given code, shared by every variant and by the tests
#   starter/     what the student fills in (*.cpp; a header here is private to those files)
#   solution/    the reference answer, the same files filled in
#   wrong/       plausible wrong answers, each changing one file of solution/ and naming the
#                tests that must catch it (see "Wrong solutions" below)
#   tests/       GoogleTest files whose suites are named LabNN_StepK_<Topic>
#   tools/       optional: each <name>.cpp becomes the executable labNN-<name>
#
# For lab NN it defines:
#   labNN_starter, labNN_solution   the two variants, as libraries (both always compile)
#   labNN_tests                     the tests against ARCHBENCH_LAB_VARIANT, one ctest test each
#   labNN-<name>                    the tools, against ARCHBENCH_LAB_VARIANT
#   labNN-<name>-reference          when the variant is not the solution: the same tools against
#                                   the solution, so `scripts/lab measure` compares on one machine
#   labNN                           all of the above but the -reference tools: what
#                                   `scripts/lab check NN` builds
# and, when the variant is `solution` (every build but the student's presets):
#   labNN_starter_tests             the same tests against the untouched starter
#   LabNN_Honesty_StarterFails      a ctest test that passes only if those tests fail properly
#   labNN_wrong_<name>_tests        the same tests against each wrong solution
#   LabNN_Wrong_<name>              a ctest test that passes only if the test the wrong solution
#                                   names fails against it (the tests bite)
#
# The tests are compiled once (an object library, against the lab folder's headers) and linked
# against each variant, and so is each file of the solution: a lab with five wrong solutions
# costs five compiles (the wrong files) and five links, not five builds of tests and solution.
# A lab whose starter/ and solution/ hold headers (lab 04: the student rewrites the types the
# tests compile against) has its tests compiled once per variant instead.
#
# Wrong solutions. Usually wrong/<name>.patch: the mistake as a unified diff against the file of
# solution/ it changes, and nothing else, so that reading it shows the mistake (and a patch that
# no longer applies, because the reference changed, stops the build instead of testing a stale
# copy). The build applies it with `patch` (fuzz 0) into the build folder. A mistake that is a
# different design rather than an edit is a whole file instead, wrong/<name>.cpp. Either starts
# with comment lines that the build reads:
#   // replaces: commit.cpp
#   // caught by: Lab01_Step3_Writes.FsyncsEveryCommitWhenAsked
# `caught by` is a gtest filter (several tests: one `// caught by:` line each); every test it
# selects must fail, cleanly, against the variant made of solution/ with that one file replaced.
#
# archbench_add_lab(<folder> [DEPS <targets>...] [PCH <headers>...] [TIMEOUT <seconds per test>])
#   DEPS: libraries every variant links (e.g. archbench_ledger for a lab on the ledger).
#   PCH: third-party headers that every file of the lab includes and that are slow to parse
#        (lab 02: <caf/all.hpp>, about 25 s per file at -O0 with ASan): precompiled once for
#        the lab's tests, answers, wrong answers and tools.

set(ARCHBENCH_LAB_FRAMEWORK "${CMAKE_CURRENT_LIST_DIR}/../labs/framework")

find_program(ARCHBENCH_PATCH patch REQUIRED)  # Debian's build-essential brings it

# One variant of a lab as a static library: `sources`, with the lab folder's headers.
function(_archbench_lab_library target dir variant_dir deps)
  add_library(${target} STATIC ${ARGN})
  # The variant's own folder comes first, so a header in starter/ or solution/ wins.
  target_include_directories(${target} PUBLIC ${variant_dir} ${dir})
  target_link_libraries(${target} PUBLIC ${deps} PRIVATE archbench_warnings)
endfunction()

# The lab's precompiled header (PCH, when given) for `target`; reads the caller's `pch_host`.
function(_archbench_lab_pch target)
  if(pch_host)
    _archbench_reuse_pch(${target} ${pch_host})
  endif()
endfunction()

# Reads every "// <key>: <value>" line among the first lines of `file` into `out`, joined by ':'
# ("" when there is none). One value a line keeps the lines short enough for clang-format.
function(_archbench_lab_header_field file key out)
  file(STRINGS ${file} lines LIMIT_COUNT 12 REGEX "^// ${key}: ")
  set(values "")
  foreach(line IN LISTS lines)
    string(REGEX REPLACE "^// ${key}: *" "" value "${line}")
    string(STRIP "${value}" value)
    list(APPEND values "${value}")
  endforeach()
  list(JOIN values ":" joined)
  set(${out} "${joined}" PARENT_SCOPE)
endfunction()

# `output`: solution file `original` with wrong/<name>.patch applied, at build time (so editing
# either rebuilds it). The patch must name that file ("--- solution/<file>") and apply exactly.
function(_archbench_lab_patched folder original patch output)
  file(STRINGS ${patch} target LIMIT_COUNT 1 REGEX "^--- ")
  file(RELATIVE_PATH expected ${CMAKE_CURRENT_SOURCE_DIR}/${folder} ${original})
  if(NOT target MATCHES "^--- ${expected}([ \t]|$)")
    message(FATAL_ERROR "archbench_add_lab: ${patch} must be a diff of ${expected} "
                        "(its first '--- ' line names '${target}')")
  endif()
  get_filename_component(output_dir ${output} DIRECTORY)
  file(MAKE_DIRECTORY ${output_dir})
  add_custom_command(
    OUTPUT ${output}
    COMMAND ${CMAKE_COMMAND} -DPATCH_PROGRAM=${ARCHBENCH_PATCH} -DORIGINAL=${original}
            -DPATCH=${patch} -DOUTPUT=${output} -P ${ARCHBENCH_LAB_FRAMEWORK}/apply_wrong_patch.cmake
    DEPENDS ${original} ${patch} ${ARCHBENCH_LAB_FRAMEWORK}/apply_wrong_patch.cmake
    COMMENT "Applying a wrong answer to ${folder}/${expected}" VERBATIM)
endfunction()

# The lab's tests linked against one variant's library: compiled once (<lab>_test_objects), or,
# for a lab whose variants hold headers of their own (a lab about types: the student changes
# the declarations the tests compile against), compiled again for each variant. Reads the
# caller's `tests_per_variant`, `tests` and `dir`.
function(_archbench_lab_tests lab target variant_library)
  if(tests_per_variant)
    add_executable(${target} ${tests})
    target_include_directories(${target} PRIVATE ${dir} ${ARCHBENCH_LAB_FRAMEWORK})
    target_link_libraries(${target} PRIVATE archbench_warnings ${variant_library} GTest::gtest
                          GTest::gtest_main GTest::gmock)
    return()
  endif()
  add_executable(${target} $<TARGET_OBJECTS:${lab}_test_objects>)
  target_link_libraries(${target} PRIVATE ${variant_library} GTest::gtest GTest::gtest_main
                        GTest::gmock)
endfunction()

function(archbench_add_lab folder)
  cmake_parse_arguments(ARG "" "TIMEOUT" "DEPS;PCH" ${ARGN})
  if(NOT folder MATCHES "^([0-9][0-9])-[a-z0-9-]+$")
    message(FATAL_ERROR "archbench_add_lab: '${folder}' is not named NN-topic (e.g. 00-measure)")
  endif()
  set(nn ${CMAKE_MATCH_1})
  set(lab lab${nn})
  set(dir ${CMAKE_CURRENT_SOURCE_DIR}/${folder})
  if(NOT ARG_TIMEOUT)
    set(ARG_TIMEOUT 30)
  endif()

  # The lab's precompiled header, reused by each of its compiled targets (_archbench_lab_pch).
  # Without GoogleTest: its compile definitions (GTEST_HAS_PTHREAD) would make the header
  # unusable for the files that do not link it; the tests add GoogleTest's definitions, which
  # the precompiled headers do not read, and parse GoogleTest's headers themselves.
  set(pch_host "")
  if(ARG_PCH AND ARCHBENCH_PCH)
    set(pch_host ${lab}_pch)
    _archbench_pch_host(${pch_host} ${ARG_DEPS})
    target_precompile_headers(${pch_host} PRIVATE ${ARG_PCH} ${_archbench_pch_std})
  endif()

  # Both variants, always: a starter that stops compiling is caught by every build.
  foreach(variant starter solution)
    file(GLOB sources_${variant} CONFIGURE_DEPENDS ${dir}/${variant}/*.cpp)
    if(NOT sources_${variant})
      message(FATAL_ERROR "archbench_add_lab: ${folder}/${variant}/ has no .cpp file")
    endif()
  endforeach()
  _archbench_lab_library(${lab}_starter ${dir} ${dir}/starter "${ARG_DEPS}" ${sources_starter})
  _archbench_lab_pch(${lab}_starter)
  # The solution's files are compiled one by one, once: each wrong solution below reuses the
  # objects of the files it does not replace (a lab with eight wrong answers costs eight
  # compiles, not eight times the solution).
  set(solution_objects "")
  foreach(source IN LISTS sources_solution)
    get_filename_component(name ${source} NAME_WE)
    add_library(${lab}_solution_${name} OBJECT ${source})
    target_include_directories(${lab}_solution_${name} PRIVATE ${dir}/solution ${dir})
    target_link_libraries(${lab}_solution_${name} PRIVATE ${ARG_DEPS} archbench_warnings)
    _archbench_lab_pch(${lab}_solution_${name})
    set(object_of_${name} $<TARGET_OBJECTS:${lab}_solution_${name}>)
    list(APPEND solution_objects ${object_of_${name}})
  endforeach()
  _archbench_lab_library(${lab}_solution ${dir} ${dir}/solution "${ARG_DEPS}" ${solution_objects})
  set(chosen ${lab}_${ARCHBENCH_LAB_VARIANT})

  add_custom_target(${lab})
  file(GLOB tools CONFIGURE_DEPENDS ${dir}/tools/*.cpp)
  foreach(tool IN LISTS tools)
    get_filename_component(name ${tool} NAME_WE)
    add_executable(${lab}-${name} ${tool})
    target_link_libraries(${lab}-${name} PRIVATE archbench_warnings ${chosen} CLI11::CLI11)
    _archbench_lab_pch(${lab}-${name})
    add_dependencies(${lab} ${lab}-${name})
    if(NOT ARCHBENCH_LAB_VARIANT STREQUAL "solution")
      add_executable(${lab}-${name}-reference ${tool})
      target_link_libraries(${lab}-${name}-reference PRIVATE archbench_warnings ${lab}_solution
                            CLI11::CLI11)  # built by name (scripts/lab measure), not by `labNN`
      _archbench_lab_pch(${lab}-${name}-reference)
    endif()
  endforeach()

  if(NOT ARCHBENCH_BUILD_TESTS)
    return()
  endif()
  file(GLOB tests CONFIGURE_DEPENDS ${dir}/tests/*.cpp)
  if(NOT tests)
    message(FATAL_ERROR "archbench_add_lab: ${folder}/tests/ has no .cpp file")
  endif()
  file(GLOB variant_headers ${dir}/starter/*.hpp ${dir}/solution/*.hpp)
  set(tests_per_variant FALSE)
  if(variant_headers)
    set(tests_per_variant TRUE)
  else()
    add_library(${lab}_test_objects OBJECT ${tests})
    target_include_directories(${lab}_test_objects PRIVATE ${dir} ${ARCHBENCH_LAB_FRAMEWORK})
    target_link_libraries(${lab}_test_objects PRIVATE archbench_warnings ${ARG_DEPS} GTest::gtest
                          GTest::gmock)
    _archbench_lab_pch(${lab}_test_objects)
  endif()

  _archbench_lab_tests(${lab} ${lab}_tests ${chosen})
  gtest_discover_tests(${lab}_tests DISCOVERY_TIMEOUT 30
                       PROPERTIES TIMEOUT ${ARG_TIMEOUT} LABELS lab)
  add_dependencies(${lab} ${lab}_tests)

  if(NOT ARCHBENCH_LAB_VARIANT STREQUAL "solution")
    return()
  endif()

  _archbench_lab_tests(${lab} ${lab}_starter_tests ${lab}_starter)
  add_test(NAME Lab${nn}_Honesty_StarterFails
           COMMAND ${CMAKE_COMMAND} -DLAB=Lab${nn} -DTESTS=$<TARGET_FILE:${lab}_starter_tests>
                   -DSTARTER=${dir}/starter
                   -DREPORT=${CMAKE_CURRENT_BINARY_DIR}/${lab}_starter_tests.json
                   -P ${ARCHBENCH_LAB_FRAMEWORK}/starter_must_fail.cmake)
  set_tests_properties(Lab${nn}_Honesty_StarterFails PROPERTIES TIMEOUT 120 LABELS lab)

  file(GLOB wrongs CONFIGURE_DEPENDS ${dir}/wrong/*.cpp ${dir}/wrong/*.patch)
  foreach(wrong IN LISTS wrongs)
    get_filename_component(name ${wrong} NAME_WE)
    get_filename_component(file ${wrong} NAME)
    _archbench_lab_header_field(${wrong} "replaces" replaces)
    _archbench_lab_header_field(${wrong} "caught by" caught_by)
    if(NOT replaces OR NOT caught_by)
      message(FATAL_ERROR "archbench_add_lab: ${folder}/wrong/${file} must start with "
                          "'// replaces: <a file of solution/>' and '// caught by: <gtest filter>'")
    endif()
    if(NOT EXISTS ${dir}/solution/${replaces})
      message(FATAL_ERROR "archbench_add_lab: ${folder}/wrong/${file} replaces "
                          "solution/${replaces}, which does not exist")
    endif()
    set(source ${wrong})
    if(wrong MATCHES "[.]patch$")
      set(source ${CMAKE_CURRENT_BINARY_DIR}/${lab}_wrong/${name}/${replaces})
      _archbench_lab_patched(${folder} ${dir}/solution/${replaces} ${wrong} ${source})
    endif()
    get_filename_component(replaced ${replaces} NAME_WE)
    set(objects ${solution_objects})
    list(REMOVE_ITEM objects ${object_of_${replaced}})
    _archbench_lab_library(${lab}_wrong_${name} ${dir} ${dir}/solution "${ARG_DEPS}" ${objects}
                           ${source})
    _archbench_lab_pch(${lab}_wrong_${name})
    _archbench_lab_tests(${lab} ${lab}_wrong_${name}_tests ${lab}_wrong_${name})
    add_test(NAME Lab${nn}_Wrong_${name}
             COMMAND ${CMAKE_COMMAND} -DLAB=Lab${nn} -DWRONG=wrong/${file}
                     -DTESTS=$<TARGET_FILE:${lab}_wrong_${name}_tests> -DCAUGHT_BY=${caught_by}
                     -DREPORT=${CMAKE_CURRENT_BINARY_DIR}/${lab}_wrong_${name}_tests.json
                     -P ${ARCHBENCH_LAB_FRAMEWORK}/wrong_must_fail.cmake)
    set_tests_properties(Lab${nn}_Wrong_${name} PROPERTIES TIMEOUT 120 LABELS lab)
  endforeach()
endfunction()

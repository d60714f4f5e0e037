# Format and lint as build targets: `cmake --build --preset debug --target check-format`.
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

find_program(RUN_CLANG_TIDY NAMES run-clang-tidy run-clang-tidy-14)
if(RUN_CLANG_TIDY)
  # run-clang-tidy takes the files from compile_commands.json; the regex picks ours.
  add_custom_target(check-tidy
    COMMAND ${RUN_CLANG_TIDY} -quiet -p ${CMAKE_BINARY_DIR}
            "${PROJECT_SOURCE_DIR}/(patterns|bench|labs)/.*\\.cpp$"
    WORKING_DIRECTORY ${PROJECT_SOURCE_DIR}
    COMMENT "clang-tidy: linting every C++ source with .clang-tidy"
    VERBATIM)
endif()

# Run at build time (cmake -P) by the archbench_loadgen_git_stamp target: stamps the commit the
# load generator is built from, and whether tracked files differed from it, into build_info.cpp.
# configure_file rewrites the file only when the stamp changed, so a build with the same HEAD
# and the same dirty state recompiles nothing, and a new commit recompiles one file.
#   -DSOURCE_DIR=<repository> -DSTAGE=<build_info.cpp.stage> -DOUTPUT=<build_info.cpp>
set(ARCHBENCH_GIT_COMMIT "")
set(ARCHBENCH_GIT_DIRTY -1)  # unknown
execute_process(COMMAND git -C "${SOURCE_DIR}" rev-parse HEAD
                OUTPUT_VARIABLE commit RESULT_VARIABLE rc
                OUTPUT_STRIP_TRAILING_WHITESPACE ERROR_QUIET)
if(rc EQUAL 0 AND commit MATCHES "^[0-9a-f]+$")
  set(ARCHBENCH_GIT_COMMIT "${commit}")
  execute_process(COMMAND git -C "${SOURCE_DIR}" status --porcelain --untracked-files=no
                  OUTPUT_VARIABLE status RESULT_VARIABLE rc ERROR_QUIET)
  if(rc EQUAL 0)
    if(status STREQUAL "")
      set(ARCHBENCH_GIT_DIRTY 0)
    else()
      set(ARCHBENCH_GIT_DIRTY 1)
    endif()
  endif()
endif()
configure_file("${STAGE}" "${OUTPUT}" @ONLY)

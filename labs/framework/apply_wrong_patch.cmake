# Builds one wrong solution from its patch (cmake -P, run by the build): solution/<file> with
# wrong/<name>.patch applied, written to OUTPUT. The patch must apply exactly (no fuzz, no
# offset guessing beyond patch's own line search): a reference that changed under it stops the
# build here, with what to do, instead of a wrong answer that quietly tests something else.
#
# cmake -DPATCH_PROGRAM=/usr/bin/patch -DORIGINAL=<solution file> -DPATCH=<wrong/name.patch>
#       -DOUTPUT=<file to write> -P apply_wrong_patch.cmake
cmake_minimum_required(VERSION 3.25)

foreach(var PATCH_PROGRAM ORIGINAL PATCH OUTPUT)
  if(NOT DEFINED ${var})
    message(FATAL_ERROR "apply_wrong_patch.cmake: -D${var}=... is missing")
  endif()
endforeach()

file(REMOVE ${OUTPUT})
execute_process(
  COMMAND ${PATCH_PROGRAM} --silent --fuzz=0 --reject-file=- --no-backup-if-mismatch
          --output=${OUTPUT} ${ORIGINAL} ${PATCH}
  RESULT_VARIABLE status OUTPUT_VARIABLE output ERROR_VARIABLE output)
if(NOT status EQUAL 0)
  file(REMOVE ${OUTPUT})
  message(FATAL_ERROR
          "${PATCH} no longer applies to ${ORIGINAL} (the reference changed under it):\n"
          "${output}\n"
          "Make the same mistake in a copy of the new reference, then write the patch again:\n"
          "  diff -u --label solution/<file> --label 'wrong/<name> (<file>)' solution/<file> "
          "<copy>\n"
          "below the patch's comment lines (// replaces:, // caught by:, the WRONG paragraph).")
endif()

# bin/backends.json: the backends and benchmark variants registered with archbench_add_backend()
# and archbench_add_bench_variant() (cmake/ArchbenchHelpers.cmake), written at the end of the
# configure step. scripts/bench reads it (scripts/lib/benchlib/backends.py): one registration in
# CMake is all a new backend needs to be built and measured.
#
#   {"backends": [{"name": "hexagonal:sqlite", "pattern": "hexagonal",
#                  "binary": "archbench-hexagonal", "args": ["--store", "sqlite:{tmp}/ledger.db"],
#                  "servers": [], "default": true}, ...]}
#
# "args" keep the placeholders {tmp} (a fresh folder per run), {redis_port} and {nats_url};
# "servers" lists what the run needs started first ("redis" when the args name {redis_port},
# "nats" when they name {nats_url}). "default" is false for a variant registered ON_REQUEST:
# scripts/bench runs it when --backends names it, or with --full, so that the default run stays
# a first look of about ten minutes however many variants the patterns register.

# A CMake string as a JSON string literal.
function(_archbench_json_string out text)
  string(REPLACE "\\" "\\\\" text "${text}")
  string(REPLACE "\"" "\\\"" text "${text}")
  set(${out} "\"${text}\"" PARENT_SCOPE)
endfunction()

# One backends[] entry as JSON.
function(_archbench_backend_entry out name pattern args in_default_run)
  set(args_json "[]")
  set(i 0)
  foreach(arg IN LISTS args)
    _archbench_json_string(quoted "${arg}")
    string(JSON args_json SET "${args_json}" ${i} "${quoted}")
    math(EXPR i "${i} + 1")
  endforeach()
  set(servers "[]")
  if(args MATCHES "{redis_port}")
    set(servers "[\"redis\"]")
  endif()
  if(args MATCHES "{nats_url}")
    set(servers "[\"nats\"]")
  endif()
  set(entry "{}")
  string(JSON entry SET "${entry}" name "\"${name}\"")
  string(JSON entry SET "${entry}" pattern "\"${pattern}\"")
  string(JSON entry SET "${entry}" binary "\"$<TARGET_FILE_NAME:archbench-${pattern}>\"")
  string(JSON entry SET "${entry}" args "${args_json}")
  string(JSON entry SET "${entry}" servers "${servers}")
  string(JSON entry SET "${entry}" default "${in_default_run}")
  set(${out} "${entry}" PARENT_SCOPE)
endfunction()

# Called once, from the root CMakeLists.txt, after every pattern folder.
function(archbench_write_backend_list)
  get_property(patterns GLOBAL PROPERTY ARCHBENCH_BACKENDS)
  get_property(variants GLOBAL PROPERTY ARCHBENCH_BENCH_VARIANTS)
  string(ASCII 31 unit_separator)
  set(list "[]")
  set(n 0)
  foreach(pattern IN LISTS patterns)  # registration order: the order of runs and legends
    set(has_variants FALSE)
    foreach(variant IN LISTS variants)
      string(REPLACE "|" ";" parts "${variant}")
      list(GET parts 0 name)
      list(GET parts 1 backend)
      list(GET parts 2 args)
      list(GET parts 3 in_default_run)
      string(REPLACE "${unit_separator}" ";" args "${args}")
      if(backend STREQUAL pattern)
        _archbench_backend_entry(entry "${name}" "${pattern}" "${args}" ${in_default_run})
        string(JSON list SET "${list}" ${n} "${entry}")
        math(EXPR n "${n} + 1")
        set(has_variants TRUE)
      endif()
    endforeach()
    if(NOT has_variants)
      _archbench_backend_entry(entry "${pattern}" "${pattern}" "" true)
      string(JSON list SET "${list}" ${n} "${entry}")
      math(EXPR n "${n} + 1")
    endif()
  endforeach()
  foreach(variant IN LISTS variants)
    string(REPLACE "|" ";" parts "${variant}")
    list(GET parts 1 backend)
    if(NOT backend IN_LIST patterns)
      message(FATAL_ERROR "archbench_add_bench_variant: no archbench_add_backend(${backend})")
    endif()
  endforeach()
  set(json "{}")
  string(JSON json SET "${json}" generated_by
         "\"CMake: archbench_add_backend / archbench_add_bench_variant\"")
  string(JSON json SET "${json}" backends "${list}")
  file(GENERATE OUTPUT "${CMAKE_RUNTIME_OUTPUT_DIRECTORY}/backends.json" CONTENT "${json}\n")
endfunction()

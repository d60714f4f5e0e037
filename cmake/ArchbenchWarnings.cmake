# Warnings for our own targets (not for third-party headers), and the sanitizer switches.
add_library(archbench_warnings INTERFACE)
target_compile_options(archbench_warnings INTERFACE -Wall -Wextra -Wpedantic -Wshadow
                       -Wnon-virtual-dtor -Wold-style-cast -Wcast-align -Wunused
                       -Woverloaded-virtual -Wformat=2
                       # g++ 12 at -O3 warns falsely inside libstdc++ on `"x" + std::string(...)`
                       # (GCC bug 105329), as -Wrestrict or as -Wstringop-overflow (a memcpy
                       # "bound exceeds maximum object size" in char_traits); -Wall turns both
                       # on, so turn them off. The sanitizer stages check the real thing.
                       -Wno-restrict -Wno-stringop-overflow
                       # The same bug also comes as -Warray-bounds ("pointer overflow between
                       # offset [2, ...]"), but only at -O3: off in Release alone.
                       $<$<CONFIG:Release>:-Wno-array-bounds>)
# Not -Wnull-dereference: with g++ 12 at -O2 it reports false positives inside Asio's scheduler.

if(ARCHBENCH_WERROR)
  target_compile_options(archbench_warnings INTERFACE -Werror)
endif()

if(ARCHBENCH_SANITIZE)
  # The sanitizers' instrumentation makes g++ 12 report -Wmaybe-uninitialized inside libstdc++
  # (std::regex, std::function) where nothing is uninitialized; the debug build keeps the warning.
  target_compile_options(archbench_warnings INTERFACE -Wno-maybe-uninitialized)
  add_compile_options(-fsanitize=address,undefined -fno-omit-frame-pointer
                      -fno-sanitize-recover=undefined)
  add_link_options(-fsanitize=address,undefined)
endif()

if(ARCHBENCH_TSAN)
  if(ARCHBENCH_SANITIZE)
    message(FATAL_ERROR "ARCHBENCH_TSAN and ARCHBENCH_SANITIZE exclude each other (one runtime)")
  endif()
  # Same reason as above: instrumentation makes g++ 12 see maybe-uninitialized values in
  # libstdc++ that the debug build checks without it.
  target_compile_options(archbench_warnings INTERFACE -Wno-maybe-uninitialized)
  # Everything we compile is instrumented (our code, and the header-only Asio, GoogleTest
  # templates, nlohmann_json); the shared libraries (SQLite, hiredis) synchronise through the
  # pthread calls TSan intercepts.
  add_compile_options(-fsanitize=thread -fno-omit-frame-pointer)
  add_link_options(-fsanitize=thread)
  # TSan does not model std::atomic_thread_fence (g++ 12 says so: -Wtsan, an error here).
  # Asio puts fences around every handler it runs (std_fenced_block); the handler itself is
  # handed from thread to thread through the scheduler's mutex-protected queue, which TSan
  # does see. Without the fences Asio uses no-op blocks, and TSan reasons from the mutexes
  # instead of guessing around fences. Our own code must not use fences (-Wtsan keeps it so).
  target_compile_definitions(archbench_asio INTERFACE BOOST_ASIO_DISABLE_FENCED_BLOCK)
endif()

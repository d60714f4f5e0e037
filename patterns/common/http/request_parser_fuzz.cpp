// libFuzzer entry point for the request parser (build with -DARCHBENCH_FUZZ=ON and clang):
//   bin/archbench_request_parser_fuzz -max_total_time=60
// AddressSanitizer catches out-of-bounds reads; the invariants catch wrong answers.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string_view>

#include "common/http/request_parser_invariants.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  // The first byte, reused as a split point, makes the prefix check cover every offset.
  const std::size_t split = size > 0 ? data[0] * 131u + size / 2 : 0;
  if (const std::string broken = archbench::http::test::violated_invariant(input, split);
      !broken.empty()) {
    std::fprintf(stderr, "parser invariant broken: %s\n", broken.c_str());
    std::abort();
  }
  return 0;
}

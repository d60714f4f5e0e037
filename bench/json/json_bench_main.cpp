// json-bench: the workload's request bodies parsed and written by each JSON library, in GB/s
// and allocations per operation. Every parser's answer is first checked against the shared
// codec's, field by field, for every payload; a library that answers differently is not timed
// (the run fails). Run it from a Release build:
//   json-bench --benchmark_repetitions=5 --benchmark_format=json > json.json
//   /usr/bin/python3 bench/json/plot.py json.json out/json-bench
// Instructions per parse, deterministic on a loaded machine (see bench/json/README.md):
//   ARCHBENCH_JSON_PAYLOAD=batch_10000 valgrind --tool=callgrind
//     --toggle-collect='*SimdjsonOndemand::parse*' json-bench --benchmark_filter=ondemand
//     --benchmark_min_time=0     (one command: 4 parses, 2 to verify, 1 warm-up, 1 timed)
#include <benchmark/benchmark.h>

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <functional>
#include <string>
#include <vector>

#include "common/ledger/json_codec.hpp"
#include "common/testing/counting_allocator.hpp"
#include "json/libraries.hpp"
#include "json/payloads.hpp"

namespace archbench::json_bench {
namespace {

struct Library {
  const char* name;
  std::function<std::unique_ptr<Parser>()> make;
};

const std::vector<Library>& parsers() {
  static const std::vector<Library> kParsers = {
      {"nlohmann_dom", make_nlohmann_dom},
      {"shared_codec", make_shared_codec},
      {"simdjson_dom", make_simdjson_dom},
      {"simdjson_ondemand", make_simdjson_ondemand},
  };
  return kParsers;
}

using Serialiser = void (*)(PayloadKind, const Fields&, std::string&);
struct Writer {
  const char* name;
  Serialiser write;
};
const Writer kWriters[] = {{"nlohmann_dump", serialise_nlohmann}, {"by_hand", serialise_by_hand}};

bool same(const Fields& a, const Fields& b) {
  return a.deposit_amount == b.deposit_amount && a.deposit_request_id == b.deposit_request_id &&
         a.transfers == b.transfers;
}

// Check the answer before timing it: every parser against the shared codec, every writer's
// output read back by the codec. False (with a message) on any difference.
bool verify(const std::vector<Payload>& payloads) {
  bool ok = true;
  for (const Payload& payload : payloads) {
    Fields reference;
    auto codec = make_shared_codec();
    if (!codec->parse(payload, reference) ||
        (payload.kind() != PayloadKind::deposit && reference.transfers.empty())) {
      std::fprintf(stderr, "verify: the shared codec refuses %s\n", payload.name().c_str());
      return false;
    }
    for (const Library& library : parsers()) {
      Fields fields;
      auto parser = library.make();
      for (int pass = 0; pass < 2; ++pass) {  // twice: a reused parser must answer the same
        if (!parser->parse(payload, fields) || !same(fields, reference)) {
          std::fprintf(stderr, "verify: %s reads %s differently from the shared codec\n",
                       library.name, payload.name().c_str());
          ok = false;
        }
      }
    }
    for (const Writer& writer : kWriters) {
      std::string text;
      writer.write(payload.kind(), reference, text);
      text.append(64, ' ');  // the padding our parsers expect
      const Payload reread(payload.name(), payload.kind(), text.substr(0, text.size() - 64));
      Fields fields;
      if (!make_shared_codec()->parse(reread, fields) || !same(fields, reference)) {
        std::fprintf(stderr, "verify: %s writes %s wrong\n", writer.name, payload.name().c_str());
        ok = false;
      }
    }
  }
  return ok;
}

// Reports bytes processed (GB/s) and allocations per operation.
template <class Operation>
void measure(benchmark::State& state, std::size_t bytes, Operation operation) {
  const std::uint64_t before = alloc::allocations();
  for (auto _ : state) operation();
  const std::uint64_t allocated = alloc::allocations() - before;
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * bytes));
  state.counters["allocs_per_op"] =
      benchmark::Counter(static_cast<double>(allocated), benchmark::Counter::kAvgIterations);
}

void register_benchmarks(const std::vector<Payload>& payloads) {
  for (const Payload& payload : payloads) {
    for (const Library& library : parsers()) {
      benchmark::RegisterBenchmark(("parse/" + payload.name() + "/" + library.name).c_str(),
                                   [&payload, &library](benchmark::State& state) {
                                     auto parser = library.make();
                                     Fields fields;
                                     parser->parse(
                                         payload, fields);  // warm-up: buffers at their steady size
                                     measure(state, payload.body().size(), [&] {
                                       const bool ok = parser->parse(payload, fields);
                                       benchmark::DoNotOptimize(ok);
                                       benchmark::DoNotOptimize(fields.transfers.data());
                                     });
                                   });
    }
    for (const Writer& writer : kWriters) {
      benchmark::RegisterBenchmark(
          ("serialise/" + payload.name() + "/" + writer.name).c_str(),
          [&payload, &writer](benchmark::State& state) {
            Fields fields;
            auto codec = make_shared_codec();
            codec->parse(payload, fields);  // the views stay valid: the codec is not reused
            std::string out;
            writer.write(payload.kind(), fields, out);
            measure(state, out.size(), [&] {
              writer.write(payload.kind(), fields, out);
              benchmark::DoNotOptimize(out.data());
            });
          });
    }
  }
}

}  // namespace
}  // namespace archbench::json_bench

int main(int argc, char** argv) {
  using namespace archbench::json_bench;
  static std::vector<Payload> payloads = make_payloads();
  // ARCHBENCH_JSON_PAYLOAD=batch_10000 keeps one payload (verification included): for
  // instruction counts under callgrind, where every parse counts.
  if (const char* only = std::getenv("ARCHBENCH_JSON_PAYLOAD")) {
    std::erase_if(payloads, [only](const Payload& payload) { return payload.name() != only; });
  }
  if (!verify(payloads)) return 1;
  std::fprintf(stderr, "verified: every parser reads every payload as the shared codec does\n");
  register_benchmarks(payloads);
  benchmark::AddCustomContext("archbench_build_type", ARCHBENCH_BUILD_TYPE);
  for (const Payload& payload : payloads) {
    benchmark::AddCustomContext("bytes_" + payload.name(), std::to_string(payload.body().size()));
  }
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}

// archbench-micro: each backend's request path driven in-process, one benchmark per workload
// and backend ("transfer/hexagonal-memory"): the cost of the architecture alone, without the
// sockets, the kernel and the load generator that dominate an HTTP run on this machine.
//
// Every benchmark first checks the backend's answers against the baseline's (verification.hpp)
// and refuses to time a backend that answers wrong; the exit code is then 1. The output is
// Google Benchmark's own (--benchmark_format=json, --benchmark_out=FILE).
#include <benchmark/benchmark.h>

#include <cstdint>
#include <exception>
#include <iostream>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "common/ledger/testing/in_process_client.hpp"
#include "micro/backends.hpp"
#include "micro/ledger_script.hpp"
#include "micro/verification.hpp"

namespace archbench::micro {
namespace {

int g_failures = 0;  // benchmarks refused: makes the exit code 1

// The baseline's transcript of `workload` once, then each backend's verdict once: Google
// Benchmark calls a benchmark function several times while it picks an iteration count.
std::optional<std::string> verify(const Backend& backend, Workload workload) {
  static std::map<Workload, Transcript> expected;
  static std::map<std::pair<std::string_view, Workload>, std::optional<std::string>> verdicts;
  const auto key = std::make_pair(backend.name, workload);
  if (const auto known = verdicts.find(key); known != verdicts.end()) return known->second;

  auto reference = expected.find(workload);
  if (reference == expected.end()) {
    const Backend& baseline = backends().front();
    const auto service = baseline.make();
    reference = expected.emplace(workload, record_transcript(*service, "baseline", workload)).first;
  }
  const auto service = backend.make();
  const auto transcript = record_transcript(*service, std::string(backend.name), workload);
  return verdicts[key] = first_difference(reference->second, transcript);
}

// Requests rendered ahead of the timed loop, outside the timing: a batch body is ~100 KB.
std::size_t chunk_size(Workload workload) { return workload == Workload::transfer_batch ? 1 : 256; }

void run(benchmark::State& state, const Backend& backend, Workload workload) {
  auto refuse = [&](const std::string& why) {
    ++g_failures;
    std::cerr << "archbench-micro: " << workload_name(workload) << '/' << backend.name << ": "
              << why << '\n';
    state.SkipWithError(why.c_str());
  };
  try {
    if (const auto difference = verify(backend, workload)) {
      refuse("answers differ from the baseline's: " + *difference);
      return;
    }
    const auto service = backend.make();
    InProcessClient client(*service, std::string(backend.name));
    const auto account_ids = set_up_ledger(client);
    RequestGenerator stream(workload, account_ids, kStreamSeed, std::string(kStreamTag));
    std::vector<PaddedRequest> chunk(chunk_size(workload));

    std::int64_t requests = 0;
    std::int64_t bytes = 0;
    bool failed = false;
    while (!failed &&
           state.KeepRunningBatch(static_cast<benchmark::IterationCount>(chunk.size()))) {
      state.PauseTiming();
      for (auto& request : chunk) stream.next(request);
      state.ResumeTiming();
      for (const auto& request : chunk) {
        const http::Response& response = client.send(request);
        // One comparison per request keeps the timed answers honest too: the script never
        // makes a backend refuse anything.
        if (response.status < 200 || response.status >= 300) {
          refuse(request.describe() + " answered " + std::to_string(response.status) + " " +
                 response.body.substr(0, 300));
          failed = true;
          break;
        }
        bytes += static_cast<std::int64_t>(request.bytes() + response.body.size());
      }
      requests += static_cast<std::int64_t>(chunk.size());
    }
    if (failed) return;
    // Rates per second of the benchmark's time (process CPU time: see register_benchmarks).
    state.counters["requests_per_second"] =
        benchmark::Counter(static_cast<double>(requests), benchmark::Counter::kIsRate);
    if (workload == Workload::transfer_batch) {
      state.counters["transfers_per_second"] = benchmark::Counter(
          static_cast<double>(requests) * kBatchSize, benchmark::Counter::kIsRate);
    }
    state.SetBytesProcessed(bytes);  // request (method, target, body) + response body
  } catch (const std::exception& e) {
    refuse(e.what());
  }
}

void register_benchmarks() {
  for (const Workload workload : kWorkloads) {
    for (const Backend& backend : backends()) {
      const std::string name =
          std::string(workload_name(workload)) + "/" + std::string(backend.name);
      benchmark::RegisterBenchmark(name.c_str(), run, backend, workload)
          ->Unit(benchmark::kMicrosecond)
          // The CPU time of the whole process, not the wall-clock: it charges a backend for work
          // it hands to other threads, yet hardly moves when other programs load the machine.
          ->MeasureProcessCPUTime();
    }
  }
}

}  // namespace
}  // namespace archbench::micro

int main(int argc, char** argv) {
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  // The context says how archbench was built. Its library_build_type field describes Debian's
  // libbenchmark package (built as "debug"), not this code.
  benchmark::AddCustomContext("archbench_build_type", ARCHBENCH_BUILD_TYPE);
  benchmark::AddCustomContext(
      "archbench_ledger",
      "accounts=" + std::to_string(archbench::micro::kAccounts) +
          " history_transfers=" + std::to_string(archbench::micro::kHistoryTransfers) +
          " batch_size=" + std::to_string(archbench::micro::kBatchSize) +
          " list_limit=" + std::to_string(archbench::micro::kListLimit) +
          " seed=" + std::to_string(archbench::micro::kSeed));
  archbench::micro::register_benchmarks();
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return archbench::micro::g_failures == 0 ? 0 : 1;
}

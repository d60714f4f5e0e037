// The result document of a real run: its series, its endpoints, its histograms (which reload
// exactly) and its files. That it holds to result_schema.json is checked with python3-jsonschema
// against the real binary's output (result_schema_check.py, ctest loadgen.result_schema).
#include "loadgen/result_json.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "loadgen/benchmark_run.hpp"
#include "loadgen/fake_ledger.hpp"
#include "loadgen/output_files.hpp"

namespace archbench::loadgen {
namespace {

std::string joined(const std::vector<std::string>& errors) {
  std::string out;
  for (const auto& e : errors) {
    out += e + "\n";
  }
  return out;
}

// One short run against the fake ledger, shared by the tests below.
const RunReport& sample_report() {
  static const RunReport report = [] {
    const testing::FakeLedger ledger;
    Settings s;
    s.port = ledger.port();
    s.quiet = true;
    s.backend_name = "fake";
    s.workload.name = "schema-test";
    s.workload.accounts = 20;
    s.workload.mix = {2, 1, 2, 0, 0, 0};
    s.workload.mode = LoopMode::open;
    s.workload.rate = 400;
    s.workload.arrival = Arrival::poisson;
    s.workload.connections = 2;
    s.workload.warmup_s = 0.1;
    s.workload.duration_s = 1.5;
    std::ostringstream log;
    return execute(s, log);
  }();
  return report;
}

TEST(ResultJson, ResultOfARealRun) {
  const RunReport& report = sample_report();
  ASSERT_FALSE(report.failed) << joined(report.failures);
  const nlohmann::json result = result_to_json(report);
  EXPECT_EQ(result["status"], "ok");
  EXPECT_EQ(result["series"]["seconds"].size(), 2u);  // 1.5 s: one whole second and a half
  EXPECT_EQ(result["series"]["seconds"][1]["length_s"], 0.5);
  EXPECT_TRUE(result["figures"]["endpoints"].contains("transfer"));
  EXPECT_FALSE(result["figures"]["endpoints"].contains("transfer_batch"));  // weight 0
}

TEST(ResultJson, FailedRunWithoutLoad) {
  Settings s;
  s.port = 1;  // nothing listens there
  s.quiet = true;
  s.workload.accounts = 10;
  s.workload.mix = {1, 0, 0, 0, 0, 0};
  std::ostringstream log;
  const RunReport report = execute(s, log);
  ASSERT_TRUE(report.failed);
  const nlohmann::json result = result_to_json(report);
  EXPECT_EQ(result["status"], "failed");
  EXPECT_TRUE(result["figures"].is_null());
}

TEST(ResultJson, HistogramsReloadExactly) {
  const RunReport& report = sample_report();
  const nlohmann::json result = result_to_json(report);
  const Histogram original = report.load->stats.corrected_with_tail();
  const Histogram reloaded = histogram_from_json(result["histograms"]["latency"]);
  EXPECT_EQ(reloaded, original);
  EXPECT_GT(reloaded.total_count(), 0);
  // And through text: what a reader of the file gets.
  const Histogram from_text =
      histogram_from_json(nlohmann::json::parse(result["histograms"]["latency"].dump()));
  EXPECT_EQ(from_text, original);
  EXPECT_EQ(result["figures"]["latency"]["p99_us"].get<double>(),
            static_cast<double>(original.value_at_percentile(99)) / 1000.0);
}

TEST(ResultJson, OutputFilesAreWritten) {
  const auto dir = std::filesystem::temp_directory_path() / "archbench_loadgen_output_test";
  std::filesystem::remove_all(dir);
  const auto written = write_outputs(sample_report(), (dir / "run").string());
  EXPECT_TRUE(std::filesystem::exists(dir / "run.json"));
  EXPECT_TRUE(std::filesystem::exists(dir / "run.hgrm"));
  EXPECT_TRUE(std::filesystem::exists(dir / "run.uncorrected.hgrm"));
  EXPECT_TRUE(std::filesystem::exists(dir / "run.transfer.hgrm"));
  std::ifstream in(dir / "run.json");
  EXPECT_EQ(nlohmann::json::parse(in)["schema_version"], kResultSchemaVersion);
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace archbench::loadgen

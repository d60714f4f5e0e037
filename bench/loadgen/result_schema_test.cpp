// The result file holds to result_schema.json (the contract scripts/plot and scripts/bench read),
// its histograms reload exactly, and the validator itself catches a broken document.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "loadgen/benchmark_run.hpp"
#include "loadgen/fake_ledger.hpp"
#include "loadgen/output_files.hpp"
#include "loadgen/result_json.hpp"
#include "loadgen/schema_validator.hpp"

namespace archbench::loadgen {
namespace {

nlohmann::json load_schema() {
  std::ifstream in(std::string(ARCHBENCH_LOADGEN_SOURCE_DIR) + "/result_schema.json");
  return nlohmann::json::parse(in);
}

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

TEST(ResultSchema, ResultOfARealRunValidates) {
  const RunReport& report = sample_report();
  ASSERT_FALSE(report.failed) << joined(report.failures);
  const nlohmann::json result = result_to_json(report);
  EXPECT_EQ(joined(testing::validate_against_schema(result, load_schema())), "");
  EXPECT_EQ(result["status"], "ok");
  EXPECT_EQ(result["series"]["seconds"].size(), 2u);  // 1.5 s: one whole second and a half
  EXPECT_EQ(result["series"]["seconds"][1]["length_s"], 0.5);
  EXPECT_TRUE(result["figures"]["endpoints"].contains("transfer"));
  EXPECT_FALSE(result["figures"]["endpoints"].contains("transfer_batch"));  // weight 0
}

TEST(ResultSchema, FailedRunWithoutLoadValidatesToo) {
  Settings s;
  s.port = 1;  // nothing listens there
  s.quiet = true;
  s.workload.accounts = 10;
  s.workload.mix = {1, 0, 0, 0, 0, 0};
  std::ostringstream log;
  const RunReport report = execute(s, log);
  ASSERT_TRUE(report.failed);
  const nlohmann::json result = result_to_json(report);
  EXPECT_EQ(joined(testing::validate_against_schema(result, load_schema())), "");
  EXPECT_EQ(result["status"], "failed");
  EXPECT_TRUE(result["figures"].is_null());
}

TEST(ResultSchema, ValidatorCatchesMissingAndMistypedFields) {
  nlohmann::json result = result_to_json(sample_report());
  result.erase("metadata");
  result["figures"]["throughput_rps"] = "fast";
  result["figures"]["latency"]["p99_us"] = -0.0;  // a number: still fine
  result["surprise"] = 1;
  const auto errors = testing::validate_against_schema(result, load_schema());
  const std::string all = joined(errors);
  EXPECT_NE(all.find("missing required 'metadata'"), std::string::npos) << all;
  EXPECT_NE(all.find("/figures/throughput_rps: expected type"), std::string::npos) << all;
  EXPECT_NE(all.find("unexpected property 'surprise'"), std::string::npos) << all;
  EXPECT_EQ(errors.size(), 3u) << all;
}

TEST(ResultSchema, HistogramsReloadExactly) {
  const RunReport& report = sample_report();
  const nlohmann::json result = result_to_json(report);
  const Histogram original = report.load->stats.all_endpoints(&EndpointStats::corrected);
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

TEST(ResultSchema, OutputFilesAreWritten) {
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

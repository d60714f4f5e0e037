// Workloads: the shipped files load and validate, a typo is refused, the request sequence is a
// function of the seed, Zipf keys are skewed as the formula says, arrivals have the right rate.
#include "loadgen/workload.hpp"

#include <gtest/gtest.h>

#include <array>
#include <cmath>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <set>
#include <stdexcept>
#include <string>
#include <vector>

#include "loadgen/arrival_schedule.hpp"
#include "loadgen/key_sampler.hpp"
#include "loadgen/request_generator.hpp"

namespace archbench::loadgen {
namespace {

Workload mixed_workload(std::uint64_t seed) {
  Workload w;
  w.seed = seed;
  w.accounts = 100;
  w.mix = {4, 1, 3, 1, 1, 0};  // every account endpoint, batches included
  w.batch_size = 3;
  return w;
}

std::vector<std::string> account_ids(std::size_t n) {
  std::vector<std::string> ids;
  for (std::size_t i = 0; i < n; ++i) {
    ids.push_back("acc" + std::to_string(i));
  }
  return ids;
}

std::vector<std::string> first_requests(const Workload& w, std::uint64_t stream, int count) {
  const RequestPlan plan(w, account_ids(static_cast<std::size_t>(w.accounts)), "127.0.0.1:1",
                         "tag");
  RequestGenerator gen(plan, stream);
  std::vector<std::string> out(static_cast<std::size_t>(count));
  GeneratedRequest what;
  for (auto& request : out) {
    gen.next(request, what);
  }
  return out;
}

TEST(Workload, ShippedWorkloadFilesLoadAndValidate) {
  int files = 0;
  for (const auto& entry : std::filesystem::directory_iterator(ARCHBENCH_WORKLOADS_DIR)) {
    if (entry.path().extension() != ".json") {
      continue;
    }
    SCOPED_TRACE(entry.path().string());
    const Workload w = load_workload_file(entry.path().string());
    EXPECT_NO_THROW(validate(w));
    EXPECT_EQ(w.name, entry.path().stem().string());
    // to_json and back is the identity: the result file records the workload faithfully.
    EXPECT_EQ(to_json(workload_from_json(to_json(w))), to_json(w));
    ++files;
  }
  EXPECT_GE(files, 5);
}

TEST(Workload, UnknownFieldsAndBadValuesAreRefused) {
  EXPECT_THROW(workload_from_json(nlohmann::json{{"conections", 4}}), std::runtime_error);
  EXPECT_THROW(workload_from_json(nlohmann::json{{"mix", {{"get_acount", 1}}}}),
               std::runtime_error);
  EXPECT_THROW(workload_from_json(nlohmann::json{{"mode", "half-open"}}), std::runtime_error);
  Workload w = mixed_workload(1);
  w.mode = LoopMode::open;
  w.rate = 0;
  EXPECT_THROW(validate(w), std::runtime_error);  // open loop needs a rate
}

TEST(Workload, SameSeedSameRequestSequence) {
  const auto a = first_requests(mixed_workload(42), 0, 500);
  const auto b = first_requests(mixed_workload(42), 0, 500);
  EXPECT_EQ(a, b);
}

TEST(Workload, DifferentSeedOrConnectionDifferentSequence) {
  const auto a = first_requests(mixed_workload(42), 0, 100);
  EXPECT_NE(a, first_requests(mixed_workload(43), 0, 100));
  EXPECT_NE(a, first_requests(mixed_workload(42), 1, 100));
}

TEST(Workload, RequestsFollowTheMixAndCarryUniqueRequestIds) {
  const Workload w = mixed_workload(7);
  const RequestPlan plan(w, account_ids(100), "127.0.0.1:1", "tag");
  RequestGenerator gen(plan, 3);
  std::array<int, kEndpointCount> seen{};
  std::string request;
  std::set<std::string> ids;
  GeneratedRequest r;
  for (int i = 0; i < 10'000; ++i) {
    gen.next(request, r);
    ++seen[static_cast<std::size_t>(r.endpoint)];
    if (r.endpoint == Endpoint::deposit) {
      EXPECT_GE(r.deposit_amount, w.deposit_min);
      EXPECT_LE(r.deposit_amount, w.deposit_max);
      // The account the ledger check will credit is the one in the path.
      EXPECT_NE(request.find("/accounts/" + plan.account_ids[r.account] + "/deposits"),
                std::string::npos);
    }
    if (r.endpoint == Endpoint::transfer) {
      ASSERT_EQ(r.transfers.size(), 1u);
      const TransferItem& t = r.transfers[0];
      const std::string expected = R"({"from":")" + plan.account_ids[t.from] + R"(","to":")" +
                                   plan.account_ids[t.to] + R"(","amount":)" +
                                   std::to_string(t.amount) + ",";
      EXPECT_NE(request.find(expected), std::string::npos) << request;
    }
    // Every request is complete HTTP with a correct Content-Length.
    const auto head_end = request.find("\r\n\r\n");
    ASSERT_NE(head_end, std::string::npos);
    const auto length_at = request.find("Content-Length: ");
    if (length_at != std::string::npos) {
      EXPECT_EQ(std::stoul(request.substr(length_at + 16)), request.size() - head_end - 4);
      const auto body = nlohmann::json::parse(request.substr(head_end + 4));
      auto collect = [&](const nlohmann::json& item) {
        EXPECT_TRUE(ids.insert(item["request_id"].get<std::string>()).second);
        if (item.contains("from")) {
          EXPECT_NE(item["from"], item["to"]);
        }
      };
      if (body.contains("transfers")) {
        EXPECT_EQ(body["transfers"].size(), 3u);
        for (const auto& t : body["transfers"]) {
          collect(t);
        }
      } else {
        collect(body);
      }
    }
  }
  // 4:1:3:1:1 of 10,000, to within a few standard deviations.
  EXPECT_NEAR(seen[0], 4000, 200);
  EXPECT_NEAR(seen[1], 1000, 120);
  EXPECT_NEAR(seen[2], 3000, 200);
  EXPECT_NEAR(seen[3], 1000, 120);
  EXPECT_NEAR(seen[4], 1000, 120);
  EXPECT_EQ(seen[5], 0);
}

TEST(KeySampler, ZipfMatchesItsDistribution) {
  const std::size_t n = 10'000;
  const KeySampler zipf = KeySampler::zipf(n, 0.99);
  // P(k) proportional to 1/(k+1)^0.99: key 0 takes ~10% here, and twice key 1's share.
  double harmonic = 0;
  for (std::size_t k = 1; k <= n; ++k) {
    harmonic += 1.0 / std::pow(static_cast<double>(k), 0.99);
  }
  EXPECT_NEAR(zipf.probability(0), 1.0 / harmonic, 1e-9);
  EXPECT_NEAR(zipf.probability(0) / zipf.probability(1), std::pow(2.0, 0.99), 1e-9);

  Rng rng(11);
  std::vector<int> hits(n);
  const int draws = 200'000;
  for (int i = 0; i < draws; ++i) {
    ++hits[zipf.sample(rng)];
  }
  for (std::size_t k : {0u, 1u, 9u, 99u}) {
    const double expected = zipf.probability(k) * draws;
    EXPECT_NEAR(hits[k], expected, 5 * std::sqrt(expected)) << "key " << k;
  }
  // The hottest 1% of keys take more than half the traffic; uniform would give them 1%.
  int top = 0;
  for (std::size_t k = 0; k < n / 100; ++k) {
    top += hits[k];
  }
  EXPECT_GT(top, draws / 2);
}

TEST(KeySampler, UniformIsFlat) {
  const KeySampler uniform = KeySampler::uniform(10);
  Rng rng(5);
  std::array<int, 10> hits{};
  for (int i = 0; i < 100'000; ++i) {
    ++hits[uniform.sample(rng)];
  }
  for (int h : hits) {
    EXPECT_NEAR(h, 10'000, 500);
  }
}

TEST(ArrivalSchedule, ConstantAndPoissonHaveTheRate) {
  ArrivalSchedule constant(Arrival::constant, 1000.0, 500, 1);
  for (int i = 0; i < 1000; ++i) {
    constant.advance();
  }
  EXPECT_EQ(constant.next(), 500 + 1'000'000'000);  // 1000 gaps of 1 ms, no drift

  ArrivalSchedule poisson(Arrival::poisson, 1000.0, 0, 1);
  for (int i = 0; i < 100'000; ++i) {
    poisson.advance();
  }
  EXPECT_NEAR(static_cast<double>(poisson.next()) / 1e9, 100.0, 1.5);  // mean gap 1 ms
  ArrivalSchedule same(Arrival::poisson, 1000.0, 0, 1);
  ArrivalSchedule other(Arrival::poisson, 1000.0, 0, 2);
  same.advance();
  other.advance();
  ArrivalSchedule again(Arrival::poisson, 1000.0, 0, 1);
  again.advance();
  EXPECT_EQ(same.next(), again.next());
  EXPECT_NE(same.next(), other.next());
}

}  // namespace
}  // namespace archbench::loadgen

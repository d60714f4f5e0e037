// The shared front: unknown routes (404), known paths with another method (405 + Allow),
// /health, /metrics, and bodies hostile enough to crash a careless parser.
#include <algorithm>
#include <map>
#include <set>
#include <sstream>
#include <thread>

#include "common/conformance/ledger_fixture.hpp"

namespace archbench::conformance {
namespace {

using ::testing::AnyOf;
using ::testing::HasSubstr;
using ::testing::StartsWith;

// The archbench_requests_total series of a /metrics page: (route, status) -> count, plus the
// backend labels seen.
struct RequestCounts {
  std::map<std::pair<std::string, std::string>, double> counts;
  std::set<std::string> backends;
  std::vector<std::string> malformed;  // series lines that could not be read

  [[nodiscard]] double of(const std::string& route, int status) const {
    auto it = counts.find({route, std::to_string(status)});
    return it == counts.end() ? 0 : it->second;
  }
};

// Reads `name{label="value",...} number` lines of the Prometheus text format.
RequestCounts parse_request_counts(const std::string& text) {
  RequestCounts result;
  std::istringstream lines(text);
  for (std::string line; std::getline(lines, line);) {
    if (!line.starts_with("archbench_requests_total{")) continue;
    const std::size_t close = line.find('}');
    if (close == std::string::npos) {
      result.malformed.push_back(line);
      continue;
    }
    std::map<std::string, std::string> labels;
    std::string_view rest(line);
    rest = rest.substr(std::string_view("archbench_requests_total{").size(),
                       close - std::string_view("archbench_requests_total{").size());
    while (!rest.empty()) {
      const std::size_t eq = rest.find("=\"");
      const std::size_t end = eq == std::string_view::npos ? eq : rest.find('"', eq + 2);
      if (end == std::string_view::npos) break;
      labels[std::string(rest.substr(0, eq))] = std::string(rest.substr(eq + 2, end - eq - 2));
      rest.remove_prefix(end + 1);
      if (!rest.empty() && rest.front() == ',') rest.remove_prefix(1);
    }
    try {
      const double value = std::stod(line.substr(close + 1));
      result.counts[{labels["route"], labels["status"]}] += value;
      result.backends.insert(labels["backend"]);
    } catch (const std::exception&) {
      result.malformed.push_back(line);
    }
  }
  return result;
}

class Errors : public LedgerTest {
 protected:
  RequestCounts metrics() {
    auto r = http().get("/metrics");
    EXPECT_EQ(r.status, 200) << r.body;
    return parse_request_counts(r.body);
  }
  // Counters may be bumped just after the answer leaves; wait (bounded) until `route`/`status`
  // reaches `at_least`, then return the page.
  RequestCounts metrics_once(const std::string& route, int status, double at_least) {
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(5);
    RequestCounts counts = metrics();
    while (counts.of(route, status) < at_least && std::chrono::steady_clock::now() < deadline) {
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
      counts = metrics();
    }
    return counts;
  }
};

TEST_F(Errors, UnknownRoutesAre404NotFound) {
  const std::string account = new_account();
  const std::vector<std::pair<std::string, std::string>> requests = {
      {"GET", "/"},
      {"GET", "/nope"},
      {"POST", "/nope"},
      {"GET", "/healthz"},
      {"GET", "/account"},
      {"GET", "/accounts/" + account + "/nope"},
      {"POST", "/accounts/" + account + "/deposits/extra"},
      {"GET", "/transfers/" + account},
      {"POST", "/transfers/batch/extra"},
      {"DELETE", "/metrics/x"},
  };
  for (const auto& [method, path] : requests) {
    EXPECT_THAT(http().send(method, path), IsError(404, "not_found")) << method << ' ' << path;
  }
}

// Splits "GET, POST" into {"GET", "POST"}.
std::set<std::string> allowed_methods(const std::string& allow) {
  std::set<std::string> methods;
  std::istringstream parts(allow);
  for (std::string method; std::getline(parts, method, ',');) {
    method.erase(0, method.find_first_not_of(" \t"));
    method.erase(method.find_last_not_of(" \t") + 1);
    if (!method.empty()) methods.insert(method);
  }
  return methods;
}

TEST_F(Errors, KnownPathsWithAnotherMethodAre405WithAllow) {
  const std::string account = new_account();
  struct Case {
    std::string method, path;
    std::set<std::string> allow;
  };
  const std::vector<Case> cases = {
      {"GET", "/accounts", {"POST"}},
      {"DELETE", "/accounts", {"POST"}},
      {"POST", "/accounts/" + account, {"GET"}},
      {"DELETE", "/accounts/" + account, {"GET"}},
      {"PUT", "/accounts/" + account, {"GET"}},
      {"GET", "/accounts/" + account + "/deposits", {"POST"}},
      {"POST", "/accounts/" + account + "/transactions", {"GET"}},
      {"GET", "/transfers", {"POST"}},
      {"PATCH", "/transfers", {"POST"}},
      {"GET", "/transfers/batch", {"POST"}},
      {"POST", "/health", {"GET"}},
      {"POST", "/metrics", {"GET"}},
      {"BREW", "/health", {"GET"}},
  };
  for (const auto& c : cases) {
    auto r = http().send(c.method, c.path, c.method == "GET" ? "" : "{}");
    EXPECT_THAT(r, IsError(405, "method_not_allowed")) << c.method << ' ' << c.path;
    EXPECT_EQ(allowed_methods(r.header("allow")), c.allow)
        << c.method << ' ' << c.path << ": Allow: \"" << r.header("allow") << '"';
  }
  EXPECT_EQ(balance(account), 0);
}

TEST_F(Errors, HealthIs200Ok) {
  auto r = http().get("/health");
  ASSERT_THAT(r, IsJson(200));
  EXPECT_EQ(r.body_json, json({{"status", "ok"}}));
}

TEST_F(Errors, MetricsIsPrometheusText) {
  http().get("/health");
  auto r = http().get("/metrics");
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_THAT(r.header("content-type"), StartsWith("text/plain"));
  EXPECT_THAT(r.header("content-type"), HasSubstr("version=0.0.4"));
  const RequestCounts counts = parse_request_counts(r.body);
  EXPECT_TRUE(counts.malformed.empty()) << counts.malformed.front();
  EXPECT_GE(counts.of("health", 200), 1) << r.body;
  ASSERT_FALSE(counts.backends.empty()) << r.body;
  EXPECT_EQ(counts.backends.count(""), 0u) << "a series without a backend label:\n" << r.body;
  EXPECT_EQ(counts.backends.size(), 1u) << r.body;
}

TEST_F(Errors, MetricsCountEveryRouteAndStatusSeen) {
  const std::string a = funded_account(100);  // create_account 201, deposit 201
  const std::string b = new_account();
  http().get(account_path(a));                                            // get_account 200
  http().get(account_path("ghost"));                                      // get_account 404
  http().get(transactions_path(a));                                       // list_transactions 200
  http().get(transactions_path(a, "0"));                                  // list_transactions 400
  http().post("/transfers", transfer_body(a, b, 10, "EUR", "t"));         // transfer 201
  http().post("/transfers", transfer_body(a, b, 1000, "EUR", "t2"));      // transfer 409
  http().post("/transfers/batch", json{{"transfers", json::array()}});    // transfer_batch 200
  http().post("/accounts", json{{"owner", "Ada"}, {"currency", "eur"}});  // create_account 422
  http().post(deposits_path(a), deposit_body(0, "d"));                    // deposit 422
  http().get("/health");                                                  // health 200
  http().get("/no/such/route");                                           // unknown 404
  http().get("/metrics");                                                 // metrics 200

  const RequestCounts counts = metrics_once("unknown", 404, 1);
  const std::vector<std::tuple<std::string, int, double>> expected = {{"create_account", 201, 2},
                                                                      {"create_account", 422, 1},
                                                                      {"deposit", 201, 1},
                                                                      {"deposit", 422, 1},
                                                                      {"get_account", 200, 1},
                                                                      {"get_account", 404, 1},
                                                                      {"list_transactions", 200, 1},
                                                                      {"list_transactions", 400, 1},
                                                                      {"transfer", 201, 1},
                                                                      {"transfer", 409, 1},
                                                                      {"transfer_batch", 200, 1},
                                                                      {"health", 200, 1},
                                                                      {"unknown", 404, 1}};
  for (const auto& [route, status, count] : expected) {
    EXPECT_EQ(counts.of(route, status), count) << route << ' ' << status;
  }
  EXPECT_GE(counts.of("metrics", 200), 1);
}

TEST_F(Errors, MetricsCountsGrowWithRequests) {
  const double before = metrics().of("health", 200);
  constexpr int kRequests = 7;
  for (int i = 0; i < kRequests; ++i) ASSERT_THAT(http().get("/health"), IsJson(200));
  const RequestCounts after = metrics_once("health", 200, before + kRequests);
  EXPECT_EQ(after.of("health", 200), before + kRequests);
  // /metrics counts itself too: at least the two earlier pages.
  EXPECT_GE(after.of("metrics", 200), 1);
}

TEST_F(Errors, RefusalsCarryAStableCodeAndAMessage) {
  // The shape itself is checked by IsError everywhere; here, the message says something useful
  // enough to hold more than the code alone.
  const std::string a = funded_account(500);
  const std::string b = new_account();
  auto r = http().post("/transfers", transfer_body(a, b, 1250, "EUR", "t"));
  ASSERT_THAT(r, IsError(409, "insufficient_funds"));
  EXPECT_GT(r.body_json["error"]["message"].get<std::string>().size(), 0u);
  EXPECT_EQ(r.body_json.size(), 1u) << "only the error object: " << r.body;
}

TEST_F(Errors, HostileBodiesAreRefusedWithoutHarm) {
  const std::string account = funded_account(100);
  const std::vector<std::string> bodies = {
      std::string(100'000, '['),                            // unclosed, deep
      std::string(10'000, '[') + std::string(10'000, ']'),  // deep, and not an object
      std::string(50'000, '{'),
      R"({"owner":")" + std::string(1'000'000, 'a') + R"(","currency":"EUR"})",  // owner too long
      std::string("\0\0\0\0", 4),
      "\xFF\xFE\xFD",
      R"({"owner":"\ud800","currency":"EUR)",
      R"({"amount":-,"request_id":"x"})",
  };
  for (const auto& body : bodies) {
    for (const std::string& path : {std::string("/accounts"), deposits_path(account),
                                    std::string("/transfers"), std::string("/transfers/batch")}) {
      auto r = http().post(path, body);
      EXPECT_THAT(r, IsError(400, "bad_request")) << path << " with " << body.substr(0, 40);
    }
  }
  EXPECT_THAT(http().get("/health"), IsJson(200));
  EXPECT_EQ(balance(account), 100);
}

TEST_F(Errors, InvalidUtf8InAStringIsRefusedOrKeptButNeverACrash) {
  // The doc does not say whether invalid UTF-8 inside a JSON string is malformed JSON (RFC 8259
  // says JSON text is UTF-8); both a 400 and an account are acceptable, a crash is not.
  auto r =
      http().post("/accounts", std::string("{\"owner\":\"A\xC3\x28\xFF\",\"currency\":\"EUR\"}"));
  EXPECT_THAT(r.status, AnyOf(201, 400)) << r.body;
  if (r.status == 400) {
    EXPECT_THAT(r, IsError(400, "bad_request"));
  }
  EXPECT_THAT(http().get("/health"), IsJson(200));
}

}  // namespace
}  // namespace archbench::conformance

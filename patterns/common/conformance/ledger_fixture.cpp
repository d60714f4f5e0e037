#include "common/conformance/ledger_fixture.hpp"

#include <unistd.h>

#include <csignal>
#include <cstdlib>
#include <iostream>
#include <sstream>
#include <stdexcept>
#include <system_error>

#include "common/testing/nats_server.hpp"
#include "common/testing/redis_server.hpp"

namespace archbench::conformance {
namespace {

constexpr std::string_view kTmpPlaceholder = "{tmp}";
constexpr std::string_view kRedisPortPlaceholder = "{redis_port}";
constexpr std::string_view kNatsUrlPlaceholder = "{nats_url}";

// The redis-server of the running test, if its arguments asked for one.
std::unique_ptr<archbench::testing::RedisServer>& test_redis() {
  static std::unique_ptr<archbench::testing::RedisServer> server;
  return server;
}

// The nats-server (JetStream) of the running test, if its arguments asked for one.
std::unique_ptr<archbench::testing::NatsServer>& test_nats() {
  static std::unique_ptr<archbench::testing::NatsServer> server;
  return server;
}

// Replaces every `placeholder` in `arg` by `value`.
void substitute(std::string& arg, std::string_view placeholder, const std::string& value) {
  for (std::size_t at; (at = arg.find(placeholder)) != std::string::npos;) {
    arg.replace(at, placeholder.size(), value);
  }
}

// Fails the test (through the exception gtest catches) with the answer that was not expected.
[[noreturn]] void unexpected(std::string_view what, const HttpResponse& response) {
  std::ostringstream message;
  message << what << ": ";
  PrintTo(response, &message);
  throw std::runtime_error(message.str());
}

// Checks the documented success status and JSON body, else throws.
json expect_success(std::string_view what, const HttpResponse& response, int status) {
  if (response.status != status || !is_json_content_type(response) ||
      !response.body_json.is_object()) {
    unexpected(what, response);
  }
  return response.body_json;
}

}  // namespace

SuiteConfig& suite_config() {
  static SuiteConfig config;
  return config;
}

std::vector<std::string> backend_args(const std::filesystem::path& tmp) {
  std::vector<std::string> args = suite_config().backend_args;
  for (auto& arg : args) {
    substitute(arg, kTmpPlaceholder, tmp.string());
    if (arg.find(kRedisPortPlaceholder) != std::string::npos) {
      // Throws, failing the test with the reason, if redis-server is missing or will not start.
      if (!test_redis()) test_redis() = std::make_unique<archbench::testing::RedisServer>();
      substitute(arg, kRedisPortPlaceholder, std::to_string(test_redis()->port()));
    }
    if (arg.find(kNatsUrlPlaceholder) != std::string::npos) {
      if (!test_nats()) test_nats() = std::make_unique<archbench::testing::NatsServer>();
      substitute(arg, kNatsUrlPlaceholder, test_nats()->url());
    }
  }
  return args;
}

std::unique_ptr<BackendProcess> start_backend(const std::filesystem::path& tmp, std::string& why) {
  std::vector<std::string> args = {"--host", "127.0.0.1", "--port", "0"};
  for (auto& arg : backend_args(tmp)) args.push_back(std::move(arg));
  auto backend = std::make_unique<BackendProcess>(suite_config().backend_executable, args);
  if (backend->wait_until_listening(kStartTimeout)) return backend;

  const auto status = backend->poll_exit();
  why = suite_config().backend_executable + " did not print \"listening on HOST:PORT\" " +
        (status ? "before it ended with " + status->describe()
                : "within " + std::to_string(kStartTimeout.count()) + " s") +
        "\n" + backend->describe_output();
  return nullptr;
}

void RedisPerTest::OnTestEnd(const ::testing::TestInfo& /*test*/) {
  test_redis().reset();
  test_nats().reset();
}

// ---------------------------------------------------------------------------------------------
// LedgerTest

void LedgerTest::SetUp() {
  ASSERT_FALSE(suite_config().backend_executable.empty()) << "run with --backend NAME";
  tmp_ = std::make_unique<TempDir>("archbench-conformance");
  std::string why;
  backend_ = start_backend(tmp_->path(), why);
  if (!backend_) GTEST_FAIL() << why;
  http_ = new_client();
}

void LedgerTest::TearDown() {
  http_.reset();
  if (backend_) {
    if (const auto status = backend_->poll_exit()) {
      ADD_FAILURE() << "the backend ended during the test (" << status->describe() << ")\n"
                    << backend_->describe_output();
    } else {
      backend_->send_signal(SIGTERM);
      const auto stopped = backend_->wait_exit(kStopTimeout);
      if (!stopped) {
        backend_->kill_and_wait();
        ADD_FAILURE() << "the backend did not stop within " << kStopTimeout.count()
                      << " s of SIGTERM\n"
                      << backend_->describe_output();
      } else if (!stopped->clean()) {
        ADD_FAILURE() << "the backend stopped on SIGTERM with " << stopped->describe() << "\n"
                      << backend_->describe_output();
      } else if (HasFailure()) {
        // The backend's own words often explain a failed expectation.
        std::cout << backend_->describe_output() << std::endl;
      }
    }
  }
  backend_.reset();
  tmp_.reset();
}

std::unique_ptr<HttpClient> LedgerTest::new_client() const {
  return std::make_unique<HttpClient>(backend_->host(), backend_->port());
}

std::unique_ptr<RawConnection> LedgerTest::connect_raw() const {
  return std::make_unique<RawConnection>(backend_->host(), backend_->port());
}

std::string LedgerTest::unique_request_id(std::string_view prefix) {
  return std::string(prefix) + "-" + std::to_string(++request_counter_);
}

json LedgerTest::create_account(std::string_view currency, std::string_view owner) {
  const auto response = http().post("/accounts", json{{"owner", owner}, {"currency", currency}});
  return expect_success("POST /accounts", response, 201);
}

std::string LedgerTest::new_account(std::string_view currency) {
  const json account = create_account(currency);
  if (!account.contains("id") || !account.at("id").is_string()) {
    throw std::runtime_error("POST /accounts answered no id: " + account.dump());
  }
  return account.at("id").get<std::string>();
}

json LedgerTest::deposit(const std::string& account, Money amount) {
  const auto response =
      http().post(deposits_path(account), deposit_body(amount, unique_request_id("dep")));
  return expect_success("POST " + deposits_path(account), response, 201);
}

std::string LedgerTest::funded_account(Money balance, std::string_view currency) {
  std::string id = new_account(currency);
  if (balance > 0) deposit(id, balance);
  return id;
}

json LedgerTest::transfer(const std::string& from, const std::string& to, Money amount,
                          std::string_view currency) {
  const auto response =
      http().post("/transfers", transfer_body(from, to, amount, currency, unique_request_id("tr")));
  return expect_success("POST /transfers", response, 201);
}

Money LedgerTest::balance(const std::string& account) {
  const json body =
      expect_success("GET " + account_path(account), http().get(account_path(account)), 200);
  if (!body.contains("balance") || !body.at("balance").is_number_integer()) {
    throw std::runtime_error("GET " + account_path(account) +
                             " answered no integer balance: " + body.dump());
  }
  return body.at("balance").get<Money>();
}

json LedgerTest::transactions(const std::string& account, int limit) {
  const std::string path = transactions_path(account, std::to_string(limit));
  const json body = expect_success("GET " + path, http().get(path), 200);
  if (!body.contains("transactions") || !body.at("transactions").is_array()) {
    throw std::runtime_error("GET " + path + " answered no transactions array: " + body.dump());
  }
  return body.at("transactions");
}

// ---------------------------------------------------------------------------------------------
// Bodies, paths and checks

json transfer_body(const std::string& from, const std::string& to, Money amount,
                   std::string_view currency, std::string_view request_id,
                   std::optional<std::string_view> memo) {
  json body = {{"from", from},
               {"to", to},
               {"amount", amount},
               {"currency", currency},
               {"request_id", request_id}};
  if (memo) body["memo"] = *memo;
  return body;
}

json deposit_body(Money amount, std::string_view request_id) {
  return {{"amount", amount}, {"request_id", request_id}};
}

std::string account_path(const std::string& id) { return "/accounts/" + id; }
std::string deposits_path(const std::string& id) { return "/accounts/" + id + "/deposits"; }
std::string transactions_path(const std::string& id, std::optional<std::string> limit) {
  std::string path = "/accounts/" + id + "/transactions";
  if (limit) path += "?limit=" + *limit;
  return path;
}

std::string bytes(std::size_t n, char c) { return std::string(n, c); }

bool is_json_content_type(const HttpResponse& response) {
  const std::string type = response.header("content-type");
  return type == "application/json" || type.starts_with("application/json;");
}

::testing::AssertionResult HistoryChains(const json& lines, Money balance, bool complete) {
  if (!lines.is_array()) return ::testing::AssertionFailure() << "not an array: " << lines.dump();
  Money expected_after = balance;  // walking from the newest line back in time
  for (std::size_t i = 0; i < lines.size(); ++i) {
    const json& line = lines[i];
    auto fail = [&] {
      return ::testing::AssertionFailure()
             << "line " << i << " (newest is 0): " << line.dump() << "\n";
    };
    if (!line.is_object() || !line.contains("id") || !line.contains("kind") ||
        !line.contains("amount") || !line.contains("balance_after")) {
      return fail() << "misses one of id, kind, amount, balance_after";
    }
    if (!line.at("amount").is_number_integer() || line.at("amount").get<Money>() <= 0) {
      return fail() << "amount is not a positive integer";
    }
    if (!line.at("balance_after").is_number_integer()) {
      return fail() << "balance_after is not an integer";
    }
    const Money amount = line.at("amount").get<Money>();
    const Money after = line.at("balance_after").get<Money>();
    if (after != expected_after) {
      return fail() << "balance_after is " << after << ", expected " << expected_after
                    << (i == 0 ? " (the account's balance)" : " (from the newer line)");
    }
    if (after < 0) return fail() << "a negative balance";
    const std::string kind = line.at("kind").is_string() ? line.at("kind").get<std::string>() : "";
    const bool is_transfer = kind == "transfer_in" || kind == "transfer_out";
    if (kind != "deposit" && !is_transfer) return fail() << "unknown kind";
    if (is_transfer != line.contains("counterparty")) {
      return fail() << "counterparty must be present for transfers only";
    }
    if (kind == "deposit" && line.contains("memo")) return fail() << "a deposit has no memo";
    expected_after = kind == "transfer_out" ? after + amount : after - amount;
  }
  if (complete && expected_after != 0) {
    return ::testing::AssertionFailure()
           << "the oldest line does not start from a zero balance (it starts from "
           << expected_after << ")";
  }
  return ::testing::AssertionSuccess();
}

}  // namespace archbench::conformance

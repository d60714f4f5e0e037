// FakeLedger's routes: POST /accounts, GET /accounts/{id}, POST /accounts/{id}/deposits,
// POST /transfers, GET /health.
#include "loadgen/fake_ledger.hpp"

#include <nlohmann/json.hpp>

namespace archbench::loadgen::testing {
namespace {

TestResponse error(int status, const std::string& code) {
  return {status, nlohmann::json{{"error", {{"code", code}, {"message", code}}}}.dump()};
}

}  // namespace

FakeLedger::FakeLedger(FakeLedgerFaults faults)
    : faults_(faults),
      server_(std::make_unique<TestServer>([this](const TestRequest& r) { return handle(r); })) {}

TestResponse FakeLedger::handle(const TestRequest& request) {
  const std::lock_guard lock(mutex_);
  const std::string& t = request.target;
  if (request.method == "GET" && t == "/health") {
    return {200, R"({"status":"ok"})"};
  }
  if (request.method == "POST" && t == "/accounts") {
    const std::string id = "a" + std::to_string(next_id_++);
    balances_[id] = 0;
    return {201, nlohmann::json{{"id", id}, {"currency", "EUR"}, {"balance", 0}}.dump()};
  }
  if (t.rfind("/accounts/", 0) == 0) {
    const std::string rest = t.substr(10);
    const std::size_t slash = rest.find('/');
    const std::string id = rest.substr(0, slash);
    const auto account = balances_.find(id);
    if (account == balances_.end()) {
      return error(404, "account_not_found");
    }
    if (request.method == "GET" && slash == std::string::npos) {
      return {200, nlohmann::json{{"id", id}, {"balance", account->second}}.dump()};
    }
    if (request.method == "POST" && rest.substr(slash) == "/deposits") {
      // Faults spare the setup's initial deposits: the run itself must meet them.
      const bool setup = request.body.find("-init-") != std::string::npos;
      if (!setup && faults_.deposit_500_every > 0 && ++deposits_ % faults_.deposit_500_every == 0) {
        return error(500, "internal_error");
      }
      account->second += nlohmann::json::parse(request.body).at("amount").get<std::int64_t>();
      return {201, nlohmann::json{{"id", "d"}, {"balance", account->second}}.dump()};
    }
  }
  if (request.method == "POST" && t == "/transfers") {
    const auto body = nlohmann::json::parse(request.body);
    const auto amount = body.at("amount").get<std::int64_t>();
    auto& from = balances_.at(body.at("from").get<std::string>());
    auto& to = balances_.at(body.at("to").get<std::string>());
    if (from < amount) {
      return error(409, "insufficient_funds");
    }
    from -= faults_.transfers_create_money ? amount - 1 : amount;
    to += amount;
    return {201, R"({"id":"t","status":"completed"})"};
  }
  return error(404, "not_found");
}

}  // namespace archbench::loadgen::testing

// FakeLedger's routes: POST /accounts, GET /accounts/{id}, POST /accounts/{id}/deposits,
// POST /transfers, POST /transfers/batch, GET /health.
#include "loadgen/fake_ledger.hpp"

#include <nlohmann/json.hpp>
#include <thread>

namespace archbench::loadgen::testing {
namespace {

using nlohmann::json;

std::string error_body(const std::string& code) {
  return json{{"error", {{"code", code}, {"message", code}}}}.dump();
}

TestResponse error(int status, const std::string& code) { return {status, error_body(code)}; }

}  // namespace

FakeLedger::FakeLedger(FakeLedgerFaults faults)
    : faults_(faults),
      server_(std::make_unique<TestServer>([this](const TestRequest& r) { return handle(r); })) {}

std::string FakeLedger::other_account(const std::string& id) const {
  auto it = balances_.upper_bound(id);
  if (it == balances_.end()) {
    it = balances_.begin();
  }
  return it->first;
}

TestResponse FakeLedger::handle(const TestRequest& request) {
  if (faults_.delay.count() > 0) {
    std::this_thread::sleep_for(faults_.delay);
  }
  const std::lock_guard lock(mutex_);
  const std::string& t = request.target;
  if (request.method == "GET" && t == "/health") {
    return {200, R"({"status":"ok"})"};
  }
  if (request.method == "POST" && t == "/accounts") {
    const std::string id = "a" + std::to_string(next_id_++);
    balances_[id] = 0;
    return {201, json{{"id", id}, {"currency", "EUR"}, {"balance", 0}}.dump()};
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
      return {200, json{{"id", id}, {"balance", account->second}}.dump()};
    }
    if (request.method == "POST" && rest.substr(slash) == "/deposits") {
      return deposit(id, request);
    }
  }
  if (request.method == "POST" && t == "/transfers") {
    auto [status, body] = transfer(request.body, false);
    return {status, body};
  }
  if (request.method == "POST" && t == "/transfers/batch") {
    json results = json::array();
    const json batch = json::parse(request.body);
    for (const auto& item : batch.at("transfers")) {
      auto [status, body] = transfer(item.dump(), true);
      json result = json::parse(body);
      result["status"] = status;
      results.push_back(result);
    }
    return {200, json{{"results", results}}.dump()};
  }
  return error(404, "not_found");
}

TestResponse FakeLedger::deposit(const std::string& id, const TestRequest& request) {
  const auto amount = json::parse(request.body).at("amount").get<std::int64_t>();
  // Faults spare the setup's initial deposits: the run itself must meet them.
  if (request.body.find("-init-") != std::string::npos) {
    balances_[id] += amount;
    return {201, json{{"id", "d"}, {"balance", balances_[id]}}.dump()};
  }
  ++deposits_;
  if (faults_.deposit_500_every > 0 && deposits_ % faults_.deposit_500_every == 0) {
    return error(500, "internal_error");
  }
  if (faults_.drop_deposit_every > 0 && deposits_ % faults_.drop_deposit_every == 0) {
    balances_[faults_.misapply_dropped ? other_account(id) : id] += amount;
    return {0, "", TestResponse::Then::drop};
  }
  if (!faults_.deposits_do_nothing) {
    balances_[id] += amount;
  }
  return {201, json{{"id", "d"}, {"balance", balances_[id]}}.dump()};
}

std::pair<int, std::string> FakeLedger::transfer(const std::string& body_text, bool in_batch) {
  const auto body = json::parse(body_text);
  const auto amount = body.at("amount").get<std::int64_t>();
  const std::string to_id = body.at("to").get<std::string>();
  auto& from = balances_.at(body.at("from").get<std::string>());
  auto& to = balances_.at(faults_.credit_wrong_account ? other_account(to_id) : to_id);
  if (from < amount) {
    return {409, error_body("insufficient_funds")};
  }
  const bool apply = !faults_.transfers_do_nothing && !(in_batch && faults_.batch_applies_nothing);
  if (apply) {
    from -= faults_.transfers_create_money ? amount - 1 : amount;
    to += amount;
  }
  return {201, R"({"id":"t","status":"completed"})"};
}

}  // namespace archbench::loadgen::testing

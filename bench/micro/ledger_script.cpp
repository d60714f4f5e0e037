#include "micro/ledger_script.hpp"

#include <charconv>
#include <nlohmann/json.hpp>
#include <stdexcept>
#include <utility>

namespace archbench::micro {
namespace {

void append_int(std::string& out, std::int64_t value) {
  char digits[24];
  const auto result = std::to_chars(std::begin(digits), std::end(digits), value);
  out.append(digits, result.ptr);
}

bool is_success(int status) { return status >= 200 && status < 300; }

[[noreturn]] void refused(const PaddedRequest& request, const http::Response& response) {
  throw std::runtime_error("set-up request refused: " + request.describe() + " -> " +
                           std::to_string(response.status) + " " + response.body);
}

}  // namespace

std::string_view workload_name(Workload workload) noexcept {
  switch (workload) {
    case Workload::get_account:
      return "get_account";
    case Workload::deposit:
      return "deposit";
    case Workload::transfer:
      return "transfer";
    case Workload::list_transactions:
      return "list_transactions";
    case Workload::transfer_batch:
      return "transfer_batch";
    case Workload::mixed:
      return "mixed";
  }
  return "?";
}

RequestGenerator::RequestGenerator(Workload workload, const std::vector<std::string>& account_ids,
                                   std::uint64_t seed, std::string tag)
    : workload_(workload), account_ids_(&account_ids), rng_(seed), tag_(std::move(tag)) {}

ledger::Route RequestGenerator::pick_route() {
  switch (workload_) {
    case Workload::get_account:
      return ledger::Route::get_account;
    case Workload::deposit:
      return ledger::Route::deposit;
    case Workload::transfer:
      return ledger::Route::transfer;
    case Workload::list_transactions:
      return ledger::Route::list_transactions;
    case Workload::transfer_batch:
      return ledger::Route::transfer_batch;
    case Workload::mixed:
      break;
  }
  const auto draw = rng_.below(100);
  if (draw < 40) return ledger::Route::get_account;
  if (draw < 55) return ledger::Route::deposit;
  if (draw < 90) return ledger::Route::transfer;
  return ledger::Route::list_transactions;
}

const std::string& RequestGenerator::pick_account() {
  return (*account_ids_)[rng_.below(account_ids_->size())];
}

void RequestGenerator::append_request_id(std::string& out, int item) {
  out.append(tag_).push_back('-');
  append_int(out, sequence_);
  if (item >= 0) {
    out.push_back('-');
    append_int(out, item);
  }
}

void RequestGenerator::append_transfer(std::string& out, int item) {
  const auto count = account_ids_->size();
  const auto from = rng_.below(count);
  const auto to = (from + 1 + rng_.below(count - 1)) % count;  // any account but `from`
  out.append(R"({"from":")").append((*account_ids_)[from]);
  out.append(R"(","to":")").append((*account_ids_)[to]);
  out.append(R"(","amount":)");
  append_int(out, rng_.between(1, kMaxAmount));
  out.append(R"(,"currency":"EUR","request_id":")");
  append_request_id(out, item);
  out.append("\"}");
}

void RequestGenerator::next(PaddedRequest& out) {
  ++sequence_;
  switch (pick_route()) {
    case ledger::Route::get_account:
      out.reset("GET");
      out.target().append("/accounts/").append(pick_account());
      break;
    case ledger::Route::list_transactions:
      out.reset("GET");
      out.target().append("/accounts/").append(pick_account()).append("/transactions?limit=");
      append_int(out.target(), kListLimit);
      break;
    case ledger::Route::deposit:
      out.reset("POST");
      out.target().append("/accounts/").append(pick_account()).append("/deposits");
      out.body().append(R"({"amount":)");
      append_int(out.body(), rng_.between(1, kMaxAmount));
      out.body().append(R"(,"request_id":")");
      append_request_id(out.body(), -1);
      out.body().append("\"}");
      break;
    case ledger::Route::transfer:
      out.reset("POST");
      out.target().append("/transfers");
      append_transfer(out.body(), -1);
      break;
    default:  // transfer_batch
      out.reset("POST");
      out.target().append("/transfers/batch");
      out.body().append(R"({"transfers":[)");
      for (int item = 0; item < kBatchSize; ++item) {
        if (item > 0) out.body().push_back(',');
        append_transfer(out.body(), item);
      }
      out.body().append("]}");
      break;
  }
  out.seal();
}

std::vector<std::string> set_up_ledger(InProcessClient& client, const Observer& observe) {
  std::vector<std::string> ids;
  ids.reserve(kAccounts);
  PaddedRequest request;
  auto send = [&]() -> const http::Response& {
    const http::Response& response = client.send(request);
    if (observe) observe(request, response);
    if (!is_success(response.status)) refused(request, response);
    return response;
  };

  for (int k = 0; k < kAccounts; ++k) {
    request.reset("POST");
    request.target().append("/accounts");
    request.body().append(R"({"owner":"owner-)");
    append_int(request.body(), k);
    request.body().append(R"(","currency":"EUR"})");
    request.seal();
    const auto answer = nlohmann::json::parse(send().body, nullptr, /*allow_exceptions=*/false);
    if (!answer.is_object() || !answer.contains("id") || !answer["id"].is_string()) {
      throw std::runtime_error("create_account answered without an id: " + answer.dump());
    }
    ids.push_back(answer["id"].get<std::string>());
  }

  for (int k = 0; k < kAccounts; ++k) {
    request.reset("POST");
    request.target()
        .append("/accounts/")
        .append(ids[static_cast<std::size_t>(k)])
        .append("/deposits");
    request.body().append(R"({"amount":)");
    append_int(request.body(), kInitialBalance);
    request.body().append(R"(,"request_id":"fund-)");
    append_int(request.body(), k);
    request.body().append("\"}");
    request.seal();
    send();
  }

  RequestGenerator history(Workload::transfer, ids, kSeed, "history");
  for (int i = 0; i < kHistoryTransfers; ++i) {
    history.next(request);
    send();
  }
  return ids;
}

}  // namespace archbench::micro

// Routes written out as the targets of docs/workload.md, and answers parsed once.
#include "common/ledger/testing/ledger_client.hpp"

#include <stdexcept>
#include <utility>

namespace archbench::ledger::testing {
namespace {

std::string error_field(const nlohmann::json& value, const char* field) {
  if (!value.is_object() || !value.contains("error")) return {};
  const nlohmann::json& error = value["error"];
  if (!error.is_object() || !error.contains(field) || !error[field].is_string()) return {};
  return error[field].get<std::string>();
}

}  // namespace

std::string Answer::code() const { return error_field(value, "code"); }
std::string Answer::message() const { return error_field(value, "message"); }

LedgerClient::LedgerClient(Service& service, std::string backend)
    : client_(service, std::move(backend)) {}

Answer LedgerClient::call(Route route, std::string_view account_id, std::string_view body,
                          int limit) {
  const bool post = route == Route::create_account || route == Route::deposit ||
                    route == Route::transfer || route == Route::transfer_batch;
  request_.reset(post ? "POST" : "GET");
  std::string& target = request_.target();
  switch (route) {
    case Route::create_account:
      target = "/accounts";
      break;
    case Route::get_account:
      target.append("/accounts/").append(account_id);
      break;
    case Route::deposit:
      target.append("/accounts/").append(account_id).append("/deposits");
      break;
    case Route::list_transactions:
      target.append("/accounts/").append(account_id).append("/transactions");
      if (limit != kDefaultTransactionLimit) target.append("?limit=" + std::to_string(limit));
      break;
    case Route::transfer:
      target = "/transfers";
      break;
    case Route::transfer_batch:
      target = "/transfers/batch";
      break;
    case Route::health:
      target = "/health";
      break;
    case Route::metrics:
      target = "/metrics";
      break;
    case Route::unknown:
      throw std::invalid_argument("LedgerClient::call: Route::unknown has no target; use send()");
  }
  request_.body() = body;
  request_.seal();
  return answer(request_);
}

Answer LedgerClient::send(std::string_view method, std::string_view target, std::string_view body) {
  request_.reset(method);
  request_.target() = target;
  request_.body() = body;
  request_.seal();
  return answer(request_);
}

Answer LedgerClient::answer(const PaddedRequest& request) {
  const http::Response& response = client_.send(request);
  return {.status = response.status,
          .body = response.body,
          .value = nlohmann::json::parse(response.body, nullptr, /*allow_exceptions=*/false)};
}

}  // namespace archbench::ledger::testing

// Setup and invariant check over run_batch; see ledger_setup.hpp.
#include "loadgen/ledger_setup.hpp"

#include <chrono>
#include <nlohmann/json.hpp>
#include <stdexcept>

#include "loadgen/batch_client.hpp"
#include "loadgen/http_request.hpp"

namespace archbench::loadgen {
namespace {

[[noreturn]] void setup_failed(const std::string& what, const BatchResponse& response) {
  throw std::runtime_error("setup: " + what + " answered " + std::to_string(response.status) +
                           ": " + response.body.substr(0, 200));
}

}  // namespace

SetupResult create_accounts(const Target& target, const Workload& w, const std::string& run_tag) {
  const auto started = std::chrono::steady_clock::now();
  const std::string host = target.host_header();
  SetupResult result;
  const auto n = static_cast<std::size_t>(w.accounts);

  std::vector<std::string> requests(n);
  std::string body;
  for (std::size_t i = 0; i < n; ++i) {
    body.assign(R"({"owner":"loadgen )").append(run_tag).append(" ");
    append_int(body, static_cast<std::int64_t>(i));
    body.append(R"(","currency":")").append(w.currency).append("\"}");
    append_post(requests[i], "/accounts", host, body);
  }
  std::vector<BatchResponse> created = run_batch(target, requests);
  result.account_ids.reserve(n);
  for (const BatchResponse& response : created) {
    if (response.status != 201) {
      setup_failed("POST /accounts", response);
    }
    const auto j = nlohmann::json::parse(response.body, nullptr, /*allow_exceptions=*/false);
    if (!j.is_object() || !j.contains("id") || !j["id"].is_string()) {
      setup_failed("POST /accounts (no \"id\" in the body)", response);
    }
    result.account_ids.push_back(j["id"].get<std::string>());
  }
  result.requests = static_cast<std::int64_t>(n);

  if (w.initial_balance > 0) {
    for (std::size_t i = 0; i < n; ++i) {
      requests[i].clear();
      body.assign(R"({"amount":)");
      append_int(body, w.initial_balance);
      body.append(R"(,"request_id":")").append(run_tag).append("-init-");
      append_int(body, static_cast<std::int64_t>(i));
      body.append("\"}");
      append_post(requests[i], "/accounts/" + result.account_ids[i] + "/deposits", host, body);
    }
    for (const BatchResponse& response : run_batch(target, requests)) {
      if (response.status != 201) {
        setup_failed("the initial deposit", response);
      }
    }
    result.requests += static_cast<std::int64_t>(n);
  }
  result.seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  return result;
}

InvariantCheck check_ledger_invariant(const Target& target,
                                      const std::vector<std::string>& account_ids,
                                      std::int64_t initial_balance, std::int64_t deposits_total,
                                      std::int64_t deposits_in_doubt) {
  InvariantCheck check;
  check.checked = true;
  check.accounts = static_cast<std::int64_t>(account_ids.size());
  check.initial_total = check.accounts * initial_balance;
  check.deposits_total = deposits_total;
  check.deposits_in_doubt = deposits_in_doubt;
  check.expected_total = check.initial_total + deposits_total;

  const std::string host = target.host_header();
  std::vector<std::string> requests(account_ids.size());
  for (std::size_t i = 0; i < account_ids.size(); ++i) {
    append_get(requests[i], "/accounts/" + account_ids[i], host);
  }
  // Sums run in 128 bits: a broken server may answer balances whose sum overflows 64.
  __extension__ __int128 sum = 0;
  for (const BatchResponse& response : run_batch(target, requests)) {
    const auto j = nlohmann::json::parse(response.body, nullptr, /*allow_exceptions=*/false);
    if (response.status != 200 || !j.is_object() || !j.contains("balance") ||
        !j["balance"].is_number_integer()) {
      ++check.unreadable_accounts;
      continue;
    }
    const auto balance = j["balance"].get<std::int64_t>();
    if (balance < 0) {
      ++check.negative_balances;
    }
    sum += balance;
  }
  const bool fits = sum <= INT64_MAX && sum >= INT64_MIN;
  check.actual_total = fits ? static_cast<std::int64_t>(sum) : INT64_MAX;

  const bool in_range = fits && check.actual_total >= check.expected_total &&
                        check.actual_total <= check.expected_total + deposits_in_doubt;
  check.ok = in_range && check.negative_balances == 0 && check.unreadable_accounts == 0;
  if (check.unreadable_accounts > 0) {
    check.message = std::to_string(check.unreadable_accounts) + " of " +
                    std::to_string(check.accounts) + " accounts could not be read back";
  } else if (check.negative_balances > 0) {
    check.message = std::to_string(check.negative_balances) + " accounts have a negative balance";
  } else if (!in_range) {
    check.message =
        "balances sum to " + std::to_string(check.actual_total) + ", expected " +
        std::to_string(check.expected_total) +
        (deposits_in_doubt > 0 ? " (+ up to " + std::to_string(deposits_in_doubt) + " in doubt)"
                               : std::string());
  } else {
    check.message = "sum of " + std::to_string(check.accounts) +
                    " balances = " + std::to_string(check.actual_total) + " as expected";
  }
  return check;
}

}  // namespace archbench::loadgen

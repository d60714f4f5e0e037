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

namespace {

bool fits_int64(Money v) { return v <= INT64_MAX && v >= INT64_MIN; }

std::int64_t clamp_int64(Money v) {
  return v > INT64_MAX ? INT64_MAX : v < INT64_MIN ? INT64_MIN : static_cast<std::int64_t>(v);
}

// Counts a balance outside its allowed range, and lists the first few.
void check_account(InvariantCheck& check, const std::string& id, std::int64_t balance, Money lowest,
                   Money highest) {
  if (balance >= lowest && balance <= highest) {
    return;
  }
  ++check.accounts_outside_range;
  if (check.mismatches.size() < InvariantCheck::kMaxListed) {
    check.mismatches.push_back({id, balance, clamp_int64(lowest), clamp_int64(highest)});
  }
}

std::string describe(const InvariantCheck& check, bool total_in_range) {
  const std::string doubt = check.unknown_outcome_requests > 0
                                ? " (" + std::to_string(check.unknown_outcome_requests) +
                                      " requests of unknown outcome widen " +
                                      std::to_string(check.unknown_outcome_accounts) +
                                      " accounts' ranges)"
                                : std::string();
  if (check.unreadable_accounts > 0) {
    return std::to_string(check.unreadable_accounts) + " of " + std::to_string(check.accounts) +
           " accounts could not be read back";
  }
  if (check.negative_balances > 0) {
    return std::to_string(check.negative_balances) + " accounts have a negative balance";
  }
  if (check.accounts_outside_range > 0) {
    const BalanceMismatch& m = check.mismatches.front();
    return std::to_string(check.accounts_outside_range) + " of " + std::to_string(check.accounts) +
           " balances disagree with the acknowledged answers, e.g. " + m.account + " holds " +
           std::to_string(m.balance) + ", answers allow [" + std::to_string(m.lowest) + ", " +
           std::to_string(m.highest) + "]" + doubt;
  }
  if (!total_in_range) {
    return "balances sum to " + std::to_string(check.actual_total) + ", expected " +
           std::to_string(check.expected_total) +
           (check.deposits_in_doubt > 0
                ? " (+ up to " + std::to_string(check.deposits_in_doubt) + " in doubt)"
                : std::string());
  }
  return "all " + std::to_string(check.accounts) + " balances match " +
         std::to_string(check.acknowledged_operations) + " acknowledged operations; sum " +
         std::to_string(check.actual_total) + doubt;
}

}  // namespace

InvariantCheck check_ledger_invariant(const Target& target,
                                      const std::vector<std::string>& account_ids,
                                      std::int64_t initial_balance,
                                      const LedgerExpectation& expected) {
  InvariantCheck check;
  check.checked = true;
  check.accounts = static_cast<std::int64_t>(account_ids.size());
  // Totals in 128 bits: accounts x balance and the sum of a run's deposits may pass 2^63.
  const Money initial_total = Money{check.accounts} * initial_balance;
  const Money expected_total = initial_total + expected.deposits_total();
  check.initial_total = clamp_int64(initial_total);
  check.deposits_total = clamp_int64(expected.deposits_total());
  check.deposits_in_doubt = clamp_int64(expected.deposits_in_doubt());
  check.expected_total = clamp_int64(expected_total);
  check.acknowledged_operations = expected.acknowledged_operations();
  check.unknown_outcome_requests = expected.unknown_requests();
  check.unknown_outcome_operations = expected.unknown_operations();

  const std::string host = target.host_header();
  std::vector<std::string> requests(account_ids.size());
  for (std::size_t i = 0; i < account_ids.size(); ++i) {
    append_get(requests[i], "/accounts/" + account_ids[i], host);
  }
  const bool have_expectation = expected.accounts() == account_ids.size();
  Money sum = 0;  // a broken server may answer balances whose sum overflows 64 bits
  const std::vector<BatchResponse> answers = run_batch(target, requests);
  for (std::size_t a = 0; a < answers.size(); ++a) {
    if (have_expectation && expected.widened(a)) {
      ++check.unknown_outcome_accounts;
      if (check.unknown_outcome_account_ids.size() < InvariantCheck::kMaxListed) {
        check.unknown_outcome_account_ids.push_back(account_ids[a]);
      }
    }
    const BatchResponse& response = answers[a];
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
    if (have_expectation) {
      check_account(check, account_ids[a], balance, expected.lowest(a, initial_balance),
                    expected.highest(a, initial_balance));
    }
  }
  check.actual_total = clamp_int64(sum);
  if (!have_expectation) {
    check.accounts_outside_range = check.accounts;  // nothing to hold them to: a bug upstream
  }
  const bool total_in_range =
      sum >= expected_total && sum <= expected_total + expected.deposits_in_doubt();
  check.ok = total_in_range && check.accounts_outside_range == 0 && check.negative_balances == 0 &&
             check.unreadable_accounts == 0 &&
             fits_int64(expected_total + expected.deposits_in_doubt());
  check.message = describe(check, total_in_range);
  return check;
}

}  // namespace archbench::loadgen

// The routing table of docs/workload.md, written out as plain comparisons: eight routes do not
// need a trie, and string_view slicing keeps it free of allocations.
#include "common/ledger/router.hpp"

namespace archbench::ledger {
namespace {

// Splits the first segment off `path` ("/accounts/a1/deposits" → "accounts", rest
// "/a1/deposits"). Returns false when `path` does not start with '/'.
bool next_segment(std::string_view& path, std::string_view& segment) {
  if (path.empty() || path.front() != '/') return false;
  path.remove_prefix(1);
  const auto end = path.find('/');
  segment = path.substr(0, end);
  path.remove_prefix(end == path.npos ? path.size() : end);
  return true;
}

// The match for a path that exists: the route if the method fits, else a 405 naming `allowed`.
RouteMatch matched(Route route, std::string_view method, std::string_view allowed) {
  RouteMatch match;
  if (method == allowed) {
    match.route = route;
  } else {
    match.method_allowed = false;
    match.allowed_methods = allowed;
  }
  return match;
}

RouteMatch match_path(std::string_view method, std::string_view path) {
  std::string_view first;
  if (!next_segment(path, first)) return {};
  if (path.empty()) {  // one segment
    if (first == "accounts") return matched(Route::create_account, method, "POST");
    if (first == "transfers") return matched(Route::transfer, method, "POST");
    if (first == "health") return matched(Route::health, method, "GET");
    if (first == "metrics") return matched(Route::metrics, method, "GET");
    return {};
  }
  std::string_view second;
  next_segment(path, second);
  if (first == "transfers") {
    if (second == "batch" && path.empty()) {
      return matched(Route::transfer_batch, method, "POST");
    }
    return {};
  }
  // /accounts/{id}, /accounts/{id}/deposits, /accounts/{id}/transactions
  if (first != "accounts" || second.empty()) return {};
  RouteMatch match;
  if (path.empty()) {
    match = matched(Route::get_account, method, "GET");
  } else {
    std::string_view third;
    next_segment(path, third);
    if (!path.empty()) return {};  // a fourth segment, or a trailing slash
    if (third == "deposits") {
      match = matched(Route::deposit, method, "POST");
    } else if (third == "transactions") {
      match = matched(Route::list_transactions, method, "GET");
    } else {
      return {};
    }
  }
  match.account_id = second;
  return match;
}

}  // namespace

RouteMatch match_route(std::string_view method, std::string_view target) noexcept {
  const auto question = target.find('?');
  RouteMatch match = match_path(method, target.substr(0, question));
  if (question != target.npos) match.query = target.substr(question + 1);
  return match;
}

int parse_limit(std::string_view query) noexcept {
  // The query is a list of name=value pairs joined by '&'; only `limit` matters, the first wins.
  while (!query.empty()) {
    const auto amp = query.find('&');
    const std::string_view pair = query.substr(0, amp);
    query.remove_prefix(amp == query.npos ? query.size() : amp + 1);
    if (pair == "limit") return -1;  // present, without a value
    if (!pair.starts_with("limit=")) continue;
    const std::string_view value = pair.substr(6);
    if (value.empty()) return -1;
    int limit = 0;
    for (const char c : value) {
      if (c < '0' || c > '9') return -1;
      limit = limit * 10 + (c - '0');
      if (limit > kMaxTransactionLimit) return -1;  // also keeps `limit` from overflowing
    }
    return limit >= 1 ? limit : -1;
  }
  return kDefaultTransactionLimit;
}

}  // namespace archbench::ledger

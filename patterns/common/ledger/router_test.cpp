// Every route of docs/workload.md, each wrong method (405 and its Allow list), the paths that are
// not routes (404), and the ?limit rules.
#include "common/ledger/router.hpp"

#include <gtest/gtest.h>

namespace archbench::ledger {
namespace {

TEST(Router, MatchesEveryRoute) {
  struct Case {
    const char* method;
    const char* target;
    Route route;
    const char* account_id;
  };
  for (const Case& c : {
           Case{"POST", "/accounts", Route::create_account, ""},
           Case{"GET", "/accounts/acc-1", Route::get_account, "acc-1"},
           Case{"POST", "/accounts/acc-1/deposits", Route::deposit, "acc-1"},
           Case{"GET", "/accounts/a_B-9/transactions", Route::list_transactions, "a_B-9"},
           Case{"POST", "/transfers", Route::transfer, ""},
           Case{"POST", "/transfers/batch", Route::transfer_batch, ""},
           Case{"GET", "/health", Route::health, ""},
           Case{"GET", "/metrics", Route::metrics, ""},
       }) {
    const RouteMatch match = match_route(c.method, c.target);
    EXPECT_EQ(match.route, c.route) << c.method << ' ' << c.target;
    EXPECT_TRUE(match.method_allowed) << c.method << ' ' << c.target;
    EXPECT_EQ(match.account_id, c.account_id) << c.target;
    EXPECT_EQ(match.query, "") << c.target;
  }
}

TEST(Router, WrongMethodIs405WithTheAllowedOne) {
  struct Case {
    const char* method;
    const char* target;
    const char* allowed;
  };
  for (const Case& c : {
           Case{"GET", "/accounts", "POST"}, Case{"POST", "/accounts/x", "GET"},
           Case{"DELETE", "/accounts/x", "GET"}, Case{"GET", "/accounts/x/deposits", "POST"},
           Case{"POST", "/accounts/x/transactions?limit=5", "GET"},
           Case{"GET", "/transfers", "POST"}, Case{"PUT", "/transfers/batch", "POST"},
           Case{"POST", "/health", "GET"}, Case{"HEAD", "/metrics", "GET"},
           Case{"get", "/health", "GET"},  // methods are case-sensitive
       }) {
    const RouteMatch match = match_route(c.method, c.target);
    EXPECT_FALSE(match.method_allowed) << c.method << ' ' << c.target;
    EXPECT_EQ(match.route, Route::unknown) << c.method << ' ' << c.target;
    EXPECT_EQ(match.allowed_methods, c.allowed) << c.method << ' ' << c.target;
  }
}

TEST(Router, OtherPathsAreUnknown) {
  for (const char* target : {"/",
                             "",
                             "*",
                             "/accounts/",
                             "/accounts//deposits",
                             "/accounts/x/",
                             "/accounts/x/deposits/",
                             "/accounts/x/deposits/y",
                             "/accounts/x/other",
                             "/transfers/",
                             "/transfers/batch/",
                             "/transfers/x",
                             "/health/",
                             "/healthz",
                             "/Accounts",
                             "accounts",
                             "//accounts",
                             "http://host/accounts",
                             "/metrics/x",
                             "/?limit=1"}) {
    for (const char* method : {"GET", "POST"}) {
      const RouteMatch match = match_route(method, target);
      EXPECT_EQ(match.route, Route::unknown) << method << ' ' << target;
      EXPECT_TRUE(match.method_allowed) << method << ' ' << target;  // i.e. 404, not 405
    }
  }
}

TEST(Router, SplitsTheQueryOff) {
  const RouteMatch match = match_route("GET", "/accounts/acc-7/transactions?limit=50&x=1");
  EXPECT_EQ(match.route, Route::list_transactions);
  EXPECT_EQ(match.account_id, "acc-7");
  EXPECT_EQ(match.query, "limit=50&x=1");
  EXPECT_EQ(match_route("GET", "/health?").route, Route::health);
  EXPECT_EQ(match_route("POST", "/accounts?x=1").route, Route::create_account);
  EXPECT_EQ(match_route("GET", "/accounts/a?b/c").account_id, "a");  // '?' ends the path
}

TEST(Router, LimitDefaultsAndBounds) {
  EXPECT_EQ(parse_limit(""), kDefaultTransactionLimit);
  EXPECT_EQ(parse_limit("other=5"), kDefaultTransactionLimit);
  EXPECT_EQ(parse_limit("limits=5"), kDefaultTransactionLimit);
  EXPECT_EQ(parse_limit("limit=1"), 1);
  EXPECT_EQ(parse_limit("limit=50"), 50);
  EXPECT_EQ(parse_limit("limit=1000"), kMaxTransactionLimit);
  EXPECT_EQ(parse_limit("limit=0050"), 50);
  EXPECT_EQ(parse_limit("x=1&limit=7&y=2"), 7);
  EXPECT_EQ(parse_limit("limit=7&limit=9"), 7);  // the first one counts
}

TEST(Router, BadLimitIsMinusOne) {
  for (const char* query :
       {"limit", "limit=", "limit=0", "limit=1001", "limit=-1", "limit=+5", "limit=5x", "limit=1.5",
        "limit= 5", "limit=99999999999999999999", "limit=%35"}) {
    EXPECT_EQ(parse_limit(query), -1) << query;
  }
}

}  // namespace
}  // namespace archbench::ledger

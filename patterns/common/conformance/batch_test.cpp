// POST /transfers/batch: items applied in order, each exactly like POST /transfers (refusals
// and idempotency included), one result per item; an invalid envelope, or more than 10,000
// items, applies nothing.
#include "common/conformance/ledger_fixture.hpp"

namespace archbench::conformance {
namespace {

// One item's result: {"status": 201, "id": "..."}.
MATCHER(IsItemCreated, "") {
  if (!arg.is_object() || !arg.contains("status") || arg.at("status") != 201) {
    *result_listener << arg.dump();
    return false;
  }
  return ::testing::ExplainMatchResult(IsOpaqueId(), arg.value("id", json()), result_listener);
}

// One item's result: {"status": STATUS, "error": {"code": CODE, "message": "..."}}.
MATCHER_P2(IsItemError, status, code, "") {
  if (!arg.is_object() || !arg.contains("status") || arg.at("status") != status ||
      !arg.contains("error") || !arg.at("error").is_object()) {
    *result_listener << arg.dump();
    return false;
  }
  const json& error = arg.at("error");
  const bool has_message = error.contains("message") && error.at("message").is_string() &&
                           !error.at("message").template get_ref<const std::string&>().empty();
  if (error.value("code", json()) != code || !has_message) {
    *result_listener << arg.dump();
    return false;
  }
  return true;
}

class Batch : public LedgerTest {
 protected:
  // POST /transfers/batch {"transfers": [items...]}. (A vector, not a json: nlohmann reads a
  // braced list of one element as that element, not as an array of one.)
  HttpResponse post(const std::vector<json>& items) {
    return http().post("/transfers/batch", json{{"transfers", json(items)}});
  }
  // The results array of a 200 answer, or a failed test.
  json results(const HttpResponse& r, std::size_t expected_count) {
    EXPECT_THAT(r, IsJson(200));
    if (!r.body_json.is_object() || !r.body_json.contains("results") ||
        !r.body_json.at("results").is_array()) {
      ADD_FAILURE() << "no results array: " << r.body.substr(0, 300);
      return json::array();
    }
    EXPECT_EQ(r.body_json.at("results").size(), expected_count);
    return r.body_json.at("results");
  }
};

TEST_F(Batch, AppliesItemsInOrder) {
  const std::string a = funded_account(100);
  const std::string b = new_account();
  const std::string c = new_account();
  // Item 2 only works after item 1, item 3 fails because of item 1, item 4 needs item 2.
  auto r = post({transfer_body(a, b, 100, "EUR", "i1"), transfer_body(b, c, 100, "EUR", "i2"),
                 transfer_body(a, b, 1, "EUR", "i3"), transfer_body(c, a, 50, "EUR", "i4")});
  json items = results(r, 4);
  ASSERT_EQ(items.size(), 4u);
  EXPECT_THAT(items[0], IsItemCreated());
  EXPECT_THAT(items[1], IsItemCreated());
  EXPECT_THAT(items[2], IsItemError(409, "insufficient_funds"));
  EXPECT_THAT(items[3], IsItemCreated());
  EXPECT_EQ(balance(a), 50);
  EXPECT_EQ(balance(b), 0);
  EXPECT_EQ(balance(c), 50);
}

TEST_F(Batch, ResultIdsAreTheTransfersInTheHistories) {
  const std::string a = funded_account(100);
  const std::string b = new_account();
  auto r =
      post({transfer_body(a, b, 30, "EUR", "i1", "first"), transfer_body(a, b, 20, "EUR", "i2")});
  json items = results(r, 2);
  ASSERT_EQ(items.size(), 2u);
  json lines = transactions(b);
  ASSERT_EQ(lines.size(), 2u);
  EXPECT_EQ(lines[0]["id"], items[1]["id"]);  // newest first
  EXPECT_EQ(lines[1]["id"], items[0]["id"]);
  EXPECT_EQ(lines[1]["memo"], "first");
  EXPECT_FALSE(lines[0].contains("memo"));
  EXPECT_NE(items[0]["id"], items[1]["id"]);
  EXPECT_TRUE(HistoryChains(transactions(a), balance(a), /*complete=*/true));
}

TEST_F(Batch, ARefusedItemDoesNotStopTheOthers) {
  const std::string a = funded_account(1000);
  const std::string b = new_account();
  const std::string usd = new_account("USD");
  json wrong_type = transfer_body(a, b, 10, "EUR", "i5");
  wrong_type["amount"] = "10";
  auto r = post({transfer_body(a, b, 10, "EUR", "i1"), transfer_body(a, b, 0, "EUR", "i2"),
                 transfer_body(a, "ghost", 10, "EUR", "i3"), transfer_body(a, a, 10, "EUR", "i4"),
                 wrong_type, transfer_body(a, usd, 10, "EUR", "i6"),
                 transfer_body(a, b, 10, "eur", "i7"), transfer_body(a, b, 5000, "EUR", "i8"),
                 transfer_body(a, b, 10, "EUR", "i9")});
  json items = results(r, 9);
  ASSERT_EQ(items.size(), 9u);
  EXPECT_THAT(items[0], IsItemCreated());
  EXPECT_THAT(items[1], IsItemError(422, "invalid_amount"));
  EXPECT_THAT(items[2], IsItemError(404, "account_not_found"));
  EXPECT_THAT(items[3], IsItemError(422, "same_account"));
  EXPECT_THAT(items[4], IsItemError(400, "bad_request"));
  EXPECT_THAT(items[5], IsItemError(422, "currency_mismatch"));
  EXPECT_THAT(items[6], IsItemError(422, "invalid_currency"));
  EXPECT_THAT(items[7], IsItemError(409, "insufficient_funds"));
  EXPECT_THAT(items[8], IsItemCreated());
  EXPECT_EQ(balance(a), 980);
  EXPECT_EQ(balance(b), 20);
  EXPECT_EQ(transactions(b).size(), 2u);
}

TEST_F(Batch, AnEmptyBatchAnswersNoResults) {
  auto r = post({});
  EXPECT_TRUE(results(r, 0).empty());
}

TEST_F(Batch, AnInvalidEnvelopeIs400AndAppliesNothing) {
  const std::string a = funded_account(100);
  const std::string b = new_account();
  const std::string item = transfer_body(a, b, 10, "EUR", "env").dump();
  const std::vector<std::string> envelopes = {"[" + item + "]",
                                              "{}",
                                              R"({"transfers": {}})",
                                              R"({"transfers": "x"})",
                                              R"({"transfers": null})",
                                              R"({"transfers": 1})",
                                              R"({"transfer": [)" + item + "]}",
                                              R"({"transfers": [)" + item + ",",
                                              R"({"transfers": [)" + item + "]",
                                              std::string(),
                                              "null"};
  for (const std::string& body : envelopes) {
    EXPECT_THAT(http().post("/transfers/batch", body), IsError(400, "bad_request")) << body;
  }
  EXPECT_EQ(balance(a), 100);
  EXPECT_EQ(balance(b), 0);
  // Nothing was applied, so nothing claimed "env": a different body may use it.
  EXPECT_THAT(http().post("/transfers", transfer_body(a, b, 7, "EUR", "env")), IsJson(201));
}

TEST_F(Batch, MoreThan10000ItemsIs400AndAppliesNothing) {
  const std::string a = funded_account(1'000'000);
  const std::string b = new_account();
  json items = json::array();
  for (std::size_t i = 0; i <= kMaxBatchItems; ++i) {
    items.push_back(transfer_body(a, b, 1, "EUR", "over-" + std::to_string(i)));
  }
  EXPECT_THAT(http().post("/transfers/batch", json{{"transfers", items}}),
              IsError(400, "bad_request"));
  EXPECT_EQ(balance(a), 1'000'000);
  EXPECT_EQ(balance(b), 0);
  EXPECT_TRUE(transactions(b).empty());
  EXPECT_THAT(http().post("/transfers", transfer_body(a, b, 2, "EUR", "over-0")), IsJson(201));
}

TEST_F(Batch, TenThousandItemsOfAboutAMegabyteAreApplied) {
  const std::string a = funded_account(kMaxBatchItems * 3);
  const std::string b = new_account();
  json items = json::array();
  for (std::size_t i = 0; i < kMaxBatchItems; ++i) {
    items.push_back(i % 2 == 0 ? transfer_body(a, b, 3, "EUR", "big-" + std::to_string(i), "batch")
                               : transfer_body(a, b, 3, "EUR", "big-" + std::to_string(i)));
  }
  const std::string body = json{{"transfers", items}}.dump();
  RecordProperty("batch_body_bytes", static_cast<int>(body.size()));
  auto r = http().post("/transfers/batch", body);
  json all = results(r, kMaxBatchItems);
  ASSERT_EQ(all.size(), kMaxBatchItems);
  std::size_t created = 0;
  for (const json& item : all) created += item.value("status", 0) == 201 ? 1 : 0;
  EXPECT_EQ(created, kMaxBatchItems);
  EXPECT_EQ(balance(a), 0);
  EXPECT_EQ(balance(b), Money{3} * static_cast<Money>(kMaxBatchItems));
  json lines = transactions(b, kMaxLimit);
  ASSERT_EQ(lines.size(), std::size_t{kMaxLimit});
  EXPECT_EQ(lines[0]["id"], all.back()["id"]);
  EXPECT_TRUE(HistoryChains(lines, balance(b), /*complete=*/false));
}

TEST_F(Batch, ItemsReplayLikeSingleTransfers) {
  const std::string a = funded_account(1000);
  const std::string b = new_account();
  auto single = http().post("/transfers", transfer_body(a, b, 10, "EUR", "x"));
  ASSERT_THAT(single, IsJson(201));

  auto r = post({transfer_body(a, b, 10, "EUR", "x"),    // replay of the single transfer
                 transfer_body(a, b, 11, "EUR", "x"),    // same request_id, other body
                 transfer_body(a, b, 20, "EUR", "y"),    // new
                 transfer_body(a, b, 20, "EUR", "y"),    // replay within the batch
                 transfer_body(a, b, 21, "EUR", "y")});  // conflict within the batch
  json items = results(r, 5);
  ASSERT_EQ(items.size(), 5u);
  EXPECT_THAT(items[0], IsItemCreated());
  EXPECT_EQ(items[0]["id"], single.body_json["id"]);
  EXPECT_THAT(items[1], IsItemError(409, "idempotency_conflict"));
  EXPECT_THAT(items[2], IsItemCreated());
  EXPECT_THAT(items[3], IsItemCreated());
  EXPECT_EQ(items[3]["id"], items[2]["id"]);
  EXPECT_THAT(items[4], IsItemError(409, "idempotency_conflict"));
  EXPECT_EQ(balance(a), 970);
  EXPECT_EQ(balance(b), 30);
  EXPECT_EQ(transactions(b).size(), 2u);

  // A batch item claims its request_id for single transfers too.
  auto again = http().post("/transfers", transfer_body(a, b, 20, "EUR", "y"));
  ASSERT_THAT(again, IsJson(201));
  EXPECT_EQ(again.body_json["id"], items[2]["id"]);
  EXPECT_THAT(http().post("/transfers", transfer_body(a, b, 22, "EUR", "y")),
              IsError(409, "idempotency_conflict"));
  EXPECT_EQ(balance(b), 30);
}

TEST_F(Batch, ARefusedItemClaimsNothing) {
  const std::string a = new_account();
  const std::string b = new_account();
  json first = results(post({transfer_body(a, b, 50, "EUR", "later")}), 1);
  ASSERT_EQ(first.size(), 1u);
  EXPECT_THAT(first[0], IsItemError(409, "insufficient_funds"));
  deposit(a, 50);
  json second = results(post({transfer_body(a, b, 50, "EUR", "later")}), 1);
  ASSERT_EQ(second.size(), 1u);
  EXPECT_THAT(second[0], IsItemCreated());
  EXPECT_EQ(balance(b), 50);
}

TEST_F(Batch, SharesIdempotencyWithSingleTransfersOnly) {
  // Deposits and transfers keep separate request_ids: a deposit's id means nothing here.
  const std::string a = new_account();
  const std::string b = new_account();
  ASSERT_THAT(http().post(deposits_path(a), deposit_body(100, "shared")), IsJson(201));
  json items = results(post({transfer_body(a, b, 100, "EUR", "shared")}), 1);
  ASSERT_EQ(items.size(), 1u);
  EXPECT_THAT(items[0], IsItemCreated());
  EXPECT_EQ(balance(b), 100);
}

}  // namespace
}  // namespace archbench::conformance

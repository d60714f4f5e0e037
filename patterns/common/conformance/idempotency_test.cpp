// request_id: a replay answers the first answer and changes nothing; another body under the
// same request_id is 409; a refused request claims nothing; deposits and transfers keep
// separate request_ids; "the same body" ignores field order and spacing.
#include "common/conformance/ledger_fixture.hpp"

namespace archbench::conformance {
namespace {

using Idempotency = LedgerTest;

TEST_F(Idempotency, DepositReplayAnswersTheFirstAnswerAndChangesNothing) {
  const std::string account = new_account();
  auto first = http().post(deposits_path(account), deposit_body(100, "d1"));
  ASSERT_THAT(first, IsJson(201));
  deposit(account, 50);  // the balance moves on: a replay must still say 100
  auto replay = http().post(deposits_path(account), deposit_body(100, "d1"));
  ASSERT_THAT(replay, IsJson(201));
  EXPECT_EQ(replay.body_json, first.body_json);
  EXPECT_THAT(replay.body_json["balance"], IsMoney(100));
  EXPECT_EQ(balance(account), 150);
  EXPECT_EQ(transactions(account).size(), 2u);
}

TEST_F(Idempotency, TransferReplayAnswersTheFirstAnswerAndChangesNothing) {
  const std::string a = funded_account(100);
  const std::string b = new_account();
  const json body = transfer_body(a, b, 100, "EUR", "t1", "once");
  auto first = http().post("/transfers", body);
  ASSERT_THAT(first, IsJson(201));
  // `a` is empty now: executing the transfer again would fail, a replay must not.
  for (int i = 0; i < 3; ++i) {
    auto replay = http().post("/transfers", body);
    ASSERT_THAT(replay, IsJson(201));
    EXPECT_EQ(replay.body_json, first.body_json);
  }
  EXPECT_EQ(balance(a), 0);
  EXPECT_EQ(balance(b), 100);
  EXPECT_EQ(transactions(b).size(), 1u);
}

TEST_F(Idempotency, SameRequestIdWithAnotherDepositAmountIs409) {
  const std::string account = new_account();
  ASSERT_THAT(http().post(deposits_path(account), deposit_body(100, "d1")), IsJson(201));
  EXPECT_THAT(http().post(deposits_path(account), deposit_body(101, "d1")),
              IsError(409, "idempotency_conflict"));
  EXPECT_EQ(balance(account), 100);
  EXPECT_EQ(transactions(account).size(), 1u);
}

TEST_F(Idempotency, TheDepositsAccountIsPartOfItsBody) {
  const std::string a = new_account();
  const std::string b = new_account();
  ASSERT_THAT(http().post(deposits_path(a), deposit_body(100, "d1")), IsJson(201));
  EXPECT_THAT(http().post(deposits_path(b), deposit_body(100, "d1")),
              IsError(409, "idempotency_conflict"));
  EXPECT_EQ(balance(a), 100);
  EXPECT_EQ(balance(b), 0);
}

TEST_F(Idempotency, SameRequestIdWithAnotherTransferBodyIs409) {
  const std::string a = funded_account(1000);
  const std::string b = new_account();
  const std::string c = new_account();
  ASSERT_THAT(http().post("/transfers", transfer_body(a, b, 100, "EUR", "t1")), IsJson(201));
  const std::vector<json> others = {
      transfer_body(a, b, 101, "EUR", "t1"),
      transfer_body(a, c, 100, "EUR", "t1"),
      transfer_body(b, a, 100, "EUR", "t1"),
      transfer_body(a, b, 100, "EUR", "t1", "memo"),
  };
  for (const json& other : others) {
    EXPECT_THAT(http().post("/transfers", other), IsError(409, "idempotency_conflict"))
        << other.dump();
  }
  EXPECT_EQ(balance(a), 900);
  EXPECT_EQ(balance(b), 100);
  EXPECT_EQ(balance(c), 0);
}

TEST_F(Idempotency, MemoIsPartOfTheBody) {
  const std::string a = funded_account(1000);
  const std::string b = new_account();
  ASSERT_THAT(http().post("/transfers", transfer_body(a, b, 100, "EUR", "t1", "rent")),
              IsJson(201));
  EXPECT_THAT(http().post("/transfers", transfer_body(a, b, 100, "EUR", "t1", "food")),
              IsError(409, "idempotency_conflict"));
  EXPECT_THAT(http().post("/transfers", transfer_body(a, b, 100, "EUR", "t1")),
              IsError(409, "idempotency_conflict"));
  EXPECT_EQ(balance(b), 100);
}

TEST_F(Idempotency, FieldOrderAndSpacingDoNotMatter) {
  const std::string a = funded_account(1000);
  const std::string b = new_account();
  auto first = http().post("/transfers",
                           R"({"from":")" + a + R"(","to":")" + b +
                               R"(","amount":250,"currency":"EUR","request_id":"t1","memo":"m"})");
  ASSERT_THAT(first, IsJson(201));
  auto replay = http().post("/transfers",
                            "\n{ \"memo\" : \"m\",\t\"request_id\":\"t1\" ,\r\n"
                            "  \"currency\": \"EUR\", \"amount\" : 250,\n \"to\": \"" +
                                b + "\", \"from\":\"" + a + "\" }\n");
  ASSERT_THAT(replay, IsJson(201));
  EXPECT_EQ(replay.body_json, first.body_json);

  auto deposit_first =
      http().post(deposits_path(b), std::string(R"({"amount":5,"request_id":"d1"})"));
  ASSERT_THAT(deposit_first, IsJson(201));
  auto deposit_replay =
      http().post(deposits_path(b), std::string(" { \"request_id\" : \"d1\" ,\n\"amount\":5 } "));
  ASSERT_THAT(deposit_replay, IsJson(201));
  EXPECT_EQ(deposit_replay.body_json, deposit_first.body_json);
  EXPECT_EQ(balance(a), 750);
  EXPECT_EQ(balance(b), 255);
}

// docs/workload.md, "the same body": a null memo is no memo, an empty memo is a memo.
TEST_F(Idempotency, ANullMemoIsNoMemoAndAnEmptyMemoIsAMemo) {
  const std::string a = funded_account(1000);
  const std::string b = new_account();
  json without = transfer_body(a, b, 100, "EUR", "t1");
  without.erase("memo");
  json with_null = without;
  with_null["memo"] = nullptr;
  auto first = http().post("/transfers", without);
  ASSERT_THAT(first, IsJson(201));
  auto replay = http().post("/transfers", with_null);
  ASSERT_THAT(replay, IsJson(201));
  EXPECT_EQ(replay.body_json, first.body_json);
  json with_empty = without;
  with_empty["memo"] = "";
  EXPECT_THAT(http().post("/transfers", with_empty), IsError(409, "idempotency_conflict"));

  // And the other way round: first an empty memo, then none.
  ASSERT_THAT(http().post("/transfers", transfer_body(a, b, 100, "EUR", "t2", "")), IsJson(201));
  EXPECT_THAT(http().post("/transfers", transfer_body(a, b, 100, "EUR", "t2")),
              IsError(409, "idempotency_conflict"));
  EXPECT_EQ(balance(b), 200);
}

// Only the listed fields count: an unknown field, or a value spelled with JSON escapes, does not
// make another request.
TEST_F(Idempotency, UnknownFieldsAndEscapesDoNotMakeAnotherRequest) {
  const std::string account = new_account();
  auto first =
      http().post(deposits_path(account), std::string(R"({"amount":7,"request_id":"d1"})"));
  ASSERT_THAT(first, IsJson(201));
  auto replay =
      http().post(deposits_path(account),
                  std::string(R"({"amount":7,"request_id":"d\u0031","note":[1,{"x":2}]})"));
  ASSERT_THAT(replay, IsJson(201));
  EXPECT_EQ(replay.body_json, first.body_json);
  EXPECT_EQ(balance(account), 7);
}

// request_ids are bytes: ones that differ only after a NUL (or in any byte) are different keys in
// every store, and the same bytes are the same key.
TEST_F(Idempotency, RequestIdsWithANulByteAreComparedWhole) {
  const std::string account = new_account();
  ASSERT_THAT(
      http().post(deposits_path(account), std::string(R"({"amount":1,"request_id":"a\u0000b"})")),
      IsJson(201));
  EXPECT_THAT(
      http().post(deposits_path(account), std::string(R"({"amount":2,"request_id":"a\u0000c"})")),
      IsJson(201));
  EXPECT_THAT(
      http().post(deposits_path(account), std::string(R"({"amount":3,"request_id":"a\u0000b"})")),
      IsError(409, "idempotency_conflict"));
  EXPECT_THAT(http().post(deposits_path(account), std::string(R"({"amount":4,"request_id":"a"})")),
              IsJson(201));
  EXPECT_EQ(balance(account), 7);
}

TEST_F(Idempotency, ARefusedTransferClaimsNothing) {
  const std::string a = new_account();
  const std::string b = new_account();
  const json body = transfer_body(a, b, 500, "EUR", "retry-me");
  EXPECT_THAT(http().post("/transfers", body), IsError(409, "insufficient_funds"));
  deposit(a, 500);  // "for example after the account was funded"
  auto retry = http().post("/transfers", body);
  ASSERT_THAT(retry, IsJson(201));
  EXPECT_EQ(balance(b), 500);
}

TEST_F(Idempotency, ARefusedRequestLeavesTheRequestIdFreeForAnotherBody) {
  const std::string a = funded_account(100);
  const std::string b = new_account();
  EXPECT_THAT(http().post("/transfers", transfer_body(a, "ghost", 10, "EUR", "t1")),
              IsError(404, "account_not_found"));
  EXPECT_THAT(http().post("/transfers", transfer_body(a, b, 0, "EUR", "t1")),
              IsError(422, "invalid_amount"));
  EXPECT_THAT(http().post("/transfers", transfer_body(a, b, 10, "EUR", "t1")), IsJson(201));
  EXPECT_EQ(balance(b), 10);
}

TEST_F(Idempotency, ARefusedDepositClaimsNothing) {
  const std::string account = new_account();
  EXPECT_THAT(http().post(deposits_path("no-such-account"), deposit_body(100, "d1")),
              IsError(404, "account_not_found"));
  EXPECT_THAT(http().post(deposits_path(account), deposit_body(0, "d1")),
              IsError(422, "invalid_amount"));
  EXPECT_THAT(http().post(deposits_path(account), deposit_body(100, "d1")), IsJson(201));
  EXPECT_EQ(balance(account), 100);
}

TEST_F(Idempotency, DepositsAndTransfersKeepSeparateRequestIds) {
  const std::string a = new_account();
  const std::string b = new_account();
  ASSERT_THAT(http().post(deposits_path(a), deposit_body(300, "shared")), IsJson(201));
  ASSERT_THAT(http().post("/transfers", transfer_body(a, b, 100, "EUR", "shared")), IsJson(201));
  // And each kind still replays its own answer.
  EXPECT_THAT(http().post(deposits_path(a), deposit_body(300, "shared")), IsJson(201));
  EXPECT_THAT(http().post("/transfers", transfer_body(a, b, 100, "EUR", "shared")), IsJson(201));
  EXPECT_EQ(balance(a), 200);
  EXPECT_EQ(balance(b), 100);
}

TEST_F(Idempotency, ALongRequestIdWorksLikeAShortOne) {
  const std::string account = new_account();
  const std::string id = bytes(kMaxRequestIdBytes, 'k');
  auto first = http().post(deposits_path(account), deposit_body(9, id));
  ASSERT_THAT(first, IsJson(201));
  auto replay = http().post(deposits_path(account), deposit_body(9, id));
  EXPECT_EQ(replay.body_json, first.body_json);
  EXPECT_THAT(http().post(deposits_path(account), deposit_body(9, id.substr(1) + "j")),
              IsJson(201));  // a different request_id of the same length
  EXPECT_EQ(balance(account), 18);
}

TEST_F(Idempotency, RequestIdsAreComparedExactly) {
  const std::string account = new_account();
  ASSERT_THAT(http().post(deposits_path(account), deposit_body(1, "abc")), IsJson(201));
  EXPECT_THAT(http().post(deposits_path(account), deposit_body(1, "ABC")), IsJson(201));
  EXPECT_THAT(http().post(deposits_path(account), deposit_body(1, "abc ")), IsJson(201));
  EXPECT_EQ(balance(account), 3);
}

}  // namespace
}  // namespace archbench::conformance

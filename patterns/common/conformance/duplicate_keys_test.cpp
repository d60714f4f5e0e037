// A key twice in one JSON object, anywhere in a request body, is 400 bad_request and changes
// nothing. RFC 8259 leaves such a body's meaning open (one JSON library keeps the last value,
// another finds the first), so without this rule two backends could apply different requests
// for the same bytes.
#include "common/conformance/ledger_fixture.hpp"

namespace archbench::conformance {
namespace {

using DuplicateKeys = LedgerTest;

// The transfer body's fields as JSON text, without the braces, so that a test can add one more.
std::string transfer_fields(const std::string& from, const std::string& to, Money amount,
                            std::string_view request_id) {
  const std::string body = transfer_body(from, to, amount, "EUR", request_id).dump();
  return body.substr(1, body.size() - 2);
}

TEST_F(DuplicateKeys, CreateAccountIs400) {
  EXPECT_THAT(http().post("/accounts", std::string(R"({"owner":"Ada","currency":"EUR",)"
                                                   R"("owner":"Bob"})")),
              IsError(400, "bad_request"));
}

TEST_F(DuplicateKeys, DepositIs400EvenWithTheSameValueTwice) {
  const std::string account = new_account();
  for (const char* body : {R"({"amount":100,"request_id":"d1","amount":900})",
                           R"({"amount":100,"request_id":"d1","amount":100})",
                           R"({"amount":100,"request_id":"d1","request_id":"d2"})"}) {
    EXPECT_THAT(http().post(deposits_path(account), std::string(body)), IsError(400, "bad_request"))
        << body;
  }
  EXPECT_EQ(balance(account), 0);
  // The refusals claimed nothing: d1 is still free.
  EXPECT_THAT(http().post(deposits_path(account), deposit_body(100, "d1")), IsJson(201));
}

TEST_F(DuplicateKeys, TransferIs400) {
  const std::string a = funded_account(1000);
  const std::string b = new_account();
  const std::string c = new_account();
  const std::string fields = transfer_fields(a, b, 100, "t1");
  for (const std::string& extra : {R"("to":")" + c + R"(")", std::string(R"("amount":900)"),
                                   std::string(R"("memo":"x")") + R"(,"memo":"y")"}) {
    EXPECT_THAT(http().post("/transfers", "{" + fields + "," + extra + "}"),
                IsError(400, "bad_request"))
        << extra;
  }
  EXPECT_EQ(balance(a), 1000);
  EXPECT_EQ(balance(b), 0);
  EXPECT_EQ(balance(c), 0);
}

TEST_F(DuplicateKeys, AtAnyDepthEvenInsideAnIgnoredField) {
  const std::string a = funded_account(1000);
  const std::string b = new_account();
  const std::string body =
      "{" + transfer_fields(a, b, 100, "t1") + R"(,"extra":{"list":[{"k":1,"k":2}]}})";
  EXPECT_THAT(http().post("/transfers", body), IsError(400, "bad_request"));
  EXPECT_EQ(balance(a), 1000);
  // Without the repeat, the unknown field is ignored as usual.
  EXPECT_THAT(http().post("/transfers", "{" + transfer_fields(a, b, 100, "t1") +
                                            R"(,"extra":{"list":[{"k":1,"j":2}]}})"),
              IsJson(201));
}

TEST_F(DuplicateKeys, BatchEnvelopeIs400) {
  const std::string a = funded_account(1000);
  const std::string b = new_account();
  const std::string item = "{" + transfer_fields(a, b, 100, "t1") + "}";
  EXPECT_THAT(http().post("/transfers/batch", R"({"transfers":[)" + item + R"(],"transfers":[]})"),
              IsError(400, "bad_request"));
  EXPECT_EQ(balance(a), 1000);
}

// Like a syntax error in one item, a repeated key in one item makes the whole body unreadable:
// 400 for the request, and no item is applied, not even the valid ones before it.
TEST_F(DuplicateKeys, OneBatchItemWithARepeatedKeyRefusesTheWholeBatch) {
  const std::string a = funded_account(1000);
  const std::string b = new_account();
  const std::string good = "{" + transfer_fields(a, b, 100, "t1") + "}";
  const std::string bad = "{" + transfer_fields(a, b, 100, "t2") + R"(,"amount":200})";
  EXPECT_THAT(http().post("/transfers/batch", R"({"transfers":[)" + good + "," + bad + "]}"),
              IsError(400, "bad_request"));
  EXPECT_EQ(balance(a), 1000);
  EXPECT_EQ(balance(b), 0);
  EXPECT_TRUE(transactions(b).empty());
}

}  // namespace
}  // namespace archbench::conformance

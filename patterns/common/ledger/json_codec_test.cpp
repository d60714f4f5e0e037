// The codec against the contract: every way a body earns a 400, the integer rules for money,
// and serializers whose output a strict parser (nlohmann) reads back to the same values.
#include "common/ledger/json_codec.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <limits>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace archbench::ledger {
namespace {

using nlohmann::json;
using ::testing::HasSubstr;

template <class T>
T value_of(const Parsed<T>& parsed) {
  if (const auto* error = std::get_if<Error>(&parsed)) {
    ADD_FAILURE() << "unexpected error: " << error->message;
    return T{};
  }
  return std::get<T>(parsed);
}

template <class T>
Error error_of(const Parsed<T>& parsed) {
  if (!std::holds_alternative<Error>(parsed)) {
    ADD_FAILURE() << "parsed, expected an error";
    return Error{};
  }
  return std::get<Error>(parsed);
}

// The 400 message for a transfer body.
std::string transfer_error(const std::string& body) {
  const Error error = error_of(parse_transfer_request(body));
  EXPECT_EQ(error.code, ErrorCode::bad_request) << body;
  return error.message;
}

TEST(JsonCodec, ParsesNewAccountIgnoringUnknownFields) {
  EXPECT_EQ(value_of(parse_new_account(R"({"currency":"EUR","owner":"Ada","extra":[1,2]})")),
            (NewAccount{"Ada", "EUR"}));
}

TEST(JsonCodec, LeavesTheCurrencyFormatToTheRules) {
  // "eur" is a 422 invalid_currency, decided by the backend: structurally it is fine.
  EXPECT_EQ(value_of(parse_new_account(R"({"owner":"Ada","currency":"eur"})")).currency, "eur");
  EXPECT_EQ(value_of(parse_new_account(R"({"owner":"Ada","currency":""})")).currency, "");
}

TEST(JsonCodec, NewAccountOwnerLength) {
  const std::string longest(kMaxOwnerBytes, 'x');
  EXPECT_EQ(value_of(parse_new_account(R"({"owner":")" + longest + R"(","currency":"EUR"})")).owner,
            longest);
  const Error too_long =
      error_of(parse_new_account(R"({"owner":")" + longest + R"(x","currency":"EUR"})"));
  EXPECT_EQ(too_long.code, ErrorCode::bad_request);
  EXPECT_THAT(too_long.message, HasSubstr("'owner'"));
  EXPECT_THAT(error_of(parse_new_account(R"({"owner":"","currency":"EUR"})")).message,
              HasSubstr("'owner'"));
}

TEST(JsonCodec, NamesTheMissingOrMistypedField) {
  EXPECT_EQ(error_of(parse_new_account(R"({"currency":"EUR"})")).message, "missing field 'owner'");
  EXPECT_EQ(error_of(parse_new_account(R"({"owner":7,"currency":"EUR"})")).message,
            "field 'owner' must be a string");
  EXPECT_EQ(error_of(parse_new_account(R"({"owner":"Ada","currency":null})")).message,
            "field 'currency' must be a string");
}

TEST(JsonCodec, RefusesBodiesThatAreNotObjects) {
  for (const char* body : {"[]", "\"x\"", "42", "null", "true"}) {
    const Error error = error_of(parse_new_account(body));
    EXPECT_EQ(error.code, ErrorCode::bad_request);
    EXPECT_EQ(error.message, "the body must be a JSON object") << body;
  }
}

TEST(JsonCodec, InvalidJsonSaysWhere) {
  for (const char* body : {"", "{", R"({"owner":"Ada",})", R"({"owner":"Ada"} x)", "{'a':1}"}) {
    const Error error = error_of(parse_new_account(body));
    EXPECT_EQ(error.code, ErrorCode::bad_request);
    EXPECT_THAT(error.message, HasSubstr("invalid JSON")) << body;
    EXPECT_THAT(error.message, HasSubstr("line 1, column")) << body;
    EXPECT_THAT(error.message, ::testing::Not(HasSubstr("json.exception"))) << body;
  }
}

TEST(JsonCodec, RefusesANulByteAnywhere) {
  // nlohmann alone would stop reading at the NUL and accept the object before it.
  const std::string body("{\"owner\":\"Ada\",\"currency\":\"EUR\"}\0garbage", 40);
  EXPECT_THAT(error_of(parse_new_account(body)).message, HasSubstr("NUL byte at offset 32"));
}

TEST(JsonCodec, NumbersBeyondADoubleAreUnreadable) {
  for (const std::string& amount : {std::string("1e999999"), std::string(400, '9')}) {
    const Error error =
        error_of(parse_deposit_request(R"({"request_id":"r","amount":)" + amount + "}"));
    EXPECT_EQ(error.code, ErrorCode::bad_request);
    EXPECT_THAT(error.message, HasSubstr("number overflow")) << amount;
  }
}

TEST(JsonCodec, KeepsErrorMessagesShort) {
  // The lexer quotes the token it choked on; here, a megabyte-long unterminated string.
  const Error error = error_of(parse_new_account(R"({"owner":")" + std::string(1 << 20, 'a')));
  EXPECT_THAT(error.message, HasSubstr("invalid JSON"));
  EXPECT_LT(error.message.size(), 300U);
}

TEST(JsonCodec, RefusesDeepNesting) {
  const std::string deep = R"({"a":)" + std::string(100, '[') + std::string(100, ']') + "}";
  EXPECT_THAT(error_of(parse_new_account(deep)).message, HasSubstr("nested deeper"));
}

// RFC 8259 leaves a repeated key's meaning open (nlohmann keeps the last value, simdjson's
// on-demand API finds the first); the contract refuses it, in every body and at any depth.
TEST(JsonCodec, RefusesAKeySeenTwiceInOneObject) {
  const std::string transfer =
      R"("from":"a","to":"b","amount":1,"currency":"EUR","request_id":"t")";
  const std::vector<Error> errors = {
      error_of(parse_new_account(R"({"owner":"Ada","currency":"EUR","owner":"Bob"})")),
      // Twice the same value is still twice: the bytes are ambiguous all the same.
      error_of(parse_deposit_request(R"({"amount":5,"request_id":"d","amount":5})")),
      error_of(parse_transfer_request("{" + transfer + R"(,"amount":2})")),
      error_of(parse_transfer_request("{" + transfer + R"(,"memo":null,"memo":"m"})")),
      error_of(parse_transfer_batch(R"({"transfers":[],"transfers":[]})")),
      // Inside one item: the whole body is refused, as for a syntax error in one item.
      error_of(parse_transfer_batch(R"({"transfers":[{)" + transfer + R"(,"to":"c"}]})")),
  };
  for (const Error& error : errors) {
    EXPECT_EQ(error.code, ErrorCode::bad_request);
    EXPECT_THAT(error.message, HasSubstr("appears twice in one object"));
  }
  EXPECT_THAT(errors[0].message, HasSubstr(R"("owner")"));
  EXPECT_THAT(errors[4].message, HasSubstr(R"("transfers")"));
  EXPECT_THAT(errors[5].message, HasSubstr(R"("to")"));
}

TEST(JsonCodec, RefusesARepeatedKeyAtAnyDepthEvenInAnIgnoredField) {
  const std::string account = R"("owner":"Ada","currency":"EUR")";
  for (const std::string& extra : {
           std::string(R"({"k":1,"k":2})"),
           std::string(R"([{"k":1},{"j":[{"k":1,"k":1}]}])"),
           std::string(R"({"a":{"b":{"c":{"k":null,"k":null}}}})"),
       }) {
    const Error error = error_of(parse_new_account("{" + account + R"(,"extra":)" + extra + "}"));
    EXPECT_THAT(error.message, HasSubstr(R"(the key "k" appears twice)")) << extra;
  }
}

TEST(JsonCodec, ComparesKeysAfterUnescaping) {
  // "own\u0065r" is "owner": the same key spelled twice.
  EXPECT_THAT(
      error_of(parse_new_account(R"({"owner":"Ada","own\u0065r":"Bob","currency":"EUR"})")).message,
      HasSubstr(R"(the key "owner" appears twice)"));
  // Keys are compared exactly: case and spacing make different keys (ignored unknown fields).
  EXPECT_EQ(
      value_of(parse_new_account(R"({"Owner":"x","owner ":"y","owner":"Ada","currency":"EUR"})")),
      (NewAccount{"Ada", "EUR"}));
}

TEST(JsonCodec, TheSameKeyInDifferentObjectsIsFine) {
  EXPECT_EQ(
      value_of(parse_new_account(
          R"({"a":{"k":1},"b":{"k":1},"c":[{"k":1},{"k":1}],"owner":"Ada","currency":"EUR"})")),
      (NewAccount{"Ada", "EUR"}));
  const std::string item = R"({"from":"a","to":"b","amount":1,"currency":"EUR","request_id":"t"})";
  EXPECT_EQ(value_of(parse_transfer_batch(R"({"transfers":[)" + item + "," + item + "]}")).size(),
            2U);
}

TEST(JsonCodec, ARepeatedKeyIsNamedShortly) {
  const std::string key(1 << 16, 'k');
  const Error error = error_of(parse_new_account(R"({")" + key + R"(":1,")" + key + R"(":2})"));
  EXPECT_THAT(error.message, HasSubstr("appears twice"));
  EXPECT_LT(error.message.size(), 200U);
}

TEST(JsonCodec, ManyDistinctKeysStayCheap) {
  // One map lookup per key: a scan of the keys seen so far would take minutes here.
  std::string body = "{";
  for (int i = 0; i < 200'000; ++i) body += "\"k" + std::to_string(i) + "\":0,";
  body += R"("owner":"Ada","currency":"EUR"})";
  EXPECT_EQ(value_of(parse_new_account(body)), (NewAccount{"Ada", "EUR"}));
}

TEST(JsonCodec, ParsesDeposit) {
  EXPECT_EQ(value_of(parse_deposit_request(R"( {"request_id":"r1", "amount":5000} )")),
            (DepositRequest{5000, "r1"}));
}

TEST(JsonCodec, AmountMustBeAJsonInteger) {
  for (const char* amount : {"12.5", "1e3", "10.0", "1E2", "\"100\"", "true", "null", "[1]"}) {
    const Error error = error_of(
        parse_deposit_request(std::string(R"({"request_id":"r","amount":)") + amount + "}"));
    EXPECT_EQ(error.code, ErrorCode::bad_request) << amount;
    EXPECT_EQ(error.message, "field 'amount' must be an integer number of minor units") << amount;
  }
}

TEST(JsonCodec, OutOfRangeIntegersStayIntegersForTheRangeCheck) {
  // In range for int64 but not for the contract: passed through, the backend answers 422.
  EXPECT_EQ(value_of(parse_deposit_request(R"({"request_id":"r","amount":0})")).amount, 0);
  EXPECT_EQ(value_of(parse_deposit_request(R"({"request_id":"r","amount":-5})")).amount, -5);
  EXPECT_EQ(value_of(parse_deposit_request(R"({"request_id":"r","amount":-0})")).amount, 0);
  const auto amount_of = [](const std::string& text) {
    return value_of(parse_deposit_request(R"({"request_id":"r","amount":)" + text + "}")).amount;
  };
  constexpr Money kMax = std::numeric_limits<Money>::max();
  constexpr Money kMin = std::numeric_limits<Money>::min();
  EXPECT_EQ(amount_of("9223372036854775807"), kMax);
  EXPECT_EQ(amount_of("9223372036854775808"), kMax);   // uint64 in nlohmann: saturated
  EXPECT_EQ(amount_of("18446744073709551616"), kMax);  // beyond uint64: saturated
  EXPECT_EQ(amount_of("100000000000000000000000000000"), kMax);
  EXPECT_EQ(amount_of("-9223372036854775808"), kMin);
  EXPECT_EQ(amount_of("-9223372036854775809"), kMin);
  EXPECT_EQ(amount_of("-100000000000000000000000000000"), kMin);
}

TEST(JsonCodec, RequestIdLength) {
  const std::string longest(kMaxRequestIdBytes, 'r');
  EXPECT_EQ(
      value_of(parse_deposit_request(R"({"amount":1,"request_id":")" + longest + "\"}")).request_id,
      longest);
  EXPECT_THAT(
      error_of(parse_deposit_request(R"({"amount":1,"request_id":")" + longest + "r\"}")).message,
      HasSubstr("'request_id'"));
  EXPECT_THAT(error_of(parse_deposit_request(R"({"amount":1,"request_id":""})")).message,
              HasSubstr("'request_id'"));
  EXPECT_EQ(error_of(parse_deposit_request(R"({"amount":1})")).message,
            "missing field 'request_id'");
}

TEST(JsonCodec, ParsesTransferWithAndWithoutMemo) {
  const TransferRequest expected{"a", "b", 1250, "EUR", "t1", std::nullopt};
  EXPECT_EQ(value_of(parse_transfer_request(
                R"({"from":"a","to":"b","amount":1250,"currency":"EUR","request_id":"t1"})")),
            expected);
  EXPECT_EQ(value_of(parse_transfer_request(
                R"({"from":"a","to":"b","amount":1250,"currency":"EUR","request_id":"t1",
                    "memo":null})")),
            expected);
  TransferRequest with_memo = expected;
  with_memo.memo = "rent";
  EXPECT_EQ(value_of(parse_transfer_request(
                R"({"memo":"rent","request_id":"t1","currency":"EUR","amount":1250,"to":"b",
                    "from":"a"})")),
            with_memo);
  with_memo.memo = "";
  EXPECT_EQ(value_of(parse_transfer_request(
                R"({"from":"a","to":"b","amount":1250,"currency":"EUR","request_id":"t1",
                    "memo":""})")),
            with_memo);
}

TEST(JsonCodec, TransferFieldErrors) {
  const std::string rest = R"("amount":1,"currency":"EUR","request_id":"t")";
  EXPECT_EQ(transfer_error(R"({"to":"b",)" + rest + "}"), "missing field 'from'");
  EXPECT_EQ(transfer_error(R"({"from":"a",)" + rest + "}"), "missing field 'to'");
  EXPECT_EQ(transfer_error(R"({"from":"","to":"b",)" + rest + "}"),
            "field 'from' must not be empty");
  EXPECT_EQ(transfer_error(R"({"from":1,"to":"b",)" + rest + "}"), "field 'from' must be a string");
  EXPECT_EQ(transfer_error(R"({"from":"a","to":"b","currency":"EUR","request_id":"t"})"),
            "missing field 'amount'");
  EXPECT_EQ(transfer_error(R"({"from":"a","to":"b","amount":1,"request_id":"t"})"),
            "missing field 'currency'");
  EXPECT_EQ(transfer_error(R"({"from":"a","to":"b",)" + rest + R"(,"memo":5})"),
            "field 'memo' must be a string");
  EXPECT_EQ(transfer_error(R"({"from":"a","to":"b",)" + rest + R"(,"memo":")" +
                           std::string(kMaxMemoBytes + 1, 'm') + "\"}"),
            "field 'memo' must be at most 1024 bytes long");
  EXPECT_EQ(value_of(parse_transfer_request(R"({"from":"a","to":"b",)" + rest + R"(,"memo":")" +
                                            std::string(kMaxMemoBytes, 'm') + "\"}"))
                .memo->size(),
            kMaxMemoBytes);
}

TEST(JsonCodec, BatchEnvelopeErrors) {
  EXPECT_EQ(error_of(parse_transfer_batch("[]")).message, "the body must be a JSON object");
  EXPECT_EQ(error_of(parse_transfer_batch("{}")).message, "missing field 'transfers'");
  EXPECT_EQ(error_of(parse_transfer_batch(R"({"transfers":{}})")).message,
            "field 'transfers' must be an array");
  EXPECT_THAT(error_of(parse_transfer_batch(R"({"transfers":[)")).message,
              HasSubstr("invalid JSON"));
}

TEST(JsonCodec, BatchSizeLimit) {
  const auto batch_of = [](std::size_t n) {
    std::string body = R"({"transfers":[)";
    for (std::size_t i = 0; i < n; ++i) body += i == 0 ? "0" : ",0";
    return body + "]}";
  };
  const auto at_limit = parse_transfer_batch(batch_of(kMaxBatchTransfers));
  EXPECT_EQ(value_of(at_limit).size(), kMaxBatchTransfers);
  EXPECT_THAT(error_of(parse_transfer_batch(batch_of(kMaxBatchTransfers + 1))).message,
              HasSubstr("at most 10000"));
  EXPECT_TRUE(value_of(parse_transfer_batch(R"({"transfers":[]})")).empty());
}

TEST(JsonCodec, BatchItemsAreParsedOneByOne) {
  const auto items = value_of(parse_transfer_batch(
      R"({"transfers":[
            {"from":"a","to":"b","amount":1,"currency":"EUR","request_id":"t1"},
            {"from":"a","to":"b","amount":1.5,"currency":"EUR","request_id":"t2"},
            "not an object",
            {"from":"a","to":"b","amount":2,"currency":"EUR","request_id":"t3","memo":"m"}]})"));
  ASSERT_EQ(items.size(), 4U);
  EXPECT_EQ(value_of(items[0]).request_id, "t1");
  EXPECT_EQ(error_of(items[1]).message, "field 'amount' must be an integer number of minor units");
  EXPECT_EQ(error_of(items[2]).code, ErrorCode::bad_request);
  EXPECT_EQ(value_of(items[3]).memo, "m");
}

TEST(JsonCodec, EscapesStrings) {
  const auto quoted = [](std::string_view text) {
    std::string out;
    write_json_string(text, out);
    return out;
  };
  EXPECT_EQ(quoted("plain"), R"("plain")");
  EXPECT_EQ(quoted("a\"b\\c"), R"("a\"b\\c")");
  EXPECT_EQ(quoted("\n\r\t\b\f"), R"("\n\r\t\b\f")");
  EXPECT_EQ(quoted(std::string_view("\x01\x1f\0", 3)), R"("\u0001\u001f\u0000")");
  EXPECT_EQ(quoted("Zoë €"), "\"Zoë €\"");  // UTF-8 passes through
  EXPECT_EQ(quoted("\xff"
                   "a"),
            R"("\ufffda")");                                     // not UTF-8: replaced
  EXPECT_EQ(quoted("\xc3"), R"("\ufffd")");                      // truncated sequence
  EXPECT_EQ(quoted("\xed\xa0\x80"), R"("\ufffd\ufffd\ufffd")");  // a UTF-16 surrogate
  EXPECT_EQ(quoted("\xc0\xaf"), R"("\ufffd\ufffd")");            // overlong '/'
}

TEST(JsonCodec, EscapedStringsRoundTripThroughAStrictParser) {
  const auto round_trip = [](const std::string& text) {
    std::string out;
    write_json_string(text, out);
    return json::parse(out).get<std::string>();  // throws if we wrote invalid JSON or UTF-8
  };
  for (const std::string text : {"Ada \"the Countess\" \\ Lovelace\n\t", "日本語 🎉 \x7f"}) {
    EXPECT_EQ(round_trip(text), text);
  }
  // Every byte value: ASCII (control characters included) comes back as it was; each byte
  // above 0x7F alone is not UTF-8 and comes back as U+FFFD.
  std::string every_byte;
  std::string expected;
  for (int c = 0; c < 256; ++c) {
    every_byte += static_cast<char>(c);
    expected += c < 0x80 ? std::string(1, static_cast<char>(c)) : std::string("\xEF\xBF\xBD");
  }
  EXPECT_EQ(round_trip(every_byte), expected);
}

TEST(JsonCodec, WritesAccountDepositAndTransfer) {
  EXPECT_EQ(to_json(Account{"acc-1", "Ada \"A\"", "EUR", 0}),
            R"({"id":"acc-1","owner":"Ada \"A\"","currency":"EUR","balance":0})");
  EXPECT_EQ(to_json(Deposit{"dep-1", "acc-1", 5000, 9223372036854775807}),
            R"({"id":"dep-1","account":"acc-1","amount":5000,"balance":9223372036854775807})");
  EXPECT_EQ(to_json(Transfer{"tr-1", "a", "b", 1250, "EUR"}),
            R"({"id":"tr-1","from":"a","to":"b","amount":1250,"currency":"EUR",)"
            R"("status":"completed"})");
}

TEST(JsonCodec, WritesErrors) {
  EXPECT_EQ(
      to_json(Error{ErrorCode::insufficient_funds, "account a12 holds 500, needs 1250"}),
      R"({"error":{"code":"insufficient_funds","message":"account a12 holds 500, needs 1250"}})");
  EXPECT_EQ(error_body(ErrorCode::bad_request, "bad \"x\"\n"),
            R"({"error":{"code":"bad_request","message":"bad \"x\"\n"}})");
}

TEST(JsonCodec, WritesTransactionsWithOptionalFields) {
  std::string out = "kept:";
  write_transactions_json(
      "acc-1",
      {Transaction{"tr-2", TransactionKind::transfer_out, 1250, 3750, "acc-2", "rent"},
       Transaction{"tr-1", TransactionKind::transfer_in, 10, 5000, "acc-3", std::nullopt},
       Transaction{"dep-1", TransactionKind::deposit, 4990, 4990, std::nullopt, std::nullopt}},
      out);
  EXPECT_EQ(out,
            "kept:"
            R"({"account":"acc-1","transactions":[)"
            R"({"id":"tr-2","kind":"transfer_out","amount":1250,"balance_after":3750,)"
            R"("counterparty":"acc-2","memo":"rent"},)"
            R"({"id":"tr-1","kind":"transfer_in","amount":10,"balance_after":5000,)"
            R"("counterparty":"acc-3"},)"
            R"({"id":"dep-1","kind":"deposit","amount":4990,"balance_after":4990}]})");
  out.clear();
  write_transactions_json("acc-9", {}, out);
  EXPECT_EQ(out, R"({"account":"acc-9","transactions":[]})");
}

TEST(JsonCodec, WritesBatchResults) {
  std::vector<BatchItemResult> results(3);
  results[0].transfer = Transfer{"tr-1", "a", "b", 1, "EUR"};
  results[1].error = Error{ErrorCode::insufficient_funds, "no"};
  // results[2] has neither: a backend bug, reported as such rather than hidden.
  std::string out;
  write_batch_json(results, out);
  EXPECT_EQ(out, R"({"results":[{"status":201,"id":"tr-1"},)"
                 R"({"status":409,"error":{"code":"insufficient_funds","message":"no"}},)"
                 R"({"status":500,"error":{"code":"internal_error",)"
                 R"("message":"the backend gave no result"}}]})");
  EXPECT_TRUE(json::accept(out));
}

}  // namespace
}  // namespace archbench::ledger

// The zero-copy parser against the shared codec, body by body: every edge case of the contract
// (docs/workload.md) and of JSON itself must get the same outcome from both, the same values or
// the same error. Each case also says whether the body is accepted, so that the two parsers
// cannot agree on a wrong answer unnoticed.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "zero-copy/tests/outcome.hpp"

namespace archbench::zero_copy::testing {
namespace {

struct Case {
  std::string name;
  std::string body;
  bool accepted;  // a value (for a batch: no envelope error), not an error
};

// A transfer body with `amount` and `memo` spliced in as raw JSON (empty memo = no memo field).
std::string transfer(std::string_view amount = "1250", std::string_view memo = R"("rent")") {
  std::string body = R"({"from":"acc-1","to":"acc-2","amount":)" + std::string(amount) +
                     R"(,"currency":"EUR","request_id":"tr-1")";
  if (!memo.empty()) body += R"(,"memo":)" + std::string(memo);
  return body + "}";
}
// A transfer body with one extra field `"key": value`, value as raw JSON.
std::string with_field(std::string_view key, std::string_view value) {
  std::string body = transfer();
  body.pop_back();
  return body + ",\"" + std::string(key) + "\":" + std::string(value) + "}";
}
std::string nested(int levels) {  // `levels` arrays inside each other
  return std::string(static_cast<std::size_t>(levels), '[') +
         std::string(static_cast<std::size_t>(levels), ']');
}

std::vector<Case> transfer_cases() {
  const std::string max_memo(1024, 'm');
  const std::string digits300 = "1" + std::string(299, '0');
  const std::string dbl_max = "17976931348623157" + std::string(292, '0');  // finite
  const std::string above_dbl_max = "18" + std::string(308, '0');           // overflows
  return {
      {"valid", transfer(), true},
      {"no memo", transfer("1250", ""), true},
      {"memo null", transfer("1250", "null"), true},
      {"memo empty", transfer("1250", R"("")"), true},
      {"memo 1024 bytes", transfer("1250", '"' + max_memo + '"'), true},
      {"memo 1025 bytes", transfer("1250", '"' + max_memo + "m\""), false},
      {"memo number", transfer("1250", "7"), false},
      {"memo false", transfer("1250", "false"), false},
      // Numbers
      {"amount zero", transfer("0"), true},
      {"amount -0", transfer("-0"), true},
      {"amount negative", transfer("-5"), true},
      {"amount fraction", transfer("12.5"), false},
      {"amount exponent", transfer("1e3"), false},
      {"amount 10.0", transfer("10.0"), false},
      {"amount -0.0", transfer("-0.0"), false},
      {"amount 1E3", transfer("1E3"), false},
      {"amount 1e-999999 (underflow: valid JSON, not an integer)", transfer("1e-999999"), false},
      {"amount 1e999999", transfer("1e999999"), false},
      {"amount -1e999999", transfer("-1e999999"), false},
      {"amount int64 max", transfer("9223372036854775807"), true},
      {"amount int64 max + 1 saturates", transfer("9223372036854775808"), true},
      {"amount uint64 max saturates", transfer("18446744073709551615"), true},
      {"amount uint64 max + 1 saturates", transfer("18446744073709551616"), true},
      {"amount int64 min", transfer("-9223372036854775808"), true},
      {"amount int64 min - 1 saturates", transfer("-9223372036854775809"), true},
      {"amount 10^30", transfer("1" + std::string(30, '0')), true},
      {"amount -10^30", transfer("-1" + std::string(30, '0')), true},
      {"amount 300 digits", transfer(digits300), true},
      {"amount just below DBL_MAX", transfer(dbl_max), true},
      {"amount above DBL_MAX", transfer(above_dbl_max), false},
      {"amount -above DBL_MAX", transfer("-" + above_dbl_max), false},
      {"amount leading zero", transfer("01"), false},
      {"amount -01", transfer("-01"), false},
      {"amount 00", transfer("00"), false},
      {"amount plus sign", transfer("+1"), false},
      {"amount bare minus", transfer("-"), false},
      {"amount .5", transfer(".5"), false},
      {"amount 1.", transfer("1."), false},
      {"amount 1e", transfer("1e"), false},
      {"amount 1e+", transfer("1e+"), false},
      {"amount 1.2.3", transfer("1.2.3"), false},
      {"amount 12abc", transfer("12abc"), false},
      {"amount hex", transfer("0x10"), false},
      {"amount NaN", transfer("NaN"), false},
      {"amount Infinity", transfer("Infinity"), false},
      {"amount string", transfer(R"("1250")"), false},
      {"amount true", transfer("true"), false},
      {"amount null", transfer("null"), false},
      {"amount array", transfer("[1250]"), false},
      {"amount object", transfer(R"({"v":1250})"), false},
      // Fields
      {"missing from", R"({"to":"b","amount":1,"currency":"EUR","request_id":"r"})", false},
      {"missing everything", "{}", false},
      {"from empty", R"({"from":"","to":"b","amount":1,"currency":"EUR","request_id":"r"})", false},
      {"from number", R"({"from":1,"to":"b","amount":1,"currency":"EUR","request_id":"r"})", false},
      {"to null", R"({"from":"a","to":null,"amount":1,"currency":"EUR","request_id":"r"})", false},
      {"currency empty is the backend's 422",
       R"({"from":"a","to":"b","amount":1,"currency":"","request_id":"r"})", true},
      {"currency array", R"({"from":"a","to":"b","amount":1,"currency":[],"request_id":"r"})",
       false},
      {"request_id empty", R"({"from":"a","to":"b","amount":1,"currency":"EUR","request_id":""})",
       false},
      {"request_id 128 bytes",
       R"({"from":"a","to":"b","amount":1,"currency":"EUR","request_id":")" +
           std::string(128, 'r') + "\"}",
       true},
      {"request_id 129 bytes",
       R"({"from":"a","to":"b","amount":1,"currency":"EUR","request_id":")" +
           std::string(129, 'r') + "\"}",
       false},
      {"two errors: the first in the codec's order wins",
       R"({"request_id":"","from":"a","to":"b","amount":1.5,"currency":"EUR"})", false},
      {"fields in any order",
       R"({"memo":"m","request_id":"r","currency":"EUR","amount":3,"to":"b","from":"a"})", true},
      // Unknown fields: ignored, but still JSON
      {"unknown string", with_field("x", R"("y")"), true},
      {"unknown fraction", with_field("x", "1.5"), true},
      {"unknown huge integer", with_field("x", "1" + std::string(40, '0')), true},
      {"unknown 1e999999", with_field("x", "1e999999"), false},
      {"unknown leading zero", with_field("x", "012"), false},
      {"unknown literals", with_field("x", "[true,false,null]"), true},
      {"unknown bad literal", with_field("x", "tru"), false},
      {"unknown literal with tail", with_field("x", "truex"), false},
      {"unknown True", with_field("x", "True"), false},
      {"unknown nested object", with_field("x", R"({"a":{"b":[1,{"c":"d"}]}})"), true},
      {"unknown bad escape", with_field("x", R"("\x")"), false},
      {"unknown 31 levels (32 with the body)", with_field("x", nested(31)), true},
      {"unknown 32 levels (33 with the body)", with_field("x", nested(32)), false},
      {"unknown 2000 levels", with_field("x", nested(2000)), false},
      {"unknown empty key", with_field("", "1"), true},
      // Strings and escapes
      {"escapes", transfer("1", R"("\"\\\/\b\f\n\r\t")"), true},
      {"unicode escape", transfer("1", R"("\u0041\u00e9\u20AC")"), true},
      {"surrogate pair", transfer("1", R"("\ud83d\ude00")"), true},
      {"lone high surrogate", transfer("1", R"("\ud83d")"), false},
      {"lone high surrogate then text", transfer("1", R"("\ud83dabcdef")"), false},
      {"high surrogate then a non-surrogate", transfer("1", R"("\ud83d\u0041")"), false},
      {"lone low surrogate", transfer("1", R"("\ude00")"), false},
      {"escaped NUL", transfer("1", R"("a\u0000b")"), true},
      {"short unicode escape", transfer("1", R"("\u12")"), false},
      {"bad hex digit", transfer("1", R"("\u12G4")"), false},
      {"unknown escape", transfer("1", R"("\a")"), false},
      {"escaped key counts as the field",
       R"({"\u0066rom":"a","to":"b","amount":1,"currency":"EUR","request_id":"r"})", true},
      {"escaped value in a wanted field",
       R"({"from":"a\nb","to":"\u00e9","amount":1,"currency":"EUR","request_id":"r\/1"})", true},
      {"raw UTF-8", transfer("1", "\"caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x98\x80\""), true},
      {"raw control character", transfer("1", "\"a\x01z\""), false},
      {"raw tab in a string", transfer("1", "\"a\tz\""), false},
      {"raw newline in a string", transfer("1", "\"a\nz\""), false},
      {"raw DEL is allowed", transfer("1", "\"a\x7fz\""), true},
      {"invalid UTF-8", transfer("1", "\"a\xffz\""), false},
      {"overlong UTF-8", transfer("1", "\"a\xc0\x80z\""), false},
      {"UTF-8 encoded surrogate", transfer("1", "\"a\xed\xa0\x80z\""), false},
      {"truncated UTF-8", transfer("1", "\"a\xe2\x82\""), false},
      {"raw NUL in a string", transfer("1", std::string("\"a\0z\"", 5)), false},
      {"single quotes", transfer("1", "'rent'"), false},
      // Whitespace and structure
      {"whitespace everywhere",
       " \t\r\n{ \"from\" : \"a\" ,\n\"to\":\"b\",\t\"amount\" :\r1 ,\"currency\":\"EUR\","
       "\"request_id\":\"r\" } \n\t",
       true},
      {"form feed is not JSON whitespace", "\f" + transfer(), false},
      {"non-breaking space", "\xc2\xa0" + transfer(), false},
      {"byte order mark (nlohmann skips it)", "\xef\xbb\xbf" + transfer(), true},
      {"byte order mark alone", "\xef\xbb\xbf", false},
      {"two byte order marks", "\xef\xbb\xbf\xef\xbb\xbf" + transfer(), false},
      {"empty body", "", false},
      {"only whitespace", "  \n ", false},
      {"array", "[" + transfer() + "]", false},
      {"string", R"("from")", false},
      {"number", "1250", false},
      {"null", "null", false},
      {"trailing garbage", transfer() + "x", false},
      {"trailing object", transfer() + "{}", false},
      {"trailing brace", transfer() + "}", false},
      {"trailing bracket", transfer() + "]", false},
      {"trailing comma", with_field("x", "1,"), false},
      {"missing comma", R"({"from":"a" "to":"b"})", false},
      {"missing colon", R"({"from" "a"})", false},
      {"unclosed object", R"({"from":"a")", false},
      {"unclosed string", R"({"from":"a)", false},
      {"comment", "/* c */" + transfer(), false},
      {"NUL after the object", transfer() + std::string(1, '\0'), false},
      {"NUL then garbage", transfer() + std::string("\0garbage", 8), false},
      {"key not a string", R"({from:"a"})", false},
      {"number as key", R"({1:"a"})", false},
  };
}

void expect_agreement(BodyKind kind, const std::vector<Case>& cases) {
  RequestParser parser;  // one parser for every case: reuse must not leak state
  for (const Case& c : cases) {
    SCOPED_TRACE(c.name);
    const Answers answers = answer_both(kind, c.body, parser);
    EXPECT_EQ(answers.zero_copy, answers.codec);
    const bool accepted =
        !answers.codec.starts_with("error") && !answers.codec.starts_with("envelope");
    EXPECT_EQ(accepted, c.accepted) << answers.codec;
  }
}

TEST(ZeroCopyAgreement, TransferBodies) { expect_agreement(BodyKind::transfer, transfer_cases()); }

TEST(ZeroCopyAgreement, NewAccountBodies) {
  expect_agreement(
      BodyKind::new_account,
      {
          {"valid", R"({"owner":"Ada Lovelace","currency":"EUR"})", true},
          {"owner 256 bytes", R"({"owner":")" + std::string(256, 'o') + R"(","currency":"EUR"})",
           true},
          {"owner 257 bytes", R"({"owner":")" + std::string(257, 'o') + R"(","currency":"EUR"})",
           false},
          {"owner empty", R"({"owner":"","currency":"EUR"})", false},
          {"owner escaped", R"({"owner":"Ad\u00e0 \"L\"","currency":"EUR"})", true},
          {"owner number", R"({"owner":7,"currency":"EUR"})", false},
          {"missing currency", R"({"owner":"Ada"})", false},
          {"currency null", R"({"owner":"Ada","currency":null})", false},
          {"currency lowercase is the backend's 422", R"({"owner":"Ada","currency":"eur"})", true},
          {"unknown fields", R"({"x":[1,2],"owner":"Ada","y":{},"currency":"EUR"})", true},
          {"not an object", R"(["Ada","EUR"])", false},
          // Unknown keys, then keys wanted by other bodies: the name lookup must stay within
          // this body's names (a lookup that ran past them once read the deposit's).
          {"many unknown keys first",
           R"({"a":1,"b":2,"c":3,"d":4,"amount":5,"request_id":"r","owner":"Ada","currency":"EUR"})",
           true},
      });
}

TEST(ZeroCopyAgreement, DepositBodies) {
  expect_agreement(
      BodyKind::deposit,
      {
          {"valid", R"({"amount":5000,"request_id":"dep-7f3a"})", true},
          {"amount saturates", R"({"amount":99999999999999999999,"request_id":"d"})", true},
          {"amount fraction", R"({"amount":50.0,"request_id":"d"})", false},
          {"amount string", R"({"amount":"5000","request_id":"d"})", false},
          {"missing amount", R"({"request_id":"d"})", false},
          {"missing request_id", R"({"amount":5})", false},
          {"request_id number", R"({"amount":5,"request_id":5})", false},
          {"request_id escaped", R"({"amount":5,"request_id":"d\t1"})", true},
          {"trailing garbage", R"({"amount":5,"request_id":"d"} 1)", false},
      });
}

std::string batch_of(std::size_t n, std::string_view item) {
  std::string body = R"({"transfers":[)";
  for (std::size_t i = 0; i < n; ++i) {
    if (i > 0) body += ',';
    body += item;
  }
  return body + "]}";
}

TEST(ZeroCopyAgreement, BatchBodies) {
  const std::string good = transfer();
  expect_agreement(
      BodyKind::batch,
      {
          {"valid", batch_of(3, good), true},
          {"empty", R"({"transfers":[]})", true},
          {"items that are not objects", R"({"transfers":[1,"x",null,[],true,)" + good + "]}",
           true},
          {"item errors stay per item",
           R"({"transfers":[{"from":"a"},)" + good + R"(,{"amount":1.5},)" + transfer("1e40") +
               "]}",
           true},
          {"malformed JSON in one item refuses the envelope",
           R"({"transfers":[)" + good + R"(,{"from":"a",}]})", false},
          {"1e999999 in one item refuses the envelope",
           R"({"transfers":[)" + good + R"(,{"amount":1e999999}]})", false},
          {"deep item", R"({"transfers":[)" + nested(30) + "]}", true},
          {"too deep item", R"({"transfers":[)" + nested(31) + "]}", false},
          {"10000 items", batch_of(10'000, "{}"), true},
          {"10001 items", batch_of(10'001, "{}"), false},
          {"10001 items, one malformed", batch_of(10'001, "{}").insert(20, "01,"), false},
          {"missing transfers", R"({"transfer":[]})", false},
          {"transfers null", R"({"transfers":null})", false},
          {"transfers object", R"({"transfers":{"0":{}}})", false},
          {"unknown envelope fields", R"({"a":1,"transfers":[],"b":[{}]})", true},
          {"escaped envelope key", R"({"\u0074ransfers":[{}]})", true},
          {"not an object", "[" + good + "]", false},
          {"trailing garbage", batch_of(1, good) + ",", false},
      });
}

// A key twice in one object, at any depth, is refused (the contract's rule; the shared codec
// gains it in parallel, so these are checked against the expected answer, not against it).
TEST(ZeroCopyAgreement, DuplicateKeysAreRefused) {
  RequestParser parser;
  const std::vector<std::string> bodies = {
      with_field("from", R"("acc-9")"),
      with_field("memo", "null"),
      with_field("\\u0066rom", R"("acc-9")"),  // the same key once unescaped
      with_field("x", R"({"a":1,"a":2})"),
      with_field("x", R"([{"k":1,"b":2,"c":3,"d":4,"e":5,"f":6,"g":7,"h":8,"i":9,"j":10,)"
                      R"("l":11,"m":12,"n":13,"o":14,"p":15,"q":16,"r":17,"k":18}])"),  // sorted
  };
  for (const std::string& body : bodies) {
    SCOPED_TRACE(body);
    const PaddedBody padded(body);
    const auto parsed = parser.transfer(padded.view());
    ASSERT_TRUE(std::holds_alternative<ledger::Error>(parsed));
    EXPECT_EQ(std::get<ledger::Error>(parsed).code, ledger::ErrorCode::bad_request);
  }
  std::vector<Parsed<TransferView>> items;
  const PaddedBody batch(R"({"transfers":[)" + with_field("to", R"("b")") + "]}");
  EXPECT_TRUE(parser.transfer_batch(batch.view(), items).has_value()) << "an envelope error";
  const PaddedBody twice(R"({"transfers":[],"transfers":[]})");
  EXPECT_TRUE(parser.transfer_batch(twice.view(), items).has_value());
  // Different keys with the same prefix or a different escape are not duplicates.
  const PaddedBody distinct(with_field("fro", "1").insert(1, R"("from2":1,)"));
  EXPECT_TRUE(std::holds_alternative<TransferView>(parser.transfer(distinct.view())));
}

// Views point into the body itself when there is nothing to unescape: zero copies.
TEST(ZeroCopyAgreement, UnescapedStringsAreViewsIntoTheBody) {
  RequestParser parser;
  const PaddedBody padded(transfer("1", R"("r\u00e9nt")"));
  const auto parsed = parser.transfer(padded.view());
  ASSERT_TRUE(std::holds_alternative<TransferView>(parsed));
  const TransferView& view = std::get<TransferView>(parsed);
  const std::string_view body = padded.view();
  const auto inside = [&](std::string_view field) {
    return field.data() >= body.data() && field.data() + field.size() <= body.data() + body.size();
  };
  EXPECT_TRUE(inside(view.from));
  EXPECT_TRUE(inside(view.to));
  EXPECT_TRUE(inside(view.currency));
  EXPECT_TRUE(inside(view.request_id));
  ASSERT_TRUE(view.memo.has_value());
  EXPECT_FALSE(inside(*view.memo)) << "an escaped string cannot be a view into the body";
  EXPECT_EQ(*view.memo, "r\xc3\xa9nt");
}

}  // namespace
}  // namespace archbench::zero_copy::testing

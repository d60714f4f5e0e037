// Step 2: the deposit's body read in place, with every verdict and value the shared codec's, and
// no allocation per body once warm.
#include <gtest/gtest.h>

#include <algorithm>
#include <random>
#include <string>
#include <variant>
#include <vector>

#include "deposit_parser.hpp"
#include "lab05_support.hpp"
#include "lab_seed.hpp"

namespace archbench::lab05::testing {
namespace {

// The parser's verdict on `body` against the codec's: both accept with the same values, or
// both refuse.
::testing::AssertionResult agrees_with_codec(DepositParser& parser, std::string_view body) {
  const auto codec = ledger::parse_deposit_request(body);
  const Padded padded(body);
  const ParsedDeposit ours = parser.parse(padded.body());
  const auto* expected = std::get_if<ledger::DepositRequest>(&codec);
  if (expected == nullptr) {
    if (!ours.ok) return ::testing::AssertionSuccess();
    return ::testing::AssertionFailure()
           << "accepted " << body << " (amount " << ours.fields.amount << ", request_id \""
           << ours.fields.request_id
           << "\"); the codec refuses it: " << std::get<ledger::Error>(codec).message;
  }
  if (!ours.ok) {
    return ::testing::AssertionFailure()
           << "refused " << body << " (" << ours.error << "); the codec accepts it";
  }
  if (ours.fields.amount != expected->amount || ours.fields.request_id != expected->request_id) {
    return ::testing::AssertionFailure()
           << "read " << body << " as amount " << ours.fields.amount << ", request_id \""
           << ours.fields.request_id << "\"; the codec reads amount " << expected->amount
           << ", request_id \"" << expected->request_id << "\"";
  }
  return ::testing::AssertionSuccess();
}

// The codec's own verdict, so a test cannot pass by agreeing with a codec that changed.
void expect_codec(std::string_view body, bool accepts) {
  EXPECT_EQ(std::holds_alternative<ledger::DepositRequest>(ledger::parse_deposit_request(body)),
            accepts)
      << body;
}

TEST(Lab05_Step2_Parse, ReadsTheContractsExample) {
  DepositParser parser;
  const Padded body(R"({"amount": 5000, "request_id": "dep-7f3a"})");
  const ParsedDeposit parsed = parser.parse(body.body());
  ASSERT_TRUE(parsed.ok) << parsed.error;
  EXPECT_EQ(parsed.fields.amount, 5000);
  EXPECT_EQ(parsed.fields.request_id, "dep-7f3a");
}

TEST(Lab05_Step2_Parse, KeysInAnyOrderAndAnySpacing) {
  DepositParser parser;
  for (const std::string_view body : {
           R"({"request_id":"r-1","amount":7})",
           " \n\t{ \"amount\" :\r 7 ,\n\"request_id\"\t:\"r-1\" } \n",
           R"({"amount":7,"request_id":"r-1"})",
       }) {
    expect_codec(body, true);
    EXPECT_TRUE(agrees_with_codec(parser, body));
  }
}

TEST(Lab05_Step2_Parse, OtherKeysAreIgnored) {
  DepositParser parser;
  for (const std::string_view body : {
           R"({"memo":"x","amount":7,"request_id":"r-1"})",
           R"({"amount":7,"nested":{"amount":1,"request_id":["a",{"b":null}]},"request_id":"r"})",
           R"({"amount":7,"request_id":"r-1","flag":true,"n":-1.5e3,"z":null})",
       }) {
    expect_codec(body, true);
    EXPECT_TRUE(agrees_with_codec(parser, body));
  }
}

TEST(Lab05_Step2_Parse, EscapesAreDecoded) {
  DepositParser parser;
  for (const std::string_view body : {
           R"({"amount":1,"request_id":"t\"1"})",
           R"({"amount":1,"request_id":"back\\slash\/slash"})",
           R"({"amount":1,"request_id":"caf\u00e9 \ud83d\ude00\n"})",
           R"({"am\u006funt":1,"request_id":"key escaped"})",
           R"({"amount":1,"request_\u0069d":"\u0041"})",
       }) {
    expect_codec(body, true);
    EXPECT_TRUE(agrees_with_codec(parser, body));
  }
}

TEST(Lab05_Step2_Parse, RequestIdLengthCountsDecodedBytes) {
  DepositParser parser;
  std::string id_128;
  for (int i = 0; i < 128; ++i) id_128 += "\\u0041";  // 768 bytes of JSON, 128 decoded
  const std::string id_129 = id_128 + "B";
  for (const std::string& body : {
           R"({"amount":1,"request_id":")" + id_128 + "\"}",
           R"({"amount":1,"request_id":")" + id_129 + "\"}",
           R"({"amount":1,"request_id":")" + std::string(128, 'x') + "\"}",
           R"({"amount":1,"request_id":")" + std::string(129, 'x') + "\"}",
           std::string(R"({"amount":1,"request_id":""})"),
       }) {
    EXPECT_TRUE(agrees_with_codec(parser, body));
  }
  expect_codec(R"({"amount":1,"request_id":")" + id_128 + "\"}", true);
  expect_codec(R"({"amount":1,"request_id":")" + id_129 + "\"}", false);
}

// Money is an integer: a fraction or an exponent is refused even when its value is whole, and
// an amount past 2^53 is read exactly (a double would round it).
TEST(Lab05_Step2_Parse, AmountIsAJsonInteger) {
  DepositParser parser;
  for (const std::string_view amount : {"5000.0", "1e3", "5E2", "0.5", "-1.0", "\"5000\"", "true",
                                        "null", "[5]", "{}", "-", "05", "-05", "+5", "0x10"}) {
    const std::string body = R"({"amount":)" + std::string(amount) + R"(,"request_id":"r"})";
    expect_codec(body, false);
    EXPECT_TRUE(agrees_with_codec(parser, body));
  }
  for (const std::string_view amount : {"1", "0", "-5", "9007199254740993", "9223372036854775807",
                                        "-9223372036854775808", "1000000000001"}) {
    const std::string body = R"({"amount":)" + std::string(amount) + R"(,"request_id":"r"})";
    expect_codec(body, true);
    EXPECT_TRUE(agrees_with_codec(parser, body));
  }
}

TEST(Lab05_Step2_Parse, RefusesMissingWrongAndRepeatedFields) {
  DepositParser parser;
  for (const std::string_view body : {
           R"({"amount":1})",
           R"({"request_id":"r"})",
           R"({})",
           R"({"amount":1,"request_id":7})",
           R"({"amount":1,"request_id":null})",
           R"({"amount":1,"amount":2,"request_id":"r"})",
           R"({"amount":1,"request_id":"r","request_id":"s"})",
           R"({"amount":1,"request_id":"r","am\u006funt":2})",
       }) {
    expect_codec(body, false);
    EXPECT_TRUE(agrees_with_codec(parser, body));
  }
}

TEST(Lab05_Step2_Parse, RefusesWhatIsNotAnObject) {
  DepositParser parser;
  for (const std::string_view body : {"", " ", "[]", R"(["amount",1])", "\"x\"", "5", "null"}) {
    expect_codec(body, false);
    EXPECT_TRUE(agrees_with_codec(parser, body));
  }
}

TEST(Lab05_Step2_Parse, RefusesBrokenJson) {
  DepositParser parser;
  for (const std::string_view body : {
           R"({"amount":1,"request_id":"r")",
           R"({"amount":1,"request_id":"r",})",
           R"({"amount":1 "request_id":"r"})",
           R"({'amount':1,'request_id':'r'})",
           R"({"amount":1,"request_id":"r)",
           R"({"amount":1,"request_id":"\x"})",
       }) {
    expect_codec(body, false);
    EXPECT_TRUE(agrees_with_codec(parser, body));
  }
}

TEST(Lab05_Step2_Parse, RefusesTrailingContent) {
  DepositParser parser;
  for (const std::string_view body : {
           R"({"amount":1,"request_id":"r"} x)",
           R"({"amount":1,"request_id":"r"}{})",
           R"({"amount":1,"request_id":"r"},)",
           R"({"amount":1,"request_id":"r"}})",
       }) {
    expect_codec(body, false);
    EXPECT_TRUE(agrees_with_codec(parser, body));
  }
}

// An integer past 64 bits is an amount out of range (422 from the handler), not a bad body: the
// parser reads it as the nearest 64-bit integer, as the codec does.
TEST(Lab05_Step2_Parse, AnIntegerPast64BitsIsReadAsTheNearestOne) {
  DepositParser parser;
  for (const std::string_view amount :
       {"9223372036854775808", "18446744073709551616", "100000000000000000000000000000",
        "-9223372036854775809", "-100000000000000000000000000000"}) {
    const std::string body = R"({"amount":)" + std::string(amount) + R"(,"request_id":"r"})";
    expect_codec(body, true);
    EXPECT_TRUE(agrees_with_codec(parser, body));
  }
}

// A request_id's bytes, some written as escapes.
std::string json_string(std::string_view text, std::mt19937_64& random) {
  std::string out = "\"";
  for (const char c : text) {
    const auto byte = static_cast<unsigned char>(c);
    if (c == '"' || c == '\\') {
      out += '\\';
      out += c;
    } else if (byte < 0x20 || random() % 4 == 0) {
      constexpr std::string_view kHex = "0123456789abcdef";
      out += "\\u00";
      out += kHex[byte >> 4U];
      out += kHex[byte & 0xFU];
    } else {
      out += c;
    }
  }
  return out + "\"";
}

// A deposit's body with random spacing, order, escapes, amounts and other keys; now and then
// broken (a field dropped or repeated, a byte cut off or changed).
std::string random_body(std::mt19937_64& random) {
  const auto space = [&] {
    constexpr std::string_view kSpaces[] = {"", "", " ", "\n", "\t ", "\r\n  "};
    return std::string(kSpaces[random() % std::size(kSpaces)]);
  };
  constexpr std::string_view kAmounts[] = {"1",
                                           "5000",
                                           "0",
                                           "-7",
                                           "1000000000000",
                                           "1e3",
                                           "2.0",
                                           "\"9\"",
                                           "null",
                                           "9007199254740993",
                                           "-0",
                                           "00",
                                           "1000000000001",
                                           "92233720368547758070",
                                           "-1e2"};
  std::string id(random() % 140, ' ');
  for (char& c : id) c = static_cast<char>(0x20 + random() % 95);
  if (random() % 8 == 0) id += "\xc3\xa9";  // UTF-8
  std::vector<std::string> fields{
      "\"amount\"" + space() + ":" + space() +
          std::string(kAmounts[random() % std::size(kAmounts)]),
      "\"request_id\"" + space() + ":" + space() + json_string(id, random)};
  const bool other_key = random() % 3 == 0;
  if (other_key) fields.push_back(R"("memo":{"a":[1,2,{"b":"c"}],"d":null})");
  // Repeat a field (not the ignored one: deposit_parser.hpp leaves that open), or drop one.
  if (random() % 10 == 0) fields.push_back(fields[random() % 2]);
  if (random() % 10 == 0) fields.erase(fields.begin() + static_cast<long>(random() % 2));
  std::shuffle(fields.begin(), fields.end(), random);
  std::string body = space() + "{" + space();
  for (std::size_t i = 0; i < fields.size(); ++i) {
    if (i > 0) body += "," + space();
    body += fields[i] + space();
  }
  body += "}" + space();
  if (other_key) return body;  // broken, it could break the ignored value: left open
  if (random() % 10 == 0) body.resize(random() % body.size());
  if (random() % 10 == 0 && !body.empty())
    body[random() % body.size()] = "{}[]\",: x1"[random() % 10];
  return body;
}

TEST(Lab05_Step2_Parse, RandomBodiesAgreeWithTheCodec) {
  const labs::SeedTrace seed;
  std::mt19937_64 random(seed.value());
  DepositParser parser;
  int accepted = 0;
  for (int i = 0; i < 3'000; ++i) {
    const std::string body = random_body(random);
    ASSERT_TRUE(agrees_with_codec(parser, body));
    accepted += std::holds_alternative<ledger::DepositRequest>(ledger::parse_deposit_request(body));
  }
  EXPECT_GT(accepted, 500) << "the generator should mostly make valid bodies";
}

TEST(Lab05_Step2_Allocations, NoneForABodyOnceWarm) {
  DepositParser parser;
  const Padded plain(R"({"amount":5000,"request_id":"dep-7f3a-0001-a-longer-one"})");
  const Padded escaped(R"({"request_id":"t\"1 caf\u00e9 \ud83d\ude00","amount":1})");
  const Padded other_keys(
      R"({"amount":5000,"memo":{"a":[1,2.5,null,"x"]},"request_id":"dep-7f3a","z":true})");
  for (const auto* body : {&plain, &escaped, &other_keys}) {
    const double per_body = allocations_per_request([&] {
      if (!parser.parse(body->body()).ok) std::abort();
    });
    EXPECT_EQ(per_body, 0.0) << "parse() allocates " << count_text(per_body) << " times per body ("
                             << std::string_view(body->body().bytes) << ", counted over "
                             << kCounted << " bodies after " << kWarmUp << " to warm up)";
  }
}

}  // namespace
}  // namespace archbench::lab05::testing

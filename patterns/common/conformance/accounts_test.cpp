// POST /accounts and GET /accounts/{id}: creation, validation of owner and currency, lookup.
#include <set>

#include "common/conformance/ledger_fixture.hpp"

namespace archbench::conformance {
namespace {

using Accounts = LedgerTest;

TEST_F(Accounts, CreateAnswers201WithIdOwnerCurrencyAndZeroBalance) {
  auto r = http().post("/accounts", json{{"owner", "Ada Lovelace"}, {"currency", "EUR"}});
  ASSERT_THAT(r, IsJson(201));
  EXPECT_THAT(r.body_json["id"], IsOpaqueId());
  EXPECT_EQ(r.body_json["owner"], "Ada Lovelace");
  EXPECT_EQ(r.body_json["currency"], "EUR");
  EXPECT_THAT(r.body_json["balance"], IsMoney(0));
}

TEST_F(Accounts, GetAnswersTheAccountAsCreated) {
  const json created = create_account("USD", "Grace Hopper");
  auto r = http().get(account_path(created.at("id").get<std::string>()));
  ASSERT_THAT(r, IsJson(200));
  EXPECT_EQ(r.body_json["id"], created.at("id"));
  EXPECT_EQ(r.body_json["owner"], "Grace Hopper");
  EXPECT_EQ(r.body_json["currency"], "USD");
  EXPECT_THAT(r.body_json["balance"], IsMoney(0));
}

TEST_F(Accounts, IdsAreUniqueAndUrlSafe) {
  std::set<std::string> ids;
  constexpr int kAccounts = 50;
  for (int i = 0; i < kAccounts; ++i) {
    const json account = create_account("EUR", "owner " + std::to_string(i));
    ASSERT_THAT(account.at("id"), IsOpaqueId());
    ids.insert(account.at("id").get<std::string>());
  }
  EXPECT_EQ(ids.size(), std::size_t{kAccounts});
  // Every id works in a path, as given.
  for (const auto& id : ids) EXPECT_THAT(http().get(account_path(id)), IsJson(200)) << id;
}

TEST_F(Accounts, TheSameOwnerMayHoldSeveralAccounts) {
  const json first = create_account("EUR", "Ada");
  const json second = create_account("EUR", "Ada");
  EXPECT_NE(first.at("id"), second.at("id"));
}

TEST_F(Accounts, GetUnknownIdIs404AccountNotFound) {
  EXPECT_THAT(http().get(account_path("no-such-account")), IsError(404, "account_not_found"));
  new_account();  // an existing account changes nothing for an unknown id
  EXPECT_THAT(http().get(account_path("0")), IsError(404, "account_not_found"));
}

TEST_F(Accounts, OwnerOfOneAnd256BytesIsAccepted) {
  for (const std::string& owner : {std::string("A"), bytes(kMaxOwnerBytes)}) {
    auto r = http().post("/accounts", json{{"owner", owner}, {"currency", "EUR"}});
    ASSERT_THAT(r, IsJson(201)) << owner.size() << " bytes";
    EXPECT_EQ(r.body_json["owner"], owner);
  }
}

TEST_F(Accounts, EmptyOwnerIs400) {
  EXPECT_THAT(http().post("/accounts", json{{"owner", ""}, {"currency", "EUR"}}),
              IsError(400, "bad_request"));
}

TEST_F(Accounts, OwnerOver256BytesIs400) {
  EXPECT_THAT(
      http().post("/accounts", json{{"owner", bytes(kMaxOwnerBytes + 1)}, {"currency", "EUR"}}),
      IsError(400, "bad_request"));
}

TEST_F(Accounts, OwnerLengthCountsBytesNotCharacters) {
  // "é" is two bytes in UTF-8: 128 of them are 256 bytes, 129 are 258.
  std::string accented;
  for (int i = 0; i < 128; ++i) accented += "\xC3\xA9";
  auto ok = http().post("/accounts", json{{"owner", accented}, {"currency", "EUR"}});
  ASSERT_THAT(ok, IsJson(201));
  EXPECT_EQ(ok.body_json["owner"], accented);
  EXPECT_THAT(http().post("/accounts", json{{"owner", accented + "\xC3\xA9"}, {"currency", "EUR"}}),
              IsError(400, "bad_request"));
}

TEST_F(Accounts, OwnerRoundTripsEscapesAndUnicode) {
  const std::string owner = "Q\"uote\\ back/slash \n\t \xE2\x82\xAC \xF0\x9F\x92\xB6";
  auto r = http().post("/accounts", json{{"owner", owner}, {"currency", "EUR"}});
  ASSERT_THAT(r, IsJson(201));
  EXPECT_EQ(r.body_json["owner"], owner);
  auto again = http().get(account_path(r.body_json["id"].get<std::string>()));
  ASSERT_THAT(again, IsJson(200));
  EXPECT_EQ(again.body_json["owner"], owner);
}

TEST_F(Accounts, AnyThreeUppercaseLettersAreACurrency) {
  for (const char* currency : {"EUR", "USD", "JPY", "XYZ", "AAA", "ZZZ"}) {
    auto r = http().post("/accounts", json{{"owner", "Ada"}, {"currency", currency}});
    ASSERT_THAT(r, IsJson(201)) << currency;
    EXPECT_EQ(r.body_json["currency"], currency);
  }
}

TEST_F(Accounts, MalformedCurrencyIs422InvalidCurrency) {
  for (const char* currency : {"eur", "Eur", "EU", "EURO", "", "E1R", "E R", " EUR", "EUR ",
                               "\xC3\x89UR" /* ÉUR */, "$$$"}) {
    EXPECT_THAT(http().post("/accounts", json{{"owner", "Ada"}, {"currency", currency}}),
                IsError(422, "invalid_currency"))
        << '"' << currency << '"';
  }
}

TEST_F(Accounts, MissingFieldsAre400) {
  EXPECT_THAT(http().post("/accounts", json{{"currency", "EUR"}}), IsError(400, "bad_request"));
  EXPECT_THAT(http().post("/accounts", json{{"owner", "Ada"}}), IsError(400, "bad_request"));
  EXPECT_THAT(http().post("/accounts", json::object()), IsError(400, "bad_request"));
}

TEST_F(Accounts, WrongFieldTypesAre400) {
  for (const json& owner : {json(42), json(nullptr), json(true), json::array({"Ada"}),
                            json::object({{"name", "Ada"}})}) {
    EXPECT_THAT(http().post("/accounts", json{{"owner", owner}, {"currency", "EUR"}}),
                IsError(400, "bad_request"))
        << "owner " << owner.dump();
  }
  for (const json& currency : {json(978), json(nullptr), json(false), json::array({"EUR"})}) {
    EXPECT_THAT(http().post("/accounts", json{{"owner", "Ada"}, {"currency", currency}}),
                IsError(400, "bad_request"))
        << "currency " << currency.dump();
  }
}

TEST_F(Accounts, BodyThatIsNotAnObjectIs400) {
  for (const char* body : {"[]", R"(["Ada","EUR"])", R"("Ada")", "42", "null", "true"}) {
    EXPECT_THAT(http().post("/accounts", std::string(body)), IsError(400, "bad_request")) << body;
  }
}

TEST_F(Accounts, MalformedJsonIs400) {
  for (const char* body : {"", "{", R"({"owner":"Ada","currency":"EUR")", R"({"owner":"Ada",})",
                           R"({owner:"Ada",currency:"EUR"})", R"({'owner':'Ada','currency':'EUR'})",
                           R"({"owner":"Ada","currency":"EUR"} trailing)",
                           R"({"owner":"Ada" "currency":"EUR"})", "not json at all"}) {
    EXPECT_THAT(http().post("/accounts", std::string(body)), IsError(400, "bad_request")) << body;
  }
}

TEST_F(Accounts, BytesAfterANulFollowingTheObjectAre400) {
  // A parser fed a C string stops at the NUL and never sees the garbage: the body as a whole
  // is not JSON.
  const std::string body = std::string(R"({"owner":"Ada","currency":"EUR"})") + '\0' + "garbage";
  EXPECT_THAT(http().post("/accounts", body), IsError(400, "bad_request"));
}

TEST_F(Accounts, WhitespaceAroundAndInsideTheJsonIsFine) {
  auto r = http().post("/accounts",
                       std::string(" \n\t{ \"currency\" :\"EUR\" ,\r\n \"owner\":  \"Ada\" } \n"));
  ASSERT_THAT(r, IsJson(201));
  EXPECT_EQ(r.body_json["owner"], "Ada");
}

}  // namespace
}  // namespace archbench::conformance

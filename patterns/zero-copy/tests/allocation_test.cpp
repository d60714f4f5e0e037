// The zero-copy promise, counted: after warm-up, parsing a body allocates nothing. The shared
// counting allocator (this binary's operator new, and malloc outside the sanitizers) sees every
// allocation simdjson, the standard library and the parser make.
#include <gtest/gtest.h>

#include <cstdint>
#include <string>
#include <vector>

#include "common/testing/counting_allocator.hpp"
#include "zero-copy/tests/outcome.hpp"

namespace archbench::zero_copy::testing {
namespace {

constexpr int kWarmUp = 10;
constexpr int kParses = 10'000;

// Runs `parse` kWarmUp times, then counts the allocations of kParses more.
template <class Parse>
std::uint64_t allocations_per_parse(Parse parse) {
  for (int i = 0; i < kWarmUp; ++i) parse();
  const std::uint64_t before = alloc::allocations();
  for (int i = 0; i < kParses; ++i) parse();
  return alloc::allocations() - before;
}

std::string batch_body(int items) {
  std::string body = R"({"transfers":[)";
  for (int i = 0; i < items; ++i) {
    if (i > 0) body += ',';
    body += R"({"from":"acc-)" + std::to_string(i) + R"(","to":"acc-2","amount":)" +
            std::to_string(1000 + i) + R"(,"currency":"EUR","request_id":"b-)" + std::to_string(i) +
            R"(","memo":"m"})";
  }
  return body + "]}";
}

TEST(ZeroCopyAllocations, NonePerParseAfterWarmUp) {
  RequestParser parser;
  const PaddedBody account(R"({"owner":"Ada Lovelace","currency":"EUR"})");
  const PaddedBody deposit(R"({"amount":5000,"request_id":"dep-7f3a"})");
  const PaddedBody transfer(
      R"({"from":"acc-1","to":"acc-2","amount":1250,"currency":"EUR","request_id":"tr-1",)"
      R"("memo":"rent","unknown":{"nested":[1,2.5,null]}})");
  const PaddedBody batch(batch_body(20));
  std::vector<Parsed<TransferView>> items;  // reused across parses, as the contract asks

  bool ok = true;
  EXPECT_EQ(allocations_per_parse([&] {
              ok &= std::holds_alternative<NewAccountView>(parser.new_account(account.view()));
            }),
            0U);
  EXPECT_EQ(allocations_per_parse(
                [&] { ok &= std::holds_alternative<DepositView>(parser.deposit(deposit.view())); }),
            0U);
  EXPECT_EQ(allocations_per_parse([&] {
              ok &= std::holds_alternative<TransferView>(parser.transfer(transfer.view()));
            }),
            0U);
  EXPECT_EQ(allocations_per_parse([&] {
              ok &= !parser.transfer_batch(batch.view(), items).has_value() && items.size() == 20;
            }),
            0U);
  EXPECT_TRUE(ok) << "every body must parse";
}

// Escaped strings are unescaped into the parser's scratch buffer, which keeps its capacity.
TEST(ZeroCopyAllocations, EscapedStringsReuseTheScratchBuffer) {
  RequestParser parser;
  const PaddedBody transfer(
      R"({"from":"acc\u002d1","to":"acc-2","amount":1,"currency":"EUR","request_id":"t\"1",)"
      R"("memo":"caf\u00e9 \ud83d\ude00"})");
  EXPECT_EQ(allocations_per_parse([&] { (void)parser.transfer(transfer.view()); }), 0U);
}

// The counter bites: the shared codec, which builds a DOM, allocates on every parse.
TEST(ZeroCopyAllocations, TheCounterSeesTheCodecAllocate) {
  const std::string body = R"({"amount":5000,"request_id":"dep-7f3a"})";
  EXPECT_GT(allocations_per_parse([&] { (void)ledger::parse_deposit_request(body); }),
            std::uint64_t{kParses});
}

}  // namespace
}  // namespace archbench::zero_copy::testing

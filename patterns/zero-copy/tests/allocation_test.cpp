// The zero-copy promise, counted: after warm-up, parsing a body allocates nothing. A global
// operator new that counts (this binary only) sees every allocation simdjson, the standard
// library and the parser make.
#include <gtest/gtest.h>

#include <atomic>
#include <cstdlib>
#include <new>
#include <string>
#include <vector>

#include "zero-copy/tests/outcome.hpp"

namespace {
std::atomic<long> g_allocations{0};
}  // namespace

void* operator new(std::size_t size) {
  g_allocations.fetch_add(1, std::memory_order_relaxed);
  if (void* p = std::malloc(size == 0 ? 1 : size)) return p;
  throw std::bad_alloc();
}
void* operator new[](std::size_t size) { return operator new(size); }
void* operator new(std::size_t size, const std::nothrow_t&) noexcept {
  g_allocations.fetch_add(1, std::memory_order_relaxed);
  return std::malloc(size == 0 ? 1 : size);
}
void* operator new[](std::size_t size, const std::nothrow_t& tag) noexcept {
  return operator new(size, tag);
}
void* operator new(std::size_t size, std::align_val_t align) {
  g_allocations.fetch_add(1, std::memory_order_relaxed);
  const auto a = static_cast<std::size_t>(align);
  if (void* p = std::aligned_alloc(a, (size + a - 1) / a * a)) return p;
  throw std::bad_alloc();
}
void* operator new[](std::size_t size, std::align_val_t align) { return operator new(size, align); }
// They free what the operators above got from malloc; g++ cannot see that the pair matches.
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wmismatched-new-delete"
void operator delete(void* p) noexcept { std::free(p); }
void operator delete[](void* p) noexcept { std::free(p); }
void operator delete(void* p, std::size_t) noexcept { std::free(p); }
void operator delete[](void* p, std::size_t) noexcept { std::free(p); }
void operator delete(void* p, std::align_val_t) noexcept { std::free(p); }
void operator delete[](void* p, std::align_val_t) noexcept { std::free(p); }
void operator delete(void* p, std::size_t, std::align_val_t) noexcept { std::free(p); }
void operator delete[](void* p, std::size_t, std::align_val_t) noexcept { std::free(p); }
#pragma GCC diagnostic pop

namespace archbench::zero_copy::testing {
namespace {

constexpr int kWarmUp = 10;
constexpr int kParses = 10'000;

// Runs `parse` kWarmUp times, then counts the allocations of kParses more.
template <class Parse>
long allocations_per_parse(Parse parse) {
  for (int i = 0; i < kWarmUp; ++i) parse();
  const long before = g_allocations.load();
  for (int i = 0; i < kParses; ++i) parse();
  return g_allocations.load() - before;
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
            0);
  EXPECT_EQ(allocations_per_parse(
                [&] { ok &= std::holds_alternative<DepositView>(parser.deposit(deposit.view())); }),
            0);
  EXPECT_EQ(allocations_per_parse([&] {
              ok &= std::holds_alternative<TransferView>(parser.transfer(transfer.view()));
            }),
            0);
  EXPECT_EQ(allocations_per_parse([&] {
              ok &= !parser.transfer_batch(batch.view(), items).has_value() && items.size() == 20;
            }),
            0);
  EXPECT_TRUE(ok) << "every body must parse";
}

// Escaped strings are unescaped into the parser's scratch buffer, which keeps its capacity.
TEST(ZeroCopyAllocations, EscapedStringsReuseTheScratchBuffer) {
  RequestParser parser;
  const PaddedBody transfer(
      R"({"from":"acc\u002d1","to":"acc-2","amount":1,"currency":"EUR","request_id":"t\"1",)"
      R"("memo":"caf\u00e9 \ud83d\ude00"})");
  EXPECT_EQ(allocations_per_parse([&] { (void)parser.transfer(transfer.view()); }), 0);
}

// The counter bites: the shared codec, which builds a DOM, allocates on every parse.
TEST(ZeroCopyAllocations, TheCounterSeesTheCodecAllocate) {
  const std::string body = R"({"amount":5000,"request_id":"dep-7f3a"})";
  EXPECT_GT(allocations_per_parse([&] { (void)ledger::parse_deposit_request(body); }), kParses);
}

}  // namespace
}  // namespace archbench::zero_copy::testing

// Mutation test: valid bodies of every kind, changed byte by byte at random (a fixed, printed
// seed), through the shared codec and the zero-copy parser; both must accept or refuse alike and
// agree on the values. The replacement bytes favour JSON's own syntax, where the parsers differ
// most in how they work (digits, quotes, backslashes, brackets, literals' letters).
#include <gtest/gtest.h>

#include <cstdint>
#include <cstdlib>
#include <random>
#include <string>

#include "zero-copy/tests/outcome.hpp"

namespace archbench::zero_copy::testing {
namespace {

constexpr std::uint64_t kDefaultSeed = 20261202;  // ARCHBENCH_MUTATION_SEED=N tries another
constexpr int kMutantsPerBody = 4000;

struct Base {
  BodyKind kind;
  std::string body;
};

const Base kBases[] = {
    {BodyKind::new_account, R"({"owner":"Ada \u00e9 Lovelace","currency":"EUR","x":[1.5,null]})"},
    {BodyKind::deposit, R"({"amount":5000,"request_id":"dep-7f3a"})"},
    {BodyKind::transfer,
     R"({"from":"acc-1","to":"acc-2","amount":1250,"currency":"EUR","request_id":"tr-1",)"
     R"("memo":"r\"e\\nt \ud83d\ude00"})"},
    {BodyKind::transfer,
     R"({"from":"acc-1","to":"acc-2","amount":-9223372036854775808,"currency":"EUR",)"
     R"("request_id":"tr-1","memo":null,"extra":{"a":[true,false,1e5]}})"},
    {BodyKind::batch,
     R"({"transfers":[{"from":"a","to":"b","amount":1,"currency":"EUR","request_id":"r1"},)"
     R"({"from":"c","to":"d","amount":20,"currency":"USD","request_id":"r2","memo":""},7]})"},
};

class Mutator {
 public:
  explicit Mutator(std::uint64_t seed) : engine_(seed) {}

  std::string mutate(std::string body) {
    const int changes = 1 + static_cast<int>(below(3));
    for (int i = 0; i < changes && !body.empty(); ++i) {
      const std::size_t at = below(body.size());
      switch (below(3)) {
        case 0:
          body[at] = byte();
          break;
        case 1:
          body.insert(body.begin() + static_cast<std::ptrdiff_t>(at), byte());
          break;
        default:
          body.erase(at, 1);
      }
    }
    return body;
  }

 private:
  std::uint64_t below(std::uint64_t n) { return engine_() % n; }  // bias irrelevant here
  char byte() {
    static constexpr std::string_view kSyntax = R"({}[]":,\ 0123456789-+.eEtrufalsn/bu)";
    if (below(4) == 0) return static_cast<char>(below(256));  // any byte, NUL and 0xFF included
    return kSyntax[below(kSyntax.size())];
  }
  std::mt19937_64 engine_;  // fully specified by the standard: the same mutants everywhere
};

// The whole body refused (a batch's item errors do not count: the batch was accepted).
bool refused(const std::string& answer) {
  return answer.starts_with("error") || answer.starts_with("envelope");
}

TEST(ZeroCopyAgreement, MutatedBodiesGetTheSameAnswer) {
  const char* seed_text = std::getenv("ARCHBENCH_MUTATION_SEED");
  const std::uint64_t seed = seed_text ? std::strtoull(seed_text, nullptr, 10) : kDefaultSeed;
  std::printf("mutation seed %llu, %d mutants per body\n", static_cast<unsigned long long>(seed),
              kMutantsPerBody);
  Mutator mutator(seed);
  RequestParser parser;
  int accepted_count = 0;
  int refused_count = 0;
  for (const Base& base : kBases) {
    const std::string base_answer = answer_both(base.kind, base.body, parser).codec;
    ASSERT_FALSE(refused(base_answer)) << "the base body must be valid: " << base.body;
    for (int i = 0; i < kMutantsPerBody; ++i) {
      const std::string mutant = mutator.mutate(base.body);
      const Answers answers = answer_both(base.kind, mutant, parser);
      ASSERT_EQ(answers.zero_copy, answers.codec) << "mutant " << i << ": " << mutant;
      (refused(answers.codec) ? refused_count : accepted_count) += 1;
    }
  }
  std::printf("accepted %d, refused %d\n", accepted_count, refused_count);
  // Mutants must exercise both sides, or the test proves little.
  EXPECT_GT(accepted_count, kMutantsPerBody / 10);
  EXPECT_GT(refused_count, kMutantsPerBody / 10);
}

}  // namespace
}  // namespace archbench::zero_copy::testing

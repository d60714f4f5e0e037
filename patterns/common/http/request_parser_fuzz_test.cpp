// A deterministic randomized test of the request parser: garbage and mutated valid requests,
// from fixed seeds, each checked against the invariants of request_parser_invariants.hpp. It
// runs in a couple of seconds on every build; request_parser_fuzz.cpp is the open-ended
// libFuzzer version of the same check.
#include <gtest/gtest.h>

#include <array>
#include <cstdint>
#include <random>
#include <string>
#include <string_view>
#include <vector>

#include "common/http/request.hpp"
#include "common/http/request_parser.hpp"
#include "common/http/request_parser_invariants.hpp"

namespace archbench::http {
namespace {

constexpr std::array<std::string_view, 6> kValid = {
    "GET /health HTTP/1.1\r\nHost: localhost:8080\r\n\r\n",
    "POST /transfers HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
    "Content-Length: 17\r\n\r\n{\"amount\": 1250}",
    "GET /accounts/a1/transactions?limit=5 HTTP/1.0\r\nConnection: keep-alive\r\n\r\n",
    "POST /accounts HTTP/1.1\r\nExpect: 100-continue\r\nContent-Length: 2\r\n"
    "Connection: close\r\n\r\n{}",
    "PUT /x HTTP/1.1\r\nContent-Length: 3\r\ncontent-length: 3\r\n\r\nabc",
    "GET / HTTP/1.1\r\n\r\nGET / HTTP/1.1\r\n\r\n",
};

// Pieces that steer mutations towards the parser's decisions.
constexpr std::array<std::string_view, 22> kDictionary = {"\r\n",
                                                          "\r\n\r\n",
                                                          "\n",
                                                          "\r",
                                                          " ",
                                                          "\t",
                                                          ":",
                                                          ",",
                                                          "/",
                                                          "HTTP/1.0",
                                                          "HTTP/1.1",
                                                          "HTTP/2.0",
                                                          "Content-Length: ",
                                                          "Transfer-Encoding: chunked\r\n",
                                                          "Connection: close\r\n",
                                                          "Connection: keep-alive\r\n",
                                                          "Expect: 100-continue\r\n",
                                                          "18446744073709551616",
                                                          "16777217",
                                                          "0",
                                                          "\x80",
                                                          std::string_view("\0", 1)};

class Generator {
 public:
  explicit Generator(std::uint64_t seed) : rng_(seed) {}

  std::string next() {
    switch (below(8)) {
      case 0:
        return garbage();
      case 1:
        return oversized();
      default:
        return mutated();
    }
  }
  std::uint64_t number() { return rng_(); }

 private:
  std::size_t below(std::size_t n) {
    return std::uniform_int_distribution<std::size_t>(0, n - 1)(rng_);
  }
  char byte() { return static_cast<char>(below(256)); }

  std::string garbage() {
    std::string text(below(200), '\0');
    for (char& c : text) c = byte();
    return text;
  }

  // A valid request with one header grown to around the head limit.
  std::string oversized() {
    const std::size_t size = kMaxHeadBytes - 64 + below(128);
    return "GET / HTTP/1.1\r\nX: " + std::string(size, 'v') + "\r\n\r\n";
  }

  std::string mutated() {
    std::string text(kValid[below(kValid.size())]);
    const std::size_t mutations = 1 + below(4);
    for (std::size_t m = 0; m < mutations; ++m) {
      const std::size_t at = text.empty() ? 0 : below(text.size() + 1);
      switch (below(6)) {
        case 0:  // overwrite a byte
          if (at < text.size()) text[at] = byte();
          break;
        case 1:  // insert a byte
          text.insert(at, 1, byte());
          break;
        case 2:  // insert a dictionary piece
          text.insert(at, kDictionary[below(kDictionary.size())]);
          break;
        case 3:  // erase a range
          text.erase(at, below(8));
          break;
        case 4:  // duplicate a range
          text.insert(at, text.substr(at, below(24)));
          break;
        default:  // truncate
          text.resize(at);
          break;
      }
    }
    return text;
  }

  std::mt19937_64 rng_;
};

std::string escaped(std::string_view text) {
  std::string out;
  for (const char c : text) {
    const auto u = static_cast<unsigned char>(c);
    if (u >= 0x20 && u < 0x7f && c != '\\') {
      out += c;
    } else {
      constexpr char kHex[] = "0123456789abcdef";
      out += "\\x";
      out += kHex[u >> 4];
      out += kHex[u & 15];
    }
  }
  return out;
}

TEST(RequestParserFuzzTest, RandomAndMutatedInputsKeepEveryInvariant) {
  constexpr int kInputsPerSeed = 25'000;
  std::array<int, 7> seen{};  // how often each ParseStatus came out
  for (const std::uint64_t seed : {1u, 2u, 3u, 20240601u}) {
    Generator generator(seed);
    for (int i = 0; i < kInputsPerSeed; ++i) {
      const std::string input = generator.next();
      const std::string broken = test::violated_invariant(input, generator.number());
      ASSERT_EQ(broken, "") << "seed " << seed << ", input " << i << ": \"" << escaped(input)
                            << '"';
      ParsedHead head;
      ++seen[static_cast<std::size_t>(parse_request_head(input, head))];
    }
  }
  // The generator must reach every answer, or this test checks less than it claims.
  for (std::size_t status = 0; status < seen.size(); ++status) {
    EXPECT_GT(seen[status], 0) << "ParseStatus " << status << " never produced";
  }
}

}  // namespace
}  // namespace archbench::http

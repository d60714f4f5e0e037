// The ids the server mints, without a std::string: "acc-N", "dep-N", "tr-N" (the baseline's
// scheme, docs/workload.md), written into a small buffer on the stack when an answer needs one,
// and an account id read back into its dense index, so that finding an account is an array
// access instead of hashing a string.
#pragma once

#include <charconv>
#include <cstddef>
#include <cstdint>
#include <string_view>

namespace archbench::zero_copy {

// "No such index": an account id that the server never minted, or no counterparty.
inline constexpr std::uint32_t kNone = UINT32_MAX;

// The text of one id, e.g. IdText("tr-", 12).view() == "tr-12". Fits any prefix of up to
// four bytes followed by any 64-bit number.
class IdText {
 public:
  IdText(std::string_view prefix, std::uint64_t number) noexcept {
    prefix.copy(text_, prefix.size());
    const auto end = std::to_chars(text_ + prefix.size(), text_ + sizeof text_, number).ptr;
    size_ = static_cast<std::size_t>(end - text_);
  }
  [[nodiscard]] std::string_view view() const noexcept { return {text_, size_}; }

 private:
  char text_[24];  // 4 for the prefix, 20 for the largest 64-bit number
  std::size_t size_;
};

inline constexpr std::string_view kAccountPrefix = "acc-";
inline constexpr std::string_view kDepositPrefix = "dep-";
inline constexpr std::string_view kTransferPrefix = "tr-";

[[nodiscard]] inline IdText account_id(std::uint32_t index) noexcept {
  return IdText(kAccountPrefix, std::uint64_t{index} + 1);
}

// The index of the account named `id` among `count` accounts, or kNone. Only the exact text the
// server mints maps to an index ("acc-7" is 6; "acc-07", "acc-7 ", "ACC-7", "acc-0" are not
// ids of ours): every other string names no account, which is the correct answer for it, since
// no account was ever given another name. So no other lookup is needed, and none is done.
[[nodiscard]] inline std::uint32_t account_index(std::string_view id, std::size_t count) noexcept {
  if (id.size() <= kAccountPrefix.size() || id.size() > kAccountPrefix.size() + 10 ||
      !id.starts_with(kAccountPrefix) || id[kAccountPrefix.size()] == '0') {
    return kNone;
  }
  std::uint64_t number = 0;
  for (const char c : id.substr(kAccountPrefix.size())) {
    if (c < '0' || c > '9') return kNone;
    number = number * 10 + static_cast<std::uint64_t>(c - '0');
  }
  return number <= count && number <= kNone ? static_cast<std::uint32_t>(number - 1) : kNone;
}

}  // namespace archbench::zero_copy

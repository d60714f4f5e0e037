// The names both contexts share: AccountId, DepositId, TransferId and Memo. Each is a string
// with a type of its own, so an AccountId cannot be passed where a TransferId (or the Ledger's
// RequestId) is expected, and none converts to or from std::string without saying so.
#pragma once

#include <cstddef>
#include <functional>
#include <string>
#include <string_view>
#include <utility>

namespace archbench::ddd {

// A string that means one thing. `Tag` only tells the types apart.
template <class Tag>
class StrongString {
 public:
  constexpr explicit StrongString(std::string text) noexcept : text_(std::move(text)) {}

  [[nodiscard]] constexpr const std::string& text() const noexcept { return text_; }

  friend bool operator==(const StrongString&, const StrongString&) = default;

  // For unordered containers keyed by this name.
  struct Hash {
    std::size_t operator()(const StrongString& name) const noexcept {
      return std::hash<std::string_view>{}(name.text_);
    }
  };

 private:
  std::string text_;
};

// An account of the Ledger: "acc-1", minted by the Ledger when the account opens.
using AccountId = StrongString<struct AccountIdTag>;
// A deposit ("dep-1") and a transfer ("tr-1"), minted only when they succeed.
using DepositId = StrongString<struct DepositIdTag>;
using TransferId = StrongString<struct TransferIdTag>;
// The customer's note on a transfer (0 to 1024 bytes; the edge checked the length).
using Memo = StrongString<struct MemoTag>;

}  // namespace archbench::ddd

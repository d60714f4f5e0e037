// The baseline: the plain request → handler → response loop every pattern is measured against.
// One handler (a switch over the route), the shared nlohmann_json codec, and the whole ledger in
// standard containers behind one std::mutex. Short and obvious on purpose: when a pattern wins
// or loses against it, the difference is the pattern.
#pragma once

#include <cstdint>
#include <functional>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>
#include <variant>
#include <vector>

#include "common/ledger/messages.hpp"
#include "common/ledger/service.hpp"

namespace archbench::baseline {

class BaselineService final : public ledger::Service {
 public:
  // Answers inline, on the calling I/O thread.
  void handle(const ledger::Call& call, ledger::Reply reply) override;

 private:
  // What an operation returns: its result, or why it was refused.
  template <class T>
  using Outcome = std::variant<T, ledger::Error>;

  struct AccountState {
    ledger::Account account;
    std::vector<ledger::Transaction> history;  // oldest first
  };
  // The first answer to a request_id, kept to replay it and to detect a reuse with another body.
  struct DepositRecord {
    std::string account;
    ledger::DepositRequest request;
    ledger::Deposit result;
  };
  struct TransferRecord {
    ledger::TransferRequest request;
    ledger::Transfer result;
  };
  // Lets the maps be searched with the string_view ids of a Call without building a string.
  struct Hash {
    using is_transparent = void;
    std::size_t operator()(std::string_view key) const noexcept {
      return std::hash<std::string_view>{}(key);
    }
  };
  template <class V>
  using Map = std::unordered_map<std::string, V, Hash, std::equal_to<>>;

  Outcome<ledger::Account> create_account(std::string_view body);
  Outcome<ledger::Account> get_account(std::string_view id);
  Outcome<ledger::Deposit> deposit(std::string_view account_id, std::string_view body);
  Outcome<std::vector<ledger::Transaction>> list_transactions(std::string_view id, int limit);
  Outcome<ledger::Transfer> transfer(const ledger::TransferRequest& request);
  Outcome<std::vector<ledger::BatchItemResult>> transfer_batch(std::string_view body);

  std::mutex mutex_;  // guards everything below
  Map<AccountState> accounts_;
  Map<DepositRecord> deposits_;    // by request_id
  Map<TransferRecord> transfers_;  // by request_id
  std::uint64_t next_account_ = 1;
  std::uint64_t next_deposit_ = 1;
  std::uint64_t next_transfer_ = 1;
};

}  // namespace archbench::baseline

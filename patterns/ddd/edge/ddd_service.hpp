// The edge: where HTTP's contract (common/ledger) meets the domain model. It parses a body with
// the shared codec, builds the domain's types through their validating factories (the
// contract's stateless checks, in its order), hands the order to the Ledger context, and writes
// the answer. It also wires the context map: the Ledger publishes to the LedgerTranslator,
// which keeps the Statements context up to date.
//
// Concurrency is deliberately the baseline's: one mutex around both contexts, so an account's
// balance and its statement change together and a reader never sees one without the other.
// This pattern is about the model, not about threads.
#pragma once

#include <mutex>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "common/ledger/messages.hpp"
#include "common/ledger/service.hpp"
#include "ddd/ledger/ledger.hpp"
#include "ddd/statements/ledger_translator.hpp"
#include "ddd/statements/statements.hpp"

namespace archbench::ddd {

// The HTTP contract's namespace, by a name that cannot be confused with the Ledger context.
namespace api = ::archbench::ledger;

class DddService final : public api::Service {
 public:
  // Answers inline, on the calling I/O thread.
  void handle(const api::Call& call, api::Reply reply) override;

 private:
  template <class T>
  using Outcome = std::variant<T, api::Error>;

  Outcome<api::Account> create_account(std::string_view body);
  Outcome<api::Account> get_account(std::string_view id);
  Outcome<api::Deposit> deposit(std::string_view account_id, std::string_view body);
  Outcome<std::vector<api::Transaction>> list_transactions(std::string_view id, int limit);
  Outcome<api::Transfer> transfer(api::TransferRequest&& request);
  Outcome<std::vector<api::BatchItemResult>> transfer_batch(std::string_view body);

  std::mutex mutex_;  // guards both contexts below
  statements::Statements statements_;
  statements::LedgerTranslator translator_{statements_};
  ledger::Ledger ledger_{translator_};
};

}  // namespace archbench::ddd

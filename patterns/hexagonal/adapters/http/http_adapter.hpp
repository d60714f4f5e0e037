// The driving adapter: turns the shared front's Calls (already routed, see
// common/ledger/service.hpp) into use cases of the application, and their outcomes back into
// HTTP answers with the shared JSON codec. The only file that knows both the wire's types
// (ledger::TransferRequest, ...) and the domain's (domain::TransferRequest, ...), and it
// translates between them; nothing else crosses the boundary.
#pragma once

#include "common/ledger/service.hpp"
#include "hexagonal/application/ledger.hpp"

namespace archbench::hexagonal::adapters {

class HttpAdapter final : public ledger::Service {
 public:
  // `ledger` must outlive the adapter.
  explicit HttpAdapter(application::Ledger& ledger) noexcept : ledger_(ledger) {}

  void handle(const ledger::Call& call, ledger::Reply reply) override;

 private:
  void create_account(const ledger::Call& call, ledger::Reply& reply);
  void get_account(const ledger::Call& call, ledger::Reply& reply);
  void deposit(const ledger::Call& call, ledger::Reply& reply);
  void list_transactions(const ledger::Call& call, ledger::Reply& reply);
  void transfer(const ledger::Call& call, ledger::Reply& reply);
  void transfer_batch(const ledger::Call& call, ledger::Reply& reply);

  application::Ledger& ledger_;
};

}  // namespace archbench::hexagonal::adapters

// The driving adapter, and the backend's ledger::Service: turns the shared front's Calls
// (already routed, see common/ledger/service.hpp) into use cases of the application, and their
// outcomes back into HTTP answers with the shared JSON codec. The only file that knows both the
// wire's types (ledger::TransferRequest, ...) and the domain's (domain::TransferRequest, ...),
// and it translates between them; nothing else crosses the boundary.
//
// It answers only what the wire decides: a malformed body (400) and a failure of the machinery
// (500). Every rule of the ledger is the domain's, checked there once.
//
// It owns the hexagon it drives: the driven adapters the composition root chose, through their
// ports only, and the use cases over them.
#pragma once

#include <memory>

#include "common/ledger/service.hpp"
#include "hexagonal/application/ledger.hpp"
#include "hexagonal/ports/id_generator.hpp"
#include "hexagonal/ports/ledger_store.hpp"

namespace archbench::hexagonal::adapters {

class HttpAdapter final : public ledger::Service {
 public:
  HttpAdapter(std::unique_ptr<ports::LedgerStore> store, std::unique_ptr<ports::IdGenerator> ids)
      : store_(std::move(store)), ids_(std::move(ids)), ledger_(*store_, *ids_) {}

  void handle(const ledger::Call& call, ledger::Reply reply) override;

 private:
  void create_account(const ledger::Call& call, ledger::Reply& reply);
  void get_account(const ledger::Call& call, ledger::Reply& reply);
  void deposit(const ledger::Call& call, ledger::Reply& reply);
  void list_transactions(const ledger::Call& call, ledger::Reply& reply);
  void transfer(const ledger::Call& call, ledger::Reply& reply);
  void transfer_batch(const ledger::Call& call, ledger::Reply& reply);

  // Declared in the order they are built, each from the ones before: the wiring, in code.
  std::unique_ptr<ports::LedgerStore> store_;  // driven adapter, chosen by --store
  std::unique_ptr<ports::IdGenerator> ids_;    // driven adapter, chosen by --ids
  application::Ledger ledger_;                 // the use cases, over the two ports above
};

}  // namespace archbench::hexagonal::adapters

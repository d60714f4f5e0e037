// The zero-copy backend's edge: a ledger::Service that reads each body where the transport left
// it and writes each answer where the transport will send it from.
// - In: the body is parsed in place by a RequestParser (../json): fields are views into the
//   connection's buffer, never std::strings. One parser per I/O thread (thread_local), reused.
// - Out: the answer is written with the codec's view writers (write_*_json) straight into
//   Reply::body(), the connection's own buffer, then Reply::send(status).
// - Between: the Ledger (../state), which copies only what must outlive the request (an owner,
//   a memo, a request_id) into its arena.
// So a request's bytes are copied once in, by the kernel into the connection's buffer, and once
// out, into the answer: no allocation per request in steady state, which
// bench/alloc/allocation_test.cpp counts over real HTTP.
#pragma once

#include "common/ledger/service.hpp"
#include "zero-copy/state/ledger.hpp"

namespace archbench::zero_copy {

class ZeroCopyService final : public ledger::Service {
 public:
  // Answers inline, on the calling I/O thread.
  void handle(const ledger::Call& call, ledger::Reply reply) override;

 private:
  void create_account(const ledger::Call& call, ledger::Reply& reply);
  void get_account(const ledger::Call& call, ledger::Reply& reply);
  void deposit(const ledger::Call& call, ledger::Reply& reply);
  void list_transactions(const ledger::Call& call, ledger::Reply& reply);
  void transfer(const ledger::Call& call, ledger::Reply& reply);
  void transfer_batch(const ledger::Call& call, ledger::Reply& reply);

  Ledger ledger_;
};

}  // namespace archbench::zero_copy

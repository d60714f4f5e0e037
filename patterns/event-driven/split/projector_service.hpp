// The projector as a process (archbench-event-driven --role projector): the Projector behind
// the shared main, which gives it what every backend has — the command line, the "listening
// on" line once it has caught up, /health and /metrics, a clean stop on SIGTERM. The ledger's
// own routes are not its business over HTTP: it answers history queries over NATS.
#pragma once

#include <memory>

#include "common/ledger/service.hpp"
#include "event-driven/split/projector.hpp"

namespace archbench::event_driven {

class ProjectorService final : public ledger::Service {
 public:
  explicit ProjectorService(std::unique_ptr<Projector> projector)
      : projector_(std::move(projector)) {}

  void handle(const ledger::Call& /*call*/, ledger::Reply reply) override {
    reply.error(ledger::ErrorCode::not_found,
                "this is a projector: it answers history queries over NATS (subject "
                "archbench.history); send ledger requests to the command service");
  }
  void stop() override { projector_->stop(); }

 private:
  std::unique_ptr<Projector> projector_;
};

}  // namespace archbench::event_driven

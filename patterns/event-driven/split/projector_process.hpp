// --spawn-projector: the split deployment on one host from one command, for the conformance
// suite and scripts/bench. The command service starts `archbench-event-driven --role
// projector` as a child process (the same binary), waits until it has caught up and listens,
// and stops it when it stops itself. The two still share nothing but the NATS server: the
// child is an independent process, and the fault tests start and kill the roles separately.
#pragma once

#include <sys/types.h>

#include <memory>
#include <string>

#include "common/ledger/service.hpp"

namespace archbench::event_driven {

class ProjectorProcess {
 public:
  // Starts the projector on `nats_url` and waits (up to 30 s) for its "listening on" line.
  // Throws std::runtime_error if it cannot start or ends first.
  explicit ProjectorProcess(const std::string& nats_url);
  ~ProjectorProcess();  // SIGTERM, up to 5 s for a clean exit, then SIGKILL
  ProjectorProcess(const ProjectorProcess&) = delete;
  ProjectorProcess& operator=(const ProjectorProcess&) = delete;

 private:
  void stop() noexcept;

  pid_t pid_ = -1;
  int stdout_ = -1;  // kept open: the child may still write to it
};

// The command service with its projector child: the child first (so history queries find it
// ready), the front's drain before the child stops.
class WithProjector final : public ledger::Service {
 public:
  WithProjector(std::unique_ptr<ProjectorProcess> projector, std::unique_ptr<ledger::Service> front)
      : projector_(std::move(projector)), front_(std::move(front)) {}
  void handle(const ledger::Call& call, ledger::Reply reply) override {
    front_->handle(call, std::move(reply));
  }
  void stop() override {
    front_->stop();
    projector_.reset();
  }

 private:
  std::unique_ptr<ProjectorProcess> projector_;
  std::unique_ptr<ledger::Service> front_;
};

}  // namespace archbench::event_driven

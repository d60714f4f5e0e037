// A role of this same program run as a child process: how a backend starts the other
// processes of a split deployment from one command (event-driven's --spawn-projector, the
// actor's --spawn-shard-hosts), for the conformance suite and scripts/bench. The child is an
// independent process that shares nothing with its parent but the network; the fault tests
// start and kill the roles separately.
#pragma once

#include <sys/types.h>

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "common/ledger/service.hpp"

namespace archbench {

class RoleProcess {
 public:
  // Runs this program's own executable with `args` (its output on a pipe, its stderr ours;
  // it gets SIGTERM if we die) and waits up to 30 s for its "listening on HOST:PORT" line.
  // Throws std::runtime_error naming `what` ("the projector (--spawn-projector)") if it cannot
  // start or ends first.
  RoleProcess(const std::vector<std::string>& args, std::string_view what);
  ~RoleProcess();  // SIGTERM, up to 5 s for a clean exit, then SIGKILL
  RoleProcess(const RoleProcess&) = delete;
  RoleProcess& operator=(const RoleProcess&) = delete;

  [[nodiscard]] const std::string& address() const { return address_; }  // "127.0.0.1:PORT"

 private:
  void stop() noexcept;

  pid_t pid_ = -1;
  int stdout_ = -1;  // kept open: the child may still write to it
  std::string address_;
};

// A front with the role processes it started: requests and metrics go to the front; on stop,
// the front's drain first, then the children stop.
class WithRoleProcesses final : public ledger::Service {
 public:
  WithRoleProcesses(std::vector<std::unique_ptr<RoleProcess>> children,
                    std::unique_ptr<ledger::Service> front)
      : children_(std::move(children)), front_(std::move(front)) {}
  void handle(const ledger::Call& call, ledger::Reply reply) override {
    front_->handle(call, std::move(reply));
  }
  void stop() override {
    front_->stop();
    children_.clear();
  }
  void append_metrics(std::string_view backend, std::string& out) const override {
    front_->append_metrics(backend, out);
  }

 private:
  std::vector<std::unique_ptr<RoleProcess>> children_;
  std::unique_ptr<ledger::Service> front_;
};

}  // namespace archbench

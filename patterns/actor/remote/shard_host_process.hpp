// --spawn-shard-hosts N: the three-process deployment from one command, for the conformance
// suite and benchmarks. The front starts N `archbench-actor --role shard-host --port 0`
// children (the same binary), reads each one's "listening on HOST:PORT" line to learn its port,
// and stops them after its own drain. The hosts are still separate processes that share nothing
// with the front but the loopback connections; the fault test starts and kills them itself.
#pragma once

#include <sys/types.h>

#include <memory>
#include <string>
#include <vector>

#include "common/ledger/service.hpp"

namespace archbench::actor::remote {

class ShardHostProcess {
 public:
  // Starts a host with `extra_args` and waits (up to 30 s) for its "listening on" line.
  // Throws std::runtime_error if it cannot start or ends first.
  explicit ShardHostProcess(const std::vector<std::string>& extra_args);
  ~ShardHostProcess();  // SIGTERM, up to 5 s for a clean exit, then SIGKILL
  ShardHostProcess(const ShardHostProcess&) = delete;
  ShardHostProcess& operator=(const ShardHostProcess&) = delete;

  [[nodiscard]] const std::string& address() const { return address_; }  // "127.0.0.1:PORT"

 private:
  void stop() noexcept;

  pid_t pid_ = -1;
  int stdout_ = -1;  // kept open: the child may still write to it
  std::string address_;
};

// The front with its host children: the front's drain first, then the hosts.
class WithShardHosts final : public ledger::Service {
 public:
  WithShardHosts(std::vector<std::unique_ptr<ShardHostProcess>> hosts,
                 std::unique_ptr<ledger::Service> front)
      : hosts_(std::move(hosts)), front_(std::move(front)) {}
  void handle(const ledger::Call& call, ledger::Reply reply) override {
    front_->handle(call, std::move(reply));
  }
  void stop() override {
    front_->stop();
    hosts_.clear();
  }
  void append_metrics(std::string_view backend, std::string& out) const override {
    front_->append_metrics(backend, out);
  }

 private:
  std::vector<std::unique_ptr<ShardHostProcess>> hosts_;
  std::unique_ptr<ledger::Service> front_;
};

}  // namespace archbench::actor::remote

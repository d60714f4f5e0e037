// A Service decorator that answers every request late, from another thread: it queues each Call
// with its Reply, and one worker thread calls the wrapped service there. That is what an actor
// or queue-based backend does to the transport, so tests and benchmarks use it to exercise (and
// price) the late-answer path with any backend's rules behind it.
#pragma once

#include <condition_variable>
#include <cstddef>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

#include "common/ledger/service.hpp"

namespace archbench::ledger::testing {

class RelayService final : public Service {
 public:
  explicit RelayService(std::unique_ptr<Service> inner);
  ~RelayService() override;

  // Queues the call; the worker answers it. The Call's views stay valid until the Reply is
  // sent (the transport does not touch the request meanwhile), so they are queued as they are.
  void handle(const Call& call, Reply reply) override;

  // Answers everything queued, then stops the worker. Calls after that are answered inline.
  void stop() override;

 private:
  struct Job {
    Call call;
    Reply reply;
  };
  void run();

  std::unique_ptr<Service> inner_;
  std::mutex mutex_;
  std::condition_variable changed_;
  // Reserved up front and swapped with the worker's batch, so that steady state allocates
  // nothing here: the relay must not add allocations to the path it measures.
  std::vector<Job> queue_;
  bool stopping_ = false;
  std::thread worker_;  // last: starts once everything above exists
};

}  // namespace archbench::ledger::testing

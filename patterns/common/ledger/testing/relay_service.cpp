// The relay's worker: takes the whole queue at once (one lock per batch, not per call), runs
// the wrapped service on each call, and repeats until stopped with nothing left.
#include "common/ledger/testing/relay_service.hpp"

#include <utility>

namespace archbench::ledger::testing {
namespace {
constexpr std::size_t kReserved = 1024;  // more queued calls than this only costs a regrowth
}  // namespace

RelayService::RelayService(std::unique_ptr<Service> inner) : inner_(std::move(inner)) {
  queue_.reserve(kReserved);
  worker_ = std::thread([this] { run(); });
}

RelayService::~RelayService() { RelayService::stop(); }

void RelayService::handle(const Call& call, Reply reply) {
  {
    const std::lock_guard lock(mutex_);
    if (!stopping_) {
      queue_.push_back(Job{call, std::move(reply)});
      changed_.notify_one();
      return;
    }
  }
  inner_->handle(call, std::move(reply));  // stopped: nobody would run the job
}

void RelayService::stop() {
  {
    const std::lock_guard lock(mutex_);
    if (stopping_) return;
    stopping_ = true;
  }
  changed_.notify_one();
  worker_.join();
  inner_->stop();
}

void RelayService::run() {
  std::vector<Job> batch;
  batch.reserve(kReserved);
  for (;;) {
    {
      std::unique_lock lock(mutex_);
      changed_.wait(lock, [this] { return stopping_ || !queue_.empty(); });
      if (queue_.empty()) return;  // stopping, and everything queued has been answered
      batch.swap(queue_);
    }
    for (Job& job : batch) inner_->handle(job.call, std::move(job.reply));
    batch.clear();
  }
}

}  // namespace archbench::ledger::testing

// WRONG ON PURPOSE: actors/journal.cpp with the journal written after the answer. append()
// keeps the record in memory and returns at once, so the actor applies the change and answers;
// a writer thread puts the record in the file a second later (a "write-behind" journal: the
// answer does not wait for the file, and records could be batched). A kill -9 in that second
// loses what was acknowledged. Built into test-actor-late-journal in place of
// actors/journal.cpp (patterns/actor/CMakeLists.txt); journal_kill_test.cpp must catch it.
//
// The second is far longer than any plausible write-behind delay on purpose: every request
// acknowledged in the second before the kill is lost, so the test that proves the kill test
// bites does not depend on where the kill falls.
#include <chrono>
#include <condition_variable>
#include <deque>
#include <mutex>
#include <thread>
#include <utility>

#include "actor/actors/journal.hpp"
#include "actor/actors/journal_file.hpp"

namespace archbench::actor {
namespace {

using Clock = std::chrono::steady_clock;
constexpr auto kLate = std::chrono::seconds(1);

// One thread for the process: each record reaches its file kLate after its append().
class LateWriter {
 public:
  LateWriter() : thread_([this] { run(); }) {}
  ~LateWriter() {
    {
      const std::lock_guard lock(mutex_);
      stopping_ = true;
    }
    wake_.notify_one();
    thread_.join();
  }
  LateWriter(const LateWriter&) = delete;
  LateWriter& operator=(const LateWriter&) = delete;

  void write_later(JournalFile* file, Event event) {
    const std::lock_guard lock(mutex_);
    pending_.push_back({Clock::now() + kLate, file, std::move(event)});
    wake_.notify_one();
  }
  // A journal closes (a clean stop): its records still waiting are written now.
  void flush(const JournalFile* file) {
    const std::lock_guard lock(mutex_);
    for (auto it = pending_.begin(); it != pending_.end();) {
      if (it->file != file) {
        ++it;
        continue;
      }
      it->file->append(it->event);
      it = pending_.erase(it);
    }
  }

 private:
  struct Pending {
    Clock::time_point due;
    JournalFile* file;
    Event event;
  };

  void run() {
    std::unique_lock lock(mutex_);
    while (!stopping_) {
      if (pending_.empty()) {
        wake_.wait(lock);
      } else if (Clock::now() < pending_.front().due) {
        wake_.wait_until(lock, pending_.front().due);
      } else {
        pending_.front().file->append(pending_.front().event);
        pending_.pop_front();
      }
    }
  }

  std::mutex mutex_;
  std::condition_variable wake_;
  std::deque<Pending> pending_;  // in the order of their appends, so of their due times
  bool stopping_ = false;
  std::thread thread_;
};

LateWriter& late_writer() {
  static LateWriter writer;
  return writer;
}

}  // namespace

Journal::~Journal() {
  if (file_) late_writer().flush(file_.get());
}

void Journal::append(Event event) {
  if (file_) late_writer().write_later(file_.get(), event);  // the mistake: not written yet
  events_.push_back(std::move(event));
}

}  // namespace archbench::actor

// event-log-bench: what the file log costs, measured on this machine's disk.
//
//   event-log-bench --dir /var/tmp/x                 append: every fsync policy x 1, 16, 64 writers
//   event-log-bench --dir /var/tmp/x --replay 1000000   replay: write N transfer events, time the
//                                                        scan and the full rebuild (decode + fold)
//
// Appends: each writer appends one transfer-sized record at a time (under one lock, as the
// command side does) and waits until it is reported durable; the figures are appends per second,
// the latency from append to durable (p50, p99), and records per fdatasync, which is what group
// commit buys. The folder must be on the disk you care about: tmpfs makes fsync free (a warning
// says so).
#include <sys/vfs.h>
#include <time.h>

#include <CLI/CLI.hpp>
#include <algorithm>
#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <filesystem>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "event-driven/events/event_codec.hpp"
#include "event-driven/log/file_log.hpp"
#include "event-driven/projections/accounts_projection.hpp"
#include "event-driven/write/ledger_state.hpp"

namespace {

using namespace archbench::event_driven;
using Clock = std::chrono::steady_clock;
namespace fs = std::filesystem;

constexpr long kTmpfsMagic = 0x01021994;

// CPU seconds of this thread: on a shared machine, replay speed per CPU second is the figure
// that does not depend on what else runs; wall time is printed beside it.
double thread_cpu_seconds() {
  timespec now{};
  ::clock_gettime(CLOCK_THREAD_CPUTIME_ID, &now);
  return static_cast<double>(now.tv_sec) + static_cast<double>(now.tv_nsec) * 1e-9;
}

void print_replay_row(const char* what, std::uint64_t records, double wall, double cpu) {
  std::printf("| %s | %llu | %.3f s | %.3f s | %.2f M |\n", what,
              static_cast<unsigned long long>(records), wall, cpu,
              static_cast<double>(records) / cpu / 1e6);
}

std::string transfer_record(std::uint64_t i, std::uint64_t accounts) {
  return encode_record({TransferCompleted{.transfer = "tr-" + std::to_string(i + 1),
                                          .from = "acc-" + std::to_string(1 + i % accounts),
                                          .to = "acc-" + std::to_string(1 + (i + 1) % accounts),
                                          .amount = 1 + static_cast<Money>(i % 100),
                                          .currency = "EUR",
                                          .request_id = "req-" + std::to_string(i),
                                          .memo = std::string("rent")}});
}

// Reports durable positions to the writers waiting for them.
class DurableWatermark final : public EventLog::Listener {
 public:
  void on_durable(Position position, std::string_view) override {
    const std::lock_guard lock(mutex_);
    durable_ = position;
    changed_.notify_all();
  }
  void on_failed(Position, std::string_view why) override {
    std::fprintf(stderr, "event-log-bench: the log failed: %.*s\n", static_cast<int>(why.size()),
                 why.data());
    std::exit(1);
  }
  void wait(Position position) {
    std::unique_lock lock(mutex_);
    changed_.wait(lock, [&] { return durable_ >= position; });
  }

 private:
  std::mutex mutex_;
  std::condition_variable changed_;
  Position durable_ = 0;
};

struct AppendResult {
  double per_second = 0;
  double p50_us = 0;
  double p99_us = 0;
  double records_per_sync = 0;
};

AppendResult run_appends(const fs::path& dir, FsyncPolicy policy, int writers, double seconds) {
  fs::remove_all(dir);
  FileLog log({.dir = dir, .fsync = policy});
  log.replay([](std::string_view) {});
  DurableWatermark watermark;
  log.start(watermark);
  std::mutex order;  // the command side's lock
  std::vector<std::vector<double>> latencies(static_cast<std::size_t>(writers));
  const auto deadline = Clock::now() + std::chrono::duration<double>(seconds);
  std::vector<std::thread> threads;
  for (int w = 0; w < writers; ++w) {
    threads.emplace_back([&, w] {
      const std::string record = transfer_record(static_cast<std::uint64_t>(w), 1000);
      while (Clock::now() < deadline) {
        const auto start = Clock::now();
        Position position = 0;
        {
          const std::lock_guard lock(order);
          position = log.append(record);
        }
        watermark.wait(position);
        latencies[static_cast<std::size_t>(w)].push_back(
            std::chrono::duration<double, std::micro>(Clock::now() - start).count());
      }
    });
  }
  for (auto& thread : threads) thread.join();
  log.stop();
  std::vector<double> all;
  for (const auto& l : latencies) all.insert(all.end(), l.begin(), l.end());
  std::sort(all.begin(), all.end());
  const auto stats = log.stats();
  AppendResult result;
  result.per_second = static_cast<double>(all.size()) / seconds;
  if (!all.empty()) {
    result.p50_us = all[all.size() / 2];
    result.p99_us = all[std::min(all.size() - 1, all.size() * 99 / 100)];
  }
  result.records_per_sync =
      stats.syncs == 0 ? 0.0
                       : static_cast<double>(stats.records) / static_cast<double>(stats.syncs);
  return result;
}

void run_replay(const fs::path& dir, std::uint64_t events) {
  constexpr std::uint64_t kAccounts = 1000;
  fs::remove_all(dir);
  {
    FileLog log({.dir = dir, .fsync = FsyncPolicy::never});
    log.replay([](std::string_view) {});
    DurableWatermark watermark;
    log.start(watermark);
    for (std::uint64_t i = 1; i <= kAccounts; ++i) {
      log.append(encode_record({AccountOpened{
          .account = "acc-" + std::to_string(i), .owner = "owner", .currency = "EUR"}}));
      log.append(encode_record({FundsDeposited{.deposit = "dep-" + std::to_string(i),
                                               .account = "acc-" + std::to_string(i),
                                               .amount = 1'000'000'000,
                                               .request_id = "fund-" + std::to_string(i)}}));
    }
    for (std::uint64_t i = 0; i < events; ++i) log.append(transfer_record(i, kAccounts));
    log.stop();
  }
  const auto total = events + 2 * kAccounts;
  {
    FileLog log({.dir = dir, .fsync = FsyncPolicy::never});
    const auto start = Clock::now();
    const double cpu = thread_cpu_seconds();
    std::uint64_t bytes = 0;
    log.replay([&](std::string_view record) { bytes += record.size(); });
    print_replay_row("scan (read, check CRC-32C)", total,
                     std::chrono::duration<double>(Clock::now() - start).count(),
                     thread_cpu_seconds() - cpu);
  }
  {
    FileLog log({.dir = dir, .fsync = FsyncPolicy::never});
    LedgerState state;
    AccountsProjection projection;
    Position position = 0;
    const auto start = Clock::now();
    const double cpu = thread_cpu_seconds();
    log.replay([&](std::string_view record) {
      const EventBatch batch = decode_record(record);
      ++position;
      for (const Event& event : batch) state.apply(event, position);
      projection.apply(batch, position);
    });
    print_replay_row("rebuild (scan + decode + fold both sides)", total,
                     std::chrono::duration<double>(Clock::now() - start).count(),
                     thread_cpu_seconds() - cpu);
  }
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"event-log-bench: append and replay costs of the event-driven file log"};
  std::string dir;
  std::vector<int> writers{1, 16, 64};
  std::vector<std::string> policies{"always", "batch", "never"};
  double seconds = 2.0;
  std::uint64_t replay = 0;
  app.add_option("--dir", dir, "scratch folder on the disk to measure (emptied)")->required();
  app.add_option("--writers", writers, "concurrent writers")->capture_default_str();
  app.add_option("--fsync", policies, "policies to measure")->capture_default_str();
  app.add_option("--seconds", seconds, "per measurement")
      ->capture_default_str()
      ->check(CLI::Range(0.1, 60.0));
  app.add_option("--replay", replay, "instead: write N transfer events and time their replay");
  CLI11_PARSE(app, argc, argv);

  fs::create_directories(dir);
  struct statfs info {};
  if (::statfs(dir.c_str(), &info) == 0 && info.f_type == kTmpfsMagic) {
    std::fprintf(stderr, "event-log-bench: warning: %s is on tmpfs, where fsync costs nothing\n",
                 dir.c_str());
  }
  const fs::path scratch = fs::path(dir) / "event-log-bench";
  if (replay > 0) {
    std::printf("| replay | records | wall | CPU | records per CPU second |\n");
    std::printf("|---|---:|---:|---:|---:|\n");
    run_replay(scratch, replay);
  } else {
    std::printf("| fsync | writers | appends/s | p50 µs | p99 µs | records per fdatasync |\n");
    std::printf("|---|---:|---:|---:|---:|---:|\n");
    for (const auto& policy : policies) {
      for (const int w : writers) {
        const auto r = run_appends(scratch, parse_fsync_policy(policy), w, seconds);
        std::printf("| %s | %d | %.0f | %.0f | %.0f | %.1f |\n", policy.c_str(), w, r.per_second,
                    r.p50_us, r.p99_us, r.records_per_sync);
        std::fflush(stdout);
      }
    }
  }
  fs::remove_all(scratch);
  return 0;
}

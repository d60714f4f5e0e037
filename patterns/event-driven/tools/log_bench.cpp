// event-log-bench: what the file log costs, measured on this machine's disk, and what a replay
// from JetStream costs.
//
//   event-log-bench --dir /var/tmp/x                 append: every fsync policy x 1, 16, 64 writers
//   event-log-bench --dir /var/tmp/x --replay 1000000   replay: write N transfer events, time the
//                                                        scan and the full rebuild (decode + fold)
//                                                        against a start-up from a snapshot
//   event-log-bench --nats nats://127.0.0.1:4222 --replay 100000
//                                                      the same records in a JetStream stream of
//                                                      its own: time the scan, the scan of the
//                                                      second half and the full rebuild
//
// JetStream: the records go through NatsLog, the adapter the backend runs on, into a stream
// named for this process (ARCHBENCH_LOG_BENCH_<pid>, never the backend's), deleted at the end.
// The user starts the server: nats-server -js -a 127.0.0.1 -p 4222 -sd /var/tmp/nats. Its CPU
// is the other half of a replay's cost; --nats-pid names the process to count it from.
//
// Start-up, with and without a snapshot: the same log, rebuilt (a) by replaying every record,
// (b) from a snapshot at its last record, (c) from a snapshot --snapshot-tail records before
// its end, plus those records; each the median of --runs runs, side by side. Also what taking
// the snapshot costs: encoding the state (the command side's lock is held meanwhile), encoding
// the read model (the log's thread is busy meanwhile) and writing the file (a thread of its own).
//
// Appends: each writer appends one transfer-sized record at a time (under one lock, as the
// command side does) and waits until it is reported durable; the figures are appends per second,
// the latency from append to durable (p50, p99), and records per fdatasync, which is what group
// commit buys. The folder must be on the disk you care about: tmpfs makes fsync free (a warning
// says so).
#include <nats/nats.h>
#include <sys/vfs.h>
#include <time.h>
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <algorithm>
#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <mutex>
#include <sstream>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "event-driven/events/event_codec.hpp"
#include "event-driven/log/file_log.hpp"
#include "event-driven/log/nats_log.hpp"
#include "event-driven/log/nats_support.hpp"
#include "event-driven/projections/accounts_projection.hpp"
#include "event-driven/snapshots/snapshot_format.hpp"
#include "event-driven/snapshots/snapshotter.hpp"
#include "event-driven/write/ledger_state.hpp"

namespace {

using namespace archbench::event_driven;
using Clock = std::chrono::steady_clock;
namespace fs = std::filesystem;

constexpr long kTmpfsMagic = 0x01021994;

// CPU seconds of this process (a snapshot is decoded on two threads; no other thread of this
// tool runs while something is timed): on a shared machine, the figure that does not depend on
// what else runs; wall time is printed beside it.
double cpu_seconds() {
  timespec now{};
  ::clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &now);
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

// Appends 1,000 funded accounts, then `events` transfers, to a started `log`; returns the
// position of the last record.
Position append_ledger(EventLog& log, std::uint64_t events) {
  constexpr std::uint64_t kAccounts = 1000;
  for (std::uint64_t i = 1; i <= kAccounts; ++i) {
    log.append(encode_record({AccountOpened{
        .account = "acc-" + std::to_string(i), .owner = "owner", .currency = "EUR"}}));
    log.append(encode_record({FundsDeposited{.deposit = "dep-" + std::to_string(i),
                                             .account = "acc-" + std::to_string(i),
                                             .amount = 1'000'000'000,
                                             .request_id = "fund-" + std::to_string(i)}}));
  }
  for (std::uint64_t i = 0; i < events; ++i) log.append(transfer_record(i, kAccounts));
  return events + 2 * kAccounts;
}

// Writes 1,000 funded accounts and `events` transfers to a fresh log in `dir`; returns the
// number of records.
Position write_log(const fs::path& dir, std::uint64_t events) {
  fs::remove_all(dir);
  FileLog log({.dir = dir, .fsync = FsyncPolicy::never});
  log.replay([](std::string_view) {});
  DurableWatermark watermark;
  log.start(watermark);
  const Position total = append_ledger(log, events);
  log.stop();
  return total;
}

// User + system CPU seconds of process `pid` so far (/proc/PID/stat fields 14 and 15), to the
// clock tick (10 ms here); 0 for pid 0, or if it cannot be read.
double process_cpu_seconds(pid_t pid) {
  if (pid == 0) return 0;
  std::ifstream file("/proc/" + std::to_string(pid) + "/stat");
  const std::string stat((std::istreambuf_iterator<char>(file)), std::istreambuf_iterator<char>());
  if (stat.rfind(')') == std::string::npos) return 0;
  std::istringstream fields(stat.substr(stat.rfind(')') + 2));  // after "pid (comm) "
  std::string skip;
  for (int field = 3; field <= 13; ++field) fields >> skip;
  long user = 0;
  long system = 0;
  fields >> user >> system;
  return static_cast<double>(user + system) / static_cast<double>(::sysconf(_SC_CLK_TCK));
}

// A timed piece of work: wall and CPU seconds, and the CPU seconds another process (the
// nats-server) spent meanwhile, if one is watched.
struct Timing {
  double wall = 0;
  double cpu = 0;
  double other_cpu = 0;
};
template <class F>
Timing timed(F&& work, pid_t other = 0) {
  const auto start = Clock::now();
  const double cpu = cpu_seconds();
  const double other_cpu = process_cpu_seconds(other);
  work();
  return {std::chrono::duration<double>(Clock::now() - start).count(), cpu_seconds() - cpu,
          process_cpu_seconds(other) - other_cpu};
}
Timing median(const std::vector<Timing>& runs) {
  const auto middle = [&](auto field) {
    std::vector<double> values(runs.size());
    std::transform(runs.begin(), runs.end(), values.begin(),
                   [&](const Timing& t) { return t.*field; });
    std::nth_element(values.begin(),
                     values.begin() + static_cast<std::ptrdiff_t>(values.size() / 2), values.end());
    return values[values.size() / 2];
  };
  return {middle(&Timing::wall), middle(&Timing::cpu), middle(&Timing::other_cpu)};
}

// Folds the records of `log` after `position` into both sides, as a start-up does.
void fold(EventLog& log, Position position, LedgerState& state, AccountsProjection& projection) {
  log.replay_after(position, [&](std::string_view record) {
    const EventBatch batch = decode_record(record);
    ++position;
    for (const Event& event : batch) state.apply(event, position);
    projection.apply(batch, position);
  });
}

// What a start-up does (EventDrivenService::rebuild): restore the snapshot, if any, then fold
// the records after it into both sides. Into models the caller destroys, untimed.
void start_up(const fs::path& dir, bool from_snapshot, LedgerState& state,
              AccountsProjection& projection) {
  FileLog log({.dir = dir, .fsync = FsyncPolicy::never});
  Position position = 0;
  if (from_snapshot) {
    const Snapshotter snapshots({.dir = dir, .every = 0});
    auto snapshot = snapshots.load_newest();
    if (!snapshot) throw std::runtime_error("no snapshot to start from in " + dir.string());
    position = snapshot->position;
    state = LedgerState(std::move(snapshot->state));
    projection.replace_with(AccountsProjection(AccountsProjection::Histories::kept,
                                               std::move(snapshot->read_model), position));
  }
  fold(log, position, state, projection);
}

// One start-up, timed; the models it built are destroyed after the clock stops.
Timing timed_start_up(const fs::path& dir, bool from_snapshot) {
  LedgerState state;
  AccountsProjection projection;
  return timed([&] { start_up(dir, from_snapshot, state, projection); });
}

// Writes a snapshot of `state` and `projection` at `position` into `dir`, timing each part of
// taking it.
void take_snapshot(const fs::path& dir, Position position, const LedgerState& state,
                   const AccountsProjection& projection) {
  std::string state_bytes;
  std::string read_model_bytes;
  const Timing encode_state_time = timed([&] { state_bytes = encode_state(state.contents()); });
  const Timing encode_read_model_time = timed([&] {
    projection.look_at([&](const AccountsProjection::Views& views, Position) {
      read_model_bytes = encode_read_model(views);
    });
  });
  const auto size = state_bytes.size() + read_model_bytes.size();
  const Timing write_time = timed([&] {
    Snapshotter snapshots({.dir = dir, .every = position});
    snapshots.state_taken(position, std::move(state_bytes));
    snapshots.read_model_taken(position, std::move(read_model_bytes));
    snapshots.stop();  // writes it: temporary file, fsync, rename, fsync the folder
  });
  const auto at = static_cast<unsigned long long>(position);
  std::printf("| at %llu: encode the state (the command side's lock is held) | %.3f s | %.3f s |\n",
              at, encode_state_time.wall, encode_state_time.cpu);
  std::printf("| at %llu: encode the read model (the log's thread is busy) | %.3f s | %.3f s |\n",
              at, encode_read_model_time.wall, encode_read_model_time.cpu);
  std::printf("| at %llu: write %.0f MB, fsync, rename (a thread of its own) | %.3f s | |\n", at,
              static_cast<double>(size) / 1e6, write_time.wall);
}

// One fold of the whole log in `dir`, snapshotted at `early` into `early_dir` and at its end
// into `dir`.
void take_snapshots(const fs::path& dir, Position early, const fs::path& early_dir) {
  LedgerState state;
  AccountsProjection projection;
  FileLog log({.dir = dir, .fsync = FsyncPolicy::never});
  Position position = 0;
  if (early == 0) take_snapshot(early_dir, 0, state, projection);
  log.replay([&](std::string_view record) {
    const EventBatch batch = decode_record(record);
    ++position;
    for (const Event& event : batch) state.apply(event, position);
    projection.apply(batch, position);
    if (position == early) take_snapshot(early_dir, early, state, projection);
  });
  take_snapshot(dir, position, state, projection);
}

void run_replay(const fs::path& dir, std::uint64_t events, Position tail, int runs) {
  const Position total = write_log(dir, events);
  {
    FileLog log({.dir = dir, .fsync = FsyncPolicy::never});
    std::uint64_t bytes = 0;
    const Timing scan = timed([&] { log.replay([&](std::string_view r) { bytes += r.size(); }); });
    print_replay_row("scan (read, check CRC-32C)", total, scan.wall, scan.cpu);
  }
  // The same log twice: one with a snapshot at its end, one with a snapshot `tail` before it.
  const Position before_tail = total - std::min(tail, total);
  const fs::path tail_dir = dir.parent_path() / "event-log-bench-tail";
  fs::remove_all(tail_dir);
  fs::copy(dir, tail_dir, fs::copy_options::recursive);
  std::printf("\n| taking a snapshot | wall | CPU |\n|---|---:|---:|\n");
  take_snapshots(dir, before_tail, tail_dir);
  // The start-ups, interleaved run by run, so that a busy moment of the machine hits all three.
  std::vector<Timing> full;
  std::vector<Timing> at_end;
  std::vector<Timing> with_tail;
  for (int run = 0; run < runs; ++run) {
    full.push_back(timed_start_up(dir, false));
    at_end.push_back(timed_start_up(dir, true));
    with_tail.push_back(timed_start_up(tail_dir, true));
  }
  fs::remove_all(tail_dir);
  std::printf("\n| start-up (median of %d) | records folded | wall | CPU | ratio to full (CPU) |\n",
              runs);
  std::printf("|---|---:|---:|---:|---:|\n");
  const Timing f = median(full);
  const auto row = [&](const std::string& what, Position folded, const Timing& t) {
    std::printf("| %s | %llu | %.3f s | %.3f s | %.2f |\n", what.c_str(),
                static_cast<unsigned long long>(folded), t.wall, t.cpu, t.cpu / f.cpu);
  };
  row("full replay (rebuild: scan + decode + fold both sides)", total, f);
  row("snapshot at the last record", 0, median(at_end));
  row("snapshot " + std::to_string(total - before_tail) + " records before the end, then those",
      total - before_tail, median(with_tail));
  std::printf("\nfull replay: %.2f M records per CPU second\n",
              static_cast<double>(total) / f.cpu / 1e6);
}

// Deletes the bench's JetStream stream when the run ends, however it ends (but for a failed
// log, which exits: then the stream is left on the server, under the name printed).
class ScratchStream {
 public:
  explicit ScratchStream(NatsLogOptions options) : options_(std::move(options)) {}
  ~ScratchStream() {
    try {
      natsConnection* connection = connect_nats(options_.url, "event-log-bench clean-up");
      jsCtx* js = nullptr;
      jsErrCode error{};
      natsStatus status = natsConnection_JetStream(&js, connection, nullptr);
      if (status == NATS_OK) status = js_DeleteStream(js, options_.stream.c_str(), nullptr, &error);
      if (status != NATS_OK) {
        std::fprintf(stderr, "event-log-bench: could not delete stream %s: %s\n",
                     options_.stream.c_str(), natsStatus_GetText(status));
      }
      jsCtx_Destroy(js);
      natsConnection_Destroy(connection);
    } catch (const std::exception& error) {
      std::fprintf(stderr, "event-log-bench: could not delete stream %s: %s\n",
                   options_.stream.c_str(), error.what());
    }
  }
  ScratchStream(const ScratchStream&) = delete;
  ScratchStream& operator=(const ScratchStream&) = delete;

 private:
  NatsLogOptions options_;
};

// Writes the ledger into the stream as the backend would (each record acknowledged by
// JetStream); returns the number of records.
Position write_stream(const NatsLogOptions& options, std::uint64_t events) {
  NatsLog log(options);
  log.replay([](std::string_view) {});
  DurableWatermark watermark;
  log.start(watermark);
  const Position total = append_ledger(log, events);
  watermark.wait(total);
  log.stop();
  return total;
}

// The same ledger in a JetStream stream of this process's own, read back by a fresh adapter
// for each timing, as a backend starting up opens it: the scan, the scan of the second half
// (replay_after, where a snapshot would start it) and the full rebuild; interleaved run by run.
void run_nats_replay(const std::string& url, std::uint64_t events, int runs, pid_t server) {
  const std::string pid = std::to_string(::getpid());
  const NatsLogOptions options{
      .url = url, .stream = "ARCHBENCH_LOG_BENCH_" + pid, .subject = "archbench.log-bench." + pid};
  std::fprintf(stderr, "event-log-bench: stream %s on %s (deleted at the end)\n",
               options.stream.c_str(), url.c_str());
  const ScratchStream scratch(options);
  Position total = 0;
  const Timing write = timed([&] { total = write_stream(options, events); });
  std::printf("appended %llu records, each acknowledged: %.1f s wall, %.0f records per second\n\n",
              static_cast<unsigned long long>(total), write.wall,
              static_cast<double>(total) / write.wall);
  const Position half = total / 2;
  std::vector<Timing> scans;
  std::vector<Timing> halves;
  std::vector<Timing> rebuilds;
  for (int run = 0; run < runs; ++run) {
    std::uint64_t bytes = 0;
    const auto count = [&](std::string_view record) { bytes += record.size(); };
    {
      NatsLog log(options);
      scans.push_back(timed([&] { log.replay(count); }, server));
    }
    {
      NatsLog log(options);
      halves.push_back(timed([&] { log.replay_after(half, count); }, server));
    }
    LedgerState state;
    AccountsProjection projection;
    NatsLog log(options);
    rebuilds.push_back(timed([&] { fold(log, 0, state, projection); }, server));
  }
  std::printf(
      "| JetStream replay (median of %d) | records | wall | CPU | nats-server CPU |"
      " records per wall second | records per CPU second (%s) |\n",
      runs, server == 0 ? "this process only" : "this process + nats-server");
  std::printf("|---|---:|---:|---:|---:|---:|---:|\n");
  const auto row = [&](const char* what, Position records, const Timing& t) {
    char server_cpu[32] = "not counted";
    if (server != 0) std::snprintf(server_cpu, sizeof server_cpu, "%.2f s", t.other_cpu);
    std::printf("| %s | %llu | %.3f s | %.3f s | %s | %.0f | %.0f |\n", what,
                static_cast<unsigned long long>(records), t.wall, t.cpu, server_cpu,
                static_cast<double>(records) / t.wall,
                static_cast<double>(records) / (t.cpu + t.other_cpu));
  };
  row("scan: replay() through an ordered consumer", total, median(scans));
  row("second half: replay_after(half)", total - half, median(halves));
  row("full replay (rebuild: scan + decode + fold both sides)", total, median(rebuilds));
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{
      "event-log-bench: append and replay costs of the event-driven file log, and "
      "replay from JetStream"};
  std::string dir;
  std::string nats;
  pid_t nats_pid = 0;
  std::vector<int> writers{1, 16, 64};
  std::vector<std::string> policies{"always", "batch", "never"};
  double seconds = 2.0;
  std::uint64_t replay = 0;
  std::uint64_t tail = 100'000;
  int runs = 3;
  auto* where = app.add_option_group("where", "the log to measure: one of");
  where->add_option("--dir", dir, "scratch folder on the disk to measure (emptied)");
  auto* nats_option = where->add_option(
      "--nats", nats,
      "instead: a nats-server with JetStream, started by you (nats-server -js -a 127.0.0.1 "
      "-p PORT -sd DIR): time replay from a stream of the tool's own, deleted at the end");
  where->require_option(1);
  app.add_option("--nats-pid", nats_pid,
                 "with --nats: the nats-server's pid, to count its CPU too (else not counted)")
      ->needs(nats_option);
  app.add_option("--writers", writers, "concurrent writers")->capture_default_str();
  app.add_option("--fsync", policies, "policies to measure")->capture_default_str();
  app.add_option("--seconds", seconds, "per measurement")
      ->capture_default_str()
      ->check(CLI::Range(0.1, 60.0));
  auto* replay_option = app.add_option(
      "--replay", replay,
      "instead: write N transfer events and time start-up with and without a snapshot");
  nats_option->needs(replay_option);
  app.add_option("--snapshot-tail", tail, "with --replay: records after the earlier snapshot")
      ->capture_default_str();
  app.add_option("--runs", runs, "with --replay: start-ups of each kind (the median is shown)")
      ->capture_default_str()
      ->check(CLI::Range(1, 9));
  CLI11_PARSE(app, argc, argv);

  if (!nats.empty()) {
    try {  // caught, so that the stream is deleted on the way out
      run_nats_replay(nats, replay, runs, nats_pid);
    } catch (const std::exception& error) {
      std::fprintf(stderr, "event-log-bench: %s\n", error.what());
      return 1;
    }
    return 0;
  }
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
    run_replay(scratch, replay, tail, runs);
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

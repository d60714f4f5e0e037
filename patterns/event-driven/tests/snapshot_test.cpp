// Snapshots change nothing but the start-up time. A seeded random workload (accounts,
// deposits, transfers, batches, refusals, idempotent retries and conflicts) runs against the
// real service on a file log taking snapshots; then copies of its folder are restarted with a
// full replay and from a snapshot (plus the records after it), and every account, every
// history and every idempotency answer must be identical, and so must the ids minted next.
// Also: a corrupt snapshot, one of an unknown version, one ahead of the log (its tail was cut),
// a snapshot with no records after it; and a log off by one on replay_after
// (tests/wrong/off_by_one_log.hpp), which the comparison must catch.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <memory>
#include <random>
#include <string>
#include <utility>
#include <vector>

#include "common/ledger/testing/in_process_client.hpp"
#include "common/testing/temp_dir.hpp"
#include "event-driven/http/event_driven_service.hpp"
#include "event-driven/log/file_log.hpp"
#include "event-driven/snapshots/snapshot_format.hpp"
#include "event-driven/snapshots/snapshotter.hpp"
#include "event-driven/tests/log_listener.hpp"
#include "event-driven/tests/wrong/off_by_one_log.hpp"

namespace archbench::event_driven {
namespace {

namespace fs = std::filesystem;
using archbench::testing::TempDir;
using ledger::testing::InProcessClient;

constexpr Position kEvery = 97;  // a snapshot every 97 records: several per workload

struct Request {
  const char* method;  // a literal, as InProcessClient wants
  std::string target;
  std::string body;
};

// What one request was answered: "201 {...}".
std::string answer(InProcessClient& client, const Request& r) {
  const auto& response = client.send(r.method, r.target, r.body);
  return std::to_string(response.status) + " " + response.body;
}

std::string transfer_body(const std::string& from, const std::string& to, int amount,
                          const std::string& currency, const std::string& request_id, bool memo) {
  return R"({"from":")" + from + R"(","to":")" + to + R"(","amount":)" + std::to_string(amount) +
         R"(,"currency":")" + currency + R"(","request_id":")" + request_id + '"' +
         (memo ? R"(,"memo":"rent")" : "") + "}";
}

// The same request with its (first) amount one higher: reusing a request_id that way is an
// idempotency conflict.
std::string with_another_amount(std::string body) {
  const std::string key = "\"amount\":";
  const auto at = body.find(key);
  if (at == std::string::npos) return body;
  const auto digits = at + key.size();
  const auto end = body.find_first_not_of("0123456789", digits);
  const long amount = std::stol(body.substr(digits, end - digits));
  return body.replace(digits, end - digits, std::to_string(amount + 1));
}

// The workload: what was sent, so that it can be probed again after each restart.
struct Workload {
  int accounts = 0;
  std::vector<Request> sent;
};

Workload run_workload(InProcessClient& client, int steps, unsigned seed) {
  std::mt19937 random(seed);
  const auto pick = [&](int n) { return static_cast<int>(random() % static_cast<unsigned>(n)); };
  Workload w;
  const auto send = [&](Request r) {
    const std::string got = answer(client, r);
    if (r.target == "/accounts" && got.starts_with("201")) ++w.accounts;
    w.sent.push_back(std::move(r));
  };
  const auto account = [&] { return "acc-" + std::to_string(1 + pick(w.accounts + 1)); };
  for (int step = 0; step < steps; ++step) {
    const int kind = w.accounts < 3 ? 0 : pick(100);
    const std::string id = "r" + std::to_string(step);
    if (kind < 10) {
      send({"POST", "/accounts",
            std::string(R"({"owner":"o","currency":")") + (pick(4) == 0 ? "USD" : "EUR") + "\"}"});
    } else if (kind < 40) {
      send({"POST", "/accounts/" + account() + "/deposits",
            R"({"amount":)" + std::to_string(1 + pick(500)) + R"(,"request_id":")" + id + "\"}"});
    } else if (kind < 80) {
      send({"POST", "/transfers",
            transfer_body(account(), account(), 1 + pick(300), pick(5) == 0 ? "USD" : "EUR", id,
                          pick(2) == 0)});
    } else if (kind < 90) {
      std::string body = R"({"transfers":[)";
      for (int item = 0, n = 2 + pick(3); item < n; ++item) {
        if (item > 0) body += ',';
        body += transfer_body(account(), account(), 1 + pick(200), "EUR",
                              id + "-" + std::to_string(item), false);
      }
      send({"POST", "/transfers/batch", body + "]}"});
    } else if (!w.sent.empty()) {
      Request again = w.sent[static_cast<std::size_t>(pick(static_cast<int>(w.sent.size())))];
      if (pick(2) == 0) again.body = with_another_amount(again.body);  // a conflict, if it was
      send(std::move(again));                                          // accepted; else a retry
    }
  }
  return w;
}

// Everything a client could ask after a restart, answered: every account and history, then
// every request sent again (a repeat answers as the first time, a reused request_id with
// another body is a conflict, and a request refused the first time is decided anew against
// the restarted state: alike, if the states are), then one new write of each kind, whose ids
// continue where the log left off.
std::vector<std::string> observe(InProcessClient& client, const Workload& w) {
  std::vector<std::string> seen;
  for (int i = 1; i <= w.accounts + 1; ++i) {
    const std::string path = "/accounts/acc-" + std::to_string(i);
    seen.push_back(path + " " + answer(client, {"GET", path, ""}));
    seen.push_back(path + " history " +
                   answer(client, {"GET", path + "/transactions?limit=1000", ""}));
  }
  for (const Request& r : w.sent) {
    if (r.target == "/accounts") continue;  // not idempotent: it would open another
    seen.push_back(r.target + " " + r.body + " -> " + answer(client, r));
  }
  seen.push_back(answer(client, {"POST", "/accounts", R"({"owner":"o","currency":"EUR"})"}));
  seen.push_back(answer(client, {"POST", "/accounts/acc-1/deposits",
                                 R"({"amount":5,"request_id":"after-restart"})"}));
  seen.push_back(answer(
      client, {"POST", "/transfers", transfer_body("acc-1", "acc-2", 1, "EUR", "after-2", false)}));
  return seen;
}

std::string first_difference(const std::vector<std::string>& a, const std::vector<std::string>& b) {
  for (std::size_t i = 0; i < std::min(a.size(), b.size()); ++i) {
    if (a[i] != b[i]) return "probe " + std::to_string(i) + ":\n  " + a[i] + "\n  " + b[i];
  }
  if (a.size() != b.size()) return "different numbers of probes";
  return "";
}

Position position_of(const fs::path& snapshot) {
  return std::stoull(snapshot.filename().string().substr(std::string_view("snapshot-").size()));
}

std::vector<fs::path> snapshot_files(const fs::path& dir) {
  std::vector<fs::path> files;
  for (const auto& entry : fs::directory_iterator(dir)) {
    if (entry.path().extension() == ".snap") files.push_back(entry.path());
  }
  std::sort(files.begin(), files.end());
  return files;  // oldest first
}

std::unique_ptr<EventDrivenService> start(const fs::path& dir, bool snapshots,
                                          std::unique_ptr<EventLog> log = nullptr) {
  if (!log)
    log = std::make_unique<FileLog>(FileLogOptions{.dir = dir, .fsync = FsyncPolicy::never});
  return std::make_unique<EventDrivenService>(
      std::move(log), nullptr, nullptr,
      snapshots ? std::make_unique<Snapshotter>(SnapshotOptions{.dir = dir, .every = kEvery})
                : nullptr);
}

// The original run: a workload on a fresh log, stopped once its last due snapshot is written.
class Snapshots : public ::testing::Test {
 protected:
  // Runs the workload and stops the service, which writes the last due snapshot.
  void run(int steps) {
    {
      auto service = start(original(), true);
      InProcessClient client(*service);
      workload_ = run_workload(client, steps, 20261202);
      service->stop();
      written_ = service->snapshots()->last_written();
    }
    FileLog log({.dir = original(), .fsync = FsyncPolicy::never});
    last_ = log.replay([](std::string_view) {});
    ASSERT_EQ(written_, last_ / kEvery * kEvery) << "the last due snapshot was not written";
  }

  [[nodiscard]] fs::path original() const { return tmp_.path() / "original"; }
  [[nodiscard]] fs::path copy(const std::string& name) const {
    fs::path to = tmp_.path() / name;
    fs::copy(original(), to, fs::copy_options::recursive);
    return to;
  }
  // Restarts a copy of the original folder and answers every probe.
  struct Restart {
    Position restored_from = 0;
    Position replayed = 0;
    std::vector<std::string> seen;
  };
  Restart restart(const fs::path& dir, bool snapshots, std::unique_ptr<EventLog> log = nullptr) {
    auto service = start(dir, snapshots, std::move(log));
    InProcessClient client(*service);
    Restart result{service->restored_from(), service->replayed(), observe(client, workload_)};
    service->stop();
    return result;
  }

  TempDir tmp_;
  Workload workload_;
  Position last_ = 0;     // the original log's last position
  Position written_ = 0;  // its newest snapshot's
};

TEST_F(Snapshots, ARestartFromASnapshotAndTheRecordsAfterItAnswersExactlyAsAFullReplay) {
  run(1500);
  ASSERT_GT(written_, kEvery) << "the workload should span several snapshots";
  ASSERT_GT(last_, written_) << "the workload should leave records after its last snapshot";
  const Restart full = restart(copy("full"), false);
  const Restart from_snapshot = restart(copy("snapshot"), true);
  EXPECT_EQ(full.restored_from, 0U);
  EXPECT_EQ(full.replayed, last_);
  EXPECT_EQ(from_snapshot.restored_from, written_);
  EXPECT_EQ(from_snapshot.replayed, last_);
  EXPECT_GT(full.seen.size(), 1000U) << "the probes should cover the workload";
  EXPECT_EQ(first_difference(full.seen, from_snapshot.seen), "");
}

TEST_F(Snapshots, ASnapshotWithNoRecordsAfterItAnswersExactlyAsAFullReplay) {
  // Accounts only, one record each, up to a due position exactly.
  {
    auto service = start(original(), true);
    InProcessClient client(*service);
    for (Position i = 0; i < kEvery; ++i) {
      workload_.sent.push_back({"POST", "/accounts", R"({"owner":"o","currency":"EUR"})"});
      ASSERT_EQ(client.send("POST", "/accounts", workload_.sent.back().body).status, 201);
      ++workload_.accounts;
    }
    service->stop();
  }
  const Restart full = restart(copy("full"), false);
  const Restart from_snapshot = restart(copy("snapshot"), true);
  EXPECT_EQ(from_snapshot.restored_from, kEvery);
  EXPECT_EQ(from_snapshot.replayed, kEvery);
  EXPECT_EQ(first_difference(full.seen, from_snapshot.seen), "");
}

// Flips one byte in the middle of each of `files`.
void damage(const std::vector<fs::path>& files) {
  for (const auto& file : files) {
    std::fstream bytes(file, std::ios::in | std::ios::out | std::ios::binary);
    const auto middle = static_cast<std::streamoff>(fs::file_size(file) / 2);
    bytes.seekg(middle);
    const char byte = static_cast<char>(bytes.get());
    bytes.seekp(middle);
    bytes.put(static_cast<char>(byte ^ 0x40));
  }
}

TEST_F(Snapshots, ACorruptSnapshotIsIgnoredForTheOlderOneOrAFullReplay) {
  run(1200);
  const Restart full = restart(copy("full"), false);

  const fs::path newest_damaged = copy("newest-damaged");
  const auto files = snapshot_files(newest_damaged);
  ASSERT_EQ(files.size(), 2U) << "the newest two snapshots are kept";
  damage({files.back()});
  const Restart older = restart(newest_damaged, true);
  // (Not always written_ - kEvery: a snapshot still waiting to be written when a newer one is
  // ready is skipped for it.)
  EXPECT_EQ(older.restored_from, position_of(files.front()));
  EXPECT_EQ(first_difference(full.seen, older.seen), "");

  const fs::path all_damaged = copy("all-damaged");
  damage(snapshot_files(all_damaged));
  const Restart none = restart(all_damaged, true);
  EXPECT_EQ(none.restored_from, 0U);
  EXPECT_EQ(first_difference(full.seen, none.seen), "");
}

TEST_F(Snapshots, ASnapshotOfAnUnknownVersionIsIgnored) {
  run(300);
  const Restart full = restart(copy("full"), false);
  const fs::path dir = copy("newer");
  for (const auto& file : snapshot_files(dir)) {
    std::fstream bytes(file, std::ios::in | std::ios::out | std::ios::binary);
    bytes.seekp(7);  // after "ABEVSNP"
    bytes.put(static_cast<char>(kSnapshotFormatVersion + 1));
  }
  const Restart restarted = restart(dir, true);
  EXPECT_EQ(restarted.restored_from, 0U);
  EXPECT_EQ(first_difference(full.seen, restarted.seen), "");
}

// The log's tail was cut (a machine crash under --fsync never, damage) after the newest
// snapshot was taken: that snapshot holds records the log no longer has. It is ignored and
// removed (so it can never be taken for the records appended there anew); the older one, which
// the log still reaches, is used.
TEST_F(Snapshots, ASnapshotAheadOfTheLogIsIgnoredAndRemoved) {
  run(1500);
  const fs::path dir = copy("cut");
  const Position older = position_of(snapshot_files(dir).front());
  const Position keep = written_ - 10;  // between the two snapshots kept
  {
    // Cut the log after record `keep`: copy its first `keep` records into a fresh log.
    const fs::path fresh = tmp_.path() / "fresh";
    FileLog from({.dir = dir, .fsync = FsyncPolicy::never});
    std::vector<std::string> records;
    from.replay([&](std::string_view r) {
      if (records.size() < keep) records.emplace_back(r);
    });
    from.stop();
    FileLog to({.dir = fresh, .fsync = FsyncPolicy::never});
    to.replay([](std::string_view) {});
    testing::RecordingListener listener;
    to.start(listener);
    for (auto& r : records) to.append(std::move(r));
    to.stop();
    for (const auto& entry : fs::directory_iterator(dir)) {
      if (entry.path().extension() == ".seg") fs::remove(entry.path());
    }
    for (const auto& entry : fs::directory_iterator(fresh)) {
      fs::copy(entry.path(), dir / entry.path().filename());
    }
  }
  const fs::path full_dir = tmp_.path() / "cut-full";
  fs::copy(dir, full_dir, fs::copy_options::recursive);
  const Restart full = restart(full_dir, false);
  auto service = start(dir, true);
  EXPECT_EQ(service->replayed(), keep);
  EXPECT_EQ(service->restored_from(), older);
  for (const auto& file : snapshot_files(dir)) {
    EXPECT_LE(position_of(file), keep) << file << " is ahead of the log and was kept";
  }
  InProcessClient client(*service);
  EXPECT_EQ(first_difference(full.seen, observe(client, workload_)), "");
  EXPECT_EQ(full.replayed, keep);
  service->stop();
}

// The comparison must bite: a start-up from a snapshot over a log whose replay_after is off by
// one (it applies the snapshot's last record twice) answers differently.
TEST_F(Snapshots, TheComparisonCatchesAStartUpThatReplaysTheSnapshotsLastRecordTwice) {
  run(1500);
  const Restart full = restart(copy("full"), false);
  const fs::path dir = copy("off-by-one");
  const Restart wrong = restart(dir, true,
                                std::make_unique<wrong::OffByOneLog>(
                                    FileLogOptions{.dir = dir, .fsync = FsyncPolicy::never}));
  EXPECT_EQ(wrong.restored_from, written_);
  EXPECT_NE(first_difference(full.seen, wrong.seen), "") << "a record applied twice went unnoticed";
}

TEST(SnapshotFormat, EveryTruncationAndEveryFlippedHeaderByteIsRefused) {
  LedgerState state;
  state.apply(AccountOpened{.account = "acc-1", .owner = "o", .currency = "EUR"}, 1);
  state.apply(
      FundsDeposited{.deposit = "dep-1", .account = "acc-1", .amount = 5, .request_id = "d"}, 2);
  AccountsProjection projection;
  projection.apply({AccountOpened{.account = "acc-1", .owner = "o", .currency = "EUR"}}, 1);
  std::string read_model;
  projection.look_at([&](const AccountsProjection::Views& views, Position) {
    read_model = encode_read_model(views);
  });
  const std::string bytes = encode_snapshot(2, encode_state(state.contents()), read_model);
  const Snapshot decoded = decode_snapshot(bytes);
  EXPECT_EQ(decoded.position, 2U);
  EXPECT_TRUE(decoded.state == state.contents());
  for (std::size_t size = 0; size < bytes.size(); ++size) {
    EXPECT_THROW((void)decode_snapshot(std::string_view(bytes).substr(0, size)), FormatError)
        << "cut to " << size;
  }
  for (std::size_t at = 0; at < bytes.size(); ++at) {
    std::string flipped = bytes;
    flipped[at] = static_cast<char>(flipped[at] ^ 0x01);
    EXPECT_THROW((void)decode_snapshot(flipped), FormatError) << "byte " << at << " flipped";
  }
}

}  // namespace
}  // namespace archbench::event_driven

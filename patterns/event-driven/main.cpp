// archbench-event-driven: event sourcing behind the shared HTTP front. Everything but the
// service and its log is the shared main().
//
//   --role all        (default) one process: commands, the read model and histories
//   --role command    the split deployment's HTTP front: commands and account reads, appending
//                     to JetStream; histories are asked of a projector over NATS
//   --role projector  the split deployment's read side: a read model fed by a durable
//                     JetStream consumer, answering history queries over NATS
//   --role command --spawn-projector   both on one host from one command (tests, benchmarks)
#include <CLI/CLI.hpp>
#include <chrono>
#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

#include "common/server/backend_main.hpp"
#include "common/server/role_process.hpp"
#include "event-driven/http/event_driven_service.hpp"
#include "event-driven/log/open_log.hpp"
#include "event-driven/snapshots/snapshotter.hpp"
#include "event-driven/split/history_client.hpp"
#include "event-driven/split/jetstream_feed.hpp"
#include "event-driven/split/projector.hpp"
#include "event-driven/split/projector_service.hpp"

namespace {

using namespace archbench::event_driven;
using std::chrono::milliseconds;

// How long a projector waits for its read model to reach a query's position before it says
// "behind", and how long the front waits for any answer: longer, so that a live projector's
// "behind" comes first and the front's own deadline only catches a silent one.
constexpr milliseconds kCatchUpBound{1000};
constexpr milliseconds kAnswerDeadline{2000};

// A snapshot every this many records, by default (docs/patterns/event-driven.md, "Snapshots":
// start-up then replays at most this many records after the snapshot it restores).
constexpr Position kDefaultSnapshotEvery = 1'000'000;

struct Options {
  std::string role = "all";
  std::string log = "file:archbench-events";
  std::string fsync = "batch";
  bool spawn_projector = false;
  std::string consumer = "archbench-projector";
  Position snapshot_every = kDefaultSnapshotEvery;
  bool snapshot_every_given = false;
};

// Snapshots go beside a file log, in its folder; other logs take none (a memory log has
// nothing to restart from; a JetStream log's would belong with the stream, not on this host).
std::unique_ptr<Snapshotter> make_snapshots(const Options& o) {
  const bool wanted = o.snapshot_every > 0;
  if (o.role == "all" && o.log.starts_with("file:") && wanted) {
    return std::make_unique<Snapshotter>(
        SnapshotOptions{.dir = o.log.substr(5), .every = o.snapshot_every});
  }
  if (o.snapshot_every_given && wanted) {
    throw std::invalid_argument(
        "--snapshot-every needs --role all and --log file:DIR (snapshots are kept beside a file "
        "log); use --snapshot-every 0 otherwise");
  }
  return nullptr;
}

std::unique_ptr<archbench::ledger::Service> make_service(const Options& o) {
  if (o.spawn_projector && o.role != "command") {
    throw std::invalid_argument("--spawn-projector goes with --role command");
  }
  // A broker that went away comes back: a JetStream log is reopened after a failure (writes are
  // 503 meanwhile). A file log that failed to write is a disk in trouble: it stays failed.
  EventDrivenService::ReopenLog reopen;
  if (o.log.starts_with("nats://")) {
    reopen = [log = o.log] { return open_log(log, FsyncPolicy::batch); };
  }
  auto snapshots = make_snapshots(o);
  if (o.role == "all") {
    return std::make_unique<EventDrivenService>(open_log(o.log, parse_fsync_policy(o.fsync)),
                                                nullptr, reopen, std::move(snapshots));
  }
  if (!o.log.starts_with("nats://")) {
    throw std::invalid_argument(
        "--role " + o.role + " is part of the split deployment: it needs --log nats://HOST:PORT");
  }
  if (o.role == "command") {
    // --spawn-projector: the projector as a child process (this same binary), waited for until
    // it has caught up and listens, stopped after the front's drain.
    std::vector<std::unique_ptr<archbench::RoleProcess>> children;
    if (o.spawn_projector) {
      children.push_back(std::make_unique<archbench::RoleProcess>(
          std::vector<std::string>{"--role", "projector", "--log", o.log, "--host", "127.0.0.1",
                                   "--port", "0"},
          "the projector (--spawn-projector)"));
    }
    auto front = std::make_unique<EventDrivenService>(
        open_log(o.log, parse_fsync_policy(o.fsync)),
        std::make_unique<HistoryClient>(o.log, kAnswerDeadline), reopen);
    if (children.empty()) return front;
    return std::make_unique<archbench::WithRoleProcesses>(std::move(children), std::move(front));
  }
  auto feed =
      std::make_unique<JetStreamFeed>(JetStreamFeedOptions{.url = o.log, .durable = o.consumer});
  return std::make_unique<ProjectorService>(
      std::make_unique<Projector>(o.log, std::move(feed), kCatchUpBound));
}

}  // namespace

int main(int argc, char** argv) {
  Options options;
  return archbench::run_backend(
      argc, argv,
      {.name = "event-driven",
       .summary = "state is a fold over a durable event log; reads from a projection",
       .add_options =
           [&](CLI::App& app) {
             app.add_option("--role", options.role,
                            "all (one process), or one service of the split deployment: "
                            "command (the HTTP front) or projector (histories, over NATS)")
                 ->check(CLI::IsMember({"all", "command", "projector"}))
                 ->capture_default_str();
             app.add_option(
                    "--log", options.log,
                    "event log: memory, file:DIR (segment files) or nats://HOST:PORT (JetStream)")
                 ->capture_default_str();
             app.add_option("--fsync", options.fsync,
                            "when a file log write counts as durable: always, batch (group "
                            "commit) or never")
                 ->check(CLI::IsMember({"always", "batch", "never"}))
                 ->capture_default_str();
             app.add_flag("--spawn-projector", options.spawn_projector,
                          "with --role command: also run a projector as a child process, "
                          "stopped with this one");
             app.add_option("--snapshot-every", options.snapshot_every,
                            "with --log file:DIR: snapshot the whole state into DIR every N "
                            "records, so a start-up replays only the records after the "
                            "newest snapshot; 0: take and read none")
                 ->each([&](const std::string&) { options.snapshot_every_given = true; })
                 ->capture_default_str();
             app.add_option("--consumer", options.consumer,
                            "with --role projector: its durable JetStream consumer; each "
                            "projector of a deployment needs its own")
                 ->capture_default_str();
           },
       .make_service = [&] { return make_service(options); }});
}

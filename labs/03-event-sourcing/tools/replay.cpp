// lab03-replay: how fast your fold and your projection rebuild state from a log.
//
//   lab03-replay --events 1000000      1,000 accounts, then deposits and transfers among them
//
// The events are made up front, in memory (the log's reading and checksums are the file log's
// business, and lab 01's); what is timed is LedgerState::apply over every event, then
// Statements::apply over the same events as records. CPU time of this thread, so that a busy
// machine slows it less than the wall clock. The figures, as `measure:` lines for scripts/lab
// measure: nanoseconds per event for each, and what a start-up over this log would cost.
#include <time.h>

#include <CLI/CLI.hpp>
#include <cstdio>
#include <string>
#include <vector>

#include "ledger_state.hpp"
#include "statement.hpp"

namespace {

using namespace archbench::lab03;

double cpu_seconds() {
  timespec now{};
  ::clock_gettime(CLOCK_THREAD_CPUTIME_ID, &now);
  return static_cast<double>(now.tv_sec) + static_cast<double>(now.tv_nsec) * 1e-9;
}

std::vector<Event> make_log(std::size_t events, std::size_t accounts) {
  std::vector<Event> log;
  log.reserve(events);
  for (std::size_t i = 1; i <= accounts && log.size() < events; ++i) {
    log.push_back(
        AccountOpened{.account = "acc-" + std::to_string(i), .owner = "owner", .currency = "EUR"});
  }
  for (std::size_t i = 1; i <= accounts && log.size() < events; ++i) {
    log.push_back(FundsDeposited{.deposit = "dep-" + std::to_string(i),
                                 .account = "acc-" + std::to_string(i),
                                 .amount = 1'000'000'000,
                                 .request_id = "fund-" + std::to_string(i)});
  }
  for (std::size_t i = 0; log.size() < events; ++i) {
    const std::size_t from = i % accounts;
    const std::size_t to = (from + 1 + i % (accounts - 1)) % accounts;
    log.push_back(
        TransferCompleted{.transfer = "tr-" + std::to_string(i + 1),
                          .from = "acc-" + std::to_string(from + 1),
                          .to = "acc-" + std::to_string(to + 1),
                          .amount = static_cast<Money>(1 + i % 100),
                          .currency = "EUR",
                          .request_id = "req-" + std::to_string(i),
                          .memo = i % 3 == 0 ? std::optional<std::string>("rent") : std::nullopt});
  }
  return log;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"lab03-replay: the cost of rebuilding state from events"};
  std::size_t events = 1'000'000;
  std::size_t accounts = 1'000;
  app.add_option("--events", events, "events in the log")
      ->capture_default_str()
      ->check(CLI::Range(2'000, 50'000'000));
  app.add_option("--accounts", accounts, "accounts")
      ->capture_default_str()
      ->check(CLI::Range(2, 1'000'000));
  CLI11_PARSE(app, argc, argv);

  const std::vector<Event> log = make_log(events, accounts);

  LedgerState state;
  double start = cpu_seconds();
  for (const Event& event : log) state.apply(event);
  const double fold = cpu_seconds() - start;

  // One record per event, built before the clock starts: what is timed is the projection.
  std::vector<EventBatch> records;
  records.reserve(log.size());
  for (const Event& event : log) records.push_back({event});
  Statements statements;
  start = cpu_seconds();
  Position position = 0;
  for (const EventBatch& record : records) statements.apply(record, ++position);
  const double project = cpu_seconds() - start;

  const auto per_event = [&](double seconds) {
    return seconds * 1e9 / static_cast<double>(log.size());
  };
  std::printf(
      "%zu events over %zu accounts: fold %.3f s CPU (%.0f ns/event), statements %.3f s CPU (%.0f "
      "ns/event)\n",
      log.size(), accounts, fold, per_event(fold), project, per_event(project));
  std::printf("measure: fold-ns-per-event %.1f ns\n", per_event(fold));
  std::printf("measure: statements-ns-per-event %.1f ns\n", per_event(project));
  std::printf("measure: startup-s-per-million-events %.3f s\n",
              (fold + project) * 1e6 / static_cast<double>(log.size()));
  // Refuse to report figures for a fold that did nothing.
  if (state.transfers_made() == 0 || statements.position() != log.size()) {
    std::fprintf(stderr, "lab03-replay: the fold or the projection did not apply the log\n");
    return 1;
  }
  return 0;
}

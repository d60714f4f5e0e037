// Lab 00, step 4: an open loop with a fixed number of connections, as real load generators
// have. Requests that fall due while every connection is busy queue in the client: the hard
// part of real load generation, and the place where an "open-loop" tool quietly coordinates
// with the server again.
//
// The last test is randomised: it checks the function against an independent model on random
// schedules, servers and pool sizes. Its seed is printed with any failure;
// `scripts/lab check 00 --repeat 50` runs it fifty times, ARCHBENCH_LAB_SEED=<seed> replays one.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstddef>
#include <random>
#include <stdexcept>
#include <utility>
#include <vector>

#include "lab_seed.hpp"
#include "latency.hpp"

namespace archbench::lab00 {
namespace {

using std::chrono::microseconds;
using std::chrono::milliseconds;
using std::chrono::seconds;

std::vector<Nanos> every(Nanos period, std::size_t count) {
  std::vector<Nanos> schedule;
  for (std::size_t i = 0; i < count; ++i) schedule.push_back(period * static_cast<Nanos::rep>(i));
  return schedule;
}

// Nearest rank on a sorted copy (step 1's definition, written out independently).
Nanos nearest_rank(std::vector<Nanos> values, std::size_t per_thousand) {
  std::sort(values.begin(), values.end());
  return values[(values.size() * per_thousand + 999) / 1000 - 1];
}

// The most requests in flight at once (sent, not yet completed), by a sweep over the sends and
// the answers in time order; at equal times an answer frees its connection before a send.
std::size_t most_in_flight(const std::vector<Sample>& samples) {
  std::vector<std::pair<Nanos, int>> events;
  for (const Sample& sample : samples) {
    events.emplace_back(sample.sent, +1);
    events.emplace_back(sample.completed, -1);
  }
  std::sort(events.begin(), events.end());
  long busy = 0;
  long most = 0;
  for (const auto& [when, change] : events) {
    busy += change;
    most = std::max(most, busy);
  }
  return static_cast<std::size_t>(most);
}

TEST(Lab00_Step4_Connections, RequestsWaitForAFreeConnection) {
  SimulatedServer slow(milliseconds(3));  // due every 1 ms, each takes 3 ms, 2 connections
  const auto samples = run_open_loop_on_connections(every(milliseconds(1), 4), 2, slow);
  ASSERT_EQ(samples.size(), 4U) << "hint: one Sample per scheduled request";
  const std::vector<Nanos> sent{milliseconds(0), milliseconds(1), milliseconds(3), milliseconds(6)};
  for (std::size_t i = 0; i < samples.size(); ++i) {
    EXPECT_EQ(samples[i].intended, milliseconds(1) * static_cast<Nanos::rep>(i)) << "request " << i;
    EXPECT_EQ(samples[i].sent, sent[i])
        << "request " << i << "; hint: a due request leaves when a connection is free, on the "
        << "one that frees first";
    EXPECT_EQ(samples[i].completed, milliseconds(3) * static_cast<Nanos::rep>(i + 1))
        << "request " << i;
  }
}

TEST(Lab00_Step4_Connections, EnoughConnectionsIsTheOpenLoopAndOneIsTheClosedLoop) {
  SimulatedServer many(milliseconds(3));
  const auto wide = run_open_loop_on_connections(every(milliseconds(1), 5), 5, many);
  ASSERT_EQ(wide.size(), 5U) << "hint: one Sample per scheduled request";
  for (std::size_t i = 0; i < wide.size(); ++i) {
    EXPECT_EQ(wide[i].sent, wide[i].intended)
        << "request " << i << "; hint: with a connection per request, nothing ever waits";
  }
  SimulatedServer one(milliseconds(3));
  const auto narrow = run_open_loop_on_connections(every(milliseconds(1), 4), 1, one);
  ASSERT_EQ(narrow.size(), 4U);
  for (std::size_t i = 1; i < narrow.size(); ++i) {
    EXPECT_EQ(narrow[i].sent, narrow[i - 1].completed)
        << "request " << i << "; hint: one connection carries one request at a time";
  }
}

TEST(Lab00_Step4_Connections, RefusesZeroConnections) {
  SimulatedServer server(microseconds(200));
  EXPECT_THROW(run_open_loop_on_connections(every(milliseconds(1), 3), 0, server),
               std::invalid_argument)
      << "hint: no connection, no request can ever leave";
}

// The stall of step 3 against 64 connections at 1000/s: 64 requests are caught in the server
// and the next ~930 wait in the client. Counted from when they left, they look fine.
TEST(Lab00_Step4_Connections, AQueueInTheClientHidesTheStallFromTheUncorrectedCount) {
  SimulatedServer server(microseconds(200), seconds(5), seconds(1));
  const auto samples = run_open_loop_on_connections(every(milliseconds(1), 10'000), 64, server);
  ASSERT_EQ(samples.size(), 10'000U) << "hint: one Sample per scheduled request";
  EXPECT_LE(most_in_flight(samples), 64U) << "hint: at most one request per connection at a time";
  std::vector<Nanos> from_sent;
  std::vector<Nanos> from_intended;
  for (const Sample& sample : samples) {
    from_sent.push_back(sample.completed - sample.sent);
    from_intended.push_back(sample.completed - sample.intended);
  }
  EXPECT_LT(nearest_rank(from_sent, 990), milliseconds(20))
      << "hint: a request that waited for a connection is sent late, then answered quickly";
  EXPECT_GT(nearest_rank(from_intended, 990), milliseconds(800))
      << "hint: counted from when it was due, the wait for a connection is there";
}

// An independent model: a list of when each connection is next free, scanned for the minimum.
std::vector<Sample> model(const std::vector<Nanos>& schedule, std::size_t connections,
                          SimulatedServer server) {
  std::vector<Nanos> free_at(connections, Nanos{0});
  std::vector<Sample> samples;
  for (const Nanos due : schedule) {
    const auto first_free = std::min_element(free_at.begin(), free_at.end());
    const Nanos sent = std::max(due, *first_free);
    const Nanos completed = server.serve(sent);
    *first_free = completed;
    samples.push_back({due, sent, completed});
  }
  return samples;
}

TEST(Lab00_Step4_Connections, AgreesWithAModelOnRandomRuns) {
  const labs::SeedTrace seed;
  std::mt19937_64 random(seed.value());
  for (int run = 0; run < 40 && !HasFailure(); ++run) {
    const auto pick = [&](long low, long high) {
      return std::uniform_int_distribution<long>(low, high)(random);
    };
    const auto connections = static_cast<std::size_t>(pick(1, 12));
    const Nanos service = microseconds(pick(50, 3000));
    const Nanos stall_at = milliseconds(pick(0, 500));
    const Nanos stall_for = milliseconds(pick(0, 1) * pick(1, 300));
    std::vector<Nanos> schedule;
    Nanos t{0};
    for (long i = 0, n = pick(1, 400); i < n; ++i) {
      schedule.push_back(t);
      t += microseconds(pick(0, 2000));  // bursts (gap 0) included
    }
    const SimulatedServer server(service, stall_at, stall_for);
    SimulatedServer yours = server;
    const auto got = run_open_loop_on_connections(schedule, connections, yours);
    const auto expected = model(schedule, connections, server);
    ASSERT_EQ(got.size(), expected.size()) << "run " << run;
    for (std::size_t i = 0; i < got.size(); ++i) {
      ASSERT_EQ(got[i].sent, expected[i].sent)
          << "run " << run << " (" << connections << " connections, service " << service.count()
          << " ns), request " << i
          << "; hint: sent = max(due, the earliest time any connection is free)";
      ASSERT_EQ(got[i].completed, expected[i].completed) << "run " << run << ", request " << i;
    }
  }
}

}  // namespace
}  // namespace archbench::lab00

// Lab 00, step 3: closed loop against open loop on a server that stalls, and the two ways to
// count latency. These tests build their own schedules and percentiles, so that a mistake in
// step 1 or 2 does not show up here.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstddef>
#include <vector>

#include "latency.hpp"

namespace archbench::lab00 {
namespace {

using std::chrono::microseconds;
using std::chrono::milliseconds;
using std::chrono::seconds;

std::vector<Nanos> every(Nanos period, std::size_t count) {
  std::vector<Nanos> schedule;
  schedule.reserve(count);
  for (std::size_t i = 0; i < count; ++i) {
    schedule.push_back(period * static_cast<Nanos::rep>(i));
  }
  return schedule;
}

std::vector<Nanos> latencies(const std::vector<Sample>& samples, Nanos (*latency)(const Sample&)) {
  std::vector<Nanos> result;
  result.reserve(samples.size());
  for (const Sample& sample : samples) {
    result.push_back(latency(sample));
  }
  return result;
}

// Nearest rank on a sorted copy (step 1's definition, written out here independently).
Nanos p99(std::vector<Nanos> values) {
  std::sort(values.begin(), values.end());
  return values[(values.size() * 99 + 99) / 100 - 1];
}

TEST(Lab00_Step3_Latency, UncorrectedCountsFromWhenItWasSent) {
  const Sample late{
      .intended = milliseconds(10), .sent = milliseconds(15), .completed = milliseconds(18)};
  EXPECT_EQ(uncorrected_latency(late), milliseconds(3)) << "hint: completed - sent";
}

TEST(Lab00_Step3_Latency, CorrectedCountsFromWhenItShouldHaveBeenSent) {
  const Sample late{
      .intended = milliseconds(10), .sent = milliseconds(15), .completed = milliseconds(18)};
  EXPECT_EQ(corrected_latency(late), milliseconds(8)) << "hint: completed - intended";
}

TEST(Lab00_Step3_ClosedLoop, SendsOnTimeWhileTheServerKeepsUp) {
  const auto schedule = every(milliseconds(1), 5);
  SimulatedServer server(microseconds(200));
  const auto samples = run_closed_loop(schedule, server);
  ASSERT_EQ(samples.size(), schedule.size()) << "hint: one Sample per scheduled request";
  for (std::size_t i = 0; i < samples.size(); ++i) {
    EXPECT_EQ(samples[i].intended, schedule[i]) << "request " << i;
    EXPECT_EQ(samples[i].sent, schedule[i])
        << "request " << i << "; hint: the previous answer came back in time, so send on time";
    EXPECT_EQ(samples[i].completed, schedule[i] + microseconds(200))
        << "request " << i << "; hint: completed = server.serve(sent)";
  }
}

TEST(Lab00_Step3_ClosedLoop, WaitsForEachAnswerBeforeSendingTheNext) {
  SimulatedServer slow(milliseconds(3));  // a request every 1 ms, each takes 3 ms
  const auto samples = run_closed_loop(every(milliseconds(1), 4), slow);
  ASSERT_EQ(samples.size(), 4U) << "hint: one Sample per scheduled request";
  const std::vector<Nanos> sent{milliseconds(0), milliseconds(3), milliseconds(6), milliseconds(9)};
  for (std::size_t i = 0; i < samples.size(); ++i) {
    EXPECT_EQ(samples[i].intended, milliseconds(1) * static_cast<Nanos::rep>(i));
    EXPECT_EQ(samples[i].sent, sent[i])
        << "request " << i << "; hint: sent = max(intended, previous completed)";
    EXPECT_EQ(samples[i].completed, sent[i] + milliseconds(3)) << "request " << i;
  }
}

TEST(Lab00_Step3_OpenLoop, SendsOnTimeWhateverTheServerDoes) {
  SimulatedServer slow(milliseconds(3));
  const auto samples = run_open_loop(every(milliseconds(1), 4), slow);
  ASSERT_EQ(samples.size(), 4U) << "hint: one Sample per scheduled request";
  for (std::size_t i = 0; i < samples.size(); ++i) {
    const Nanos due = milliseconds(1) * static_cast<Nanos::rep>(i);
    EXPECT_EQ(samples[i].intended, due) << "request " << i;
    EXPECT_EQ(samples[i].sent, due) << "request " << i << "; hint: open loop: sent = intended";
    EXPECT_EQ(samples[i].completed, milliseconds(3) * static_cast<Nanos::rep>(i + 1))
        << "request " << i << "; hint: completed = server.serve(intended); the server queues";
  }
}

// The whole story. 10 s at 1000 requests per second against a server that answers in 200 us,
// except that it freezes for 1 s at t = 5 s.
class Lab00_Step3_CoordinatedOmission : public ::testing::Test {
 protected:
  const std::vector<Nanos> schedule_ = every(milliseconds(1), 10'000);
  static SimulatedServer stalling() {
    return SimulatedServer(microseconds(200), seconds(5), seconds(1));
  }
};

TEST_F(Lab00_Step3_CoordinatedOmission, ClosedLoopP99HidesAOneSecondStall) {
  SimulatedServer server = stalling();
  const auto samples = run_closed_loop(schedule_, server);
  ASSERT_EQ(samples.size(), schedule_.size()) << "hint: one Sample per scheduled request";
  const auto measured = latencies(samples, uncorrected_latency);
  EXPECT_LT(p99(measured), milliseconds(1))
      << "hint: only the one request in flight during the stall waited; after it the client "
         "sends its backlog back to back and each answer takes 200 us";
  EXPECT_GE(*std::max_element(measured.begin(), measured.end()), seconds(1))
      << "hint: the stall shows only in the maximum, in a single sample";
}

TEST_F(Lab00_Step3_CoordinatedOmission, OpenLoopP99ExposesTheStall) {
  SimulatedServer server = stalling();
  const auto samples = run_open_loop(schedule_, server);
  ASSERT_EQ(samples.size(), schedule_.size()) << "hint: one Sample per scheduled request";
  const auto measured = latencies(samples, corrected_latency);
  EXPECT_GT(p99(measured), milliseconds(500))
      << "hint: the ~1000 requests due during the stall all wait, most of them for hundreds of "
         "milliseconds, and they are more than 1 % of the run";
  const auto slow = std::count_if(measured.begin(), measured.end(),
                                  [](Nanos latency) { return latency > milliseconds(10); });
  EXPECT_GT(slow, 1000) << "hint: every request due during the stall waited more than 10 ms";
}

TEST_F(Lab00_Step3_CoordinatedOmission, CorrectingTheClosedLoopRecoversTheOpenLoopView) {
  SimulatedServer closed_server = stalling();
  SimulatedServer open_server = stalling();
  const auto closed = run_closed_loop(schedule_, closed_server);
  const auto open = run_open_loop(schedule_, open_server);
  ASSERT_EQ(closed.size(), schedule_.size()) << "hint: one Sample per scheduled request";
  ASSERT_EQ(open.size(), schedule_.size()) << "hint: one Sample per scheduled request";
  // With one FIFO worker, both clients keep it equally busy, so every answer leaves at the same
  // time; only the clock the latency is counted from differs.
  const auto closed_latencies = latencies(closed, corrected_latency);
  const auto open_latencies = latencies(open, corrected_latency);
  const auto differs =
      std::mismatch(closed_latencies.begin(), closed_latencies.end(), open_latencies.begin()).first;
  EXPECT_TRUE(differs == closed_latencies.end())
      << "request " << (differs - closed_latencies.begin()) << "; hint: corrected = completed - "
      << "intended, and the closed loop's answers complete when the open loop's do";
  EXPECT_GT(p99(closed_latencies), milliseconds(500))
      << "hint: counting from the intended time puts the stall back into the closed loop's p99";
}

}  // namespace
}  // namespace archbench::lab00

// Reading another process from /proc, as --server-pid does: a child that burns a known amount of
// CPU in one of its two threads and touches a known amount of memory must be seen doing exactly
// that (to /proc's 10 ms tick). Also the machine-wide sample.
#include "loadgen/process_stats.hpp"

#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstring>
#include <ctime>
#include <thread>
#include <vector>

namespace archbench::loadgen {
namespace {

constexpr std::int64_t kBurnUs = 300'000;
constexpr std::size_t kTouchBytes = std::size_t{48} << 20;

std::int64_t thread_cpu_us_now() {
  timespec ts{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return static_cast<std::int64_t>(ts.tv_sec) * 1'000'000 + ts.tv_nsec / 1000;
}

// The child: its main thread touches kTouchBytes, then a second thread burns kBurnUs of CPU (on
// its own clock, so the machine's load does not matter), reports, and waits to be sampled.
[[noreturn]] void child(int ready_fd, int release_fd) {
  std::vector<char> memory(kTouchBytes);
  std::memset(memory.data(), 1, memory.size());
  std::thread burner([ready_fd, release_fd] {
    volatile std::uint64_t sink = 0;
    while (thread_cpu_us_now() < kBurnUs) {
      sink = sink + 1;
    }
    const char done = 1;
    [[maybe_unused]] const auto w = write(ready_fd, &done, 1);
    char byte = 0;
    [[maybe_unused]] const auto r = read(release_fd, &byte, 1);
  });
  burner.join();
  _exit(memory[12345] == 1 ? 0 : 1);
}

TEST(ProcessStats, SeesAnotherProcessesCpuThreadsAndMemory) {
  int ready[2];
  int release[2];
  ASSERT_EQ(pipe(ready), 0);
  ASSERT_EQ(pipe(release), 0);
  const pid_t pid = fork();
  ASSERT_GE(pid, 0);
  if (pid == 0) {
    close(ready[0]);
    close(release[1]);
    child(ready[1], release[0]);
  }
  close(ready[1]);
  close(release[0]);
  char byte = 0;
  ASSERT_EQ(read(ready[0], &byte, 1), 1);

  const auto sample = sample_process(pid);
  const auto threads = sample_threads(pid);
  close(release[1]);  // lets the child exit
  int status = 0;
  waitpid(pid, &status, 0);
  EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0);

  ASSERT_TRUE(sample);
  // The burner's 300 ms, plus the memset and start-up, in 10 ms ticks.
  EXPECT_GE(sample->cpu_us, kBurnUs - 10'000);
  EXPECT_LE(sample->cpu_us, kBurnUs + 250'000);
  ASSERT_TRUE(sample->vm_hwm_kib);
  EXPECT_GE(*sample->vm_hwm_kib, static_cast<std::int64_t>(kTouchBytes / 1024));
  // Two threads: the burner with its 300 ms, and the main thread with little.
  ASSERT_EQ(threads.size(), 2u);
  const std::int64_t main_us = threads.at(pid);
  std::int64_t burner_us = 0;
  for (const auto& [tid, cpu_us] : threads) {
    burner_us = tid == pid ? burner_us : cpu_us;
  }
  EXPECT_GE(burner_us, kBurnUs - 10'000);
  EXPECT_LE(burner_us, kBurnUs + 20'000);
  EXPECT_LT(main_us, kBurnUs / 2);
}

TEST(ProcessStats, BusiestThreadIsMeasuredBetweenTwoSamples) {
  const std::map<pid_t, std::int64_t> before{{1, 1'000'000}, {2, 0}};
  const std::map<pid_t, std::int64_t> after{{1, 1'500'000}, {2, 900'000}, {3, 7'000'000}};
  // Over 2 s: thread 2 did 0.9 s (45%); thread 3 appeared during the phase and is not charged
  // its lifetime.
  EXPECT_DOUBLE_EQ(max_thread_utilisation(before, after, 2.0), 0.45);
  EXPECT_EQ(max_thread_utilisation(before, {}, 2.0), 0.0);
}

TEST(ProcessStats, AProcessThatIsGoneIsNotRead) {
  const pid_t pid = fork();
  ASSERT_GE(pid, 0);
  if (pid == 0) {
    _exit(0);
  }
  waitpid(pid, nullptr, 0);
  EXPECT_FALSE(sample_process(pid));
  EXPECT_TRUE(sample_threads(pid).empty());
}

TEST(ProcessStats, TheMachineSampleAddsUp) {
  const auto first = sample_machine();
  ASSERT_TRUE(first);
  ASSERT_TRUE(first->loadavg);
  EXPECT_GE((*first->loadavg)[0], 0.0);
  EXPECT_GT(first->total_ticks, 0);
  EXPECT_LE(first->idle_ticks + first->steal_ticks, first->total_ticks);
  const auto second = sample_machine();
  ASSERT_TRUE(second);
  EXPECT_GE(second->total_ticks, first->total_ticks);
  EXPECT_GE(second->steal_ticks, first->steal_ticks);
}

}  // namespace
}  // namespace archbench::loadgen

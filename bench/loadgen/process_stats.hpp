// What a process costs, read from outside: CPU time and memory from /proc and getrusage, and the
// CPUs it may run on. Used to charge the server's CPU per request (sampled around the measured
// phase with --server-pid) and to notice when the load generator itself is the bottleneck.
#pragma once

#include <pthread.h>
#include <sys/types.h>

#include <array>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace archbench::loadgen {

struct ProcessSample {
  std::int64_t cpu_us = 0;                 // user + system CPU time so far
  std::optional<std::int64_t> vm_hwm_kib;  // peak resident set size
  std::optional<std::int64_t> vm_rss_kib;  // current resident set size
};

// /proc/PID/stat (utime + stime, in clock ticks: 10 ms resolution) and /proc/PID/status.
// nullopt when the process does not exist or cannot be read.
std::optional<ProcessSample> sample_process(pid_t pid);

// CPU time (user + system, µs) of every thread of a process so far, by thread id, from
// /proc/PID/task/TID/stat (10 ms resolution). Empty when the process cannot be read.
std::map<pid_t, std::int64_t> sample_threads(pid_t pid);

// The busiest thread's CPU time / wall time between two sample_threads() of one process, over
// the threads present in both. 0 when none is.
double max_thread_utilisation(const std::map<pid_t, std::int64_t>& before,
                              const std::map<pid_t, std::int64_t>& after, double wall_s);

// The whole machine: how many were waiting for a CPU, and where its CPU time went.
struct MachineSample {
  std::optional<std::array<double, 3>> loadavg;  // /proc/loadavg: 1, 5, 15 minutes
  // /proc/stat "cpu" line, all CPUs together, in clock ticks since boot.
  std::int64_t total_ticks = 0;
  std::int64_t idle_ticks = 0;   // idle + iowait
  std::int64_t steal_ticks = 0;  // taken by the hypervisor for other guests
};

// From /proc/loadavg and /proc/stat; nullopt when /proc/stat cannot be read.
std::optional<MachineSample> sample_machine();

// This process's CPU time from getrusage (microsecond resolution), all threads together.
std::int64_t self_cpu_us();

// CPU time of one thread of this process, from its CPU-time clock (nanosecond resolution).
std::int64_t thread_cpu_ns(pthread_t thread);

// The CPUs a process may run on (sched_getaffinity; pid 0 is this process). Empty on error.
std::vector<int> cpu_affinity(pid_t pid);
// "0-1,3" form of a CPU list, as taskset prints it.
std::string cpu_list_string(const std::vector<int>& cpus);

}  // namespace archbench::loadgen

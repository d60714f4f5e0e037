// What a process costs, read from outside: CPU time and memory from /proc and getrusage, and the
// CPUs it may run on. Used to charge the server's CPU per request (sampled around the measured
// phase with --server-pid) and to notice when the load generator itself is the bottleneck.
#pragma once

#include <pthread.h>
#include <sys/types.h>

#include <cstdint>
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

// This process's CPU time from getrusage (microsecond resolution), all threads together.
std::int64_t self_cpu_us();

// CPU time of one thread of this process, from its CPU-time clock (nanosecond resolution).
std::int64_t thread_cpu_ns(pthread_t thread);

// The CPUs a process may run on (sched_getaffinity; pid 0 is this process). Empty on error.
std::vector<int> cpu_affinity(pid_t pid);
// "0-1,3" form of a CPU list, as taskset prints it.
std::string cpu_list_string(const std::vector<int>& cpus);

}  // namespace archbench::loadgen

// run_load: threads, the start line, CPU samples at the phase boundaries, progress.
#include "loadgen/load_run.hpp"

#include <algorithm>
#include <cmath>
#include <exception>
#include <latch>
#include <memory>
#include <mutex>
#include <stdexcept>
#include <thread>

#include "loadgen/worker.hpp"

namespace archbench::loadgen {
namespace {

using Clock = std::chrono::steady_clock;

std::int64_t to_ns(double seconds) {
  return static_cast<std::int64_t>(std::llround(seconds * 1e9));
}

}  // namespace

LoadResult run_load(const LoadOptions& options, const RequestPlan& plan) {
  const Workload& w = plan.workload;
  const int threads = static_cast<int>(std::clamp<std::int64_t>(options.threads, 1, w.connections));

  // Split connections (and the open-loop rate) evenly; constant arrivals of the threads are
  // staggered so that together they form one evenly spaced stream.
  std::vector<std::unique_ptr<Worker>> workers;
  workers.reserve(static_cast<std::size_t>(threads));
  std::uint64_t next_stream = 0;
  for (int t = 0; t < threads; ++t) {
    WorkerConfig config;
    config.target = options.target;
    config.mode = w.mode;
    config.arrival = w.arrival;
    config.connections = static_cast<int>(w.connections / threads + (t < w.connections % threads));
    config.rate = w.rate / threads;
    config.first_arrival_ns = w.rate > 0 ? to_ns(t / w.rate) : 0;
    config.arrival_seed = w.seed ^ (0x5bd1e995ULL * static_cast<std::uint64_t>(t + 1));
    config.warmup_end_ns = to_ns(w.warmup_s);
    config.measure_end_ns = to_ns(w.warmup_s + w.duration_s);
    config.timeout_ns = std::chrono::nanoseconds(options.timeout).count();
    config.drain_ns = config.timeout_ns;
    config.first_stream = next_stream;
    next_stream += static_cast<std::uint64_t>(config.connections);
    workers.push_back(std::make_unique<Worker>(config, plan));
  }

  // Everyone connects, then the clock starts for all at once.
  std::latch connected(threads);
  std::latch go(1);
  std::latch sampled(1);  // workers stay alive until their CPU clocks have been read
  Clock::time_point start;
  std::mutex error_mutex;
  std::exception_ptr connect_error;
  std::vector<std::thread> pool;
  pool.reserve(static_cast<std::size_t>(threads));
  for (int t = 0; t < threads; ++t) {
    pool.emplace_back([&, t] {
      Worker& worker = *workers[static_cast<std::size_t>(t)];
      bool ok = true;
      try {
        worker.connect_all();
      } catch (...) {
        const std::lock_guard lock(error_mutex);
        if (!connect_error) {
          connect_error = std::current_exception();
        }
        ok = false;
      }
      connected.count_down();
      go.wait();
      if (ok && !connect_error) {
        worker.run(start);
      }
      sampled.wait();
    });
  }
  connected.wait();
  start = Clock::now();
  go.count_down();
  if (connect_error) {
    sampled.count_down();
    for (auto& thread : pool) {
      thread.join();
    }
    std::rethrow_exception(connect_error);
  }

  const auto warmup_end = start + std::chrono::nanoseconds(to_ns(w.warmup_s));
  const auto measure_end = warmup_end + std::chrono::nanoseconds(to_ns(w.duration_s));
  auto completed = [&] {
    std::int64_t sum = 0;
    for (const auto& worker : workers) {
      sum += worker->completed_so_far();
    }
    return sum;
  };
  // Sleeps until `until`, reporting progress once a second.
  auto wait_reporting = [&](const char* phase, Clock::time_point from, Clock::time_point until) {
    std::int64_t last_count = completed();
    auto last_time = Clock::now();
    while (Clock::now() < until) {
      std::this_thread::sleep_until(std::min(until, Clock::now() + std::chrono::seconds(1)));
      if (!options.progress) {
        continue;
      }
      const auto now = Clock::now();
      const std::int64_t count = completed();
      Progress p;
      p.phase = phase;
      p.elapsed_s = std::chrono::duration<double>(now - from).count();
      p.phase_s = std::chrono::duration<double>(until - from).count();
      const double dt = std::chrono::duration<double>(now - last_time).count();
      p.requests_per_s = dt > 0 ? static_cast<double>(count - last_count) / dt : 0;
      options.progress(p);
      last_count = count;
      last_time = now;
    }
  };

  LoadResult result(static_cast<std::size_t>(std::ceil(w.duration_s)), plan.account_ids.size());
  wait_reporting("warm-up", start, warmup_end);

  // The measured phase, bracketed by CPU samples of everyone involved.
  auto server_sample = [&] {
    return options.server_pid ? sample_process(*options.server_pid) : std::nullopt;
  };
  result.machine_before = sample_machine();
  result.server_before = server_sample();
  if (options.server_pid) {
    result.server_threads_before = sample_threads(*options.server_pid);
  }
  const std::int64_t self_before = self_cpu_us();
  std::vector<std::int64_t> threads_before;
  threads_before.reserve(pool.size());
  for (auto& thread : pool) {
    threads_before.push_back(thread_cpu_ns(thread.native_handle()));
  }
  const auto measured_from = Clock::now();

  wait_reporting("measure", warmup_end, measure_end);

  const auto measured_to = Clock::now();
  result.server_after = server_sample();
  if (options.server_pid) {
    result.server_threads_after = sample_threads(*options.server_pid);
  }
  result.machine_after = sample_machine();
  result.client_cpu_us = self_cpu_us() - self_before;
  result.measured_s = std::chrono::duration<double>(measured_to - measured_from).count();
  result.thread_utilisation.reserve(pool.size());
  for (std::size_t t = 0; t < pool.size(); ++t) {
    const auto busy_ns =
        static_cast<double>(thread_cpu_ns(pool[t].native_handle()) - threads_before[t]);
    result.thread_utilisation.push_back(busy_ns / 1e9 / result.measured_s);
  }
  sampled.count_down();

  for (auto& thread : pool) {
    thread.join();
  }
  for (const auto& worker : workers) {
    result.stats.merge(worker->stats());
  }
  return result;
}

}  // namespace archbench::loadgen

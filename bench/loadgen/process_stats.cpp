// /proc parsing and CPU clocks; see process_stats.hpp.
#include "loadgen/process_stats.hpp"

#include <sched.h>
#include <sys/resource.h>
#include <unistd.h>

#include <algorithm>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace archbench::loadgen {
namespace {

std::optional<std::int64_t> status_field_kib(pid_t pid, const std::string& field) {
  std::ifstream in("/proc/" + std::to_string(pid) + "/status");
  std::string line;
  while (std::getline(in, line)) {
    if (line.rfind(field + ":", 0) == 0) {
      std::istringstream fields(line.substr(field.size() + 1));
      std::int64_t kib = 0;
      if (fields >> kib) {
        return kib;
      }
    }
  }
  return std::nullopt;
}

// utime + stime of a /proc/.../stat file, in µs.
std::optional<std::int64_t> stat_cpu_us(const std::string& path) {
  std::ifstream in(path);
  std::string stat;
  if (!std::getline(in, stat)) {
    return std::nullopt;
  }
  // The command name (field 2) is in parentheses and may hold spaces: fields are counted from
  // the last ')'. After it come field 3 (state) ... field 14 (utime), field 15 (stime).
  const std::size_t paren = stat.rfind(')');
  if (paren == std::string::npos) {
    return std::nullopt;
  }
  std::istringstream fields(stat.substr(paren + 1));
  std::string skip;
  for (int field = 3; field < 14; ++field) {
    fields >> skip;
  }
  std::int64_t utime = 0;
  std::int64_t stime = 0;
  if (!(fields >> utime >> stime)) {
    return std::nullopt;
  }
  const long ticks_per_second = sysconf(_SC_CLK_TCK);
  return (utime + stime) * 1'000'000 / (ticks_per_second > 0 ? ticks_per_second : 100);
}

}  // namespace

std::optional<ProcessSample> sample_process(pid_t pid) {
  const auto cpu_us = stat_cpu_us("/proc/" + std::to_string(pid) + "/stat");
  if (!cpu_us) {
    return std::nullopt;
  }
  ProcessSample sample;
  sample.cpu_us = *cpu_us;
  sample.vm_hwm_kib = status_field_kib(pid, "VmHWM");
  sample.vm_rss_kib = status_field_kib(pid, "VmRSS");
  return sample;
}

std::map<pid_t, std::int64_t> sample_threads(pid_t pid) {
  std::map<pid_t, std::int64_t> threads;
  std::error_code ec;
  const std::string dir = "/proc/" + std::to_string(pid) + "/task";
  for (const auto& entry : std::filesystem::directory_iterator(dir, ec)) {
    const std::string name = entry.path().filename().string();
    if (const auto cpu_us = stat_cpu_us(entry.path().string() + "/stat")) {
      threads[static_cast<pid_t>(std::stol(name))] = *cpu_us;
    }
  }
  return threads;
}

double max_thread_utilisation(const std::map<pid_t, std::int64_t>& before,
                              const std::map<pid_t, std::int64_t>& after, double wall_s) {
  double busiest = 0;
  for (const auto& [tid, cpu_us] : after) {
    const auto earlier = before.find(tid);
    if (earlier != before.end() && wall_s > 0) {
      busiest = std::max(busiest, static_cast<double>(cpu_us - earlier->second) / 1e6 / wall_s);
    }
  }
  return busiest;
}

std::optional<MachineSample> sample_machine() {
  MachineSample sample;
  {
    std::ifstream in("/proc/loadavg");
    std::array<double, 3> loadavg{};
    if (in >> loadavg[0] >> loadavg[1] >> loadavg[2]) {
      sample.loadavg = loadavg;
    }
  }
  std::ifstream in("/proc/stat");
  std::string label;
  // cpu  user nice system idle iowait irq softirq steal guest guest_nice (guest time is
  // already counted in user and nice, so it is left out of the total).
  std::array<std::int64_t, 8> ticks{};
  if (!(in >> label) || label != "cpu") {
    return std::nullopt;
  }
  for (auto& t : ticks) {
    if (!(in >> t)) {
      return std::nullopt;
    }
  }
  for (const auto t : ticks) {
    sample.total_ticks += t;
  }
  sample.idle_ticks = ticks[3] + ticks[4];
  sample.steal_ticks = ticks[7];
  return sample;
}

std::int64_t self_cpu_us() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return (usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) * 1'000'000 + usage.ru_utime.tv_usec +
         usage.ru_stime.tv_usec;
}

std::int64_t thread_cpu_ns(pthread_t thread) {
  clockid_t clock{};
  if (pthread_getcpuclockid(thread, &clock) != 0) {
    return 0;
  }
  timespec ts{};
  if (clock_gettime(clock, &ts) != 0) {
    return 0;
  }
  return static_cast<std::int64_t>(ts.tv_sec) * 1'000'000'000 + ts.tv_nsec;
}

std::vector<int> cpu_affinity(pid_t pid) {
  cpu_set_t set;
  CPU_ZERO(&set);
  std::vector<int> cpus;
  if (sched_getaffinity(pid, sizeof set, &set) != 0) {
    return cpus;
  }
  for (int cpu = 0; cpu < CPU_SETSIZE; ++cpu) {
    if (CPU_ISSET(cpu, &set)) {
      cpus.push_back(cpu);
    }
  }
  return cpus;
}

std::string cpu_list_string(const std::vector<int>& cpus) {
  std::string out;
  for (std::size_t i = 0; i < cpus.size();) {
    std::size_t j = i;
    while (j + 1 < cpus.size() && cpus[j + 1] == cpus[j] + 1) {
      ++j;
    }
    if (!out.empty()) {
      out += ',';
    }
    out += std::to_string(cpus[i]);
    if (j > i) {
      out += '-' + std::to_string(cpus[j]);
    }
    i = j + 1;
  }
  return out;
}

}  // namespace archbench::loadgen

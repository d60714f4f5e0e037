// collect_metadata: each fact from where Linux keeps it; a fact that cannot be read is null.
#include "loadgen/metadata.hpp"

#include <sys/utsname.h>
#include <unistd.h>

#include <ctime>
#include <fstream>

#include "loadgen/build_info.hpp"
#include "loadgen/process_stats.hpp"

namespace archbench::loadgen {
namespace {

// The commit and dirty state stamped at build time: what the binary is, whatever the source tree
// holds now.
nlohmann::json git_commit() {
  const std::string commit = build_info::kGitCommit;
  return commit.empty() ? nlohmann::json(nullptr) : nlohmann::json(commit);
}

nlohmann::json git_dirty() {
  return build_info::kGitDirty < 0 ? nlohmann::json(nullptr)
                                   : nlohmann::json(build_info::kGitDirty == 1);
}

nlohmann::json cpu_model() {
  std::ifstream in("/proc/cpuinfo");
  std::string line;
  while (std::getline(in, line)) {
    if (line.rfind("model name", 0) == 0) {
      const std::size_t colon = line.find(':');
      if (colon != std::string::npos && colon + 2 <= line.size()) {
        return line.substr(colon + 2);
      }
    }
  }
  return nullptr;
}

nlohmann::json cpus_json(const std::vector<int>& cpus) {
  if (cpus.empty()) {
    return nullptr;
  }
  return cpus;
}

}  // namespace

std::string utc_timestamp() {
  const std::time_t now = std::time(nullptr);
  std::tm utc{};
  gmtime_r(&now, &utc);
  char text[32];
  std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", &utc);
  return text;
}

nlohmann::json collect_metadata(const std::string& backend_name, std::optional<pid_t> server_pid) {
  utsname uts{};
  nlohmann::json kernel = nullptr;
  if (uname(&uts) == 0) {
    kernel = std::string(uts.sysname) + " " + uts.release + " " + uts.machine;
  }
  char hostname[256] = {};
  gethostname(hostname, sizeof hostname - 1);
  return {
      {"tool", "archbench-loadgen"},
      {"tool_version", build_info::kVersion},
      {"backend_name", backend_name},
      {"git_commit", git_commit()},
      {"git_dirty", git_dirty()},
      {"build_type", build_info::kBuildType},
      {"compiler", build_info::kCompiler},
      {"compiler_flags", build_info::kCxxFlags},
      {"cpu_model", cpu_model()},
      {"cores_online", sysconf(_SC_NPROCESSORS_ONLN)},
      {"kernel", kernel},
      {"hostname", hostname},
      {"date_utc", utc_timestamp()},
      {"client_cpus", cpus_json(cpu_affinity(0))},
      {"server_pid", server_pid ? nlohmann::json(*server_pid) : nlohmann::json(nullptr)},
      {"server_cpus", server_pid ? cpus_json(cpu_affinity(*server_pid)) : nlohmann::json(nullptr)},
  };
}

}  // namespace archbench::loadgen

// write_outputs and the file names; see output_files.hpp.
#include "loadgen/output_files.hpp"

#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>

#include "loadgen/hgrm_writer.hpp"
#include "loadgen/result_json.hpp"

namespace archbench::loadgen {
namespace {

std::string safe(std::string text) {
  for (char& c : text) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                    c == '-' || c == '.';
    if (!ok) {
      c = '-';
    }
  }
  return text;
}

void write_file(const std::string& path, const std::string& text, std::vector<std::string>& out) {
  std::ofstream file(path, std::ios::binary | std::ios::trunc);
  file << text;
  file.close();
  if (!file) {
    throw std::runtime_error("cannot write " + path);
  }
  out.push_back(path);
}

void write_hgrm(const std::string& path, const Histogram& h, std::vector<std::string>& out) {
  std::ostringstream text;
  write_percentile_distribution(text, h, 1e6);  // ns recorded, ms written
  write_file(path, text.str(), out);
}

}  // namespace

std::string default_prefix(const std::string& dir, const RunReport& report) {
  const Workload& w = report.settings.workload;
  std::string stamp = report.metadata.value("date_utc", "");
  std::erase(stamp, ':');
  std::erase(stamp, '-');
  return (std::filesystem::path(dir) / (safe(report.settings.backend_name) + "_" + safe(w.name) +
                                        "_" + (w.mode == LoopMode::open ? "open" : "closed") +
                                        "_c" + std::to_string(w.connections) + "_" + stamp))
      .string();
}

std::vector<std::string> write_outputs(const RunReport& report, const std::string& prefix) {
  const std::filesystem::path parent = std::filesystem::path(prefix).parent_path();
  if (!parent.empty()) {
    std::filesystem::create_directories(parent);
  }
  std::vector<std::string> written;
  // Compact: the histograms' thousands of [index, count] pairs would triple the file indented.
  write_file(prefix + ".json", result_to_json(report).dump() + "\n", written);
  if (report.load) {
    const RunStats& stats = report.load->stats;
    write_hgrm(prefix + ".hgrm", stats.corrected_with_tail(), written);
    write_hgrm(prefix + ".uncorrected.hgrm", stats.all_endpoints(&EndpointStats::uncorrected),
               written);
    for (std::size_t e = 0; e < kEndpointCount; ++e) {
      if (report.settings.workload.mix[e] <= 0) {
        continue;
      }
      write_hgrm(prefix + "." + std::string(endpoint_name(static_cast<Endpoint>(e))) + ".hgrm",
                 stats.endpoints[e].with_tail(), written);
    }
  }
  return written;
}

}  // namespace archbench::loadgen

// Lab 01: what the tests share. A fresh folder per test for the log, and a look inside the log.
#pragma once

#include <stdlib.h>

#include <filesystem>
#include <stdexcept>
#include <string>

#include "log_format.hpp"

namespace archbench::lab01 {

// A fresh folder under the system's temp folder, removed with everything in it.
class TempLog {
 public:
  TempLog() {
    std::string pattern = (std::filesystem::temp_directory_path() / "lab01-XXXXXX").string();
    if (::mkdtemp(pattern.data()) == nullptr) throw std::runtime_error("mkdtemp failed");
    dir_ = pattern;
  }
  ~TempLog() {
    std::error_code ignored;
    std::filesystem::remove_all(dir_, ignored);
  }
  TempLog(const TempLog&) = delete;
  TempLog& operator=(const TempLog&) = delete;

  // Where the FileStore keeps its log.
  [[nodiscard]] std::filesystem::path path() const { return dir_ / "ledger.log"; }
  [[nodiscard]] std::string bytes() const { return log::read_file(path()); }
  [[nodiscard]] std::size_t frames() const {
    const std::string all = bytes();
    return log::split_frames(all).payloads.size();
  }

 private:
  std::filesystem::path dir_;
};

}  // namespace archbench::lab01

// A fresh folder for one test's files (a journal, a log, a database), removed with everything
// in it when the test ends: one for every pattern's tests, the conformance runner's and the
// fault tests'.
#pragma once

#include <filesystem>
#include <string_view>

namespace archbench::testing {

class TempDir {
 public:
  // Under the system's temporary directory ($TMPDIR, else /tmp), named `prefix`-XXXXXX.
  // Throws std::system_error if it cannot be made.
  explicit TempDir(std::string_view prefix = "archbench");
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  [[nodiscard]] const std::filesystem::path& path() const noexcept { return path_; }

 private:
  std::filesystem::path path_;
};

}  // namespace archbench::testing

// A fresh empty folder under $TMPDIR (or /tmp) for one test, removed with everything in it
// when the test ends.
#pragma once

#include <filesystem>

namespace archbench::event_driven::testing {

class TempDir {
 public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  [[nodiscard]] const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

}  // namespace archbench::event_driven::testing

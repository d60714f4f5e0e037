// The journal's file: what was appended is read back, field for field; a record the process
// did not finish writing (a torn tail) or whose bytes changed is cut off at start, with
// everything after it, and appending goes on after the last whole record.
#include "actor/actors/journal.hpp"

#include <gtest/gtest.h>
#include <stdlib.h>

#include <filesystem>
#include <fstream>
#include <string>

namespace archbench::actor {
namespace {

namespace fs = std::filesystem;

class JournalFileTest : public ::testing::Test {
 protected:
  JournalFileTest() {
    std::string pattern = (fs::temp_directory_path() / "archbench-journal-XXXXXX").string();
    if (::mkdtemp(pattern.data()) == nullptr) throw std::runtime_error("mkdtemp failed");
    dir_ = pattern;
  }
  ~JournalFileTest() override {
    std::error_code ignored;
    fs::remove_all(dir_, ignored);
  }
  [[nodiscard]] std::string path() const { return (dir_ / "shard-0.journal").string(); }
  static Event event(int n) {
    return {.kind = Event::Kind::debited,
            .account = "acc-1",
            .request_id = "r-" + std::to_string(n),
            .id = "tr-" + std::to_string(n),
            .counterparty = "acc-2",
            .currency = "",
            .amount = (ledger::Money{1} << 40) + n,
            .memo = n % 2 == 0 ? std::optional<std::string>("rent") : std::nullopt};
  }
  static bool same(const Event& a, const Event& b) {
    return a.kind == b.kind && a.account == b.account && a.request_id == b.request_id &&
           a.id == b.id && a.counterparty == b.counterparty && a.amount == b.amount &&
           a.memo == b.memo;
  }
  fs::path dir_;
};

TEST_F(JournalFileTest, WhatWasAppendedIsReadBack) {
  {
    Journal journal(path(), false);
    for (int n = 0; n < 3; ++n) journal.append(event(n));
  }
  const Journal again(path(), false);
  ASSERT_EQ(again.size(), 3U);
  for (int n = 0; n < 3; ++n) EXPECT_TRUE(same(again.events()[n], event(n))) << n;
}

TEST_F(JournalFileTest, ATornOrCorruptTailIsCutAndAppendingGoesOn) {
  {
    Journal journal(path(), false);
    for (int n = 0; n < 3; ++n) journal.append(event(n));
  }
  const auto whole = fs::file_size(path());
  fs::resize_file(path(), whole - 5);  // the last record, torn
  {
    const Journal torn(path(), false);
    EXPECT_EQ(torn.size(), 2U);
  }
  EXPECT_LT(fs::file_size(path()), whole - 5);  // cut back to the last whole record
  {
    std::fstream file(path(), std::ios::in | std::ios::out | std::ios::binary);
    file.seekp(12);  // inside the first record: its checksum no longer matches
    file.put('X');
  }
  Journal corrupt(path(), false);
  EXPECT_EQ(corrupt.size(), 0U);
  corrupt.append(event(7));
  const Journal after(path(), false);
  ASSERT_EQ(after.size(), 1U);
  EXPECT_TRUE(same(after.events()[0], event(7)));
}

}  // namespace
}  // namespace archbench::actor

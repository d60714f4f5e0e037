// The journal's file (--journal DIR): records appended to it, read back when it is opened
// (journal_file.cpp has the format). Journal (journal.hpp) decides when a record is written;
// this only writes it.
#pragma once

#include <sys/types.h>

#include <string>
#include <vector>

#include "actor/actors/journal.hpp"

namespace archbench::actor {

class JournalFile {
 public:
  // Opens `path` (created if missing), appends every whole record in it to `recovered` and cuts
  // off a torn tail. `sync`: fdatasync after each record. Throws std::system_error.
  JournalFile(const std::string& path, bool sync, std::vector<Event>& recovered);
  ~JournalFile();
  JournalFile(const JournalFile&) = delete;
  JournalFile& operator=(const JournalFile&) = delete;

  // In the file (the kernel's, or with `sync` the disk's) when this returns; throws
  // std::system_error if the write fails.
  void append(const Event& event);

 private:
  off_t recover(std::vector<Event>& events);

  int fd_ = -1;
  bool sync_ = false;
};

}  // namespace archbench::actor

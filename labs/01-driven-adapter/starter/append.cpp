// Lab 01: your code, part 3 of 4: the durable append.
//
// This is where a store meets the operating system, and where most hand-written logs are wrong
// in ways no happy-path test sees: write(2) may write part of what you asked, a signal may
// interrupt it, the disk may fill up half-way through a frame, fsync(2) may fail. Rules 2, 3 and
// 4 of file_store.hpp say what the store promises in each case; LogFile (log_file.hpp) says what
// each call can return.
#include <cerrno>
#include <stdexcept>
#include <string>
#include <system_error>

#include "file_store.hpp"
#include "log_format.hpp"

namespace archbench::lab01 {

// Step 1: every byte of log::frame(payload) reaches file_, whatever write() returns.
// Step 3: fsync when sync_ asks for it; a failure throws std::system_error carrying the
// failure's errno and leaves the file exactly as long as it was before the call (log_size_ is
// yours to keep up to date); when even that is impossible, no later append may go through.
void FileStore::append(std::string_view payload) {
  // TODO(student): Step 1, then Step 3.
  static_cast<void>(payload);
}

}  // namespace archbench::lab01

// replaces: append.cpp
// caught by: Lab01_Step3_Writes.ShortWritesStillWriteTheWholeFrame
//
// WRONG: one write(2) per frame, its count unchecked. On a local disk write(2) is almost never
// short, so this passes every test that does not make it short on purpose.
#include <cerrno>
#include <stdexcept>
#include <string>
#include <system_error>

#include "file_store.hpp"
#include "log_format.hpp"

namespace archbench::lab01 {

void FileStore::append(std::string_view payload) {
  if (broken_) {
    throw std::runtime_error(path_.string() +
                             ": an earlier failed append could not be cut off; reopen the store");
  }
  const std::string bytes = log::frame(payload);
  std::size_t written = 0;
  int error = 0;
  if (file_->write(bytes.data(), bytes.size()) < 0) error = errno;  // "it wrote it"
  static_cast<void>(written);
  if (error == 0 && sync_ == Sync::fsync && file_->fsync() != 0) error = errno;
  if (error == 0) {
    log_size_ += bytes.size();
    return;
  }
  // The caller will hear that this commit failed, so no byte of it may stay: part of a frame
  // would strand every later commit behind it, and a whole frame whose fsync failed would come
  // back on replay as a commit the client was told did not happen.
  if (file_->truncate(log_size_) != 0) broken_ = true;
  throw std::system_error(error, std::generic_category(), "append to " + path_.string());
}

}  // namespace archbench::lab01

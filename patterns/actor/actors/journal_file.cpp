// The journal's file: append-only records, each framed as
//
//   | length: u32 LE | crc32: u32 LE | record: `length` bytes |
//
// (the crc covers the length and the record, so a torn or flipped length is caught too). On
// open, records are read until the first that is incomplete or fails its checksum: that is a
// write the process did not finish when it was killed, never acknowledged (the reply comes
// after the write), and the file is cut back to the last whole record.
//
// Durable when append() returns: write(2) has handed the record to the kernel, which keeps it
// through a kill -9 of the process. Through a power loss only with `sync` (fdatasync per
// record, --journal-sync).
#include "actor/actors/journal_file.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <boost/crc.hpp>
#include <cerrno>
#include <cstring>
#include <memory>
#include <stdexcept>
#include <string_view>
#include <system_error>
#include <utility>

namespace archbench::actor {
namespace {

std::system_error os_error(const std::string& what, int error = errno) {
  return {error, std::generic_category(), what};
}

void put_u32(std::string& out, std::uint32_t value) {
  for (int i = 0; i < 4; ++i) out.push_back(static_cast<char>((value >> (8 * i)) & 0xFFU));
}
std::uint32_t get_u32(std::string_view in) {
  std::uint32_t value = 0;
  for (int i = 3; i >= 0; --i) value = (value << 8) | static_cast<unsigned char>(in[i]);
  return value;
}
void put_string(std::string& out, const std::string& text) {
  put_u32(out, static_cast<std::uint32_t>(text.size()));
  out.append(text);
}

std::uint32_t crc32(std::string_view bytes) {
  boost::crc_32_type crc;
  crc.process_bytes(bytes.data(), bytes.size());
  return crc.checksum();
}

std::string encode(const Event& event) {
  std::string out;
  out.push_back(static_cast<char>(event.kind));
  for (const std::string* text :
       {&event.account, &event.request_id, &event.id, &event.counterparty, &event.currency}) {
    put_string(out, *text);
  }
  const auto amount = static_cast<std::uint64_t>(event.amount);
  put_u32(out, static_cast<std::uint32_t>(amount & 0xFFFFFFFFU));
  put_u32(out, static_cast<std::uint32_t>(amount >> 32U));
  out.push_back(event.memo ? '\1' : '\0');
  if (event.memo) put_string(out, *event.memo);
  return out;
}

// Reads one record written by encode(); nullopt if it does not parse (a bug, or corruption
// that matched its checksum by chance).
class Reader {
 public:
  explicit Reader(std::string_view in) : in_(in) {}
  std::optional<Event> event() {
    Event event;
    if (in_.empty() || static_cast<std::uint8_t>(in_[0]) > 5) return std::nullopt;
    event.kind = static_cast<Event::Kind>(in_[0]);
    in_.remove_prefix(1);
    for (std::string* text :
         {&event.account, &event.request_id, &event.id, &event.counterparty, &event.currency}) {
      if (!string(*text)) return std::nullopt;
    }
    std::uint32_t low = 0;
    std::uint32_t high = 0;
    if (!u32(low) || !u32(high) || in_.empty()) return std::nullopt;
    event.amount = static_cast<ledger::Money>((std::uint64_t{high} << 32U) | low);
    const bool has_memo = in_[0] != '\0';
    in_.remove_prefix(1);
    if (has_memo && !string(event.memo.emplace())) return std::nullopt;
    return in_.empty() ? std::optional<Event>(std::move(event)) : std::nullopt;
  }

 private:
  bool u32(std::uint32_t& value) {
    if (in_.size() < 4) return false;
    value = get_u32(in_);
    in_.remove_prefix(4);
    return true;
  }
  bool string(std::string& text) {
    std::uint32_t size = 0;
    if (!u32(size) || in_.size() < size) return false;
    text.assign(in_.substr(0, size));
    in_.remove_prefix(size);
    return true;
  }
  std::string_view in_;
};

}  // namespace

JournalFile::JournalFile(const std::string& path, bool sync, std::vector<Event>& recovered)
    : sync_(sync) {
  fd_ = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
  if (fd_ < 0) throw os_error("cannot open the journal " + path);
  const off_t whole = recover(recovered);
  if (::ftruncate(fd_, whole) != 0 || ::lseek(fd_, whole, SEEK_SET) != whole) {
    const int error = errno;
    ::close(fd_);
    throw os_error("cannot cut the torn tail of " + path, error);
  }
}

JournalFile::~JournalFile() { ::close(fd_); }

// Not const: it writes the file (the descriptor does not change, what it points to does).
void JournalFile::append(const Event& event) {  // NOLINT(readability-make-member-function-const)
  const std::string record = encode(event);
  std::string frame;
  frame.reserve(8 + record.size());
  put_u32(frame, static_cast<std::uint32_t>(record.size()));
  put_u32(frame, 0);  // the checksum, once the bytes it covers are there
  frame.append(record);
  std::string covered = frame.substr(0, 4) + record;
  const std::uint32_t crc = crc32(covered);
  for (int i = 0; i < 4; ++i) frame[4 + i] = static_cast<char>((crc >> (8 * i)) & 0xFFU);
  std::string_view rest = frame;
  while (!rest.empty()) {
    const ssize_t written = ::write(fd_, rest.data(), rest.size());
    if (written < 0 && errno == EINTR) continue;
    if (written <= 0) throw os_error("cannot append to the journal");
    rest.remove_prefix(static_cast<std::size_t>(written));
  }
  if (sync_ && ::fdatasync(fd_) != 0) throw os_error("cannot fdatasync the journal");
}

// Reads every whole record into `events`; returns the length of the part that holds them. Not
// const: it moves the file's offset.
// NOLINTNEXTLINE(readability-make-member-function-const)
off_t JournalFile::recover(std::vector<Event>& events) {
  std::string bytes;
  char buffer[1 << 16];
  for (;;) {
    const ssize_t got = ::read(fd_, buffer, sizeof buffer);
    if (got < 0 && errno == EINTR) continue;
    if (got < 0) throw os_error("cannot read the journal");
    if (got == 0) break;
    bytes.append(buffer, static_cast<std::size_t>(got));
  }
  std::string_view rest = bytes;
  off_t whole = 0;
  while (rest.size() >= 8) {
    const std::uint32_t size = get_u32(rest);
    if (rest.size() - 8 < size) break;
    const std::string covered = std::string(rest.substr(0, 4)).append(rest.substr(8, size));
    if (crc32(covered) != get_u32(rest.substr(4))) break;
    auto event = Reader(rest.substr(8, size)).event();
    if (!event) break;
    events.push_back(std::move(*event));
    rest.remove_prefix(8 + size);
    whole += static_cast<off_t>(8 + size);
  }
  return whole;
}

// Opening a journal: its file's records, read back, are its first events.
Journal::Journal() = default;

Journal::Journal(const std::string& path, bool sync)
    : file_(std::make_unique<JournalFile>(path, sync, events_)) {}

std::shared_ptr<Journal> JournalPlace::open(const std::string& name) const {
  if (dir.empty()) return std::make_shared<Journal>();
  return std::make_shared<Journal>(dir + "/" + name + ".journal", sync);
}

}  // namespace archbench::actor

// The journal of one owner (a shard actor, or one account's actor): every change to its Book,
// recorded before the change is applied and before anyone is answered, so that a restarted
// actor rebuilds exactly the state its predecessor had acknowledged (and possibly a little
// more: a change journaled by an actor that crashed before replying, which the idempotent
// steps of the protocol then answer, once, to whoever retries).
//
// It lives outside the actor it records: the supervisor keeps it across restarts (the actor
// only appends while it lives, the supervisor replays it into the next one after the failure,
// so one thread at a time touches it and nothing is locked). With --journal DIR it is also a
// file, which a restart of the whole process reads back (journal_file.cpp).
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "common/ledger/messages.hpp"

namespace archbench::actor {

// One change to a Book. Flat on purpose: a few strings and a number, easy to frame in a file.
struct Event {
  enum class Kind : std::uint8_t {
    opened,     // account (owner in `counterparty`, currency, balance `amount`) now exists
    deposited,  // `amount` onto account, as `id` (dep-N), under request_id
    reserved,   // step 1: `amount` reserved on account for request_id
    debited,    // step 2: `amount` off account to counterparty, as `id` (tr-N)
    credited,   // step 3: the reservation of request_id became balance, as `id`
    released,   // compensation: the reservation of request_id dropped
  };
  Kind kind = Kind::opened;
  std::string account{};
  std::string request_id{};
  std::string id{};
  std::string counterparty{};
  std::string currency{};
  ledger::Money amount = 0;
  std::optional<std::string> memo{};
};

class JournalFile;

class Journal {
 public:
  Journal();  // in memory only
  // In memory and appended to `path` (created if missing; read back, torn tail cut off).
  // `sync`: fdatasync after each record (survives power loss, not only kill -9).
  Journal(const std::string& path, bool sync);
  ~Journal();
  Journal(const Journal&) = delete;
  Journal& operator=(const Journal&) = delete;

  // Recorded when this returns (in the file too, if there is one); throws if the file write
  // fails, so that nothing unrecorded is ever answered.
  void append(Event event);
  [[nodiscard]] const std::vector<Event>& events() const noexcept { return events_; }
  [[nodiscard]] std::size_t size() const noexcept { return events_.size(); }

 private:
  std::vector<Event> events_;
  std::unique_ptr<JournalFile> file_;
};

// Where journals go: memory only (`dir` empty) or DIR/<name>.journal. Names: "shard-3" in
// shard mode, the account id in account mode.
struct JournalPlace {
  std::string dir;
  bool sync = false;

  [[nodiscard]] std::shared_ptr<Journal> open(const std::string& name) const;
};

}  // namespace archbench::actor

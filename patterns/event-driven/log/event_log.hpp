// The event-store port: an append-only sequence of records (one command's events each), made
// durable in order. Adapters: memory_log (nothing survives the process), file_log (segment
// files, checksums, fsync policies with group commit); the NATS JetStream adapter plugs in
// behind the same port.
//
// The protocol, for one writer that serialises its appends (the command side does, under its
// lock, so that log order is the order in which the state was changed):
//   1. replay() once at start: every record already in the log, oldest first; or
//      replay_after(n): only the records after position n (a snapshot holds the fold up to n).
//      If that finds the log ending before n, replay() from the start follows.
//   2. start(listener): from now on, each appended record is reported to the listener's
//      on_durable() exactly once, in log order, when it is as durable as the adapter promises.
//   3. append(record) -> its position (1, 2, 3, ... continuing after the replayed records).
//   4. stop(): flushes what was appended, reports it, and returns; no call after it.
// If a record cannot be made durable (disk full, I/O error), on_failed() is called once with
// the first position lost, and no later record is ever reported durable: the log is done.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>

namespace archbench::event_driven {

using Position = std::uint64_t;  // 1-based: the n-th record ever appended has position n

class EventLog {
 public:
  class Listener {
   public:
    virtual ~Listener() = default;
    // From the log's own thread (or inline in append(), for a log with no I/O).
    virtual void on_durable(Position position, std::string_view record) = 0;
    virtual void on_failed(Position first_lost, std::string_view why) = 0;
  };

  EventLog() = default;
  virtual ~EventLog() = default;
  EventLog(const EventLog&) = delete;
  EventLog& operator=(const EventLog&) = delete;

  using Visit = std::function<void(std::string_view record)>;
  // Visits the records after position `after` (positions after+1, after+2, ...), in order, and
  // returns the position of the log's last record. A log that ends before `after` visits
  // nothing: the caller learns it from the returned position.
  virtual Position replay_after(Position after, const Visit& visit) = 0;
  // Visits every record in the log, in order; returns how many there were.
  Position replay(const Visit& visit) { return replay_after(0, visit); }
  virtual void start(Listener& listener) = 0;
  virtual Position append(std::string record) = 0;
  virtual void stop() = 0;

  // What the adapter is, for logs and /metrics: "memory", "file:/var/lib/x (fsync batch)".
  [[nodiscard]] virtual std::string describe() const = 0;
};

}  // namespace archbench::event_driven

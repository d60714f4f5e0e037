// The event log as a NATS JetStream stream: the same port as the file log, kept by a broker
// that other processes (a projector service) can read too.
//
// - One stream (file storage) on one subject; a record's position is its stream sequence.
// - append() publishes asynchronously with ExpectLastSeq = position - 1: optimistic
//   concurrency, so if anything else wrote to the stream (a second command service by
//   mistake), the server refuses the publish and the log fails instead of interleaving.
// - A record is reported durable when JetStream acknowledges it (stored by the server); acks
//   are reported in stream order.
// - replay_after(n) reads the stream from message n+1 through an ordered consumer.
// - Losing the connection to the server fails the log at once (what was published and not
//   yet acknowledged may or may not be stored): the service answers 503 and reopens a new log
//   (EventDrivenService) instead of waiting out the acknowledgement timeouts.
// What "stored" means on disk is nats-server's business: see docs/patterns/event-driven.md.
#pragma once

#include <atomic>
#include <map>
#include <memory>
#include <mutex>
#include <string>

#include "event-driven/log/event_log.hpp"
#include "event-driven/log/nats_support.hpp"

struct __natsConnection;
struct __jsCtx;
struct __natsMsg;
struct jsPubAck;
struct jsPubAckErr;

namespace archbench::event_driven {

struct NatsLogOptions {
  std::string url;  // nats://127.0.0.1:4222
  std::string stream{kEventStream};
  std::string subject{kEventSubject};
};

class NatsLog final : public EventLog, private WatchedConnection::Owner {
 public:
  // Connects and creates the stream if it does not exist. Throws std::runtime_error with the
  // client's message when the server cannot be reached or has no JetStream.
  explicit NatsLog(NatsLogOptions options);
  ~NatsLog() override;

  Position replay_after(Position after, const Visit& visit) override;
  void start(Listener& listener) override;
  Position append(std::string record) override;
  void stop() override;
  [[nodiscard]] std::string describe() const override;

 private:
  void disconnected() override;  // WatchedConnection::Owner
  static void on_ack(__jsCtx* js, __natsMsg* msg, jsPubAck* ack, jsPubAckErr* error, void* closure);
  void acknowledged(Position position, std::string_view record);
  void fail(Position position, const std::string& why);

  NatsLogOptions options_;
  std::unique_ptr<WatchedConnection> connection_;
  __jsCtx* js_ = nullptr;
  Listener* listener_ = nullptr;
  std::atomic<Position> appended_{0};

  std::mutex mutex_;  // the ack side: reporting in order
  Position reported_ = 0;
  std::map<Position, std::string> early_;  // acknowledged before an earlier position was
  bool failed_ = false;
  bool stopped_ = false;
  bool closing_ = false;  // stop() has flushed: what the connection reports now is no failure
};

}  // namespace archbench::event_driven

// What every NATS user of this pattern needs, written once: the log adapter (nats_log), the
// projector's feed and the front's history client (split/).
//   - connect_nats(): a connection that reconnects forever (a broker restart is an outage to
//     wait out, not a reason to die), with a short wait between attempts;
//   - ensure_stream(): the event stream, created if missing, the same for every process;
//   - read_stream(): records first..last of the stream, in order, through an ordered consumer.
// The NATS C client's types stay out of the headers that include this one's users.
#pragma once

#include <condition_variable>
#include <cstdint>
#include <functional>
#include <mutex>
#include <stdexcept>
#include <string>
#include <string_view>

struct __natsConnection;
struct __jsCtx;

namespace archbench::event_driven {

inline constexpr std::string_view kEventStream = "ARCHBENCH_EVENTS";
inline constexpr std::string_view kEventSubject = "archbench.events";

// Throws std::runtime_error with the client's message when the server cannot be reached.
[[nodiscard]] __natsConnection* connect_nats(const std::string& url, const std::string& name);

// A connection whose owner hears when it is lost: `owner.disconnected()` is called (from the
// client's callback thread) whenever the connection drops; the client then reconnects by
// itself. The client calls back later than one would think (its callback thread runs on after
// natsConnection_Destroy), so close() closes the connection and waits until the client has
// said "closed": after it returns, no callback for this connection runs or will run.
class WatchedConnection {
 public:
  class Owner {
   public:
    virtual ~Owner() = default;
    virtual void disconnected() = 0;
  };
  WatchedConnection(const std::string& url, const std::string& name, Owner& owner);
  ~WatchedConnection();  // close()
  WatchedConnection(const WatchedConnection&) = delete;
  WatchedConnection& operator=(const WatchedConnection&) = delete;

  [[nodiscard]] __natsConnection* get() const { return connection_; }
  void close();

 private:
  static void on_disconnected(__natsConnection*, void* self);
  static void on_closed(__natsConnection*, void* self);

  Owner& owner_;
  __natsConnection* connection_ = nullptr;
  std::mutex mutex_;
  std::condition_variable closed_changed_;
  bool closed_ = false;
};

// Creates `stream` (file storage, one subject) unless it exists. Throws std::runtime_error.
void ensure_stream(__jsCtx* js, const std::string& stream, const std::string& subject);

struct StreamState {
  std::uint64_t first = 0;
  std::uint64_t last = 0;
  bool gaps = false;  // messages were purged or deleted: it is no complete event log
};
[[nodiscard]] StreamState stream_state(__jsCtx* js, const std::string& stream);

// Visits the records with stream sequences first..last in order. Throws std::runtime_error when
// a message does not arrive in time.
void read_stream(__jsCtx* js, const std::string& stream, const std::string& subject,
                 std::uint64_t first, std::uint64_t last,
                 const std::function<void(std::uint64_t sequence, std::string_view)>& visit);

}  // namespace archbench::event_driven

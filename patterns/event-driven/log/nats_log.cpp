// The JetStream adapter: connection, stream, ordered-consumer replay, async publishes with
// optimistic concurrency, and in-order durable reports (see nats_log.hpp).
#include "event-driven/log/nats_log.hpp"

#include <nats/nats.h>

#include <cstdio>
#include <stdexcept>
#include <utility>

#include "event-driven/log/nats_support.hpp"

namespace archbench::event_driven {
namespace {

constexpr int64_t kAckWaitMs = 5000;  // a publish not acknowledged by then fails the log

std::runtime_error nats_error(const std::string& what, natsStatus status, jsErrCode js_error = {}) {
  std::string text = what + ": " + natsStatus_GetText(status);
  if (js_error != 0)
    text += " (JetStream error " + std::to_string(static_cast<int>(js_error)) + ")";
  return std::runtime_error(text);
}

}  // namespace

NatsLog::NatsLog(NatsLogOptions options)
    : options_(std::move(options)),
      connection_(std::make_unique<WatchedConnection>(options_.url, "archbench event log",
                                                      static_cast<Owner&>(*this))) {
  jsOptions js_options;
  jsOptions_Init(&js_options);
  js_options.Wait = kAckWaitMs;
  js_options.PublishAsync.AckHandler = &NatsLog::on_ack;
  js_options.PublishAsync.AckHandlerClosure = this;
  js_options.PublishAsync.MaxPending = 4096;  // then append() waits: backpressure
  const natsStatus status = natsConnection_JetStream(&js_, connection_->get(), &js_options);
  if (status != NATS_OK) throw nats_error("no JetStream context on " + options_.url, status);
  try {
    ensure_stream(js_, options_.stream, options_.subject);
  } catch (...) {
    jsCtx_Destroy(js_);
    throw;
  }
}

NatsLog::~NatsLog() {
  stop();
  jsCtx_Destroy(js_);
  connection_->close();  // no callback of the connection runs after this
}

std::string NatsLog::describe() const { return options_.url + " stream " + options_.stream; }

Position NatsLog::replay_after(Position after, const Visit& visit) {
  const StreamState state = stream_state(js_, options_.stream);
  if (state.gaps) {
    throw std::runtime_error("stream " + options_.stream +
                             " has lost messages (purged or deleted): it is not an event log");
  }
  appended_ = state.last;
  reported_ = state.last;
  read_stream(js_, options_.stream, options_.subject, after + 1, state.last,
              [&](std::uint64_t, std::string_view record) { visit(record); });
  return state.last;
}

void NatsLog::start(Listener& listener) { listener_ = &listener; }

Position NatsLog::append(std::string record) {
  const Position position = ++appended_;
  jsPubOptions publish;
  jsPubOptions_Init(&publish);
  publish.MaxWait = kAckWaitMs;
  // Optimistic concurrency: the stream must end where this writer thinks it does. (0 means
  // "no expectation" to the client, so the very first record of a stream goes unchecked.)
  publish.ExpectLastSeq = position - 1;
  const natsStatus status = js_PublishAsync(js_, options_.subject.c_str(), record.data(),
                                            static_cast<int>(record.size()), &publish);
  if (status != NATS_OK)
    fail(position, std::string("publish failed: ") + natsStatus_GetText(status));
  return position;
}

void NatsLog::stop() {
  {
    const std::lock_guard lock(mutex_);
    if (stopped_) return;
    stopped_ = true;
  }
  jsPubOptions wait;
  jsPubOptions_Init(&wait);
  wait.MaxWait = kAckWaitMs;
  js_PublishAsyncComplete(js_, &wait);  // every ack in (or timed out) before we go
  const std::lock_guard lock(mutex_);
  closing_ = true;
}

void NatsLog::disconnected() { fail(0, "lost the connection to the NATS server"); }

void NatsLog::on_ack(jsCtx*, natsMsg* msg, jsPubAck* ack, jsPubAckErr* error, void* closure) {
  auto* self = static_cast<NatsLog*>(closure);
  if (ack != nullptr) {
    self->acknowledged(ack->Sequence,
                       std::string_view(natsMsg_GetData(msg),
                                        static_cast<std::size_t>(natsMsg_GetDataLength(msg))));
  } else if (error != nullptr) {
    self->fail(0, error->ErrText != nullptr ? error->ErrText : "publish not acknowledged");
  }
  natsMsg_Destroy(msg);
}

// Reports `position` and every early ack that now follows on, in order.
void NatsLog::acknowledged(Position position, std::string_view record) {
  const std::lock_guard lock(mutex_);
  if (failed_ || listener_ == nullptr) return;
  if (position != reported_ + 1) {
    early_.emplace(position, record);
    return;
  }
  listener_->on_durable(position, record);
  reported_ = position;
  for (auto it = early_.begin(); it != early_.end() && it->first == reported_ + 1;
       it = early_.erase(it)) {
    listener_->on_durable(it->first, it->second);
    reported_ = it->first;
  }
}

void NatsLog::fail(Position position, const std::string& why) {
  Listener* listener = nullptr;
  {
    const std::lock_guard lock(mutex_);
    if (failed_ || closing_) return;  // closing the connection after stop() is no failure
    failed_ = true;
    listener = listener_;
    if (position == 0) position = reported_ + 1;
  }
  std::fprintf(stderr, "event log %s: %s; no further write is acknowledged\n", describe().c_str(),
               why.c_str());
  if (listener != nullptr) listener->on_failed(position, why);
}

}  // namespace archbench::event_driven

#include "event-driven/log/nats_support.hpp"

#include <nats/nats.h>

#include <chrono>

namespace archbench::event_driven {
namespace {

constexpr int64_t kReadWaitMs = 5000;

std::runtime_error nats_error(const std::string& what, natsStatus status, jsErrCode js_error = {}) {
  std::string text = what + ": " + natsStatus_GetText(status);
  if (js_error != 0)
    text += " (JetStream error " + std::to_string(static_cast<int>(js_error)) + ")";
  return std::runtime_error(text);
}

}  // namespace

namespace {

// The options every connection here uses; `events`, if given, gets the disconnected and closed
// callbacks.
natsConnection* connect(const std::string& url, const std::string& name, WatchedConnection* events,
                        natsConnectionHandler on_disconnected, natsConnectionHandler on_closed) {
  natsOptions* options = nullptr;
  natsConnection* connection = nullptr;
  natsStatus status = natsOptions_Create(&options);
  if (status == NATS_OK) status = natsOptions_SetURL(options, url.c_str());
  if (status == NATS_OK) status = natsOptions_SetName(options, name.c_str());
  if (status == NATS_OK) status = natsOptions_SetTimeout(options, 2000);
  // Forever, every 250 ms: what is published meanwhile waits in the client's reconnect
  // buffer, and whoever waits for an answer gives up on its own deadline.
  if (status == NATS_OK) status = natsOptions_SetMaxReconnect(options, -1);
  if (status == NATS_OK) status = natsOptions_SetReconnectWait(options, 250);
  if (status == NATS_OK && events != nullptr) {
    status = natsOptions_SetDisconnectedCB(options, on_disconnected, events);
    if (status == NATS_OK) status = natsOptions_SetClosedCB(options, on_closed, events);
  }
  if (status == NATS_OK) status = natsConnection_Connect(&connection, options);
  natsOptions_Destroy(options);
  if (status != NATS_OK) throw nats_error("cannot connect to " + url, status);
  return connection;
}

}  // namespace

natsConnection* connect_nats(const std::string& url, const std::string& name) {
  return connect(url, name, nullptr, nullptr, nullptr);
}

WatchedConnection::WatchedConnection(const std::string& url, const std::string& name, Owner& owner)
    : owner_(owner),
      connection_(connect(url, name, this, &WatchedConnection::on_disconnected,
                          &WatchedConnection::on_closed)) {}

WatchedConnection::~WatchedConnection() { close(); }

void WatchedConnection::close() {
  if (connection_ == nullptr) return;
  natsConnection_Close(connection_);
  {
    std::unique_lock lock(mutex_);
    // The closed callback comes after any disconnected one, on the same callback thread.
    closed_changed_.wait_for(lock, std::chrono::seconds(5), [&] { return closed_; });
  }
  natsConnection_Destroy(connection_);
  connection_ = nullptr;
}

void WatchedConnection::on_disconnected(natsConnection*, void* self) {
  auto* watched = static_cast<WatchedConnection*>(self);
  {
    const std::lock_guard lock(watched->mutex_);
    if (watched->closed_) return;
  }
  watched->owner_.disconnected();
}

void WatchedConnection::on_closed(natsConnection*, void* self) {
  auto* watched = static_cast<WatchedConnection*>(self);
  const std::lock_guard lock(watched->mutex_);
  watched->closed_ = true;
  watched->closed_changed_.notify_all();
}

void ensure_stream(jsCtx* js, const std::string& stream, const std::string& subject) {
  jsStreamInfo* info = nullptr;
  jsErrCode js_error{};
  natsStatus status = js_GetStreamInfo(&info, js, stream.c_str(), nullptr, &js_error);
  if (status == NATS_NOT_FOUND) {
    jsStreamConfig config;
    jsStreamConfig_Init(&config);
    config.Name = stream.c_str();
    const char* subjects[] = {subject.c_str()};
    config.Subjects = subjects;
    config.SubjectsLen = 1;
    config.Storage = js_FileStorage;
    status = js_AddStream(&info, js, &config, nullptr, &js_error);
    // Two processes starting at once both try: the loser finds the winner's stream.
    if (status != NATS_OK) status = js_GetStreamInfo(&info, js, stream.c_str(), nullptr, &js_error);
  }
  if (status != NATS_OK) throw nats_error("cannot open stream " + stream, status, js_error);
  jsStreamInfo_Destroy(info);
}

StreamState stream_state(jsCtx* js, const std::string& stream) {
  jsStreamInfo* info = nullptr;
  jsErrCode js_error{};
  const natsStatus status = js_GetStreamInfo(&info, js, stream.c_str(), nullptr, &js_error);
  if (status != NATS_OK) throw nats_error("cannot read stream " + stream, status, js_error);
  const StreamState state{.first = info->State.FirstSeq,
                          .last = info->State.LastSeq,
                          .gaps = info->State.FirstSeq > 1 || info->State.NumDeleted > 0};
  jsStreamInfo_Destroy(info);
  return state;
}

void read_stream(jsCtx* js, const std::string& stream, const std::string& subject,
                 std::uint64_t first, std::uint64_t last,
                 const std::function<void(std::uint64_t, std::string_view)>& visit) {
  if (first > last) return;
  jsSubOptions sub_options;
  jsSubOptions_Init(&sub_options);
  sub_options.Stream = stream.c_str();
  sub_options.Ordered =
      true;  // the library keeps it gap-free and in order, recreating it if needed
  sub_options.Config.DeliverPolicy = js_DeliverByStartSequence;
  sub_options.Config.OptStartSeq = first;
  natsSubscription* subscription = nullptr;
  jsErrCode js_error{};
  natsStatus status =
      js_SubscribeSync(&subscription, js, subject.c_str(), nullptr, &sub_options, &js_error);
  // On a long stream the server runs further ahead of a reader that folds each record (a
  // start-up) than the client's default of 65,536 pending messages, and the client cut the
  // subscription off as a slow consumer. So only bytes are counted (the default, 64 MB).
  if (status == NATS_OK) {
    status = natsSubscription_SetPendingLimits(subscription, -1, 64 << 20);
    if (status != NATS_OK) natsSubscription_Destroy(subscription);
  }
  if (status != NATS_OK) throw nats_error("cannot read stream " + stream, status, js_error);
  for (std::uint64_t expected = first; expected <= last; ++expected) {
    natsMsg* msg = nullptr;
    status = natsSubscription_NextMsg(&msg, subscription, kReadWaitMs);
    if (status != NATS_OK) {
      natsSubscription_Destroy(subscription);
      throw nats_error("reading " + stream + " stopped at " + std::to_string(expected), status);
    }
    visit(expected, std::string_view(natsMsg_GetData(msg),
                                     static_cast<std::size_t>(natsMsg_GetDataLength(msg))));
    natsMsg_Destroy(msg);
  }
  natsSubscription_Unsubscribe(subscription);
  natsSubscription_Destroy(subscription);
}

}  // namespace archbench::event_driven

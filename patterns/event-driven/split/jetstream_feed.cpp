#include "event-driven/split/jetstream_feed.hpp"

#include <nats/nats.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <stdexcept>
#include <utility>

namespace archbench::event_driven {
namespace {

constexpr int kFetchBatch = 256;
constexpr std::size_t kMaxLagSamples = 4'000'000;  // 32 MB at most
constexpr int64_t kFetchWaitMs = 200;              // also how soon stop() is noticed
// How long the broker waits for an acknowledgement before it redelivers: only what a killed
// projector had fetched and not yet acknowledged waits this long.
constexpr int64_t kAckWaitNs = 2'000'000'000;

std::runtime_error feed_error(const std::string& what, natsStatus status, jsErrCode js_error) {
  return std::runtime_error(what + ": " + natsStatus_GetText(status) + " (JetStream error " +
                            std::to_string(static_cast<int>(js_error)) + ")");
}

}  // namespace

JetStreamFeed::JetStreamFeed(JetStreamFeedOptions options) : options_(std::move(options)) {
  connection_ = connect_nats(options_.url, "archbench projector feed");
  const natsStatus status = natsConnection_JetStream(&js_, connection_, nullptr);
  if (status != NATS_OK) {
    natsConnection_Destroy(connection_);
    throw std::runtime_error("no JetStream context on " + options_.url);
  }
}

JetStreamFeed::~JetStreamFeed() {
  stop();
  natsSubscription_Destroy(subscription_);  // not Unsubscribe: the durable consumer stays
  jsCtx_Destroy(js_);
  natsConnection_Destroy(connection_);
}

void JetStreamFeed::start(Visit visit) {
  ensure_stream(js_, options_.stream, options_.subject);
  const StreamState stream = stream_state(js_, options_.stream);
  if (stream.gaps) {
    throw std::runtime_error("stream " + options_.stream +
                             " has lost messages (purged or deleted): it is not an event log");
  }

  // What the durable consumer already handed out (to an earlier run of this projector).
  jsConsumerInfo* info = nullptr;
  jsErrCode js_error{};
  natsStatus status = js_GetConsumerInfo(&info, js_, options_.stream.c_str(),
                                         options_.durable.c_str(), nullptr, &js_error);
  Position delivered = 0;
  if (status == NATS_OK) {
    delivered = info->Delivered.Stream;
    jsConsumerInfo_Destroy(info);
  } else if (status != NATS_NOT_FOUND) {
    throw feed_error("cannot read consumer " + options_.durable, status, js_error);
  }
  read_stream(js_, options_.stream, options_.subject, 1, delivered,
              [&](std::uint64_t position, std::string_view record) { visit(position, record); });
  position_ = delivered;

  jsSubOptions sub_options;
  jsSubOptions_Init(&sub_options);
  sub_options.Stream = options_.stream.c_str();
  sub_options.Config.Durable = options_.durable.c_str();
  sub_options.Config.DeliverPolicy = js_DeliverAll;
  sub_options.Config.AckPolicy = js_AckAll;  // one acknowledgement per fetched batch
  sub_options.Config.AckWait = kAckWaitNs;
  status = js_PullSubscribe(&subscription_, js_, options_.subject.c_str(), options_.durable.c_str(),
                            nullptr, &sub_options, &js_error);
  if (status != NATS_OK)
    throw feed_error("cannot bind consumer " + options_.durable, status, js_error);
  thread_ = std::thread([this, visit = std::move(visit)] { pull(visit); });
}

void JetStreamFeed::stop() {
  stopping_ = true;
  if (thread_.joinable()) thread_.join();
}

void JetStreamFeed::record_lag(std::int64_t stored_at_ns) {
  if (lag_ns_.size() >= kMaxLagSamples) return;
  const auto now = std::chrono::duration_cast<std::chrono::nanoseconds>(
                       std::chrono::system_clock::now().time_since_epoch())
                       .count();
  lag_ns_.push_back(now - stored_at_ns);
}

std::string JetStreamFeed::report() const {
  if (lag_ns_.empty()) return {};
  std::vector<std::int64_t> sorted = lag_ns_;
  std::sort(sorted.begin(), sorted.end());
  const auto at = [&](double q) {
    return static_cast<double>(
               sorted[static_cast<std::size_t>(q * static_cast<double>(sorted.size() - 1))]) /
           1000.0;
  };
  char line[200];
  std::snprintf(line, sizeof line,
                "projection lag (stored by JetStream -> applied in the read model) over %zu "
                "events: p50 %.0f us, p99 %.0f us, max %.0f us",
                sorted.size(), at(0.50), at(0.99), at(1.0));
  return line;
}

void JetStreamFeed::pull(const Visit& visit) {
  bool reported_gap = false;
  while (!stopping_) {
    natsMsgList batch{};
    const natsStatus status =
        natsSubscription_Fetch(&batch, subscription_, kFetchBatch, kFetchWaitMs, nullptr);
    if (status == NATS_TIMEOUT) continue;  // nothing new
    if (status != NATS_OK) {
      // The broker is away (reconnecting) or refused: wait and ask again; the durable
      // consumer keeps our place.
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
      continue;
    }
    natsMsg* last_handled = nullptr;
    for (int i = 0; i < batch.Count; ++i) {
      natsMsg* msg = batch.Msgs[i];
      jsMsgMetaData* meta = nullptr;
      if (natsMsg_GetMetaData(&meta, msg) != NATS_OK) continue;
      const Position position = meta->Sequence.Stream;
      const std::int64_t stored_at = meta->Timestamp;  // ns since the epoch, the broker's clock
      jsMsgMetaData_Destroy(meta);
      if (position == position_ + 1) {
        visit(position, std::string_view(natsMsg_GetData(msg),
                                         static_cast<std::size_t>(natsMsg_GetDataLength(msg))));
        position_ = position;
        record_lag(stored_at);
      } else if (position > position_ + 1) {
        // An earlier message is still out with a dead predecessor: it comes back after the
        // ack wait, and this one after it. Nothing later may be applied before it.
        if (!reported_gap) {
          std::fprintf(stderr, "projector: waiting for position %llu (got %llu)\n",
                       static_cast<unsigned long long>(position_ + 1),
                       static_cast<unsigned long long>(position));
          reported_gap = true;
        }
        break;
      }
      last_handled = msg;  // applied now or before (a redelivery): acknowledged
    }
    if (last_handled != nullptr) natsMsg_Ack(last_handled, nullptr);  // AckAll: all up to it
    natsMsgList_Destroy(&batch);
  }
}

}  // namespace archbench::event_driven

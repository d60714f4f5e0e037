// WRONG ON PURPOSE (test only): a projector feed on an ephemeral JetStream consumer that
// starts at "new" messages. It looks right while the projector runs — every event appended
// from then on arrives, in order — but the broker keeps nothing for it, so a restarted
// projector forgets every event before its restart. The projector kill test must catch it
// (split_fault_test.cpp); JetStreamFeed (a durable consumer) is the right one.
#pragma once

#include <nats/nats.h>

#include <atomic>
#include <stdexcept>
#include <string>
#include <thread>

#include "event-driven/log/nats_support.hpp"
#include "event-driven/split/event_feed.hpp"

namespace archbench::event_driven::wrong {

class ForgetfulFeed final : public EventFeed {
 public:
  explicit ForgetfulFeed(const std::string& url)
      : connection_(connect_nats(url, "archbench forgetful feed")) {
    if (natsConnection_JetStream(&js_, connection_, nullptr) != NATS_OK)
      throw std::runtime_error("no JetStream context");
  }
  ~ForgetfulFeed() override {
    stop();
    natsSubscription_Destroy(subscription_);
    jsCtx_Destroy(js_);
    natsConnection_Destroy(connection_);
  }

  void start(Visit visit) override {
    ensure_stream(js_, std::string(kEventStream), std::string(kEventSubject));
    jsSubOptions options;
    jsSubOptions_Init(&options);
    options.Stream = kEventStream.data();
    options.Config.DeliverPolicy = js_DeliverNew;  // "we only need what happens from now on"
    if (js_SubscribeSync(&subscription_, js_, kEventSubject.data(), nullptr, &options, nullptr) !=
        NATS_OK) {
      throw std::runtime_error("cannot subscribe");
    }
    thread_ = std::thread([this, visit = std::move(visit)] {
      while (!stopping_) {
        natsMsg* msg = nullptr;
        if (natsSubscription_NextMsg(&msg, subscription_, 200) != NATS_OK) continue;
        jsMsgMetaData* meta = nullptr;
        if (natsMsg_GetMetaData(&meta, msg) == NATS_OK) {
          // The broker's sequence is the position: the read model "is at" the newest event.
          visit(meta->Sequence.Stream,
                std::string_view(natsMsg_GetData(msg),
                                 static_cast<std::size_t>(natsMsg_GetDataLength(msg))));
          jsMsgMetaData_Destroy(meta);
        }
        natsMsg_Destroy(msg);
      }
    });
  }
  void stop() override {
    stopping_ = true;
    if (thread_.joinable()) thread_.join();
  }

 private:
  natsConnection* connection_ = nullptr;
  jsCtx* js_ = nullptr;
  natsSubscription* subscription_ = nullptr;
  std::atomic<bool> stopping_ = false;
  std::thread thread_;
};

}  // namespace archbench::event_driven::wrong

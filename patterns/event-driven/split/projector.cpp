#include "event-driven/split/projector.hpp"

#include <nats/nats.h>

#include <charconv>
#include <cstdio>
#include <cstdlib>
#include <stdexcept>
#include <utility>
#include <vector>

#include "common/ledger/json_codec.hpp"
#include "event-driven/events/event_codec.hpp"
#include "event-driven/log/nats_support.hpp"
#include "event-driven/split/history_protocol.hpp"

namespace archbench::event_driven {
namespace {

template <class T>
T header_number(natsMsg* msg, const char* key, T fallback) {
  const char* value = nullptr;
  if (natsMsgHeader_Get(msg, key, &value) != NATS_OK || value == nullptr) return fallback;
  T number{};
  const std::string_view text(value);
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), number);
  return error == std::errc() && end == text.data() + text.size() ? number : fallback;
}

void publish(natsConnection* connection, const std::string& subject, HistoryResult result,
             const std::string& body) {
  natsMsg* msg = nullptr;
  if (natsMsg_Create(&msg, subject.c_str(), nullptr, body.data(), static_cast<int>(body.size())) !=
      NATS_OK) {
    return;
  }
  natsMsgHeader_Set(msg, kResultHeader, result_name(result));
  natsConnection_PublishMsg(connection, msg);  // lost with the connection: the asker times out
  natsMsg_Destroy(msg);
}

}  // namespace

Projector::Projector(const std::string& url, std::unique_ptr<EventFeed> feed,
                     std::chrono::milliseconds catch_up_bound)
    : catch_up_bound_(catch_up_bound), feed_(std::move(feed)) {
  connection_ = connect_nats(url, "archbench projector");
  feed_->start([this](Position position, std::string_view record) { applied(position, record); });
  sweeper_ = std::thread([this] { sweep(); });
  natsStatus status = natsConnection_QueueSubscribe(&queries_, connection_, kHistorySubject,
                                                    kHistoryQueue, &Projector::on_query, this);
  // A round trip: once it returns the server knows the subscription, so no query that follows
  // our "listening on" line meets "no responders".
  if (status == NATS_OK) status = natsConnection_FlushTimeout(connection_, 5000);
  if (status != NATS_OK) {
    stop();
    natsConnection_Destroy(connection_);
    throw std::runtime_error(std::string("cannot subscribe to ") + kHistorySubject + ": " +
                             natsStatus_GetText(status));
  }
}

Projector::~Projector() {
  stop();
  natsSubscription_Destroy(queries_);
  natsConnection_Destroy(connection_);
}

void Projector::stop() {
  if (queries_ != nullptr && natsSubscription_Drain(queries_) == NATS_OK) {
    natsSubscription_WaitForDrainCompletion(queries_, 2000);  // no query runs or will run
  }
  feed_->stop();
  {
    const std::lock_guard lock(mutex_);
    if (stopping_) return;
    stopping_ = true;
  }
  wake_sweeper_.notify_all();
  if (sweeper_.joinable()) sweeper_.join();
  if (const std::string report = feed_->report(); !report.empty()) {
    std::fprintf(stderr, "projector: %s\n", report.c_str());
  }
}

void Projector::on_query(natsConnection*, natsSubscription*, natsMsg* msg, void* self) {
  static_cast<Projector*>(self)->query(msg);
  natsMsg_Destroy(msg);
}

void Projector::query(natsMsg* msg) {
  if (natsMsg_GetReply(msg) == nullptr) return;  // nobody to answer
  Query query{.reply_to = natsMsg_GetReply(msg),
              .account = std::string(natsMsg_GetData(msg),
                                     static_cast<std::size_t>(natsMsg_GetDataLength(msg))),
              .limit = header_number<int>(msg, kLimitHeader, ledger::kDefaultTransactionLimit),
              .deadline = std::chrono::steady_clock::now() + catch_up_bound_};
  const auto min_position = header_number<Position>(msg, kMinPositionHeader, 0);
  {
    const std::lock_guard lock(mutex_);
    if (applied_ < min_position) {
      parked_.emplace(min_position, std::move(query));
      return;
    }
  }
  answer(query);
}

void Projector::applied(Position position, std::string_view record) {
  projection_.apply(decode_record(record), position);
  std::vector<Query> ready;
  {
    const std::lock_guard lock(mutex_);
    applied_ = position;
    const auto end = parked_.upper_bound(position);
    for (auto it = parked_.begin(); it != end; ++it) ready.push_back(std::move(it->second));
    parked_.erase(parked_.begin(), end);
  }
  for (const Query& query : ready) answer(query);
}

void Projector::answer(const Query& query) {
  const auto lines = projection_.transactions(query.account, query.limit);
  std::string body;
  if (lines) ledger::write_transactions_json(query.account, *lines, body);
  publish(connection_, query.reply_to, lines ? HistoryResult::ok : HistoryResult::account_not_found,
          body);
}

void Projector::answer_behind(const Query& query) {
  publish(connection_, query.reply_to, HistoryResult::behind, {});
}

void Projector::sweep() {
  std::unique_lock lock(mutex_);
  for (;;) {
    wake_sweeper_.wait_for(lock, std::chrono::milliseconds(50));
    const bool last_round = stopping_;  // then every parked query is answered "behind"
    const auto now = std::chrono::steady_clock::now();
    std::vector<Query> expired;
    for (auto it = parked_.begin(); it != parked_.end();) {
      if (last_round || it->second.deadline <= now) {
        expired.push_back(std::move(it->second));
        it = parked_.erase(it);
      } else {
        ++it;
      }
    }
    lock.unlock();
    for (const Query& query : expired) answer_behind(query);
    if (last_round) return;
    lock.lock();
  }
}

}  // namespace archbench::event_driven

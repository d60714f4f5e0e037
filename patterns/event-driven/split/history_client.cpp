#include "event-driven/split/history_client.hpp"

#include <nats/nats.h>

#include <charconv>
#include <optional>
#include <stdexcept>
#include <utility>
#include <vector>

#include "event-driven/log/nats_support.hpp"
#include "event-driven/split/history_protocol.hpp"

namespace archbench::event_driven {
namespace {

using ledger::ErrorCode;

void unavailable(ledger::Reply& reply, std::string_view why) {
  reply.error(ErrorCode::unavailable, why);
}

}  // namespace

HistoryClient::HistoryClient(const std::string& url, std::chrono::milliseconds deadline)
    : deadline_(deadline) {
  connection_ = connect_nats(url, "archbench command service");
  natsInbox* inbox = nullptr;
  natsStatus status = natsInbox_Create(&inbox);
  if (status == NATS_OK) {
    inbox_ = inbox;
    natsInbox_Destroy(inbox);
    const std::string wildcard = inbox_ + ".*";
    status = natsConnection_Subscribe(&answers_, connection_, wildcard.c_str(),
                                      &HistoryClient::on_answer, this);
    if (status == NATS_OK) status = natsConnection_FlushTimeout(connection_, 5000);
  }
  if (status != NATS_OK) {
    natsConnection_Destroy(connection_);
    throw std::runtime_error(std::string("cannot subscribe for history answers: ") +
                             natsStatus_GetText(status));
  }
  sweeper_ = std::thread([this] { sweep(); });
}

HistoryClient::~HistoryClient() {
  stop();
  natsSubscription_Destroy(answers_);
  natsConnection_Destroy(connection_);
}

void HistoryClient::stop() {
  {
    const std::lock_guard lock(mutex_);
    if (stopping_) return;
    stopping_ = true;
  }
  if (natsSubscription_Drain(answers_) == NATS_OK) {
    natsSubscription_WaitForDrainCompletion(answers_, 2000);  // no answered() runs or will run
  }
  wake_sweeper_.notify_all();
  if (sweeper_.joinable()) sweeper_.join();  // its last round answers whatever is left
}

void HistoryClient::ask(std::string_view account, int limit, Position min_position,
                        ledger::Reply reply) {
  if (natsConnection_Status(connection_) != NATS_CONN_STATUS_CONNECTED) {
    // Reconnecting: an answer cannot come before the broker is back. Say so now.
    return unavailable(reply, "the event broker cannot be reached; retry");
  }
  std::uint64_t number = 0;
  {
    const std::lock_guard lock(mutex_);
    if (stopping_) return unavailable(reply, "the service is stopping");
    number = ++next_query_;
    pending_.emplace(number, Pending{.reply = std::move(reply),
                                     .account = std::string(account),
                                     .deadline = std::chrono::steady_clock::now() + deadline_});
  }
  const std::string reply_to = inbox_ + "." + std::to_string(number);
  const std::string min = std::to_string(min_position);
  const std::string lines = std::to_string(limit);
  natsMsg* msg = nullptr;
  natsStatus status = natsMsg_Create(&msg, kHistorySubject, reply_to.c_str(), account.data(),
                                     static_cast<int>(account.size()));
  if (status == NATS_OK) status = natsMsgHeader_Set(msg, kMinPositionHeader, min.c_str());
  if (status == NATS_OK) status = natsMsgHeader_Set(msg, kLimitHeader, lines.c_str());
  // While the broker is away this lands in the client's reconnect buffer and returns OK: the
  // deadline answers it then.
  if (status == NATS_OK) status = natsConnection_PublishMsg(connection_, msg);
  natsMsg_Destroy(msg);
  if (status == NATS_OK) return;
  std::optional<Pending> failed;
  {
    const std::lock_guard lock(mutex_);
    if (const auto it = pending_.find(number); it != pending_.end()) {
      failed.emplace(std::move(it->second));
      pending_.erase(it);
    }
  }
  if (failed) unavailable(failed->reply, "the event broker cannot be reached; retry");
}

void HistoryClient::on_answer(natsConnection*, natsSubscription*, natsMsg* msg, void* self) {
  static_cast<HistoryClient*>(self)->answered(msg);
  natsMsg_Destroy(msg);
}

void HistoryClient::answered(natsMsg* msg) {
  const std::string_view subject = natsMsg_GetSubject(msg);
  std::uint64_t number = 0;
  const auto tail = subject.substr(subject.rfind('.') + 1);
  std::from_chars(tail.data(), tail.data() + tail.size(), number);
  std::optional<Pending> query;
  {
    const std::lock_guard lock(mutex_);
    const auto it = pending_.find(number);
    if (it == pending_.end()) return;  // answered already (its deadline passed)
    query.emplace(std::move(it->second));
    pending_.erase(it);
  }
  const char* result_text = nullptr;
  std::optional<HistoryResult> result;
  if (!natsMsg_IsNoResponders(msg) &&
      natsMsgHeader_Get(msg, kResultHeader, &result_text) == NATS_OK) {
    result = parse_result(result_text);
  }
  if (!result || *result == HistoryResult::behind) {
    // No projector subscribed (the broker said "no responders"), or it could not catch up
    // with this client's writes in time: a right answer later beats a wrong one now.
    return unavailable(query->reply, "the history service is unavailable or catching up; retry");
  }
  if (*result == HistoryResult::account_not_found) {
    return query->reply.error(ErrorCode::account_not_found,
                              "account " + query->account + " does not exist");
  }
  query->reply.send(
      200, std::string(natsMsg_GetData(msg), static_cast<std::size_t>(natsMsg_GetDataLength(msg))));
}

void HistoryClient::sweep() {
  std::unique_lock lock(mutex_);
  for (;;) {
    wake_sweeper_.wait_for(lock, std::chrono::milliseconds(50));
    const bool last_round = stopping_;
    const auto now = std::chrono::steady_clock::now();
    std::vector<Pending> expired;
    for (auto it = pending_.begin(); it != pending_.end();) {
      if (last_round || it->second.deadline <= now) {
        expired.push_back(std::move(it->second));
        it = pending_.erase(it);
      } else {
        ++it;
      }
    }
    lock.unlock();
    for (Pending& query : expired) {
      unavailable(query.reply, last_round ? "the service is stopping"
                                          : "the history service did not answer in time; retry");
    }
    if (last_round) return;
    lock.lock();
  }
}

}  // namespace archbench::event_driven

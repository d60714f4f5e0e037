// Read-your-writes across the split, in one test process: the command service
// (EventDrivenService with a HistoryClient) and a Projector, both on a real nats-server, driven
// through the shared in-process harness. The projector's feed is gated here, so the test
// decides when its read model catches up:
//   - no projector at all: a history read is 503 unavailable with Retry-After, at once;
//   - a projector behind the front's last acknowledged write waits for it, then answers with it;
//   - one that does not catch up within its bound says "behind": 503, never the older history.
#include <gtest/gtest.h>

#include <chrono>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <string>
#include <thread>

#include "common/ledger/testing/in_process_client.hpp"
#include "common/testing/nats_server.hpp"
#include "event-driven/http/event_driven_service.hpp"
#include "event-driven/log/nats_log.hpp"
#include "event-driven/split/jetstream_feed.hpp"
#include "event-driven/split/projector.hpp"

namespace archbench::event_driven {
namespace {

using ledger::testing::InProcessClient;
using namespace std::chrono_literals;
using Clock = std::chrono::steady_clock;

// The real JetStream feed, holding every record until open() is called.
class GatedFeed final : public EventFeed {
 public:
  explicit GatedFeed(const std::string& url) : inner_(JetStreamFeedOptions{.url = url}) {}
  void start(Visit visit) override {
    inner_.start([this, visit = std::move(visit)](Position position, std::string_view record) {
      std::unique_lock lock(mutex_);
      opened_.wait(lock, [&] { return open_ || stopping_; });
      lock.unlock();
      visit(position, record);
    });
  }
  void stop() override {
    {
      const std::lock_guard lock(mutex_);
      stopping_ = true;
    }
    opened_.notify_all();
    inner_.stop();
  }
  void open() {
    {
      const std::lock_guard lock(mutex_);
      open_ = true;
    }
    opened_.notify_all();
  }

 private:
  JetStreamFeed inner_;
  std::mutex mutex_;
  std::condition_variable opened_;
  bool open_ = false;
  bool stopping_ = false;
};

class ReadYourWrites : public ::testing::Test {
 protected:
  ReadYourWrites()
      : front_(std::make_unique<NatsLog>(NatsLogOptions{.url = nats_.url()}),
               std::make_unique<HistoryClient>(nats_.url(), 2000ms)),
        client_(front_) {}
  ~ReadYourWrites() override { front_.stop(); }

  // Opens an account with one deposit of 100, acknowledged by the front.
  void open_and_deposit() {
    ASSERT_EQ(client_.send("POST", "/accounts", R"({"owner":"o","currency":"EUR"})").status, 201);
    ASSERT_EQ(client_.send("POST", "/accounts/acc-1/deposits", R"({"amount":100,"request_id":"d"})")
                  .status,
              201);
  }

  archbench::testing::NatsServer nats_;
  EventDrivenService front_;
  InProcessClient client_;
};

TEST_F(ReadYourWrites, WithoutAProjectorAHistoryIs503AtOnce) {
  open_and_deposit();
  const auto started = Clock::now();
  const auto& response = client_.send("GET", "/accounts/acc-1/transactions");
  EXPECT_EQ(response.status, 503) << response.body;
  EXPECT_NE(response.body.find("\"unavailable\""), std::string::npos) << response.body;
  EXPECT_NE(response.extra_headers.find("Retry-After: 1"), std::string::npos);
  EXPECT_LT(Clock::now() - started, 1s) << "the broker says 'no responders': no need to wait";
}

TEST_F(ReadYourWrites, AProjectorBehindTheFrontWaitsForTheWriteThenAnswersWithIt) {
  auto feed = std::make_unique<GatedFeed>(nats_.url());
  GatedFeed& gate = *feed;
  Projector projector(nats_.url(), std::move(feed), 1000ms);
  open_and_deposit();  // acknowledged by the front; the projector has applied nothing yet
  std::jthread opener([&] {
    std::this_thread::sleep_for(300ms);
    gate.open();
  });
  const auto started = Clock::now();
  const auto& response = client_.send("GET", "/accounts/acc-1/transactions");
  EXPECT_GE(Clock::now() - started, 250ms) << "answered before the projector had the write";
  EXPECT_EQ(response.status, 200) << response.body;
  EXPECT_NE(response.body.find("\"balance_after\":100"), std::string::npos) << response.body;
  projector.stop();
}

TEST_F(ReadYourWrites, AProjectorThatCannotCatchUpInTimeIs503NeverAnOlderHistory) {
  auto feed = std::make_unique<GatedFeed>(nats_.url());
  GatedFeed& gate = *feed;
  Projector projector(nats_.url(), std::move(feed), 1000ms);
  open_and_deposit();
  const auto& response = client_.send("GET", "/accounts/acc-1/transactions");
  // Its read model does not even know the account: answering now would be a wrong 404.
  EXPECT_EQ(response.status, 503) << response.body;
  EXPECT_NE(response.body.find("\"unavailable\""), std::string::npos) << response.body;
  gate.open();
  projector.stop();
}

}  // namespace
}  // namespace archbench::event_driven

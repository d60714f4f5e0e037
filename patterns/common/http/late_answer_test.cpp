// The late-answer path under pressure, over real sockets: many connections on several I/O
// threads, answered by several foreign threads at once (contention on each IoWorker's lock-free
// queue, and answers that arrive while earlier ones are still being written), written straight
// into the lent body buffer; and answers that keep coming while the server shuts down (the
// gate in IoWorker: nothing leaks, nothing touches a torn-down context - the debug preset runs
// it under AddressSanitizer, the tsan stage under ThreadSanitizer).
#include <gtest/gtest.h>

#include <atomic>
#include <condition_variable>
#include <cstddef>
#include <deque>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "common/http/request.hpp"
#include "common/http/server.hpp"
#include "common/http/test_client.hpp"

namespace archbench::http {
namespace {

// Responders handed from the I/O threads to answering threads; close() wakes them all up.
class AnswerQueue {
 public:
  struct Job {
    std::string_view body;  // the request's body: valid until answered
    Responder responder;
  };
  void push(std::string_view body, Responder responder) {
    {
      const std::lock_guard lock(mutex_);
      jobs_.push_back(Job{body, std::move(responder)});
    }
    changed_.notify_one();
  }
  // The next job, or an empty Responder once closed and empty.
  Job pop() {
    std::unique_lock lock(mutex_);
    changed_.wait(lock, [this] { return closed_ || !jobs_.empty(); });
    if (jobs_.empty()) return Job{{}, Responder(nullptr, nullptr)};
    Job job = std::move(jobs_.front());
    jobs_.pop_front();
    return job;
  }
  void close() {
    {
      const std::lock_guard lock(mutex_);
      closed_ = true;
    }
    changed_.notify_all();
  }

 private:
  std::mutex mutex_;
  std::condition_variable changed_;
  std::deque<Job> jobs_;
  bool closed_ = false;
};

// Answering threads: each answer echoes the request body, written into Responder::body().
class Answerers {
 public:
  Answerers(AnswerQueue& queue, int threads) {
    for (int i = 0; i < threads; ++i) {
      threads_.emplace_back([&queue, this] {
        for (;;) {
          AnswerQueue::Job job = queue.pop();
          if (!job.responder) return;
          job.responder.body().append("echo:").append(job.body);
          job.responder.send(200);
          answered_.fetch_add(1);
        }
      });
    }
  }
  ~Answerers() {
    for (auto& thread : threads_) thread.join();
  }
  Answerers(const Answerers&) = delete;
  Answerers& operator=(const Answerers&) = delete;
  [[nodiscard]] int answered() const { return answered_.load(); }

 private:
  std::vector<std::thread> threads_;
  std::atomic<int> answered_{0};
};

std::string post(const std::string& body) {
  return "POST / HTTP/1.1\r\nHost: t\r\nContent-Length: " + std::to_string(body.size()) +
         "\r\n\r\n" + body;
}

TEST(LateAnswers, ManyConnectionsAnsweredFromManyThreadsKeepTheirOrder) {
  constexpr int kClients = 12;
  constexpr int kRequests = 60;  // per client, pipelined in one send
  AnswerQueue queue;
  auto server = std::make_unique<Server>(ServerOptions{"127.0.0.1", 0, 2},
                                         [&queue](const Request& r, Responder responder) {
                                           queue.push(r.body, std::move(responder));
                                         });
  std::thread runner([&] { server->run(); });
  {
    const Answerers answerers(queue, 4);
    std::vector<std::thread> clients;
    std::atomic<int> wrong{0};
    for (int c = 0; c < kClients; ++c) {
      clients.emplace_back([&, c] {
        test::TestClient client(server->port());
        std::string pipeline;
        for (int i = 0; i < kRequests; ++i) {
          // Growing bodies: the lent buffer must grow, and answers of different sizes interleave.
          pipeline += post(std::to_string(c) + "/" + std::to_string(i) + std::string(i * 13, '.'));
        }
        if (!client.send(pipeline)) wrong.fetch_add(1);
        for (int i = 0; i < kRequests; ++i) {
          const auto response = client.read_response();
          const std::string expected =
              "echo:" + std::to_string(c) + "/" + std::to_string(i) + std::string(i * 13, '.');
          if (!response || response->status != 200 || response->body != expected) {
            wrong.fetch_add(1);
          }
        }
      });
    }
    for (auto& client : clients) client.join();
    EXPECT_EQ(wrong.load(), 0);
    queue.close();
  }
  server->stop();
  runner.join();
}

TEST(LateAnswers, AnswersThatRaceTheShutdownAreNeitherLeakedNorDeliveredToADeadContext) {
  constexpr int kClients = 16;
  AnswerQueue queue;
  auto server = std::make_unique<Server>(ServerOptions{"127.0.0.1", 0, 2},
                                         [&queue](const Request& r, Responder responder) {
                                           queue.push(r.body, std::move(responder));
                                         });
  std::thread runner([&] { server->run(); });
  std::vector<std::unique_ptr<test::TestClient>> clients;
  for (int c = 0; c < kClients; ++c) {
    clients.push_back(std::make_unique<test::TestClient>(server->port()));
    ASSERT_TRUE(clients.back()->send(post("hold " + std::to_string(c))));
  }
  {
    // The answerers start now and race the shutdown below: some answers reach running I/O
    // threads, some a stopped one, some a worker already shut down.
    const Answerers answerers(queue, 3);
    server->stop();
    runner.join();
    server.reset();  // shuts the workers down while answers are still being delivered
    queue.close();
  }
  // Every connection closes, answered (if the answer beat the shutdown) or not; ASan's leak
  // check at exit catches a connection left in a queue.
  for (std::size_t c = 0; c < clients.size(); ++c) {
    if (const auto answer = clients[c]->read_response()) {
      EXPECT_EQ(answer->body, "echo:hold " + std::to_string(c));
    }
    EXPECT_TRUE(clients[c]->closed_by_server()) << "client " << c;
  }
}

}  // namespace
}  // namespace archbench::http

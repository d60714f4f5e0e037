// Lab 02's test helpers: an actor system per test, accounts and a coordinator in it, and
// blocking questions to them from the test's thread (the test may block; the actors may not).
// Every wait is bounded, so a starter that never answers fails with a message instead of a hang.
#pragma once

#include <gtest/gtest.h>

#include <caf/all.hpp>
#include <chrono>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "account_actor.hpp"
#include "coordinator.hpp"
#include "protocol.hpp"

namespace archbench::lab02::testing {

inline constexpr auto kPatience = std::chrono::seconds(10);

inline caf::actor_system_config& with_threads(caf::actor_system_config& config, int threads) {
  config.set("scheduler.max-threads", threads);
  return config;
}

class World {
 public:
  explicit World(int scheduler_threads = 2)
      : system_(with_threads(config_, scheduler_threads)), self_(system_) {}
  World(const World&) = delete;
  World& operator=(const World&) = delete;
  ~World() {
    for (const caf::actor& actor : spawned_)
      self_->send_exit(actor, caf::exit_reason::user_shutdown);
  }

  caf::actor open(std::string id, std::string currency, Money balance) {
    caf::actor account =
        system_.spawn(account_actor, Opening{id, std::move(currency), balance}, &ids_);
    spawned_.push_back(account);
    directory_[std::move(id)] = account;
    return account;
  }
  // Any other actor, stopped with the others at the end.
  template <class Behaviour, class... Args>
  caf::actor spawn_link(Behaviour behaviour, Args&&... args) {
    caf::actor actor = system_.spawn(behaviour, std::forward<Args>(args)...);
    spawned_.push_back(actor);
    return actor;
  }
  // Puts `actor` in the directory under `id` (e.g. a link in front of an account).
  void route(std::string id, caf::actor actor) {
    spawned_.push_back(actor);
    directory_[std::move(id)] = std::move(actor);
  }
  // A coordinator over the accounts opened (and routed) so far.
  caf::actor coordinator() {
    caf::actor coordinator =
        system_.spawn(transfer_coordinator, std::make_shared<const Directory>(directory_));
    spawned_.push_back(coordinator);
    return coordinator;
  }
  caf::actor spawn_dead_account(std::string id) {
    caf::actor account = open(std::move(id), "EUR", 0);
    self_->monitor(account);
    self_->send_exit(account, caf::exit_reason::kill);
    self_->receive([](const caf::down_msg&) {});
    return account;
  }

  // The answer of `to` to `message`, or nullopt (and a test failure) if none came.
  template <class Answer, class Message>
  std::optional<Answer> ask(const caf::actor& to, Message message) {
    std::optional<Answer> answer;
    self_->request(to, kPatience, std::move(message))
        .receive(
            [&](Answer& received) { answer = std::move(received); },
            [&](caf::error& error) { ADD_FAILURE() << "no answer: " << caf::to_string(error); });
    return answer;
  }
  AccountView read(const caf::actor& account) {
    return ask<AccountView>(account, ReadAccount{}).value_or(AccountView{});
  }
  TransferDone transfer(const caf::actor& coordinator, ledger::TransferRequest request) {
    if (auto done = ask<TransferDone>(coordinator, RunTransfer{std::move(request)})) return *done;
    return {ledger::Error{ledger::ErrorCode::internal_error, "the coordinator did not answer"}};
  }
  // Sends every request at once (all in flight together), then collects the answers in the
  // order they come.
  std::vector<TransferDone> transfer_all(const caf::actor& coordinator,
                                         std::vector<ledger::TransferRequest> requests) {
    for (auto& request : requests) self_->send(coordinator, RunTransfer{std::move(request)});
    std::vector<TransferDone> answers;
    bool waiting = true;
    for (std::size_t i = 0; waiting && i < requests.size(); ++i) {
      self_->receive([&](TransferDone& done) { answers.push_back(std::move(done)); },
                     caf::after(kPatience) >> [&] { waiting = false; });
    }
    EXPECT_EQ(answers.size(), requests.size()) << "transfers left unanswered after 10 s";
    return answers;
  }

  TransferIds& ids() { return ids_; }
  caf::scoped_actor& self() { return self_; }

 private:
  // The actors use ids_ until the system has stopped them: declared before it, it outlives it.
  caf::actor_system_config config_;
  TransferIds ids_;
  caf::actor_system system_;
  caf::scoped_actor self_;
  Directory directory_;
  std::vector<caf::actor> spawned_;
};

inline ledger::TransferRequest transfer_request(std::string from, std::string to, Money amount,
                                                std::string request_id,
                                                std::string currency = "EUR") {
  return {.from = std::move(from),
          .to = std::move(to),
          .amount = amount,
          .currency = std::move(currency),
          .request_id = std::move(request_id),
          .memo = std::nullopt};
}

// The refusal's words, or a description of what came instead.
inline std::string refusal_of(const TransferDone& done) {
  if (const auto* error = std::get_if<ledger::Error>(&done.outcome)) {
    return std::string(ledger::error_code_name(error->code)) + ": " + error->message;
  }
  return "transfer " + std::get<ledger::Transfer>(done.outcome).id + " (it went through)";
}

inline std::string refusal_of(const std::optional<Refusal>& refusal) {
  if (!refusal) return "no refusal";
  return std::string(ledger::error_code_name(refusal->error.code)) + ": " + refusal->error.message +
         " (check " + std::to_string(static_cast<int>(refusal->check)) + ")";
}

}  // namespace archbench::lab02::testing

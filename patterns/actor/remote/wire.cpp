// The registrations of the remote message types, and the start-up check that they work.
#include "actor/remote/wire.hpp"

#include <array>
#include <caf/all.hpp>
#include <caf/binary_deserializer.hpp>
#include <caf/binary_serializer.hpp>
#include <caf/io/middleman.hpp>
#include <vector>

#include "actor/messages.hpp"
#include "actor/remote/protocol.hpp"

namespace archbench::actor::remote {
namespace {

template <class T>
void add_type(caf::actor_system_config& config, const char* name) {
  config.add_message_type<T>(name);
}
template <class T>
constexpr Registration registration(const char* name) {
  return {name, &add_type<T>};
}

// The names are the wire's: a front and its hosts must agree on them.
constexpr std::array kRegistrations = {
    registration<JoinFront>("archbench.JoinFront"),
    registration<Joined>("archbench.Joined"),
    registration<RemoteOpenAccount>("archbench.RemoteOpenAccount"),
    registration<RemoteGetAccount>("archbench.RemoteGetAccount"),
    registration<RemoteListTransactions>("archbench.RemoteListTransactions"),
    registration<RemoteAnswer>("archbench.RemoteAnswer"),
    registration<ApplyDeposit>("archbench.ApplyDeposit"),
    registration<DepositDone>("archbench.DepositDone"),
    registration<ReserveCredit>("archbench.ReserveCredit"),
    registration<StepVerdict>("archbench.StepVerdict"),
    registration<Debit>("archbench.Debit"),
    registration<DebitVerdict>("archbench.DebitVerdict"),
    registration<CommitCredit>("archbench.CommitCredit"),
    registration<Committed>("archbench.Committed"),
    registration<ReleaseCredit>("archbench.ReleaseCredit"),
};

// One message of every type the front and a host send each other, with every optional field
// present and absent and both sides of every variant, so that each field's way over the wire
// is exercised.
std::vector<caf::message> samples() {
  const ledger::TransferRequest request{.from = "acc-1",
                                        .to = "acc-2",
                                        .amount = 1250,
                                        .currency = "EUR",
                                        .request_id = "tr-19c2",
                                        .memo = "rent"};
  const Refusal refusal{5, {ledger::ErrorCode::insufficient_funds, "not enough"}};
  return {
      caf::make_message(JoinFront{1, 2}),
      caf::make_message(Joined{}),
      caf::make_message(Joined{{
          {.kind = Event::Kind::opened, .account = "acc-7", .counterparty = "o", .currency = "EUR"},
          {.kind = Event::Kind::debited,
           .account = "acc-7",
           .request_id = "tr-19c2",
           .id = "tr-4",
           .counterparty = "acc-2",
           .amount = 1250,
           .memo = "rent"},
      }}),
      caf::make_message(RemoteOpenAccount{{.id = "acc-7", .owner = "o", .currency = "EUR"}}),
      caf::make_message(RemoteGetAccount{"acc-7"}),
      caf::make_message(RemoteListTransactions{"acc-7", 20}),
      caf::make_message(RemoteAnswer{201, R"({"id":"acc-7"})"}),
      caf::make_message(ApplyDeposit{"acc-7", 500, "dep-r1"}),
      caf::make_message(DepositDone{ledger::Deposit{"dep-3", "acc-7", 500, 900}}),
      caf::make_message(DepositDone{ledger::Error{ledger::ErrorCode::invalid_amount, "too big"}}),
      caf::make_message(ReserveCredit{"acc-2", 1250, "EUR", "tr-19c2"}),
      caf::make_message(StepVerdict{}),
      caf::make_message(StepVerdict{refusal}),
      caf::make_message(Debit{request, false}),
      caf::make_message(Debit{{"acc-1", "acc-2", 1, "EUR", "r", std::nullopt}, true}),
      caf::make_message(DebitVerdict{{}, "tr-4"}),
      caf::make_message(DebitVerdict{refusal, ""}),
      caf::make_message(CommitCredit{"acc-2", "acc-1", "tr-4", 1250, "rent", "tr-19c2"}),
      caf::make_message(CommitCredit{"acc-2", "acc-1", "tr-4", 1250, std::nullopt, "r"}),
      caf::make_message(Committed{}),
      caf::make_message(ReleaseCredit{"acc-2", 1250, "tr-19c2"}),
  };
}

}  // namespace

std::span<const Registration> remote_types() { return kRegistrations; }

void add_remote_types(caf::actor_system_config& config) {
  config.load<caf::io::middleman>();
  // Messages that arrive are read on the middleman's own thread rather than handed to a worker
  // thread first: one thread handoff less per message, each handoff a wake-up.
  config.set("middleman.workers", std::size_t{0});
  for (const Registration& type : kRegistrations) type.add(config, type.name);
}

std::string check_remote_types(caf::actor_system& system) {
  std::string failures;
  for (const caf::message& sent : samples()) {
    std::vector<char> bytes;
    caf::binary_serializer sink{system, bytes};
    auto copy = sent;  // the serializer takes a mutable message
    caf::message received;
    if (auto error = sink(copy)) {
      failures += "cannot write " + caf::to_string(sent) + ": " + system.render(error) + "\n";
      continue;
    }
    caf::binary_deserializer source{system, bytes};
    if (auto error = source(received)) {
      failures += "cannot read " + caf::to_string(sent) + " back: " + system.render(error) + "\n";
    } else if (caf::to_string(received) != caf::to_string(sent)) {
      failures += "sent " + caf::to_string(sent) + ", read back " + caf::to_string(received) + "\n";
    }
  }
  return failures;
}

}  // namespace archbench::actor::remote

// How the messages that cross processes are written on the wire: CAF 0.17's inspect() for each
// of them and for the ledger values they hold. messages.hpp includes this at its end, so that
// every message CAF builds from these types can be serialised; the middleman does that when the
// receiver lives in another process (a shard host, remote/shard_host.hpp).
//
// CAF 0.17's inspectors know numbers, enums, strings and containers, not std::optional or
// std::variant: Maybe and Either below write them as a flag (or an index) and the values, and
// put them back after loading (load_callback). Saving copies the optional value once: cheap
// beside the socket it is going to.
//
// A type that crosses the wire must also be registered by name (remote/wire.cpp), or the peer
// cannot read it; remote/wire.cpp's self-check round-trips one of each at start.
#pragma once

#include <caf/error.hpp>
#include <caf/meta/load_callback.hpp>
#include <caf/meta/type_name.hpp>
#include <caf/none.hpp>
#include <optional>
#include <utility>
#include <variant>

#include "actor/messages.hpp"  // (messages.hpp includes this file at its end)
#include "common/ledger/messages.hpp"

namespace archbench::actor::wire {

// An std::optional<T> field: a presence flag, then the value (a default one when absent).
template <class T>
struct Maybe {
  std::optional<T>& field;
};
template <class Inspector, class T>
typename Inspector::result_type inspect(Inspector& f, Maybe<T>& x) {
  bool present = x.field.has_value();
  T value = present ? *x.field : T{};
  return f(caf::meta::type_name("optional"), present, value,
           caf::meta::load_callback([&]() -> caf::error {
             if (present) {
               x.field = std::move(value);
             } else {
               x.field.reset();
             }
             return caf::none;
           }));
}

// An std::variant<A, B> field: the index, then both alternatives (the inactive one default).
template <class A, class B>
struct Either {
  std::variant<A, B>& field;
};
template <class Inspector, class A, class B>
typename Inspector::result_type inspect(Inspector& f, Either<A, B>& x) {
  auto index = static_cast<std::uint8_t>(x.field.index());
  A first = index == 0 ? std::get<0>(x.field) : A{};
  B second = index == 1 ? std::get<1>(x.field) : B{};
  return f(caf::meta::type_name("variant"), index, first, second,
           caf::meta::load_callback([&]() -> caf::error {
             if (index == 0) {
               x.field = std::move(first);
             } else {
               x.field = std::move(second);
             }
             return caf::none;
           }));
}

}  // namespace archbench::actor::wire

namespace archbench::ledger {

template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, Error& x) {
  return f(caf::meta::type_name("ledger::Error"), x.code, x.message);
}
template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, Account& x) {
  return f(caf::meta::type_name("ledger::Account"), x.id, x.owner, x.currency, x.balance);
}
template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, Deposit& x) {
  return f(caf::meta::type_name("ledger::Deposit"), x.id, x.account, x.amount, x.balance);
}
template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, TransferRequest& x) {
  actor::wire::Maybe<std::string> memo{x.memo};
  return f(caf::meta::type_name("ledger::TransferRequest"), x.from, x.to, x.amount, x.currency,
           x.request_id, memo);
}

}  // namespace archbench::ledger

namespace archbench::actor {

// ---- the transfer steps and the deposit, sent by the front's actors to a host's owner -------

template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, ApplyDeposit& x) {
  return f(caf::meta::type_name("ApplyDeposit"), x.account, x.amount, x.request_id);
}
template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, DepositDone& x) {
  wire::Either<ledger::Deposit, ledger::Error> outcome{x.outcome};
  return f(caf::meta::type_name("DepositDone"), outcome);
}
template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, Refusal& x) {
  return f(caf::meta::type_name("Refusal"), x.check, x.error);
}
template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, ReserveCredit& x) {
  return f(caf::meta::type_name("ReserveCredit"), x.to, x.amount, x.currency, x.request_id);
}
template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, StepVerdict& x) {
  wire::Maybe<Refusal> refusal{x.refusal};
  return f(caf::meta::type_name("StepVerdict"), refusal);
}
template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, Debit& x) {
  return f(caf::meta::type_name("Debit"), x.request, x.apply);
}
template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, DebitVerdict& x) {
  wire::Maybe<Refusal> refusal{x.refusal};
  return f(caf::meta::type_name("DebitVerdict"), refusal, x.transfer_id);
}
template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, CommitCredit& x) {
  wire::Maybe<std::string> memo{x.memo};
  return f(caf::meta::type_name("CommitCredit"), x.to, x.from, x.transfer_id, x.amount, memo,
           x.request_id);
}
template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, Committed& /*x*/) {
  return f(caf::meta::type_name("Committed"));
}
template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, ReleaseCredit& x) {
  return f(caf::meta::type_name("ReleaseCredit"), x.to, x.amount, x.request_id);
}

}  // namespace archbench::actor

// The actor backend's HTTP adapter: stateless checks, one message, return.
#include "actor/http/actor_service.hpp"

#include <caf/all.hpp>
#include <chrono>
#include <thread>
#include <utility>

#include "actor/actors/account_actor.hpp"
#include "actor/actors/batch_runner.hpp"
#include "actor/actors/chaos_monkey.hpp"
#include "actor/actors/idempotency_registry.hpp"
#include "actor/actors/recovery.hpp"
#include "actor/actors/supervisor.hpp"
#include "actor/actors/transfer_coordinator.hpp"
#include "actor/messages.hpp"
#include "actor/remote/shard_hosts.hpp"
#include "actor/remote/wire.hpp"
#include "actor/rules.hpp"
#include "common/ledger/json_codec.hpp"

namespace archbench::actor {

using ledger::Error;
using ledger::ErrorCode;

ActorService::ActorService(const ActorOptions& options, ActorParts parts)
    : options_(options),
      owners_load_{!options.shard_hosts.empty()                  ? "host"
                   : options.granularity == Granularity::account ? "directory"
                                                                 : "account",
                   std::vector<ActorLoad>(options.shards)},
      accounts_load_{
          "account",
          std::vector<ActorLoad>(options.granularity == Granularity::account ? options.shards : 0)},
      registries_load_{"registry", std::vector<ActorLoad>(options.shards)},
      coordinators_load_{"coordinator", std::vector<ActorLoad>(options.shards)},
      batches_load_{"batch", std::vector<ActorLoad>(1)} {
  // CAF starts as many scheduler threads as it sees cores, at least 4: say how many.
  config_.set("scheduler.max-threads", options.threads);
  config_.set("scheduler.policy", caf::atom_from_string(options.scheduler));
  // With shard hosts, the owners are links to other processes (remote/): CAF's middleman.
  if (!options.shard_hosts.empty()) remote::add_remote_types(config_);
  system_ = std::make_unique<caf::actor_system>(config_);

  // Each owner behind its supervisor, with its journal (read back from --journal DIR).
  OpenedJournals journals = open_journals(options, ids_);
  std::vector<caf::actor> owners;
  if (!options.shard_hosts.empty()) {
    // The owners are in the shard hosts, each behind its supervisor with its journal there. Each
    // host tells its journal when joined: read as this process's own would be (a front that
    // restarts under running hosts recovers as a process restarted on --journal DIR does).
    remote::LinkedHosts hosts =
        remote::link_shard_hosts(*system_, remote::parse_shard_hosts(options.shard_hosts),
                                 owners_load_.loads, std::chrono::seconds(10), parts.host_link);
    owners = std::move(hosts.links);
    journals.shards = std::move(hosts.journals);
    for (const auto& journal : journals.shards) move_past_ids(*journal, ids_);
  }
  for (std::size_t i = owners.size(); i < options.shards; ++i) {
    owners.push_back(
        options.granularity == Granularity::account
            ? system_->spawn(
                  directory_actor, &ids_, &owners_load_.loads[i], &accounts_load_.loads[i],
                  JournalPlace{options.journal_dir, options.journal_sync}, journals.directories[i])
            : system_->spawn(shard_supervisor,
                             OwnerContext{&ids_, &owners_load_.loads[i], journals.shards[i]}));
  }
  owners_ = std::make_shared<const ActorPool>(std::move(owners));
  // What the journals of a previous process (if any) mean for the registries.
  Reconciled reconciled = parts.reconciler(journals, options.shards);
  std::vector<caf::actor> registries;
  for (std::size_t i = 0; i < options.shards; ++i) {
    coordinators_.push_back(
        system_->spawn(parts.coordinator, owners_, &coordinators_load_.loads[i]));
    registries.push_back(system_->spawn(idempotency_registry, owners_, coordinators_.back(),
                                        &registries_load_.loads[i], reconciled.registries[i]));
  }
  registries_ = std::make_shared<const ActorPool>(std::move(registries));
  for (ReleaseCredit& stale : reconciled.stale_reservations) {
    caf::anon_send(owners_->of(stale.to), std::move(stale));
  }
  if (options.chaos_crash_every_ms > 0) {
    chaos_ = system_->spawn(chaos_monkey, owners_,
                            std::chrono::milliseconds(options.chaos_crash_every_ms));
  }
}

ActorService::~ActorService() { stop(); }

void ActorService::handle(const ledger::Call& call, ledger::Reply reply) {
  using ledger::Route;
  switch (call.route) {
    case Route::create_account:
      return create_account(call, std::move(reply));
    case Route::get_account:
    case Route::list_transactions:
      return read_account(call, std::move(reply));
    case Route::deposit:
      return deposit(call, std::move(reply));
    case Route::transfer:
      return transfer(call, std::move(reply));
    case Route::transfer_batch:
      return transfer_batch(call, std::move(reply));
    case Route::health:
    case Route::metrics:
    case Route::unknown:
      break;  // answered by the shared front, never handed to a service
  }
  reply.error(ErrorCode::internal_error, "the actor backend does not serve this route");
}

Ticket ActorService::admit(ActorLoad& load, std::string_view kind, ledger::Reply& reply) const {
  const auto limit = static_cast<std::int64_t>(options_.max_in_flight);
  if (load.in_flight.fetch_add(1, std::memory_order_acq_rel) >= limit) {
    load.in_flight.fetch_sub(1, std::memory_order_relaxed);
    reply.error(ErrorCode::overloaded, "an actor (" + std::string(kind) + ") already holds " +
                                           std::to_string(limit) +
                                           " requests (--max-in-flight); retry later");
    return nullptr;
  }
  return std::make_shared<PendingCall>(std::move(reply), load);
}

void ActorService::create_account(const ledger::Call& call, ledger::Reply reply) {
  auto parsed = ledger::parse_new_account(call.body);
  if (const auto* error = std::get_if<Error>(&parsed)) return reply.error(*error);
  auto& request = std::get<ledger::NewAccount>(parsed);
  if (auto error = rules::check_currency(request.currency)) return reply.error(*error);
  // The id decides which actor owns the account, so it is taken before that actor's load is
  // known: refused for overload, its number stays unused (the one gap the ids can have).
  ledger::Account account{.id = "acc-" + std::to_string(ids_.take(ids_.account)),
                          .owner = std::move(request.owner),
                          .currency = std::move(request.currency)};
  const std::size_t owner = owners_->index_of(account.id);
  Ticket ticket = admit(owners_load_.loads[owner], owners_load_.name, reply);
  if (!ticket) return;
  caf::anon_send(owners_->all()[owner], OpenAccount{std::move(account), std::move(ticket)});
}

void ActorService::read_account(const ledger::Call& call, ledger::Reply reply) {
  const std::size_t owner = owners_->index_of(call.account_id);
  Ticket ticket = admit(owners_load_.loads[owner], owners_load_.name, reply);
  if (!ticket) return;
  std::string id(call.account_id);
  if (call.route == ledger::Route::get_account) {
    caf::anon_send(owners_->all()[owner], GetAccount{std::move(id), std::move(ticket)});
  } else {
    caf::anon_send(owners_->all()[owner],
                   ListTransactions{std::move(id), call.limit, std::move(ticket)});
  }
}

void ActorService::deposit(const ledger::Call& call, ledger::Reply reply) {
  auto parsed = ledger::parse_deposit_request(call.body);
  if (const auto* error = std::get_if<Error>(&parsed)) return reply.error(*error);
  auto& request = std::get<ledger::DepositRequest>(parsed);
  if (auto error = rules::check_amount(request.amount)) return reply.error(*error);
  const std::size_t registry = registries_->index_of(request.request_id);
  Ticket ticket = admit(registries_load_.loads[registry], registries_load_.name, reply);
  if (!ticket) return;
  caf::anon_send(
      registries_->all()[registry],
      SubmitDeposit{std::string(call.account_id), std::move(request), std::move(ticket)});
}

void ActorService::transfer(const ledger::Call& call, ledger::Reply reply) {
  auto parsed = ledger::parse_transfer_request(call.body);
  if (const auto* error = std::get_if<Error>(&parsed)) return reply.error(*error);
  auto& request = std::get<ledger::TransferRequest>(parsed);
  if (auto error = rules::check_transfer(request)) return reply.error(*error);
  const std::size_t registry = registries_->index_of(request.request_id);
  Ticket ticket = admit(registries_load_.loads[registry], registries_load_.name, reply);
  if (!ticket) return;
  caf::anon_send(registries_->all()[registry],
                 SubmitTransfer{std::move(request), std::move(ticket)});
}

void ActorService::transfer_batch(const ledger::Call& call, ledger::Reply reply) {
  auto parsed = ledger::parse_transfer_batch(call.body);  // the heavy parse: on the I/O thread
  if (const auto* error = std::get_if<Error>(&parsed)) return reply.error(*error);
  ActorLoad& load = batches_load_.loads.front();
  Ticket ticket = admit(load, batches_load_.name, reply);
  if (!ticket) return;
  auto items = std::make_shared<BatchItems>(std::get<BatchItems>(std::move(parsed)));
  system_->spawn(batch_runner, std::move(items), std::move(ticket), registries_, &load);
}

std::int64_t ActorService::in_flight() const noexcept {
  std::int64_t total = 0;
  for (const Kind* kind :
       {&owners_load_, &accounts_load_, &registries_load_, &coordinators_load_, &batches_load_}) {
    for (const ActorLoad& load : kind->loads) {
      total += load.in_flight.load(std::memory_order_acquire);
    }
  }
  return total;
}

std::uint64_t ActorService::restarts() const noexcept {
  std::uint64_t total = 0;
  for (const Kind* kind : {&owners_load_, &accounts_load_}) {
    for (const ActorLoad& load : kind->loads)
      total += load.restarts.load(std::memory_order_relaxed);
  }
  return total;
}

void ActorService::stop() {
  if (stopped_) return;
  stopped_ = true;
  // No new request comes (the transport has stopped): let the actors answer what they hold.
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
  while (in_flight() > 0 && std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  // Then stop them all: whatever is left is dropped, each ticket answering 503 as it goes.
  if (chaos_) caf::anon_send_exit(chaos_, caf::exit_reason::user_shutdown);
  auto stop_all = [](const std::vector<caf::actor>& actors) {
    for (const caf::actor& actor : actors) {
      caf::anon_send_exit(actor, caf::exit_reason::user_shutdown);
    }
  };
  stop_all(registries_->all());
  stop_all(coordinators_);
  stop_all(owners_->all());  // a supervisor takes its linked account actors with it
  system_->await_all_actors_done();
}

void ActorService::append_metrics(std::string_view backend, std::string& out) const {
  const std::string labels = "{backend=\"" + std::string(backend) + "\",kind=\"";
  auto series = [&](std::string_view name, auto value_of) {
    for (const Kind* kind :
         {&owners_load_, &accounts_load_, &registries_load_, &coordinators_load_, &batches_load_}) {
      if (kind->loads.empty()) continue;
      std::uint64_t sum = 0;
      for (const ActorLoad& load : kind->loads) sum += value_of(load);
      out.append(name).append(labels).append(kind->name).append("\"} ");
      out.append(std::to_string(sum)).push_back('\n');
    }
  };
  out.append(
      "# HELP archbench_actor_in_flight Requests handed to actors of this kind, not answered yet.\n"
      "# TYPE archbench_actor_in_flight gauge\n");
  series("archbench_actor_in_flight", [](const ActorLoad& load) {
    return static_cast<std::uint64_t>(std::max<std::int64_t>(0, load.in_flight.load()));
  });
  out.append(
      "# HELP archbench_actor_messages_total Messages handled by actors of this kind.\n"
      "# TYPE archbench_actor_messages_total counter\n");
  series("archbench_actor_messages_total",
         [](const ActorLoad& load) { return load.processed.load(std::memory_order_relaxed); });
  out.append(
      "# HELP archbench_actor_restarts_total Actors of this kind restarted by their supervisor "
      "after a failure.\n"
      "# TYPE archbench_actor_restarts_total counter\n");
  series("archbench_actor_restarts_total",
         [](const ActorLoad& load) { return load.restarts.load(std::memory_order_relaxed); });
}

}  // namespace archbench::actor

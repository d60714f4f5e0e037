// Every write follows the same steps: the stateless checks, then one atomic unit of work that
// reads, asks the domain (idempotency first, then the rule) and writes what the domain decided.
// Each rule is checked once: the stateless half before the unit, the rest inside it.
#include "hexagonal/application/ledger.hpp"

#include <optional>
#include <stdexcept>
#include <string>
#include <utility>

#include "hexagonal/domain/idempotency.hpp"

namespace archbench::hexagonal::application {

using domain::Error;
using domain::Idempotency;
using domain::Operation;

namespace {

// The outcome a unit of work left behind. A store whose atomically() never ran the unit is
// broken; say so rather than answer a default-constructed success.
template <class T>
domain::Outcome<T> settled(std::optional<domain::Outcome<T>> outcome) {
  if (!outcome) throw std::logic_error("the store's atomically() did not run the unit of work");
  return std::move(*outcome);
}

// The idempotency step every write starts its unit of work with: true, with `outcome` set to
// the replayed answer or the conflict, when `request_id` was claimed before; false when the
// request is new and the write goes on.
template <class Request, class T>
bool answered_before(ports::UnitOfWork& unit, Operation operation, const Request& request,
                     const std::string& fingerprint, std::optional<domain::Outcome<T>>& outcome) {
  const auto previous = unit.find_idempotency_record(operation, request.request_id);
  switch (domain::check_idempotency(previous, fingerprint)) {
    case Idempotency::replay:
      outcome = domain::replayed(request, *previous);
      return true;
    case Idempotency::conflict:
      outcome = domain::idempotency_conflict(request.request_id);
      return true;
    case Idempotency::first_time:
      break;
  }
  return false;
}

// The id of the request a unit of work is deciding, taken from `ids` the first time the domain
// asks for it, that is once the rule accepted the request. Kept across runs of the unit: an
// optimistic store that runs it again (Redis, after losing a race) reuses it. (Should the rerun
// refuse the request, that number stays unused: a gap, never a duplicate.)
class LazyId {
 public:
  LazyId(ports::IdGenerator& ids, ports::IdKind kind) noexcept : ids_(ids), kind_(kind) {}
  [[nodiscard]] domain::NewId source() {
    return [this] {
      if (id_.empty()) id_ = ids_.next_id(kind_);
      return id_;
    };
  }
  [[nodiscard]] const std::string& value() const noexcept { return id_; }

 private:
  ports::IdGenerator& ids_;
  ports::IdKind kind_;
  std::string id_;
};

}  // namespace

domain::Outcome<domain::Account> Ledger::create_account(domain::NewAccount request) {
  LazyId id(ids_, ports::IdKind::account);
  auto created = domain::create_account(std::move(request), id.source());
  if (const auto* account = std::get_if<domain::Account>(&created)) store_.add_account(*account);
  return created;
}

domain::Outcome<domain::Account> Ledger::get_account(std::string_view id) {
  if (auto account = store_.find_account(id)) return *std::move(account);
  return domain::account_not_found(id);
}

domain::Outcome<domain::Deposit> Ledger::deposit(const domain::DepositRequest& request) {
  if (auto refused = domain::check_deposit(request)) return *std::move(refused);
  const std::string fingerprint = domain::fingerprint(request);
  LazyId id(ids_, ports::IdKind::deposit);

  std::optional<domain::Outcome<domain::Deposit>> outcome;
  store_.atomically([&](ports::UnitOfWork& unit) {
    if (answered_before(unit, Operation::deposit, request, fingerprint, outcome)) return false;

    auto posted = domain::post_deposit(request, unit.find_account(request.account), id.source());
    if (auto* refused = std::get_if<Error>(&posted)) {
      outcome = std::move(*refused);
      return false;
    }
    auto& posting = std::get<domain::DepositPosting>(posted);
    unit.set_balance(request.account, posting.deposit.balance);
    unit.append_transaction(request.account, posting.line);
    unit.save_idempotency_record(Operation::deposit, request.request_id,
                                 {fingerprint, id.value(), posting.deposit.balance});
    outcome = std::move(posting.deposit);
    return true;
  });
  return settled(std::move(outcome));
}

domain::Outcome<domain::Transfer> Ledger::transfer(const domain::TransferRequest& request) {
  if (auto refused = domain::check_transfer(request)) return *std::move(refused);
  const std::string fingerprint = domain::fingerprint(request);
  LazyId id(ids_, ports::IdKind::transfer);

  std::optional<domain::Outcome<domain::Transfer>> outcome;
  store_.atomically([&](ports::UnitOfWork& unit) {
    if (answered_before(unit, Operation::transfer, request, fingerprint, outcome)) return false;

    const auto from = unit.find_account(request.from);
    const auto to = unit.find_account(request.to);
    auto posted = domain::post_transfer(request, from, to, id.source());
    if (auto* refused = std::get_if<Error>(&posted)) {
      outcome = std::move(*refused);
      return false;
    }
    auto& posting = std::get<domain::TransferPosting>(posted);
    unit.set_balance(request.from, posting.from_balance);
    unit.set_balance(request.to, posting.to_balance);
    unit.append_transaction(request.from, posting.debit);
    unit.append_transaction(request.to, posting.credit);
    unit.save_idempotency_record(Operation::transfer, request.request_id,
                                 {fingerprint, id.value(), 0});
    outcome = std::move(posting.transfer);
    return true;
  });
  return settled(std::move(outcome));
}

domain::Outcome<std::vector<domain::Transaction>> Ledger::list_transactions(
    std::string_view account_id, int limit) {
  if (auto lines = store_.recent_transactions(account_id, limit)) return *std::move(lines);
  return domain::account_not_found(account_id);
}

}  // namespace archbench::hexagonal::application

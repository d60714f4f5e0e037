#include "hexagonal/adapters/redis/redis_store.hpp"

#include <algorithm>
#include <charconv>
#include <stdexcept>
#include <utility>

#include "hexagonal/adapters/redis/transaction_encoding.hpp"

namespace archbench::hexagonal::adapters {

using redis::Reply;

namespace {

std::string account_key(std::string_view id) { return "ledger:account:" + std::string(id); }

std::string transactions_key(std::string_view id) {
  return "ledger:transactions:" + std::string(id);
}

std::string request_key(domain::Operation operation, std::string_view request_id) {
  return std::string(operation == domain::Operation::deposit ? "ledger:request:deposit:"
                                                             : "ledger:request:transfer:") +
         std::string(request_id);
}

domain::Money to_money(const Reply& reply) {
  domain::Money value = 0;
  const auto* end = reply.text.data() + reply.text.size();
  const auto [last, error] = std::from_chars(reply.text.data(), end, value);
  if (error != std::errc{} || last != end) throw std::runtime_error("redis: not an integer");
  return value;
}

// An HMGET reply of an account hash: all nil when there is no such key.
std::optional<domain::Account> to_account(std::string_view id, const Reply& reply) {
  if (reply.elements.size() != 3 || reply.elements[0].is_nil()) return std::nullopt;
  return domain::Account{std::string(id), reply.elements[0].text, reply.elements[1].text,
                         to_money(reply.elements[2])};
}

}  // namespace

// Reads are WATCH + HMGET, pipelined (one round trip each); writes are queued in memory and
// sent with MULTI ... EXEC by commit() (one round trip).
class RedisStore::Unit final : public ports::UnitOfWork {
 public:
  explicit Unit(redis::Connection& connection) noexcept : c_(connection) {}

  std::optional<domain::Account> find_account(std::string_view id) override {
    const auto key = account_key(id);
    c_.append({"WATCH", key});
    c_.append({"HMGET", key, "owner", "currency", "balance"});
    (void)c_.read_ok();
    return to_account(id, c_.read_ok());
  }

  std::optional<domain::IdempotencyRecord> find_idempotency_record(
      domain::Operation operation, std::string_view request_id) override {
    const auto key = request_key(operation, request_id);
    c_.append({"WATCH", key});
    c_.append({"HMGET", key, "fingerprint", "result_id", "balance"});
    (void)c_.read_ok();
    const Reply reply = c_.read_ok();
    if (reply.elements.size() != 3 || reply.elements[0].is_nil()) return std::nullopt;
    return domain::IdempotencyRecord{reply.elements[0].text, reply.elements[1].text,
                                     to_money(reply.elements[2])};
  }

  void set_balance(std::string_view account_id, domain::Money balance) override {
    writes_.push_back({"HSET", account_key(account_id), "balance", std::to_string(balance)});
  }

  void append_transaction(std::string_view account_id, const domain::Transaction& line) override {
    writes_.push_back({"LPUSH", transactions_key(account_id), redis::encode(line)});
  }

  void save_idempotency_record(domain::Operation operation, std::string_view request_id,
                               const domain::IdempotencyRecord& record) override {
    writes_.push_back({"HSET", request_key(operation, request_id), "fingerprint",
                       record.fingerprint, "result_id", record.result_id, "balance",
                       std::to_string(record.balance)});
  }

  // Ends a unit that writes nothing (a refusal, a replay), dropping anything it queued. False:
  // a watched key changed, and the unit must run again. An empty MULTI/EXEC checks the watched
  // keys like any commit (one round trip, as UNWATCH was): reads that raced another unit's
  // commit run again instead of answering from a torn view (a replay that missed the
  // idempotency record but saw its transfer's debit answered "insufficient funds").
  bool discard() {
    writes_.clear();
    return commit();
  }

  // Sends the queued writes as one transaction. False: a watched key changed, nothing was
  // written, and the unit must run again.
  bool commit() {
    c_.append({"MULTI"});
    for (const auto& write : writes_) c_.append(write);
    c_.append({"EXEC"});
    (void)c_.read_ok();                                                   // OK
    for (std::size_t i = 0; i < writes_.size(); ++i) (void)c_.read_ok();  // QUEUED
    const Reply exec = c_.read_ok();
    if (exec.is_nil()) return false;
    // Redis does not roll back a transaction in which one command failed (only a wrong key
    // type can make these fail): report it loudly rather than pretend.
    for (const auto& result : exec.elements) {
      if (result.type == Reply::Type::error) {
        throw std::runtime_error("redis: write failed inside EXEC: " + result.text);
      }
    }
    return true;
  }

 private:
  redis::Connection& c_;
  std::vector<std::vector<std::string>> writes_;
};

RedisStore::RedisStore(std::string host, int port)
    : host_(std::move(host)),
      port_(port),
      pool_([this] { return std::make_unique<redis::Connection>(host_, port_); }) {
  (void)pool_.acquire()->command({"PING"});
}

void RedisStore::add_account(const domain::Account& account) {
  (void)pool_.acquire()->command({"HSET", account_key(account.id), "owner", account.owner,
                                  "currency", account.currency, "balance",
                                  std::to_string(account.balance)});
}

std::optional<domain::Account> RedisStore::find_account(std::string_view id) {
  return to_account(
      id, pool_.acquire()->command({"HMGET", account_key(id), "owner", "currency", "balance"}));
}

std::optional<std::vector<domain::Transaction>> RedisStore::recent_transactions(
    std::string_view account_id, int limit) {
  auto c = pool_.acquire();
  c->append({"EXISTS", account_key(account_id)});
  c->append({"LRANGE", transactions_key(account_id), "0", std::to_string(limit - 1)});
  const Reply exists = c->read_ok();
  const Reply lines = c->read_ok();
  if (exists.integer == 0) return std::nullopt;
  std::vector<domain::Transaction> out;
  out.reserve(lines.elements.size());
  for (const auto& line : lines.elements) out.push_back(redis::decode_transaction(line.text));
  return out;
}

std::uint64_t RedisStore::highest_id_number(std::string_view prefix) {
  constexpr std::string_view kAccountKey = "ledger:account:";
  auto c = pool_.acquire();
  std::uint64_t highest = 0;
  std::string cursor = "0";
  do {  // SCAN visits every key that exists for the whole scan at least once
    const Reply page = c->command({"SCAN", cursor, "MATCH", "ledger:account:*", "COUNT", "1000"});
    if (page.elements.size() != 2) throw std::runtime_error("redis: unexpected SCAN reply");
    cursor = page.elements[0].text;
    for (const auto& key : page.elements[1].elements) {
      const std::string_view id = std::string_view(key.text).substr(kAccountKey.size());
      highest = std::max(highest, ports::id_number(id, prefix).value_or(0));
      const Reply lines = c->command({"LRANGE", transactions_key(id), "0", "-1"});
      for (const auto& line : lines.elements) {
        highest = std::max(
            highest, ports::id_number(redis::decode_transaction(line.text).id, prefix).value_or(0));
      }
    }
  } while (cursor != "0");
  return highest;
}

void RedisStore::atomically(const Work& work) {
  auto c = pool_.acquire();
  try {
    for (int attempt = 0; attempt < kMaxAttempts; ++attempt) {
      Unit unit(*c);
      if (!work(unit)) {
        if (unit.discard()) return;
        continue;
      }
      if (unit.commit()) return;
    }
  } catch (...) {
    // Watched keys or unread replies may be left on the connection: close it, don't reuse it.
    c.discard();
    throw;
  }
  throw std::runtime_error("redis: a unit of work lost " + std::to_string(kMaxAttempts) +
                           " races in a row");
}

}  // namespace archbench::hexagonal::adapters

#include "hexagonal/adapters/sqlite/sqlite_store.hpp"

#include <algorithm>
#include <stdexcept>
#include <utility>

#include "hexagonal/adapters/sqlite/sqlite_database.hpp"

namespace archbench::hexagonal::adapters {
namespace {

// The history's `seq` is its insertion order, so "newest first" is ORDER BY seq DESC; the
// index serves exactly that query.
constexpr const char* kSchema = R"sql(
CREATE TABLE IF NOT EXISTS accounts (
  id       TEXT PRIMARY KEY,
  owner    TEXT NOT NULL,
  currency TEXT NOT NULL,
  balance  INTEGER NOT NULL
) WITHOUT ROWID;

CREATE TABLE IF NOT EXISTS transactions (
  seq           INTEGER PRIMARY KEY,
  account       TEXT NOT NULL,
  id            TEXT NOT NULL,
  kind          TEXT NOT NULL,
  amount        INTEGER NOT NULL,
  balance_after INTEGER NOT NULL,
  counterparty  TEXT,
  memo          TEXT
);
CREATE INDEX IF NOT EXISTS transactions_by_account ON transactions (account, seq);

CREATE TABLE IF NOT EXISTS idempotency_records (
  operation   TEXT NOT NULL,
  request_id  TEXT NOT NULL,
  fingerprint TEXT NOT NULL,
  result_id   TEXT NOT NULL,
  balance     INTEGER NOT NULL,
  PRIMARY KEY (operation, request_id)
) WITHOUT ROWID;
)sql";

std::string_view kind_name(domain::TransactionKind kind) {
  switch (kind) {
    case domain::TransactionKind::deposit:
      return "deposit";
    case domain::TransactionKind::transfer_in:
      return "transfer_in";
    case domain::TransactionKind::transfer_out:
      return "transfer_out";
  }
  throw std::logic_error("unknown transaction kind");
}

domain::TransactionKind kind_from(std::string_view name) {
  if (name == "deposit") return domain::TransactionKind::deposit;
  if (name == "transfer_in") return domain::TransactionKind::transfer_in;
  if (name == "transfer_out") return domain::TransactionKind::transfer_out;
  throw std::runtime_error("sqlite: unknown transaction kind '" + std::string(name) + "'");
}

std::string_view operation_name(domain::Operation operation) {
  return operation == domain::Operation::deposit ? "deposit" : "transfer";
}

std::optional<std::string> optional_text(const sqlite::Query& query, int column) {
  if (query.is_null(column)) return std::nullopt;
  return query.text(column);
}

}  // namespace

struct SqliteStore::Connection {
  explicit Connection(const std::string& path) : db(path) {
    // WAL: readers and the writer do not block each other. synchronous=NORMAL: a commit is
    // safe from a crash of the process; a power cut may lose the last few (the usual WAL
    // trade-off; FULL would fsync every commit).
    db.execute("PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=5000;");
  }

  sqlite::Database db;
  sqlite::Statement begin{db, "BEGIN IMMEDIATE"};  // take the write lock before reading
  sqlite::Statement commit{db, "COMMIT"};
  sqlite::Statement rollback{db, "ROLLBACK"};
  sqlite::Statement insert_account{
      db, "INSERT INTO accounts (id, owner, currency, balance) VALUES (?1, ?2, ?3, ?4)"};
  sqlite::Statement select_account{
      db, "SELECT id, owner, currency, balance FROM accounts WHERE id = ?1"};
  sqlite::Statement update_balance{db, "UPDATE accounts SET balance = ?2 WHERE id = ?1"};
  sqlite::Statement insert_transaction{
      db,
      "INSERT INTO transactions (account, id, kind, amount, balance_after, counterparty, memo) "
      "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)"};
  sqlite::Statement select_transactions{
      db,
      "SELECT id, kind, amount, balance_after, counterparty, memo FROM transactions "
      "WHERE account = ?1 ORDER BY seq DESC LIMIT ?2"};
  sqlite::Statement select_record{db,
                                  "SELECT fingerprint, result_id, balance FROM idempotency_records "
                                  "WHERE operation = ?1 AND request_id = ?2"};
  // Candidates only (the prefix matches); id_number() decides which ids count.
  sqlite::Statement select_ids{
      db,
      "SELECT id FROM accounts WHERE substr(id, 1, length(?1)) = ?1 "
      "UNION SELECT id FROM transactions WHERE substr(id, 1, length(?1)) = ?1"};
  sqlite::Statement insert_record{
      db,
      "INSERT INTO idempotency_records (operation, request_id, fingerprint, result_id, balance) "
      "VALUES (?1, ?2, ?3, ?4, ?5)"};

  // A failed statement leaves a SQLite connection usable (the Query reset it); a failed
  // ROLLBACK is handled by discarding the lease in atomically().
  [[nodiscard]] bool healthy() const noexcept { return true; }

  std::optional<domain::Account> find_account(std::string_view id) {
    auto query = select_account.start();
    query.bind(1, id);
    if (!query.step()) return std::nullopt;
    return domain::Account{query.text(0), query.text(1), query.text(2), query.integer(3)};
  }
};

// Every call runs inside the connection's open BEGIN IMMEDIATE transaction; writes go straight
// to SQLite, which keeps them invisible to others until COMMIT and undoes them on ROLLBACK.
class SqliteStore::Unit final : public ports::UnitOfWork {
 public:
  explicit Unit(Connection& connection) noexcept : c_(connection) {}

  std::optional<domain::Account> find_account(std::string_view id) override {
    return c_.find_account(id);
  }

  std::optional<domain::IdempotencyRecord> find_idempotency_record(
      domain::Operation operation, std::string_view request_id) override {
    auto query = c_.select_record.start();
    query.bind(1, operation_name(operation)).bind(2, request_id);
    if (!query.step()) return std::nullopt;
    return domain::IdempotencyRecord{query.text(0), query.text(1), query.integer(2)};
  }

  void set_balance(std::string_view account_id, domain::Money balance) override {
    c_.update_balance.start().bind(1, account_id).bind(2, balance).run();
  }

  void append_transaction(std::string_view account_id, const domain::Transaction& line) override {
    auto query = c_.insert_transaction.start();
    query.bind(1, account_id).bind(2, line.id).bind(3, kind_name(line.kind));
    query.bind(4, line.amount).bind(5, line.balance_after);
    if (line.counterparty)
      query.bind(6, *line.counterparty);
    else
      query.bind_null(6);
    if (line.memo)
      query.bind(7, *line.memo);
    else
      query.bind_null(7);
    query.run();
  }

  void save_idempotency_record(domain::Operation operation, std::string_view request_id,
                               const domain::IdempotencyRecord& record) override {
    auto query = c_.insert_record.start();
    query.bind(1, operation_name(operation)).bind(2, request_id);
    query.bind(3, record.fingerprint).bind(4, record.result_id).bind(5, record.balance);
    query.run();
  }

 private:
  Connection& c_;
};

SqliteStore::SqliteStore(std::string path)
    : path_(std::move(path)), pool_([this] { return std::make_unique<Connection>(path_); }) {
  // The schema must exist before a Connection prepares its statements.
  sqlite::Database(path_).execute(kSchema);
}

SqliteStore::~SqliteStore() = default;

void SqliteStore::add_account(const domain::Account& account) {
  auto c = pool_.acquire();
  c->insert_account.start()
      .bind(1, account.id)
      .bind(2, account.owner)
      .bind(3, account.currency)
      .bind(4, account.balance)
      .run();
}

std::optional<domain::Account> SqliteStore::find_account(std::string_view id) {
  return pool_.acquire()->find_account(id);
}

std::optional<std::vector<domain::Transaction>> SqliteStore::recent_transactions(
    std::string_view account_id, int limit) {
  auto c = pool_.acquire();
  // Two statements without a transaction around them are fine: accounts are never deleted,
  // and the history query alone reads one consistent snapshot.
  if (!c->find_account(account_id)) return std::nullopt;
  std::vector<domain::Transaction> lines;
  auto query = c->select_transactions.start();
  query.bind(1, account_id).bind(2, std::int64_t{limit});
  while (query.step()) {
    lines.push_back(domain::Transaction{query.text(0), kind_from(query.text(1)), query.integer(2),
                                        query.integer(3), optional_text(query, 4),
                                        optional_text(query, 5)});
  }
  return lines;
}

std::uint64_t SqliteStore::highest_id_number(std::string_view prefix) {
  auto c = pool_.acquire();
  auto query = c->select_ids.start();
  query.bind(1, prefix);
  std::uint64_t highest = 0;
  while (query.step()) {
    highest = std::max(highest, ports::id_number(query.text(0), prefix).value_or(0));
  }
  return highest;
}

void SqliteStore::atomically(const Work& work) {
  const std::lock_guard writer(writer_);
  auto c = pool_.acquire();
  c->begin.start().run();
  try {
    Unit unit(*c);
    if (work(unit)) {
      c->commit.start().run();
    } else {
      c->rollback.start().run();
    }
  } catch (...) {
    // Undo whatever the unit wrote; if even that fails, the connection is not to be reused.
    try {
      c->rollback.start().run();
    } catch (...) {
      c.discard();
    }
    throw;
  }
}

}  // namespace archbench::hexagonal::adapters

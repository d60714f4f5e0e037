// Encoding and decoding of snapshots: see snapshot_format.hpp for the format.
#include "event-driven/snapshots/snapshot_format.hpp"

#include <cstdint>
#include <future>
#include <utility>
#include <variant>

#include "event-driven/events/bytes.hpp"
#include "event-driven/events/event_codec.hpp"
#include "event-driven/log/crc32c.hpp"

namespace archbench::event_driven {
namespace {

constexpr std::string_view kMagic{"ABEVSNP", 7};
constexpr std::size_t kHeaderBytes = 8 + 3 * 8;
constexpr std::size_t kChecksumBytes = 4;
// The fewest bytes an item of a section takes (length prefixes, integers): a count larger
// than what is left allows is corruption, not a reservation to make.
constexpr std::size_t kMinAccount = 4 + 4 + 8;
constexpr std::size_t kMinRecord = 8 + 1;
constexpr std::size_t kMinView = 3 * 4 + 8 + 8;
constexpr std::size_t kMinLine = 4 + 1 + 8 + 8 + 1 + 1;

template <class Wanted>
Wanted decode_event_of(ByteReader& reader) {
  Event event = decode_event(reader);
  auto* wanted = std::get_if<Wanted>(&event);
  if (wanted == nullptr) reader.fail("holds an idempotency record of the wrong event type");
  return std::move(*wanted);
}

void encode_line(const ledger::Transaction& line, ByteWriter& writer) {
  writer.string(line.id);
  writer.integer(static_cast<std::uint8_t>(line.kind));
  writer.integer(line.amount);
  writer.integer(line.balance_after);
  writer.optional(line.counterparty);
  writer.optional(line.memo);
}

ledger::Transaction decode_line(ByteReader& reader) {
  ledger::Transaction line;
  line.id = reader.string();
  const auto kind = reader.integer<std::uint8_t>();
  if (kind > static_cast<std::uint8_t>(ledger::TransactionKind::transfer_out)) {
    reader.fail("holds an unknown kind of history line");
  }
  line.kind = static_cast<ledger::TransactionKind>(kind);
  line.amount = reader.integer<Money>();
  line.balance_after = reader.integer<Money>();
  line.counterparty = reader.optional();
  line.memo = reader.optional();
  return line;
}

// Each map is reserved at its final size first: one that never rehashes is much of what
// loading a snapshot saves over replaying.
LedgerState::Contents decode_state(std::string_view bytes) {
  ByteReader reader(bytes, "snapshot state section");
  LedgerState::Contents state;
  const auto accounts = reader.count(kMinAccount);
  state.accounts.reserve(accounts);
  for (std::uint64_t i = 0; i < accounts; ++i) {
    std::string id = reader.string();
    LedgerState::Account account;
    account.currency = reader.string();
    account.balance = reader.integer<Money>();
    state.accounts.emplace(std::move(id), std::move(account));
  }
  const auto deposits = reader.count(kMinRecord);
  state.deposits.reserve(deposits);
  for (std::uint64_t i = 0; i < deposits; ++i) {
    LedgerState::DepositRecord record;
    record.position = reader.integer<Position>();
    record.balance_after = reader.integer<Money>();
    record.event = decode_event_of<FundsDeposited>(reader);
    state.deposits.emplace(record.event.request_id, std::move(record));
  }
  const auto transfers = reader.count(kMinRecord);
  state.transfers.reserve(transfers);
  for (std::uint64_t i = 0; i < transfers; ++i) {
    LedgerState::TransferRecord record;
    record.position = reader.integer<Position>();
    record.event = decode_event_of<TransferCompleted>(reader);
    state.transfers.emplace(record.event.request_id, std::move(record));
  }
  if (!reader.done()) reader.fail("has bytes after its last item");
  return state;
}

AccountsProjection::Views decode_read_model(std::string_view bytes) {
  ByteReader reader(bytes, "snapshot read model section");
  AccountsProjection::Views views;
  const auto accounts = reader.count(kMinView);
  views.reserve(accounts);
  for (std::uint64_t i = 0; i < accounts; ++i) {
    AccountsProjection::AccountView view;
    view.account.id = reader.string();
    view.account.owner = reader.string();
    view.account.currency = reader.string();
    view.account.balance = reader.integer<Money>();
    const auto lines = reader.count(kMinLine);
    view.history.reserve(lines);
    for (std::uint64_t line = 0; line < lines; ++line) view.history.push_back(decode_line(reader));
    std::string id = view.account.id;
    views.emplace(std::move(id), std::move(view));
  }
  if (!reader.done()) reader.fail("has bytes after its last item");
  return views;
}

}  // namespace

std::string encode_state(const LedgerState::Contents& state) {
  std::string out;
  // About what the items take with short ids: one allocation instead of a doubling series,
  // each of which copies everything so far and touches fresh pages.
  out.reserve(32 * state.accounts.size() + 64 * state.deposits.size() +
              96 * state.transfers.size());
  ByteWriter writer(out);
  writer.integer(static_cast<std::uint64_t>(state.accounts.size()));
  for (const auto& [id, account] : state.accounts) {
    writer.string(id);
    writer.string(account.currency);
    writer.integer(account.balance);
  }
  writer.integer(static_cast<std::uint64_t>(state.deposits.size()));
  for (const auto& [request_id, record] : state.deposits) {
    writer.integer(record.position);
    writer.integer(record.balance_after);
    encode_event(record.event, writer);
  }
  writer.integer(static_cast<std::uint64_t>(state.transfers.size()));
  for (const auto& [request_id, record] : state.transfers) {
    writer.integer(record.position);
    encode_event(record.event, writer);
  }
  return out;
}

std::string encode_read_model(const AccountsProjection::Views& read_model) {
  std::string out;
  ByteWriter writer(out);
  writer.integer(static_cast<std::uint64_t>(read_model.size()));
  for (const auto& [id, view] : read_model) {
    writer.string(view.account.id);
    writer.string(view.account.owner);
    writer.string(view.account.currency);
    writer.integer(view.account.balance);
    writer.integer(static_cast<std::uint64_t>(view.history.size()));
    for (const auto& line : view.history) encode_line(line, writer);
  }
  return out;
}

std::string encode_snapshot(Position position, std::string_view state,
                            std::string_view read_model) {
  std::string out;
  out.reserve(kHeaderBytes + state.size() + read_model.size() + kChecksumBytes);
  ByteWriter writer(out);
  out.append(kMagic);
  writer.integer(kSnapshotFormatVersion);
  writer.integer(position);
  writer.integer(static_cast<std::uint64_t>(state.size()));
  writer.integer(static_cast<std::uint64_t>(read_model.size()));
  out.append(state);
  out.append(read_model);
  writer.integer(crc32c(out));
  return out;
}

Snapshot decode_snapshot(std::string_view bytes) {
  ByteReader header(bytes, "snapshot");
  if (bytes.size() < kHeaderBytes + kChecksumBytes) header.fail("is cut short");
  if (bytes.substr(0, kMagic.size()) != kMagic) header.fail("is not an archbench snapshot");
  const auto version = static_cast<unsigned char>(bytes[kMagic.size()]);
  if (version != kSnapshotFormatVersion) {
    header.fail("is of format version " + std::to_string(version) + "; this build reads " +
                std::to_string(kSnapshotFormatVersion));
  }
  const std::string_view body = bytes.substr(0, bytes.size() - kChecksumBytes);
  ByteReader trailer(bytes.substr(body.size()), "snapshot");
  if (crc32c(body) != trailer.integer<std::uint32_t>()) header.fail("fails its checksum");
  ByteReader fields(body.substr(kMagic.size() + 1), "snapshot header");
  Snapshot snapshot;
  snapshot.position = fields.integer<Position>();
  const auto state_bytes = fields.integer<std::uint64_t>();
  const auto read_model_bytes = fields.integer<std::uint64_t>();
  const std::string_view sections = body.substr(kHeaderBytes);
  if (state_bytes > sections.size() || read_model_bytes != sections.size() - state_bytes) {
    header.fail("has section sizes that do not add up");
  }
  // The sections are independent: the read model is decoded on a second thread meanwhile.
  auto read_model = std::async(std::launch::async,
                               [&] { return decode_read_model(sections.substr(state_bytes)); });
  snapshot.state = decode_state(sections.substr(0, state_bytes));
  snapshot.read_model = read_model.get();
  return snapshot;
}

}  // namespace archbench::event_driven

// A snapshot's bytes: everything a restart rebuilds (the command side's LedgerState with its
// idempotency records, and the read model with its histories), as it was after the record at
// `position`. Start-up restores it and replays only the records after that position.
//
//   +-----------------+---------------+------------------+-----------------------+
//   | "ABEVSNP" 0x01  | position: u64 | state_bytes: u64 | read_model_bytes: u64 |   header, 32
//   bytes
//   +-----------------+---------------+------------------+-----------------------+
//   | state section (state_bytes)  | read model section (read_model_bytes)      |
//   +------------------------------+---------------------------------------------+
//   | crc32c: u32 of every byte before it                                        |
//   +----------------------------------------------------------------------------+
//
//   state      := count:u64 {id currency balance:i64}                  the accounts
//                 count:u64 {position:u64 balance_after:i64 event}     deposits, by request_id
//                 count:u64 {position:u64 event}                       transfers, by request_id
//   read model := count:u64 {id owner currency balance:i64 count:u64 line{count}}
//   line       := id kind:u8 amount:i64 balance_after:i64 counterparty:opt memo:opt
//
// Strings, optionals and events as in the event format (events/event_codec.hpp), little-endian.
// The two sections are encoded apart because two threads take them (see snapshotter.hpp).
#pragma once

#include <string>
#include <string_view>

#include "event-driven/events/bytes.hpp"
#include "event-driven/log/event_log.hpp"
#include "event-driven/projections/accounts_projection.hpp"
#include "event-driven/write/ledger_state.hpp"

namespace archbench::event_driven {

inline constexpr unsigned char kSnapshotFormatVersion = 1;

struct Snapshot {
  Position position = 0;  // the last record it holds
  LedgerState::Contents state;
  AccountsProjection::Views read_model;
};

[[nodiscard]] std::string encode_state(const LedgerState::Contents& state);
[[nodiscard]] std::string encode_read_model(const AccountsProjection::Views& read_model);
// The whole file: header, both sections, checksum.
[[nodiscard]] std::string encode_snapshot(Position position, std::string_view state,
                                          std::string_view read_model);

// Throws FormatError (events/bytes.hpp) saying what is wrong: cut short, not a snapshot, an
// unknown version, a checksum mismatch, sections that do not decode.
[[nodiscard]] Snapshot decode_snapshot(std::string_view bytes);

}  // namespace archbench::event_driven

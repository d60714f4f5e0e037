// The events' bytes in the log: a small, versioned binary format, so that a log written today
// is read by the code of tomorrow (or refused with a clear message, never misread).
//
//   record  := version:u8 count:u32 event{count}
//   event   := type:u8 field*            (fields in the order of the struct, see event.hpp)
//   string  := length:u32 bytes          integers: i64, little-endian
//   memo    := present:u8 [string]
//
// The log adds its own framing (length, checksum) around each record; this codec only knows
// events. A record that does not decode is corruption the checksum did not catch, or a log
// from a newer version: decode_record() throws EventFormatError saying which.
#pragma once

#include <string>
#include <string_view>

#include "event-driven/events/bytes.hpp"
#include "event-driven/events/event.hpp"

namespace archbench::event_driven {

inline constexpr unsigned char kEventFormatVersion = 1;

using EventFormatError = FormatError;

// Appends the encoded record to `out`.
void encode_record(const EventBatch& events, std::string& out);
[[nodiscard]] std::string encode_record(const EventBatch& events);

[[nodiscard]] EventBatch decode_record(std::string_view bytes);

// One event, type byte and fields: for formats that hold events too (snapshots/). The typed
// overloads spare a caller that holds the event itself a copy into an Event.
void encode_event(const Event& event, ByteWriter& writer);
void encode_event(const AccountOpened& event, ByteWriter& writer);
void encode_event(const FundsDeposited& event, ByteWriter& writer);
void encode_event(const TransferCompleted& event, ByteWriter& writer);
[[nodiscard]] Event decode_event(ByteReader& reader);

}  // namespace archbench::event_driven

// Encoding and decoding of event records: see event_codec.hpp for the format.
#include "event-driven/events/event_codec.hpp"

#include <cstdint>

namespace archbench::event_driven {
namespace {

enum class EventType : unsigned char {
  account_opened = 1,
  funds_deposited = 2,
  transfer_completed = 3
};

using Writer = ByteWriter;
using Reader = ByteReader;

}  // namespace

void encode_event(const AccountOpened& e, Writer& w) {
  w.integer(static_cast<std::uint8_t>(EventType::account_opened));
  w.string(e.account);
  w.string(e.owner);
  w.string(e.currency);
}

void encode_event(const FundsDeposited& e, Writer& w) {
  w.integer(static_cast<std::uint8_t>(EventType::funds_deposited));
  w.string(e.deposit);
  w.string(e.account);
  w.integer(e.amount);
  w.string(e.request_id);
}

void encode_event(const TransferCompleted& e, Writer& w) {
  w.integer(static_cast<std::uint8_t>(EventType::transfer_completed));
  w.string(e.transfer);
  w.string(e.from);
  w.string(e.to);
  w.integer(e.amount);
  w.string(e.currency);
  w.string(e.request_id);
  w.optional(e.memo);
}

void encode_event(const Event& event, ByteWriter& writer) {
  std::visit([&](const auto& e) { encode_event(e, writer); }, event);
}

Event decode_event(ByteReader& r) {
  switch (static_cast<EventType>(r.integer<std::uint8_t>())) {
    case EventType::account_opened: {
      AccountOpened e;
      e.account = r.string();
      e.owner = r.string();
      e.currency = r.string();
      return e;
    }
    case EventType::funds_deposited: {
      FundsDeposited e;
      e.deposit = r.string();
      e.account = r.string();
      e.amount = r.integer<Money>();
      e.request_id = r.string();
      return e;
    }
    case EventType::transfer_completed: {
      TransferCompleted e;
      e.transfer = r.string();
      e.from = r.string();
      e.to = r.string();
      e.amount = r.integer<Money>();
      e.currency = r.string();
      e.request_id = r.string();
      e.memo = r.optional();
      return e;
    }
  }
  r.fail("holds an unknown event type");
}

void encode_record(const EventBatch& events, std::string& out) {
  Writer writer(out);
  writer.integer(kEventFormatVersion);
  writer.integer(static_cast<std::uint32_t>(events.size()));
  for (const Event& event : events) encode_event(event, writer);
}

std::string encode_record(const EventBatch& events) {
  std::string out;
  encode_record(events, out);
  return out;
}

EventBatch decode_record(std::string_view bytes) {
  Reader reader(bytes, "event record");
  const auto version = reader.integer<std::uint8_t>();
  if (version != kEventFormatVersion) {
    throw EventFormatError("event record of format version " + std::to_string(version) +
                           "; this build reads version " + std::to_string(kEventFormatVersion));
  }
  const auto count = reader.integer<std::uint32_t>();
  EventBatch events;
  // Each event takes at least one byte: a count larger than the record is corruption, and must
  // not become a huge reservation.
  if (count > bytes.size()) reader.fail("claims more events than it has bytes");
  events.reserve(count);
  for (std::uint32_t i = 0; i < count; ++i) events.push_back(decode_event(reader));
  if (!reader.done()) reader.fail("has bytes after its last event");
  return events;
}

}  // namespace archbench::event_driven

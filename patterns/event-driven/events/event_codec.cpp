// Encoding and decoding of event records: see event_codec.hpp for the format.
#include "event-driven/events/event_codec.hpp"

#include <bit>
#include <cstdint>
#include <cstring>
#include <type_traits>

namespace archbench::event_driven {
namespace {

static_assert(std::endian::native == std::endian::little,
              "the event format is little-endian; add byte swaps for this platform");

enum class EventType : unsigned char {
  account_opened = 1,
  funds_deposited = 2,
  transfer_completed = 3
};

class Writer {
 public:
  explicit Writer(std::string& out) : out_(out) {}
  template <class Int>
  void integer(Int value) {
    static_assert(std::is_integral_v<Int>);
    char bytes[sizeof(Int)];
    std::memcpy(bytes, &value, sizeof(Int));
    out_.append(bytes, sizeof(Int));
  }
  void string(std::string_view text) {
    integer(static_cast<std::uint32_t>(text.size()));
    out_.append(text);
  }
  void optional(const std::optional<std::string>& text) {
    integer(static_cast<std::uint8_t>(text.has_value()));
    if (text) string(*text);
  }

 private:
  std::string& out_;
};

class Reader {
 public:
  explicit Reader(std::string_view bytes) : bytes_(bytes) {}
  template <class Int>
  Int integer() {
    Int value;
    std::memcpy(&value, take(sizeof(Int)).data(), sizeof(Int));
    return value;
  }
  std::string string() { return std::string(take(integer<std::uint32_t>())); }
  std::optional<std::string> optional() {
    if (integer<std::uint8_t>() == 0) return std::nullopt;
    return string();
  }
  [[nodiscard]] bool done() const { return bytes_.empty(); }

 private:
  std::string_view take(std::size_t size) {
    if (size > bytes_.size()) throw EventFormatError("event record ends in the middle of a field");
    const std::string_view taken = bytes_.substr(0, size);
    bytes_.remove_prefix(size);
    return taken;
  }
  std::string_view bytes_;
};

void encode(const AccountOpened& e, Writer& w) {
  w.integer(static_cast<std::uint8_t>(EventType::account_opened));
  w.string(e.account);
  w.string(e.owner);
  w.string(e.currency);
}

void encode(const FundsDeposited& e, Writer& w) {
  w.integer(static_cast<std::uint8_t>(EventType::funds_deposited));
  w.string(e.deposit);
  w.string(e.account);
  w.integer(e.amount);
  w.string(e.request_id);
}

void encode(const TransferCompleted& e, Writer& w) {
  w.integer(static_cast<std::uint8_t>(EventType::transfer_completed));
  w.string(e.transfer);
  w.string(e.from);
  w.string(e.to);
  w.integer(e.amount);
  w.string(e.currency);
  w.string(e.request_id);
  w.optional(e.memo);
}

Event decode_event(Reader& r) {
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
  throw EventFormatError("unknown event type in the event log");
}

}  // namespace

void encode_record(const EventBatch& events, std::string& out) {
  Writer writer(out);
  writer.integer(kEventFormatVersion);
  writer.integer(static_cast<std::uint32_t>(events.size()));
  for (const Event& event : events) {
    std::visit([&](const auto& e) { encode(e, writer); }, event);
  }
}

std::string encode_record(const EventBatch& events) {
  std::string out;
  encode_record(events, out);
  return out;
}

EventBatch decode_record(std::string_view bytes) {
  Reader reader(bytes);
  const auto version = reader.integer<std::uint8_t>();
  if (version != kEventFormatVersion) {
    throw EventFormatError("event record of format version " + std::to_string(version) +
                           "; this build reads version " + std::to_string(kEventFormatVersion));
  }
  const auto count = reader.integer<std::uint32_t>();
  EventBatch events;
  // Each event takes at least one byte: a count larger than the record is corruption, and must
  // not become a huge reservation.
  if (count > bytes.size()) throw EventFormatError("event record claims more events than bytes");
  events.reserve(count);
  for (std::uint32_t i = 0; i < count; ++i) events.push_back(decode_event(reader));
  if (!reader.done()) throw EventFormatError("event record has bytes after its last event");
  return events;
}

}  // namespace archbench::event_driven

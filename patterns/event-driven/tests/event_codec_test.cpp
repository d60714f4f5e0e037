// The event record format: every event type round-trips, and bytes that are not a record are
// refused with EventFormatError, never misread.
#include "event-driven/events/event_codec.hpp"

#include <gtest/gtest.h>

namespace archbench::event_driven {
namespace {

EventBatch every_kind() {
  return {
      AccountOpened{.account = "acc-1", .owner = "Ada \"the\" Countess", .currency = "EUR"},
      FundsDeposited{
          .deposit = "dep-1", .account = "acc-1", .amount = 1'000'000'000'000, .request_id = "r1"},
      TransferCompleted{.transfer = "tr-1",
                        .from = "acc-1",
                        .to = "acc-2",
                        .amount = 1,
                        .currency = "EUR",
                        .request_id = "t1",
                        .memo = std::nullopt},
      TransferCompleted{.transfer = "tr-2",
                        .from = "acc-2",
                        .to = "acc-1",
                        .amount = 7,
                        .currency = "EUR",
                        .request_id = "t2",
                        .memo = std::string()}};
}

TEST(EventCodec, EveryEventRoundTrips) {
  const EventBatch events = every_kind();
  EXPECT_EQ(decode_record(encode_record(events)), events);
}

TEST(EventCodec, AnEmptyMemoIsNotAnAbsentOne) {
  const EventBatch decoded = decode_record(encode_record(every_kind()));
  EXPECT_FALSE(std::get<TransferCompleted>(decoded[2]).memo.has_value());
  ASSERT_TRUE(std::get<TransferCompleted>(decoded[3]).memo.has_value());
}

TEST(EventCodec, EveryTruncationIsRefused) {
  const std::string record = encode_record(every_kind());
  for (std::size_t size = 0; size < record.size(); ++size) {
    EXPECT_THROW((void)decode_record(std::string_view(record).substr(0, size)), EventFormatError)
        << "a record cut to " << size << " of " << record.size() << " bytes decoded";
  }
}

TEST(EventCodec, TrailingBytesAreRefused) {
  EXPECT_THROW((void)decode_record(encode_record(every_kind()) + "x"), EventFormatError);
}

TEST(EventCodec, ANewerFormatVersionIsRefusedByName) {
  std::string record = encode_record(every_kind());
  record[0] = static_cast<char>(kEventFormatVersion + 1);
  try {
    (void)decode_record(record);
    FAIL() << "a record of an unknown version decoded";
  } catch (const EventFormatError& error) {
    EXPECT_NE(std::string(error.what()).find("version"), std::string::npos) << error.what();
  }
}

TEST(EventCodec, AnUnknownEventTypeIsRefused) {
  std::string record =
      encode_record({AccountOpened{.account = "a", .owner = "o", .currency = "EUR"}});
  record[5] = 42;  // version (1) + count (4), then the type byte
  EXPECT_THROW((void)decode_record(record), EventFormatError);
}

}  // namespace
}  // namespace archbench::event_driven

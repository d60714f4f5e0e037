// The Redis adapter's history-line encoding round-trips every byte and refuses garbage.
#include "hexagonal/adapters/redis/transaction_encoding.hpp"

#include <gtest/gtest.h>

#include <stdexcept>

namespace archbench::hexagonal::adapters::redis {
namespace {

using domain::Transaction;
using domain::TransactionKind;

TEST(TransactionEncoding, RoundTrips) {
  const std::string odd = std::string("12:3:-+\n") + '\0' + "é";
  for (const Transaction& line :
       {Transaction{"d1", TransactionKind::deposit, 5, 5, std::nullopt, std::nullopt},
        Transaction{"t9", TransactionKind::transfer_out, 1'000'000'000'000,
                    9'223'372'036'854'775'807, "a2", ""},
        Transaction{odd, TransactionKind::transfer_in, 1, 0, odd, odd}}) {
    EXPECT_EQ(decode_transaction(encode(line)), line);
  }
}

TEST(TransactionEncoding, RefusesWhatItDidNotWrite) {
  const auto good = encode({"d1", TransactionKind::deposit, 5, 5, std::nullopt, std::nullopt});
  for (const std::string& bad : {std::string(), std::string("x"), good.substr(0, good.size() - 1),
                                 good + "-", std::string("d99:d1"), std::string("d2:d1")}) {
    EXPECT_THROW((void)decode_transaction(bad), std::runtime_error) << bad;
  }
}

}  // namespace
}  // namespace archbench::hexagonal::adapters::redis

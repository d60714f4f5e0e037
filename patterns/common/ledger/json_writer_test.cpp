// The view writers of json_codec.hpp write the very bytes of the struct writers (which are
// built on them, so this also pins the shared implementation) for awkward values: escapes,
// UTF-8, invalid bytes, extreme integers, absent optional fields, empty lists. One literal per
// shape keeps both honest against the contract.
#include <gtest/gtest.h>

#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/ledger/json_codec.hpp"

namespace archbench::ledger {
namespace {

const std::vector<std::string> kAwkwardStrings = {"",
                                                  "acc-1",
                                                  "quote \" backslash \\ slash /",
                                                  "tab\tnew\nline\r\x01\x1f",
                                                  "€ and 日本",
                                                  "bad \xff\xfe byte",
                                                  std::string("nul\0inside", 10)};
const std::vector<Money> kAwkwardNumbers = {0,
                                            1,
                                            -1,
                                            1'000'000'000'000,
                                            std::numeric_limits<Money>::max(),
                                            std::numeric_limits<Money>::min()};

TEST(JsonViewWriters, AccountMatchesTheStructWriterByteForByte) {
  for (const std::string& text : kAwkwardStrings) {
    for (const Money balance : kAwkwardNumbers) {
      const Account account{text, text + "o", "EUR", balance};
      std::string from_views = "prefix:";  // appends, never replaces
      write_account_json(text, text + "o", "EUR", balance, from_views);
      EXPECT_EQ(from_views, "prefix:" + to_json(account));
    }
  }
  std::string out;
  write_account_json("acc-1", "Ada \"L\"", "EUR", 250, out);
  EXPECT_EQ(out, R"({"id":"acc-1","owner":"Ada \"L\"","currency":"EUR","balance":250})");
}

TEST(JsonViewWriters, DepositMatchesTheStructWriterByteForByte) {
  for (const std::string& text : kAwkwardStrings) {
    for (const Money amount : kAwkwardNumbers) {
      std::string from_views;
      write_deposit_json(text, "acc-2", amount, -amount / 2, from_views);
      EXPECT_EQ(from_views, to_json(Deposit{text, "acc-2", amount, -amount / 2}));
    }
  }
  std::string out;
  write_deposit_json("dep-1", "acc-1", 100, 350, out);
  EXPECT_EQ(out, R"({"id":"dep-1","account":"acc-1","amount":100,"balance":350})");
}

TEST(JsonViewWriters, TransferMatchesTheStructWriterByteForByte) {
  for (const std::string& text : kAwkwardStrings) {
    for (const Money amount : kAwkwardNumbers) {
      std::string from_views;
      write_transfer_json("tr-1", text, "acc-9", amount, text, from_views);
      EXPECT_EQ(from_views, to_json(Transfer{"tr-1", text, "acc-9", amount, text}));
    }
  }
  std::string out;
  write_transfer_json("tr-1", "acc-1", "acc-2", 5, "EUR", out);
  EXPECT_EQ(out, R"({"id":"tr-1","from":"acc-1","to":"acc-2","amount":5,"currency":"EUR",)"
                 R"("status":"completed"})");
}

TEST(JsonViewWriters, ErrorMatchesTheStructWriterAndErrorBody) {
  for (const std::string& text : kAwkwardStrings) {
    for (const ErrorCode code :
         {ErrorCode::bad_request, ErrorCode::insufficient_funds, ErrorCode::internal_error}) {
      std::string from_views;
      write_error_json(code, text, from_views);
      EXPECT_EQ(from_views, to_json(Error{code, text}));
      EXPECT_EQ(from_views, error_body(code, text));
    }
  }
}

TEST(JsonViewWriters, TransactionsStreamMatchesTheStructWriter) {
  std::vector<Transaction> lines;
  for (const std::string& text : kAwkwardStrings) {
    lines.push_back({"dep-" + text, TransactionKind::deposit, 10, 10, std::nullopt, std::nullopt});
    lines.push_back({"tr-" + text, TransactionKind::transfer_out, 3, 7, "acc-" + text, text});
    lines.push_back({"tr-x", TransactionKind::transfer_in, 3, 13, text, std::nullopt});
  }
  for (const std::size_t count : {std::size_t{0}, std::size_t{1}, lines.size()}) {
    const std::vector<Transaction> some(lines.begin(),
                                        lines.begin() + static_cast<std::ptrdiff_t>(count));
    std::string from_views;
    begin_transactions_json("acc-1", from_views);
    bool first = true;
    for (const Transaction& line : some) {
      // Views of the struct's strings, as a pattern holding other storage would pass them.
      const std::optional<std::string_view> counterparty =
          line.counterparty ? std::optional<std::string_view>(*line.counterparty) : std::nullopt;
      const std::optional<std::string_view> memo =
          line.memo ? std::optional<std::string_view>(*line.memo) : std::nullopt;
      write_transaction_line_json(first, line.id, line.kind, line.amount, line.balance_after,
                                  counterparty, memo, from_views);
      first = false;
    }
    end_transactions_json(from_views);
    std::string from_structs;
    write_transactions_json("acc-1", some, from_structs);
    EXPECT_EQ(from_views, from_structs) << count << " lines";
  }
  std::string out;
  begin_transactions_json("acc-1", out);
  write_transaction_line_json(true, "tr-1", TransactionKind::transfer_out, 5, 95, "acc-2",
                              std::nullopt, out);
  end_transactions_json(out);
  EXPECT_EQ(out, R"({"account":"acc-1","transactions":[{"id":"tr-1","kind":"transfer_out",)"
                 R"("amount":5,"balance_after":95,"counterparty":"acc-2"}]})");
}

TEST(JsonViewWriters, BatchStreamMatchesTheStructWriter) {
  std::vector<BatchItemResult> results;
  for (const std::string& text : kAwkwardStrings) {
    results.push_back({Transfer{"tr-" + text, "a", "b", 1, "EUR"}, std::nullopt});
    results.push_back({std::nullopt, Error{ErrorCode::insufficient_funds, text}});
  }
  std::string from_views;
  begin_batch_json(from_views);
  bool first = true;
  for (const BatchItemResult& result : results) {
    if (result.transfer) {
      write_batch_transfer_json(first, result.transfer->id, from_views);
    } else {
      write_batch_error_json(first, result.error->code, result.error->message, from_views);
    }
    first = false;
  }
  end_batch_json(from_views);
  std::string from_structs;
  write_batch_json(results, from_structs);
  EXPECT_EQ(from_views, from_structs);

  std::string out;
  begin_batch_json(out);
  write_batch_transfer_json(true, "tr-1", out);
  write_batch_error_json(false, ErrorCode::account_not_found, "no acc-9", out);
  end_batch_json(out);
  EXPECT_EQ(out, R"({"results":[{"status":201,"id":"tr-1"},{"status":404,"error":)"
                 R"({"code":"account_not_found","message":"no acc-9"}}]})");
}

}  // namespace
}  // namespace archbench::ledger

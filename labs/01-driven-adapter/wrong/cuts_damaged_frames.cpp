// replaces: replay.cpp
// caught by: Lab01_Step4_Recovery.ADamagedFrameRefusesToOpenAndIsLeftAlone
//
// WRONG: treats a frame that does not apply like a torn one: stops there and cuts the file.
// The store opens, and every commit behind the damaged frame is destroyed for good.
#include <stdexcept>
#include <string>
#include <system_error>

#include "file_store.hpp"
#include "log_format.hpp"

namespace archbench::lab01 {

void FileStore::replay() {
  const std::string bytes = log::read_file(path_);
  const log::Frames frames = log::split_frames(bytes);
  std::size_t good = 0;  // "the log ends at the first frame that does not work"
  for (const auto payload : frames.payloads) {
    try {
      apply(payload);
    } catch (const std::exception&) {
      break;
    }
    good = static_cast<std::size_t>(payload.data() - bytes.data()) + payload.size() + 1;
  }
  if (good < bytes.size() && file_->truncate(good) != 0) {
    throw std::system_error(errno, std::generic_category(), "truncate " + path_.string());
  }
  log_size_ = good;
}

void FileStore::apply(std::string_view payload) {
  log::Reader in(payload);
  while (!in.done()) {
    switch (in.tag()) {
      case log::kAccount: {
        Entry opened;
        opened.account.id = in.field();
        opened.account.owner = in.field();
        opened.account.currency = in.field();
        opened.account.balance = in.number();
        std::string id = opened.account.id;
        accounts_.insert_or_assign(std::move(id), std::move(opened));
        break;
      }
      case log::kBalance: {
        const std::string id = in.field();
        entry(id).account.balance = in.number();
        break;
      }
      case log::kTransaction: {
        const std::string id = in.field();
        domain::Transaction line;
        line.id = in.field();
        line.kind = static_cast<domain::TransactionKind>(in.number());
        line.amount = in.number();
        line.balance_after = in.number();
        line.counterparty = in.optional_field();
        line.memo = in.optional_field();
        entry(id).history.push_back(std::move(line));
        break;
      }
      case log::kRecord: {
        const auto operation = static_cast<domain::Operation>(in.number());
        std::string request_id = in.field();
        domain::IdempotencyRecord record;
        record.fingerprint = in.field();
        record.result_id = in.field();
        record.balance = in.number();
        records_.insert_or_assign({operation, std::move(request_id)}, std::move(record));
        break;
      }
      default:
        throw std::runtime_error("log: unknown record tag");
    }
  }
}

}  // namespace archbench::lab01

// How GoogleTest prints the domain's values in a failure message ("Which is: ..."), rather than
// as raw bytes. Test code only: the domain itself must not know about streams (its dependency
// rule forbids <ostream>), so the printers live here and are found by argument-dependent lookup.
#pragma once

#include <iosfwd>

#include "hexagonal/domain/account.hpp"
#include "hexagonal/domain/deposit.hpp"
#include "hexagonal/domain/error.hpp"
#include "hexagonal/domain/idempotency.hpp"
#include "hexagonal/domain/transaction.hpp"
#include "hexagonal/domain/transfer.hpp"

namespace archbench::hexagonal::domain {

void PrintTo(const Account& account, std::ostream* out);
void PrintTo(const Deposit& deposit, std::ostream* out);
void PrintTo(const Transfer& transfer, std::ostream* out);
void PrintTo(const Transaction& line, std::ostream* out);
void PrintTo(const IdempotencyRecord& record, std::ostream* out);
void PrintTo(const Error& error, std::ostream* out);

}  // namespace archbench::hexagonal::domain

// The Ledger's own names: who owns an account, and the request id a client sends so that a
// retried deposit or transfer happens once. Statements never sees either.
#pragma once

#include "ddd/kernel/names.hpp"

namespace archbench::ddd::ledger {

// The account holder's name as given (1 to 256 bytes; the edge checked the length).
using Owner = StrongString<struct OwnerTag>;
// The client's key for one deposit or one transfer (1 to 128 bytes), scoped per kind.
using RequestId = StrongString<struct RequestIdTag>;

}  // namespace archbench::ddd::ledger

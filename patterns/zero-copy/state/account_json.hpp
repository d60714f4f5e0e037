// An account's answer, serialised once. Of the account JSON every GET /accounts/{id} sends,
// only the balance ever changes: {"id":"acc-1","owner":"Ada","currency":"EUR","balance":1250}.
// So the part before the balance is written when the account opens, by the shared codec's own
// write_account_json (the one definition of the shape and of the escaping), and kept in the
// ledger's arena; an answer is then one copy of those bytes, the balance and a '}'.
#pragma once

#include <string>
#include <string_view>

#include "common/ledger/contract.hpp"

namespace archbench::zero_copy {

// Appends the codec's account JSON minus its balance and closing brace: everything up to and
// including `"balance":`.
void render_account_prefix(std::string_view id, std::string_view owner, std::string_view currency,
                           std::string& out);

// Appends the whole account JSON: `prefix` (from render_account_prefix), `balance`, '}'.
void write_account_from_prefix(std::string_view prefix, ledger::Money balance, std::string& out);

}  // namespace archbench::zero_copy

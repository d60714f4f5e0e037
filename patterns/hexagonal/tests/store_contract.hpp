// The LedgerStore port's contract, as plain functions: each takes a fresh, empty store and
// fails the running GoogleTest test if the store breaks the contract. Written once, run against
// every driven adapter: store_contract_test.cpp instantiates it for memory, SQLite and Redis,
// and lab 01 runs it against the student's own adapter.
//
// If an adapter passes all of it, the application cannot tell it from the others. That is what
// makes "swap the database without touching the business logic" true rather than hoped.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "hexagonal/ports/ledger_store.hpp"
#include "hexagonal/tests/domain_printers.hpp"  // readable failures for every user of the contract

namespace archbench::hexagonal::contract {

// ---- the port, directly ------------------------------------------------------------------
void adds_and_finds_accounts(ports::LedgerStore& store);
void keeps_every_byte_of_every_string(ports::LedgerStore& store);  // quotes, newlines, NUL
void a_committed_unit_writes_everything(ports::LedgerStore& store);
void a_discarded_or_failed_unit_writes_nothing(ports::LedgerStore& store);
void history_is_newest_first_and_limited(ports::LedgerStore& store);
void idempotency_records_are_scoped_by_operation(ports::LedgerStore& store);
// highest_id_number(): accounts and history lines, `prefix` + digits only.
void knows_the_highest_numbered_ids(ports::LedgerStore& store);

// ---- the use cases (application::Ledger) over the store -----------------------------------
void deposits_credit_and_chain(ports::LedgerStore& store);
void a_transfer_moves_money_on_both_sides(ports::LedgerStore& store);
void insufficient_funds_leaves_both_unchanged(ports::LedgerStore& store);
void a_retry_replays_and_a_reuse_conflicts(ports::LedgerStore& store);
// Several threads, many colliding transfers: money is neither created nor lost, no balance
// goes negative, every history chains. Prints how long the transfers took.
void concurrent_transfers_conserve_money(ports::LedgerStore& store);
// The same request from several threads at once is applied once; every caller gets the same
// answer.
void concurrent_retries_apply_once(ports::LedgerStore& store);

// ---- helpers for an adapter's own tests ----------------------------------------------------
// Every line of the account's history chains to the next; the newest ends at its balance.
void expect_history_chains(ports::LedgerStore& store, const std::string& account_id);
// The record, read in a unit of work that writes nothing.
[[nodiscard]] std::optional<domain::IdempotencyRecord> read_record(ports::LedgerStore& store,
                                                                   domain::Operation operation,
                                                                   std::string_view request_id);

}  // namespace archbench::hexagonal::contract

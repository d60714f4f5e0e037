// An AccountId is not a RequestId, although both are strings underneath.
// expect-error: invalid initialization of reference of type .*RequestId.* from expression of type
// .*AccountId
#include "ddd/kernel/names.hpp"
#include "ddd/ledger/names.hpp"

using namespace archbench::ddd;

bool seen_before(const ledger::RequestId& request_id);

bool retried(const AccountId& account) {
#ifndef ARCHBENCH_CONTROL
  return seen_before(account);
#else
  // Saying it aloud compiles: a request id spelled like an account id, on purpose.
  return seen_before(ledger::RequestId(account.text()));
#endif
}

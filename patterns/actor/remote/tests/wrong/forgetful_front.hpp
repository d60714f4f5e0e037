// WRONG ON PURPOSE: a front that reads its hosts' journals at start and takes from them the
// registries' claims and the acc-N already handed out, but does not finish the transfers its
// predecessor left between debit and credit. It looks right: every acknowledged transfer
// replays, every id is fresh, and a client that retries such a transfer even repairs it (the
// steps are idempotent). A client that gave up leaves the debit on one host and the credit
// never made on the other: money gone. The front kill test must catch it
// (front_recovery_test.cpp); the real front runs those transfers again at start.
#pragma once

#include <cstddef>

#include "actor/actors/recovery.hpp"

namespace archbench::actor::wrong {

inline Reconciled reconcile_without_rolling_forward(const OpenedJournals& journals,
                                                    std::size_t registries) {
  Reconciled reconciled = reconcile(journals, registries);
  for (RestoredClaims& registry : reconciled.registries) registry.unfinished.clear();
  return reconciled;
}

}  // namespace archbench::actor::wrong

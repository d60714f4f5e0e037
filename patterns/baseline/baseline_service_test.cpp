// The baseline's unit tests: the shared in-process contract suite
// (common/ledger/testing/contract_suite.hpp) against the baseline, answered inline and from
// another thread. The baseline has no rule of its own beyond the contract: it is the yardstick
// the other patterns are compared with, so its tests are the contract's.
#include "baseline/baseline_service.hpp"

#include <gtest/gtest.h>

#include "common/ledger/testing/contract_suite.hpp"

namespace archbench::baseline {
namespace {

using ledger::testing::LedgerContract;

INSTANTIATE_TEST_SUITE_P(Baseline, LedgerContract,
                         ledger::testing::answered_inline_and_late<BaselineService>(),
                         ledger::testing::backend_name);

}  // namespace
}  // namespace archbench::baseline

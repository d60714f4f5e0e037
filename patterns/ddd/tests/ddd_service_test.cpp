// The DDD backend through its edge, in process: the shared contract suite
// (common/ledger/testing/contract_suite.hpp), answered inline and from another thread. The same
// cases as every other backend's (the same contract, the same answers, word for word the same
// messages, the baseline's ids); the model's own rules are pinned in kernel_test, ledger_test
// and statements_test.
#include "ddd/edge/ddd_service.hpp"

#include <gtest/gtest.h>

#include "common/ledger/testing/contract_suite.hpp"

namespace archbench::ddd {
namespace {

using api::testing::LedgerContract;

INSTANTIATE_TEST_SUITE_P(Ddd, LedgerContract, api::testing::answered_inline_and_late<DddService>(),
                         api::testing::backend_name);

}  // namespace
}  // namespace archbench::ddd

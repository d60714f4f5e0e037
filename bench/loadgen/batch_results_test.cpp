// The batch answer reader: item statuses in order, strings skipped properly, and anything that
// is not a results document refused (the run then treats the whole batch as of unknown outcome
// and fails it as a wrong answer).
#include "loadgen/batch_results.hpp"

#include <gtest/gtest.h>

namespace archbench::loadgen {
namespace {

TEST(BatchResults, ReadsItemStatusesInOrder) {
  std::vector<int> statuses;
  ASSERT_TRUE(batch_item_statuses(
      R"({"results": [{"status": 201, "id": "tr-1"},
                      {"status":409,"error":{"code":"insufficient_funds","message":"x"}},
                      {"id": "tr-2", "status": 201}]})",
      statuses));
  EXPECT_EQ(statuses, (std::vector<int>{201, 409, 201}));
  ASSERT_TRUE(batch_item_statuses(R"({"results":[]})", statuses));
  EXPECT_TRUE(statuses.empty());
}

TEST(BatchResults, IgnoresLookalikesInStringsAndNestedObjects) {
  std::vector<int> statuses;
  // A "status" inside an error object, and inside a message string, are not the item's.
  ASSERT_TRUE(batch_item_statuses(
      R"({"note": "\"results\": [", "results": [
           {"error": {"status": 500, "message": "{\"status\": 201}"}, "status": 404}]})",
      statuses));
  EXPECT_EQ(statuses, (std::vector<int>{404}));
}

TEST(BatchResults, RefusesWhatIsNotAResultsDocument) {
  std::vector<int> statuses;
  EXPECT_FALSE(batch_item_statuses(R"({"error": {"code": "bad_request"}})", statuses));
  EXPECT_FALSE(batch_item_statuses(R"({"results": [{"id": "tr-1"}]})", statuses));  // no status
  EXPECT_FALSE(batch_item_statuses(R"({"results": [{"status": 201})", statuses));   // truncated
  EXPECT_FALSE(batch_item_statuses(R"({"results": [{"status": "201"}]})", statuses));
  EXPECT_FALSE(batch_item_statuses(R"({"results": [{"status": 20100}]})", statuses));
  EXPECT_FALSE(batch_item_statuses(R"({"results": {"status": 201}})", statuses));
  EXPECT_FALSE(batch_item_statuses("", statuses));
}

}  // namespace
}  // namespace archbench::loadgen

// Reads the item statuses out of a POST /transfers/batch answer, {"results": [{"status": 201,
// ...}, ...]}, without building a DOM: a batch answer holds thousands of items and this runs on
// the load generator's hot path. The ledger check needs each item's status: a 201 item moved
// money, a refused one did not.
#pragma once

#include <string_view>
#include <vector>

namespace archbench::loadgen {

// Appends to `statuses` (cleared first) the integer "status" of each object in the top-level
// "results" array, in order. Strings are skipped properly (an error message may contain
// anything). false when the body is not such a document or an item has no integer status.
bool batch_item_statuses(std::string_view body, std::vector<int>& statuses);

}  // namespace archbench::loadgen

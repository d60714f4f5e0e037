#include "micro/id_normaliser.hpp"

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <utility>

namespace archbench::micro {
namespace {

// The fields of the contract (docs/workload.md) that hold an account, deposit or transfer id.
bool holds_id(std::string_view key) {
  return key == "id" || key == "account" || key == "from" || key == "to" || key == "counterparty";
}

// Depth-first, in document order. nlohmann::json keeps object keys sorted, so "first
// appearance" is the same for two backends that write their keys in different orders.
void rename_ids(nlohmann::json& value, std::unordered_map<std::string, std::string>& names) {
  if (value.is_array()) {
    for (auto& item : value) rename_ids(item, names);
    return;
  }
  if (!value.is_object()) return;
  for (auto& [key, field] : value.items()) {
    if (field.is_string() && holds_id(key)) {
      const auto id = field.get<std::string>();
      // Appended, not `"#" + std::to_string(...)`: g++ 12 at -O3 reports a false
      // -Wstringop-overflow inside char_traits for that expression (GCC bug 105329).
      std::string name = "#";
      name += std::to_string(names.size());
      field = names.try_emplace(id, std::move(name)).first->second;
    } else if (key == "error" && field.is_object() && field.contains("message")) {
      field["message"] = "(message)";
    } else {
      rename_ids(field, names);
    }
  }
}

}  // namespace

std::string IdNormaliser::normalise(const std::string& body) {
  auto json = nlohmann::json::parse(body, nullptr, /*allow_exceptions=*/false);
  if (json.is_discarded()) return body;
  rename_ids(json, names_);
  return json.dump();
}

}  // namespace archbench::micro

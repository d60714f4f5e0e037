// A small validator for the subset of JSON Schema that result_schema.json uses: type (one or a
// list), properties, required, additionalProperties (false or a schema), items, enum, const,
// minimum, maximum, minItems, maxItems, anyOf, and $ref to "#/$defs/<name>". Enough for the tests
// to hold the result file to its documented shape without a JSON Schema library in Debian.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace archbench::loadgen::testing {

// Every violation, as "<json pointer>: <what>"; empty when the document is valid.
std::vector<std::string> validate_against_schema(const nlohmann::json& document,
                                                 const nlohmann::json& schema);

}  // namespace archbench::loadgen::testing

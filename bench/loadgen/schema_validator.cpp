// validate_against_schema: a recursive walk of the schema and the document side by side.
#include "loadgen/schema_validator.hpp"

namespace archbench::loadgen::testing {
namespace {

using json = nlohmann::json;

bool has_type(const json& value, const std::string& type) {
  if (type == "object") {
    return value.is_object();
  }
  if (type == "array") {
    return value.is_array();
  }
  if (type == "string") {
    return value.is_string();
  }
  if (type == "integer") {
    return value.is_number_integer();
  }
  if (type == "number") {
    return value.is_number();
  }
  if (type == "boolean") {
    return value.is_boolean();
  }
  if (type == "null") {
    return value.is_null();
  }
  return false;
}

class Validator {
 public:
  explicit Validator(const json& root) : root_(root) {}

  void check(const json& value, const json& schema, const std::string& where) {
    if (schema.contains("$ref")) {
      const std::string ref = schema["$ref"].get<std::string>();
      const std::string prefix = "#/$defs/";
      if (ref.rfind(prefix, 0) != 0 || !root_["$defs"].contains(ref.substr(prefix.size()))) {
        errors.push_back(where + ": unresolvable $ref " + ref);
        return;
      }
      check(value, root_["$defs"][ref.substr(prefix.size())], where);
      return;
    }
    if (schema.contains("anyOf")) {
      bool any = false;
      for (const auto& branch : schema["anyOf"]) {
        Validator attempt(root_);
        attempt.check(value, branch, where);
        any = any || attempt.errors.empty();
      }
      if (!any) {
        errors.push_back(where + ": matches no branch of anyOf");
      }
    }
    if (schema.contains("type")) {
      const json& type = schema["type"];
      bool ok = false;
      if (type.is_string()) {
        ok = has_type(value, type.get<std::string>());
      }
      for (const auto& t : type.is_array() ? type : json::array()) {
        ok = ok || has_type(value, t.get<std::string>());
      }
      if (!ok) {
        errors.push_back(where + ": expected type " + type.dump() + ", got " +
                         value.dump().substr(0, 60));
        return;
      }
    }
    if (schema.contains("enum")) {
      bool found = false;
      for (const auto& option : schema["enum"]) {
        found = found || option == value;
      }
      if (!found) {
        errors.push_back(where + ": " + value.dump() + " not in " + schema["enum"].dump());
      }
    }
    if (schema.contains("const") && schema["const"] != value) {
      errors.push_back(where + ": expected " + schema["const"].dump());
    }
    if (value.is_number()) {
      if (schema.contains("minimum") && value.get<double>() < schema["minimum"].get<double>()) {
        errors.push_back(where + ": below minimum " + schema["minimum"].dump());
      }
      if (schema.contains("maximum") && value.get<double>() > schema["maximum"].get<double>()) {
        errors.push_back(where + ": above maximum " + schema["maximum"].dump());
      }
    }
    if (value.is_object()) {
      check_object(value, schema, where);
    }
    if (value.is_array()) {
      if (schema.contains("minItems") && value.size() < schema["minItems"].get<std::size_t>()) {
        errors.push_back(where + ": fewer than " + schema["minItems"].dump() + " items");
      }
      if (schema.contains("maxItems") && value.size() > schema["maxItems"].get<std::size_t>()) {
        errors.push_back(where + ": more than " + schema["maxItems"].dump() + " items");
      }
      if (schema.contains("items")) {
        for (std::size_t i = 0; i < value.size(); ++i) {
          check(value[i], schema["items"], where + "/" + std::to_string(i));
        }
      }
    }
  }

  std::vector<std::string> errors;

 private:
  void check_object(const json& value, const json& schema, const std::string& where) {
    for (const auto& name : schema.value("required", json::array())) {
      if (!value.contains(name.get<std::string>())) {
        errors.push_back(where + ": missing required '" + name.get<std::string>() + "'");
      }
    }
    const json properties = schema.value("properties", json::object());
    for (const auto& [key, member] : value.items()) {
      const std::string path = where + "/" + std::string(key);
      if (properties.contains(key)) {
        check(member, properties[key], path);
      } else if (schema.contains("additionalProperties")) {
        const json& extra = schema["additionalProperties"];
        if (extra.is_boolean()) {
          if (!extra.get<bool>()) {
            errors.push_back(where + ": unexpected property '" + std::string(key) + "'");
          }
        } else {
          check(member, extra, path);
        }
      }
    }
  }

  const json& root_;
};

}  // namespace

std::vector<std::string> validate_against_schema(const nlohmann::json& document,
                                                 const nlohmann::json& schema) {
  Validator validator(schema);
  validator.check(document, schema, "");
  return validator.errors;
}

}  // namespace archbench::loadgen::testing

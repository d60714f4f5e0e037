#include "ddd/tests/include_rules.hpp"

#include <algorithm>
#include <array>
#include <optional>

namespace archbench::ddd::testing {
namespace {

// The C++20 standard library headers that do no I/O, no threads, no clocks, no randomness.
constexpr auto kPureStandardHeaders = std::to_array<std::string_view>({
    "algorithm",    "any",           "array",
    "bit",          "bitset",        "cassert",
    "cctype",       "cerrno",        "cfloat",
    "charconv",     "cinttypes",     "climits",
    "cmath",        "compare",       "concepts",
    "cstddef",      "cstdint",       "cstdlib",
    "cstring",      "deque",         "exception",
    "forward_list", "functional",    "initializer_list",
    "iterator",     "limits",        "list",
    "map",          "memory",        "memory_resource",
    "new",          "numbers",       "numeric",
    "optional",     "queue",         "ranges",
    "ratio",        "set",           "source_location",
    "span",         "stack",         "stdexcept",
    "string",       "string_view",   "system_error",
    "tuple",        "type_traits",   "typeindex",
    "typeinfo",     "unordered_map", "unordered_set",
    "utility",      "variant",       "vector",
    "version",
});

std::string_view trim_left(std::string_view text) {
  const auto first = text.find_first_not_of(" \t");
  return first == std::string_view::npos ? std::string_view{} : text.substr(first);
}

// What follows "#include" on a directive line, or nullopt for any other line.
std::optional<std::string_view> include_target(std::string_view line) {
  line = trim_left(line);
  if (!line.starts_with('#')) return std::nullopt;
  line = trim_left(line.substr(1));
  if (!line.starts_with("include")) return std::nullopt;
  return trim_left(line.substr(std::string_view("include").size()));
}

std::string quoted(std::string_view header, char open, char close) {
  std::string text(1, open);
  text += header;
  text += close;
  return text;
}

// Why `target` breaks `rule`; "" if it does not. Only a plain <h> or "h" can be checked.
std::string check(std::string_view target, const Rule& rule) {
  const char open = target.empty() ? '\0' : target.front();
  const char close = open == '<' ? '>' : '"';
  const auto end = target.find(close, 1);
  if ((open != '<' && open != '"') || end == std::string_view::npos || end == 1) {
    return quoted(target, '\'', '\'') + " is not a plain <header> or \"header\"";
  }
  const auto header = target.substr(1, end - 1);
  const std::string written = quoted(header, open, close);
  if (open == '<') {
    if (std::find(kPureStandardHeaders.begin(), kPureStandardHeaders.end(), header) !=
        kPureStandardHeaders.end()) {
      return {};
    }
    return written + " is not a pure standard header (the model does no I/O, threads, time)";
  }
  if (header.find("..") != std::string_view::npos) return written + " climbs out with '..'";
  for (const auto folder : rule.folders) {
    if (header.starts_with(folder)) return {};
  }
  if (std::find(rule.files.begin(), rule.files.end(), header) != rule.files.end()) return {};
  return written + " is outside what this context may see";
}

}  // namespace

// The kernel's one header from outside the model: the contract's value rules and their words,
// standard-library only (ContextMap.TheSharedRulesArePure checks it).
Rule kernel_rule() { return {.folders = {"ddd/kernel/"}, .files = {"common/ledger/rules.hpp"}}; }
Rule ledger_rule() { return {.folders = {"ddd/kernel/", "ddd/ledger/"}, .files = {}}; }
Rule statements_rule() {
  return {.folders = {"ddd/kernel/", "ddd/statements/"}, .files = {"ddd/ledger/events.hpp"}};
}

std::vector<std::string> include_violations(std::string_view source, const Rule& rule) {
  std::vector<std::string> violations;
  int number = 0;
  std::size_t start = 0;
  while (start <= source.size()) {
    const auto end = std::min(source.find('\n', start), source.size());
    const auto line = source.substr(start, end - start);
    start = end + 1;
    ++number;
    const auto target = include_target(line);
    if (!target) continue;
    if (std::string problem = check(*target, rule); !problem.empty()) {
      std::string violation = "line ";
      violation += std::to_string(number);
      violation += ": ";
      violations.push_back(violation + problem);
    }
  }
  return violations;
}

}  // namespace archbench::ddd::testing

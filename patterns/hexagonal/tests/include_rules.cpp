#include "hexagonal/tests/include_rules.hpp"

#include <algorithm>
#include <array>
#include <optional>

namespace archbench::hexagonal::testing {
namespace {

// The C++23 standard library headers (C++20's and the newer ones) and the C headers in their
// <cxxx> form.
constexpr auto kStandardHeaders = std::to_array<std::string_view>({
    "algorithm",
    "any",
    "array",
    "atomic",
    "barrier",
    "bit",
    "bitset",
    "cassert",
    "cctype",
    "cerrno",
    "cfenv",
    "cfloat",
    "charconv",
    "chrono",
    "cinttypes",
    "climits",
    "clocale",
    "cmath",
    "codecvt",
    "compare",
    "complex",
    "concepts",
    "condition_variable",
    "coroutine",
    "csetjmp",
    "csignal",
    "cstdarg",
    "cstddef",
    "cstdint",
    "cstdio",
    "cstdlib",
    "cstring",
    "ctime",
    "cuchar",
    "cwchar",
    "cwctype",
    "deque",
    "exception",
    "execution",
    "expected",
    "filesystem",
    "flat_map",
    "flat_set",
    "format",
    "forward_list",
    "fstream",
    "functional",
    "future",
    "generator",
    "initializer_list",
    "iomanip",
    "ios",
    "iosfwd",
    "iostream",
    "istream",
    "iterator",
    "latch",
    "limits",
    "list",
    "locale",
    "map",
    "mdspan",
    "memory",
    "memory_resource",
    "mutex",
    "new",
    "numbers",
    "numeric",
    "optional",
    "ostream",
    "print",
    "queue",
    "random",
    "ranges",
    "ratio",
    "regex",
    "scoped_allocator",
    "semaphore",
    "set",
    "shared_mutex",
    "source_location",
    "span",
    "spanstream",
    "sstream",
    "stack",
    "stacktrace",
    "stdexcept",
    "stdfloat",
    "stop_token",
    "streambuf",
    "string",
    "string_view",
    "syncstream",
    "system_error",
    "thread",
    "tuple",
    "type_traits",
    "typeindex",
    "typeinfo",
    "unordered_map",
    "unordered_set",
    "utility",
    "valarray",
    "variant",
    "vector",
    "version",
});

// Standard, but impure: input/output, threads, time and randomness come in through ports.
constexpr auto kImpureHeaders = std::to_array<std::string_view>({
    "barrier",   "chrono",       "condition_variable",
    "cstdio",    "ctime",        "filesystem",
    "fstream",   "future",       "iostream",
    "istream",   "latch",        "mutex",
    "ostream",   "print",        "random",
    "semaphore", "shared_mutex", "spanstream",
    "sstream",   "stop_token",   "syncstream",
    "thread",    "atomic",       "csignal",
});

template <std::size_t N>
bool contains(const std::array<std::string_view, N>& list, std::string_view name) {
  return std::find(list.begin(), list.end(), name) != list.end();
}

// The project folders (as included from patterns/) that a layer may include.
std::vector<std::string_view> visible_folders(Layer layer) {
  switch (layer) {
    case Layer::domain:
      return {"hexagonal/domain/"};
    case Layer::ports:
      return {"hexagonal/domain/", "hexagonal/ports/"};
    case Layer::application:
      return {"hexagonal/domain/", "hexagonal/ports/", "hexagonal/application/"};
  }
  return {};
}

// The header as written in its #include, delimiters included. (Messages in this file start
// from a std::string and append: g++ 12 at -O3 warns falsely about `"x" + std::string(...)`,
// GCC bug 105329.)
std::string spelled(std::string_view header, bool angled) {
  std::string text(1, angled ? '<' : '"');
  text += header;
  text += angled ? '>' : '"';
  return text;
}

std::string check(std::string_view header, bool angled, Layer layer) {
  const std::string written = spelled(header, angled);
  if (angled) {
    if (!contains(kStandardHeaders, header)) return written + " is not a standard header";
    if (contains(kImpureHeaders, header)) {
      return written + " does I/O, threads, time or randomness: put it behind a port";
    }
    return {};
  }
  if (header.find("..") != std::string_view::npos) return written + " climbs out with '..'";
  for (const auto folder : visible_folders(layer)) {
    if (header.starts_with(folder)) return {};
  }
  return written + " is outside the layers this one may see";
}

std::string_view trim_left(std::string_view text) {
  const auto first = text.find_first_not_of(" \t");
  return first == std::string_view::npos ? std::string_view{} : text.substr(first);
}

// What follows "#include" on a directive line ('#', spaces, "include"), or nullopt for any
// other line. A comment line starts with "//", not '#', so it is no directive.
std::optional<std::string_view> include_target(std::string_view line) {
  line = trim_left(line);
  if (!line.starts_with('#')) return std::nullopt;
  line = trim_left(line.substr(1));
  if (!line.starts_with("include")) return std::nullopt;
  return trim_left(line.substr(std::string_view("include").size()));
}

// Why `target` ("<x>", "\"x\"", or anything else) breaks the rule of `layer`; "" if it does not.
// Anything but a plain <header> or "header" (a macro, #include_next) cannot be checked, so it is
// refused too.
std::string check_target(std::string_view target, Layer layer) {
  const char open = target.empty() ? '\0' : target.front();
  const char close = open == '<' ? '>' : '"';
  const auto end = target.find(close, 1);
  if ((open != '<' && open != '"') || end == std::string_view::npos || end == 1) {
    std::string problem(1, '\'');
    problem += target;
    return problem + "' is not a plain <header> or \"header\"";
  }
  return check(target.substr(1, end - 1), open == '<', layer);
}

}  // namespace

std::vector<std::string> include_violations(std::string_view source, Layer layer) {
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
    const std::string problem = check_target(*target, layer);
    if (!problem.empty()) {
      std::string violation = "line ";
      violation += std::to_string(number) + ": " + problem;
      violations.push_back(std::move(violation));
    }
  }
  return violations;
}

}  // namespace archbench::hexagonal::testing

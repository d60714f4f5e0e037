// What must hold for the request parser on ANY input, checked by the randomized test
// (request_parser_fuzz_test.cpp) and the libFuzzer target (request_parser_fuzz.cpp). Returns
// a description of the first broken rule, or an empty string.
#pragma once

#include <string>
#include <string_view>

#include "common/http/request.hpp"
#include "common/http/request_parser.hpp"

namespace archbench::http::test {

inline bool within(std::string_view inner, std::string_view outer) {
  return inner.data() >= outer.data() && inner.data() + inner.size() <= outer.data() + outer.size();
}

// `split` (any value; taken modulo the size) picks a prefix to compare with the whole input.
inline std::string violated_invariant(std::string_view data, std::size_t split) {
  ParsedHead head;
  const ParseStatus status = parse_request_head(data, head);
  switch (status) {
    case ParseStatus::complete:
    case ParseStatus::incomplete:
    case ParseStatus::bad_request:
    case ParseStatus::head_too_large:
    case ParseStatus::length_required:
    case ParseStatus::body_too_large:
    case ParseStatus::version_unsupported:
      break;
    default:
      return "status out of range";
  }
  if (status == ParseStatus::incomplete && data.size() >= kMaxHeadBytes) {
    return "incomplete although the head limit is reached";
  }
  if (status == ParseStatus::complete) {
    if (head.head_bytes > data.size() || head.head_bytes > kMaxHeadBytes) return "head_bytes";
    const std::string_view text = data.substr(0, head.head_bytes);
    if (text.size() < 4 || text.substr(text.size() - 4) != "\r\n\r\n") return "head end";
    if (head.method.empty() || !within(head.method, text)) return "method view";
    if (head.target.empty() || head.target.front() != '/' || !within(head.target, text)) {
      return "target view";
    }
    if (head.content_length > kMaxBodyBytes) return "content_length over the limit";
    // What follows the head does not change it.
    ParsedHead alone;
    if (parse_request_head(text, alone) != ParseStatus::complete ||
        alone.content_length != head.content_length || alone.keep_alive != head.keep_alive ||
        alone.expect_continue != head.expect_continue || alone.target != head.target) {
      return "the head parses differently without what follows it";
    }
  }
  // A prefix is undecided or already decided the same way.
  if (!data.empty()) {
    const std::size_t cut = split % data.size();
    ParsedHead prefix_head;
    const ParseStatus prefix = parse_request_head(data.substr(0, cut), prefix_head);
    if (prefix != ParseStatus::incomplete && prefix != status) {
      return "prefix of " + std::to_string(cut) + " bytes decided differently";
    }
    if (prefix == ParseStatus::complete && prefix_head.head_bytes != head.head_bytes) {
      return "prefix found another head end";
    }
  }
  return {};
}

}  // namespace archbench::http::test

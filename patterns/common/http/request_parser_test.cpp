// The request-head parser, status by status and edge by edge. The property that lets the
// connection re-parse from the start as bytes trickle in is checked for every test input:
// no prefix of an input gives a different decisive answer than the whole input.
#include "common/http/request_parser.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <string_view>
#include <vector>

#include "common/http/request.hpp"

namespace archbench::http {
namespace {

ParseStatus parse(std::string_view data, ParsedHead& head) {
  return parse_request_head(data, head);
}

ParseStatus parse(std::string_view data) {
  ParsedHead head;
  return parse_request_head(data, head);
}

// Every prefix is `incomplete` or already the final answer; a complete head is complete only
// once all of it is there, and then with the same result.
void expect_prefixes_agree(std::string_view data) {
  ParsedHead full;
  const ParseStatus final_status = parse(data, full);
  for (std::size_t split = 0; split < data.size(); ++split) {
    ParsedHead head;
    const ParseStatus status = parse(data.substr(0, split), head);
    if (final_status == ParseStatus::complete && split < full.head_bytes) {
      ASSERT_EQ(status, ParseStatus::incomplete) << "split at " << split;
    } else if (status != ParseStatus::incomplete) {
      ASSERT_EQ(status, final_status) << "split at " << split;
      if (status == ParseStatus::complete) {
        EXPECT_EQ(head.head_bytes, full.head_bytes);
        EXPECT_EQ(head.method, full.method);
        EXPECT_EQ(head.target, full.target);
        EXPECT_EQ(head.content_length, full.content_length);
        EXPECT_EQ(head.keep_alive, full.keep_alive);
        EXPECT_EQ(head.expect_continue, full.expect_continue);
      }
    }
  }
}

TEST(RequestParserTest, SimpleGet) {
  const std::string data = "GET /accounts/a1?x=1 HTTP/1.1\r\nHost: localhost\r\n\r\n";
  ParsedHead head;
  ASSERT_EQ(parse(data, head), ParseStatus::complete);
  EXPECT_EQ(head.method, "GET");
  EXPECT_EQ(head.target, "/accounts/a1?x=1");
  EXPECT_EQ(head.head_bytes, data.size());
  EXPECT_EQ(head.content_length, 0u);
  EXPECT_TRUE(head.keep_alive);
  EXPECT_FALSE(head.expect_continue);
  expect_prefixes_agree(data);
}

TEST(RequestParserTest, ViewsPointIntoTheInput) {
  const std::string data = "POST /t HTTP/1.1\r\nHost: h\r\n\r\n";
  ParsedHead head;
  ASSERT_EQ(parse(data, head), ParseStatus::complete);
  EXPECT_EQ(head.method.data(), data.data());
  EXPECT_EQ(head.target.data(), data.data() + 5);
}

TEST(RequestParserTest, PostWithBodyAndWhatFollowsIt) {
  const std::string head_text =
      "POST /transfers HTTP/1.1\r\nHost: h\r\nContent-Type: application/json\r\n"
      "Content-Length: 7\r\n\r\n";
  // The body and a pipelined request after the head are not the parser's business.
  const std::string data = head_text + "{\"a\":1}GET / HTTP/1.1\r\n\r\n";
  ParsedHead head;
  ASSERT_EQ(parse(data, head), ParseStatus::complete);
  EXPECT_EQ(head.method, "POST");
  EXPECT_EQ(head.head_bytes, head_text.size());
  EXPECT_EQ(head.content_length, 7u);
  expect_prefixes_agree(data);
}

TEST(RequestParserTest, MethodIsAnyTokenAndCaseSensitive) {
  ParsedHead head;
  ASSERT_EQ(parse("get / HTTP/1.1\r\nHost: h\r\n\r\n", head), ParseStatus::complete);
  EXPECT_EQ(head.method, "get");
  ASSERT_EQ(parse("M-SEARCH / HTTP/1.1\r\nHost: h\r\n\r\n", head), ParseStatus::complete);
  EXPECT_EQ(head.method, "M-SEARCH");
}

TEST(RequestParserTest, IncompleteUntilTheBlankLine) {
  EXPECT_EQ(parse(""), ParseStatus::incomplete);
  EXPECT_EQ(parse("GET"), ParseStatus::incomplete);
  EXPECT_EQ(parse("GET / HTTP/1.1\r"), ParseStatus::incomplete);
  EXPECT_EQ(parse("GET / HTTP/1.1\r\n"), ParseStatus::incomplete);
  EXPECT_EQ(parse("GET / HTTP/1.1\r\nHost: x\r\n"), ParseStatus::incomplete);
  EXPECT_EQ(parse("GET / HTTP/1.1\r\nHost: x\r\n\r"), ParseStatus::incomplete);
}

TEST(RequestParserTest, MalformedRequestLines) {
  for (const char* line : {
           "\r\nGET / HTTP/1.1\r\n\r\n",      // a leading empty line is refused, not skipped
           "GET  / HTTP/1.1\r\n\r\n",         // two spaces
           "GET / HTTP/1.1 \r\n\r\n",         // trailing space
           " GET / HTTP/1.1\r\n\r\n",         // leading space
           "GET /\r\n\r\n",                   // HTTP/0.9 style, no version
           "GET\r\n\r\n",                     // method only
           "G(T / HTTP/1.1\r\n\r\n",          // '(' is not a token character
           "GET http://x/ HTTP/1.1\r\n\r\n",  // absolute-form
           "OPTIONS * HTTP/1.1\r\n\r\n",      // asterisk-form
           "GET /a\tb HTTP/1.1\r\n\r\n",      // control character in the target
           "GET /\xC3\xA9 HTTP/1.1\r\n\r\n",  // non-ASCII in the target
           "GET / http/1.1\r\n\r\n",          // the version name is case-sensitive
           "GET / HTTP/\r\n\r\n",             // no version number
           "GET / FTP/1.1\r\n\r\n",           // not HTTP
       }) {
    EXPECT_EQ(parse(line), ParseStatus::bad_request) << line;
    expect_prefixes_agree(line);
  }
}

TEST(RequestParserTest, VersionsOtherThan10And11AreUnsupported) {
  EXPECT_EQ(parse("GET / HTTP/1.0\r\n\r\n"), ParseStatus::complete);
  EXPECT_EQ(parse("GET / HTTP/1.1\r\nHost: h\r\n\r\n"), ParseStatus::complete);
  for (const char* line : {"GET / HTTP/2.0\r\n\r\n", "GET / HTTP/1.2\r\n\r\n",
                           "GET / HTTP/0.9\r\n\r\n", "GET / HTTP/3\r\n\r\n"}) {
    EXPECT_EQ(parse(line), ParseStatus::version_unsupported) << line;
  }
  // Decided on the request line, without waiting for the headers.
  EXPECT_EQ(parse("GET / HTTP/2.0\r\nHost: x"), ParseStatus::version_unsupported);
}

TEST(RequestParserTest, LineEndingsMustBeCrLf) {
  EXPECT_EQ(parse("GET / HTTP/1.1\n\n"), ParseStatus::bad_request);
  EXPECT_EQ(parse("GET / HTTP/1.1\r\nHost: x\n\r\n"), ParseStatus::bad_request);
  EXPECT_EQ(parse("GET / HTTP/1.1\r\nHost: x\r\n\n"), ParseStatus::bad_request);
  EXPECT_EQ(parse("GET / HTTP/1.1\r\nHost: a\rb\r\n\r\n"), ParseStatus::bad_request);
  EXPECT_EQ(parse("GET / HTTP/1.1\r\r\n\r\n"), ParseStatus::bad_request);
}

TEST(RequestParserTest, MalformedHeaderLines) {
  for (const char* text : {
           "GET / HTTP/1.1\r\nHost : x\r\n\r\n",            // space before the colon
           "GET / HTTP/1.1\r\n: x\r\n\r\n",                 // empty name
           "GET / HTTP/1.1\r\nNo colon here\r\n\r\n",       // no colon
           "GET / HTTP/1.1\r\nHost\r\n\r\n",                // name only
           "GET / HTTP/1.1\r\nA(b: x\r\n\r\n",              // '(' is not a token character
           "GET / HTTP/1.1\r\nHost: x\r\n folded\r\n\r\n",  // obs-fold
           "GET / HTTP/1.1\r\nHost: x\r\n\tfolded\r\n\r\n",
           "GET / HTTP/1.1\r\n Host: x\r\n\r\n",   // whitespace before the first header
           "GET / HTTP/1.1\r\nX: a\x01z\r\n\r\n",  // control character in a value
           "GET / HTTP/1.1\r\nX: a\x7fz\r\n\r\n",  // DEL in a value
       }) {
    EXPECT_EQ(parse(text), ParseStatus::bad_request) << text;
    expect_prefixes_agree(text);
  }
  const std::string with_nul("GET / HTTP/1.1\r\nX: a\0z\r\n\r\n", 27);
  EXPECT_EQ(parse(with_nul), ParseStatus::bad_request);
}

TEST(RequestParserTest, HeaderValuesAllowOwsTabsAndObsText) {
  ParsedHead head;
  ASSERT_EQ(parse("POST / HTTP/1.1\r\nHost: h\r\nContent-Length: \t 12 \t\r\nX: caf\xC3\xA9\tok\r\n"
                  "Empty:\r\n\r\n",
                  head),
            ParseStatus::complete);
  EXPECT_EQ(head.content_length, 12u);
}

TEST(RequestParserTest, HeaderNamesAreCaseInsensitive) {
  ParsedHead head;
  ASSERT_EQ(parse("POST / HTTP/1.1\r\nHost: h\r\ncOnTeNt-LeNgTh: 3\r\nCONNECTION: CLOSE\r\n"
                  "expect: 100-Continue\r\n\r\n",
                  head),
            ParseStatus::complete);
  EXPECT_EQ(head.content_length, 3u);
  EXPECT_FALSE(head.keep_alive);
  EXPECT_TRUE(head.expect_continue);
  EXPECT_EQ(parse("POST / HTTP/1.1\r\nTRANSFER-encoding: chunked\r\n\r\n"),
            ParseStatus::length_required);
}

TEST(RequestParserTest, ContentLength) {
  ParsedHead head;
  ASSERT_EQ(parse("POST / HTTP/1.1\r\nHost: h\r\nContent-Length: 0042\r\n\r\n", head),
            ParseStatus::complete);
  EXPECT_EQ(head.content_length, 42u);
  for (const char* value : {"", "-1", "+1", "1.0", "1 2", "0x10", "1,1", "12a", "\xD9\xA1"}) {
    const std::string text =
        std::string("POST / HTTP/1.1\r\nContent-Length: ") + value + "\r\n\r\n";
    EXPECT_EQ(parse(text), ParseStatus::bad_request) << value;
  }
}

TEST(RequestParserTest, DuplicateContentLengthsMustAgree) {
  ParsedHead head;
  ASSERT_EQ(
      parse("POST / HTTP/1.1\r\nHost: h\r\nContent-Length: 5\r\ncontent-length: 005\r\n\r\n", head),
      ParseStatus::complete);
  EXPECT_EQ(head.content_length, 5u);
  EXPECT_EQ(parse("POST / HTTP/1.1\r\nContent-Length: 5\r\nContent-Length: 6\r\n\r\n"),
            ParseStatus::bad_request);
}

TEST(RequestParserTest, BodyLimits) {
  ParsedHead head;
  const auto with_length = [](std::string_view n) {
    return "POST / HTTP/1.1\r\nHost: h\r\nContent-Length: " + std::string(n) + "\r\n\r\n";
  };
  ASSERT_EQ(parse(with_length(std::to_string(kMaxBodyBytes)), head), ParseStatus::complete);
  EXPECT_EQ(head.content_length, kMaxBodyBytes);
  EXPECT_EQ(parse(with_length(std::to_string(kMaxBodyBytes + 1))), ParseStatus::body_too_large);
  // The largest 64-bit value is too large; one more does not fit at all and is malformed.
  EXPECT_EQ(parse(with_length("18446744073709551615")), ParseStatus::body_too_large);
  EXPECT_EQ(parse(with_length("18446744073709551616")), ParseStatus::bad_request);
  EXPECT_EQ(parse(with_length("99999999999999999999999999999999")), ParseStatus::bad_request);
}

TEST(RequestParserTest, AnyTransferEncodingNeedsALengthInstead) {
  for (const char* value : {"chunked", "gzip, chunked", "identity", ""}) {
    const std::string text =
        std::string("POST / HTTP/1.1\r\nTransfer-Encoding: ") + value + "\r\n\r\n";
    EXPECT_EQ(parse(text), ParseStatus::length_required) << value;
  }
  // Next to a Content-Length it is worse than unsupported: the two together are how request
  // smuggling starts (RFC 9112 §6.3), so the request is malformed, whichever comes first.
  EXPECT_EQ(parse("POST / HTTP/1.1\r\nHost: h\r\nContent-Length: 5\r\n"
                  "Transfer-Encoding: chunked\r\n\r\n"),
            ParseStatus::bad_request);
  EXPECT_EQ(parse("POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n"
                  "Content-Length: 5\r\n\r\n"),
            ParseStatus::bad_request);
}

TEST(RequestParserTest, KeepAliveRules) {
  const auto keep_alive = [](std::string_view version, std::string_view connection) {
    std::string text = "GET / " + std::string(version) + "\r\nHost: h\r\n";
    if (!connection.empty()) text += "Connection: " + std::string(connection) + "\r\n";
    text += "\r\n";
    ParsedHead head;
    EXPECT_EQ(parse(text, head), ParseStatus::complete) << text;
    return head.keep_alive;
  };
  EXPECT_TRUE(keep_alive("HTTP/1.1", ""));
  EXPECT_FALSE(keep_alive("HTTP/1.1", "close"));
  EXPECT_FALSE(keep_alive("HTTP/1.1", "Close"));
  EXPECT_FALSE(keep_alive("HTTP/1.1", "Upgrade,  close"));
  EXPECT_FALSE(keep_alive("HTTP/1.1", "keep-alive, close"));
  EXPECT_TRUE(keep_alive("HTTP/1.1", "closed"));
  EXPECT_TRUE(keep_alive("HTTP/1.1", "keep-alive"));
  EXPECT_FALSE(keep_alive("HTTP/1.0", ""));
  EXPECT_TRUE(keep_alive("HTTP/1.0", "Keep-Alive"));
  EXPECT_TRUE(keep_alive("HTTP/1.0", "foo , keep-alive"));
  EXPECT_FALSE(keep_alive("HTTP/1.0", "keep-alive, close"));
}

TEST(RequestParserTest, ExpectContinue) {
  ParsedHead head;
  ASSERT_EQ(parse("POST / HTTP/1.1\r\nHost: h\r\nExpect: 100-continue\r\nContent-Length: 1\r\n\r\n",
                  head),
            ParseStatus::complete);
  EXPECT_TRUE(head.expect_continue);
  // HTTP/1.0 clients do not understand 100 Continue: the expectation is ignored.
  ASSERT_EQ(parse("POST / HTTP/1.0\r\nExpect: 100-continue\r\n\r\n", head), ParseStatus::complete);
  EXPECT_FALSE(head.expect_continue);
  // Other expectations are ignored too.
  ASSERT_EQ(parse("POST / HTTP/1.1\r\nHost: h\r\nExpect: something-else\r\n\r\n", head),
            ParseStatus::complete);
  EXPECT_FALSE(head.expect_continue);
}

TEST(RequestParserTest, HeadLimit) {
  // A head of exactly kMaxHeadBytes is accepted; one byte more is not.
  const std::string start = "GET / HTTP/1.1\r\nHost: h\r\nX: ";
  const std::string end = "\r\n\r\n";
  const std::string exact =
      start + std::string(kMaxHeadBytes - start.size() - end.size(), 'v') + end;
  ASSERT_EQ(exact.size(), kMaxHeadBytes);
  ParsedHead head;
  ASSERT_EQ(parse(exact, head), ParseStatus::complete);
  EXPECT_EQ(head.head_bytes, kMaxHeadBytes);
  const std::string over = start + std::string(kMaxHeadBytes - start.size() - 3, 'v') + end;
  EXPECT_EQ(parse(over), ParseStatus::head_too_large);
  // Incomplete, but already past the limit: no need to wait for the rest.
  EXPECT_EQ(parse(start + std::string(kMaxHeadBytes, 'v')), ParseStatus::head_too_large);
  EXPECT_EQ(parse(std::string(kMaxHeadBytes, 'G')), ParseStatus::head_too_large);
  // Many small headers count too.
  std::string many = "GET / HTTP/1.1\r\n";
  while (many.size() <= kMaxHeadBytes) many += "X-Header: value\r\n";
  EXPECT_EQ(parse(many + "\r\n"), ParseStatus::head_too_large);
  expect_prefixes_agree(exact);
  expect_prefixes_agree(over);
}

TEST(RequestParserTest, Http11NeedsExactlyOneHost) {
  // RFC 9112 §3.2: no Host on HTTP/1.1, or more than one on any version, is 400.
  EXPECT_EQ(parse("GET / HTTP/1.1\r\n\r\n"), ParseStatus::bad_request);
  EXPECT_EQ(parse("GET / HTTP/1.1\r\nX-Host: h\r\n\r\n"), ParseStatus::bad_request);
  EXPECT_EQ(parse("GET / HTTP/1.1\r\nHost: a\r\nhost: a\r\n\r\n"), ParseStatus::bad_request);
  EXPECT_EQ(parse("GET / HTTP/1.0\r\nHost: a\r\nHost: b\r\n\r\n"), ParseStatus::bad_request);
  EXPECT_EQ(parse("GET / HTTP/1.1\r\nHOST: h\r\n\r\n"), ParseStatus::complete);
  EXPECT_EQ(parse("GET / HTTP/1.1\r\nHost:\r\n\r\n"), ParseStatus::complete);  // empty is valid
  // HTTP/1.0 predates Host.
  EXPECT_EQ(parse("GET / HTTP/1.0\r\n\r\n"), ParseStatus::complete);
  expect_prefixes_agree("GET / HTTP/1.1\r\nX: y\r\n\r\n");
}

TEST(RequestParserTest, Http10IsMarked) {
  ParsedHead head;
  ASSERT_EQ(parse("GET / HTTP/1.0\r\n\r\n", head), ParseStatus::complete);
  EXPECT_TRUE(head.http10);
  ASSERT_EQ(parse("GET / HTTP/1.1\r\nHost: h\r\n\r\n", head), ParseStatus::complete);
  EXPECT_FALSE(head.http10);
}

// Feeds `text` to head_ready() in pieces of `piece` bytes, as a connection would, and returns
// the scan; `ready_at` gets the sizes at which it said "parse now".
HeadScan scan_in_pieces(std::string_view text, std::size_t piece,
                        std::vector<std::size_t>* ready_at = nullptr) {
  HeadScan scan;
  for (std::size_t size = piece; size <= text.size() + piece - 1; size += piece) {
    const std::size_t have = std::min(size, text.size());
    if (head_ready(text.substr(0, have), scan) && ready_at != nullptr) ready_at->push_back(have);
  }
  return scan;
}

TEST(RequestParserTest, HeadReadyLooksAtEachByteOnceWhateverThePieces) {
  // A 16 KiB head sent one byte at a time: re-scanning from the start on every byte would look
  // at n^2/2 = 134 million bytes; head_ready() looks at each once.
  const std::string start = "GET / HTTP/1.1\r\nHost: h\r\nX: ";
  const std::string head = start + std::string(kMaxHeadBytes - start.size() - 4, 'v') + "\r\n\r\n";
  ASSERT_EQ(head.size(), kMaxHeadBytes);
  std::vector<std::size_t> ready_at;
  const HeadScan scan = scan_in_pieces(head, 1, &ready_at);
  EXPECT_EQ(scan.examined, head.size());
  // Ready twice: once the request line is there (to refuse garbage at once), once complete.
  EXPECT_EQ(ready_at, (std::vector<std::size_t>{16, head.size()}));
  ParsedHead parsed;
  EXPECT_EQ(parse(head, parsed), ParseStatus::complete);
}

TEST(RequestParserTest, HeadReadyFindsEveryReasonToParse) {
  const auto first_ready = [](std::string_view text, std::size_t piece) {
    std::vector<std::size_t> ready_at;
    scan_in_pieces(text, piece, &ready_at);
    return ready_at.empty() ? std::size_t{0} : ready_at.front();
  };
  for (const std::size_t piece : {std::size_t{1}, std::size_t{2}, std::size_t{3}, std::size_t{7}}) {
    // The request line: garbage is refused without waiting for a blank line.
    const std::size_t garbage = first_ready("garbage\r\nmore", piece);
    EXPECT_GE(garbage, 9u) << piece;
    EXPECT_LT(garbage, 9u + piece) << piece;
    // A bare LF anywhere, even after the request line.
    std::vector<std::size_t> ready_at;
    scan_in_pieces("GET / HTTP/1.1\r\nHost: x\nmore", piece, &ready_at);
    ASSERT_EQ(ready_at.size(), 2u) << piece;
    EXPECT_GE(ready_at[1], 24u);
    EXPECT_LT(ready_at[1], 24u + piece);
    // The blank line, split across pieces anywhere.
    ready_at.clear();
    const std::string whole = "GET / HTTP/1.1\r\nHost: x\r\n\r\n";
    scan_in_pieces(whole, piece, &ready_at);
    ASSERT_EQ(ready_at.size(), 2u) << piece;
    EXPECT_EQ(ready_at[1], whole.size());
  }
  // Nothing else: header lines in the middle do not call for a parse.
  std::vector<std::size_t> ready_at;
  scan_in_pieces("GET / HTTP/1.1\r\nA: 1\r\nB: 2\r\nC: 3\r\n", 1, &ready_at);
  EXPECT_EQ(ready_at, (std::vector<std::size_t>{16}));
  // The size limit: ready once kMaxHeadBytes bytes are there, blank line or not.
  const std::string endless = "GET / HTTP/1.1\r\nX: " + std::string(kMaxHeadBytes, 'v');
  ready_at.clear();
  const HeadScan scan = scan_in_pieces(endless, 1000, &ready_at);
  ASSERT_FALSE(ready_at.empty());
  EXPECT_GE(ready_at.back(), kMaxHeadBytes);
  EXPECT_LE(scan.examined, kMaxHeadBytes);
}

TEST(RequestParserTest, EveryPrefixOfEveryStatusAgrees) {
  for (const char* text : {
           "GET / HTTP/1.1\r\nHost: x\r\nConnection: keep-alive, close\r\n\r\n",
           "POST /transfers HTTP/1.1\r\nExpect: 100-continue\r\nContent-Length: 10\r\n\r\n",
           "POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n",
           "POST / HTTP/1.1\r\nContent-Length: 99999999\r\n\r\n",
           "GET / HTTP/1.9\r\n\r\n",
           "GET / HTTP/1.1\r\nBad Header: x\r\n\r\n",
       }) {
    expect_prefixes_agree(text);
  }
}

}  // namespace
}  // namespace archbench::http

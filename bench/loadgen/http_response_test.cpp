// The response parser on the shapes archbench backends send, split reads, and what it refuses.
#include "loadgen/http_response.hpp"

#include <gtest/gtest.h>

#include <string>

namespace archbench::loadgen {
namespace {

ParseResult parse(const std::string& text, ResponseHead& head) {
  return parse_response_head(text.data(), text.size(), head);
}

TEST(HttpResponse, ParsesStatusAndContentLength) {
  const std::string text =
      "HTTP/1.1 201 Created\r\nContent-Type: application/json\r\nContent-Length: 2\r\n\r\n{}";
  ResponseHead head;
  ASSERT_EQ(parse(text, head), ParseResult::complete);
  EXPECT_EQ(head.status, 201);
  EXPECT_EQ(head.content_length, 2u);
  EXPECT_EQ(head.head_bytes, text.size() - 2);
  EXPECT_FALSE(head.connection_close);
}

TEST(HttpResponse, HeaderNamesAreCaseInsensitive) {
  ResponseHead head;
  ASSERT_EQ(
      parse("HTTP/1.1 409 Conflict\r\ncontent-LENGTH:  17 \r\nCONNECTION: Close\r\n\r\n", head),
      ParseResult::complete);
  EXPECT_EQ(head.status, 409);
  EXPECT_EQ(head.content_length, 17u);
  EXPECT_TRUE(head.connection_close);
}

TEST(HttpResponse, IncompleteUntilTheBlankLine) {
  const std::string text = "HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n";
  ResponseHead head;
  for (std::size_t n = 0; n < text.size(); ++n) {
    EXPECT_EQ(parse_response_head(text.data(), n, head), ParseResult::incomplete) << n;
  }
  EXPECT_EQ(parse(text, head), ParseResult::complete);
}

TEST(HttpResponse, Http10ClosesUnlessKeepAlive) {
  ResponseHead head;
  ASSERT_EQ(parse("HTTP/1.0 200 OK\r\nContent-Length: 0\r\n\r\n", head), ParseResult::complete);
  EXPECT_TRUE(head.connection_close);
  ASSERT_EQ(parse("HTTP/1.0 200 OK\r\nConnection: keep-alive\r\nContent-Length: 0\r\n\r\n", head),
            ParseResult::complete);
  EXPECT_FALSE(head.connection_close);
}

TEST(HttpResponse, RefusesWhatItCannotFrame) {
  ResponseHead head;
  EXPECT_EQ(parse("HTTP/2 200 OK\r\nContent-Length: 0\r\n\r\n", head), ParseResult::invalid);
  EXPECT_EQ(parse("HTTP/1.1 2x0 OK\r\nContent-Length: 0\r\n\r\n", head), ParseResult::invalid);
  EXPECT_EQ(parse("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n", head),
            ParseResult::invalid);
  EXPECT_EQ(parse("HTTP/1.1 200 OK\r\nServer: x\r\n\r\n", head), ParseResult::invalid);
  EXPECT_EQ(parse("HTTP/1.1 200 OK\r\nContent-Length: 12a\r\n\r\n", head), ParseResult::invalid);
  EXPECT_EQ(parse("HTTP/1.1 200 OK\r\nno colon here\r\n\r\n", head), ParseResult::invalid);
  const std::string endless = "HTTP/1.1 200 OK\r\nX: " + std::string(kMaxResponseHead, 'a');
  EXPECT_EQ(parse(endless, head), ParseResult::invalid);
}

TEST(HttpResponse, NoContentNeedsNoLength) {
  ResponseHead head;
  ASSERT_EQ(parse("HTTP/1.1 204 No Content\r\n\r\n", head), ParseResult::complete);
  EXPECT_EQ(head.content_length, 0u);
}

}  // namespace
}  // namespace archbench::loadgen

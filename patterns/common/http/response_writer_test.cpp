// Response serialization and the Responder's safety net, without sockets.
#include "common/http/response_writer.hpp"

#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <vector>

#include "common/http/response.hpp"

namespace archbench::http {
namespace {

TEST(ResponseWriterTest, WritesStatusHeadersAndBody) {
  std::string out = "earlier answer|";
  Response response;
  response.status = 201;
  response.body = R"({"id":"a1"})";
  detail::append_response(out, response, /*close=*/false);
  EXPECT_EQ(out,
            "earlier answer|HTTP/1.1 201 Created\r\nContent-Type: application/json\r\n"
            "Content-Length: 11\r\n\r\n{\"id\":\"a1\"}");
}

TEST(ResponseWriterTest, ExtraHeadersContentTypeAndClose) {
  std::string out;
  const Response response{200, "up 1\n", "text/plain; version=0.0.4", "X-A: 1\r\nX-B: 2\r\n"};
  detail::append_response(out, response, /*close=*/true);
  EXPECT_EQ(out,
            "HTTP/1.1 200 OK\r\nContent-Type: text/plain; version=0.0.4\r\nContent-Length: 5\r\n"
            "X-A: 1\r\nX-B: 2\r\nConnection: close\r\n\r\nup 1\n");
}

TEST(ResponseWriterTest, UnknownStatusHasAnEmptyReasonAndBadOnesBecome500) {
  std::string out;
  Response response;
  response.status = 299;
  detail::append_response(out, response, false);
  EXPECT_EQ(out.substr(0, out.find("\r\n") + 2), "HTTP/1.1 299 \r\n");
  for (const int status : {0, 100, 101, 199, 600, -1}) {
    out.clear();
    response.status = status;
    detail::append_response(out, response, false);
    EXPECT_EQ(out.substr(0, out.find("\r\n")), "HTTP/1.1 500 Internal Server Error") << status;
  }
}

TEST(ResponseWriterTest, FramingErrorsCloseWithTheContractsErrorBody) {
  struct Case {
    ParseStatus status;
    const char* line;
    const char* code;
  };
  for (const Case& c : {
           Case{ParseStatus::bad_request, "HTTP/1.1 400 Bad Request", "bad_request"},
           Case{ParseStatus::head_too_large, "HTTP/1.1 431 Request Header Fields Too Large",
                "request_header_too_large"},
           Case{ParseStatus::length_required, "HTTP/1.1 411 Length Required", "length_required"},
           Case{ParseStatus::body_too_large, "HTTP/1.1 413 Content Too Large", "payload_too_large"},
           Case{ParseStatus::version_unsupported, "HTTP/1.1 505 HTTP Version Not Supported",
                "http_version_not_supported"},
       }) {
    std::string out;
    detail::append_framing_error(out, c.status);
    EXPECT_EQ(out.substr(0, out.find("\r\n")), c.line);
    EXPECT_NE(out.find("Connection: close\r\n"), std::string::npos);
    const std::string body = out.substr(out.find("\r\n\r\n") + 4);
    EXPECT_EQ(body.rfind(std::string(R"({"error":{"code":")") + c.code + R"(","message":")", 0), 0u)
        << body;
    EXPECT_NE(out.find("Content-Length: " + std::to_string(body.size()) + "\r\n"),
              std::string::npos);
  }
}

// A sink that records what it is given, for the Responder's own rules.
class RecordingSink : public ResponseSink {
 public:
  void complete(Response&& response) override { responses.push_back(std::move(response)); }
  std::vector<Response> responses;
};

TEST(ResponderTest, AnUnusedResponderAnswers500InternalError) {
  RecordingSink sink;
  { Responder forgotten(&sink, nullptr); }
  ASSERT_EQ(sink.responses.size(), 1u);
  EXPECT_EQ(sink.responses[0].status, 500);
  EXPECT_EQ(sink.responses[0].body.rfind(R"({"error":{"code":"internal_error","message":")", 0),
            0u);
}

TEST(ResponderTest, AUsedOrMovedFromResponderAnswersNothingMore) {
  RecordingSink sink;
  auto owner = std::make_shared<int>(7);
  {
    Responder responder(&sink, owner);
    Responder moved = std::move(responder);
    EXPECT_FALSE(responder);  // NOLINT(bugprone-use-after-move): checking the moved-from state
    EXPECT_TRUE(moved);
    moved.send(200, "ok");
    EXPECT_FALSE(moved);
    EXPECT_EQ(owner.use_count(), 1);  // the keep-alive is released once answered
  }
  ASSERT_EQ(sink.responses.size(), 1u);
  EXPECT_EQ(sink.responses[0].status, 200);
}

TEST(ResponderTest, OverwritingAnUnusedResponderAnswersIt) {
  RecordingSink first;
  RecordingSink second;
  Responder responder(&first, nullptr);
  responder = Responder(&second, nullptr);
  ASSERT_EQ(first.responses.size(), 1u);
  EXPECT_EQ(first.responses[0].status, 500);
  responder.send(204, "");
  ASSERT_EQ(second.responses.size(), 1u);
  EXPECT_EQ(second.responses[0].status, 204);
}

}  // namespace
}  // namespace archbench::http

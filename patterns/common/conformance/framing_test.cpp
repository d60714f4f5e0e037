// HTTP framing over raw sockets: what a server must do with bytes no HTTP client library would
// send. After a framing error (400, 411, 413, 431, 505) it answers and closes the connection
// (docs/workload.md, "HTTP");
// otherwise it keeps connections alive, answers pipelined requests in order, and reassembles
// requests that arrive in pieces.
#include <thread>

#include "common/conformance/ledger_fixture.hpp"

namespace archbench::conformance {
namespace {

using namespace std::chrono_literals;

// A whole HTTP/1.1 request with a Content-Length body (when not empty or for POST).
std::string request(std::string_view method, std::string_view path, std::string_view body = {},
                    std::string_view extra_headers = {}) {
  std::string text =
      std::string(method) + " " + std::string(path) + " HTTP/1.1\r\nHost: 127.0.0.1\r\n";
  if (!body.empty() || method == "POST") {
    text +=
        "Content-Type: application/json\r\nContent-Length: " + std::to_string(body.size()) + "\r\n";
  }
  text += extra_headers;
  text += "\r\n";
  text += body;
  return text;
}

std::string new_account_body(std::string_view owner) {
  return json{{"owner", owner}, {"currency", "EUR"}}.dump();
}

class Framing : public LedgerTest {
 protected:
  // Sends `bytes` on a new connection and expects the framing error `status`/`code`, after
  // which the server must close the connection.
  void expect_framing_error(const std::string& bytes, int status, const char* code) {
    SCOPED_TRACE(::testing::Message() << "request: " << bytes.substr(0, 120));
    auto connection = connect_raw();
    connection->send(bytes);  // may fail half-way if the server already answered and closed
    auto response = connection->read_response();
    ASSERT_TRUE(response.has_value()) << "no answer before the connection closed or timed out";
    EXPECT_THAT(*response, IsError(status, code));
    EXPECT_TRUE(connection->closed_by_peer()) << "the connection stayed open";
    EXPECT_THAT(http().get("/health"), IsJson(200)) << "the server is still up";
  }
};

TEST_F(Framing, GarbageIs400AndClosesTheConnection) {
  expect_framing_error("garbage\r\n\r\n", 400, "bad_request");
  expect_framing_error(std::string("\x01\x02\x03\x04\x05\r\n\r\n"), 400, "bad_request");
  expect_framing_error("{\"owner\":\"Ada\"}\r\n\r\n", 400, "bad_request");
}

TEST_F(Framing, AMalformedHeaderLineIs400AndClosesTheConnection) {
  expect_framing_error("GET /health HTTP/1.1\r\nHost: x\r\nthis line has no colon\r\n\r\n", 400,
                       "bad_request");
}

TEST_F(Framing, AnInvalidContentLengthIs400AndClosesTheConnection) {
  for (const char* length : {"abc", "-1", "1 2", "0x10"}) {
    expect_framing_error(std::string("POST /accounts HTTP/1.1\r\nHost: x\r\nContent-Length: ") +
                             length + "\r\n\r\n{}",
                         400, "bad_request");
  }
}

TEST_F(Framing, ConflictingContentLengthsAre400AndCloseTheConnection) {
  expect_framing_error(
      "POST /accounts HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\nContent-Length: 40\r\n\r\n{}",
      400, "bad_request");
}

TEST_F(Framing, TwoEqualContentLengthsAreTakenAsOne) {
  // RFC 9110 §8.6 lets a recipient accept identical repeated lengths as one; the contract does.
  const std::string body = new_account_body("twice");
  auto connection = connect_raw();
  ASSERT_TRUE(connection->send(
      "POST /accounts HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
      "Content-Length: " +
      std::to_string(body.size()) + "\r\nContent-Length: " + std::to_string(body.size()) +
      "\r\n\r\n" + body + request("GET", "/health")));
  auto created = connection->read_response();
  ASSERT_TRUE(created.has_value());
  ASSERT_THAT(*created, IsJson(201));
  EXPECT_EQ(created->body_json["owner"], "twice");
  auto next = connection->read_response();  // framed right after the body
  ASSERT_TRUE(next.has_value());
  EXPECT_THAT(*next, IsJson(200));
}

TEST_F(Framing, AnHttp11RequestWithoutHostIs400) {
  // RFC 9112 §3.2: no Host on HTTP/1.1, or two of them on any version, is a 400.
  expect_framing_error("GET /health HTTP/1.1\r\n\r\n", 400, "bad_request");
  expect_framing_error("GET /health HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n", 400, "bad_request");
  const std::string body = new_account_body("nobody");
  expect_framing_error(
      "POST /accounts HTTP/1.1\r\nContent-Type: application/json\r\nContent-Length: " +
          std::to_string(body.size()) + "\r\n\r\n" + body,
      400, "bad_request");
}

TEST_F(Framing, ContentLengthWithTransferEncodingIs400AndClosesTheConnection) {
  // Both framings at once is how request smuggling starts (RFC 9112 §6.3): refused, whichever
  // header comes first, rather than letting one of them win.
  expect_framing_error(
      "POST /accounts HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\n"
      "Transfer-Encoding: chunked\r\n\r\n0\r\n\r\n",
      400, "bad_request");
  expect_framing_error(
      "POST /accounts HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n"
      "Content-Length: 5\r\n\r\n0\r\n\r\n",
      400, "bad_request");
}

TEST_F(Framing, AChunkedBodyIs411AndClosesTheConnection) {
  expect_framing_error(
      "POST /accounts HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
      "Transfer-Encoding: chunked\r\n\r\n",
      411, "length_required");
}

TEST_F(Framing, ADeclaredBodyOver16MiBIs413BeforeItIsSent) {
  // Only the head goes out: the server must judge the Content-Length, not wait for the body.
  expect_framing_error("POST /transfers/batch HTTP/1.1\r\nHost: x\r\nContent-Length: " +
                           std::to_string(kMaxBodyBytes + 1) + "\r\n\r\n",
                       413, "payload_too_large");
}

TEST_F(Framing, ARealBodyOf16MiBAndOneByteIs413) {
  auto connection = connect_raw();
  const std::string body(kMaxBodyBytes + 1, ' ');
  const std::string head =
      "POST /accounts HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
      "Content-Length: " +
      std::to_string(body.size()) + "\r\n\r\n";
  // The server may answer and close while the body is still on its way: send from another
  // thread, read here.
  std::thread sender([&] {
    if (connection->send(head)) connection->send(body);
  });
  auto response = connection->read_response(30s);
  sender.join();
  ASSERT_TRUE(response.has_value()) << "no answer";
  EXPECT_THAT(*response, IsError(413, "payload_too_large"));
  EXPECT_TRUE(connection->closed_by_peer());
  EXPECT_THAT(http().get("/health"), IsJson(200));
}

TEST_F(Framing, ABodyOfExactly16MiBIsAccepted) {
  // Valid JSON padded with whitespace up to the limit, which is inclusive ("over 16 MiB").
  std::string body = new_account_body("Big Body");
  body.append(kMaxBodyBytes - body.size(), ' ');
  auto r = http().post("/accounts", body);
  ASSERT_THAT(r, IsJson(201));
  EXPECT_EQ(r.body_json["owner"], "Big Body");
}

TEST_F(Framing, AHeadOver16KiBIs431AndClosesTheConnection) {
  expect_framing_error("GET /health HTTP/1.1\r\nHost: x\r\nX-Filler: " +
                           std::string(kMaxHeadBytes + 1024, 'f') + "\r\n\r\n",
                       431, "request_header_too_large");
}

TEST_F(Framing, AHeadJustUnder16KiBIsServed) {
  auto connection = connect_raw();
  ASSERT_TRUE(connection->send("GET /health HTTP/1.1\r\nHost: x\r\nX-Filler: " +
                               std::string(kMaxHeadBytes - 1024, 'f') + "\r\n\r\n"));
  auto response = connection->read_response();
  ASSERT_TRUE(response.has_value());
  EXPECT_THAT(*response, IsJson(200));
}

TEST_F(Framing, OtherHttpVersionsAre505AndCloseTheConnection) {
  for (const char* version : {"HTTP/2.0", "HTTP/1.2", "HTTP/0.9"}) {
    expect_framing_error(std::string("GET /health ") + version + "\r\nHost: x\r\n\r\n", 505,
                         "http_version_not_supported");
  }
}

TEST_F(Framing, PipelinedRequestsAreAnsweredInOrder) {
  auto connection = connect_raw();
  ASSERT_TRUE(connection->send(request("POST", "/accounts", new_account_body("first")) +
                               request("GET", "/health") +
                               request("POST", "/accounts", new_account_body("second")) +
                               request("GET", "/accounts/no-such-account") +
                               request("POST", "/accounts", new_account_body("third"))));
  auto first = connection->read_response();
  auto health = connection->read_response();
  auto second = connection->read_response();
  auto missing = connection->read_response();
  auto third = connection->read_response();
  ASSERT_TRUE(first && health && second && missing && third) << "fewer than five answers";
  ASSERT_THAT(*first, IsJson(201));
  EXPECT_EQ(first->body_json["owner"], "first");
  EXPECT_THAT(*health, IsJson(200));
  ASSERT_THAT(*second, IsJson(201));
  EXPECT_EQ(second->body_json["owner"], "second");
  EXPECT_THAT(*missing, IsError(404, "account_not_found"));
  ASSERT_THAT(*third, IsJson(201));
  EXPECT_EQ(third->body_json["owner"], "third");
  EXPECT_TRUE(connection->stays_open_and_silent(200ms));
}

TEST_F(Framing, PipelinedWritesApplyInOrder) {
  const std::string account = new_account();
  auto connection = connect_raw();
  std::string pipeline;
  for (int i = 1; i <= 10; ++i) {
    pipeline +=
        request("POST", deposits_path(account), deposit_body(i, "p" + std::to_string(i)).dump());
  }
  ASSERT_TRUE(connection->send(pipeline));
  Money expected = 0;
  for (int i = 1; i <= 10; ++i) {
    auto response = connection->read_response();
    ASSERT_TRUE(response.has_value()) << "answer " << i;
    ASSERT_THAT(*response, IsJson(201));
    expected += i;
    EXPECT_THAT(response->body_json["balance"], IsMoney(expected)) << "answer " << i;
  }
}

TEST_F(Framing, PipeliningStopsAtAFramingError) {
  auto connection = connect_raw();
  connection->send(request("GET", "/health") + "garbage\r\n\r\n" + request("GET", "/health"));
  auto first = connection->read_response();
  ASSERT_TRUE(first.has_value());
  EXPECT_THAT(*first, IsJson(200));
  auto second = connection->read_response();
  ASSERT_TRUE(second.has_value());
  EXPECT_THAT(*second, IsError(400, "bad_request"));
  EXPECT_TRUE(connection->closed_by_peer()) << "the request after the garbage was answered";
}

TEST_F(Framing, KeepAliveServesManyRequestsOnOneConnection) {
  auto connection = connect_raw();
  for (int i = 0; i < 50; ++i) {
    ASSERT_TRUE(connection->send(request("GET", "/health"))) << "request " << i;
    auto response = connection->read_response();
    ASSERT_TRUE(response.has_value()) << "request " << i;
    ASSERT_THAT(*response, IsJson(200));
  }
  EXPECT_TRUE(connection->stays_open_and_silent(200ms));
}

TEST_F(Framing, Http10IsClosedAfterTheAnswer) {
  auto connection = connect_raw();
  ASSERT_TRUE(connection->send("GET /health HTTP/1.0\r\n\r\n"));
  auto response = connection->read_response();
  ASSERT_TRUE(response.has_value());
  EXPECT_THAT(*response, IsJson(200));
  EXPECT_TRUE(connection->closed_by_peer());
}

TEST_F(Framing, Http10WithKeepAliveStaysOpen) {
  auto connection = connect_raw();
  for (int i = 0; i < 3; ++i) {
    ASSERT_TRUE(connection->send("GET /health HTTP/1.0\r\nConnection: keep-alive\r\n\r\n"));
    auto response = connection->read_response();
    ASSERT_TRUE(response.has_value()) << "request " << i;
    EXPECT_THAT(*response, IsJson(200));
    // An HTTP/1.0 client closes unless the answer says otherwise (RFC 9112 §9.3).
    EXPECT_EQ(response->header("connection"), "keep-alive") << "request " << i;
  }
  EXPECT_TRUE(connection->stays_open_and_silent(200ms));
}

TEST_F(Framing, Http10PostIsServed) {
  auto connection = connect_raw();
  const std::string body = new_account_body("old client");
  ASSERT_TRUE(
      connection->send("POST /accounts HTTP/1.0\r\nContent-Type: application/json\r\n"
                       "Content-Length: " +
                       std::to_string(body.size()) + "\r\n\r\n" + body));
  auto response = connection->read_response();
  ASSERT_TRUE(response.has_value());
  EXPECT_THAT(*response, IsJson(201));
  EXPECT_TRUE(connection->closed_by_peer());
}

TEST_F(Framing, ConnectionCloseIsHonoured) {
  auto connection = connect_raw();
  ASSERT_TRUE(connection->send(request("GET", "/health", {}, "Connection: close\r\n")));
  auto response = connection->read_response();
  ASSERT_TRUE(response.has_value());
  EXPECT_THAT(*response, IsJson(200));
  EXPECT_TRUE(connection->closed_by_peer());
}

TEST_F(Framing, ARequestArrivingInManySmallWritesIsServed) {
  auto connection = connect_raw();
  const std::string whole = request("POST", "/accounts", new_account_body("slow client"));
  // A few bytes at a time, with pauses, so that the server's reads see partial heads and bodies.
  ASSERT_TRUE(connection->send_slowly(whole, 3, 1ms));
  auto response = connection->read_response();
  ASSERT_TRUE(response.has_value());
  ASSERT_THAT(*response, IsJson(201));
  EXPECT_EQ(response->body_json["owner"], "slow client");
}

TEST_F(Framing, ABodyArrivingLongAfterItsHeadIsServed) {
  auto connection = connect_raw();
  const std::string body = new_account_body("patient");
  const std::string whole = request("POST", "/accounts", body);
  const std::size_t head_size = whole.size() - body.size();
  ASSERT_TRUE(connection->send(whole.substr(0, head_size)));
  EXPECT_TRUE(connection->stays_open_and_silent(300ms)) << "answered before the body came";
  ASSERT_TRUE(connection->send_slowly(body, 1, 1ms));
  auto response = connection->read_response();
  ASSERT_TRUE(response.has_value());
  ASSERT_THAT(*response, IsJson(201));
  EXPECT_EQ(response->body_json["owner"], "patient");
}

TEST_F(Framing, ExpectContinueGets100ThenTheAnswer) {
  auto connection = connect_raw();
  const std::string body = new_account_body("asks first");
  const std::string whole = request("POST", "/accounts", body, "Expect: 100-continue\r\n");
  ASSERT_TRUE(connection->send(whole.substr(0, whole.size() - body.size())));
  // RFC 9110 §10.1.1: the server sends 100 (Continue) or a final answer before the body.
  auto interim = connection->read_response();
  ASSERT_TRUE(interim.has_value()) << "no 100 Continue for a head that expects it";
  EXPECT_EQ(interim->status, 100);
  ASSERT_TRUE(connection->send(body));
  auto response = connection->read_response();
  ASSERT_TRUE(response.has_value());
  ASSERT_THAT(*response, IsJson(201));
  EXPECT_EQ(response->body_json["owner"], "asks first");
}

TEST_F(Framing, ABodyOnAGetIsReadAndIgnored) {
  // The body is framed by its Content-Length even where the route wants none, so the next
  // pipelined request is found where it starts.
  auto connection = connect_raw();
  ASSERT_TRUE(connection->send(request("GET", "/health", "{\"ignored\":true}") +
                               request("GET", "/health")));
  for (int i = 0; i < 2; ++i) {
    auto response = connection->read_response();
    ASSERT_TRUE(response.has_value()) << "answer " << i;
    EXPECT_THAT(*response, IsJson(200));
  }
}

}  // namespace
}  // namespace archbench::conformance

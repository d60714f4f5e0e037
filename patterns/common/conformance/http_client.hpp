// The conformance suite's two ways to talk to a backend: HttpClient, a keep-alive JSON client
// over cpp-httplib for the API tests, and RawConnection, a bare TCP socket for the framing
// tests that must send exact (and often invalid) bytes and watch how the server reacts.
#pragma once

#include <chrono>
#include <cstdint>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <ostream>
#include <string>
#include <string_view>

namespace httplib {
class Client;
}

namespace archbench::conformance {

using nlohmann::json;

// Header names are case-insensitive: both clients store them lower-cased.
using HeaderMap = std::multimap<std::string, std::string>;

// One HTTP answer. `status` is 0 when no answer came (connection refused, reset, timeout);
// `transport_error` then says why. `body_json` is discarded() when the body is not JSON.
struct HttpResponse {
  int status = 0;
  std::string transport_error;
  HeaderMap headers;
  std::string body;
  json body_json = json(json::value_t::discarded);

  // The first value of a header, or "" when absent. `name` must be lower case.
  [[nodiscard]] std::string header(std::string_view name) const;
};

// Lets gtest print a response in failure messages: status, content type and (short) body.
void PrintTo(const HttpResponse& response, std::ostream* out);

// A keep-alive client bound to one backend. Not thread-safe: give each thread its own.
class HttpClient {
 public:
  HttpClient(const std::string& host, std::uint16_t port);
  ~HttpClient();
  HttpClient(const HttpClient&) = delete;
  HttpClient& operator=(const HttpClient&) = delete;

  HttpResponse get(const std::string& path);
  HttpResponse post(const std::string& path, const json& body);
  HttpResponse post(const std::string& path, std::string body);  // exact bytes, e.g. bad JSON
  // Any method, e.g. "DELETE" or "BREW"; a body is sent only when non-empty (or for POST/PUT).
  HttpResponse send(const std::string& method, const std::string& path, std::string body = {});

 private:
  std::unique_ptr<httplib::Client> client_;
};

// Turns a raw JSON body into a parsed value, or discarded() when it is not JSON.
[[nodiscard]] json parse_json(std::string_view body);

// A plain TCP connection that sends exactly the given bytes and parses answers by hand.
// Every wait is bounded by the timeout given; nothing here blocks forever.
class RawConnection {
 public:
  using Duration = std::chrono::milliseconds;
  static constexpr Duration kDefaultTimeout{5000};

  // Connects with TCP_NODELAY (so small writes leave one by one); throws std::runtime_error.
  RawConnection(const std::string& host, std::uint16_t port);
  ~RawConnection();
  RawConnection(const RawConnection&) = delete;
  RawConnection& operator=(const RawConnection&) = delete;

  // Sends every byte. Returns false if the peer closed or reset the connection meanwhile
  // (which a server may do after a framing error; tests then check what it answered).
  bool send(std::string_view bytes);
  // Sends `bytes` in pieces of `piece` bytes with a pause between them, so that the server
  // sees them arrive over many reads.
  bool send_slowly(std::string_view bytes, std::size_t piece, std::chrono::microseconds pause);

  // Reads one whole response (head and Content-Length body; a 1xx has no body). Bytes that
  // follow it stay buffered for the next call, which is how pipelined answers are read.
  // Returns nullopt if the connection closed or the timeout passed before a whole response.
  std::optional<HttpResponse> read_response(Duration timeout = kDefaultTimeout);

  // True when the server closes the connection (EOF or reset) within the timeout without
  // sending any more bytes. Any unread byte, buffered or new, makes it false.
  bool closed_by_peer(Duration timeout = kDefaultTimeout);

  // True when nothing arrives and the connection stays open for `quiet`.
  bool stays_open_and_silent(Duration quiet);

 private:
  // Waits for readable bytes and appends them to buffer_: >0 bytes read, 0 on EOF,
  // -1 on timeout, -2 on a reset or other error.
  int fill(std::chrono::steady_clock::time_point deadline);

  int fd_ = -1;
  std::string buffer_;  // received, not yet consumed
};

}  // namespace archbench::conformance

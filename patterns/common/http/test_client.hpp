// A blocking HTTP/1.1 client over a POSIX socket, for the server tests. It sends raw bytes (so
// tests can send garbage, pipelines, or one byte at a time) and reads responses framed by
// Content-Length. Every receive has a timeout: a server that fails to answer fails the test
// instead of hanging it.
#pragma once

#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

#include <cctype>
#include <cerrno>
#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>

namespace archbench::http::test {

struct ClientResponse {
  int status = 0;
  std::string head;  // status line and headers, up to and including the blank line
  std::string body;

  // The value of the first header called `name` (case-insensitive), or "" if none.
  [[nodiscard]] std::string header(std::string_view name) const {
    std::size_t pos = head.find("\r\n") + 2;
    while (pos < head.size()) {
      const std::size_t end = head.find("\r\n", pos);
      const std::string_view line(head.data() + pos, end - pos);
      const std::size_t colon = line.find(':');
      if (colon == name.size() && iequals(line.substr(0, colon), name)) {
        std::string_view value = line.substr(colon + 1);
        while (!value.empty() && value.front() == ' ') value.remove_prefix(1);
        return std::string(value);
      }
      pos = end + 2;
    }
    return {};
  }
  [[nodiscard]] bool closes() const { return header("Connection") == "close"; }
  [[nodiscard]] std::string raw() const { return head + body; }

 private:
  static bool iequals(std::string_view a, std::string_view b) {
    if (a.size() != b.size()) return false;
    for (std::size_t i = 0; i < a.size(); ++i) {
      if (std::tolower(static_cast<unsigned char>(a[i])) !=
          std::tolower(static_cast<unsigned char>(b[i]))) {
        return false;
      }
    }
    return true;
  }
};

class TestClient {
 public:
  explicit TestClient(std::uint16_t port, int timeout_seconds = 10)
      : fd_(::socket(AF_INET, SOCK_STREAM, 0)) {
    if (fd_ < 0) throw std::runtime_error("socket() failed");
    timeval timeout{timeout_seconds, 0};
    ::setsockopt(fd_, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout);
    ::setsockopt(fd_, SOL_SOCKET, SO_SNDTIMEO, &timeout, sizeof timeout);
    const int one = 1;
    ::setsockopt(fd_, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);  // one byte, one segment
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_port = htons(port);
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (::connect(fd_, reinterpret_cast<const sockaddr*>(&address), sizeof address) != 0) {
      ::close(fd_);
      throw std::runtime_error("connect() failed");
    }
  }
  ~TestClient() { ::close(fd_); }
  TestClient(const TestClient&) = delete;
  TestClient& operator=(const TestClient&) = delete;

  // Sends all of `bytes`; false if the connection failed first.
  bool send(std::string_view bytes) {
    while (!bytes.empty()) {
      const ssize_t n = ::send(fd_, bytes.data(), bytes.size(), MSG_NOSIGNAL);
      if (n <= 0) return false;
      bytes.remove_prefix(static_cast<std::size_t>(n));
    }
    return true;
  }

  // The next whole response; nullopt if the stream ends, fails or times out first.
  std::optional<ClientResponse> read_response() {
    std::size_t head_end;
    while ((head_end = buffer_.find("\r\n\r\n")) == std::string::npos) {
      if (!fill()) return std::nullopt;
    }
    ClientResponse response;
    response.head = buffer_.substr(0, head_end + 4);
    if (response.head.size() < 12 || response.head.compare(0, 5, "HTTP/") != 0) {
      return std::nullopt;
    }
    response.status = std::stoi(response.head.substr(9, 3));
    std::size_t length = 0;
    if (response.status >= 200) {  // an interim (1xx) answer has no body
      const std::string value = response.header("Content-Length");
      if (value.empty()) return std::nullopt;  // the server always sends one
      length = std::stoul(value);
    }
    while (buffer_.size() < response.head.size() + length) {
      if (!fill()) return std::nullopt;
    }
    response.body = buffer_.substr(response.head.size(), length);
    buffer_.erase(0, response.head.size() + length);
    return response;
  }

  // True if the server closed the connection (FIN or reset) with nothing more to read.
  bool closed_by_server() { return buffer_.empty() && !fill() && eof_; }

  void shutdown_write() { ::shutdown(fd_, SHUT_WR); }

 private:
  bool fill() {
    char chunk[65536];
    const ssize_t n = ::recv(fd_, chunk, sizeof chunk, 0);
    if (n == 0 || (n < 0 && errno == ECONNRESET)) eof_ = true;
    if (n <= 0) return false;
    buffer_.append(chunk, static_cast<std::size_t>(n));
    return true;
  }

  int fd_;
  std::string buffer_;  // received, not yet returned
  bool eof_ = false;
};

}  // namespace archbench::http::test

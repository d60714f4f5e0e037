// The in-process server and the allocation-free client (see the header).
#include "alloc/http_probe.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

#include <charconv>
#include <cstring>

namespace archbench::alloc {

RunningServer::RunningServer(ledger::Service& service)
    : server_(http::ServerOptions{}, ledger::make_http_handler(service, metrics_, "alloc")),
      runner_([this] { server_.run(); }) {}

RunningServer::~RunningServer() {
  server_.stop();
  runner_.join();
}

// Large enough for every answer the measurements ask for (a batch of 100 results, 20 lines).
constexpr std::size_t kBufferBytes = std::size_t{1} << 20;

RawClient::RawClient(std::uint16_t port)
    : fd_(::socket(AF_INET, SOCK_STREAM, 0)), buffer_(kBufferBytes) {
  timeval timeout{30, 0};  // a backend that never answers fails the test instead of hanging it
  ::setsockopt(fd_, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout);
  const int one = 1;
  ::setsockopt(fd_, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_port = htons(port);
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  connected_ = ::connect(fd_, reinterpret_cast<const sockaddr*>(&address), sizeof address) == 0;
}

RawClient::~RawClient() { ::close(fd_); }

int RawClient::exchange(std::string_view request) {
  body_ = {};
  for (std::size_t sent = 0; sent < request.size();) {
    const ssize_t n =
        connected_ ? ::send(fd_, request.data() + sent, request.size() - sent, MSG_NOSIGNAL) : -1;
    if (n <= 0) return 0;
    sent += static_cast<std::size_t>(n);
  }
  char* const data = buffer_.data();
  std::size_t have = 0;
  for (;;) {
    const ssize_t n = ::recv(fd_, data + have, buffer_.size() - have, 0);
    if (n <= 0) return 0;
    have += static_cast<std::size_t>(n);
    const std::string_view received(data, have);
    const std::size_t head_end = received.find("\r\n\r\n");
    if (head_end == received.npos) continue;
    constexpr std::string_view kLength = "Content-Length: ";
    const std::size_t at = received.find(kLength);
    if (at == received.npos || at > head_end) return 0;
    std::size_t length = 0;
    std::from_chars(data + at + kLength.size(), data + head_end, length);
    const std::size_t total = head_end + 4 + length;
    if (have < total) {
      if (total > buffer_.size()) return 0;  // an answer larger than the buffer: refuse it
      continue;
    }
    if (have > total) return 0;  // one request, one answer
    body_ = received.substr(head_end + 4);
    int status = 0;
    std::from_chars(data + 9, data + 12, status);
    return status;
  }
}

std::string http_request(std::string_view method, std::string_view target, std::string_view body) {
  std::string request;
  request.append(method).append(" ").append(target).append(" HTTP/1.1\r\nHost: alloc\r\n");
  if (!body.empty()) {
    request.append("Content-Type: application/json\r\nContent-Length: ")
        .append(std::to_string(body.size()))
        .append("\r\n");
  }
  return request.append("\r\n").append(body);
}

}  // namespace archbench::alloc

#include "common/conformance/http_client.hpp"

#include <arpa/inet.h>
#include <httplib.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cstring>
#include <stdexcept>
#include <thread>
#include <utility>

namespace archbench::conformance {
namespace {

// Generous: the suite runs on a shared 2-core machine, often next to a debug build.
constexpr time_t kConnectTimeoutSeconds = 5;
// A 10,000-item batch takes a while in debug builds: about 10 s in one process, twice that
// with the actor backend's shard hosts (three round trips over the middleman per item).
constexpr time_t kIoTimeoutSeconds = 40;

std::string lower(std::string_view text) {
  std::string out(text);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

std::string_view trim(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
  return text;
}

}  // namespace

json parse_json(std::string_view body) {
  return json::parse(body.begin(), body.end(), nullptr, /*allow_exceptions=*/false);
}

std::string HttpResponse::header(std::string_view name) const {
  auto it = headers.find(std::string(name));
  return it == headers.end() ? std::string() : it->second;
}

void PrintTo(const HttpResponse& response, std::ostream* out) {
  if (response.status == 0) {
    *out << "no response (" << response.transport_error << ")";
    return;
  }
  constexpr std::size_t kShown = 400;
  *out << "HTTP " << response.status << " [" << response.header("content-type") << "] "
       << response.body.substr(0, kShown);
  if (response.body.size() > kShown) *out << "... (" << response.body.size() << " bytes)";
}

// ---------------------------------------------------------------------------------------------
// HttpClient

HttpClient::HttpClient(const std::string& host, std::uint16_t port)
    : client_(std::make_unique<httplib::Client>(host, port)) {
  client_->set_keep_alive(true);
  client_->set_tcp_nodelay(true);  // without it every request waits ~40 ms for a delayed ACK
  client_->set_connection_timeout(kConnectTimeoutSeconds);
  client_->set_read_timeout(kIoTimeoutSeconds);
  client_->set_write_timeout(kIoTimeoutSeconds);
  client_->set_url_encode(false);  // send paths exactly as the tests wrote them
}

HttpClient::~HttpClient() = default;

HttpResponse HttpClient::get(const std::string& path) { return send("GET", path); }

HttpResponse HttpClient::post(const std::string& path, const json& body) {
  return send("POST", path, body.dump());
}

HttpResponse HttpClient::post(const std::string& path, std::string body) {
  return send("POST", path, std::move(body));
}

HttpResponse HttpClient::send(const std::string& method, const std::string& path,
                              std::string body) {
  httplib::Request request;
  request.method = method;
  request.path = path;
  if (!body.empty()) request.set_header("Content-Type", "application/json");
  request.body = std::move(body);

  HttpResponse response;
  httplib::Result result = client_->send(request);
  if (!result) {
    response.transport_error = httplib::to_string(result.error());
    return response;
  }
  response.status = result->status;
  for (const auto& [name, value] : result->headers) response.headers.emplace(lower(name), value);
  response.body = std::move(result->body);
  response.body_json = parse_json(response.body);
  return response;
}

// ---------------------------------------------------------------------------------------------
// RawConnection

RawConnection::RawConnection(const std::string& host, std::uint16_t port) {
  fd_ = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd_ < 0) throw std::runtime_error(std::string("socket: ") + std::strerror(errno));
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_port = htons(port);
  if (::inet_pton(AF_INET, host.c_str(), &address.sin_addr) != 1) {
    ::close(fd_);
    throw std::runtime_error("not an IPv4 address: " + host);
  }
  // A send that cannot progress (a server that stopped reading) fails instead of blocking.
  timeval send_timeout{kIoTimeoutSeconds, 0};
  ::setsockopt(fd_, SOL_SOCKET, SO_SNDTIMEO, &send_timeout, sizeof send_timeout);
  int on = 1;
  ::setsockopt(fd_, IPPROTO_TCP, TCP_NODELAY, &on, sizeof on);
  // sockaddr_in -> sockaddr is how the socket API is typed; there is no cast-free spelling.
  if (::connect(fd_, reinterpret_cast<const sockaddr*>(&address), sizeof address) != 0) {
    const int error = errno;
    ::close(fd_);
    throw std::runtime_error("connect to " + host + ":" + std::to_string(port) + ": " +
                             std::strerror(error));
  }
}

RawConnection::~RawConnection() {
  if (fd_ >= 0) ::close(fd_);
}

bool RawConnection::send(std::string_view bytes) {
  while (!bytes.empty()) {
    const ssize_t sent = ::send(fd_, bytes.data(), bytes.size(), MSG_NOSIGNAL);
    if (sent < 0) {
      if (errno == EINTR) continue;
      return false;  // EPIPE, ECONNRESET, or the send timeout
    }
    bytes.remove_prefix(static_cast<std::size_t>(sent));
  }
  return true;
}

bool RawConnection::send_slowly(std::string_view bytes, std::size_t piece,
                                std::chrono::microseconds pause) {
  while (!bytes.empty()) {
    const std::size_t n = std::min(piece, bytes.size());
    if (!send(bytes.substr(0, n))) return false;
    bytes.remove_prefix(n);
    if (!bytes.empty()) std::this_thread::sleep_for(pause);  // pacing, not synchronisation
  }
  return true;
}

int RawConnection::fill(std::chrono::steady_clock::time_point deadline) {
  for (;;) {
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
        deadline - std::chrono::steady_clock::now());
    if (left.count() <= 0) return -1;
    pollfd waiting{fd_, POLLIN, 0};
    const int ready = ::poll(&waiting, 1, static_cast<int>(left.count()));
    if (ready < 0 && errno == EINTR) continue;
    if (ready < 0) return -2;
    if (ready == 0) return -1;
    char chunk[64 * 1024];
    const ssize_t got = ::recv(fd_, chunk, sizeof chunk, 0);
    if (got < 0) {
      if (errno == EINTR || errno == EAGAIN) continue;
      return -2;
    }
    buffer_.append(chunk, static_cast<std::size_t>(got));
    return static_cast<int>(got);
  }
}

std::optional<HttpResponse> RawConnection::read_response(Duration timeout) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  std::size_t head_end;
  while ((head_end = buffer_.find("\r\n\r\n")) == std::string::npos) {
    if (fill(deadline) <= 0) return std::nullopt;
  }

  HttpResponse response;
  std::string_view head(buffer_.data(), head_end);
  const std::size_t line_end = std::min(head.find("\r\n"), head.size());
  const std::string_view status_line = head.substr(0, line_end);
  // "HTTP/1.1 200 OK": the status is the three digits after the first space.
  const std::size_t space = status_line.find(' ');
  if (space == std::string_view::npos || status_line.size() < space + 4) return std::nullopt;
  response.status = std::atoi(std::string(status_line.substr(space + 1, 3)).c_str());

  std::optional<std::size_t> content_length;
  std::string_view rest = line_end < head.size() ? head.substr(line_end + 2) : std::string_view();
  while (!rest.empty()) {
    const std::size_t end = std::min(rest.find("\r\n"), rest.size());
    const std::string_view line = rest.substr(0, end);
    rest = end < rest.size() ? rest.substr(end + 2) : std::string_view();
    const std::size_t colon = line.find(':');
    if (colon == std::string_view::npos) continue;
    std::string name = lower(trim(line.substr(0, colon)));
    std::string value(trim(line.substr(colon + 1)));
    if (name == "content-length") content_length = std::stoull(value);
    response.headers.emplace(std::move(name), std::move(value));
  }

  const std::size_t body_start = head_end + 4;
  const bool informational = response.status >= 100 && response.status < 200;
  if (informational || response.status == 204 || response.status == 304) content_length = 0;
  if (content_length) {
    while (buffer_.size() < body_start + *content_length) {
      if (fill(deadline) <= 0) return std::nullopt;
    }
    response.body = buffer_.substr(body_start, *content_length);
    buffer_.erase(0, body_start + *content_length);
  } else {
    // No length: the body runs until the server closes the connection.
    int got;
    while ((got = fill(deadline)) > 0) {
    }
    if (got == -1) return std::nullopt;
    response.body = buffer_.substr(body_start);
    buffer_.clear();
  }
  response.body_json = parse_json(response.body);
  return response;
}

bool RawConnection::closed_by_peer(Duration timeout) {
  if (!buffer_.empty()) return false;
  const int got = fill(std::chrono::steady_clock::now() + timeout);
  return got == 0 || got == -2;
}

bool RawConnection::stays_open_and_silent(Duration quiet) {
  if (!buffer_.empty()) return false;
  return fill(std::chrono::steady_clock::now() + quiet) == -1;
}

}  // namespace archbench::conformance

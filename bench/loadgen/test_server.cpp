// TestServer: accept(), then per connection read a request head, its body, call the handler,
// write the answer; until the peer closes or the server stops.
#include "loadgen/test_server.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cstring>
#include <stdexcept>
#include <vector>

namespace archbench::loadgen::testing {
namespace {

const char* reason(int status) {
  switch (status) {
    case 200:
      return "OK";
    case 201:
      return "Created";
    case 404:
      return "Not Found";
    case 409:
      return "Conflict";
    default:
      return "Status";
  }
}

bool write_all(int fd, const std::string& data) {
  std::size_t done = 0;
  while (done < data.size()) {
    const ssize_t n = ::send(fd, data.data() + done, data.size() - done, MSG_NOSIGNAL);
    if (n <= 0) {
      return false;
    }
    done += static_cast<std::size_t>(n);
  }
  return true;
}

}  // namespace

TestServer::TestServer(std::function<TestResponse(const TestRequest&)> handler)
    : handler_(std::move(handler)) {
  listen_fd_ = ::socket(AF_INET, SOCK_STREAM, 0);
  if (listen_fd_ < 0) {
    throw std::runtime_error("test server: socket failed");
  }
  const int one = 1;
  ::setsockopt(listen_fd_, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  address.sin_port = 0;  // any free port
  // The sockets API takes a sockaddr*: the one cast it needs.
  auto* generic = reinterpret_cast<sockaddr*>(&address);
  socklen_t length = sizeof address;
  if (::bind(listen_fd_, generic, sizeof address) != 0 || ::listen(listen_fd_, 256) != 0 ||
      ::getsockname(listen_fd_, generic, &length) != 0) {
    ::close(listen_fd_);
    throw std::runtime_error("test server: cannot listen on 127.0.0.1");
  }
  port_ = ntohs(address.sin_port);
  acceptor_ = std::thread([this] { accept_loop(); });
}

TestServer::~TestServer() {
  stopping_ = true;
  ::shutdown(listen_fd_, SHUT_RDWR);  // wakes accept()
  acceptor_.join();
  {
    const std::lock_guard lock(mutex_);
    for (int fd : client_fds_) {
      ::shutdown(fd, SHUT_RDWR);  // wakes every recv()
    }
  }
  for (auto& thread : threads_) {
    thread.join();
  }
  ::close(listen_fd_);
}

void TestServer::accept_loop() {
  while (!stopping_) {
    const int fd = ::accept(listen_fd_, nullptr, nullptr);
    if (fd < 0) {
      if (stopping_) {
        return;
      }
      continue;
    }
    const int one = 1;
    ::setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    const std::lock_guard lock(mutex_);
    client_fds_.push_back(fd);
    threads_.emplace_back([this, fd] { serve(fd); });
  }
}

void TestServer::serve(int fd) {
  std::string buffer;
  char chunk[std::size_t{16} * 1024];
  while (!stopping_) {
    const std::size_t head_end = buffer.find("\r\n\r\n");
    if (head_end == std::string::npos) {
      const ssize_t n = ::recv(fd, chunk, sizeof chunk, 0);
      if (n <= 0) {
        break;
      }
      buffer.append(chunk, static_cast<std::size_t>(n));
      continue;
    }
    const std::string head = buffer.substr(0, head_end);
    std::size_t length = 0;
    for (const char* name : {"Content-Length: ", "content-length: "}) {
      const std::size_t at = head.find(name);
      if (at != std::string::npos) {
        length = std::stoul(head.substr(at + std::strlen(name)));
      }
    }
    if (buffer.size() < head_end + 4 + length) {
      const ssize_t n = ::recv(fd, chunk, sizeof chunk, 0);
      if (n <= 0) {
        break;
      }
      buffer.append(chunk, static_cast<std::size_t>(n));
      continue;
    }
    TestRequest request;
    const std::size_t space1 = head.find(' ');
    const std::size_t space2 = head.find(' ', space1 + 1);
    request.method = head.substr(0, space1);
    request.target = head.substr(space1 + 1, space2 - space1 - 1);
    request.body = buffer.substr(head_end + 4, length);
    buffer.erase(0, head_end + 4 + length);

    const TestResponse response = handler_(request);
    if (response.then == TestResponse::Then::drop) {
      break;
    }
    const bool close = response.then == TestResponse::Then::close;
    std::string answer = "HTTP/1.1 " + std::to_string(response.status) + " ";
    answer.append(reason(response.status)).append(close ? "\r\nConnection: close" : "");
    answer.append("\r\nContent-Type: application/json\r\nContent-Length: ");
    answer.append(std::to_string(response.body.size())).append("\r\n\r\n").append(response.body);
    if (!write_all(fd, answer) || close) {
      break;
    }
  }
  // Unlisted under the lock before it is closed, so the destructor never shuts down a number
  // that a new connection may already have been given.
  {
    const std::lock_guard lock(mutex_);
    std::erase(client_fds_, fd);
  }
  ::close(fd);
}

}  // namespace archbench::loadgen::testing

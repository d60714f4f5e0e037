// One connection to a Redis server over hiredis, with pipelining: append() several commands,
// then read() their replies in order, for one network round trip instead of one per command.
// Replies are copied into plain values so that no hiredis type leaks out of this file pair.
#pragma once

#include <initializer_list>
#include <string>
#include <string_view>
#include <vector>

struct redisContext;

namespace archbench::hexagonal::adapters::redis {

struct Reply {
  enum class Type { string, array, integer, nil, status, error };
  Type type = Type::nil;
  std::string text;  // string, status and error replies
  long long integer = 0;
  std::vector<Reply> elements;  // array replies

  [[nodiscard]] bool is_nil() const noexcept { return type == Type::nil; }
};

class Connection {
 public:
  // Connects, or throws std::runtime_error. Every read and write times out after 5 s, so a
  // server that died cannot hang a request forever.
  Connection(const std::string& host, int port);
  ~Connection();
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;

  // Queues a command (binary-safe arguments); nothing is sent until the next read().
  void append(std::initializer_list<std::string_view> args);
  void append(const std::vector<std::string>& args);
  // The reply to the oldest command not yet read. An I/O error throws (and the connection is
  // no longer usable); a server error reply is returned as Type::error.
  [[nodiscard]] Reply read();
  // Like read(), but an error reply throws too.
  [[nodiscard]] Reply read_ok();

  // False once an I/O error broke the connection: hiredis cannot use it again.
  [[nodiscard]] bool healthy() const noexcept;

  [[nodiscard]] Reply command(std::initializer_list<std::string_view> args) {
    append(args);
    return read_ok();
  }

 private:
  void append_argv(const std::vector<const char*>& argv, const std::vector<std::size_t>& sizes);

  redisContext* context_ = nullptr;
};

}  // namespace archbench::hexagonal::adapters::redis

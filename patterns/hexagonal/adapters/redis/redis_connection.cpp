#include "hexagonal/adapters/redis/redis_connection.hpp"

#include <hiredis/hiredis.h>
#include <sys/time.h>

#include <stdexcept>

namespace archbench::hexagonal::adapters::redis {
namespace {

constexpr timeval kTimeout{5, 0};

Reply copy(const redisReply& reply) {
  Reply out;
  switch (reply.type) {
    case REDIS_REPLY_STRING:
      out.type = Reply::Type::string;
      break;
    case REDIS_REPLY_ARRAY:
      out.type = Reply::Type::array;
      break;
    case REDIS_REPLY_INTEGER:
      out.type = Reply::Type::integer;
      break;
    case REDIS_REPLY_STATUS:
      out.type = Reply::Type::status;
      break;
    case REDIS_REPLY_ERROR:
      out.type = Reply::Type::error;
      break;
    default:
      out.type = Reply::Type::nil;
      break;
  }
  if (reply.str != nullptr) out.text.assign(reply.str, reply.len);
  out.integer = reply.integer;
  out.elements.reserve(reply.elements);
  for (std::size_t i = 0; i < reply.elements; ++i) out.elements.push_back(copy(*reply.element[i]));
  return out;
}

}  // namespace

Connection::Connection(const std::string& host, int port) {
  context_ = redisConnectWithTimeout(host.c_str(), port, kTimeout);
  if (context_ == nullptr || context_->err != 0) {
    const std::string why = context_ != nullptr ? context_->errstr : "out of memory";
    redisFree(context_);
    throw std::runtime_error("redis: cannot connect to " + host + ":" + std::to_string(port) +
                             ": " + why);
  }
  redisSetTimeout(context_, kTimeout);
}

Connection::~Connection() { redisFree(context_); }

bool Connection::healthy() const noexcept { return context_->err == 0; }

void Connection::append_argv(const std::vector<const char*>& argv,
                             const std::vector<std::size_t>& sizes) {
  if (redisAppendCommandArgv(context_, static_cast<int>(argv.size()),
                             const_cast<const char**>(argv.data()), sizes.data()) != REDIS_OK) {
    throw std::runtime_error(std::string("redis: ") + context_->errstr);
  }
}

void Connection::append(std::initializer_list<std::string_view> args) {
  std::vector<const char*> argv;
  std::vector<std::size_t> sizes;
  argv.reserve(args.size());
  sizes.reserve(args.size());
  for (const auto arg : args) {
    argv.push_back(arg.data());
    sizes.push_back(arg.size());
  }
  append_argv(argv, sizes);
}

void Connection::append(const std::vector<std::string>& args) {
  std::vector<const char*> argv;
  std::vector<std::size_t> sizes;
  argv.reserve(args.size());
  sizes.reserve(args.size());
  for (const auto& arg : args) {
    argv.push_back(arg.data());
    sizes.push_back(arg.size());
  }
  append_argv(argv, sizes);
}

Reply Connection::read() {
  void* raw = nullptr;
  if (redisGetReply(context_, &raw) != REDIS_OK || raw == nullptr) {
    throw std::runtime_error(std::string("redis: ") + context_->errstr);
  }
  auto* reply = static_cast<redisReply*>(raw);
  try {
    Reply out = copy(*reply);
    freeReplyObject(reply);
    return out;
  } catch (...) {
    freeReplyObject(reply);
    throw;
  }
}

Reply Connection::read_ok() {
  Reply reply = read();
  if (reply.type == Reply::Type::error) throw std::runtime_error("redis: " + reply.text);
  return reply;
}

}  // namespace archbench::hexagonal::adapters::redis

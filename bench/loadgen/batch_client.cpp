// run_batch: each connection takes the next `pipeline_depth` requests, writes them in one go,
// reads their answers in order, and repeats until none are left. All connections share one
// single-threaded io_context, so the shared cursor needs no lock.
#include "loadgen/batch_client.hpp"

#include <boost/asio.hpp>
#include <memory>
#include <stdexcept>

#include "loadgen/http_response.hpp"

namespace archbench::loadgen {
namespace {

namespace asio = boost::asio;
using asio::ip::tcp;
using boost::system::error_code;

struct Batch {
  Batch(const std::vector<std::string>& all, std::vector<BatchResponse>& answers, std::size_t n)
      : requests(all), responses(answers), depth(n) {}

  const std::vector<std::string>& requests;
  std::vector<BatchResponse>& responses;
  std::size_t depth;
  std::size_t next = 0;  // the first request no connection has taken yet
  std::string first_error;
  bool timed_out = false;
  std::size_t running = 0;  // connections not yet finished
  asio::steady_timer* deadline = nullptr;
};

class PipelinedConnection {
 public:
  PipelinedConnection(asio::io_context& io, Batch& batch) : socket_(io), batch_(batch) {}

  void start(const tcp::endpoint& endpoint) {
    ++batch_.running;
    socket_.async_connect(endpoint, [this](error_code ec) {
      if (ec) {
        return fail("cannot connect: " + ec.message());
      }
      socket_.set_option(tcp::no_delay(true));
      send_next();
    });
  }

  void close() {
    error_code ignored;
    socket_.close(ignored);
  }

 private:
  void send_next() {
    if (!batch_.first_error.empty() || batch_.next >= batch_.requests.size()) {
      return finish();
    }
    first_ = batch_.next;
    count_ = std::min(batch_.depth, batch_.requests.size() - first_);
    answered_ = 0;
    batch_.next += count_;
    out_.clear();
    for (std::size_t i = first_; i < first_ + count_; ++i) {
      out_ += batch_.requests[i];
    }
    asio::async_write(socket_, asio::buffer(out_), [this](error_code ec, std::size_t) {
      if (ec) {
        return fail("write failed: " + ec.message());
      }
      read_answers();
    });
  }

  // Takes every whole answer out of the buffer, then reads more or sends the next requests.
  void read_answers() {
    while (answered_ < count_) {
      ResponseHead head;
      const ParseResult parsed = parse_response_head(buffer_.data(), filled_, head);
      if (parsed == ParseResult::invalid) {
        return fail("malformed HTTP response");
      }
      if (parsed == ParseResult::incomplete) {
        break;
      }
      const std::size_t total = head.head_bytes + head.content_length;
      if (filled_ < total) {
        if (total > buffer_.size()) {
          buffer_.resize(total);
        }
        break;
      }
      BatchResponse& response = batch_.responses[first_ + answered_];
      response.status = head.status;
      response.body.assign(buffer_.data() + head.head_bytes, head.content_length);
      std::copy(buffer_.begin() + static_cast<std::ptrdiff_t>(total),
                buffer_.begin() + static_cast<std::ptrdiff_t>(filled_), buffer_.begin());
      filled_ -= total;
      ++answered_;
    }
    if (answered_ == count_) {
      return send_next();
    }
    if (filled_ == buffer_.size()) {
      buffer_.resize(buffer_.size() * 2);
    }
    socket_.async_read_some(asio::buffer(buffer_.data() + filled_, buffer_.size() - filled_),
                            [this](error_code ec, std::size_t n) {
                              if (ec) {
                                return fail("read failed: " + ec.message());
                              }
                              filled_ += n;
                              read_answers();
                            });
  }

  void fail(const std::string& what) {
    // The first error fails the batch; the others are its consequences (closed sockets).
    if (batch_.first_error.empty() && !batch_.timed_out) {
      batch_.first_error = what;
    }
    finish();
  }

  void finish() {
    close();
    if (finished_) {
      return;
    }
    finished_ = true;
    if (--batch_.running == 0) {
      batch_.deadline->cancel();  // the last one out stops the clock
    }
  }

  tcp::socket socket_;
  Batch& batch_;
  std::string out_;
  std::vector<char> buffer_ = std::vector<char>(std::size_t{64} * 1024);
  std::size_t filled_ = 0;
  std::size_t first_ = 0;
  std::size_t count_ = 0;
  std::size_t answered_ = 0;
  bool finished_ = false;
};

}  // namespace

std::vector<BatchResponse> run_batch(const Target& target, const std::vector<std::string>& requests,
                                     const BatchOptions& options) {
  std::vector<BatchResponse> responses(requests.size());
  if (requests.empty()) {
    return responses;
  }
  asio::io_context io(1);
  const tcp::endpoint endpoint(asio::ip::make_address(target.address), target.port);
  Batch batch(requests, responses, static_cast<std::size_t>(std::max(1, options.pipeline_depth)));

  const std::size_t count =
      std::min<std::size_t>(static_cast<std::size_t>(std::max(1, options.connections)),
                            (requests.size() + batch.depth - 1) / batch.depth);
  std::vector<std::unique_ptr<PipelinedConnection>> connections;
  connections.reserve(count);
  for (std::size_t i = 0; i < count; ++i) {
    connections.push_back(std::make_unique<PipelinedConnection>(io, batch));
  }
  asio::steady_timer deadline(io, options.timeout);
  batch.deadline = &deadline;
  deadline.async_wait([&](error_code ec) {
    if (ec) {
      return;  // cancelled: every connection finished in time
    }
    batch.timed_out = true;
    for (auto& connection : connections) {
      connection->close();
    }
  });
  for (auto& connection : connections) {
    connection->start(endpoint);
  }
  io.run();

  const std::string where = " (talking to " + target.host_header() + ")";
  if (batch.timed_out) {
    throw std::runtime_error("no answer within " + std::to_string(options.timeout.count()) + " ms" +
                             where);
  }
  if (!batch.first_error.empty()) {
    throw std::runtime_error(batch.first_error + where);
  }
  return responses;
}

}  // namespace archbench::loadgen

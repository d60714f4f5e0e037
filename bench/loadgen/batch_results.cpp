// batch_item_statuses: a single pass over the body that knows only strings, nesting, and the
// two keys it looks for.
#include "loadgen/batch_results.hpp"

#include <cstddef>

namespace archbench::loadgen {
namespace {

class Scanner {
 public:
  explicit Scanner(std::string_view text) : text_(text) {}

  bool run(std::vector<int>& statuses) {
    std::string_view key;  // the last string, when a ':' followed it
    while (skip_space()) {
      const char c = text_[at_];
      if (c == '"') {
        std::string_view s;
        if (!read_string(s)) {
          return false;
        }
        key = skip_space() && text_[at_] == ':' ? s : std::string_view();
        continue;
      }
      ++at_;
      switch (c) {
        case ':':
          if (!value_after(key, statuses)) {
            return false;
          }
          break;
        case '{':
        case '[':
          ++depth_;
          if (c == '{' && depth_ == results_depth_ + 1 && results_depth_ > 0) {
            item_status_ = -1;  // an item begins
          }
          break;
        case '}':
        case ']':
          if (depth_ == 0) {
            return false;
          }
          if (c == '}' && results_depth_ > 0 && depth_ == results_depth_ + 1) {
            if (item_status_ < 0) {
              return false;  // an item without a status
            }
            statuses.push_back(item_status_);
          }
          if (c == ']' && depth_ == results_depth_) {
            results_depth_ = -1;  // the array is done
            found_ = true;
          }
          --depth_;
          break;
        default:
          break;  // commas, numbers, literals
      }
      key = {};
    }
    return found_ && depth_ == 0;
  }

 private:
  bool skip_space() {
    while (at_ < text_.size() &&
           (text_[at_] == ' ' || text_[at_] == '\n' || text_[at_] == '\r' || text_[at_] == '\t')) {
      ++at_;
    }
    return at_ < text_.size();
  }

  bool read_string(std::string_view& out) {
    const std::size_t begin = ++at_;
    while (at_ < text_.size() && text_[at_] != '"') {
      at_ += text_[at_] == '\\' ? 2 : 1;
    }
    if (at_ >= text_.size()) {
      return false;
    }
    out = text_.substr(begin, at_ - begin);
    ++at_;
    return true;
  }

  // After "key": the two values that matter are the results array and an item's status.
  bool value_after(std::string_view key, std::vector<int>& statuses) {
    if (!skip_space()) {
      return false;
    }
    if (depth_ == 1 && key == "results" && !found_ && results_depth_ <= 0) {
      if (text_[at_] != '[') {
        return false;
      }
      statuses.clear();
      results_depth_ = depth_ + 1;  // the depth inside the array
      return true;
    }
    if (results_depth_ > 0 && depth_ == results_depth_ + 1 && key == "status") {
      int status = 0;
      std::size_t digits = 0;
      while (at_ < text_.size() && text_[at_] >= '0' && text_[at_] <= '9' && digits < 4) {
        status = status * 10 + (text_[at_] - '0');
        ++at_;
        ++digits;
      }
      if (digits == 0 || digits > 3) {
        return false;
      }
      item_status_ = status;
    }
    return true;
  }

  std::string_view text_;
  std::size_t at_ = 0;
  int depth_ = 0;
  int results_depth_ = 0;  // > 0 while inside "results"; -1 after it
  int item_status_ = -1;
  bool found_ = false;
};

}  // namespace

bool batch_item_statuses(std::string_view body, std::vector<int>& statuses) {
  statuses.clear();
  return Scanner(body).run(statuses);
}

}  // namespace archbench::loadgen

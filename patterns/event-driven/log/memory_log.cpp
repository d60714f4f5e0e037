#include "event-driven/log/memory_log.hpp"

#include <stdexcept>

namespace archbench::event_driven {

Position MemoryLog::replay(const std::function<void(std::string_view)>& visit) {
  for (const std::string& record : records_) visit(record);
  return records_.size();
}

Position MemoryLog::append(std::string record) {
  if (listener_ == nullptr) throw std::logic_error("MemoryLog::append before start()");
  records_.push_back(std::move(record));
  const Position position = records_.size();
  listener_->on_durable(position, records_.back());
  return position;
}

}  // namespace archbench::event_driven

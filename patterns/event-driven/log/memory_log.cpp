#include "event-driven/log/memory_log.hpp"

#include <stdexcept>

namespace archbench::event_driven {

Position MemoryLog::replay_after(Position after, const Visit& visit) {
  for (Position i = after; i < records_.size(); ++i) visit(records_[i]);
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

// The journal's one rule: a record is in the file before append() returns, so before the
// actor that appended it answers anyone (tests/wrong/late_journal.cpp breaks exactly this, and
// the kill -9 test catches it). The file, and opening a journal: journal_file.cpp.
#include "actor/actors/journal.hpp"

#include <utility>

#include "actor/actors/journal_file.hpp"

namespace archbench::actor {

Journal::~Journal() = default;

void Journal::append(Event event) {
  if (file_) file_->append(event);
  events_.push_back(std::move(event));
}

}  // namespace archbench::actor

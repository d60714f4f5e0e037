// The --log option: which event-log adapter a backend runs on.
//   memory          nothing survives the process
//   file:DIR        segment files in DIR, made durable by --fsync always | batch | never
//   nats://H:P      a JetStream stream on a nats-server
#pragma once

#include <memory>
#include <string_view>

#include "event-driven/log/event_log.hpp"
#include "event-driven/log/file_log.hpp"

namespace archbench::event_driven {

// Throws std::invalid_argument with a message for the user when `spec` names no adapter, and
// whatever the adapter throws when it cannot be opened.
[[nodiscard]] std::unique_ptr<EventLog> open_log(std::string_view spec, FsyncPolicy fsync);

}  // namespace archbench::event_driven

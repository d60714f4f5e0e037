// A whole file into memory in one read per chunk: how segments and snapshots are read at
// start-up. (std::istreambuf_iterator, the idiom, copies a character at a time: several times
// slower on a segment of 64 MiB.)
#pragma once

#include <filesystem>
#include <string>

namespace archbench::event_driven {

// Throws std::runtime_error naming the file and the system's reason.
[[nodiscard]] std::string read_whole_file(const std::filesystem::path& path);

}  // namespace archbench::event_driven

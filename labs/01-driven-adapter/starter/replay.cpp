// Lab 01: your code, part 4 of 4: opening the log, the way the last run left it.
#include <stdexcept>
#include <string>
#include <system_error>

#include "file_store.hpp"
#include "log_format.hpp"

namespace archbench::lab01 {

// Step 1: memory becomes what the log's frames say, in order (log_format.hpp reads the file and
// splits it). Step 4: a torn tail is dropped and cut off the file; a whole frame that cannot be
// applied stops the store from opening and leaves the file alone (rule 6). Either way, log_size_
// ends as the length of the good part.
void FileStore::replay() {
  // TODO(student): Step 1, then Step 4.
}

// Step 1: the kAccount record. Step 2: the other three. Each record's fields come back in the
// order log_format.hpp lists them; a tag this store never writes means the bytes are not its
// log (throw). Memory must end exactly as a fresh replay of the same frames would leave it.
void FileStore::apply(std::string_view payload) {
  // TODO(student): Step 1, then Step 2.
  static_cast<void>(payload);
}

}  // namespace archbench::lab01

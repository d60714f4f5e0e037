// The safety net of Responder: one that is destroyed (or overwritten) without having been used
// answers 500 itself, so that a handler bug - an early return, an exception, a dropped
// message in some queue - costs the client one error instead of a connection that hangs.
#include "common/http/response.hpp"

namespace archbench::http {

void Responder::abandon() noexcept {
  if (sink_ == nullptr) return;  // already used, or moved from
  try {
    send(500, R"({"error":{"code":"internal_error",)"
              R"("message":"the server did not answer this request"}})");
  } catch (...) {
    // Out of memory while answering from a destructor: nothing better to do than give up;
    // the connection closes when its last owner goes away.
    sink_ = nullptr;
    keep_alive_.reset();
  }
}

}  // namespace archbench::http

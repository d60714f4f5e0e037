// The two safety nets of Responder.
// - One destroyed (or overwritten) without having been used answers 500 itself, so that a
//   handler bug - an early return, an exception, a dropped message in some queue - costs the
//   client one error instead of a connection that hangs.
// - One used twice aborts with a message. Its slot already belongs to the transport (or to the
//   next request), so carrying on would corrupt another answer, or dereference a null sink.
#include <cstdio>
#include <cstdlib>

#include "common/http/response.hpp"

namespace archbench::http {

void Responder::used_twice(const char* what) noexcept {
  std::fprintf(stderr,
               "archbench http: Responder::%s on a Responder that was already used (or moved "
               "from): every request is answered exactly once\n",
               what);
  std::abort();
}

void Responder::abandon() noexcept {
  if (sink_ == nullptr) return;  // already used, or moved from
  try {
    // Written into the lent buffer: no allocation once it has capacity.
    body().assign(R"({"error":{"code":"internal_error",)"
                  R"("message":"the server did not answer this request"}})");
    send(500);
  } catch (...) {
    // Out of memory while answering from a destructor: nothing better to do than give up;
    // the connection closes when its last owner goes away.
    sink_ = nullptr;
    keep_alive_.reset();
  }
}

}  // namespace archbench::http

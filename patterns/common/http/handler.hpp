// The contract between the transport and a backend: one function per request.
#pragma once

#include <functional>

#include "common/http/request.hpp"
#include "common/http/response.hpp"

namespace archbench::http {

// Called on an I/O thread for each complete request. The handler may answer inline (the common
// case: the transport then batches pipelined answers into one write) or keep the Responder and
// answer later from any thread. The Request's views stay valid until the Responder is used.
using Handler = std::function<void(const Request&, Responder)>;

}  // namespace archbench::http

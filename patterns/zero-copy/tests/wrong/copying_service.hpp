// A plausible wrong zero-copy backend, kept to prove that the allocation test bites
// (bench/alloc/allocation_test.cpp must find it over its limits, endpoint by endpoint).
//
// The mistake is one line, and a tempting one: "the request's bytes belong to the transport, so
// take a copy of our own before parsing". The copy even keeps the padding simdjson needs, so it
// is correct, passes the conformance suite, and allocates on every request, GET included (its
// padding alone is longer than std::string's short buffer).
#pragma once

#include <string>

#include "common/http/request.hpp"
#include "zero-copy/service/zero_copy_service.hpp"

namespace archbench::zero_copy::wrong {

class CopyingService final : public ledger::Service {
 public:
  void handle(const ledger::Call& call, ledger::Reply reply) override {
    std::string body(call.body);           // the copy
    body.append(http::kBodyPadding, ' ');  // with the padding the parser reads
    ledger::Call copied = call;
    copied.body = std::string_view(body).substr(0, call.body.size());
    service_.handle(copied, std::move(reply));  // answers before `body` goes
  }

 private:
  ZeroCopyService service_;
};

}  // namespace archbench::zero_copy::wrong

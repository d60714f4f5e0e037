// The set-up, the warm-up and the windows (see the header).
#include "alloc/ledger_probe.hpp"

#include <string>
#include <vector>

#include "alloc/http_probe.hpp"
#include "common/testing/counting_allocator.hpp"

namespace archbench::alloc {
namespace {

constexpr std::size_t kAccounts = 32;
constexpr std::string_view kFunding = "1000000000";  // per account: 10^9 cents

using Requests = std::vector<std::string>;

std::string transfer_body(const std::vector<std::string>& ids, std::size_t i,
                          std::string_view tag) {
  const std::size_t from = i % kAccounts;
  const std::size_t to = (from + 1 + (i / kAccounts) % (kAccounts - 1)) % kAccounts;  // != from
  std::string body = R"({"from":")" + ids[from] + R"(","to":")" + ids[to] + R"(","amount":)" +
                     std::to_string(1 + i % 100) + R"(,"currency":"EUR","request_id":"t-)" +
                     std::string(tag) + "-" + std::to_string(i) + '"';
  // Every other transfer with a memo, longer than std::string's short buffer: a copy of it
  // allocates.
  if (i % 2 == 0) body += R"(,"memo":"rent for the flat, March")";
  return body + '}';
}

// `count` requests of `endpoint`; `tag` keeps request_ids unique across calls.
Requests render(Endpoint endpoint, std::size_t count, std::string_view tag,
                const std::vector<std::string>& ids, const ProbeOptions& options) {
  Requests requests;
  requests.reserve(count);
  for (std::size_t i = 0; i < count; ++i) {
    const std::string& account = ids[i % kAccounts];
    switch (endpoint) {
      case Endpoint::get_account:
        requests.push_back(http_request("GET", "/accounts/" + account));
        break;
      case Endpoint::list_transactions:
        requests.push_back(http_request("GET", "/accounts/" + account + "/transactions?limit=20"));
        break;
      case Endpoint::deposit:
        requests.push_back(http_request("POST", "/accounts/" + account + "/deposits",
                                        R"({"amount":)" + std::to_string(1 + i % 100) +
                                            R"(,"request_id":"d-)" + std::string(tag) + "-" +
                                            std::to_string(i) + "\"}"));
        break;
      case Endpoint::transfer:
        requests.push_back(http_request("POST", "/transfers", transfer_body(ids, i, tag)));
        break;
      case Endpoint::transfer_batch: {
        std::string body = R"({"transfers":[)";
        for (std::size_t k = 0; k < options.batch_items; ++k) {
          if (k > 0) body += ',';
          body += transfer_body(ids, i * options.batch_items + k,
                                std::string(tag) + "b" + std::to_string(i));
        }
        requests.push_back(http_request("POST", "/transfers/batch", body + "]}"));
        break;
      }
    }
  }
  return requests;
}

int expected_status(Endpoint endpoint) {
  return endpoint == Endpoint::deposit || endpoint == Endpoint::transfer ? 201 : 200;
}

// Sends `requests`, counting the allocations of the whole process meanwhile.
Measurement send_all(RawClient& client, Endpoint endpoint, const Requests& requests) {
  Measurement measurement;
  const std::uint64_t before = allocations();
  for (const std::string& request : requests) {
    const bool ok = client.exchange(request) == expected_status(endpoint) &&
                    client.body().find(R"("error")") == std::string_view::npos;
    measurement.failures += ok ? 0 : 1;
  }
  measurement.allocations = allocations() - before;
  measurement.requests = requests.size();
  return measurement;
}

// Opens and funds the accounts; their ids as the backend minted them.
std::vector<std::string> set_up(RawClient& client, std::size_t& failures) {
  std::vector<std::string> ids;
  for (std::size_t i = 0; i < kAccounts; ++i) {
    if (client.exchange(http_request("POST", "/accounts",
                                     R"({"owner":"Ada Lovelace","currency":"EUR"})")) != 201) {
      ++failures;
    }
    constexpr std::string_view kId = R"("id":")";
    const std::string_view body = client.body();
    const std::size_t begin = body.find(kId) + kId.size();
    ids.emplace_back(body.substr(begin, body.find('"', begin) - begin));
    if (client.exchange(http_request("POST", "/accounts/" + ids.back() + "/deposits",
                                     R"({"amount":)" + std::string(kFunding) +
                                         R"(,"request_id":"fund-)" + std::to_string(i) + "\"}")) !=
        201) {
      ++failures;
    }
  }
  return ids;
}

}  // namespace

std::string_view name(Endpoint endpoint) noexcept {
  switch (endpoint) {
    case Endpoint::get_account:
      return "get_account";
    case Endpoint::list_transactions:
      return "list_transactions";
    case Endpoint::deposit:
      return "deposit";
    case Endpoint::transfer:
      return "transfer";
    case Endpoint::transfer_batch:
      return "transfer_batch";
  }
  return "?";
}

Measurements measure(ledger::Service& service, const ProbeOptions& options) {
  const RunningServer server(service);
  RawClient client(server.port());
  std::size_t set_up_failures = 0;
  const std::vector<std::string> ids = set_up(client, set_up_failures);
  // Warm-up: every endpoint, so that every buffer, pool and table has grown to its working
  // size (the writes first: the histories the listings read are then 20 lines long or more).
  for (const Endpoint endpoint : {Endpoint::deposit, Endpoint::transfer, Endpoint::transfer_batch,
                                  Endpoint::get_account, Endpoint::list_transactions}) {
    const std::size_t count =
        endpoint == Endpoint::transfer_batch ? options.warm_up / 10 : options.warm_up;
    set_up_failures +=
        send_all(client, endpoint, render(endpoint, count, "w", ids, options)).failures;
  }
  Measurements all;
  for (const Endpoint endpoint : kEndpoints) {
    const std::size_t count =
        endpoint == Endpoint::transfer_batch ? options.batches : options.requests;
    const Requests requests = render(endpoint, count, "m", ids, options);
    all[static_cast<std::size_t>(endpoint)] = send_all(client, endpoint, requests);
  }
  // A failed set-up or warm-up shows as failures of the first window.
  all[0].failures += set_up_failures;
  return all;
}

}  // namespace archbench::alloc

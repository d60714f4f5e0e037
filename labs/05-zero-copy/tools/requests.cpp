// lab05-requests: your handler against the starter's way of answering, side by side in one
// process: allocations, CPU time and (where the kernel lets a process count them) instructions
// per request, for a mix of GET /accounts/{id} and POST /accounts/{id}/deposits.
//
// "before" is the starter's path, built into this tool (the shared codec's DOM parse, the
// message structs, a fresh std::string per answer), so that it is measured on the same
// machine, in the same run, as "after": the Handler of the variant this tool is linked with
// (lab05-requests: yours; lab05-requests-reference: the solution). The two alternate in
// rounds and each keeps its best round, so a machine busy with other work slows both alike.
#include <linux/perf_event.h>
#include <sys/ioctl.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <ctime>
#include <string>
#include <variant>
#include <vector>

#include "accounts.hpp"
#include "common/ledger/contract.hpp"
#include "common/ledger/json_codec.hpp"
#include "counting_new.hpp"
#include "handler.hpp"

namespace lab = archbench::lab05;
namespace ledger = archbench::ledger;

namespace {

// Instructions retired by this thread in user space, or nothing if perf_event_open is refused
// (a container's seccomp profile, perf_event_paranoid > 2).
class InstructionCounter {
 public:
  InstructionCounter() {
    perf_event_attr attr{};
    attr.type = PERF_TYPE_HARDWARE;
    attr.size = sizeof attr;
    attr.config = PERF_COUNT_HW_INSTRUCTIONS;
    attr.exclude_kernel = 1;
    attr.exclude_hv = 1;
    fd_ = static_cast<int>(syscall(SYS_perf_event_open, &attr, 0, -1, -1, 0));
  }
  ~InstructionCounter() {
    if (fd_ >= 0) close(fd_);
  }
  InstructionCounter(const InstructionCounter&) = delete;
  InstructionCounter& operator=(const InstructionCounter&) = delete;

  [[nodiscard]] bool available() const { return fd_ >= 0; }
  [[nodiscard]] std::uint64_t read_now() const {
    std::uint64_t count = 0;
    if (fd_ < 0 || ::read(fd_, &count, sizeof count) != sizeof count) return 0;
    return count;
  }

 private:
  int fd_ = -1;
};

double cpu_ns() {
  timespec now{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &now);
  return static_cast<double>(now.tv_sec) * 1e9 + static_cast<double>(now.tv_nsec);
}

// A body followed by kBodyPadding bytes, as the connection's buffer hands it over.
struct Request {
  std::string account;
  std::string storage;
  std::size_t size = 0;
  [[nodiscard]] lab::PaddedBody body() const { return {{storage.data(), size}}; }
};

std::vector<Request> deposits(int accounts) {
  std::vector<Request> requests;
  for (int i = 0; i < 64; ++i) {
    Request request;
    request.account = "acc-" + std::to_string(1 + (i * 7919) % accounts);  // spread out
    request.storage = R"({"amount":)" + std::to_string(100 + i) + R"(,"request_id":"dep-)" +
                      std::to_string(i) + R"(-7f3a"})";
    request.size = request.storage.size();
    request.storage.append(lab::kBodyPadding, ' ');
    requests.push_back(std::move(request));
  }
  return requests;
}

// The starter's way: what every request cost before the lab. Its answers are checked the
// same as yours (status), so neither side can be optimised away.
struct Before {
  lab::Accounts& accounts;
  std::string answer;

  int get(std::string_view id) {
    const lab::Account* account = accounts.find(id);
    if (account == nullptr) return 404;
    answer = ledger::to_json(
        ledger::Account{account->id, account->owner, account->currency, account->balance});
    return 200;
  }
  int deposit(std::string_view id, lab::PaddedBody body) {
    auto parsed = ledger::parse_deposit_request(std::string(body.bytes));
    const auto* request = std::get_if<ledger::DepositRequest>(&parsed);
    if (request == nullptr) return 400;
    lab::Account* account = accounts.find(id);
    if (account == nullptr) return 404;
    const auto deposited = accounts.deposit(*account, request->amount);
    if (!deposited) return 422;
    answer = ledger::to_json(ledger::Deposit{"dep-" + std::to_string(deposited->number),
                                             account->id, request->amount, deposited->balance});
    return 201;
  }
};

struct Cost {
  double allocations = 0;
  double ns = 0;
  double instructions = 0;
};

// `requests` requests, one GET for every deposit, through `side`; the cost per request.
template <class Side>
Cost run(Side& side, const std::vector<Request>& bodies, int requests,
         const InstructionCounter& counter) {
  int bad = 0;
  const std::uint64_t allocations_before = lab::allocations();
  const std::uint64_t instructions_before = counter.read_now();
  const double ns_before = cpu_ns();
  for (int i = 0; i < requests; ++i) {
    const Request& request = bodies[static_cast<std::size_t>(i / 2) % bodies.size()];
    if (i % 2 == 0) {
      bad += side.get(request.account) != 200;
    } else {
      bad += side.deposit(request.account, request.body()) != 201;
    }
  }
  const double ns = cpu_ns() - ns_before;
  const std::uint64_t instructions = counter.read_now() - instructions_before;
  const std::uint64_t allocations = lab::allocations() - allocations_before;
  if (bad != 0) {
    std::fprintf(stderr, "%d of %d requests were not answered 200/201\n", bad, requests);
    std::exit(1);
  }
  const auto n = static_cast<double>(requests);
  return {static_cast<double>(allocations) / n, ns / n, static_cast<double>(instructions) / n};
}

// Your handler, as run() wants it.
struct After {
  lab::Handler& handler;
  int get(std::string_view id) { return handler.get_account(id).status; }
  int deposit(std::string_view id, lab::PaddedBody body) {
    return handler.deposit(id, body).status;
  }
};

Cost best(const Cost& a, const Cost& b) {
  return {std::min(a.allocations, b.allocations), std::min(a.ns, b.ns),
          std::min(a.instructions, b.instructions)};
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"lab05-requests: allocations, CPU and instructions per request, before and after"};
  int requests = 200'000;
  int rounds = 5;
  int accounts_count = 100;
  app.add_option("--requests", requests, "requests per round (half GET, half deposit)")
      ->check(CLI::Range(2, 100'000'000));
  app.add_option("--rounds", rounds, "rounds of each side, alternating")->check(CLI::Range(1, 100));
  app.add_option("--accounts", accounts_count, "accounts")->check(CLI::Range(1, 1'000'000));
  CLI11_PARSE(app, argc, argv);

  // Each side its own accounts, opened the same way: the balances grow alike.
  lab::Accounts before_accounts;
  lab::Accounts after_accounts;
  for (int i = 0; i < accounts_count; ++i) {
    const std::string owner = "Owner number " + std::to_string(i) + ", a name of some length";
    before_accounts.open(owner, "EUR");
    after_accounts.open(owner, "EUR");
  }
  const std::vector<Request> bodies = deposits(accounts_count);
  Before before{before_accounts, {}};
  lab::Handler handler(after_accounts);
  After after{handler};
  const InstructionCounter counter;

  run(before, bodies, 1'000, counter);  // warm-up: buffers grown, caches warm
  run(after, bodies, 1'000, counter);
  Cost before_cost{1e300, 1e300, 1e300};
  Cost after_cost{1e300, 1e300, 1e300};
  for (int round = 0; round < rounds; ++round) {
    before_cost = best(before_cost, run(before, bodies, requests, counter));
    after_cost = best(after_cost, run(after, bodies, requests, counter));
  }

  std::printf("%d requests a round (GET and deposit alternating), best of %d rounds each\n",
              requests, rounds);
  std::printf("measure: before-allocations-per-request %.2f allocations\n",
              before_cost.allocations);
  std::printf("measure: after-allocations-per-request %.2f allocations\n", after_cost.allocations);
  std::printf("measure: before-cpu-ns-per-request %.0f ns\n", before_cost.ns);
  std::printf("measure: after-cpu-ns-per-request %.0f ns\n", after_cost.ns);
  std::printf("measure: cpu-before-over-after %.2f x\n", before_cost.ns / after_cost.ns);
  if (counter.available()) {
    std::printf("measure: before-instructions-per-request %.0f instructions\n",
                before_cost.instructions);
    std::printf("measure: after-instructions-per-request %.0f instructions\n",
                after_cost.instructions);
  } else {
    std::printf("(instructions not counted: perf_event_open is refused here)\n");
  }
  return 0;
}

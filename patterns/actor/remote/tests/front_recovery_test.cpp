// The three-process deployment's front, killed: two shard hosts, each with its own --journal,
// and a front (`--shard-hosts`) that keeps no state of its own; every process real, on loopback.
//
// Transfers run through the front from three clients. Host 0 is then frozen (SIGSTOP) and two
// transfers from its accounts to host 1's are sent: host 1 reserves their credit, their debit
// waits in host 0's socket, and their clients hear 503 (the front's deadline for host 0). The
// front is killed with SIGKILL while the clients still transfer between host 1's accounts, and
// host 0 thawed: it applies those two debits for a front that is gone. So the hosts now hold
// debits without a credit (those two for certain, and whatever else the kill caught mid-way),
// reservations no debit followed, and claims only their journals know. A new front is started
// on the same hosts. It must learn all of it from the hosts when it joins them (Joined):
//
//   - the money settles, on its own, with no retry: every debit gets its credit (the sum of the
//     balances is what was deposited, every transfer_out has its transfer_in);
//   - every acknowledged transfer's retry answers its first outcome (201, the same tr-N), and
//     another body under its request_id 409 (the funding deposits likewise);
//   - every transfer that got no answer, or 503, has exactly one outcome, which its retries get;
//   - a new account gets an id no account had.
//
// FrontRecoveryBites starts the second front from `test-actor-wrong-front --wrong forgetful-front`
// (wrong/), which learns the claims and the ids but does not roll forward, and sees the money not
// settle. Beside it: a dead front's debit that reaches its host late is refused (the fence), and a
// journaled host keeps its place among the hosts across its restarts.
#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <caf/actor.hpp>
#include <chrono>
#include <csignal>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "actor/remote/tests/three_processes.hpp"
#include "common/conformance/backend_process.hpp"
#include "common/conformance/fault_testing.hpp"
#include "common/conformance/http_client.hpp"
#include "common/testing/temp_dir.hpp"

namespace archbench::actor::remote {
namespace {

namespace fs = std::filesystem;
using conformance::BackendProcess;
using conformance::HttpClient;
using conformance::HttpResponse;
using conformance::json;
using fault_testing::is_unavailable;
using fault_testing::sibling_executable;
using namespace std::chrono_literals;
using Clock = std::chrono::steady_clock;
using three_processes::eventually;
using three_processes::host_of;
using three_processes::start;
using three_processes::start_host;

constexpr std::size_t kAccountsPerHost = 3;
constexpr std::int64_t kFunding = 1'000'000;  // per account: no transfer here is refused
constexpr int kStuck = 2;                     // transfers whose debit waits in the frozen host
// Each client's transfers: at most kTransfers, no more than one every kPace, so that the load
// outlasts the 2 s the stuck transfers take (host 0's deadline) and no account's history grows past
// the 1,000 lines one listing returns (host 1's accounts: about 2 x 2 x 400 / 3 + 2 x 400 / 6).
constexpr std::size_t kTransfers = 400;
constexpr auto kPace = 10ms;
// How long the new front may take to settle what it found (it runs them at start: ms).
constexpr auto kSettles = 3s;

// ---- helpers -------------------------------------------------------------------------------

// A TCP relay on loopback in front of one host, for one connection, that can hold back what the
// front sends (hold()) and hand it on later (release()): a front's last messages arriving late.
class HeldRelay {
 public:
  explicit HeldRelay(std::uint16_t host_port) : host_port_(host_port) {
    listener_ = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t length = sizeof address;
    if (::bind(listener_, reinterpret_cast<sockaddr*>(&address), length) != 0 ||
        ::listen(listener_, 1) != 0 ||
        ::getsockname(listener_, reinterpret_cast<sockaddr*>(&address), &length) != 0) {
      throw std::runtime_error("the relay cannot listen");
    }
    port_ = ntohs(address.sin_port);
    thread_ = std::thread([this] { relay(); });
  }
  ~HeldRelay() {
    stop_ = true;
    thread_.join();
    for (int fd : {listener_, front_, host_}) {
      if (fd >= 0) ::close(fd);
    }
  }
  HeldRelay(const HeldRelay&) = delete;
  HeldRelay& operator=(const HeldRelay&) = delete;

  [[nodiscard]] std::uint16_t port() const { return port_; }
  void hold() { held_ = true; }
  void release() {
    answered_ = 0;
    held_ = false;
  }
  // Bytes the host sent back since release(): it has read and answered what was held.
  [[nodiscard]] std::size_t answered() const { return answered_; }

 private:
  void relay() {
    while (!stop_ && front_ < 0) {
      pollfd waiting{listener_, POLLIN, 0};
      if (::poll(&waiting, 1, 20) == 1) front_ = ::accept(listener_, nullptr, nullptr);
    }
    if (stop_) return;
    host_ = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    address.sin_port = htons(host_port_);
    if (::connect(host_, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0) return;
    std::string pending;  // from the front, held
    bool front_open = true;
    char buffer[65536];
    while (!stop_) {
      if (!held_ && !pending.empty()) {
        if (::send(host_, pending.data(), pending.size(), MSG_NOSIGNAL) < 0) return;
        pending.clear();
      }
      pollfd ends[2] = {{host_, POLLIN, 0}, {front_open ? front_ : -1, POLLIN, 0}};
      if (::poll(ends, 2, 20) <= 0) continue;
      if (ends[0].revents != 0) {
        const ssize_t n = ::recv(host_, buffer, sizeof buffer, 0);
        if (n <= 0) return;
        answered_ += static_cast<std::size_t>(n);
        if (front_open) ::send(front_, buffer, static_cast<std::size_t>(n), MSG_NOSIGNAL);
      }
      if (ends[1].revents != 0) {
        const ssize_t n = ::recv(front_, buffer, sizeof buffer, 0);
        if (n <= 0) {
          front_open = false;  // the front died: what it sent still goes on, when released
          continue;
        }
        pending.append(buffer, static_cast<std::size_t>(n));
      }
    }
  }

  std::uint16_t host_port_;
  std::uint16_t port_ = 0;
  int listener_ = -1;
  int front_ = -1;
  int host_ = -1;
  std::atomic<bool> stop_{false};
  std::atomic<bool> held_{false};
  std::atomic<std::size_t> answered_{0};
  std::thread thread_;
};

// ---- the scenario ----------------------------------------------------------------------------

json transfer(const std::string& from, const std::string& to, std::int64_t amount,
              const std::string& request_id) {
  return {{"from", from},
          {"to", to},
          {"amount", amount},
          {"currency", "EUR"},
          {"request_id", request_id}};
}

// What the clients sent the first front, by what they heard.
struct Sent {
  std::mutex mutex;
  std::map<std::string, std::pair<json, std::string>> acknowledged;  // request_id -> body, tr-N
  std::vector<json> unknown;  // no answer (the kill) or 503: the outcome is the new front's
  std::vector<std::string> wrong;
};

// One client: transfers between `accounts` (a ring, so all of them move), until `stop`, the front
// dies under it or kTransfers. A 503 (a frozen host) is recorded and the client goes on.
void run_client(HttpClient& http, const std::vector<std::string>& accounts, const std::string& name,
                Sent& sent, const std::atomic<bool>& stop) {
  const std::size_t n = accounts.size();
  for (std::size_t i = 0; !stop && i < kTransfers; ++i) {
    std::this_thread::sleep_for(kPace);
    const std::size_t from = i % n;
    const std::size_t to = (from + 1 + i / n % (n - 1)) % n;
    const std::string request_id = name + "-" + std::to_string(i);
    json body =
        transfer(accounts[from], accounts[to], 1 + static_cast<std::int64_t>(i % 5), request_id);
    const HttpResponse r = http.post("/transfers", body);
    const std::lock_guard lock(sent.mutex);
    if (r.status == 201) {
      sent.acknowledged[request_id] = {std::move(body), r.body_json.value("id", "")};
    } else if (r.status == 0 || is_unavailable(r)) {
      sent.unknown.push_back(std::move(body));
      if (r.status == 0) return;  // the front is gone
    } else {
      sent.wrong.push_back(name + ": " + std::to_string(r.status) + " " + r.body);
    }
  }
}

// The ledger as the balances and histories say, read through a front.
struct Books {
  std::int64_t total = 0;
  std::map<std::string, int> out_lines;  // tr-N -> transfer_out lines
  std::map<std::string, int> in_lines;   // tr-N -> transfer_in lines
  bool read_all = true;

  // "" if every transfer is whole and once, and the money is all there; else what is not.
  [[nodiscard]] std::string broken(std::int64_t expected_total) const {
    if (!read_all) return "an account could not be read";
    std::string found;
    for (const auto& [id, count] : out_lines) {
      const auto in = in_lines.find(id);
      const int credits = in == in_lines.end() ? 0 : in->second;
      if (count != 1 || credits != 1) {
        found += id + ": debited " + std::to_string(count) + "x, credited " +
                 std::to_string(credits) + "x; ";
      }
    }
    for (const auto& [id, count] : in_lines) {
      if (!out_lines.contains(id)) found += id + ": credited, never debited; ";
    }
    if (total != expected_total) {
      found += "the balances add up to " + std::to_string(total) + ", not " +
               std::to_string(expected_total);
    }
    return found;
  }
};

Books read_books(HttpClient& http, const std::vector<std::string>& accounts) {
  Books books;
  for (const std::string& account : accounts) {
    const HttpResponse got = http.get("/accounts/" + account);
    const HttpResponse lines = http.get("/accounts/" + account + "/transactions?limit=1000");
    if (got.status != 200 || lines.status != 200) {
      books.read_all = false;
      continue;
    }
    books.total += got.body_json.value("balance", std::int64_t{0});
    for (const json& line : lines.body_json.value("transactions", json::array())) {
      const std::string kind = line.value("kind", "");
      if (kind == "transfer_out") ++books.out_lines[line.value("id", "")];
      if (kind == "transfer_in") ++books.in_lines[line.value("id", "")];
    }
  }
  return books;
}

bool file_holds(const fs::path& file, const std::string& text) {
  std::ifstream in(file, std::ios::binary);
  const std::string bytes{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
  return bytes.find(text) != std::string::npos;
}

struct Outcome {
  std::vector<std::string> violations;  // what the new front got wrong
  std::size_t acknowledged = 0;
  std::size_t unknown = 0;
};

// Runs the scenario with `second_front` as the program of the front started after the kill;
// ADD_FAILUREs what stops the scenario itself, returns what the new front got wrong.
Outcome kill_the_front_and_start_another(const std::vector<std::string>& second_front) {
  Outcome outcome;
  testing::TempDir journals("archbench-front");
  std::unique_ptr<BackendProcess> hosts[2];
  for (std::size_t i = 0; i < 2; ++i) {
    hosts[i] = start_host(0, journals.path() / ("host-" + std::to_string(i)));
    if (!hosts[i]) return outcome;
  }
  const std::vector<std::string> front_args = {
      "--host",
      "127.0.0.1",
      "--port",
      "0",
      "--threads",
      "2",
      "--actor-threads",
      "1",
      "--scheduler",
      "sharing",
      "--shard-hosts",
      "127.0.0.1:" + std::to_string(hosts[0]->port()) +
          ",127.0.0.1:" + std::to_string(hosts[1]->port())};
  auto front = start({"archbench-actor"}, front_args);
  if (!front) return outcome;

  // Accounts on both hosts, each funded.
  HttpClient http(front->host(), front->port());
  std::vector<std::string> accounts;
  std::vector<std::string> on[2];
  for (int attempt = 0; attempt < 40; ++attempt) {
    if (on[0].size() >= kAccountsPerHost && on[1].size() >= kAccountsPerHost) break;
    const HttpResponse opened = http.post("/accounts", json{{"owner", "o"}, {"currency", "EUR"}});
    const std::string id = opened.body_json.value("id", "");
    const HttpResponse funded = http.post("/accounts/" + id + "/deposits",
                                          json{{"amount", kFunding}, {"request_id", "fund-" + id}});
    if (opened.status != 201 || funded.status != 201) {
      ADD_FAILURE() << "opening or funding an account: " << opened.body << " " << funded.body;
      return outcome;
    }
    accounts.push_back(id);
    on[host_of(id)].push_back(id);
  }
  if (on[0].size() < kAccountsPerHost || on[1].size() < kAccountsPerHost) {
    ADD_FAILURE() << "too few accounts on one host";
    return outcome;
  }
  const std::int64_t money = kFunding * static_cast<std::int64_t>(accounts.size());

  // The load: one client over every account, two over host 1's (they go on while host 0 is
  // frozen, so that the kill finds transfers in flight).
  Sent sent;
  std::atomic<bool> stop{false};
  std::atomic<int> running{3};
  std::vector<std::thread> clients;
  clients.reserve(3);
  const std::vector<std::string>* ring[] = {&accounts, &on[1], &on[1]};
  for (int c = 0; c < 3; ++c) {
    clients.emplace_back([&, c] {
      HttpClient mine(front->host(), front->port());
      run_client(mine, *ring[c], "c" + std::to_string(c), sent, stop);
      --running;
    });
  }
  auto acknowledged = [&] {
    const std::lock_guard lock(sent.mutex);
    return sent.acknowledged.size();
  };
  if (!eventually([&] { return acknowledged() >= 30; })) {
    ADD_FAILURE() << "the load did not get going";
  }

  // Host 0 frozen; transfers out of its accounts reserve on host 1, then their debit waits.
  hosts[0]->send_signal(SIGSTOP);
  std::vector<json> stuck;
  stuck.reserve(kStuck);
  for (int s = 0; s < kStuck; ++s) {
    stuck.push_back(transfer(on[0][s], on[1][s], 100 + s, "stuck-" + std::to_string(s)));
  }
  {
    std::vector<std::thread> senders;
    senders.reserve(stuck.size());
    for (const json& body : stuck) {
      senders.emplace_back([&, body] {
        HttpClient mine(front->host(), front->port());
        const HttpResponse r = mine.post("/transfers", body);
        // 503: the reserve was answered (host 1 is up) and the debit sent, not answered.
        EXPECT_TRUE(is_unavailable(r)) << body << ": " << r.status << " " << r.body;
      });
    }
    for (auto& sender : senders) sender.join();
  }
  const std::size_t before_kill = acknowledged();
  if (!eventually([&] { return acknowledged() >= before_kill + 10; })) {
    ADD_FAILURE() << "host 1's transfers stopped while host 0 was frozen";
  }
  if (running < 3) ADD_FAILURE() << "the load ended before the kill (kTransfers)";
  front->kill_and_wait();  // under load: no drain
  stop = true;
  for (auto& client : clients) client.join();
  for (const std::string& failure : sent.wrong) ADD_FAILURE() << failure;
  for (const json& body : stuck) sent.unknown.push_back(body);
  outcome.acknowledged = sent.acknowledged.size();
  outcome.unknown = sent.unknown.size();

  // Host 0 thawed: it reads the debits the dead front sent it, and applies them.
  hosts[0]->send_signal(SIGCONT);
  const fs::path journal0 = journals.path() / "host-0" / "shard-0.journal";
  if (!eventually(
          [&] { return file_holds(journal0, "stuck-0") && file_holds(journal0, "stuck-1"); },
          10s)) {
    ADD_FAILURE() << "host 0 did not apply the debits its socket held";
    return outcome;
  }

  // The new front, on the same hosts.
  front = start(second_front, front_args);
  if (!front) return outcome;
  HttpClient again(front->host(), front->port());
  auto violation = [&](std::string what) { outcome.violations.push_back(std::move(what)); };

  // 1. It settles what it found, before anyone retries anything.
  std::string broken;
  if (!eventually(
          [&] {
            broken = read_books(again, accounts).broken(money);
            return broken.empty();
          },
          kSettles)) {
    violation("not settled " + std::to_string(kSettles.count()) +
              " s after the restart: " + broken);
  }
  // 2. Acknowledged, with another body under the same request_id: 409, as before the kill. (First:
  // a retry with the same body would claim the id again in a registry that forgot it.)
  std::size_t conflicts = 0;
  for (const auto& [request_id, first] : sent.acknowledged) {
    if (++conflicts > 5) break;
    json other = first.first;
    other["amount"] = other["amount"].get<std::int64_t>() + 1;
    const HttpResponse retry = again.post("/transfers", other);
    if (retry.status != 409) {
      violation(request_id + " with another amount got " + std::to_string(retry.status) + " " +
                retry.body + ", not 409");
    }
  }
  for (const std::string& account : accounts) {
    const std::string path = "/accounts/" + account + "/deposits";
    const HttpResponse other =
        again.post(path, json{{"amount", 1}, {"request_id", "fund-" + account}});
    const HttpResponse same =
        again.post(path, json{{"amount", kFunding}, {"request_id", "fund-" + account}});
    if (same.status != 201 || other.status != 409) {
      violation("the deposit fund-" + account +
                " with another amount: " + std::to_string(other.status) + " " + other.body +
                ", again: " + std::to_string(same.status));
    }
  }
  // 3. Acknowledged, the same body: the same outcome.
  for (const auto& [request_id, first] : sent.acknowledged) {
    const HttpResponse retry = again.post("/transfers", first.first);
    if (retry.status != 201 || retry.body_json.value("id", "") != first.second) {
      violation(request_id + " was acknowledged as " + first.second + ", its retry got " +
                std::to_string(retry.status) + " " + retry.body);
    }
  }
  // 4. Unanswered or 503: exactly one outcome (funds are ample: a success), the same each time.
  for (const json& body : sent.unknown) {
    const HttpResponse first = again.post("/transfers", body);
    const HttpResponse second = again.post("/transfers", body);
    if (first.status != 201 || second.status != 201 ||
        first.body_json.value("id", "") != second.body_json.value("id", "")) {
      violation(body["request_id"].get<std::string>() + ": retries got " +
                std::to_string(first.status) + " " + first.body + " then " +
                std::to_string(second.status) + " " + second.body);
    }
  }
  // 5. A new account: an id no account had, and nothing in it.
  const HttpResponse opened = again.post("/accounts", json{{"owner", "n"}, {"currency", "EUR"}});
  const std::string fresh = opened.body_json.value("id", "");
  if (opened.status != 201 ||
      std::find(accounts.begin(), accounts.end(), fresh) != accounts.end() ||
      opened.body_json.value("balance", std::int64_t{-1}) != 0) {
    violation("a new account after the restart: " + std::to_string(opened.status) + " " +
              opened.body + " (ids before: " + accounts.front() + ".." + accounts.back() + ")");
  }
  // 6. And still whole, every retried transfer once.
  if (std::string still = read_books(again, accounts).broken(money); !still.empty()) {
    violation("after the retries: " + still);
  }
  return outcome;
}

TEST(FrontRecovery, AKilledFrontsSuccessorSettlesEverythingFromTheHosts) {
  const Outcome outcome = kill_the_front_and_start_another({"archbench-actor"});
  for (const std::string& violation : outcome.violations) ADD_FAILURE() << violation;
  EXPECT_GT(outcome.acknowledged, 0U);
  std::cout << "[ front   ] " << outcome.acknowledged << " acknowledged, " << outcome.unknown
            << " without an outcome at the kill (" << kStuck << " of them debited, not credited)\n";
}

// The fence: a killed front's messages that reach a host only after the next front has read its
// journal are refused, or they would change what the new front already settled. Host 0 is
// reached through a relay that holds what the first front sends: a transfer from host 0 to host
// 1 is reserved on host 1, its debit held (503). The front is killed and another one started,
// straight to host 0: it finds a reservation and no debit, and releases it. Then the relay hands
// the dead front's debit to host 0, which must refuse it: no debit without a credit, no money gone.
TEST(FrontRecovery, ADeadFrontsLateDebitIsRefusedByItsHost) {
  testing::TempDir journals("archbench-front");
  std::unique_ptr<BackendProcess> hosts[2];
  for (std::size_t i = 0; i < 2; ++i) {
    hosts[i] = start_host(0, journals.path() / ("host-" + std::to_string(i)));
    ASSERT_TRUE(hosts[i]);
  }
  HeldRelay relay(hosts[0]->port());
  auto front_through = [&](std::uint16_t host0_port) {
    return std::vector<std::string>{"--host",
                                    "127.0.0.1",
                                    "--port",
                                    "0",
                                    "--threads",
                                    "1",
                                    "--actor-threads",
                                    "1",
                                    "--scheduler",
                                    "sharing",
                                    "--shard-hosts",
                                    "127.0.0.1:" + std::to_string(host0_port) +
                                        ",127.0.0.1:" + std::to_string(hosts[1]->port())};
  };
  auto front = start({"archbench-actor"}, front_through(relay.port()));
  ASSERT_TRUE(front);
  HttpClient http(front->host(), front->port());
  std::vector<std::string> accounts;
  std::string on[2];
  for (int attempt = 0; attempt < 20 && (on[0].empty() || on[1].empty()); ++attempt) {
    const HttpResponse opened = http.post("/accounts", json{{"owner", "o"}, {"currency", "EUR"}});
    ASSERT_EQ(opened.status, 201) << opened.body;
    const std::string id = opened.body_json.value("id", "");
    ASSERT_EQ(http.post("/accounts/" + id + "/deposits",
                        json{{"amount", kFunding}, {"request_id", "fund-" + id}})
                  .status,
              201);
    accounts.push_back(id);
    on[host_of(id)] = id;
  }
  ASSERT_FALSE(on[0].empty() || on[1].empty()) << "no account on one host";
  const std::int64_t money = kFunding * static_cast<std::int64_t>(accounts.size());

  relay.hold();
  const json late = transfer(on[0], on[1], 100, "late-0");
  const HttpResponse answered = http.post("/transfers", late);
  ASSERT_TRUE(is_unavailable(answered)) << answered.status << " " << answered.body;
  front->kill_and_wait();

  front = start({"archbench-actor"}, front_through(hosts[0]->port()));
  ASSERT_TRUE(front);
  HttpClient again(front->host(), front->port());
  std::string broken;
  EXPECT_TRUE(eventually(
      [&] {
        broken = read_books(again, accounts).broken(money);
        return broken.empty();
      },
      kSettles))
      << broken;

  relay.release();
  ASSERT_TRUE(eventually([&] { return relay.answered() > 0; }, 10s))
      << "host 0 did not answer what the relay held";
  EXPECT_FALSE(file_holds(journals.path() / "host-0" / "shard-0.journal", "late-0"))
      << "host 0 applied the dead front's debit after the new front had read its journal";
  EXPECT_EQ(read_books(again, accounts).broken(money), "");
  // The transfer has one outcome still: its retry runs it now, whole.
  const HttpResponse retried = again.post("/transfers", late);
  EXPECT_EQ(retried.status, 201) << retried.body;
  EXPECT_EQ(read_books(again, accounts).broken(money), "");
}

// A host's place decides its id numbering (host i of n: i+1, i+1+n, ...), so a journaled host
// keeps it across its restarts: restarted under a front with another number of hosts, it
// refuses to join, and that front does not start (its ids would have met the journal's).
TEST(FrontRecovery, AJournaledHostRefusesAnotherPlaceAfterItsRestart) {
  testing::TempDir journals("archbench-front");
  auto front_of = [](const std::vector<std::uint16_t>& ports) {
    std::string list;
    for (std::uint16_t port : ports)
      list += (list.empty() ? "" : ",") + std::string("127.0.0.1:") + std::to_string(port);
    return std::vector<std::string>{"--host",      "127.0.0.1", "--port",          "0",
                                    "--threads",   "1",         "--actor-threads", "1",
                                    "--scheduler", "sharing",   "--shard-hosts",   list};
  };
  auto first = start_host(0, journals.path() / "host-0");
  auto second = start_host(0, journals.path() / "host-1");
  ASSERT_TRUE(first && second);
  {
    auto front = start({"archbench-actor"}, front_of({first->port(), second->port()}));
    ASSERT_TRUE(front);  // host-0 is shard 0 of 2 from now on
  }
  first->kill_and_wait();
  first = start_host(0, journals.path() / "host-0");
  ASSERT_TRUE(first);
  BackendProcess alone(sibling_executable("archbench-actor"), front_of({first->port()}));
  EXPECT_FALSE(alone.wait_until_listening(30s)) << "a front of one host started on shard 0 of 2";
  const auto ended = alone.wait_exit(10s);
  ASSERT_TRUE(ended.has_value());
  EXPECT_FALSE(ended->clean());
  EXPECT_NE(alone.stderr_text().find("shard 0 of 2"), std::string::npos) << alone.stderr_text();
}

TEST(FrontRecoveryBites, AFrontThatDoesNotRollForwardLeavesMoneyMissing) {
  const Outcome outcome =
      kill_the_front_and_start_another({"test-actor-wrong-front", "--wrong", "forgetful-front"});
  ASSERT_FALSE(outcome.violations.empty())
      << "the scenario did not notice a front that leaves debits without their credit";
  EXPECT_TRUE(outcome.violations.front().starts_with("not settled")) << outcome.violations.front();
  std::cout << "found: " << outcome.violations.front() << "\n";
}

}  // namespace
}  // namespace archbench::actor::remote

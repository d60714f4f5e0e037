#include "common/conformance/fault_testing.hpp"

#include <gtest/gtest.h>

namespace archbench::fault_testing {

namespace fs = std::filesystem;
using conformance::HttpClient;

fs::path sibling_executable(const std::string& name) {
  return fs::read_symlink("/proc/self/exe").parent_path() / name;
}

bool is_unavailable(const HttpResponse& response) {
  return response.status == 503 && response.header("retry-after") == "1" &&
         response.body_json.is_object() && response.body_json.contains("error") &&
         response.body_json["error"].value("code", "") == "unavailable";
}

std::string KillVerdict::summary() const {
  return std::to_string(acknowledged) + " acknowledged, " + std::to_string(lost.size()) +
         " lost, " + std::to_string(unanswered) + " without an answer";
}

void expect_kept_its_word(const KillVerdict& verdict) {
  EXPECT_GT(verdict.acknowledged, 0U) << "nothing was acknowledged before the kill";
  for (const std::string& refused : verdict.refused) ADD_FAILURE() << "refused: " << refused;
  for (const std::string& lost : verdict.lost) ADD_FAILURE() << "lost: " << lost;
  for (const std::string& unsettled : verdict.unsettled) {
    ADD_FAILURE() << "a request without an answer, retried after the restart: " << unsettled;
  }
  EXPECT_EQ(verdict.broken_transfers, 0U) << "transfers half-applied or applied twice";
  EXPECT_EQ(verdict.total, verdict.expected_total) << "money appeared or vanished";
}

std::string KillLoad::open_accounts(BackendProcess& backend) {
  HttpClient client(backend.host(), backend.port());
  for (int i = 0; i < shape_.accounts; ++i) {
    const auto opened = client.post("/accounts", json{{"owner", "o"}, {"currency", "EUR"}});
    if (opened.status != 201) return "opening an account: " + opened.body;
    accounts_.push_back(opened.body_json.value("id", ""));
    const auto funded =
        client.post("/accounts/" + accounts_.back() + "/deposits",
                    json{{"amount", shape_.funding}, {"request_id", "fund-" + std::to_string(i)}});
    if (funded.status != 201) return "funding " + accounts_.back() + ": " + funded.body;
  }
  return {};
}

// Writer `writer`'s request number `i`: a transfer between two different accounts, or every
// `deposit_every`th a deposit. Amounts are small and funds ample: none is refused.
SentRequest KillLoad::request(int writer, int i) const {
  const auto n = accounts_.size();
  const std::size_t from = static_cast<std::size_t>(writer * shape_.writer_stride + i) % n;
  const std::size_t to = (from + 1 + static_cast<std::size_t>(i) % (n - 1)) % n;  // never `from`
  const std::string request_id = "w" + std::to_string(writer) + "-" + std::to_string(i);
  if (shape_.deposit_every > 0 && i % shape_.deposit_every == shape_.deposit_every - 1) {
    return {"/accounts/" + accounts_[to] + "/deposits",
            json{{"amount", 1 + i % 7}, {"request_id", request_id}}};
  }
  return {"/transfers", json{{"from", accounts_[from]},
                             {"to", accounts_[to]},
                             {"amount", 1 + i % 5},
                             {"currency", "EUR"},
                             {"request_id", request_id}}};
}

void KillLoad::write(BackendProcess& backend, const std::atomic<bool>& stop, int writer) {
  HttpClient client(backend.host(), backend.port());
  for (int i = 0; !stop && i < shape_.requests_per_writer; ++i) {
    SentRequest sent = request(writer, i);
    const auto response = client.post(sent.path, sent.body);
    const std::lock_guard lock(mutex_);
    if (response.status == 201) {
      const std::string request_id = sent.body["request_id"];
      acknowledged_[request_id] = {std::move(sent), response.body_json.value("id", "")};
      continue;
    }
    if (response.status != 0) {  // an answer, and not a 201: only the kill may stop a writer
      refused_.push_back(sent.body["request_id"].get<std::string>() + ": " +
                         std::to_string(response.status) + " " + response.body);
    }
    unanswered_.push_back(std::move(sent));
    return;
  }
}

void KillLoad::run_and_kill(BackendProcess& backend, std::chrono::milliseconds after) {
  std::atomic<bool> stop{false};
  std::vector<std::thread> writers;
  writers.reserve(static_cast<std::size_t>(shape_.writers));
  for (int w = 0; w < shape_.writers; ++w) {
    writers.emplace_back([this, &backend, &stop, w] { write(backend, stop, w); });
  }
  std::this_thread::sleep_for(after);
  backend.kill_and_wait();  // SIGKILL: no drain, no flush, no goodbye
  stop = true;
  for (auto& writer : writers) writer.join();
}

KillVerdict KillLoad::verify(BackendProcess& restarted) const {
  const std::lock_guard lock(mutex_);  // the writers are done; this only pleases the analysers
  HttpClient client(restarted.host(), restarted.port());
  KillVerdict verdict;
  verdict.acknowledged = acknowledged_.size();
  verdict.unanswered = unanswered_.size();
  verdict.refused = refused_;
  auto deposited = [](const SentRequest& sent) {
    return sent.path == "/transfers" ? 0 : sent.body["amount"].get<std::int64_t>();
  };
  // An acknowledged request's retry gets its first answer back: had the restart lost it, the
  // retry would be applied anew, with another id.
  std::int64_t deposits = 0;
  for (const auto& [request_id, acknowledged] : acknowledged_) {
    const auto& [sent, id] = acknowledged;
    const auto retry = client.post(sent.path, sent.body);
    if (retry.status != 201 || retry.body_json.value("id", "") != id) {
      std::string what = request_id;
      what.append(" was acknowledged as ").append(id).append(", after the restart: ");
      what.append(std::to_string(retry.status)).append(" ").append(retry.body);
      verdict.lost.push_back(std::move(what));
    }
    deposits += deposited(sent);
  }
  // A request without an answer was applied or not; from its retry on, exactly once.
  for (const SentRequest& sent : unanswered_) {
    const auto retry = client.post(sent.path, sent.body);
    if (retry.status != 201) {
      verdict.unsettled.push_back(sent.body["request_id"].get<std::string>() + ": " +
                                  std::to_string(retry.status) + " " + retry.body);
      continue;
    }
    deposits += deposited(sent);
  }
  // Every transfer once out of one account and once into another; the money all there.
  std::map<std::string, int> out_lines;
  std::map<std::string, int> in_lines;
  for (const std::string& account : accounts_) {
    const auto read = client.get("/accounts/" + account).body_json;
    if (read.is_object()) verdict.total += read.value("balance", std::int64_t{0});
    // value(), not operator[]: an account a wrong backend lost answers 404, an error without
    // "transactions" (operator[] on a const object would assert instead of counting the loss).
    const auto history = client.get("/accounts/" + account + "/transactions?limit=1000").body_json;
    if (!history.is_object()) continue;  // no answer: the balance above is missing too
    for (const auto& line : history.value("transactions", json::array())) {
      const std::string kind = line.value("kind", "");
      if (kind == "transfer_out") ++out_lines[line.value("id", "")];
      if (kind == "transfer_in") ++in_lines[line.value("id", "")];
    }
  }
  for (const auto& [id, count] : out_lines)
    verdict.broken_transfers += count != 1 || in_lines[id] != 1;
  for (const auto& [id, count] : in_lines) verdict.broken_transfers += out_lines[id] != 1;
  verdict.expected_total = shape_.accounts * shape_.funding + deposits;
  return verdict;
}

}  // namespace archbench::fault_testing

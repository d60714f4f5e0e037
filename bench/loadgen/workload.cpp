// Workload <-> JSON, and the checks that keep a workload runnable.
#include "loadgen/workload.hpp"

#include <fstream>
#include <nlohmann/json.hpp>
#include <set>
#include <stdexcept>

namespace archbench::loadgen {
namespace {

constexpr std::array<std::string_view, kEndpointCount> kEndpointNames = {
    "get_account", "deposit", "transfer", "list_transactions", "transfer_batch", "health"};

[[noreturn]] void fail(const std::string& what) { throw std::runtime_error("workload: " + what); }

void check_known_keys(const nlohmann::json& j, const std::set<std::string>& known,
                      const std::string& where) {
  for (const auto& [key, value] : j.items()) {
    if (!known.contains(key)) {
      std::string message = "unknown field '";
      message.append(where).append(key).append("'");
      fail(message);
    }
  }
}

template <typename T>
void read(const nlohmann::json& j, const char* key, T& out) {
  if (!j.contains(key)) {
    return;
  }
  try {
    out = j.at(key).get<T>();
  } catch (const nlohmann::json::exception&) {
    fail(std::string("field '") + key + "' has the wrong type");
  }
}

void read_range(const nlohmann::json& j, const char* key, std::int64_t& lo, std::int64_t& hi) {
  if (!j.contains(key)) {
    return;
  }
  const auto& r = j.at(key);
  if (!r.is_array() || r.size() != 2 || !r[0].is_number_integer() || !r[1].is_number_integer()) {
    fail(std::string("'amounts.") + key + "' must be [min, max] integers");
  }
  lo = r[0].get<std::int64_t>();
  hi = r[1].get<std::int64_t>();
}

}  // namespace

std::string_view endpoint_name(Endpoint e) noexcept {
  return kEndpointNames[static_cast<std::size_t>(e)];
}

Workload workload_from_json(const nlohmann::json& j) {
  if (!j.is_object()) {
    fail("not a JSON object");
  }
  check_known_keys(j,
                   {"name", "description", "seed", "accounts", "initial_balance", "currency", "mix",
                    "keys", "amounts", "batch_size", "list_limit", "mode", "rate", "arrival",
                    "duration_s", "warmup_s", "connections", "$comment"},
                   "");
  Workload w;
  read(j, "name", w.name);
  read(j, "description", w.description);
  read(j, "seed", w.seed);
  read(j, "accounts", w.accounts);
  read(j, "initial_balance", w.initial_balance);
  read(j, "currency", w.currency);
  if (j.contains("mix")) {
    const auto& mix = j.at("mix");
    if (!mix.is_object()) {
      fail("'mix' must be an object of endpoint weights");
    }
    for (const auto& [key, value] : mix.items()) {
      std::size_t i = 0;
      while (i < kEndpointCount && kEndpointNames[i] != key) {
        ++i;
      }
      if (i == kEndpointCount) {
        fail("unknown endpoint '" + key + "' in 'mix'");
      }
      if (!value.is_number()) {
        fail("weight of '" + key + "' must be a number");
      }
      w.mix[i] = value.get<double>();
    }
  }
  if (j.contains("keys")) {
    const auto& keys = j.at("keys");
    check_known_keys(keys, {"distribution", "s"}, "keys.");
    std::string distribution = "uniform";
    read(keys, "distribution", distribution);
    if (distribution == "uniform") {
      w.keys = KeyDistribution::uniform;
    } else if (distribution == "zipf") {
      w.keys = KeyDistribution::zipf;
    } else {
      fail(R"('keys.distribution' must be "uniform" or "zipf")");
    }
    read(keys, "s", w.zipf_s);
  }
  if (j.contains("amounts")) {
    const auto& amounts = j.at("amounts");
    check_known_keys(amounts, {"deposit", "transfer"}, "amounts.");
    read_range(amounts, "deposit", w.deposit_min, w.deposit_max);
    read_range(amounts, "transfer", w.transfer_min, w.transfer_max);
  }
  read(j, "batch_size", w.batch_size);
  read(j, "list_limit", w.list_limit);
  std::string mode = w.mode == LoopMode::open ? "open" : "closed";
  read(j, "mode", mode);
  if (mode != "open" && mode != "closed") {
    fail(R"('mode' must be "closed" or "open")");
  }
  w.mode = mode == "open" ? LoopMode::open : LoopMode::closed;
  read(j, "rate", w.rate);
  std::string arrival = w.arrival == Arrival::poisson ? "poisson" : "constant";
  read(j, "arrival", arrival);
  if (arrival != "constant" && arrival != "poisson") {
    fail(R"('arrival' must be "constant" or "poisson")");
  }
  w.arrival = arrival == "poisson" ? Arrival::poisson : Arrival::constant;
  read(j, "duration_s", w.duration_s);
  read(j, "warmup_s", w.warmup_s);
  read(j, "connections", w.connections);
  return w;
}

Workload load_workload_file(const std::string& path) {
  std::ifstream in(path);
  if (!in) {
    throw std::runtime_error("workload: cannot open '" + path + "'");
  }
  nlohmann::json j;
  try {
    j = nlohmann::json::parse(in, nullptr, true, /*ignore_comments=*/true);
  } catch (const nlohmann::json::parse_error& e) {
    throw std::runtime_error("workload: '" + path + "' is not valid JSON: " + e.what());
  }
  try {
    return workload_from_json(j);
  } catch (const std::runtime_error& e) {
    throw std::runtime_error(std::string(e.what()) + " (in " + path + ")");
  }
}

nlohmann::json to_json(const Workload& w) {
  nlohmann::json mix = nlohmann::json::object();
  for (std::size_t i = 0; i < kEndpointCount; ++i) {
    if (w.mix[i] > 0) {
      mix[std::string(kEndpointNames[i])] = w.mix[i];
    }
  }
  nlohmann::json keys = {{"distribution", w.keys == KeyDistribution::zipf ? "zipf" : "uniform"}};
  if (w.keys == KeyDistribution::zipf) {
    keys["s"] = w.zipf_s;
  }
  return {
      {"name", w.name},
      {"description", w.description},
      {"seed", w.seed},
      {"accounts", w.accounts},
      {"initial_balance", w.initial_balance},
      {"currency", w.currency},
      {"mix", mix},
      {"keys", keys},
      {"amounts",
       {{"deposit", {w.deposit_min, w.deposit_max}},
        {"transfer", {w.transfer_min, w.transfer_max}}}},
      {"batch_size", w.batch_size},
      {"list_limit", w.list_limit},
      {"mode", w.mode == LoopMode::open ? "open" : "closed"},
      {"rate", w.rate},
      {"arrival", w.arrival == Arrival::poisson ? "poisson" : "constant"},
      {"duration_s", w.duration_s},
      {"warmup_s", w.warmup_s},
      {"connections", w.connections},
  };
}

bool needs_accounts(const Workload& w) noexcept {
  for (std::size_t i = 0; i < kEndpointCount; ++i) {
    if (w.mix[i] > 0 && static_cast<Endpoint>(i) != Endpoint::health) {
      return true;
    }
  }
  return false;
}

void validate(const Workload& w) {
  double total_weight = 0;
  for (double weight : w.mix) {
    if (weight < 0) {
      fail("mix weights must be >= 0");
    }
    total_weight += weight;
  }
  if (total_weight <= 0) {
    fail("'mix' gives no endpoint a positive weight");
  }
  const bool transfers = w.mix[static_cast<std::size_t>(Endpoint::transfer)] > 0 ||
                         w.mix[static_cast<std::size_t>(Endpoint::transfer_batch)] > 0;
  if (needs_accounts(w) && (w.accounts < 1 || w.accounts > 1'000'000)) {
    fail("'accounts' must be in [1, 1000000]");
  }
  if (transfers && w.accounts < 2) {
    fail("transfers need at least 2 accounts");
  }
  if (w.initial_balance < 0 || w.initial_balance > 1'000'000'000'000) {
    fail("'initial_balance' must be in [0, 10^12]");
  }
  if (w.currency.size() != 3) {
    fail("'currency' must be three uppercase letters");
  }
  for (char c : w.currency) {
    if (c < 'A' || c > 'Z') {
      fail("'currency' must be three uppercase letters");
    }
  }
  if (w.deposit_min < 1 || w.deposit_max < w.deposit_min || w.deposit_max > 1'000'000'000'000 ||
      w.transfer_min < 1 || w.transfer_max < w.transfer_min || w.transfer_max > 1'000'000'000'000) {
    fail("amount ranges must satisfy 1 <= min <= max <= 10^12");
  }
  if (w.batch_size < 1 || w.batch_size > 10'000) {
    fail("'batch_size' must be in [1, 10000]");
  }
  if (w.list_limit < 1 || w.list_limit > 1000) {
    fail("'list_limit' must be in [1, 1000]");
  }
  if (w.keys == KeyDistribution::zipf && (!(w.zipf_s > 0) || w.zipf_s > 10)) {
    fail("'keys.s' must be in (0, 10]");
  }
  if (w.mode == LoopMode::open && (!(w.rate > 0) || w.rate > 10'000'000)) {
    fail("open loop needs 'rate' in (0, 10^7] requests per second");
  }
  if (!(w.duration_s > 0) || w.duration_s > 3600) {
    fail("'duration_s' must be in (0, 3600]");
  }
  if (!(w.warmup_s >= 0) || w.warmup_s > 600) {
    fail("'warmup_s' must be in [0, 600]");
  }
  if (w.connections < 1 || w.connections > 10'000) {
    fail("'connections' must be in [1, 10000]");
  }
}

}  // namespace archbench::loadgen

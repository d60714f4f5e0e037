// Request bodies are written by hand, field by field, into reused strings: at 80k requests per
// second a JSON library building a DOM per request would cost more than the server's work.
#include "loadgen/request_generator.hpp"

#include <stdexcept>

#include "loadgen/http_request.hpp"

namespace archbench::loadgen {
namespace {

KeySampler make_sampler(const Workload& w, std::size_t accounts) {
  const std::size_t n = accounts == 0 ? 1 : accounts;  // /health-only workloads have none
  return w.keys == KeyDistribution::zipf ? KeySampler::zipf(n, w.zipf_s) : KeySampler::uniform(n);
}

}  // namespace

RequestPlan::RequestPlan(Workload w, std::vector<std::string> ids, std::string host,
                         std::string tag)
    : workload(std::move(w)),
      account_ids(std::move(ids)),
      host_header(std::move(host)),
      run_tag(std::move(tag)),
      keys(make_sampler(workload, account_ids.size())) {
  double running = 0;
  for (std::size_t i = 0; i < kEndpointCount; ++i) {
    running += workload.mix[i];
    cumulative_mix[i] = running;
  }
  if (needs_accounts(workload) && account_ids.empty()) {
    throw std::invalid_argument("request plan: the workload needs accounts");
  }
}

RequestGenerator::RequestGenerator(const RequestPlan& plan, std::uint64_t stream)
    : plan_(&plan), rng_(plan.workload.seed, stream), stream_(stream) {
  target_.reserve(128);
  body_.reserve(256);
}

Endpoint RequestGenerator::pick_endpoint() {
  const double u = rng_.unit() * plan_->cumulative_mix.back();
  for (std::size_t i = 0; i < kEndpointCount; ++i) {
    if (u < plan_->cumulative_mix[i]) {
      return static_cast<Endpoint>(i);
    }
  }
  // u == total only through rounding: the last endpoint with a weight.
  for (std::size_t i = kEndpointCount; i-- > 0;) {
    if (plan_->workload.mix[i] > 0) {
      return static_cast<Endpoint>(i);
    }
  }
  return Endpoint::health;
}

std::size_t RequestGenerator::pick_account() { return plan_->keys.sample(rng_); }

void RequestGenerator::pick_two_accounts(std::size_t& from, std::size_t& to) {
  const std::size_t a = plan_->keys.sample(rng_);
  std::size_t b = plan_->keys.sample(rng_);
  // Redraw a transfer to itself (refused by the API): with Zipf the hottest key pairs with itself
  // now and then, so redrawing keeps the skew; a run of bad luck falls back to a neighbour.
  for (int tries = 0; b == a && tries < 16; ++tries) {
    b = plan_->keys.sample(rng_);
  }
  if (b == a) {
    b = (a + 1) % plan_->account_ids.size();
  }
  from = a;
  to = b;
}

void RequestGenerator::append_request_id(std::string& out, std::int64_t item) {
  out.append(plan_->run_tag).push_back('-');
  append_int(out, static_cast<std::int64_t>(stream_));
  out.push_back('-');
  append_int(out, sequence_);
  if (item >= 0) {
    out.push_back('-');
    append_int(out, item);
  }
}

TransferItem RequestGenerator::append_transfer_body(std::string& out, std::int64_t item) {
  TransferItem transfer;
  pick_two_accounts(transfer.from, transfer.to);
  const Workload& w = plan_->workload;
  out.append(R"({"from":")").append(plan_->account_ids[transfer.from]);
  out.append(R"(","to":")").append(plan_->account_ids[transfer.to]);
  out.append(R"(","amount":)");
  transfer.amount = rng_.between(w.transfer_min, w.transfer_max);
  append_int(out, transfer.amount);
  out.append(R"(,"currency":")").append(w.currency).append(R"(","request_id":")");
  append_request_id(out, item);
  out.append("\"}");
  return transfer;
}

void RequestGenerator::next(std::string& out, GeneratedRequest& request) {
  out.clear();
  ++sequence_;
  const Workload& w = plan_->workload;
  const std::string& host = plan_->host_header;
  request.endpoint = pick_endpoint();
  request.deposit_amount = 0;
  request.transfers.clear();
  switch (request.endpoint) {
    case Endpoint::get_account:
      target_.assign("/accounts/").append(plan_->account_ids[pick_account()]);
      append_get(out, target_, host);
      break;
    case Endpoint::list_transactions:
      target_.assign("/accounts/").append(plan_->account_ids[pick_account()]);
      target_.append("/transactions?limit=");
      append_int(target_, w.list_limit);
      append_get(out, target_, host);
      break;
    case Endpoint::deposit:
      request.account = pick_account();
      target_.assign("/accounts/").append(plan_->account_ids[request.account]).append("/deposits");
      request.deposit_amount = rng_.between(w.deposit_min, w.deposit_max);
      body_.assign(R"({"amount":)");
      append_int(body_, request.deposit_amount);
      body_.append(R"(,"request_id":")");
      append_request_id(body_, -1);
      body_.append("\"}");
      append_post(out, target_, host, body_);
      break;
    case Endpoint::transfer:
      body_.clear();
      request.transfers.push_back(append_transfer_body(body_, -1));
      append_post(out, "/transfers", host, body_);
      break;
    case Endpoint::transfer_batch:
      body_.assign(R"({"transfers":[)");
      for (std::int64_t i = 0; i < w.batch_size; ++i) {
        if (i > 0) {
          body_.push_back(',');
        }
        request.transfers.push_back(append_transfer_body(body_, i));
      }
      body_.append("]}");
      append_post(out, "/transfers/batch", host, body_);
      break;
    case Endpoint::health:
      append_get(out, "/health", host);
      break;
  }
}

}  // namespace archbench::loadgen

// Copyright 2026 The gwc Authors.
//
// The policy benchmark's program (ci/bench.sh --only policy), never shipped.
// Times the VM (Router::RunPolicies) on the canonical program of issue 4:
// CORS, key-auth, a per-consumer rate limit and a request header, on
// requests from 64 clients among 1000 consumers; next to a hand-written
// C++ evaluation of the same policies: the floor that decides only (clear
// keys and counters in hash maps; what the VM's run does), and the one that
// also builds the headers the decision carries. And JWT: a repeated HS256 token (cache hit) and fresh tokens
// (cache miss). Prints one JSON object of medians over --runs runs.

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <string>
#include <unordered_map>
#include <vector>

#include "compiler/emit/artifact_writer.h"
#include "compiler/emit/route_table.h"
#include "compiler/model/secret.h"
#include "compiler/testing/jwt_tokens.h"
#include "compiler/testing/route_gen.h"
#include "gwrt/artifact.h"
#include "gwrt/router.h"

namespace gwc {
namespace {

using Clock = std::chrono::steady_clock;
constexpr int kConsumers = 1000, kClients = 64;
constexpr int64_t kNow = 1767225600;
const char* const kOrigin = "https://app.example";

std::string Key(int i) { return "key-" + std::to_string(i * 7919) + "-bench"; }

ir::Program Canonical() {
  ir::Policies p;
  ir::Cors& cors = p.cors.emplace();
  cors.allow_origins = {kOrigin};
  cors.allow_methods = {"GET", "POST"};
  cors.preflight_status = 200;
  ir::Authentication a;
  a.header_names = {"apikey"};
  std::vector<ir::Consumer> consumers;
  for (int i = 0; i < kConsumers; ++i) {
    a.credentials.push_back({KeyDigest(Key(i)), static_cast<uint32_t>(i)});
    consumers.push_back({"consumer-" + std::to_string(i), "", {}});
  }
  p.authentication.push_back(std::move(a));
  ir::Limit limit{1000000000000ull, 60, ir::Limit::kConsumer, "", "", {}, true, ir::Limit::kKongHeaders, 429};
  p.rate_limits.push_back({{limit}, std::nullopt});
  p.edits.push_back({ir::TransformEdit::kRequestHeader, ir::TransformEdit::kSet, "x-gateway", "gwrt"});
  return PolicyRoute(std::move(p), std::move(consumers));
}

std::vector<gwrt::Request> Requests() {
  std::vector<gwrt::Request> out;
  for (int c = 0; c < kClients; ++c) {
    gwrt::Request r;
    r.host = "api.example";
    r.path = "/orders";
    r.client_ip = "192.0.2." + std::to_string(c + 1);
    r.headers = {{"origin", kOrigin}, {"apikey", Key(c * 13 % kConsumers)}, {"accept", "*/*"}};
    out.push_back(std::move(r));
  }
  return out;
}

// The same policies written by hand: what the VM is measured against.
class Floor {
 public:
  Floor() {
    for (int i = 0; i < kConsumers; ++i) keys_.emplace(Key(i), "consumer-" + std::to_string(i));
  }
  // The verdict only: origin allowed, consumer, counted (headers are built
  // later, as for the VM).
  int Decide(const gwrt::Request& r) {
    const std::string* origin = Find(r.headers, "origin");
    cors_answers_ += origin && *origin == kOrigin;  // kept, so the comparison is not optimized away
    const std::string* key = Find(r.headers, "apikey");
    auto who = key ? keys_.find(*key) : keys_.end();
    if (who == keys_.end()) return 401;
    int64_t window = kNow - kNow % 60;
    uint64_t& used = lean_counters_[std::hash<std::string>()(who->second) ^ static_cast<uint64_t>(window)];
    if (used >= 1000000000000ull) return 429;
    ++used;
    return 0;
  }

  int Evaluate(const gwrt::Request& r, gwrt::Headers* upstream, gwrt::Headers* response) {
    const std::string* origin = Find(r.headers, "origin");
    if (origin && *origin == kOrigin) response->emplace_back("access-control-allow-origin", *origin);
    const std::string* key = Find(r.headers, "apikey");
    auto who = key ? keys_.find(*key) : keys_.end();
    if (who == keys_.end()) return 401;
    int64_t window = kNow - kNow % 60;
    uint64_t& used = counters_[who->second + "/" + std::to_string(window)];
    if (used >= 1000000000000ull) return 429;
    ++used;
    std::string remaining = std::to_string(1000000000000ull - used);
    response->emplace_back("x-ratelimit-limit-minute", "1000000000000");
    response->emplace_back("x-ratelimit-remaining-minute", remaining);
    response->emplace_back("ratelimit-limit", "1000000000000");
    response->emplace_back("ratelimit-remaining", remaining);
    response->emplace_back("ratelimit-reset", std::to_string(window + 60 - kNow));
    *upstream = r.headers;
    upstream->emplace_back("x-consumer-username", who->second);
    upstream->emplace_back("x-gateway", "gwrt");
    return 0;
  }

 private:
  static const std::string* Find(const gwrt::Headers& h, std::string_view name) {
    for (const auto& [n, v] : h) {
      if (n == name) return &v;
    }
    return nullptr;
  }
  std::unordered_map<std::string, std::string> keys_;
  std::unordered_map<std::string, uint64_t> counters_;
  std::unordered_map<uint64_t, uint64_t> lean_counters_;
  uint64_t cors_answers_ = 0;
};

template <typename F>
double NsPerCall(int calls, F f) {
  auto start = Clock::now();
  for (int i = 0; i < calls; ++i) f(i);
  return std::chrono::duration<double, std::nano>(Clock::now() - start).count() / calls;
}

ir::Program JwtProgram(const std::string& secret) {
  ir::Policies p;
  ir::JwtProvider j;
  j.header_names = {"authorization"};
  j.keys.push_back({ir::JwtKey::kHs256, secret, "", std::nullopt});
  j.subject_consumer = true;
  p.jwt.push_back(std::move(j));
  return PolicyRoute(std::move(p), {});
}

struct Table {
  explicit Table(const ir::Program& program) {
    ArtifactWriter w;
    EmitRouteTable(program, &w);
    bytes = w.Finish();
    gwrt::VerifyError error;
    artifact = gwrt::Artifact::FromBytes(bytes, &error);
    router = gwrt::Router::Create(*artifact, &error);
  }
  std::string bytes;
  std::unique_ptr<gwrt::Artifact> artifact;
  std::unique_ptr<gwrt::Router> router;
};

double Median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  return v[v.size() / 2];
}

int Run(int runs) {
  Table canonical(Canonical());
  std::vector<gwrt::Request> requests = Requests();
  gwrt::PolicyState state;
  state.PinClock(kNow);
  Floor floor;
  const int calls = 200000;
  std::vector<double> vm, lean, hand, cached, fresh;
  int bad = 0;
  for (int run = 0; run < runs; ++run) {
    vm.push_back(NsPerCall(calls, [&](int i) {
      bad += canonical.router->RunPolicies(0, requests[i % kClients], &state).status != 0;
    }));
    lean.push_back(NsPerCall(calls, [&](int i) { bad += floor.Decide(requests[i % kClients]) != 0; }));
    hand.push_back(NsPerCall(calls, [&](int i) {
      gwrt::Headers upstream, response;
      bad += floor.Evaluate(requests[i % kClients], &upstream, &response) != 0;
    }));
  }
  const std::string secret = "bench-secret-0123456789abcdef";
  Table jwt(JwtProgram(secret));
  gwrt::Request token_req;
  token_req.headers = {{"authorization", "Bearer " + Hs256Token(R"({"sub":"alice","exp":2082758400})", secret)}};
  const int fresh_tokens = 20000;
  std::vector<gwrt::Request> fresh_reqs(fresh_tokens);
  for (int i = 0; i < fresh_tokens; ++i) {
    std::string payload = R"({"sub":"u)" + std::to_string(i) + R"(","exp":2082758400,"jti":")" + std::to_string(i) + "\"}";
    fresh_reqs[i].headers = {{"authorization", "Bearer " + Hs256Token(payload, secret)}};
  }
  for (int run = 0; run < runs; ++run) {
    cached.push_back(NsPerCall(calls, [&](int) { bad += jwt.router->RunPolicies(0, token_req, &state).status != 0; }));
    // Each fresh token once per run; 64 cache slots hold few of 20000.
    fresh.push_back(NsPerCall(fresh_tokens, [&](int i) {
      bad += jwt.router->RunPolicies(0, fresh_reqs[i], &state).status != 0;
    }) / 1000);
  }
  if (bad) {
    std::fprintf(stderr, "bench_policy: %d requests were refused\n", bad);
    return 1;
  }
  std::printf(
      "{\"vm_ns\":%.1f,\"floor_ns\":%.1f,\"floor_with_headers_ns\":%.1f,\"jwt_cached_ns\":%.1f,"
      "\"jwt_uncached_us\":%.3f}\n",
      Median(vm), Median(lean), Median(hand), Median(cached), Median(fresh));
  return 0;
}

}  // namespace
}  // namespace gwc

int main(int argc, char** argv) {
  int runs = 5;
  for (int i = 1; i + 1 < argc; ++i) {
    if (std::string(argv[i]) == "--runs") runs = std::max(1, std::atoi(argv[i + 1]));
  }
  return gwc::Run(runs);
}

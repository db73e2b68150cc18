// Copyright 2026 The gwc Authors.
//
// The compiled route table against the reference matcher on generated
// route sets and requests: every request must pick the same rule match.
// Tagged [.differential] (run by its own ctest entry); the number of
// requests comes from GWC_DIFF_REQUESTS (default 1,000,000, spread over
// route sets of 10 to 10,000 routes).

#include <catch2/catch.hpp>

#include <cstdlib>
#include <string>

#include "compiler/emit/artifact_writer.h"
#include "compiler/emit/route_table.h"
#include "compiler/ir/first_match.h"
#include "compiler/testing/reference_matcher.h"
#include "compiler/testing/route_gen.h"
#include "gwrt/artifact.h"
#include "gwrt/router.h"

namespace gwc {
namespace {

// Match record ids in the order the emitter numbers them.
std::vector<std::vector<std::vector<uint32_t>>> MatchIds(const ir::Program& p) {
  std::vector<std::vector<std::vector<uint32_t>>> ids;
  uint32_t next = 0;
  for (const ir::Route& r : p.routes) {
    ids.emplace_back();
    for (const ir::Rule& rule : r.rules) {
      ids.back().emplace_back();
      for (size_t m = 0; m < rule.matches.size(); ++m) ids.back().back().push_back(next++);
    }
  }
  return ids;
}

std::string Show(const ReferenceRequest& r) {
  std::string s = r.method + " " + r.host + ":" + std::to_string(r.port) + r.path;
  for (const auto& [k, v] : r.headers) s += " [" + k + ": " + v + "]";
  return s;
}

// Returns the number of disagreements; `matched` receives how many
// requests some rule matched (so the comparison is not all misses).
// kFirstMatch: every route is a first-match route (every other prefix a
// string prefix): the reference reads them in order, the table gets them
// ranked by RankFirstMatchRoutes. kAliasHosts: every route for an exact
// host also names "alias-" + host, and half the requests go to the alias
// (two hosts with the same routes share their path tables: the runtime's
// host-and-path index holds them for one host only).
enum class Variant { kPlain, kFirstMatch, kAliasHosts };

size_t Disagreements(size_t routes, size_t requests, uint64_t seed, size_t* matched,
                     Variant variant = Variant::kPlain) {
  ir::Program program = GenerateRoutes(routes, seed);
  if (variant == Variant::kAliasHosts) {
    for (ir::Attachment& a : program.gateways.front().listeners.front().routes) {
      if (!a.hostnames.empty() && a.hostnames.front()[0] != '*') a.hostnames.push_back("alias-" + a.hostnames.front());
    }
  }
  ir::Program table = program;
  if (variant == Variant::kFirstMatch) {
    size_t n = 0;
    for (ir::Route& route : program.routes) {
      route.first_match = true;
      for (ir::Rule& rule : route.rules) {
        for (ir::Match& m : rule.matches) m.string_prefix = m.path_kind == PathKind::kPrefix && n++ % 2 == 0;
      }
    }
    table = program;
    RankFirstMatchRoutes(&table);
  }
  ArtifactWriter writer;
  EmitRouteTable(table, &writer);
  std::string bytes = writer.Finish();
  gwrt::VerifyError error;
  auto artifact = gwrt::Artifact::FromBytes(bytes, &error);
  REQUIRE(artifact);
  auto router = gwrt::Router::Create(*artifact, &error);
  INFO(error.ToString());
  REQUIRE(router);
  auto ids = MatchIds(program);
  RequestGenerator gen(program, seed + 1);
  size_t bad = 0;
  for (size_t i = 0; i < requests; ++i) {
    ReferenceRequest req = gen.Next(i % 2 == 1);
    if (variant == Variant::kAliasHosts && i % 4 < 2) req.host = "alias-" + req.host;
    ReferenceMatch want = ReferenceFind(program, req);
    uint32_t listener;
    uint32_t got = router->Find(ToRuntimeRequest(req), &listener);
    uint32_t want_id = want.found ? ids[want.route][want.rule][want.match] : gwb::kNone;
    *matched += want.found;
    if (got != want_id && ++bad <= 5) {
      UNSCOPED_INFO(Show(req) << ": table " << got << ", reference " << want_id);
    }
  }
  return bad;
}

TEST_CASE("compiled table and reference matcher agree", "[.differential]") {
  const char* env = std::getenv("GWC_DIFF_REQUESTS");
  size_t total = env ? std::strtoull(env, nullptr, 10) : 1'000'000;
  // (routes, share of the requests): the reference is linear, so the
  // biggest set gets the fewest requests.
  for (auto [routes, share] : {std::pair<size_t, double>{10, 0.3}, {100, 0.3}, {1000, 0.3}, {10000, 0.1}}) {
    size_t n = static_cast<size_t>(static_cast<double>(total) * share);
    CAPTURE(routes, n);
    size_t matched = 0;
    CHECK(Disagreements(routes, n, 42 + routes, &matched) == 0);
    CHECK(matched > n / 2);
    CHECK(matched < n);
  }
}

TEST_CASE("first-match routes: ranked table and in-order reference agree", "[.differential]") {
  const char* env = std::getenv("GWC_DIFF_REQUESTS");
  size_t total = (env ? std::strtoull(env, nullptr, 10) : 1'000'000) / 4;
  for (auto [routes, share] : {std::pair<size_t, double>{10, 0.4}, {100, 0.4}, {1000, 0.2}}) {
    size_t n = static_cast<size_t>(static_cast<double>(total) * share);
    CAPTURE(routes, n);
    size_t matched = 0;
    CHECK(Disagreements(routes, n, 7 + routes, &matched, Variant::kFirstMatch) == 0);
    CHECK(matched > n / 2);
  }
}

TEST_CASE("hosts that share their routes: table and reference agree", "[.differential]") {
  const char* env = std::getenv("GWC_DIFF_REQUESTS");
  size_t total = (env ? std::strtoull(env, nullptr, 10) : 1'000'000) / 10;
  for (auto [routes, share] : {std::pair<size_t, double>{100, 0.5}, {2000, 0.5}}) {
    size_t n = static_cast<size_t>(static_cast<double>(total) * share);
    CAPTURE(routes, n);
    size_t matched = 0;
    CHECK(Disagreements(routes, n, 11 + routes, &matched, Variant::kAliasHosts) == 0);
    CHECK(matched > n / 2);
  }
}

TEST_CASE("generated route sets are deterministic", "[differential]") {
  ArtifactWriter a, b;
  EmitRouteTable(GenerateRoutes(500, 7), &a);
  EmitRouteTable(GenerateRoutes(500, 7), &b);
  CHECK(a.Finish() == b.Finish());
}

}  // namespace
}  // namespace gwc

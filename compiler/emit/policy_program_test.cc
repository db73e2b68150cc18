// Copyright 2026 The gwc Authors.
//
// Policy programs end to end (IR -> assembler -> verifier -> VM), and the
// bytecode verifier as the guard of untrusted programs: hand-made programs
// that break one rule each are rejected with the field named, and every
// changed byte of the policy sections (checksums repaired) is rejected or
// gives a runtime that still answers (run under ASan by `ci/dev.sh asan`).

#include <catch2/catch.hpp>

#include <cstring>
#include <string>
#include <vector>

#include "compiler/emit/artifact_writer.h"
#include "compiler/emit/route_table.h"
#include "compiler/model/secret.h"
#include "compiler/testing/jwt_tokens.h"
#include "compiler/testing/route_gen.h"
#include "gwrt/artifact.h"
#include "gwrt/jwks.h"
#include "gwrt/router.h"

namespace gwc {
namespace {

// Consumers alice (group gold) and bob, API keys "a-key" and "b-key", a
// limit of 2 a minute for alice and 1 for everyone else, a CORS policy,
// an address allow list, a body limit and a request header edit.
ir::Program Sample() {
  ir::Policies p;
  p.ip_allow = {"192.0.2.0/24", "2001:db8::/32"};
  ir::Cors& cors = p.cors.emplace();
  cors.allow_origins = {"https://app.example"};
  cors.allow_methods = {"GET"};
  cors.preflight_status = 200;
  ir::Authentication key;
  key.header_names = {"apikey"};
  key.credentials = {{KeyDigest("a-key"), 0}, {KeyDigest("b-key"), 1}};
  key.consumer_headers = true;
  p.authentication.push_back(key);
  ir::Limit alice{2, 60, ir::Limit::kConsumer, "", "", {}, false, ir::Limit::kKongHeaders, 429};
  ir::Limit others{1, 60, ir::Limit::kConsumer, "", "", {}, false, ir::Limit::kKongHeaders, 429};
  p.rate_limits.push_back({{alice}, 0u});
  p.rate_limits.push_back({{others}, std::nullopt});
  p.body_limit = 100;
  p.edits.push_back({ir::TransformEdit::kRequestHeader, ir::TransformEdit::kSet, "x-policy", "ran"});
  return PolicyRoute(std::move(p), {{"alice", "", {"gold"}}, {"bob", "", {}}});
}

std::string Compile(const ir::Program& program) {
  ArtifactWriter w;
  EmitRouteTable(program, &w);
  return w.Finish();
}

// A table verified in place: it owns its bytes, which the Artifact views.
struct Runtime {
  explicit Runtime(std::string file, const gwrt::RemoteJwks& jwks = {}) : bytes(std::move(file)) {
    artifact = gwrt::Artifact::FromBytes(bytes, &error);
    if (artifact) router = gwrt::Router::Create(*artifact, jwks, &error);
  }
  std::string bytes;
  gwrt::VerifyError error;
  std::unique_ptr<gwrt::Artifact> artifact;
  std::unique_ptr<gwrt::Router> router;
};

gwrt::Request Req(std::string key, std::string ip = "192.0.2.7") {
  gwrt::Request r;
  r.host = "x.test";
  r.path = "/a";
  r.client_ip = std::move(ip);
  if (!key.empty()) r.headers.emplace_back("apikey", std::move(key));
  return r;
}

TEST_CASE("policy program: phases in order, consumer branches, limits and answers") {
  Runtime rt(Compile(Sample()));
  REQUIRE(rt.router);
  gwrt::PolicyState state;
  state.PinClock(1767225600);

  gwrt::Decision d = rt.router->Decide(Req("", "198.51.100.1"), &state);
  CHECK(d.status == 403);  // the address filter runs before authentication
  CHECK(d.denied == "ip-denied");
  d = rt.router->Decide(Req(""), &state);
  CHECK(d.status == 401);
  CHECK(d.denied == "key-missing");
  d = rt.router->Decide(Req("wrong"), &state);
  CHECK(d.denied == "key-invalid");

  // bob: the general limit (1); the request edit after the branch still runs.
  d = rt.router->Decide(Req("b-key"), &state);
  CHECK(d.status == 200);
  CHECK(d.consumer == "bob");
  bool edited = false, named = false;
  for (const auto& [n, v] : d.request_headers) {
    edited |= n == "x-policy" && v == "ran";
    named |= n == "x-consumer-username" && v == "bob";
  }
  CHECK(edited);
  CHECK(named);
  d = rt.router->Decide(Req("b-key"), &state);
  CHECK(d.status == 429);
  CHECK(d.rate_limited);

  // alice: her own limit of 2, counted apart from bob's.
  CHECK(rt.router->Decide(Req("a-key"), &state).status == 200);
  CHECK(rt.router->Decide(Req("a-key"), &state).status == 200);
  d = rt.router->Decide(Req("a-key"), &state);
  CHECK(d.status == 429);
  bool retry_after = false;
  for (const auto& [n, v] : d.response_headers) retry_after |= n == "retry-after" && v == "60";
  CHECK(retry_after);
  state.Advance(60);  // the next window
  CHECK(rt.router->Decide(Req("a-key"), &state).status == 200);

  // A CORS preflight is answered before authentication.
  gwrt::Request pre = Req("");
  pre.method = "OPTIONS";
  pre.headers = {{"origin", "https://app.example"}, {"access-control-request-method", "GET"}};
  d = rt.router->Decide(pre, &state);
  CHECK(d.status == 200);
  CHECK_FALSE(d.upstream);

  gwrt::Request big = Req("a-key");
  big.body_bytes = 101;
  CHECK(rt.router->Decide(big, &state).denied == "body-too-large");
}

TEST_CASE("policy program: IPv6 clients and IPv4-mapped addresses") {
  Runtime rt(Compile(Sample()));
  REQUIRE(rt.router);
  gwrt::PolicyState state;
  CHECK(rt.router->Decide(Req("a-key", "2001:db8::5"), &state).status == 200);
  CHECK(rt.router->Decide(Req("b-key", "::ffff:192.0.2.9"), &state).status == 200);
  CHECK(rt.router->Decide(Req("a-key", "2001:db9::5"), &state).status == 403);
  CHECK(rt.router->Decide(Req("a-key", "not an address"), &state).status == 403);
}

// The sample's table with its program replaced by `code`.
std::string WithProgram(const std::vector<gwb::Instruction>& code) {
  ArtifactWriter w;
  EmitRouteTable(Sample(), &w);
  w.SetRecords(gwb::SectionId::kInstructions, code);
  w.SetRecords(gwb::SectionId::kPrograms, std::vector<gwb::ProgramRecord>{{{0, static_cast<uint32_t>(code.size())}}});
  return w.Finish();
}

TEST_CASE("policy program: a remote JWKS provider verifies with the key set given for its URL") {
  const std::string url = "https://idp.example/.well-known/jwks.json";
  ir::JwtProvider jwt;
  jwt.header_names = {"authorization"};
  jwt.subject_consumer = true;
  jwt.keys = {{ir::JwtKey::kRemoteJwks, url, "", {}}};
  ir::Policies p;
  p.jwt.push_back(jwt);
  std::string table = Compile(PolicyRoute(std::move(p), {}));
  std::string payload = R"({"sub":"alice","exp":2082758400})";
  gwrt::Request req = Req("");
  req.headers.emplace_back("authorization", "Bearer " + Hs256Token(payload, "second-secret", "r2"));
  gwrt::PolicyState state;
  state.PinClock(1767225600);

  Runtime without(table);
  REQUIRE(without.router);
  CHECK(without.router->MissingJwks() == std::vector<std::string>{url});
  gwrt::Decision d = without.router->Decide(req, &state);
  CHECK(d.status == 401);
  CHECK(d.denied == "jwt-unknown-key");

  // Two keys in the set: the token's kid picks the second.
  std::vector<std::string> problems;
  auto keys = gwrt::ReadJwks(R"({"keys":[{"kty":"oct","kid":"r1","k":")" + Base64Url("first-secret") +
                                 R"("},{"kty":"oct","kid":"r2","alg":"HS256","k":")" + Base64Url("second-secret") +
                                 R"("},{"kty":"RSA","kid":"r3","alg":"ES256","n":"AQAB","e":"AQAB"}]})",
                             &problems);
  REQUIRE(keys);
  CHECK(keys->size() == 2);
  CHECK(problems.size() == 1);  // an RSA key for ES256 cannot be read
  Runtime with(table, gwrt::RemoteJwks{{url, *keys}});
  REQUIRE(with.router);
  CHECK(with.router->MissingJwks().empty());
  d = with.router->Decide(req, &state);
  CHECK(d.status == 200);
  CHECK(d.consumer == "alice");
  req.headers.back().second = "Bearer " + Hs256Token(payload, "second-secret", "r1");
  d = with.router->Decide(req, &state);
  CHECK(d.denied == "jwt-bad-signature");
  req.headers.back().second = "Bearer " + Hs256Token(payload, "second-secret", "r9");
  CHECK(with.router->Decide(req, &state).denied == "jwt-unknown-key");
  // Another URL's set does not stand in for this one.
  Runtime other(table, gwrt::RemoteJwks{{url + "?v=2", *keys}});
  REQUIRE(other.router);
  CHECK(other.router->MissingJwks() == std::vector<std::string>{url});
}

TEST_CASE("bytecode verifier: each broken rule is rejected with its field") {
  using O = gwb::Opcode;
  struct Case {
    const char* what;
    std::vector<gwb::Instruction> code;
    const char* field;
  };
  const std::vector<Case> cases = {
      {"unknown opcode", {{static_cast<O>(200), 0, 0, 0}}, "op"},
      {"phase goes backwards", {{O::kRateLimit, 0, 1, 0}, {O::kKeyAuth, 0, 0, 0}}, "op"},
      {"skip past the end", {{O::kSkip, 0, 2, 0}, {O::kKeyAuth, 0, 0, 0}}, "x"},
      {"skip of zero", {{O::kSkip, 0, 0, 0}, {O::kKeyAuth, 0, 0, 0}}, "x"},
      {"auth config out of range", {{O::kKeyAuth, 0, 0, 99}}, "y"},
      {"limiter list out of range", {{O::kRateLimit, 0, 5, 0}}, "y"},
      {"reserved operand set", {{O::kKeyAuth, 0, 7, 0}}, "x"},
      {"unknown flag", {{O::kKeyAuth, 0x80, 0, 0}}, "flags"},
      {"a CORS op naming non-CORS records", {{O::kCors, 0, 1, 100000}}, "y"},
      {"consumer out of range", {{O::kSkipUnlessConsumer, 0, 1, 9}, {O::kKeyAuth, 0, 0, 0}}, "y"},
      {"JWT providers outside the table", {{O::kJwtAny, 0, 2, 0}}, "y"},
      {"JWT alternatives of none", {{O::kJwtAny, 0, 0, 0}}, "x"},
      {"unknown JWT flag", {{O::kJwt, 0x02, 0, 0}}, "flags"},
      // The sample's Filters: five CORS records, then the request edit (5).
      {"more deferred edits than a run carries", std::vector<gwb::Instruction>(9, {O::kRequestEdit, 0, 1, 5}), "op"},
  };
  for (const Case& c : cases) {
    INFO(c.what);
    Runtime rt(WithProgram(c.code));
    CHECK_FALSE(rt.router);
    CHECK(rt.error.where == "Instructions");
    CHECK(rt.error.field == c.field);
  }
  Runtime empty(WithProgram({}));
  CHECK_FALSE(empty.router);
  CHECK(empty.error.where == "Programs");
  Runtime fine(WithProgram({{O::kKeyAuth, 0, 0, 0}, {O::kSkip, 0, 1, 0}, {O::kMaxBody, 1, 0, 10}}));
  CHECK(fine.router);
  Runtime eight(WithProgram(std::vector<gwb::Instruction>(8, {O::kRequestEdit, 0, 1, 5})));
  CHECK(eight.router);
}

TEST_CASE("policy sections: corrupt records are rejected or harmless") {
  const std::string file = Compile(Sample());
  gwb::Header h;
  std::memcpy(&h, file.data(), sizeof h);
  size_t rejected = 0, accepted = 0;
  for (uint32_t s = 0; s < h.section_count; ++s) {
    gwb::SectionEntry e;
    std::memcpy(&e, file.data() + h.section_table_offset + s * sizeof e, sizeof e);
    const gwb::SectionInfo* info = gwb::FindSection(e.id);
    if (!info || info->part != gwb::SectionPart::kPolicies) continue;
    for (size_t i = e.offset; i < e.offset + e.size; ++i) {
      for (unsigned char mask : {0x01, 0x80, 0xFF}) {
        std::string bad = file;
        bad[i] = static_cast<char>(bad[i] ^ mask);
        RepairChecksums(&bad);
        Runtime rt(bad);
        if (!rt.router) {
          ++rejected;
          INFO(info->name << " byte " << i - e.offset);
          CHECK_FALSE(rt.error.problem.empty());
          continue;
        }
        ++accepted;
        gwrt::PolicyState state;
        for (const char* key : {"a-key", "b-key", ""}) CHECK(rt.router->Decide(Req(key), &state).status >= 200);
      }
    }
  }
  CHECK(rejected > 0);
  CHECK(accepted > 0);
}

}  // namespace
}  // namespace gwc

// Copyright 2026 The gwc Authors.
//
// The route table of a verified .gwb artifact, as a matcher other programs
// can embed: Router::Create checks every record of the route sections once
// (indexes, lists, strings, hash slots and tags, candidate order);
// after that Find and Decide read the mapped bytes without checks and never
// allocate on the lookup path (Decide allocates its result; a regex is
// compiled the first time it is needed).
//
//   gwrt::VerifyError error;
//   auto artifact = gwrt::Artifact::Open("table.gwb", &error);
//   auto router = artifact ? gwrt::Router::Create(*artifact, &error) : nullptr;
//   gwrt::Request req;  req.host = "api.example.com";  req.path = "/orders";
//   gwrt::Decision d = router->Decide(req);   // d.status, d.backend, ...

#ifndef GWRT_ROUTER_H_
#define GWRT_ROUTER_H_

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "gwrt/artifact.h"
#include "gwrt/jwks.h"
#include "gwrt/policy.h"

namespace gwrt {

using Headers = std::vector<std::pair<std::string, std::string>>;

struct Request {
  std::string gateway;          // "ns/name"; empty: the artifact's first Gateway
  // "http" or "https": only listeners of that protocol take the request.
  // Empty: whatever the port's listeners speak (a front end that has
  // terminated TLS itself, as gwrt serve).
  std::string scheme = "http";
  int port = 0;                 // listener port; 0: 443 for https, else 80
  std::string method = "GET";
  std::string host;             // Host header, a ":port" suffix is ignored
  std::string sni;              // TLS server name (https); empty: none sent
  std::string path = "/";       // path and query
  Headers headers;              // names in any case
  bool grpc = false;            // a gRPC call (only GRPCRoute rules match it)
  Headers backend_response_headers;  // what the backend answers with (before filters)
  std::string client_ip;        // the peer's address (IP policies, limits by address)
  int64_t body_bytes = -1;      // request body size; -1: unknown (Content-Length is used)
  // Chooses among weighted backends: a value in [0, 1). Negative: derived
  // from a hash of the request, so equal requests get equal answers.
  double sample = -1;
};

struct BackendChoice {
  std::string ns, name;
  int port = 0;
  uint32_t weight = 0;
  std::string problem;  // empty when it can serve; else the status reason
  std::string tls_sni;  // SNI of the TLS connection to it; empty: plain
};

struct MirrorTarget {
  std::string ns, name;
  int port = 0;
  double percent = 100;
};

// One policy instruction a request went through, and what it did.
struct PolicyStep {
  std::string op;      // opcode name ("KeyAuth", "RateLimit", ...)
  std::string result;  // "allowed", "denied: key-missing", "skipped", ...
};

// What happens to a request (docs/runtime.md describes the JSON form).
struct Decision {
  // 404 no route, 421 SNI and Host pick different listeners, 500 no valid
  // backend, 3xx redirect, 200 forwarded (204 a CORS preflight answered).
  int status = 404;
  std::string reason;  // "no listener", "no route", ... when nothing matched
  std::string gateway, listener;
  std::string route_kind, route;  // route "ns/name"
  int rule = -1;
  std::string rule_name;
  std::vector<BackendChoice> candidates;  // the rule's weighted backends
  int chosen = -1;                        // index into candidates, -1: none
  bool upstream = false;                  // the request reaches a backend
  // The request as the backend sees it.
  std::string method, host, path;
  Headers request_headers;
  Headers response_headers;  // added by the gateway
  std::string location;      // redirects
  std::vector<MirrorTarget> mirrors;
  std::optional<uint32_t> request_timeout_ms, backend_timeout_ms;
  // Policies of the matched rule (401/403/413/429 answers come from here).
  std::vector<PolicyStep> policy;
  std::string consumer;  // the authenticated consumer, if any
  std::string denied;    // why a policy refused the request; empty: it did not
  bool rate_limited = false;
};

// What a real gateway (`gwrt serve`) plugs into Decide: called once, when
// the request reaches a backend, after the request filters and policies
// and before the response ones. `d` describes the request as the backend
// gets it (chosen backend, method, host, path, headers). Returns the
// headers the backend answered with (or, when it could not be reached,
// the ones of the gateway's own answer); Decide then applies the response
// filters and policies to them.
class Forwarder {
 public:
  virtual ~Forwarder() = default;
  virtual Headers Forward(const Decision& d) = 0;
};

class Router {
 public:
  // Verifies the route sections of `artifact`, which must outlive the
  // Router. Returns null with `error` naming section, field and offset when
  // a record is inconsistent.
  static std::unique_ptr<Router> Create(const Artifact& artifact, VerifyError* error);
  // The same, with `remote_jwks` standing in for the remote JWKS endpoints
  // the table's JWT providers name (`gwrt --jwks URL=FILE`). A URL it
  // lacks gives its provider no keys from there: tokens they would sign
  // are refused (jwt-unknown-key), and MissingJwks lists the URL.
  static std::unique_ptr<Router> Create(const Artifact& artifact, const RemoteJwks& remote_jwks,
                                        VerifyError* error);
  ~Router();

  // The remote JWKS URLs the table names that Create was not given, sorted.
  const std::vector<std::string>& MissingJwks() const;

  // The Matches index of the rule match that wins for `req`, or
  // gwb::kNone. `listener` receives the Listeners index that took the
  // request (kNone when no listener did).
  uint32_t Find(const Request& req, uint32_t* listener) const;

  // The Listeners index that takes a connection to `req`'s Gateway and
  // port for `host` (kNone when none does).
  uint32_t ListenerFor(const Request& req, std::string_view host) const;

  // Regexes are compiled on first use (a pattern RE2 rejects never
  // matches). This compiles them all now: false, with `error` naming the
  // record, when one is rejected. `gwrt verify` calls it.
  bool CompileRegexes(VerifyError* error) const;

  // Find, then the rule's policies, filters and backends applied. Policy
  // counters and the clock are `state`'s; without one, the Router's own
  // (local counters, system clock).
  Decision Decide(const Request& req) const;
  Decision Decide(const Request& req, PolicyState* state) const;
  // The same, with `forward` sending the request to its backend (see
  // Forwarder); req.backend_response_headers is then not used.
  Decision Decide(const Request& req, PolicyState* state, Forwarder* forward) const;

  // Runs only the policy program of Rules record `rule` on `req` (the
  // benchmark and the VM fuzzer use it). A rule without one passes.
  PolicyVerdict RunPolicies(uint32_t rule, const Request& req, PolicyState* state) const;
  size_t rule_count() const;

  // Every policy program as text (`gwrt disasm`), with the rules that run
  // it. Never prints a secret: credentials are counted, keys named by
  // algorithm. Empty when the table has no policies.
  std::string Disassemble() const;

  const Artifact& artifact() const { return artifact_; }

  struct Tables;    // the verified sections (private to the runtime's sources)
  struct HostKeys;  // a request host's hashed keys (router.cc)

 private:
  Router(const Artifact& artifact, std::unique_ptr<Tables> tables);
  uint32_t ListenerForHost(const Request& req, HostKeys& keys) const;

  const Artifact& artifact_;
  std::unique_ptr<Tables> t_;
  std::unique_ptr<PolicyState> own_state_;
};

// The instruction set (opcodes.def) as Markdown: docs/bytecode-opcodes.md.
std::string InstructionSetMarkdown();

}  // namespace gwrt

#endif  // GWRT_ROUTER_H_

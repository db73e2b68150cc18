// Copyright 2026 The gwc Authors.

#include "compiler/driver/diff.h"

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <map>
#include <nlohmann/json.hpp>
#include <ostream>
#include <set>
#include <utility>

#include "compiler/driver/exit_codes.h"
#include "compiler/driver/regex_samples.h"
#include "compiler/model/hostname.h"
#include "gwrt/artifact.h"

namespace gwc {

namespace {

// The host of probes for routes and listeners without a hostname: no
// configured name can equal it (.invalid is reserved, RFC 6761).
constexpr char kAnyHost[] = "probe.gwc-diff.invalid";

// The path with the case of every letter flipped (a case-sensitivity probe
// whatever the value's own case).
std::string FlipCase(std::string s) {
  for (char& c : s) {
    unsigned char u = static_cast<unsigned char>(c);
    c = static_cast<char>(std::isupper(u) ? std::tolower(u) : std::toupper(u));
  }
  return s;
}

// Hosts that reach attachment `a` of listener `l`: each exact name, one
// and two labels under each wildcard (Ingress wildcards take one only),
// the route's hostnames narrowed to the listener's.
std::vector<std::string> ProbeHosts(const ir::Listener& l, const ir::Attachment& a) {
  std::vector<std::string> names;
  for (const std::string& h : a.hostnames) names.push_back(IntersectHostnames(l.hostname, h).value_or(h));
  if (names.empty()) names.push_back(l.hostname);
  std::vector<std::string> out;
  for (const std::string& h : names) {
    if (h.empty()) {
      out.push_back(kAnyHost);
    } else if (h.starts_with("*.")) {
      out.push_back("w" + h.substr(1));
      out.push_back("w.w" + h.substr(1));
    } else {
      out.push_back(h);
    }
  }
  return out;
}

// Paths a regex path matches (case-flipped too: regexes may ignore case).
std::vector<std::string> RegexPaths(const std::string& pattern) {
  std::vector<std::string> out;
  for (const std::string& s : RegexSamples(pattern)) {
    if (s.empty() || s.front() != '/') continue;
    out.push_back(s);
    if (out.size() == 1) out.push_back(FlipCase(s));
  }
  return out;
}

// The paths around a match's value: the value itself and the requests
// that fall just inside or outside it; for a regex, strings it matches.
std::vector<std::string> ProbePaths(const ir::Match& m) {
  const std::string& p = m.path;
  switch (m.path_kind) {
    case PathKind::kExact:
      return {p, FlipCase(p), p.size() > 1 && p.back() == '/' ? p.substr(0, p.size() - 1) : p + "/"};
    case PathKind::kPrefix:
      if (p == "/") return {"/", "/probe"};
      return {p, FlipCase(p), p + "/", p + "/probe", p + "probe"};
    case PathKind::kRegex:
      return RegexPaths(p);
  }
  return {};
}

// The query string of a match's exact query conditions ("" when none).
std::string ProbeQuery(const ir::Match& m) {
  std::string q;
  for (const ir::Condition& c : m.query) {
    if (!c.regex) q += (q.empty() ? "?" : "&") + c.name + "=" + c.value;
  }
  return q;
}

std::string RequestKey(const gwrt::Request& r) {
  std::string k = r.gateway + '\n' + r.scheme + '\n' + std::to_string(r.port) + '\n' + r.method + '\n' + r.host +
                  '\n' + r.path + '\n' + (r.grpc ? "grpc" : "");
  for (const auto& [n, v] : r.headers) k += '\n' + n + ": " + v;
  return k;
}

// The probes of one match reached through listener `l` of gateway `gw`.
// Why no probe may satisfy match `m`, or "" when its probes do.
std::string Unprobed(const ir::Match& m) {
  if (m.path_kind == PathKind::kRegex && RegexPaths(m.path).empty()) return "regular-expression path " + m.path;
  for (const ir::Condition& c : m.headers) {
    if (c.regex && RegexSamples(c.value, 1).empty()) return "regular-expression header " + c.name;
  }
  for (const ir::Condition& c : m.query) {
    if (c.regex) return "regular-expression query parameter " + c.name;
    if ((c.name + c.value).find_first_of("&=#%+") != std::string::npos) return "query parameter " + c.name + " needs encoding";
  }
  return "";
}

// A request to `host` on listener `l` of Gateway `gw` ("": the table's
// first); path, method and headers are the caller's.
gwrt::Request BaseProbe(const std::string& gw, const ir::Listener& l, const std::string& host) {
  gwrt::Request r;
  r.gateway = gw;
  r.scheme = l.protocol == ir::Protocol::kHttps ? "https" : "http";
  r.sni = r.scheme == "https" ? host : "";
  r.port = l.port;
  r.host = host;
  return r;
}

// The origin of CORS probes that no policy is meant to allow.
constexpr char kOtherOrigin[] = "https://probe.gwc-diff.invalid";

void AddMatchProbes(const std::string& gw, const ir::Listener& l, const ir::Attachment& a, const ir::Rule& rule,
                    const ir::Match& m, std::map<std::string, gwrt::Request>* out) {
  std::vector<std::string> methods = {m.method.empty() ? "GET" : m.method};
  if (!m.method.empty()) methods.push_back(m.method == "GET" ? "POST" : "GET");
  if (m.grpc_only) methods = {"POST"};
  gwrt::Headers exact_headers;  // exact values, and a sample of each regex
  for (const ir::Condition& c : m.headers) {
    std::vector<std::string> sample = c.regex ? RegexSamples(c.value, 1) : std::vector<std::string>{c.value};
    if (!sample.empty()) exact_headers.emplace_back(c.name, sample.front());
  }
  std::vector<gwrt::Headers> header_sets = {exact_headers};
  if (!exact_headers.empty()) header_sets.push_back({});
  std::vector<std::string> paths = ProbePaths(m);
  paths.push_back("/");
  std::string query = ProbeQuery(m);
  for (const std::string& host : ProbeHosts(l, a)) {
    for (const std::string& path : paths) {
      for (const std::string& method : methods) {
        for (const gwrt::Headers& headers : header_sets) {
          for (const std::string& q : std::set<std::string>{"", query}) {
            gwrt::Request r = BaseProbe(gw, l, host);
            r.method = method;
            r.path = path + q;
            r.headers = headers;
            r.grpc = m.grpc_only;
            out->emplace(RequestKey(r), std::move(r));
          }
        }
      }
    }
    // A CORS policy: a request and a preflight from its first allowed
    // origin and from another, on the match's own path.
    if (!rule.filters.cors || paths.size() < 2) continue;
    std::vector<std::string> origins = {kOtherOrigin};
    const auto& allowed = rule.filters.cors->allow_origins;
    if (!allowed.empty() && allowed.front() != "*") origins.push_back(allowed.front());
    for (const std::string& origin : origins) {
      for (bool preflight : {false, true}) {
        gwrt::Request r = BaseProbe(gw, l, host);
        r.method = preflight ? "OPTIONS" : methods.front();
        r.path = paths.front() + query;
        r.headers = exact_headers;
        r.headers.emplace_back("origin", origin);
        if (preflight) r.headers.emplace_back("access-control-request-method", methods.front());
        out->emplace(RequestKey(r), std::move(r));
      }
    }
  }
}

// The probes of every match of `program`; `unprobed` (optional) receives
// "route rule N: why" for each match no probe is made to satisfy.
// `renames` maps this program's Gateway names to the ones probes carry.
void AddProbes(const ir::Program& program, bool name_gateways, const std::map<std::string, std::string>& renames,
               bool skip_default_certificates, std::map<std::string, gwrt::Request>* out,
               std::set<std::string>* unprobed) {
  for (const ir::Gateway& g : program.gateways) {
    std::string gw = name_gateways ? g.ns + "/" + g.name : "";
    if (auto it = renames.find(gw); it != renames.end()) gw = it->second;
    for (const ir::Listener& l : g.listeners) {
      if (skip_default_certificates && l.default_certificate) continue;
      for (const ir::Attachment& a : l.routes) {
        const ir::Route& route = program.routes[a.route];
        for (const ir::Rule& rule : route.rules) {
          for (const ir::Match& m : rule.matches) {
            AddMatchProbes(gw, l, a, rule, m, out);
            if (std::string why = Unprobed(m); unprobed && !why.empty()) {
              unprobed->insert(route.ns + "/" + route.name + " rule " + std::to_string(rule.index) + ": " + why);
            }
          }
        }
      }
    }
  }
}

// Gateways that have routes attached: the ones a probe can reach.
size_t RoutedGateways(const ir::Program& program) {
  return std::count_if(program.gateways.begin(), program.gateways.end(), [](const ir::Gateway& g) {
    return std::any_of(g.listeners.begin(), g.listeners.end(), [](const ir::Listener& l) { return !l.routes.empty(); });
  });
}

std::string Sorted(std::vector<std::string> v) {
  std::sort(v.begin(), v.end());
  std::string s;
  for (const std::string& x : v) s += (s.empty() ? "" : ", ") + x;
  return s.empty() ? "(none)" : s;
}

std::string Percent(double share) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.4g%%", 100 * share);
  return buf;
}

// What a client and a backend observe of a request, field by field: the
// field is keyed by the backend it concerns ("" for the whole answer).
// Which route and listener answered is left out: a migration renames
// them.
using Field = std::pair<std::string, std::string>;  // (backend, name)
using Observed = std::map<Field, std::string>;

void ObserveDecision(const gwrt::Decision& d, const std::string& backend, Observed* o) {
  std::vector<std::string> request_headers, response_headers, mirrors;
  auto header = [](std::string name, const std::string& value) {  // names compare case-insensitively
    std::transform(name.begin(), name.end(), name.begin(), [](unsigned char c) { return std::tolower(c); });
    return name + ": " + value;
  };
  for (const auto& [n, v] : d.request_headers) request_headers.push_back(header(n, v));
  for (const auto& [n, v] : d.response_headers) response_headers.push_back(header(n, v));
  for (const gwrt::MirrorTarget& m : d.mirrors) {
    mirrors.push_back(m.ns + "/" + m.name + ":" + std::to_string(m.port) + " " + Percent(m.percent / 100));
  }
  auto ms = [](const std::optional<uint32_t>& v) { return v ? std::to_string(*v) + "ms" : "(none)"; };
  auto set = [&](const char* name, std::string value) { (*o)[{backend, name}] = std::move(value); };
  set("status", std::to_string(d.status));
  set("reason", d.reason.empty() ? "(none)" : d.reason);
  set("forwarded", d.upstream ? "yes" : "no");
  if (d.upstream) {  // what the backend sees
    set("method", d.method);
    set("host", d.host);
    set("path", d.path);
    set("request headers", Sorted(request_headers));
  }
  set("location", d.location.empty() ? "(none)" : d.location);
  set("response headers", Sorted(response_headers));
  set("mirrors", Sorted(mirrors));
  set("request timeout", ms(d.request_timeout_ms));
  set("backend timeout", ms(d.backend_timeout_ms));
}

std::string RouteOf(const gwrt::Decision& d) {
  if (d.route.empty()) return "(no route)";
  return d.route_kind + " " + d.route + " rule " + (d.rule_name.empty() ? std::to_string(d.rule) : d.rule_name);
}

std::string BackendName(const gwrt::BackendChoice& b) {
  return b.ns + "/" + b.name + ":" + std::to_string(b.port) + (b.problem.empty() ? "" : " (" + b.problem + ")") +
         (b.tls_sni.empty() ? "" : " tls " + b.tls_sni);
}

// `request` through `router`. With weighted backends every backend with
// a share is asked for once (the sample in the middle of its share), so
// the comparison covers each one's share of the traffic (not its raw
// weight: 1:1 is 50:50) and what it receives. `route` receives the
// answering route, for orientation.
// Every probe starts from fresh policy counters, so probes are independent.
gwrt::Decision DecideAlone(const gwrt::Router& router, const gwrt::Request& request) {
  gwrt::PolicyState fresh;
  return router.Decide(request, &fresh);
}

Observed ObserveRequest(const gwrt::Router& router, gwrt::Request request, std::string* route) {
  request.sample = 0;
  gwrt::Decision first = DecideAlone(router, request);
  *route = RouteOf(first);
  Observed o;
  uint64_t total = 0;
  for (const gwrt::BackendChoice& b : first.candidates) total += b.weight;
  if (total == 0) {  // no backend to choose: no route, a redirect, a 500
    ObserveDecision(first, "", &o);
    std::vector<std::string> names;
    for (const gwrt::BackendChoice& b : first.candidates) names.push_back(BackendName(b) + " weight 0");
    o[{"", "backends"}] = Sorted(names);
    return o;
  }
  // Per backend its fields, and over all of them each value's share of
  // the traffic (status, reason, forwarded).
  std::map<std::string, uint64_t> weights;
  std::map<std::string, std::map<std::string, uint64_t>> overall;
  uint64_t before = 0;
  for (const gwrt::BackendChoice& b : first.candidates) {
    if (b.weight == 0) continue;  // never chosen
    request.sample = (static_cast<double>(before) + static_cast<double>(b.weight) / 2) / static_cast<double>(total);
    before += b.weight;
    weights[BackendName(b)] += b.weight;
    ObserveDecision(DecideAlone(router, request), BackendName(b), &o);
    for (const char* field : {"status", "reason", "forwarded"}) overall[field][o[{BackendName(b), field}]] += b.weight;
  }
  auto shares = [&](const std::map<std::string, uint64_t>& by_value) {
    if (by_value.size() == 1 && by_value.begin()->second == total) return by_value.begin()->first;
    std::vector<std::string> list;
    for (const auto& [v, weight] : by_value) {
      list.push_back(v + " " + Percent(static_cast<double>(weight) / static_cast<double>(total)));
    }
    return Sorted(list);
  };
  o[{"", "backends"}] = shares(weights);
  for (const auto& [field, by_value] : overall) o[{"", field}] = shares(by_value);
  return o;
}


std::string RequestLine(const gwrt::Request& r) {
  std::string line = (r.grpc ? "gRPC " : "") + r.method + " " + r.scheme + "://" + r.host + ":" +
                     std::to_string(r.port) + r.path;
  for (const auto& [n, v] : r.headers) line += " [" + n + ": " + v + "]";
  if (!r.gateway.empty()) line += " via " + r.gateway;
  return line;
}

struct Difference {
  const gwrt::Request* request;
  std::string old_route, new_route;
  std::vector<std::pair<std::string, std::pair<std::string, std::string>>> changes;  // field: (old, new)
};

// The fields whose values differ. A field of what a backend sees exists
// only where the request is forwarded; its absence is shown once, by
// "forwarded".
void Compare(const Observed& a, const Observed& b, Difference* d) {
  auto value = [](const Observed& o, const Field& f) -> const std::string* {
    auto it = o.find(f);
    return it == o.end() ? nullptr : &it->second;
  };
  std::set<Field> fields;
  for (const auto& [f, v] : a) fields.insert(f);
  for (const auto& [f, v] : b) fields.insert(f);
  for (const Field& f : fields) {
    const std::string *x = value(a, f), *y = value(b, f);
    if (x && y && *x == *y) continue;
    // A backend only one side sends to shows in "backends"; what a backend
    // sees on a side that does not forward shows in "forwarded".
    if (!value(a, {f.first, "forwarded"}) || !value(b, {f.first, "forwarded"})) continue;
    if (!x || !y) continue;
    // Why gwc answered is not something a client sees: with the same
    // status ("no listener" vs "no route", both 404) it is no difference.
    const std::string *sa = value(a, {f.first, "status"}), *sb = value(b, {f.first, "status"});
    if (f.second == "reason" && sa && sb && *sa == *sb) continue;
    d->changes.push_back({f.first.empty() ? f.second : f.first + ": " + f.second, {*x, *y}});
  }
}

// Compiles one side; null with a message on `err` when it cannot be read.
std::unique_ptr<Compiled> CompileSide(const CompileOptions& options, const char* side, std::ostream& err,
                                      int* exit_code) {
  auto compiled = std::make_unique<Compiled>();
  if (Status s = CompileInputs(options, compiled.get()); !s.ok()) {
    err << "gwc: internal error: " << s.message() << "\n";
    *exit_code = kExitInternal;
    return nullptr;
  }
  if (compiled->inputs.objects.empty()) {
    err << "gwc: no objects in " << side << " (" << options.paths.front() << ")\n";
    *exit_code = kExitUsage;
    return nullptr;
  }
  for (const std::string& w : compiled->warnings) err << "gwc: " << side << ": " << w << "\n";
  size_t errors = std::count_if(compiled->diagnostics.begin(), compiled->diagnostics.end(),
                                [](const Diagnostic& d) { return d.severity == Severity::kError; });
  if (errors) {
    WarnLeftOut(*compiled, err);
    err << "gwc: " << side << " has " << errors << " errors (compiled the way a controller would program it; see gwc lint "
        << options.paths.front() << ")\n";
  }
  return compiled;
}

void WriteText(const std::vector<Difference>& diffs, const std::set<std::string>& unprobed, size_t probed,
               std::ostream& out) {
  std::map<std::string, std::vector<const Difference*>> by_route;
  for (const Difference& d : diffs) by_route[d.old_route].push_back(&d);
  for (const auto& [route, list] : by_route) {
    out << route << ":\n";
    for (const Difference* d : list) {
      out << "  " << RequestLine(*d->request) << "  (now " << d->new_route << ")\n";
      for (const auto& [field, change] : d->changes) {
        out << "    " << field << ": " << change.first << " -> " << change.second << "\n";
      }
    }
  }
  for (const std::string& u : unprobed) out << "not probed: " << u << "\n";
  out << diffs.size() << " of " << probed << " requests routed differently\n";
}

void WriteJson(const std::vector<Difference>& diffs, const std::set<std::string>& unprobed, size_t probed,
               std::ostream& out) {
  nlohmann::json list = nlohmann::json::array();
  for (const Difference& d : diffs) {
    const gwrt::Request& r = *d.request;
    nlohmann::json headers = nlohmann::json::object();
    for (const auto& [n, v] : r.headers) headers[n] = v;
    nlohmann::json changes = nlohmann::json::object();
    for (const auto& [field, change] : d.changes) changes[field] = {{"old", change.first}, {"new", change.second}};
    list.push_back({{"request",
                     {{"gateway", r.gateway},
                      {"method", r.method},
                      {"url", r.scheme + "://" + r.host + ":" + std::to_string(r.port) + r.path},
                      {"headers", headers},
                      {"grpc", r.grpc}}},
                    {"oldRoute", d.old_route},
                    {"newRoute", d.new_route},
                    {"changes", changes}});
  }
  nlohmann::json doc{{"probed", probed}, {"different", diffs.size()}, {"differences", list}, {"unprobed", unprobed}};
  out << doc.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) << "\n";
}

}  // namespace

std::vector<gwrt::Request> ProbeRequests(const ir::Program& program) {
  std::map<std::string, gwrt::Request> probes;
  AddProbes(program, true, {}, false, &probes, nullptr);
  std::vector<gwrt::Request> out;
  for (auto& [key, r] : probes) out.push_back(std::move(r));
  return out;
}

int DiffCompiled(const Compiled& old_side, const Compiled& new_side, const DiffSettings& settings, std::ostream& out,
                 std::ostream& err) {
  gwrt::VerifyError error;
  auto old_artifact = gwrt::Artifact::FromBytes(old_side.artifact, &error);
  auto old_router = old_artifact ? gwrt::Router::Create(*old_artifact, &error) : nullptr;
  auto new_artifact = old_router ? gwrt::Artifact::FromBytes(new_side.artifact, &error) : nullptr;
  auto new_router = new_artifact ? gwrt::Router::Create(*new_artifact, &error) : nullptr;
  if (!new_router) {
    err << "gwc: internal error: a compiled table does not verify: " << error.ToString() << "\n";
    return kExitInternal;
  }
  // With one Gateway on each side the probes name none (each table's first
  // answers), so a migration to a Gateway of another name compares.
  bool name_gateways = RoutedGateways(old_side.program) != 1 || RoutedGateways(new_side.program) != 1;
  std::map<std::string, std::string> to_old;  // probes carry OLD's names
  for (const auto& [old_name, new_name] : settings.gateway_renames) to_old[new_name] = old_name;
  std::map<std::string, gwrt::Request> probes;
  std::set<std::string> unprobed;
  AddProbes(old_side.program, name_gateways, {}, settings.skip_default_certificates, &probes, &unprobed);
  AddProbes(new_side.program, name_gateways, to_old, settings.skip_default_certificates, &probes, &unprobed);
  std::vector<Difference> diffs;
  for (auto& [key, request] : probes) {
    Difference d{&request, {}, {}, {}};
    gwrt::Request renamed = request;
    if (auto it = settings.gateway_renames.find(request.gateway); it != settings.gateway_renames.end()) {
      renamed.gateway = it->second;
    }
    Compare(ObserveRequest(*old_router, request, &d.old_route), ObserveRequest(*new_router, renamed, &d.new_route), &d);
    if (!d.changes.empty()) diffs.push_back(std::move(d));
  }
  if (settings.json) WriteJson(diffs, unprobed, probes.size(), out);
  else WriteText(diffs, unprobed, probes.size(), out);
  return diffs.empty() ? kExitOk : kExitFindings;
}

int RunDiff(const DiffOptions& options, std::ostream& out, std::ostream& err) {
  int exit_code = kExitOk;
  std::unique_ptr<Compiled> old_side = CompileSide(options.old_config, "OLD", err, &exit_code);
  if (!old_side) return exit_code;
  std::unique_ptr<Compiled> new_side = CompileSide(options.new_config, "NEW", err, &exit_code);
  if (!new_side) return exit_code;
  return DiffCompiled(*old_side, *new_side, options.settings, out, err);
}

}  // namespace gwc

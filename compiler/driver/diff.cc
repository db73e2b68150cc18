// Copyright 2026 The gwc Authors.

#include "compiler/driver/diff.h"

#include <algorithm>
#include <cctype>
#include <map>
#include <nlohmann/json.hpp>
#include <ostream>
#include <set>
#include <utility>

#include "compiler/driver/exit_codes.h"
#include "gwrt/artifact.h"

namespace gwc {

namespace {

// The host of probes for routes and listeners without a hostname: no
// configured name can equal it (.invalid is reserved, RFC 6761).
constexpr char kAnyHost[] = "probe.gwc-diff.invalid";

std::string Upper(std::string s) {
  for (char& c : s) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return s;
}

// Hosts that reach attachment `a` of listener `l`: each exact name, one
// and two labels under each wildcard (Ingress wildcards take one only).
std::vector<std::string> ProbeHosts(const ir::Listener& l, const ir::Attachment& a) {
  std::vector<std::string> names = a.hostnames;
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

// The paths around a match's value: the value itself and the requests
// that fall just inside or outside it. Regex values are not sampled.
std::vector<std::string> ProbePaths(const ir::Match& m) {
  const std::string& p = m.path;
  switch (m.path_kind) {
    case PathKind::kExact:
      return {p, Upper(p), p.size() > 1 && p.back() == '/' ? p.substr(0, p.size() - 1) : p + "/"};
    case PathKind::kPrefix:
      if (p == "/") return {"/", "/probe"};
      return {p, Upper(p), p + "/", p + "/probe", p + "probe"};
    case PathKind::kRegex:
      return {};
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
void AddMatchProbes(const std::string& gw, const ir::Listener& l, const ir::Attachment& a, const ir::Match& m,
                    std::map<std::string, gwrt::Request>* out) {
  std::vector<std::string> methods = {m.method.empty() ? "GET" : m.method};
  if (!m.method.empty()) methods.push_back(m.method == "GET" ? "POST" : "GET");
  if (m.grpc_only) methods = {"POST"};
  gwrt::Headers exact_headers;
  for (const ir::Condition& c : m.headers) {
    if (!c.regex) exact_headers.emplace_back(c.name, c.value);
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
            gwrt::Request r;
            r.gateway = gw;
            r.scheme = l.protocol == ir::Protocol::kHttps ? "https" : "http";
            r.sni = r.scheme == "https" ? host : "";
            r.port = l.port;
            r.method = method;
            r.host = host;
            r.path = path + q;
            r.headers = headers;
            r.grpc = m.grpc_only;
            out->emplace(RequestKey(r), std::move(r));
          }
        }
      }
    }
  }
}

void AddProbes(const ir::Program& program, bool name_gateways, std::map<std::string, gwrt::Request>* out) {
  for (const ir::Gateway& g : program.gateways) {
    std::string gw = name_gateways ? g.ns + "/" + g.name : "";
    for (const ir::Listener& l : g.listeners) {
      for (const ir::Attachment& a : l.routes) {
        for (const ir::Rule& rule : program.routes[a.route].rules) {
          for (const ir::Match& m : rule.matches) AddMatchProbes(gw, l, a, m, out);
        }
      }
    }
  }
}

// What a client and a backend observe of a decision, field by field, the
// same fields for every decision; which route and listener answered is
// left out (a migration renames them).
using Observed = std::vector<std::pair<std::string, std::string>>;

std::string Sorted(std::vector<std::string> v) {
  std::sort(v.begin(), v.end());
  std::string s;
  for (const std::string& x : v) s += (s.empty() ? "" : ", ") + x;
  return s.empty() ? "(none)" : s;
}

Observed Observe(const gwrt::Decision& d) {
  std::vector<std::string> backends, request_headers, response_headers, mirrors;
  for (const gwrt::BackendChoice& b : d.candidates) {
    backends.push_back(b.ns + "/" + b.name + ":" + std::to_string(b.port) + " weight " + std::to_string(b.weight) +
                       (b.problem.empty() ? "" : " (" + b.problem + ")") + (b.tls_sni.empty() ? "" : " tls " + b.tls_sni));
  }
  for (const auto& [n, v] : d.request_headers) request_headers.push_back(n + ": " + v);
  for (const auto& [n, v] : d.response_headers) response_headers.push_back(n + ": " + v);
  for (const gwrt::MirrorTarget& m : d.mirrors) {
    mirrors.push_back(m.ns + "/" + m.name + ":" + std::to_string(m.port) + " " + std::to_string(m.percent) + "%");
  }
  auto ms = [](const std::optional<uint32_t>& v) { return v ? std::to_string(*v) + "ms" : "(none)"; };
  Observed o = {{"status", std::to_string(d.status)},
                {"reason", d.reason.empty() ? "(none)" : d.reason},
                {"backends", Sorted(backends)}};
  // What the backend sees exists only for a forwarded request; for
  // another it is the same placeholder on both sides, so only
  // "forwarded" shows the change.
  auto seen = [&](const std::string& v) { return d.upstream ? v : ""; };
  o.insert(o.end(), {{"forwarded", d.upstream ? "yes" : "no"},
                     {"method", seen(d.method)},
                     {"host", seen(d.host)},
                     {"path", seen(d.path)},
                     {"request headers", seen(Sorted(request_headers))}});
  o.insert(o.end(), {{"location", d.location.empty() ? "(none)" : d.location},
                     {"response headers", Sorted(response_headers)},
                     {"mirrors", Sorted(mirrors)},
                     {"request timeout", ms(d.request_timeout_ms)},
                     {"backend timeout", ms(d.backend_timeout_ms)}});
  return o;
}

std::string RouteOf(const gwrt::Decision& d) {
  if (d.route.empty()) return "(no route)";
  return d.route_kind + " " + d.route + " rule " + (d.rule_name.empty() ? std::to_string(d.rule) : d.rule_name);
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
  Observed old_view, new_view;  // only the fields that differ
};

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
    err << "gwc: no objects in " << side << "\n";
    *exit_code = kExitUsage;
    return nullptr;
  }
  return compiled;
}

void WriteText(const std::vector<Difference>& diffs, size_t probed, std::ostream& out) {
  std::map<std::string, std::vector<const Difference*>> by_route;
  for (const Difference& d : diffs) by_route[d.old_route].push_back(&d);
  for (const auto& [route, list] : by_route) {
    out << route << ":\n";
    for (const Difference* d : list) {
      out << "  " << RequestLine(*d->request) << "  (now " << d->new_route << ")\n";
      for (size_t i = 0; i < d->old_view.size(); ++i) {
        out << "    " << d->old_view[i].first << ": " << d->old_view[i].second << " -> " << d->new_view[i].second
            << "\n";
      }
    }
  }
  out << diffs.size() << " of " << probed << " requests routed differently\n";
}

void WriteJson(const std::vector<Difference>& diffs, size_t probed, std::ostream& out) {
  nlohmann::json list = nlohmann::json::array();
  for (const Difference& d : diffs) {
    const gwrt::Request& r = *d.request;
    nlohmann::json headers = nlohmann::json::object();
    for (const auto& [n, v] : r.headers) headers[n] = v;
    nlohmann::json changes = nlohmann::json::object();
    for (size_t i = 0; i < d.old_view.size(); ++i) {
      changes[d.old_view[i].first] = {{"old", d.old_view[i].second}, {"new", d.new_view[i].second}};
    }
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
  out << nlohmann::json{{"probed", probed}, {"different", diffs.size()}, {"differences", list}}.dump(2) << "\n";
}

}  // namespace

std::vector<gwrt::Request> ProbeRequests(const ir::Program& program) {
  std::map<std::string, gwrt::Request> probes;
  AddProbes(program, true, &probes);
  std::vector<gwrt::Request> out;
  for (auto& [key, r] : probes) out.push_back(std::move(r));
  return out;
}

int RunDiff(const DiffOptions& options, std::ostream& out, std::ostream& err) {
  int exit_code = kExitOk;
  std::unique_ptr<Compiled> old_side = CompileSide(options.old_config, "OLD", err, &exit_code);
  if (!old_side) return exit_code;
  std::unique_ptr<Compiled> new_side = CompileSide(options.new_config, "NEW", err, &exit_code);
  if (!new_side) return exit_code;
  gwrt::VerifyError error;
  auto old_artifact = gwrt::Artifact::FromBytes(old_side->artifact, &error);
  auto old_router = old_artifact ? gwrt::Router::Create(*old_artifact, &error) : nullptr;
  auto new_artifact = old_router ? gwrt::Artifact::FromBytes(new_side->artifact, &error) : nullptr;
  auto new_router = new_artifact ? gwrt::Router::Create(*new_artifact, &error) : nullptr;
  if (!new_router) {
    err << "gwc: internal error: a compiled table does not verify: " << error.ToString() << "\n";
    return kExitInternal;
  }
  // With one Gateway on each side the probes name none (each table's first
  // answers), so a migration to a Gateway of another name compares.
  bool name_gateways = old_side->program.gateways.size() != 1 || new_side->program.gateways.size() != 1;
  std::map<std::string, gwrt::Request> probes;
  AddProbes(old_side->program, name_gateways, &probes);
  AddProbes(new_side->program, name_gateways, &probes);
  std::vector<Difference> diffs;
  for (auto& [key, request] : probes) {
    request.sample = 0.5;  // weighted choices are compared as candidate lists
    gwrt::Decision before = old_router->Decide(request), after = new_router->Decide(request);
    Observed a = Observe(before), b = Observe(after);
    Difference d{&request, RouteOf(before), RouteOf(after), {}, {}};
    for (size_t i = 0; i < a.size(); ++i) {  // the same fields in the same order
      bool unseen = a[i].second.empty() || b[i].second.empty();  // not forwarded on one side
      if (a[i].second != b[i].second && !unseen) d.old_view.push_back(a[i]), d.new_view.push_back(b[i]);
    }
    if (!d.old_view.empty()) diffs.push_back(std::move(d));
  }
  if (options.json) WriteJson(diffs, probes.size(), out);
  else WriteText(diffs, probes.size(), out);
  return diffs.empty() ? kExitOk : kExitFindings;
}

}  // namespace gwc

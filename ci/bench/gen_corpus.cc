// gen_corpus: writes a seeded, deterministic corpus of Kubernetes gateway
// configuration for the lint benchmark (ci/bench.sh, group "lint").
//
// The corpus mimics a GitOps repository: one folder per namespace holding
// multi-document YAML files (~25 documents each) with Services, Ingresses
// (ingress-nginx flavoured), HTTPRoutes, Gateways, TLS Secrets and
// ReferenceGrants, plus a cluster/ folder with the Namespaces and the
// GatewayClass. Every object is meant to be valid against the Kubernetes API
// and the Gateway API v1.6.1 standard CRDs (CEL rules included); the only
// mistakes are the deliberate ones (--broken-permille of the HTTPRoutes get a
// backendRef to a Service that does not exist).
//
// The output depends only on the arguments: the random generator and all
// range reductions are spelled out here (no std::*_distribution), so the same
// seed gives byte-identical files with any compiler or standard library.
//
// Usage: gen_corpus --seed N --resources R --out DIR [--files F]
//                   [--broken-permille P]
// On success prints one JSON summary line to stdout and exits 0; on a usage
// or I/O error prints a message to stderr and exits 2.

#include <algorithm>
#include <array>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <system_error>
#include <utility>
#include <vector>

namespace {

namespace fs = std::filesystem;

// ---------------------------------------------------------------------------
// Deterministic random numbers: xoshiro256** seeded through SplitMix64.

class Rng {
 public:
  explicit Rng(uint64_t seed) {
    for (uint64_t& word : state_) word = SplitMix(seed);
  }

  uint64_t Next() {
    const uint64_t result = Rotl(state_[1] * 5, 7) * 9;
    const uint64_t t = state_[1] << 17;
    state_[2] ^= state_[0];
    state_[3] ^= state_[1];
    state_[1] ^= state_[2];
    state_[0] ^= state_[3];
    state_[2] ^= t;
    state_[3] = Rotl(state_[3], 45);
    return result;
  }

  // Uniform in [0, n) by rejection; n must be > 0.
  uint64_t Below(uint64_t n) {
    const uint64_t limit = UINT64_MAX - UINT64_MAX % n;
    uint64_t x = Next();
    while (x >= limit) x = Next();
    return x % n;
  }

  // Uniform in [lo, hi].
  int Range(int lo, int hi) {
    return lo + static_cast<int>(Below(static_cast<uint64_t>(hi - lo + 1)));
  }

  // True with probability percent/100.
  bool Percent(int percent) { return Below(100) < static_cast<uint64_t>(percent); }
  bool Permille(int permille) { return Below(1000) < static_cast<uint64_t>(permille); }

  template <typename T, size_t N>
  const T& Pick(const std::array<T, N>& items) {
    return items[Below(N)];
  }
  template <typename T>
  const T& Pick(const std::vector<T>& items) {
    return items[Below(items.size())];
  }

 private:
  static uint64_t Rotl(uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }
  static uint64_t SplitMix(uint64_t& x) {
    uint64_t z = (x += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
  }

  std::array<uint64_t, 4> state_{};
};

// ---------------------------------------------------------------------------
// Vocabulary.

constexpr std::array<std::string_view, 30> kApps = {
    "orders",    "payments",  "catalog",  "cart",     "search",   "auth",
    "users",     "inventory", "billing",  "shipping", "reviews",  "notify",
    "recommend", "checkout",  "profile",  "media",    "reports",  "analytics",
    "pricing",   "promos",    "wishlist", "support",  "chat",     "ledger",
    "invoices",  "tax",       "fraud",    "identity", "sessions", "storefront"};
constexpr std::array<std::string_view, 6> kRoles = {"api",  "web",   "worker",
                                                    "grpc", "admin", "edge"};
constexpr std::array<std::string_view, 12> kTeams = {"shop", "pay",    "core",   "data",
                                                     "ml",   "web",    "mobile", "ops",
                                                     "risk", "growth", "media",  "search"};
constexpr std::array<std::string_view, 3> kEnvs = {"prod", "staging", "dev"};
constexpr std::array<std::string_view, 20> kSegments = {
    "api",    "v1",     "v2",    "items",   "users",  "cart",   "search",
    "static", "assets", "login", "graphql", "admin",  "public", "images",
    "docs",   "status", "hooks", "account", "export", "feed"};
constexpr std::array<std::string_view, 5> kMethods = {"GET", "POST", "PUT", "DELETE", "PATCH"};

struct HeaderChoice {
  std::string_view name;
  std::string_view value;
};
constexpr std::array<HeaderChoice, 5> kMatchHeaders = {{
    {"x-canary", "true"},
    {"x-api-version", "v2"},
    {"x-tenant", "tenant-7"},
    {"x-env", "staging"},
    {"x-client", "mobile"},
}};

struct PortTemplate {
  std::string_view name;
  int port;
  int target;  // 0: use the port name as a named targetPort
};
constexpr std::array<PortTemplate, 5> kExtraPorts = {{
    {"https", 443, 8443},
    {"grpc", 9090, 9090},
    {"metrics", 9102, 0},
    {"admin", 8081, 8081},
    {"debug", 6060, 6060},
}};

constexpr std::array<std::array<int, 3>, 6> kWeights = {
    {{90, 10, 0}, {80, 20, 0}, {50, 50, 0}, {95, 5, 0}, {70, 20, 10}, {34, 33, 33}}};

// ---------------------------------------------------------------------------
// Small text helpers.

std::string Quote(std::string_view s) {
  std::string out = "\"";
  for (char c : s) {
    if (c == '"' || c == '\\') out += '\\';
    out += c;
  }
  out += '"';
  return out;
}

std::string Base64(std::string_view in) {
  static constexpr char kAlphabet[] =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  out.reserve((in.size() + 2) / 3 * 4);
  size_t i = 0;
  for (; i + 2 < in.size(); i += 3) {
    const uint32_t v = (uint8_t(in[i]) << 16) | (uint8_t(in[i + 1]) << 8) | uint8_t(in[i + 2]);
    out += kAlphabet[(v >> 18) & 63];
    out += kAlphabet[(v >> 12) & 63];
    out += kAlphabet[(v >> 6) & 63];
    out += kAlphabet[v & 63];
  }
  if (i < in.size()) {
    uint32_t v = uint8_t(in[i]) << 16;
    if (i + 1 < in.size()) v |= uint8_t(in[i + 1]) << 8;
    out += kAlphabet[(v >> 18) & 63];
    out += kAlphabet[(v >> 12) & 63];
    out += i + 1 < in.size() ? kAlphabet[(v >> 6) & 63] : '=';
    out += '=';
  }
  return out;
}

// A dummy PEM block of `lines` 64-character lines of random base64.
std::string DummyPem(Rng& rng, std::string_view label, int lines) {
  std::string pem = "-----BEGIN " + std::string(label) + "-----\n";
  for (int i = 0; i < lines; ++i) {
    std::string raw(48, '\0');
    for (char& c : raw) c = static_cast<char>(rng.Below(256));
    pem += Base64(raw) + "\n";
  }
  pem += "-----END " + std::string(label) + "-----\n";
  return pem;
}

// Accumulates one YAML document; Line() indents by two spaces per level.
class Doc {
 public:
  Doc& Line(int level, std::string_view text) {
    text_.append(static_cast<size_t>(level) * 2, ' ');
    text_ += text;
    text_ += '\n';
    return *this;
  }
  Doc& Field(int level, std::string_view key, std::string_view value) {
    return Line(level, std::string(key) + ": " + std::string(value));
  }
  Doc& Metadata(std::string_view name, std::string_view ns) {
    Line(0, "metadata:");
    Field(1, "name", name);
    if (!ns.empty()) Field(1, "namespace", ns);
    return *this;
  }
  std::string Take() { return std::move(text_); }

 private:
  std::string text_ = "---\n";
};

// ---------------------------------------------------------------------------
// The plan: what exists, decided before anything is rendered, so that every
// reference (backendRefs, parentRefs, certificateRefs, grants) can point at
// an object that is really there.

struct ServicePort {
  std::string name;
  int port = 0;
  int target = 0;  // 0: named targetPort
};

struct Service {
  std::string name;
  std::string app;
  std::string role;
  std::vector<ServicePort> ports;
};

struct Grant {
  std::string to_ns;
  std::string service;  // empty: every Service in to_ns
  std::string target;   // the Service in to_ns that routes use
  int target_port = 0;
};

struct Gateway {
  std::string name;
  std::string cert_secret;
};

struct Namespace {
  std::string name;
  std::string team;
  std::vector<Service> services;
  std::vector<Gateway> gateways;
  int ingresses = 0;
  int routes = 0;
  int extra_secrets = 0;  // per-Ingress certificates (and spares)
  std::vector<std::pair<std::string, Grant>> incoming_grants;  // from_ns, to
  std::vector<Grant> outgoing;  // grants other namespaces gave this one
  std::string wildcard_secret;
};

struct Counts {
  int namespaces = 0;
  int gateway_classes = 1;
  int gateways = 0;
  int services = 0;
  int ingresses = 0;
  int routes = 0;
  int secrets = 0;  // total, including gateway and wildcard certs
  int grants = 0;
};

// Below this the fixed objects (Namespace, GatewayClass, Gateway and its
// certificate, ...) leave no room for the mix.
constexpr int kMinResources = 10;

struct Options {
  uint64_t seed = 1;
  int resources = 0;
  int files = 0;  // 0: resources / 25
  int broken_permille = 5;
  std::string out;
};

// Splits `total` into `parts` near-equal shares; returns share `index`.
int Share(int total, int parts, int index) {
  return total / parts + (index < total % parts ? 1 : 0);
}

// Decides how many objects of each kind the corpus has; they add up to R.
std::optional<Counts> PlanCounts(int resources) {
  Counts c;
  const int64_t r = resources;
  c.namespaces = std::max<int>(1, resources / 250);
  c.gateways = std::max<int>(c.namespaces, static_cast<int>(r * 2 / 100));
  c.services = std::max<int>(c.namespaces, static_cast<int>(r * 30 / 100));
  c.routes = static_cast<int>(r * 25 / 100);
  c.ingresses = static_cast<int>(r * 35 / 100);
  const int fixed =
      c.namespaces + c.gateway_classes + c.gateways + c.services + c.routes + c.ingresses;
  // Every Gateway has its certificate and every namespace a wildcard one.
  const int required_secrets = c.gateways + c.namespaces;
  int rest = resources - fixed - required_secrets;
  if (rest < 0) {
    c.ingresses += rest;  // small corpora: fewer Ingresses
    rest = 0;
    if (c.ingresses < 0) return std::nullopt;
  }
  c.grants = c.namespaces > 1 ? rest / 3 : 0;
  c.secrets = required_secrets + rest - c.grants;
  return c;
}

std::string ServiceName(int index) {
  const size_t cycle = kApps.size() * kRoles.size();
  std::string name = std::string(kApps[index % kApps.size()]) + "-" +
                     std::string(kRoles[(index / kApps.size()) % kRoles.size()]);
  if (static_cast<size_t>(index) >= cycle) {
    name += "-" + std::to_string(index / cycle);
  }
  return name;
}

Service PlanService(Rng& rng, int index) {
  Service s;
  s.name = ServiceName(index);
  s.app = std::string(kApps[index % kApps.size()]);
  s.role = std::string(kRoles[(index / kApps.size()) % kRoles.size()]);
  const bool low_port = rng.Percent(80);
  s.ports.push_back({"http", low_port ? 80 : 8080, rng.Percent(50) ? 8080 : 0});
  const int extra = rng.Range(0, 2);
  std::set<size_t> used;
  for (int i = 0; i < extra; ++i) {
    const size_t pick = rng.Below(kExtraPorts.size());
    if (!used.insert(pick).second) continue;
    const PortTemplate& t = kExtraPorts[pick];
    s.ports.push_back({std::string(t.name), t.port, t.target});
  }
  return s;
}

std::vector<Namespace> PlanNamespaces(Rng& rng, const Counts& c) {
  std::vector<Namespace> all(static_cast<size_t>(c.namespaces));
  const int extra_secrets = c.secrets - c.gateways - c.namespaces;
  for (int i = 0; i < c.namespaces; ++i) {
    Namespace& ns = all[i];
    ns.team = std::string(kTeams[i % kTeams.size()]);
    ns.name = ns.team + "-" + std::string(kEnvs[(i / kTeams.size()) % 3]) + "-" + std::to_string(i);
    const int services = Share(c.services, c.namespaces, i);
    for (int k = 0; k < services; ++k) {
      ns.services.push_back(PlanService(rng, k));
    }
    const int gateways = Share(c.gateways, c.namespaces, i);
    for (int k = 0; k < gateways; ++k) {
      const std::string name = "gw-" + std::to_string(k);
      ns.gateways.push_back({name, name + "-tls"});
    }
    ns.ingresses = Share(c.ingresses, c.namespaces, i);
    ns.routes = Share(c.routes, c.namespaces, i);
    ns.extra_secrets = Share(extra_secrets, c.namespaces, i);
    ns.wildcard_secret = "wildcard-" + ns.name + "-tls";
  }
  // ReferenceGrant g lives in namespace g % N and lets HTTPRoutes from a
  // different namespace reach its Services (every one, or a named one).
  for (int g = 0; g < c.grants; ++g) {
    Namespace& to = all[g % c.namespaces];
    const int offset = 1 + (g / c.namespaces) % (c.namespaces - 1);
    Namespace& from = all[(g % c.namespaces + offset) % c.namespaces];
    const Service& target = rng.Pick(to.services);
    Grant grant{to.name, rng.Percent(50) ? target.name : "", target.name, target.ports[0].port};
    to.incoming_grants.push_back({from.name, grant});
    from.outgoing.push_back(grant);
  }
  return all;
}

// ---------------------------------------------------------------------------
// Rendering.

std::string RenderNamespace(const Namespace& ns) {
  Doc d;
  d.Line(0, "apiVersion: v1").Line(0, "kind: Namespace");
  d.Metadata(ns.name, "");
  d.Line(1, "labels:");
  d.Field(2, "team", ns.team);
  d.Field(2, "kubernetes.io/metadata.name", ns.name);
  return d.Take();
}

std::string RenderGatewayClass() {
  Doc d;
  d.Line(0, "apiVersion: gateway.networking.k8s.io/v1").Line(0, "kind: GatewayClass");
  d.Metadata("bench", "");
  d.Line(0, "spec:");
  d.Field(1, "controllerName", "example.com/gateway-controller");
  d.Field(1, "description", Quote("Shared gateway class of the bench corpus"));
  return d.Take();
}

std::string RenderTlsSecret(Rng& rng, std::string_view name, std::string_view ns) {
  Doc d;
  d.Line(0, "apiVersion: v1").Line(0, "kind: Secret");
  d.Metadata(name, ns);
  d.Field(0, "type", "kubernetes.io/tls");
  d.Line(0, "data:");
  d.Field(1, "tls.crt", Base64(DummyPem(rng, "CERTIFICATE", 6)));
  d.Field(1, "tls.key", Base64(DummyPem(rng, "PRIVATE KEY", 3)));
  return d.Take();
}

std::string RenderService(Rng& rng, const Service& s, std::string_view ns) {
  Doc d;
  d.Line(0, "apiVersion: v1").Line(0, "kind: Service");
  d.Metadata(s.name, ns);
  d.Line(1, "labels:");
  d.Field(2, "app.kubernetes.io/name", s.app);
  d.Field(2, "app.kubernetes.io/component", s.role);
  d.Line(0, "spec:");
  if (rng.Percent(60)) d.Field(1, "type", "ClusterIP");
  d.Line(1, "selector:");
  d.Field(2, "app.kubernetes.io/name", s.app);
  d.Field(2, "app.kubernetes.io/component", s.role);
  d.Line(1, "ports:");
  for (const ServicePort& p : s.ports) {
    d.Field(1, "- name", p.name);
    d.Field(2, "port", std::to_string(p.port));
    d.Field(2, "targetPort", p.target != 0 ? std::to_string(p.target) : p.name);
    d.Field(2, "protocol", "TCP");
  }
  return d.Take();
}

std::string RenderGateway(const Gateway& gw, std::string_view ns) {
  Doc d;
  d.Line(0, "apiVersion: gateway.networking.k8s.io/v1").Line(0, "kind: Gateway");
  d.Metadata(gw.name, ns);
  d.Line(0, "spec:");
  d.Field(1, "gatewayClassName", "bench");
  d.Line(1, "listeners:");
  d.Field(1, "- name", "http");
  d.Field(2, "protocol", "HTTP");
  d.Field(2, "port", "80");
  d.Line(2, "allowedRoutes:");
  d.Line(3, "namespaces:");
  d.Field(4, "from", "Same");
  d.Field(1, "- name", "https");
  d.Field(2, "protocol", "HTTPS");
  d.Field(2, "port", "443");
  d.Field(2, "hostname", Quote("*." + gw.name + "." + std::string(ns) + ".example.com"));
  d.Line(2, "tls:");
  d.Field(3, "mode", "Terminate");
  d.Line(3, "certificateRefs:");
  d.Field(3, "- kind", "Secret");
  d.Field(4, "name", gw.cert_secret);
  return d.Take();
}

std::string RenderGrant(std::string_view name, std::string_view from_ns, const Grant& grant) {
  Doc d;
  d.Line(0, "apiVersion: gateway.networking.k8s.io/v1").Line(0, "kind: ReferenceGrant");
  d.Metadata(name, grant.to_ns);
  d.Line(0, "spec:");
  d.Line(1, "from:");
  d.Field(1, "- group", "gateway.networking.k8s.io");
  d.Field(2, "kind", "HTTPRoute");
  d.Field(2, "namespace", from_ns);
  d.Line(1, "to:");
  d.Field(1, "- group", Quote(""));
  d.Field(2, "kind", "Service");
  if (!grant.service.empty()) d.Field(2, "name", grant.service);
  return d.Take();
}

// A random absolute path of 1-3 segments, e.g. /api/v2/items.
std::string RandomPath(Rng& rng) {
  std::string path;
  const int depth = rng.Range(1, 3);
  for (int i = 0; i < depth; ++i) {
    path += "/" + std::string(rng.Pick(kSegments));
  }
  return path;
}

// ---- Ingress (ingress-nginx flavoured).

struct IngressStyle {
  std::vector<std::pair<std::string, std::string>> annotations;
  bool rewrite_regex = false;  // paths like /x(/|$)(.*), ImplementationSpecific
  bool plain_regex = false;    // paths like /x/v[0-9]+/.*, ImplementationSpecific
};

IngressStyle PickIngressStyle(Rng& rng) {
  IngressStyle st;
  auto add = [&st](std::string_view key, std::string_view value) {
    st.annotations.push_back(
        {"nginx.ingress.kubernetes.io/" + std::string(key), std::string(value)});
  };
  // Families of related annotations; the widest adds three.
  constexpr size_t kMaxAnnotations = 6;
  constexpr std::array<size_t, 10> kFamilyWidth = {2, 1, 1, 3, 2, 1, 1, 1, 2, 1};
  const size_t target = static_cast<size_t>(rng.Range(2, 6));
  std::set<int> families;
  while (st.annotations.size() < target && families.size() < 10) {
    const int family = rng.Range(0, 9);
    if (!families.insert(family).second) continue;
    if (st.annotations.size() + kFamilyWidth[family] > kMaxAnnotations) continue;
    switch (family) {
      case 0:
        if (!st.plain_regex) {
          add("rewrite-target", "/$2");
          add("use-regex", "true");
          st.rewrite_regex = true;
        }
        break;
      case 1:
        add("ssl-redirect", rng.Percent(70) ? "true" : "false");
        break;
      case 2:
        add("proxy-body-size", rng.Pick(std::array<std::string_view, 4>{"8m", "16m", "1m", "64m"}));
        break;
      case 3:
        add("enable-cors", "true");
        add("cors-allow-origin", "https://app.example.com");
        if (rng.Percent(50)) add("cors-allow-methods", "GET, POST, PUT, OPTIONS");
        break;
      case 4:
        add("proxy-read-timeout", "60");
        if (rng.Percent(50)) add("proxy-send-timeout", "60");
        break;
      case 5:
        add("force-ssl-redirect", "true");
        break;
      case 6:
        add("limit-rps", std::to_string(rng.Range(5, 50)));
        break;
      case 7:
        add("whitelist-source-range", "10.0.0.0/8,192.168.0.0/16");
        break;
      case 8:
        add("affinity", "cookie");
        add("session-cookie-name", "route");
        break;
      case 9:
        if (!st.rewrite_regex) {
          add("use-regex", "true");
          st.plain_regex = true;
        }
        break;
    }
  }
  return st;
}

struct IngressPath {
  std::string path;
  std::string type;
};

IngressPath PickIngressPath(Rng& rng, const IngressStyle& st, int index) {
  if (st.rewrite_regex) {
    return {RandomPath(rng) + "(/|$)(.*)", "ImplementationSpecific"};
  }
  if (st.plain_regex && rng.Percent(50)) {
    return {RandomPath(rng) + "/v[0-9]+/.*", "ImplementationSpecific"};
  }
  if (index == 0 && rng.Percent(40)) return {"/", "Prefix"};
  if (rng.Percent(20)) return {"/healthz", "Exact"};
  return {RandomPath(rng), "Prefix"};
}

void RenderIngressBackend(Rng& rng, Doc& d, int level, const Service& s) {
  d.Line(level, "service:");
  d.Field(level + 1, "name", s.name);
  d.Line(level + 1, "port:");
  const ServicePort& p = s.ports[rng.Percent(85) ? 0 : rng.Below(s.ports.size())];
  if (rng.Percent(80)) {
    d.Field(level + 2, "number", std::to_string(p.port));
  } else {
    d.Field(level + 2, "name", p.name);
  }
}

// Picks the Service for a backend: mostly the object's own, sometimes another.
const Service& PickBackend(Rng& rng, const Namespace& ns, int primary) {
  if (rng.Percent(75)) return ns.services[primary];
  return rng.Pick(ns.services);
}

struct IngressResult {
  std::string doc;
  std::string tls_secret;  // empty: no TLS or the wildcard certificate
};

IngressResult RenderIngress(Rng& rng, const Namespace& ns, int index, bool own_cert) {
  const int primary = index % static_cast<int>(ns.services.size());
  const std::string name = ns.services[primary].name + "-ing" +
                           (index >= static_cast<int>(ns.services.size())
                                ? "-" + std::to_string(index / ns.services.size())
                                : "");
  const IngressStyle st = PickIngressStyle(rng);
  const int rules = rng.Range(1, 4);
  std::vector<std::string> hosts;
  for (int r = 0; r < rules; ++r) {
    hosts.push_back(name + (r == 0 ? "" : "-r" + std::to_string(r)) + "." + ns.name +
                    ".example.org");
  }
  Doc d;
  d.Line(0, "apiVersion: networking.k8s.io/v1").Line(0, "kind: Ingress");
  d.Metadata(name, ns.name);
  d.Line(1, "labels:");
  d.Field(2, "app.kubernetes.io/name", ns.services[primary].app);
  d.Line(1, "annotations:");
  for (const auto& [key, value] : st.annotations) d.Field(2, key, Quote(value));
  d.Line(0, "spec:");
  d.Field(1, "ingressClassName", "nginx");
  IngressResult result;
  if (rng.Percent(50)) {
    result.tls_secret = own_cert ? name + "-tls" : "";
    d.Line(1, "tls:");
    d.Line(1, "- hosts:");
    for (const std::string& h : hosts) d.Line(2, "- " + h);
    d.Field(2, "secretName", own_cert ? result.tls_secret : ns.wildcard_secret);
  }
  if (rng.Percent(10)) {
    d.Line(1, "defaultBackend:");
    RenderIngressBackend(rng, d, 2, ns.services[primary]);
  }
  d.Line(1, "rules:");
  for (int r = 0; r < rules; ++r) {
    d.Field(1, "- host", hosts[r]);
    d.Line(2, "http:");
    d.Line(3, "paths:");
    std::set<std::string> seen;
    const int paths = rng.Range(1, 3);
    for (int p = 0; p < paths; ++p) {
      const IngressPath ip = PickIngressPath(rng, st, p);
      if (!seen.insert(ip.path + " " + ip.type).second) continue;
      d.Field(3, "- path", Quote(ip.path));
      d.Field(4, "pathType", ip.type);
      d.Line(4, "backend:");
      RenderIngressBackend(rng, d, 5, PickBackend(rng, ns, primary));
    }
  }
  result.doc = d.Take();
  return result;
}

// ---- HTTPRoute.

struct RouteContext {
  const Namespace* ns = nullptr;
  int primary = 0;
  bool broken = false;  // one backendRef names a missing Service
  bool broken_done = false;
};

struct MatchSpec {
  std::string path_type;
  std::string path;
  std::optional<HeaderChoice> header;
  std::optional<std::string_view> method;
  std::string Key() const {
    return path_type + path + (header ? std::string(header->name) : "") +
           (method ? std::string(*method) : "");
  }
};

std::vector<MatchSpec> PickMatches(Rng& rng, std::set<std::string>& seen) {
  std::vector<MatchSpec> matches;
  const int count = rng.Range(1, 3);
  for (int attempt = 0; attempt < count * 3 && static_cast<int>(matches.size()) < count;
       ++attempt) {
    MatchSpec m;
    m.path_type = rng.Percent(70) ? "PathPrefix" : "Exact";
    m.path = RandomPath(rng);
    if (rng.Percent(20)) m.header = rng.Pick(kMatchHeaders);
    if (rng.Percent(15)) m.method = rng.Pick(kMethods);
    if (seen.insert(m.Key()).second) matches.push_back(std::move(m));
  }
  return matches;
}

void RenderMatches(Doc& d, const std::vector<MatchSpec>& matches) {
  d.Line(2, "matches:");
  for (const MatchSpec& m : matches) {
    d.Line(2, "- path:");
    d.Field(4, "type", m.path_type);
    d.Field(4, "value", m.path);
    if (m.header) {
      d.Line(3, "headers:");
      d.Field(3, "- type", "Exact");
      d.Field(4, "name", m.header->name);
      d.Field(4, "value", Quote(m.header->value));
    }
    if (m.method) d.Field(3, "method", *m.method);
  }
}

enum class FilterKind { kNone, kHeaders, kRewrite, kRedirect };

// Filters of one rule; a redirect rule gets no backendRefs.
FilterKind RenderFilters(Rng& rng, Doc& d, const std::vector<MatchSpec>& m,
                         const std::string& host) {
  const int roll = rng.Range(0, 99);
  FilterKind kind = roll < 15   ? FilterKind::kHeaders
                    : roll < 25 ? FilterKind::kRewrite
                    : roll < 30 ? FilterKind::kRedirect
                                : FilterKind::kNone;
  if (kind == FilterKind::kNone) return kind;
  d.Line(2, "filters:");
  if (kind == FilterKind::kHeaders) {
    d.Field(2, "- type", "RequestHeaderModifier");
    d.Line(3, "requestHeaderModifier:");
    d.Line(4, "set:");
    d.Field(4, "- name", "X-Forwarded-Prefix");
    d.Field(5, "value", m[0].path);
    if (rng.Percent(50)) {
      d.Line(4, "add:");
      d.Field(4, "- name", "X-Route-Source");
      d.Field(5, "value", "gateway");
    }
    if (rng.Percent(30)) {
      d.Line(4, "remove:");
      d.Line(4, "- X-Debug");
    }
  } else if (kind == FilterKind::kRewrite) {
    d.Field(2, "- type", "URLRewrite");
    d.Line(3, "urlRewrite:");
    d.Field(4, "hostname", "internal." + host);
    // ReplacePrefixMatch needs exactly one PathPrefix match (CEL rule).
    if (m.size() == 1 && m[0].path_type == "PathPrefix") {
      d.Line(4, "path:");
      d.Field(5, "type", "ReplacePrefixMatch");
      d.Field(5, "replacePrefixMatch", "/");
    }
  } else {
    d.Field(2, "- type", "RequestRedirect");
    d.Line(3, "requestRedirect:");
    d.Field(4, "scheme", "https");
    d.Field(4, "statusCode", rng.Percent(50) ? "301" : "302");
  }
  return kind;
}

struct BackendRef {
  std::string ns;  // empty: the route's own namespace
  std::string name;
  int port = 0;
};

// Picks 1-3 distinct backends; 3% go to another namespace through a grant.
std::vector<BackendRef> PickBackendRefs(Rng& rng, const RouteContext& ctx) {
  const Namespace& ns = *ctx.ns;
  const int wanted = rng.Percent(60) ? 1 : rng.Range(2, 3);
  std::vector<BackendRef> refs;
  std::set<std::string> used;
  for (int i = 0; i < wanted; ++i) {
    BackendRef ref;
    if (!ns.outgoing.empty() && rng.Percent(3)) {
      const Grant& g = rng.Pick(ns.outgoing);
      ref = {g.to_ns, g.target, g.target_port};
    } else {
      const Service& local = PickBackend(rng, ns, ctx.primary);
      const size_t port = rng.Percent(90) ? 0 : rng.Below(local.ports.size());
      ref = {"", local.name, local.ports[port].port};
    }
    if (used.insert(ref.ns + "/" + ref.name).second) refs.push_back(ref);
  }
  return refs;
}

void RenderBackendRefs(Rng& rng, Doc& d, RouteContext& ctx) {
  std::vector<BackendRef> refs = PickBackendRefs(rng, ctx);
  if (ctx.broken && !ctx.broken_done) {
    refs.back().name = "legacy-" + refs.back().name;
    ctx.broken_done = true;
  }
  const std::array<int, 3>& weights = kWeights[refs.size() == 2 ? rng.Below(4) : 4 + rng.Below(2)];
  d.Line(2, "backendRefs:");
  for (size_t i = 0; i < refs.size(); ++i) {
    d.Field(2, "- name", refs[i].name);
    if (!refs[i].ns.empty()) d.Field(3, "namespace", refs[i].ns);
    d.Field(3, "port", std::to_string(refs[i].port));
    if (refs.size() > 1) d.Field(3, "weight", std::to_string(weights[i]));
  }
}

std::string RenderRoute(Rng& rng, RouteContext& ctx, int index) {
  const Namespace& ns = *ctx.ns;
  const Service& primary = ns.services[ctx.primary];
  const int svc_count = static_cast<int>(ns.services.size());
  const std::string name =
      primary.name + "-route" + (index >= svc_count ? "-" + std::to_string(index / svc_count) : "");
  const Gateway& gw = rng.Pick(ns.gateways);
  Doc d;
  d.Line(0, "apiVersion: gateway.networking.k8s.io/v1").Line(0, "kind: HTTPRoute");
  d.Metadata(name, ns.name);
  d.Line(1, "labels:");
  d.Field(2, "app.kubernetes.io/name", primary.app);
  d.Line(0, "spec:");
  d.Line(1, "parentRefs:");
  const int parent_roll = rng.Range(0, 99);
  if (parent_roll < 80) {
    d.Field(1, "- name", gw.name);
  } else {
    d.Field(1, "- name", gw.name);
    d.Field(2, "sectionName", "https");
    if (parent_roll < 95) {
      d.Field(1, "- name", gw.name);
      d.Field(2, "sectionName", "http");
    }
  }
  std::vector<std::string> hosts;
  const int host_count = rng.Range(1, 3);
  d.Line(1, "hostnames:");
  for (int h = 0; h < host_count; ++h) {
    hosts.push_back(name + (h == 0 ? "" : "-h" + std::to_string(h)) + "." + gw.name + "." +
                    ns.name + ".example.com");
    d.Line(1, "- " + hosts.back());
  }
  d.Line(1, "rules:");
  std::set<std::string> seen;
  const int rules = rng.Range(2, 6);
  for (int r = 0; r < rules; ++r) {
    std::vector<MatchSpec> matches = PickMatches(rng, seen);
    if (matches.empty()) continue;
    d.Line(1, "- name: rule-" + std::to_string(r));
    RenderMatches(d, matches);
    if (RenderFilters(rng, d, matches, hosts[0]) == FilterKind::kRedirect) {
      continue;
    }
    RenderBackendRefs(rng, d, ctx);
  }
  return d.Take();
}

// ---------------------------------------------------------------------------
// Corpus assembly and file layout.

struct Group {
  std::string dir;
  std::vector<std::string> docs;
};

struct Summary {
  Counts counts;
  int broken_routes = 0;
  int files = 0;
  uint64_t bytes = 0;
};

Group RenderCluster(const std::vector<Namespace>& all) {
  Group g{"cluster", {}};
  for (const Namespace& ns : all) g.docs.push_back(RenderNamespace(ns));
  g.docs.push_back(RenderGatewayClass());
  return g;
}

Group RenderNamespaceGroup(Rng& rng, const Namespace& ns, int broken_permille, Summary& summary) {
  Group g{ns.name, {}};
  g.docs.push_back(RenderTlsSecret(rng, ns.wildcard_secret, ns.name));
  for (const Gateway& gw : ns.gateways) {
    g.docs.push_back(RenderTlsSecret(rng, gw.cert_secret, ns.name));
    g.docs.push_back(RenderGateway(gw, ns.name));
  }
  for (size_t i = 0; i < ns.incoming_grants.size(); ++i) {
    const auto& [from, grant] = ns.incoming_grants[i];
    g.docs.push_back(RenderGrant("allow-" + from + "-" + std::to_string(i), from, grant));
  }
  // Per app: the Service, then the Ingresses and HTTPRoutes built around it.
  const int svc_count = static_cast<int>(ns.services.size());
  int own_certs_left = ns.extra_secrets;
  std::vector<std::string> own_secrets;
  for (int s = 0; s < svc_count; ++s) {
    g.docs.push_back(RenderService(rng, ns.services[s], ns.name));
    for (int i = s; i < ns.ingresses; i += svc_count) {
      IngressResult ing = RenderIngress(rng, ns, i, own_certs_left > 0);
      if (!ing.tls_secret.empty()) {
        --own_certs_left;
        own_secrets.push_back(ing.tls_secret);
      }
      g.docs.push_back(std::move(ing.doc));
    }
    for (int i = s; i < ns.routes; i += svc_count) {
      RouteContext ctx{&ns, s, rng.Permille(broken_permille), false};
      g.docs.push_back(RenderRoute(rng, ctx, i));
      if (ctx.broken_done) ++summary.broken_routes;
    }
  }
  for (const std::string& secret : own_secrets) {
    g.docs.push_back(RenderTlsSecret(rng, secret, ns.name));
  }
  for (int k = 0; k < own_certs_left; ++k) {
    g.docs.push_back(RenderTlsSecret(rng, "spare-cert-" + std::to_string(k) + "-tls", ns.name));
  }
  return g;
}

// Gives each group at least one file and the rest in proportion to its size.
std::vector<int> AllocateFiles(const std::vector<Group>& groups, int files, int total_docs) {
  std::vector<int> alloc(groups.size(), 1);
  int left = files - static_cast<int>(groups.size());
  std::vector<std::pair<int64_t, size_t>> order;  // (-remainder, index)
  for (size_t i = 0; i < groups.size() && left > 0; ++i) {
    const int64_t want = int64_t{files} * static_cast<int64_t>(groups[i].docs.size());
    const int extra = std::min<int>(static_cast<int>(want / total_docs) - 1,
                                    static_cast<int>(groups[i].docs.size()) - 1);
    if (extra > 0) {
      const int take = std::min(extra, left);
      alloc[i] += take;
      left -= take;
    }
  }
  for (size_t i = 0; i < groups.size(); ++i) {
    const int64_t want = int64_t{files} * static_cast<int64_t>(groups[i].docs.size());
    order.push_back({-(want % total_docs), i});
  }
  std::sort(order.begin(), order.end());
  while (left > 0) {
    bool gave = false;
    for (const auto& [neg_rem, i] : order) {
      if (left == 0) break;
      if (alloc[i] < static_cast<int>(groups[i].docs.size())) {
        ++alloc[i];
        --left;
        gave = true;
      }
    }
    if (!gave) break;
  }
  return alloc;
}

std::string FileName(const std::string& dir, int index, int count) {
  const int width = count > 999 ? 4 : 3;
  std::string number = std::to_string(index);
  if (static_cast<int>(number.size()) < width) {
    number.insert(0, static_cast<size_t>(width) - number.size(), '0');
  }
  return dir + "-" + number + ".yaml";
}

bool WriteGroup(const fs::path& root, const Group& g, int files, const Options& opt,
                Summary& summary) {
  const fs::path dir = root / g.dir;
  std::error_code ec;
  fs::create_directories(dir, ec);
  if (ec) {
    std::cerr << "gen_corpus: cannot create " << dir << ": " << ec.message() << "\n";
    return false;
  }
  const int docs = static_cast<int>(g.docs.size());
  int next = 0;
  for (int f = 0; f < files; ++f) {
    const int n = Share(docs, files, f);
    const fs::path path = dir / FileName(g.dir, f, files);
    std::ofstream out(path, std::ios::binary);
    std::string header =
        "# Generated by gen_corpus --seed " + std::to_string(opt.seed) + " (benchmark corpus).\n";
    out << header;
    summary.bytes += header.size();
    for (int i = 0; i < n; ++i, ++next) {
      out << g.docs[next];
      summary.bytes += g.docs[next].size();
    }
    if (!out) {
      std::cerr << "gen_corpus: cannot write " << path << "\n";
      return false;
    }
    ++summary.files;
  }
  return true;
}

// ---------------------------------------------------------------------------
// Command line.

void PrintUsage(std::ostream& os) {
  os << "usage: gen_corpus --seed N --resources R --out DIR [--files F]\n"
        "                  [--broken-permille P]\n"
        "Writes R resources (Ingress, Service, HTTPRoute, Gateway, ...) as\n"
        "multi-document YAML into DIR/<namespace>/, F files in all\n"
        "(default R/25). DIR must be absent or empty. P per mille of the\n"
        "HTTPRoutes reference a missing Service (default 5). R >= 10.\n";
}

bool ParseInt(std::string_view text, int64_t min, int64_t max, int64_t& out) {
  if (text.empty()) return false;
  int64_t v = 0;
  for (char c : text) {
    if (c < '0' || c > '9') return false;
    v = v * 10 + (c - '0');
    if (v > max) return false;
  }
  if (v < min) return false;
  out = v;
  return true;
}

std::optional<Options> ParseArgs(int argc, char** argv) {
  Options opt;
  for (int i = 1; i < argc; ++i) {
    const std::string_view arg = argv[i];
    if (arg == "-h" || arg == "--help") {
      PrintUsage(std::cout);
      std::exit(0);
    }
    if (i + 1 >= argc) {
      std::cerr << "gen_corpus: " << arg << " needs a value (or is unknown)\n";
      return std::nullopt;
    }
    const std::string_view value = argv[++i];
    int64_t n = 0;
    bool ok = true;
    if (arg == "--seed") {
      ok = ParseInt(value, 0, 1'000'000'000'000'000, n);
      opt.seed = static_cast<uint64_t>(n);
    } else if (arg == "--resources") {
      ok = ParseInt(value, kMinResources, 50'000'000, n);
      opt.resources = static_cast<int>(n);
    } else if (arg == "--files") {
      ok = ParseInt(value, 1, 50'000'000, n);
      opt.files = static_cast<int>(n);
    } else if (arg == "--broken-permille") {
      ok = ParseInt(value, 0, 1000, n);
      opt.broken_permille = static_cast<int>(n);
    } else if (arg == "--out") {
      opt.out = std::string(value);
    } else {
      std::cerr << "gen_corpus: unknown option " << arg << "\n";
      return std::nullopt;
    }
    if (!ok) {
      std::cerr << "gen_corpus: bad value for " << arg << ": " << value << "\n";
      return std::nullopt;
    }
  }
  if (opt.resources == 0 || opt.out.empty()) {
    std::cerr << "gen_corpus: --resources and --out are required\n";
    return std::nullopt;
  }
  return opt;
}

bool PrepareOutDir(const fs::path& out) {
  std::error_code ec;
  if (fs::exists(out, ec) && !fs::is_empty(out, ec)) {
    std::cerr << "gen_corpus: " << out << " exists and is not empty\n";
    return false;
  }
  fs::create_directories(out, ec);
  if (ec) {
    std::cerr << "gen_corpus: cannot create " << out << ": " << ec.message() << "\n";
    return false;
  }
  return true;
}

void PrintSummary(const Options& opt, const Summary& s) {
  const Counts& c = s.counts;
  std::cout << "{\"seed\":" << opt.seed << ",\"resources\":" << opt.resources
            << ",\"files\":" << s.files << ",\"bytes\":" << s.bytes
            << ",\"Namespace\":" << c.namespaces << ",\"GatewayClass\":" << c.gateway_classes
            << ",\"Gateway\":" << c.gateways << ",\"Service\":" << c.services
            << ",\"Ingress\":" << c.ingresses << ",\"HTTPRoute\":" << c.routes
            << ",\"Secret\":" << c.secrets << ",\"ReferenceGrant\":" << c.grants
            << ",\"broken_routes\":" << s.broken_routes << "}\n";
}

}  // namespace

int main(int argc, char** argv) {
  const std::optional<Options> opt = ParseArgs(argc, argv);
  if (!opt) {
    PrintUsage(std::cerr);
    return 2;
  }
  const std::optional<Counts> counts = PlanCounts(opt->resources);
  if (!counts) {
    std::cerr << "gen_corpus: internal error: no plan for --resources " << opt->resources << "\n";
    return 2;
  }
  if (!PrepareOutDir(opt->out)) return 2;

  Rng rng(opt->seed);
  Summary summary;
  summary.counts = *counts;
  const std::vector<Namespace> plan = PlanNamespaces(rng, *counts);
  std::vector<Group> groups;
  groups.push_back(RenderCluster(plan));
  for (const Namespace& ns : plan) {
    groups.push_back(RenderNamespaceGroup(rng, ns, opt->broken_permille, summary));
  }

  int total_docs = 0;
  for (const Group& g : groups) total_docs += static_cast<int>(g.docs.size());
  if (total_docs != opt->resources) {
    std::cerr << "gen_corpus: internal error: planned " << opt->resources << " resources, rendered "
              << total_docs << "\n";
    return 2;
  }
  int files = opt->files != 0 ? opt->files : std::max(1, opt->resources / 25);
  files = std::clamp(files, static_cast<int>(groups.size()), total_docs);
  if (opt->files != 0 && files != opt->files) {
    std::cerr << "gen_corpus: --files " << opt->files << " adjusted to " << files
              << " (one folder per namespace, at most one file per resource)\n";
  }
  const std::vector<int> alloc = AllocateFiles(groups, files, total_docs);
  for (size_t i = 0; i < groups.size(); ++i) {
    if (!WriteGroup(opt->out, groups[i], alloc[i], *opt, summary)) return 2;
  }
  PrintSummary(*opt, summary);
  return 0;
}

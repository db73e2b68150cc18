// Copyright 2026 The gwc Authors.
//
// The IR of lowered Ingresses written out as Gateway API resources, and the
// report of what each Ingress's annotations became.

#include "compiler/migrate/migrate.h"

#include <algorithm>
#include <initializer_list>
#include <map>
#include <memory>
#include <set>
#include <tuple>
#include <unordered_map>
#include <unordered_set>

#include "compiler/base/parallel.h"
#include "compiler/base/strings.h"
#include "compiler/ir/first_match.h"
#include "compiler/migrate/yaml_doc.h"
#include "compiler/model/controller_annotations.h"
#include "compiler/model/hostname.h"

namespace gwc {

namespace {

constexpr std::string_view kGatewayApiVersion = "gateway.networking.k8s.io/v1";
constexpr std::string_view kEnvoyGatewayGroup = "gateway.envoyproxy.io";
constexpr size_t kMaxRulesPerRoute = 16;  // HTTPRoute spec.rules maxItems
constexpr size_t kMaxListeners = 64;      // Gateway and ListenerSet spec.listeners maxItems

std::string SourceKind(const ir::Route& r) { return r.kind == ir::RouteKind::kVirtualService ? "VirtualService" : "Ingress"; }
std::string Display(const ir::Route& r) { return SourceKind(r) + " " + r.ns + "/" + r.name; }

// A Gateway API duration (GEP-2257) for a whole number of milliseconds.
// GEP-2257 allows at most five digits per unit: longer ones are split
// into hours, minutes, seconds and milliseconds.
std::string Duration(uint32_t ms) {
  if (ms % 1000 == 0 && ms / 1000 <= 99999) return std::to_string(ms / 1000) + "s";
  if (ms <= 99999) return std::to_string(ms) + "ms";
  std::string out;
  for (auto [unit, size] : {std::pair{"h", 3600000u}, {"m", 60000u}, {"s", 1000u}, {"ms", 1u}}) {
    if (ms / size) out += std::to_string(ms / size) + unit;
    ms %= size;
  }
  return out;
}

YamlDoc Metadata(const std::string& ns, const std::string& name) {
  YamlDoc m = YamlDoc::Map();
  m.Set("name", YamlDoc::Str(name));
  m.Set("namespace", YamlDoc::Str(ns));
  return m;
}

YamlDoc Resource(std::string_view api_version, std::string_view kind, const std::string& ns, const std::string& name) {
  YamlDoc d = YamlDoc::Map();
  d.Set("apiVersion", YamlDoc::Str(std::string(api_version)));
  d.Set("kind", YamlDoc::Str(std::string(kind)));
  d.Set("metadata", Metadata(ns, name));
  return d;
}

// The path value as written: a prefix keeps the trailing slashes the IR
// trimmed (their count is in path_chars; the default backend's is 0).
std::string WrittenPath(const ir::Match& m) {
  if (m.path_kind != PathKind::kPrefix || m.path == "/" || m.path_chars <= m.path.size()) return m.path;
  return m.path + std::string(m.path_chars - m.path.size(), '/');
}

YamlDoc Conditions(const std::vector<ir::Condition>& conditions) {
  YamlDoc seq = YamlDoc::Seq();
  for (const ir::Condition& c : conditions) {
    YamlDoc& d = seq.Add(YamlDoc::Map());
    if (c.regex) d.Set("type", YamlDoc::Str("RegularExpression"));
    d.Set("name", YamlDoc::Str(c.name));
    d.Set("value", YamlDoc::Str(c.value));
  }
  return seq;
}

YamlDoc MatchDoc(const ir::Match& m) {
  YamlDoc d = YamlDoc::Map();
  YamlDoc path = YamlDoc::Map();
  path.Set("type", YamlDoc::Str(m.path_kind == PathKind::kExact    ? "Exact"
                                : m.path_kind == PathKind::kPrefix ? "PathPrefix"
                                                                   : "RegularExpression"));
  path.Set("value", YamlDoc::Str(WrittenPath(m)));
  d.Set("path", std::move(path));
  if (!m.headers.empty()) d.Set("headers", Conditions(m.headers));
  if (!m.query.empty()) d.Set("queryParams", Conditions(m.query));
  if (!m.method.empty()) d.Set("method", YamlDoc::Str(m.method));
  return d;
}

YamlDoc BackendRef(const ir::Backend& b, const std::string& route_ns, bool weighted) {
  YamlDoc d = YamlDoc::Map();
  d.Set("name", YamlDoc::Str(b.name));
  if (b.ns != route_ns) d.Set("namespace", YamlDoc::Str(b.ns));
  if (b.port) d.Set("port", YamlDoc::Int(b.port));
  if (weighted) d.Set("weight", YamlDoc::Int(b.weight));
  return d;
}

// A filter's set or add list: one entry per header name (names compare
// ignoring case, and a Gateway API filter ignores all but the first), so
// edits of one name are merged as the source applied them in order: a
// later set replaces the value, a later add appends to it.
class HeaderList {
 public:
  void Put(const ir::HeaderEdit& e) {
    auto [it, fresh] = index_.emplace(AsciiLower(e.name), entries_.size());
    if (fresh) {
      entries_.emplace_back(e.name, e.value);
    } else if (e.op == ir::HeaderEdit::kSet) {
      entries_[it->second].second = e.value;
    } else {
      entries_[it->second].second += "," + e.value;
    }
  }
  YamlDoc Doc() const {
    YamlDoc seq = YamlDoc::Seq();
    for (const auto& [name, value] : entries_) {
      YamlDoc& h = seq.Add(YamlDoc::Map());
      h.Set("name", YamlDoc::Str(name));
      h.Set("value", YamlDoc::Str(value));
    }
    return seq;
  }
  bool empty() const { return entries_.empty(); }

 private:
  std::vector<std::pair<std::string, std::string>> entries_;
  std::map<std::string, size_t> index_;
};

YamlDoc HeaderModifier(const std::vector<ir::HeaderEdit>& edits) {
  YamlDoc d = YamlDoc::Map();
  HeaderList set, add;
  YamlDoc remove = YamlDoc::Seq();
  for (const ir::HeaderEdit& e : edits) {
    if (e.op == ir::HeaderEdit::kRemove) {
      remove.Add(YamlDoc::Str(e.name));
      continue;
    }
    (e.op == ir::HeaderEdit::kSet ? set : add).Put(e);
  }
  if (!set.empty()) d.Set("set", set.Doc());
  if (!add.empty()) d.Set("add", add.Doc());
  if (!remove.empty()) d.Set("remove", std::move(remove));
  return d;
}

YamlDoc PathModifierDoc(const ir::PathModifier& p) {
  YamlDoc d = YamlDoc::Map();
  d.Set("type", YamlDoc::Str(p.replace_prefix ? "ReplacePrefixMatch" : "ReplaceFullPath"));
  d.Set(p.replace_prefix ? "replacePrefixMatch" : "replaceFullPath", YamlDoc::Str(p.value));
  return d;
}

YamlDoc Filter(const std::string& type, const std::string& field, YamlDoc value) {
  YamlDoc d = YamlDoc::Map();
  d.Set("type", YamlDoc::Str(type));
  d.Set(field, std::move(value));
  return d;
}

YamlDoc RedirectDoc(const ir::Redirect& r) {
  YamlDoc d = YamlDoc::Map();
  if (r.scheme) d.Set("scheme", YamlDoc::Str(*r.scheme));
  if (r.hostname) d.Set("hostname", YamlDoc::Str(*r.hostname));
  if (r.path) d.Set("path", PathModifierDoc(*r.path));
  if (r.port) d.Set("port", YamlDoc::Int(*r.port));
  d.Set("statusCode", YamlDoc::Int(r.status));
  return d;
}

YamlDoc CorsDoc(const ir::Cors& c) {
  YamlDoc d = YamlDoc::Map();
  if (!c.allow_origins.empty()) d.Set("allowOrigins", YamlDoc::StrSeq(c.allow_origins));
  if (!c.allow_methods.empty()) d.Set("allowMethods", YamlDoc::StrSeq(c.allow_methods));
  if (!c.allow_headers.empty()) d.Set("allowHeaders", YamlDoc::StrSeq(c.allow_headers));
  if (!c.expose_headers.empty()) d.Set("exposeHeaders", YamlDoc::StrSeq(c.expose_headers));
  if (c.allow_credentials) d.Set("allowCredentials", YamlDoc::Bool(true));
  d.Set("maxAge", YamlDoc::Int(c.max_age));
  return d;
}

bool IsDefaultBackendRule(const ir::Rule& r) {
  return std::all_of(r.matches.begin(), r.matches.end(), [](const ir::Match& m) { return m.path_chars == 0; });
}

// Sorts `items` by `key` (a tuple of references), moving each item once:
// the records are large and many.
template <typename T, typename Key>
void SortBy(std::vector<T>* items, Key key) {
  std::vector<uint32_t> order(items->size());
  for (uint32_t i = 0; i < order.size(); ++i) order[i] = i;
  std::sort(order.begin(), order.end(), [&](uint32_t a, uint32_t b) { return key((*items)[a]) < key((*items)[b]); });
  std::vector<T> sorted;
  sorted.reserve(items->size());
  for (uint32_t i : order) sorted.push_back(std::move((*items)[i]));
  *items = std::move(sorted);
}

// A rule placed on a listener, with the Ingress route it came from.
struct Placed {
  const ir::Route* route;
  const ir::Rule* rule;
};

// Catch-all rules (default backends) last; then the older Ingress first,
// then the Ingress's own order: the output's rule order then breaks every
// precedence tie the way the input did.
bool PlacedBefore(const Placed& a, const Placed& b) {
  bool da = IsDefaultBackendRule(*a.rule), db = IsDefaultBackendRule(*b.rule);
  if (da != db) return db;
  if (a.route != b.route) {
    if (ir::RouteBefore(*a.route, *b.route)) return true;
    if (ir::RouteBefore(*b.route, *a.route)) return false;
  }
  return a.rule->index < b.rule->index;
}

// Writes the routes of one namespace and host (and the filters they need)
// into its own lists, so that hosts are written on all cores; the Writer
// merges the lists in host order.
class RouteWriter {
 public:
  struct Marked {
    const ir::Route* route;
    std::string item;
    Fate fate;
    std::string detail;
  };

  RouteWriter(const MigrateOptions& options, const std::string& gateway,
              const std::map<std::string, std::pair<std::string, std::string>>& parents)
      : options_(options), gateway_(gateway), parents_(parents) {}

  std::vector<MigratedResource> resources;
  std::vector<Marked> marks;
  std::set<std::pair<std::string, std::string>> grants;  // (Service namespace, route namespace)

  // The routes of namespace `ns` and `host` from the rules each listener
  // holds: listeners whose rules are the same share one route named
  // `base`; the one serving HTTPS keeps the plain name, a plain-HTTP one
  // (redirecting, typically) is "<base>-http".
  void WriteHost(const std::string& ns, const std::string& host, const std::string& base,
                 std::map<std::string_view, std::vector<Placed>>* listeners) {
    std::vector<std::pair<std::vector<std::string>, std::vector<Placed>>> groups;
    for (auto& entry : *listeners) {
      std::string_view listener = entry.first;
      std::vector<Placed>& placed = entry.second;
      std::stable_sort(placed.begin(), placed.end(), PlacedBefore);
      DropUnreachable(host, &placed);
      auto same = std::find_if(groups.begin(), groups.end(), [&](const auto& group) {
        return std::equal(placed.begin(), placed.end(), group.second.begin(), group.second.end(),
                          [](const Placed& a, const Placed& b) { return *a.rule == *b.rule; });
      });
      if (same != groups.end()) {
        same->first.emplace_back(listener);
      } else {
        groups.push_back({{std::string(listener)}, placed});
      }
    }
    auto serves_https = [](const auto& group) {
      return std::any_of(group.first.begin(), group.first.end(), [](const std::string& l) { return l.starts_with("https"); });
    };
    std::sort(groups.begin(), groups.end(), [&](const auto& a, const auto& b) {
      return serves_https(a) != serves_https(b) ? serves_https(a) : a.first < b.first;
    });
    for (size_t i = 0; i < groups.size(); ++i) {
      std::string name = i == 0 ? base : base + (serves_https(groups[i]) ? "-https" : "-http");
      WriteRoute(ns, host, name, groups[i].first, groups[i].second);
    }
  }

  // An HTTPRoute for the rules, a GRPCRoute for those only gRPC reaches.
  void WriteRoute(const std::string& ns, const std::string& host, const std::string& base,
                  const std::vector<std::string>& listeners, const std::vector<Placed>& placed) {
    std::vector<Placed> http, grpc;
    for (const Placed& p : placed) {
      bool only_grpc = std::all_of(p.rule->matches.begin(), p.rule->matches.end(), [](const ir::Match& m) { return m.grpc_only; });
      (only_grpc && !p.rule->matches.empty() ? grpc : http).push_back(p);
    }
    if (!http.empty()) WriteRouteOfKind("HTTPRoute", ns, host, base, listeners, http);
    if (!grpc.empty()) WriteRouteOfKind("GRPCRoute", ns, host, base, listeners, grpc);
  }

  void WriteRouteOfKind(const std::string& kind, const std::string& ns, const std::string& host,
                        const std::string& base, const std::vector<std::string>& listeners,
                        const std::vector<Placed>& placed) {
    size_t chunks = (placed.size() + kMaxRulesPerRoute - 1) / kMaxRulesPerRoute;
    size_t width = std::to_string(chunks).size();
    for (size_t c = 0; c < chunks; ++c) {
      std::string name = base;
      if (c > 0) {
        std::string n = std::to_string(c + 1);
        name += "-" + std::string(width - n.size(), '0') + n;
      }
      std::vector<Placed> part(placed.begin() + static_cast<long>(c * kMaxRulesPerRoute),
                               placed.begin() + static_cast<long>(std::min(placed.size(), (c + 1) * kMaxRulesPerRoute)));
      WriteRouteChunk(kind, ns, host, name, listeners, part);
    }
  }

  void WriteRouteChunk(const std::string& kind, const std::string& ns, const std::string& host, const std::string& name,
                       const std::vector<std::string>& listeners, const std::vector<Placed>& placed) {
    YamlDoc d = Resource(kGatewayApiVersion, kind, ns, name);
    YamlDoc spec = YamlDoc::Map();
    YamlDoc parents = YamlDoc::Seq();
    size_t slash = gateway_.find('/');
    for (const std::string& l : listeners) {
      YamlDoc& p = parents.Add(YamlDoc::Map());
      if (!options_.gateway.empty()) {  // one parentRef to a given Gateway
        p.Set("name", YamlDoc::Str(gateway_.substr(slash + 1)));
        if (gateway_.substr(0, slash) != ns) p.Set("namespace", YamlDoc::Str(gateway_.substr(0, slash)));
        break;
      }
      const auto& [kind, parent] = parents_.at(l);
      if (kind != "Gateway") {
        p.Set("group", YamlDoc::Str("gateway.networking.k8s.io"));
        p.Set("kind", YamlDoc::Str(kind));
      }
      p.Set("name", YamlDoc::Str(parent));
      if (gateway_.substr(0, slash) != ns) p.Set("namespace", YamlDoc::Str(gateway_.substr(0, slash)));
      p.Set("sectionName", YamlDoc::Str(l));
    }
    spec.Set("parentRefs", std::move(parents));
    if (!host.empty()) spec.Set("hostnames", YamlDoc::StrSeq({host}));
    YamlDoc rules = YamlDoc::Seq();
    std::set<std::string> sources;
    for (const Placed& p : placed) {
      rules.Add(kind == "GRPCRoute" ? GrpcRuleDoc(p, ns) : RuleDoc(p, ns));
      sources.insert(Display(*p.route));
    }
    spec.Set("rules", std::move(rules));
    d.Set("spec", std::move(spec));
    std::string from;
    for (const std::string& s : sources) from += (from.empty() ? "" : ", ") + s;
    Add(ns, kind, name, d, "from " + from);
    if (kind == "HTTPRoute" && options_.target == MigrationTarget::kEnvoyGateway) WritePolicies(ns, name, placed);
  }

  // The rule as YAML; what it cannot say goes to the report.
  YamlDoc RuleDoc(const Placed& p, const std::string& ns) {
    const ir::Rule& r = *p.rule;
    YamlDoc d = YamlDoc::Map();
    YamlDoc matches = YamlDoc::Seq();
    for (const ir::Match& m : r.matches) {
      matches.Add(MatchDoc(m));
      if (m.string_prefix && m.path != "/") {
        bool slash = m.path.ends_with('/');
        std::string example = slash ? m.path.substr(0, m.path.size() - 1) : m.path + "x";
        Mark(*p.route, "uri.prefix " + m.path, Fate::kPartial,
             "a string prefix written as PathPrefix, which matches whole path segments: '" + example + "' " +
                 (slash ? "now matches too" : "no longer matches"));
      }
    }
    d.Set("matches", std::move(matches));
    YamlDoc filters = FiltersDoc(r.filters, p, ns);
    if (!r.policies.empty()) {
      if (options_.target == MigrationTarget::kEnvoyGateway) {
        d.Set("name", YamlDoc::Str(RuleName(p)));
      } else if (options_.target == MigrationTarget::kKong) {
        KongPolicies(p, ns, &filters);
      } else {
        MarkPoliciesLost(p);
      }
    }
    if (!filters.empty()) d.Set("filters", std::move(filters));
    if (r.filters.fail_status) DirectResponse(r.filters.fail_status, p, ns, &d);
    YamlDoc backends = YamlDoc::Seq();
    bool weighted = r.backends.size() > 1 || (r.backends.size() == 1 && r.backends[0].weight != 1);
    for (const ir::Backend& b : r.backends) {
      if (b.problem == ir::BackendProblem::kInvalidKind) {
        Mark(*p.route, "backend", Fate::kLost, "a resource backend is not a Service; it is not migrated");
        continue;
      }
      if (b.port == 0) {
        Mark(*p.route, "backend " + b.name, Fate::kPartial,
             "the port is not given by number and Service " + b.ns + "/" + b.name +
                 " is not in the input, so its number is unknown; the backendRef has no port (pass the Services too)");
      }
      backends.Add(Ref(b, ns, weighted));
    }
    if (!backends.empty()) d.Set("backendRefs", std::move(backends));
    if (r.request_timeout_ms || r.backend_timeout_ms) {
      YamlDoc t = YamlDoc::Map();
      if (r.request_timeout_ms) t.Set("request", YamlDoc::Str(Duration(*r.request_timeout_ms)));
      if (r.backend_timeout_ms) t.Set("backendRequest", YamlDoc::Str(Duration(*r.backend_timeout_ms)));
      d.Set("timeouts", std::move(t));
    }
    return d;
  }

  // A rule of gRPC-only matches: paths /service/method become method
  // matches; a GRPCRoute keeps only header filters.
  YamlDoc GrpcRuleDoc(const Placed& p, const std::string& ns) {
    const ir::Rule& r = *p.rule;
    YamlDoc d = YamlDoc::Map();
    YamlDoc matches = YamlDoc::Seq();
    for (const ir::Match& m : r.matches) {
      YamlDoc& md = matches.Add(YamlDoc::Map());
      std::vector<std::string> parts = SplitPath(m.path);
      if (!parts.empty() && m.path_kind != PathKind::kRegex) {
        YamlDoc method = YamlDoc::Map();
        method.Set("service", YamlDoc::Str(parts[0]));
        if (parts.size() > 1) method.Set("method", YamlDoc::Str(parts[1]));
        md.Set("method", std::move(method));
      } else if (m.path_kind == PathKind::kRegex) {
        Mark(*p.route, "grpc-services", Fate::kPartial, "a regex path of a gRPC service is not a GRPCRoute method match; it matches every method");
      }
      if (!m.headers.empty()) md.Set("headers", Conditions(m.headers));
    }
    d.Set("matches", std::move(matches));
    YamlDoc filters = YamlDoc::Seq();
    if (!r.filters.request_headers.empty()) filters.Add(Filter("RequestHeaderModifier", "requestHeaderModifier", HeaderModifier(r.filters.request_headers)));
    if (!r.filters.response_headers.empty()) filters.Add(Filter("ResponseHeaderModifier", "responseHeaderModifier", HeaderModifier(r.filters.response_headers)));
    if (r.filters.redirect || r.filters.rewrite || r.filters.cors) {
      Mark(*p.route, "grpc-services", Fate::kPartial, "a GRPCRoute has no redirect, rewrite or CORS filter; dropped");
    }
    if (!filters.empty()) d.Set("filters", std::move(filters));
    YamlDoc backends = YamlDoc::Seq();
    bool weighted = r.backends.size() > 1;
    for (const ir::Backend& b : r.backends) backends.Add(Ref(b, ns, weighted));
    if (!backends.empty()) d.Set("backendRefs", std::move(backends));
    return d;
  }

  static std::vector<std::string> SplitPath(const std::string& path) {
    std::vector<std::string> parts;
    for (size_t start = 1; start < path.size();) {
      size_t end = std::min(path.find('/', start), path.size());
      if (end > start) parts.push_back(path.substr(start, end - start));
      start = end + 1;
    }
    return parts;
  }

  // A backendRef of a route in `ns`, with its own header filters; a
  // Service in another namespace needs a ReferenceGrant there.
  YamlDoc Ref(const ir::Backend& b, const std::string& ns, bool weighted) {
    YamlDoc d = BackendRef(b, ns, weighted);
    if (b.ns != ns) grants.insert({b.ns, ns});
    YamlDoc filters = YamlDoc::Seq();
    if (!b.filters.request_headers.empty()) filters.Add(Filter("RequestHeaderModifier", "requestHeaderModifier", HeaderModifier(b.filters.request_headers)));
    if (!b.filters.response_headers.empty()) filters.Add(Filter("ResponseHeaderModifier", "responseHeaderModifier", HeaderModifier(b.filters.response_headers)));
    if (!filters.empty()) d.Set("filters", std::move(filters));
    return d;
  }

  YamlDoc MirrorDoc(const ir::Mirror& m, const std::string& ns) {
    YamlDoc d = YamlDoc::Map();
    d.Set("backendRef", Ref(m.target.front(), ns, false));
    if (m.numerator != m.denominator) {
      YamlDoc fraction = YamlDoc::Map();
      fraction.Set("numerator", YamlDoc::Int(m.numerator));
      fraction.Set("denominator", YamlDoc::Int(m.denominator));
      d.Set("fraction", std::move(fraction));
    }
    return d;
  }

  YamlDoc FiltersDoc(const ir::Filters& f, const Placed& p, const std::string& ns) {
    YamlDoc seq = YamlDoc::Seq();
    if (!f.request_headers.empty()) seq.Add(Filter("RequestHeaderModifier", "requestHeaderModifier", HeaderModifier(f.request_headers)));
    if (!f.response_headers.empty()) seq.Add(Filter("ResponseHeaderModifier", "responseHeaderModifier", HeaderModifier(f.response_headers)));
    if (f.redirect) {
      ir::Redirect r = *f.redirect;
      if (r.status != 301 && r.status != 302 && r.status != 303 && r.status != 307 && r.status != 308) {
        Mark(*p.route, "redirect " + std::to_string(r.status), Fate::kPartial,
             "Gateway API redirects only with 301, 302, 303, 307 or 308; written as 302");
        r.status = 302;
      }
      if (!r.keep_query) {
        Mark(*p.route, "redirect query", Fate::kPartial,
             "a Gateway API redirect keeps the request's query; the source sent the URL without it");
      }
      seq.Add(Filter("RequestRedirect", "requestRedirect", RedirectDoc(r)));
    }
    if (f.rewrite) {
      YamlDoc rw = YamlDoc::Map();
      if (f.rewrite->hostname) rw.Set("hostname", YamlDoc::Str(*f.rewrite->hostname));
      if (f.rewrite->path && f.rewrite->path->regex.empty()) rw.Set("path", PathModifierDoc(*f.rewrite->path));
      if (!rw.empty()) seq.Add(Filter("URLRewrite", "urlRewrite", std::move(rw)));
      if (f.rewrite->path && !f.rewrite->path->regex.empty()) RegexRewrite(*f.rewrite->path, p, ns, &seq);
    }
    for (const ir::Mirror& m : f.mirrors) seq.Add(Filter("RequestMirror", "requestMirror", MirrorDoc(m, ns)));
    if (f.cors) seq.Add(Filter("CORS", "cors", CorsDoc(*f.cors)));
    return seq;
  }

  // The rule's sectionName, for policies that target it.
  static std::string RuleName(const Placed& p) {
    std::string name;
    for (char c : p.route->name) name += c == '.' ? '-' : c;
    return name + "-" + std::to_string(p.rule->index);
  }

  void MarkPoliciesLost(const Placed& p) {
    const ir::Policies& pol = p.rule->policies;
    const std::string why = " has no standard Gateway API form (--target envoy-gateway or kong writes it as a policy)";
    if (pol.rate_limit) Mark(*p.route, "limit-rps|limit-rpm", Fate::kLost, "a rate limit per client address" + why);
    if (!pol.allow_cidrs.empty() || !pol.deny_cidrs.empty()) {
      Mark(*p.route, "allowlist-source-range|whitelist-source-range|denylist-source-range", Fate::kLost,
           "a client address list" + why);
    }
    if (pol.max_request_bytes) Mark(*p.route, "proxy-body-size", Fate::kLost, "a request body limit" + why);
  }

  // Envoy Gateway policies for the rules of route `route` that carry any:
  // a BackendTrafficPolicy (rate limit, body limit) and a SecurityPolicy
  // (address lists), each targeting the rule by its name. Not verified:
  // gwc's runtime does not run policies yet.
  void WritePolicies(const std::string& ns, const std::string& route, const std::vector<Placed>& placed) {
    for (const Placed& p : placed) {
      const ir::Policies& pol = p.rule->policies;
      if (pol.empty()) continue;
      YamlDoc target = YamlDoc::Map();
      target.Set("group", YamlDoc::Str("gateway.networking.k8s.io"));
      target.Set("kind", YamlDoc::Str("HTTPRoute"));
      target.Set("name", YamlDoc::Str(route));
      target.Set("sectionName", YamlDoc::Str(RuleName(p)));
      std::string source = "from " + Display(*p.route) + " rule " + std::to_string(p.rule->index);
      if (pol.rate_limit || pol.max_request_bytes) {
        YamlDoc spec = YamlDoc::Map();
        YamlDoc targets = YamlDoc::Seq();
        targets.Add(target);
        spec.Set("targetRefs", std::move(targets));
        if (pol.rate_limit) spec.Set("rateLimit", RateLimitDoc(*pol.rate_limit));
        if (pol.max_request_bytes) {
          YamlDoc buffer = YamlDoc::Map();
          buffer.Set("limit", YamlDoc::Str(Quantity(*pol.max_request_bytes)));
          spec.Set("requestBuffer", std::move(buffer));
        }
        YamlDoc d = Resource("gateway.envoyproxy.io/v1alpha1", "BackendTrafficPolicy", ns, route + "-" + RuleName(p));
        d.Set("spec", std::move(spec));
        Add(ns, "BackendTrafficPolicy", route + "-" + RuleName(p), d, source);
        const std::string how = "written as BackendTrafficPolicy " + route + "-" + RuleName(p) + kUnverified;
        if (pol.rate_limit) Mark(*p.route, "limit-rps|limit-rpm", Fate::kTranslated, how);
        if (pol.max_request_bytes) Mark(*p.route, "proxy-body-size", Fate::kTranslated, how);
      }
      if (!pol.allow_cidrs.empty() || !pol.deny_cidrs.empty()) {
        YamlDoc spec = YamlDoc::Map();
        YamlDoc targets = YamlDoc::Seq();
        targets.Add(target);
        spec.Set("targetRefs", std::move(targets));
        YamlDoc authz = YamlDoc::Map();
        authz.Set("defaultAction", YamlDoc::Str(pol.allow_cidrs.empty() ? "Allow" : "Deny"));
        YamlDoc rules = YamlDoc::Seq();
        for (auto [action, cidrs] : {std::pair{"Deny", &pol.deny_cidrs}, std::pair{"Allow", &pol.allow_cidrs}}) {
          if (cidrs->empty()) continue;
          YamlDoc& rule = rules.Add(YamlDoc::Map());
          rule.Set("action", YamlDoc::Str(action));
          YamlDoc principal = YamlDoc::Map();
          principal.Set("clientCIDRs", YamlDoc::StrSeq(*cidrs));
          rule.Set("principal", std::move(principal));
        }
        authz.Set("rules", std::move(rules));
        spec.Set("authorization", std::move(authz));
        YamlDoc d = Resource("gateway.envoyproxy.io/v1alpha1", "SecurityPolicy", ns, route + "-" + RuleName(p));
        d.Set("spec", std::move(spec));
        Add(ns, "SecurityPolicy", route + "-" + RuleName(p), d, source);
        Mark(*p.route, "allowlist-source-range|whitelist-source-range|denylist-source-range", Fate::kTranslated,
             "written as SecurityPolicy " + route + "-" + RuleName(p) + kUnverified);
      }
    }
  }

  static constexpr const char* kUnverified = " (not checked by --verify: gwc does not run policies yet)";

  // Kong plugins for the rule's policies, each referenced from the rule by
  // an ExtensionRef filter (KIC attaches them to that rule only).
  void KongPolicies(const Placed& p, const std::string& ns, YamlDoc* filters) {
    const ir::Policies& pol = p.rule->policies;
    if (pol.rate_limit) {
      YamlDoc config = YamlDoc::Map();
      config.Set(pol.rate_limit->unit == ir::RateLimit::kSecond ? "second" : "minute", YamlDoc::Int(pol.rate_limit->requests));
      config.Set("limit_by", YamlDoc::Str("ip"));
      config.Set("policy", YamlDoc::Str("local"));
      std::string name = KongPlugin(p, ns, "rate-limiting", std::move(config), filters);
      Mark(*p.route, "limit-rps|limit-rpm", Fate::kTranslated, "written as KongPlugin " + name + kUnverified);
    }
    if (!pol.allow_cidrs.empty() || !pol.deny_cidrs.empty()) {
      YamlDoc config = YamlDoc::Map();
      if (!pol.allow_cidrs.empty()) config.Set("allow", YamlDoc::StrSeq(pol.allow_cidrs));
      if (!pol.deny_cidrs.empty()) config.Set("deny", YamlDoc::StrSeq(pol.deny_cidrs));
      std::string name = KongPlugin(p, ns, "ip-restriction", std::move(config), filters);
      Mark(*p.route, "allowlist-source-range|whitelist-source-range|denylist-source-range", Fate::kTranslated,
           "written as KongPlugin " + name + kUnverified);
    }
    if (pol.max_request_bytes) {
      YamlDoc config = YamlDoc::Map();
      config.Set("allowed_payload_size", YamlDoc::Int(static_cast<int64_t>(*pol.max_request_bytes)));
      config.Set("size_unit", YamlDoc::Str("bytes"));
      std::string name = KongPlugin(p, ns, "request-size-limiting", std::move(config), filters);
      Mark(*p.route, "proxy-body-size", Fate::kTranslated, "written as KongPlugin " + name + kUnverified);
    }
  }

  // A KongPlugin running `plugin` with `config`, added to `filters` as an
  // ExtensionRef; returns its name.
  std::string KongPlugin(const Placed& p, const std::string& ns, const std::string& plugin, YamlDoc config,
                         YamlDoc* filters) {
    std::string name = RuleName(p) + "-" + plugin;
    YamlDoc ref = YamlDoc::Map();
    ref.Set("group", YamlDoc::Str("configuration.konghq.com"));
    ref.Set("kind", YamlDoc::Str("KongPlugin"));
    ref.Set("name", YamlDoc::Str(name));
    filters->Add(Filter("ExtensionRef", "extensionRef", std::move(ref)));
    YamlDoc d = Resource("configuration.konghq.com/v1", "KongPlugin", ns, name);
    d.Set("plugin", YamlDoc::Str(plugin));
    d.Set("config", std::move(config));
    Add(ns, "KongPlugin", name, d, "from " + Display(*p.route) + " rule " + std::to_string(p.rule->index));
    return name;
  }

  // A byte count as a Kubernetes quantity ("16Mi").
  static std::string Quantity(uint64_t bytes) {
    for (auto [unit, size] : {std::pair{"Gi", uint64_t{1} << 30}, {"Mi", uint64_t{1} << 20}, {"Ki", uint64_t{1} << 10}}) {
      if (bytes % size == 0) return std::to_string(bytes / size) + unit;
    }
    return std::to_string(bytes);
  }

  static YamlDoc RateLimitDoc(const ir::RateLimit& r) {
    YamlDoc selector = YamlDoc::Map();
    YamlDoc cidr = YamlDoc::Map();
    cidr.Set("type", YamlDoc::Str("Distinct"));
    cidr.Set("value", YamlDoc::Str("0.0.0.0/0"));
    selector.Set("sourceCIDR", std::move(cidr));
    YamlDoc selectors = YamlDoc::Seq();
    selectors.Add(std::move(selector));
    YamlDoc limit = YamlDoc::Map();
    limit.Set("requests", YamlDoc::Int(r.requests));
    limit.Set("unit", YamlDoc::Str(r.unit == ir::RateLimit::kSecond ? "Second" : "Minute"));
    YamlDoc rule = YamlDoc::Map();
    rule.Set("clientSelectors", std::move(selectors));
    rule.Set("limit", std::move(limit));
    YamlDoc rules = YamlDoc::Seq();
    rules.Add(std::move(rule));
    YamlDoc local = YamlDoc::Map();
    local.Set("rules", std::move(rules));
    YamlDoc d = YamlDoc::Map();
    d.Set("type", YamlDoc::Str("Local"));
    d.Set("local", std::move(local));
    return d;
  }

  // A rule the controller answers itself with `status` (Kong's 426): an
  // Envoy Gateway HTTPRouteFilter directResponse, or lost.
  void DirectResponse(int status, const Placed& p, const std::string& ns, YamlDoc* rule) {
    std::string item = "status " + std::to_string(status);
    if (options_.target == MigrationTarget::kKong) {
      YamlDoc config = YamlDoc::Map();
      config.Set("status_code", YamlDoc::Int(status));
      YamlDoc filters = YamlDoc::Seq();
      std::string name = KongPlugin(p, ns, "request-termination", std::move(config), &filters);
      rule->Set("filters", std::move(filters));
      Mark(*p.route, item, Fate::kTranslated, "written as KongPlugin " + name);
      return;
    }
    if (options_.target != MigrationTarget::kEnvoyGateway) {
      Mark(*p.route, item, Fate::kLost,
           "the controller answers " + std::to_string(status) +
               " here; standard Gateway API has no such answer (the rule has no backend: 500)");
      return;
    }
    std::string name = p.route->name + "-status-" + std::to_string(status);
    YamlDoc ref = YamlDoc::Map();
    ref.Set("group", YamlDoc::Str(std::string(kEnvoyGatewayGroup)));
    ref.Set("kind", YamlDoc::Str("HTTPRouteFilter"));
    ref.Set("name", YamlDoc::Str(name));
    YamlDoc filters = YamlDoc::Seq();
    filters.Add(Filter("ExtensionRef", "extensionRef", std::move(ref)));
    rule->Set("filters", std::move(filters));
    YamlDoc d = Resource("gateway.envoyproxy.io/v1alpha1", "HTTPRouteFilter", ns, name);
    YamlDoc response = YamlDoc::Map();
    response.Set("statusCode", YamlDoc::Int(status));
    YamlDoc spec = YamlDoc::Map();
    spec.Set("directResponse", std::move(response));
    d.Set("spec", std::move(spec));
    Add(ns, "HTTPRouteFilter", name, d, "from " + Display(*p.route));
  }

  // A capture-group rewrite: an Envoy Gateway HTTPRouteFilter, or lost.
  void RegexRewrite(const ir::PathModifier& path, const Placed& p, const std::string& ns, YamlDoc* filters) {
    if (options_.target != MigrationTarget::kEnvoyGateway) {
      Mark(*p.route, "rewrite-target", Fate::kLost,
           "a rewrite with capture groups has no standard Gateway API (or Kong HTTPRoute) form; the rule "
           "forwards the original path (--target envoy-gateway translates it)");
      return;
    }
    std::string name = p.route->name + "-rewrite-" + std::to_string(p.rule->index);
    YamlDoc ref = YamlDoc::Map();
    ref.Set("group", YamlDoc::Str(std::string(kEnvoyGatewayGroup)));
    ref.Set("kind", YamlDoc::Str("HTTPRouteFilter"));
    ref.Set("name", YamlDoc::Str(name));
    filters->Add(Filter("ExtensionRef", "extensionRef", std::move(ref)));
    YamlDoc d = Resource("gateway.envoyproxy.io/v1alpha1", "HTTPRouteFilter", ns, name);
    YamlDoc regex = YamlDoc::Map();
    regex.Set("pattern", YamlDoc::Str(path.regex));
    regex.Set("substitution", YamlDoc::Str(path.value));
    YamlDoc pd = YamlDoc::Map();
    pd.Set("type", YamlDoc::Str("ReplaceRegexMatch"));
    pd.Set("replaceRegexMatch", std::move(regex));
    YamlDoc rw = YamlDoc::Map();
    rw.Set("path", std::move(pd));
    YamlDoc spec = YamlDoc::Map();
    spec.Set("urlRewrite", std::move(rw));
    d.Set("spec", std::move(spec));
    Add(ns, "HTTPRouteFilter", name, d, "from " + Display(*p.route) + " rule " + std::to_string(p.rule->index));
  }


 private:
  // In first-match order a match that an earlier one covers never
  // answers; under Gateway API precedence it could (an Exact path after a
  // catch-all prefix), so it is not written, and the report says so. A
  // host's closing 404 (Istio's answer when none of its rules matches)
  // has no standard form: it is dropped and reported.
  void DropUnreachable(const std::string& host, std::vector<Placed>* placed) {
    struct Earlier {
      const ir::Match* match;
      const ir::Rule* rule;
    };
    std::vector<Earlier> earlier;
    for (Placed& p : *placed) {
      if (!p.route->first_match) continue;
      if (IsDefaultBackendRule(*p.rule) && p.rule->filters.fail_status && options_.target == MigrationTarget::kStandard) {
        Mark(*p.route, "host " + host, Fate::kPartial,
             "Istio answers 404 when no rule of " + host + " matches; Gateway API goes on to the rules of less "
             "specific hosts that cover it (--target envoy-gateway writes the 404)");
        p.rule = nullptr;
        continue;
      }
      ir::Rule kept = *p.rule;
      kept.matches.clear();
      for (const ir::Match& m : p.rule->matches) {
        std::string item = "rule " + std::to_string(p.rule->index) + " match " + m.path + " on " + (host.empty() ? "*" : host);
        auto cover = std::find_if(earlier.begin(), earlier.end(), [&](const Earlier& e) { return FirstMatchCovers(*e.match, m); });
        if (cover != earlier.end()) {
          Mark(*p.route, item, Fate::kTranslated,
               "not written: unreachable, an earlier match (" + cover->match->path + ") takes every request it would");
          continue;
        }
        kept.matches.push_back(m);
        // Gateway API tries the more specific match first, Istio the earlier.
        auto overtaken = std::find_if(earlier.begin(), earlier.end(), [&](const Earlier& e) {
          return e.rule != p.rule && CompareSpecificity(m, *e.match) > 0 && FirstMatchMayOverlap(*e.match, m);
        });
        if (overtaken != earlier.end()) {
          Mark(*p.route, item, Fate::kPartial,
               "Gateway API tries this match before the earlier rule's " + overtaken->match->path +
                   ", which Istio tried first: requests both accept now reach this rule");
        }
      }
      for (const ir::Match& m : p.rule->matches) earlier.push_back({&m, p.rule});
      if (kept.matches.size() == p.rule->matches.size()) continue;
      trimmed_.push_back(std::make_unique<ir::Rule>(std::move(kept)));
      p.rule = trimmed_.back().get();
    }
    std::erase_if(*placed, [](const Placed& p) { return !p.rule || (p.route->first_match && p.rule->matches.empty()); });
  }

  void Mark(const ir::Route& route, const std::string& item, Fate fate, const std::string& detail) {
    marks.push_back({&route, item, fate, detail});
  }

  void Add(const std::string& ns, const std::string& kind, const std::string& name, const YamlDoc& d,
           const std::string& source) {
    resources.push_back({ns, kind, name, "# gwc migrate: " + source + "\n" + d.Emit()});
  }

  const MigrateOptions& options_;
  const std::string& gateway_;
  const std::map<std::string, std::pair<std::string, std::string>>& parents_;
  std::vector<std::unique_ptr<ir::Rule>> trimmed_;  // first-match rules without their unreachable matches
};

class Writer {
 public:
  Writer(const Index& index, const ir::Program& program, const IngressLowering& lowering, const MigrateOptions& options)
      : index_(index), program_(program), lowering_(lowering), options_(options) {}

  Migration Run(const std::vector<FateEntry>& notes) {
    ReportAnnotations();
    for (const FateEntry& n : notes) Note(n);
    for (uint32_t g = 0; g < program_.gateways.size(); ++g) WriteGateway(g);
    for (const auto& [service_ns, route_ns] : service_grants_) WriteServiceGrant(service_ns, route_ns);
    SortBy(&out_.resources, [](const MigratedResource& r) { return std::tie(r.ns, r.kind, r.name); });
    SortBy(&out_.report, [](const FateEntry& e) { return std::tie(e.object, e.item); });
    out_.report.erase(std::unique(out_.report.begin(), out_.report.end(),
                                  [](const FateEntry& a, const FateEntry& b) {
                                    return a.object == b.object && a.item == b.item;
                                  }),
                      out_.report.end());
    return std::move(out_);
  }

 private:
  // ---- the report of annotations ----

  // What became of each annotation of every Ingress, Ingresses read on all
  // cores (a dialect parses every annotation it owns).
  void ReportAnnotations() {
    struct Source {
      const Object* ingress;
      const IngressDialect* dialect;
      std::string controller;
    };
    std::map<std::string, const IngressDialect*> by_class;
    std::vector<Source> sources;
    for (const Object* ing : index_.OfKind("networking.k8s.io", "Ingress")) {
      std::string cls = IngressClassOf(index_, *ing);
      auto [it, fresh] = by_class.try_emplace(cls, nullptr);
      if (fresh) it->second = IngressDialectOf(index_, lowering_, cls);
      const IngressDialect* dialect = it->second;
      sources.push_back({ing, dialect, dialect ? std::string(dialect->controller()) : IngressControllerOf(index_, cls)});
    }
    std::vector<std::vector<FateEntry>> entries(sources.size());
    ParallelFor(sources.size(), 0, [&](size_t i) { entries[i] = AnnotationFates(sources[i].ingress, sources[i].dialect, sources[i].controller); });
    for (std::vector<FateEntry>& list : entries) {
      for (FateEntry& e : list) Note(std::move(e));
    }
  }

  static std::vector<FateEntry> AnnotationFates(const Object* ing, const IngressDialect* dialect,
                                                const std::string& controller) {
    std::string object = "Ingress " + std::string(ing->ns) + "/" + std::string(ing->name);
    std::vector<FateEntry> out;
    std::set<std::string> noted;
    if (dialect) {
      for (const AnnotationNote& n : dialect->Annotations(*ing)) {
        noted.insert(n.key);
        out.push_back({object, n.key, FateOf(n.fate), n.detail});
      }
    }
    OtherControllers(*ing, object, controller, dialect != nullptr, noted, &out);
    WildcardHosts(*ing, object, &out);
    return out;
  }

  // Controller annotations the class's dialect did not read.
  static void OtherControllers(const Object& ing, const std::string& object, const std::string& controller,
                               bool has_dialect, const std::set<std::string>& noted, std::vector<FateEntry>* out) {
    const Node* anns = ing.Annotations();
    for (uint32_t i = 0; anns && anns->IsMap() && i < anns->size; ++i) {
      std::string key(anns->keys[i].text);
      const AnnotationPrefixInfo* p = ControllerPrefixOf(key);
      if (!p || noted.count(key)) continue;
      std::string why = has_dialect ? "read by " + std::string(p->controller) + ", not by this Ingress's controller '" + controller + "'"
                                    : "gwc has no dialect for controller '" + controller + "'; its annotations are not read";
      out->push_back({object, key, FindControllerAnnotation(key) ? Fate::kLost : Fate::kUnknown, why});
    }
  }

  static void WildcardHosts(const Object& ing, const std::string& object, std::vector<FateEntry>* out) {
    const Node* spec = ing.root->Get("spec");
    const Node* rules = spec ? spec->Get("rules") : nullptr;
    for (uint32_t i = 0; rules && rules->IsSeq() && i < rules->size; ++i) {
      std::string_view host = rules->values[i]->Str("host");
      if (!IsWildcardHostname(host)) continue;
      out->push_back({object, "spec.rules[" + std::to_string(i) + "].host", Fate::kPartial,
                      "'" + std::string(host) + "' matches one label under Ingress; a Gateway API "
                      "wildcard also matches deeper names (a.b" + std::string(host.substr(1)) + ")"});
    }
  }

  // ---- Gateways ----

  void WriteGateway(uint32_t gi) {
    const ir::Gateway& g = program_.gateways[gi];
    std::set<std::string> route_namespaces;
    for (const ir::Listener& l : g.listeners) {
      for (const ir::Attachment& a : l.routes) route_namespaces.insert(program_.routes[a.route].ns);
    }
    // An Ingress without rules or default backend needs no Gateway; an
    // Istio Gateway is written whatever binds to it.
    if (route_namespaces.empty() && g.migrate_class.empty()) return;
    parents_.clear();
    if (!options_.gateway.empty()) {
      gateway_ = options_.gateway;
    } else if (!g.migrate_class.empty()) {  // a Gateway of its own
      gateway_ = g.ns + "/" + g.name;
      bool others = route_namespaces.size() > 1 || (route_namespaces.size() == 1 && *route_namespaces.begin() != g.ns);
      WriteGatewayResource(g, g.ns, others, g.migrate_class, "from Gateway " + g.ns + "/" + g.name);
    } else {
      std::string ns = !options_.gateway_namespace.empty() ? options_.gateway_namespace
                       : route_namespaces.size() == 1     ? *route_namespaces.begin()
                                                          : "default";
      gateway_ = ns + "/" + g.name;
      WriteGatewayResource(g, ns, route_namespaces.size() > 1 || *route_namespaces.begin() != ns, g.name,
                           "one Gateway for IngressClass '" + g.name + "'");
    }
    out_.gateways[g.ns + "/" + g.name] = gateway_;
    WriteRoutes(g);
  }

  // The Gateway, and when it would hold more than 64 listeners (the CRD's
  // limit), ListenerSets of 64 in its namespace for the per-host ones.
  void WriteGatewayResource(const ir::Gateway& g, const std::string& ns, bool other_namespaces,
                            const std::string& gateway_class, const std::string& source) {
    std::vector<const ir::Listener*> own, spilled;
    for (const ir::Listener& l : g.listeners) {
      if (l.default_certificate) continue;  // no Secret to name (docs/migrate.md)
      (g.listeners.size() <= kMaxListeners || l.hostname.empty() ? own : spilled).push_back(&l);
    }
    std::set<std::string> secret_namespaces;
    YamlDoc d = Resource(kGatewayApiVersion, "Gateway", ns, g.name);
    YamlDoc spec = YamlDoc::Map();
    spec.Set("gatewayClassName", YamlDoc::Str(gateway_class));
    if (!spilled.empty()) {
      YamlDoc from = YamlDoc::Map();
      from.Set("from", YamlDoc::Str("Same"));
      YamlDoc allowed = YamlDoc::Map();
      allowed.Set("namespaces", std::move(from));
      spec.Set("allowedListeners", std::move(allowed));
    }
    spec.Set("listeners", Listeners(own, ns, other_namespaces, &secret_namespaces));
    for (const ir::Listener* l : own) parents_[l->name] = {"Gateway", g.name};
    d.Set("spec", std::move(spec));
    Add(ns, "Gateway", g.name, d, source);
    // ListenerSets of 64, written on all cores.
    size_t sets = (spilled.size() + kMaxListeners - 1) / kMaxListeners;
    struct SetDoc {
      std::string name, text;
      std::set<std::string> secret_namespaces;
    };
    std::vector<SetDoc> docs(sets);
    ParallelFor(sets, 0, [&](size_t i) {
      SetDoc& doc = docs[i];
      doc.name = g.name + "-hosts-" + std::to_string(i + 1);
      std::vector<const ir::Listener*> part(spilled.begin() + static_cast<long>(i * kMaxListeners),
                                            spilled.begin() + static_cast<long>(std::min(spilled.size(), (i + 1) * kMaxListeners)));
      YamlDoc set = Resource(kGatewayApiVersion, "ListenerSet", ns, doc.name);
      YamlDoc set_spec = YamlDoc::Map();
      YamlDoc parent = YamlDoc::Map();
      parent.Set("name", YamlDoc::Str(g.name));
      set_spec.Set("parentRef", std::move(parent));
      set_spec.Set("listeners", Listeners(part, ns, other_namespaces, &doc.secret_namespaces));
      set.Set("spec", std::move(set_spec));
      doc.text = set.Emit();
    });
    for (size_t i = 0; i < sets; ++i) {
      for (size_t k = i * kMaxListeners; k < std::min(spilled.size(), (i + 1) * kMaxListeners); ++k) {
        parents_[spilled[k]->name] = {"ListenerSet", docs[i].name};
      }
      AddText(ns, "ListenerSet", docs[i].name, std::move(docs[i].text),
              "host listeners of Gateway " + ns + "/" + g.name + " beyond its 64");
      secret_namespaces.insert(docs[i].secret_namespaces.begin(), docs[i].secret_namespaces.end());
    }
    for (const std::string& secret_ns : secret_namespaces) WriteSecretGrant(ns, g.name, secret_ns);
  }

  static YamlDoc Listeners(const std::vector<const ir::Listener*>& listeners, const std::string& ns, bool other_namespaces,
                           std::set<std::string>* secret_namespaces) {
    YamlDoc seq = YamlDoc::Seq();
    for (const ir::Listener* l : listeners) {
      YamlDoc& ld = seq.Add(YamlDoc::Map());
      ld.Set("name", YamlDoc::Str(l->name));
      if (!l->hostname.empty()) ld.Set("hostname", YamlDoc::Str(l->hostname));
      ld.Set("port", YamlDoc::Int(l->port));
      ld.Set("protocol", YamlDoc::Str(l->protocol == ir::Protocol::kHttps ? "HTTPS" : "HTTP"));
      if (l->protocol == ir::Protocol::kHttps) {
        YamlDoc tls = YamlDoc::Map();
        tls.Set("mode", YamlDoc::Str("Terminate"));
        YamlDoc refs = YamlDoc::Seq();
        for (const std::string& secret : l->certificates) {
          size_t slash = secret.find('/');
          YamlDoc& r = refs.Add(YamlDoc::Map());
          r.Set("name", YamlDoc::Str(secret.substr(slash + 1)));
          if (secret.substr(0, slash) != ns) {
            r.Set("namespace", YamlDoc::Str(secret.substr(0, slash)));
            secret_namespaces->insert(secret.substr(0, slash));
          }
        }
        tls.Set("certificateRefs", std::move(refs));
        ld.Set("tls", std::move(tls));
      }
      if (other_namespaces) {
        YamlDoc from = YamlDoc::Map();
        from.Set("from", YamlDoc::Str("All"));
        YamlDoc allowed = YamlDoc::Map();
        allowed.Set("namespaces", std::move(from));
        ld.Set("allowedRoutes", std::move(allowed));
      }
    }
    return seq;
  }

  void WriteSecretGrant(const std::string& gateway_ns, const std::string& gateway, const std::string& secret_ns) {
    WriteGrant(secret_ns, "gateway-" + gateway_ns + "-" + gateway + "-secrets", gateway_ns, {"Gateway", "ListenerSet"},
               "Secret", "lets Gateway " + gateway_ns + "/" + gateway + " use TLS Secrets of this namespace");
  }

  // Lets the routes of `route_ns` use the Services of `service_ns`.
  void WriteServiceGrant(const std::string& service_ns, const std::string& route_ns) {
    WriteGrant(service_ns, "routes-from-" + route_ns, route_ns, {"HTTPRoute", "GRPCRoute"}, "Service",
               "lets routes of namespace " + route_ns + " use Services of this namespace");
  }

  // A ReferenceGrant in `ns` letting objects of `kinds` in `from_ns` refer
  // to core objects of kind `to`.
  void WriteGrant(const std::string& ns, const std::string& name, const std::string& from_ns,
                  std::initializer_list<const char*> kinds, const char* to_kind, const std::string& source) {
    YamlDoc d = Resource("gateway.networking.k8s.io/v1beta1", "ReferenceGrant", ns, name);
    YamlDoc spec = YamlDoc::Map();
    YamlDoc froms = YamlDoc::Seq();
    for (const char* kind : kinds) {
      YamlDoc& f = froms.Add(YamlDoc::Map());
      f.Set("group", YamlDoc::Str("gateway.networking.k8s.io"));
      f.Set("kind", YamlDoc::Str(kind));
      f.Set("namespace", YamlDoc::Str(from_ns));
    }
    spec.Set("from", std::move(froms));
    YamlDoc to = YamlDoc::Map();
    to.Set("group", YamlDoc::Str(""));
    to.Set("kind", YamlDoc::Str(to_kind));
    YamlDoc tos = YamlDoc::Seq();
    tos.Add(std::move(to));
    spec.Set("to", std::move(tos));
    d.Set("spec", std::move(spec));
    Add(ns, "ReferenceGrant", name, d, source);
  }

  // ---- HTTPRoutes ----

  // One route (or a few, 16 rules each) per namespace and host; listeners
  // whose rules are the same share it.
  void WriteRoutes(const ir::Gateway& g) {
    // (namespace, host) -> listener -> rules; views of the program's strings.
    std::map<std::pair<std::string_view, std::string_view>, std::map<std::string_view, std::vector<Placed>>> by_host;
    std::vector<HostJob> jobs;
    for (const ir::Listener& l : g.listeners) {
      if (l.default_certificate) continue;
      for (const ir::Attachment& a : l.routes) {
        const ir::Route& route = program_.routes[a.route];
        std::string_view host = a.hostnames.empty() ? std::string_view() : std::string_view(a.hostnames.front());
        auto& placed = by_host[{route.ns, host}][l.name];
        for (const ir::Rule& rule : route.rules) placed.push_back({&route, &rule});
      }
    }
    for (auto& [key, listeners] : by_host) {
      std::string ns(key.first), host(key.second);
      std::string base = RouteBase(ns, host.empty() ? "all-hosts" : RouteName(host), g);
      jobs.push_back({std::move(ns), std::move(host), std::move(base), std::move(listeners)});
    }
    std::vector<RouteWriter> writers;
    writers.reserve(jobs.size());
    for (size_t i = 0; i < jobs.size(); ++i) writers.emplace_back(options_, gateway_, parents_);
    ParallelFor(jobs.size(), 0, [&](size_t i) {
      HostJob& j = jobs[i];
      writers[i].WriteHost(j.ns, j.host, j.base, &j.listeners);
    });
    for (RouteWriter& w : writers) {
      for (MigratedResource& r : w.resources) {
        if (written_.insert(r.ns + "/" + r.kind + "/" + r.name).second) out_.resources.push_back(std::move(r));
      }
      for (const RouteWriter::Marked& m : w.marks) Mark(*m.route, m.item, m.fate, m.detail);
      service_grants_.insert(w.grants.begin(), w.grants.end());
    }
  }

  // The routes of one namespace and host, written by one RouteWriter.
  struct HostJob {
    std::string ns, host, base;
    std::map<std::string_view, std::vector<Placed>> listeners;  // listener name -> rules
  };

  // `base` for the routes of namespace `ns` on gateway `g`, unless the
  // routes of another gateway have it: then "<base>-<gateway>".
  std::string RouteBase(const std::string& ns, const std::string& base, const ir::Gateway& g) {
    auto [it, fresh] = route_bases_.try_emplace({ns, base}, &g);
    return fresh || it->second == &g ? base : base + "-" + ListenerSlug(g.name);
  }

  static std::string RouteName(const std::string& host) {
    std::string out;
    for (char c : host) out += c == '*' ? std::string("wildcard") : std::string(1, c);
    return out;
  }

  // Sets the fate of the annotation (or feature) `item` of the route's
  // Ingress, or adds it.
  // `item` may list alternatives ("allowlist-source-range|whitelist-source-range"):
  // every one present is set; the first is added when none is.
  void Mark(const ir::Route& route, const std::string& item, Fate fate, const std::string& detail) {
    std::string object = Display(route);
    std::vector<std::string> items = SplitItems(item);
    bool found = false;
    for (size_t i : by_object_[object]) {
      FateEntry& e = out_.report[i];
      for (const std::string& it : items) {
        if (e.item != it && !e.item.ends_with("/" + it)) continue;
        e.fate = fate;
        e.detail = detail;
        found = true;
      }
    }
    if (!found) Note({object, items.front(), fate, detail});
  }

  static std::vector<std::string> SplitItems(const std::string& item) {
    std::vector<std::string> out;
    for (size_t start = 0;;) {
      size_t bar = item.find('|', start);
      out.push_back(item.substr(start, bar - start));
      if (bar == std::string::npos) return out;
      start = bar + 1;
    }
  }

  void Note(FateEntry entry) {
    by_object_[entry.object].push_back(out_.report.size());
    out_.report.push_back(std::move(entry));
  }

  void Add(const std::string& ns, const std::string& kind, const std::string& name, const YamlDoc& d,
           const std::string& source) {
    AddText(ns, kind, name, d.Emit(), source);
  }

  // A resource already emitted as `text`; once (shared filters).
  void AddText(const std::string& ns, const std::string& kind, const std::string& name, std::string text,
               const std::string& source) {
    if (!written_.insert(ns + "/" + kind + "/" + name).second) return;
    out_.resources.push_back({ns, kind, name, "# gwc migrate: " + source + "\n" + text});
  }

  const Index& index_;
  const ir::Program& program_;
  const IngressLowering& lowering_;
  const MigrateOptions& options_;
  std::string gateway_;  // "ns/name" the current gateway's routes attach to
  std::unordered_set<std::string> written_;
  std::map<std::string, std::pair<std::string, std::string>> parents_;  // listener → (kind, name) holding it
  std::set<std::pair<std::string, std::string>> service_grants_;      // (Service namespace, route namespace)
  std::map<std::pair<std::string, std::string>, const ir::Gateway*> route_bases_;  // (ns, route name) -> its gateway
  std::unordered_map<std::string, std::vector<size_t>> by_object_;  // report entries of each object
  Migration out_;
};

}  // namespace

Migration Migrate(const Index& index, const ir::Program& program, const IngressLowering& lowering,
                  const std::vector<FateEntry>& notes, const MigrateOptions& options) {
  return Writer(index, program, lowering, options).Run(notes);
}

Fate FateOf(AnnotationFate fate) {
  switch (fate) {
    case AnnotationFate::kTranslated: return Fate::kTranslated;
    case AnnotationFate::kPartial: return Fate::kPartial;
    case AnnotationFate::kUnknown: return Fate::kUnknown;
    case AnnotationFate::kIgnored: break;
  }
  return Fate::kLost;
}

std::string_view FateName(Fate fate) {
  switch (fate) {
    case Fate::kTranslated: return "translated";
    case Fate::kPartial: return "partial";
    case Fate::kLost: return "lost";
    case Fate::kUnknown: return "unknown";
  }
  return "";
}

}  // namespace gwc

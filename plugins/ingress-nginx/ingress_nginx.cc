// Copyright 2026 The gwc Authors.
//
// ingress-nginx: paths, rewrites, redirects, CORS and canaries lowered the
// way the controller's nginx.conf template programs them.

#include "plugins/ingress-nginx/ingress_nginx.h"

#include <re2/re2.h>

#include <algorithm>
#include <map>
#include <set>
#include <unordered_map>

#include "compiler/base/strings.h"
#include "compiler/model/controller_annotations.h"
#include "plugins/common/annotations.h"

namespace gwc {

namespace {

constexpr std::string_view kPrefix = "nginx.ingress.kubernetes.io/";

std::string_view Ann(const Object& ing, std::string_view name) { return AnnotationValue(ing, kPrefix, name); }
std::optional<bool> Bool(const Object& ing, std::string_view name) { return ParseGoBool(Ann(ing, name)); }
std::optional<int> Int(const Object& ing, std::string_view name) { return ParseInt(Ann(ing, name)); }
std::vector<std::string> CommaList(std::string_view v) { return SplitList(v, ','); }

bool IsCanary(const Object& ing) { return Bool(ing, "canary").value_or(false); }

bool RegexMode(const Object& ing) {
  return Bool(ing, "use-regex").value_or(false) || !Ann(ing, "rewrite-target").empty();
}

// A rewrite target's `$n` references as RE2 `\n`; other characters literal.
std::string Substitution(std::string_view target, bool* captures) {
  std::string out;
  for (size_t i = 0; i < target.size(); ++i) {
    char c = target[i];
    if (c == '$' && i + 1 < target.size() && target[i + 1] >= '0' && target[i + 1] <= '9') {
      out += '\\';
      out += target[++i];
      *captures = true;
    } else if (c == '\\') {
      out += "\\\\";
    } else {
      out += c;
    }
  }
  return out;
}

// The location regex of `path` in regex mode, as a full-match RE2 pattern:
// nginx's `~* "^<path>"` is case-insensitive and anchored at the start only.
std::string LocationRegex(std::string_view path) {
  return "(?i)(?:" + std::string(path) + ").*";
}

// scheme://host[:port][/path] as a redirect, sent as written; ending in
// $request_uri, the request's path and query follow. nullopt when not a
// URL, or when it uses other nginx variables.
std::optional<ir::Redirect> RedirectTo(std::string_view url, int status) {
  constexpr std::string_view kRequestUri = "$request_uri";
  bool request_uri = url.ends_with(kRequestUri);
  if (request_uri) url.remove_suffix(kRequestUri.size());
  size_t sep = url.find("://");
  if (sep == std::string_view::npos || sep == 0 || url.find('$') != std::string_view::npos) return std::nullopt;
  ir::Redirect r;
  r.scheme = std::string(url.substr(0, sep));
  std::string_view rest = url.substr(sep + 3);
  size_t slash = rest.find('/');
  std::string_view authority = rest.substr(0, slash);
  if (size_t colon = authority.rfind(':'); colon != std::string_view::npos) {
    std::optional<int> port = ParseInt(authority.substr(colon + 1));
    if (!port) return std::nullopt;
    r.port = *port;
    authority = authority.substr(0, colon);
  }
  if (authority.empty()) return std::nullopt;
  r.hostname = std::string(authority);
  r.status = status;
  if (request_uri) {
    if (slash != std::string_view::npos) return std::nullopt;  // a path before $request_uri: not modelled
    return r;
  }
  r.path = ir::PathModifier{false, slash == std::string_view::npos ? "/" : std::string(rest.substr(slash)), ""};
  r.keep_query = false;  // nginx's `return CODE URL` sends the URL as it is
  return r;
}

int RedirectCode(const Object& ing, std::string_view name, int fallback) {
  std::optional<int> code = Int(ing, name);
  return code && *code >= 300 && *code <= 308 ? *code : fallback;
}

// permanent-redirect and temporal-redirect (temporal wins when both are set).
std::optional<ir::Redirect> LocationRedirect(const Object& ing) {
  if (std::string_view url = Ann(ing, "temporal-redirect"); !url.empty()) {
    return RedirectTo(url, RedirectCode(ing, "temporal-redirect-code", 302));
  }
  if (std::string_view url = Ann(ing, "permanent-redirect"); !url.empty()) {
    return RedirectTo(url, RedirectCode(ing, "permanent-redirect-code", 301));
  }
  return std::nullopt;
}

std::optional<ir::Cors> CorsOf(const Object& ing) {
  if (!Bool(ing, "enable-cors").value_or(false)) return std::nullopt;
  auto list = [&](std::string_view name, std::string_view fallback) {
    std::string_view v = Ann(ing, name);
    return CommaList(v.empty() ? fallback : v);
  };
  ir::Cors c;
  c.allow_origins = list("cors-allow-origin", "*");
  c.allow_methods = list("cors-allow-methods", "GET, PUT, POST, DELETE, PATCH, OPTIONS");
  c.allow_headers = list("cors-allow-headers",
                         "DNT,Keep-Alive,User-Agent,X-Requested-With,If-Modified-Since,Cache-Control,"
                         "Content-Type,Range,Authorization");
  c.expose_headers = list("cors-expose-headers", "");
  c.allow_credentials = Bool(ing, "cors-allow-credentials").value_or(true);
  c.max_age = Int(ing, "cors-max-age").value_or(1728000);
  return c;
}

// Why RE2 rejects `pattern` ("" when it accepts it). Generated and copied
// manifests repeat their paths, so answers are remembered.
std::string RegexError(const std::string& pattern) {
  thread_local std::unordered_map<std::string, std::string> known;
  auto [it, fresh] = known.try_emplace(pattern);
  if (fresh) {
    RE2::Options options;
    options.set_log_errors(false);
    options.set_never_capture(true);
    RE2 re(pattern, options);
    if (!re.ok()) it->second = re.error().empty() ? "rejected" : re.error();
  }
  return it->second;
}

// How nginx picks among a host's locations.
enum class HostMode {
  kPlain,         // Exact and element-wise Prefix: the specification's reading
  kStringPrefix,  // an ImplementationSpecific path: longest string prefix wins
  kRegex,         // use-regex or rewrite-target: case-insensitive regexes
};

// The nginx prefix locations of a host with an ImplementationSpecific path,
// as regexes ranked by location length (nginx's longest-prefix choice):
// ImplementationSpecific "/a" is location "/a" (also "/ab"); Prefix "/a" is
// "/a/" plus "= /a" (whole elements, one character longer); Exact stays.
void StringPrefixMatch(const IngressPath& p, ir::Match* m) {
  if (p.type == "Exact") return;
  bool whole_elements = p.type == "Prefix" && !p.value.ends_with('/');
  m->path_kind = PathKind::kRegex;
  m->path = RegexLiteral(p.value) + (whole_elements ? "(/.*)?" : ".*");
  m->path_chars = p.value.size() + (whole_elements ? 1 : 0);
}

// An nginx size ("8k", "16m", "1g": binary units) in bytes; nullopt when
// not a size or 0 (no limit).
std::optional<uint64_t> NginxSize(std::string_view v) {
  uint64_t scale = 1;
  if (!v.empty() && (v.back() == 'k' || v.back() == 'K')) scale = 1024;
  if (!v.empty() && (v.back() == 'm' || v.back() == 'M')) scale = 1024 * 1024;
  if (!v.empty() && (v.back() == 'g' || v.back() == 'G')) scale = 1024 * 1024 * 1024;
  std::optional<int> n = ParseInt(scale == 1 ? v : v.substr(0, v.size() - 1));
  if (!n || *n <= 0) return std::nullopt;
  return static_cast<uint64_t>(*n) * scale;
}

// Rate limits per client address, address lists and the body size limit.
ir::Policies PoliciesOf(const Object& ing) {
  ir::Policies p;
  if (std::optional<int> rps = Int(ing, "limit-rps"); rps && *rps > 0) {
    p.rate_limit = ir::RateLimit{static_cast<uint32_t>(*rps), ir::RateLimit::kSecond};
  } else if (std::optional<int> rpm = Int(ing, "limit-rpm"); rpm && *rpm > 0) {
    p.rate_limit = ir::RateLimit{static_cast<uint32_t>(*rpm), ir::RateLimit::kMinute};
  }
  std::string_view allow = Ann(ing, "allowlist-source-range");
  p.allow_cidrs = CommaList(allow.empty() ? Ann(ing, "whitelist-source-range") : allow);
  p.deny_cidrs = CommaList(Ann(ing, "denylist-source-range"));
  p.max_request_bytes = NginxSize(Ann(ing, "proxy-body-size"));
  return p;
}

// The match of one path in the host's mode.
bool LowerMatch(const IngressPath& p, HostMode mode, ir::Match* m, std::vector<std::string>* warnings) {
  if (mode == HostMode::kPlain) return true;
  if (mode == HostMode::kStringPrefix) {
    StringPrefixMatch(p, m);
    return true;
  }
  m->path_kind = PathKind::kRegex;
  m->path = LocationRegex(p.value);
  m->path_chars = p.value.size();
  bool literal = p.value.find_first_of("\\.+*?()|[]{}^$") == std::string::npos;
  std::string error = literal ? "" : RegexError(m->path);
  if (error.empty()) return true;
  warnings->push_back(p.ingress->Display() + ": path '" + p.value +
                      "' is not a regular expression RE2 accepts (" + error + "); the path is skipped");
  return false;
}

// What the annotations of the path's Ingress do to its location.
void LowerLocation(const IngressPath& p, ir::Rule* rule, std::vector<std::string>* warnings) {
  const Object& ing = *p.ingress;
  if (std::string_view target = Ann(ing, "rewrite-target"); !target.empty()) {
    bool captures = false;
    std::string substitution = Substitution(target, &captures);
    ir::PathModifier path{false, captures ? substitution : std::string(target), ""};
    if (captures) path.regex = "(?i)^(?:" + p.value + ").*";
    rule->filters.rewrite.emplace().path = path;
  }
  if (std::string_view vhost = Ann(ing, "upstream-vhost"); !vhost.empty()) {
    if (!rule->filters.rewrite) rule->filters.rewrite.emplace();
    rule->filters.rewrite->hostname = std::string(vhost);
  }
  if (std::string_view prefix = Ann(ing, "x-forwarded-prefix"); !prefix.empty()) {
    rule->filters.request_headers.push_back({ir::HeaderEdit::kSet, "x-forwarded-prefix", std::string(prefix)});
  }
  rule->filters.cors = CorsOf(ing);
  rule->policies = PoliciesOf(ing);
  if (std::optional<ir::Redirect> redirect = LocationRedirect(ing)) {
    rule->filters = {};
    rule->filters.redirect = redirect;
    rule->backends.clear();
  } else if (!Ann(ing, "temporal-redirect").empty() || !Ann(ing, "permanent-redirect").empty()) {
    warnings->push_back(ing.Display() + ": the redirect annotation is not a URL; the controller ignores it");
  }
}

// A condition on the Cookie header: cookie `name` has `value`, as nginx's
// $cookie_ reads it (name in any case, blanks around '=', ';' or ','
// between cookies; the value runs to the separator).
ir::Condition CookieIs(std::string_view name, std::string_view value) {
  return {"cookie", true,
          "(?:.*[;,][ \\t]*)?(?i:" + RE2::QuoteMeta(name) + ")[ \\t]*=[ \\t]*" + RE2::QuoteMeta(value) + "(?:[;,].*)?"};
}

// Folds canary Ingress `canary` (rule `c`) into the main rule `main`:
// header rules first, then cookie rules, then the weight split.
void FoldCanary(const IngressPath& canary, const ir::Rule& c, IngressRule* main, std::vector<IngressRule>* added) {
  const Object& ing = *canary.ingress;
  const ir::Backend& canary_backend = c.backends.front();
  if (std::string_view header = Ann(ing, "canary-by-header"); !header.empty()) {
    std::string name(header);
    std::transform(name.begin(), name.end(), name.begin(), [](unsigned char ch) { return std::tolower(ch); });
    std::string_view value = Ann(ing, "canary-by-header-value");
    std::string_view pattern = Ann(ing, "canary-by-header-pattern");
    IngressRule to_canary{main->ingress, main->rule};
    to_canary.rule.index = kAddedRule;
    to_canary.rule.backends = {canary_backend};
    bool by_value = !value.empty() || pattern.empty();
    to_canary.rule.matches.front().headers.push_back(
        {name, !by_value, by_value ? std::string(value.empty() ? "always" : value) : std::string(pattern)});
    added->push_back(std::move(to_canary));
    if (value.empty() && pattern.empty()) {  // "never" keeps the request off the canary
      IngressRule to_main{main->ingress, main->rule};
      to_main.rule.index = kAddedRule;
      to_main.rule.matches.front().headers.push_back({name, false, "never"});
      added->push_back(std::move(to_main));
    }
  }
  // The cookie's "always" sends a request to the canary and "never" keeps it
  // off; another value, or none, leaves it to the weight.
  if (std::string_view cookie = Ann(ing, "canary-by-cookie"); !cookie.empty()) {
    IngressRule to_canary{main->ingress, main->rule};
    to_canary.rule.index = kAddedRule;
    to_canary.rule.backends = {canary_backend};
    to_canary.rule.matches.front().headers.push_back(CookieIs(cookie, "always"));
    added->push_back(std::move(to_canary));
    IngressRule to_main{main->ingress, main->rule};
    to_main.rule.index = kAddedRule;
    to_main.rule.matches.front().headers.push_back(CookieIs(cookie, "never"));
    added->push_back(std::move(to_main));
  }
  int total = std::max(1, Int(ing, "canary-weight-total").value_or(100));
  int weight = std::clamp(Int(ing, "canary-weight").value_or(0), 0, total);
  if (weight == 0) return;
  for (ir::Backend& b : main->rule.backends) b.weight *= static_cast<uint32_t>(total - weight);
  ir::Backend b = canary_backend;
  b.weight = static_cast<uint32_t>(weight);
  main->rule.backends.push_back(b);
  main->rule.backends.erase(std::remove_if(main->rule.backends.begin(), main->rule.backends.end(),
                                           [](const ir::Backend& x) { return x.weight == 0; }),
                            main->rule.backends.end());
}

// app-root: the host's "/" answers with a 302 to the application root.
void AddAppRoot(const std::vector<IngressPath>& paths, std::vector<IngressRule>* rules) {
  std::set<const Object*> seen;
  for (const IngressPath& p : paths) {
    if (!seen.insert(p.ingress).second || IsCanary(*p.ingress)) continue;
    std::string_view root = Ann(*p.ingress, "app-root");
    if (root.empty() || root.front() != '/') continue;  // the controller ignores absolute URLs
    IngressRule r{p.ingress, {}};
    r.rule.index = kAddedRule;
    ir::Match m;
    m.path_kind = PathKind::kExact;
    m.path = "/";
    r.rule.matches.push_back(m);
    r.rule.filters.redirect = ir::Redirect{std::nullopt, std::nullopt, std::nullopt,
                                           ir::PathModifier{false, std::string(root), ""}, 302, false};
    rules->push_back(std::move(r));
    return;  // one per server
  }
}

// The annotation whose presence (a redirect URL) or truth (a switch) gives
// `name` its effect, or "".
std::string_view RequiredSwitch(std::string_view name) {
  if (name.starts_with("cors-")) return "enable-cors";
  if (name.starts_with("canary-")) return "canary";
  if (name == "permanent-redirect-code") return "permanent-redirect";
  if (name == "temporal-redirect-code") return "temporal-redirect";
  return "";
}

}  // namespace

void IngressNginxDialect::LowerHost(const Index& index, const std::string& host,
                                    const std::vector<IngressPath>& paths, std::vector<IngressRule>* rules,
                                    std::vector<std::string>* warnings) const {
  HostMode mode = HostMode::kPlain;
  if (std::any_of(paths.begin(), paths.end(), [](const IngressPath& p) { return RegexMode(*p.ingress); })) {
    mode = HostMode::kRegex;
  } else if (std::any_of(paths.begin(), paths.end(), [](const IngressPath& p) { return p.type == "ImplementationSpecific"; })) {
    mode = HostMode::kStringPrefix;
  }
  std::vector<IngressRule> added;
  for (size_t i = 0; i < paths.size(); ++i) {
    ir::Rule& rule = (*rules)[i].rule;
    if (!LowerMatch(paths[i], mode, &rule.matches.front(), warnings)) {
      rule.matches.clear();
      continue;
    }
    if (!IsCanary(*paths[i].ingress)) LowerLocation(paths[i], &rule, warnings);
  }
  for (size_t i = 0; i < paths.size(); ++i) {
    if (!IsCanary(*paths[i].ingress) || (*rules)[i].rule.matches.empty()) continue;
    ir::Rule canary = std::move((*rules)[i].rule);
    (*rules)[i].rule.matches.clear();
    size_t main = 0;
    while (main < paths.size() && (IsCanary(*paths[main].ingress) || (*rules)[main].rule.matches.empty() ||
                                   paths[main].value != paths[i].value || paths[main].type != paths[i].type)) {
      ++main;
    }
    if (main == paths.size()) {
      warnings->push_back(paths[i].ingress->Display() + ": canary path '" + paths[i].value +
                          "' has no main Ingress with the same host and path; the controller ignores it");
      continue;
    }
    FoldCanary(paths[i], canary, &(*rules)[main], &added);
  }
  AddAppRoot(paths, &added);
  for (IngressRule& r : added) rules->push_back(std::move(r));
}

std::optional<int> IngressNginxDialect::HttpsRedirect(const Object& ingress, bool host_has_tls) const {
  if (Bool(ingress, "force-ssl-redirect").value_or(false)) return 308;
  if (host_has_tls && Bool(ingress, "ssl-redirect").value_or(true)) return 308;
  return std::nullopt;
}

bool IngressNginxDialect::DefaultBackendIsCatchAll(const Object& ingress) const {
  const Node* spec = ingress.root->Get("spec");
  const Node* rules = spec ? spec->Get("rules") : nullptr;
  return !rules || !rules->IsSeq() || rules->size == 0;
}

// from-to-www-redirect: www.<host> redirects to <host>, or <host> to
// www.<host> when the rule names the www form, with the controller's
// HTTP redirect code (308 unless its ConfigMap says otherwise).
std::optional<std::pair<std::string, int>> IngressNginxDialect::AliasRedirect(const Object& ingress,
                                                                             std::string_view host) const {
  if (host.empty() || host.front() == '*' || IsCanary(ingress) || !Bool(ingress, "from-to-www-redirect").value_or(false)) {
    return std::nullopt;
  }
  std::string alias = host.starts_with("www.") ? std::string(host.substr(4)) : "www." + std::string(host);
  return std::make_pair(alias, 308);
}

std::vector<AnnotationNote> IngressNginxDialect::Annotations(const Object& ingress) const {
  static const std::set<std::string_view> kModelled = {
      "use-regex", "rewrite-target", "ssl-redirect", "force-ssl-redirect", "permanent-redirect",
      "permanent-redirect-code", "temporal-redirect", "temporal-redirect-code", "app-root",
      "upstream-vhost", "x-forwarded-prefix", "canary", "canary-weight", "canary-weight-total",
      "canary-by-header", "canary-by-header-value", "canary-by-cookie", "from-to-www-redirect", "enable-cors", "cors-allow-origin",
      "cors-allow-methods", "cors-allow-headers", "cors-expose-headers", "cors-allow-credentials",
      "cors-max-age", "limit-rps", "limit-rpm", "allowlist-source-range", "whitelist-source-range",
      "denylist-source-range", "proxy-body-size"};
  std::vector<AnnotationNote> notes = ClassifyAnnotations(
      ingress, kPrefix, "ingress-nginx", kModelled, [&](std::string_view name, std::string_view value, AnnotationNote* note) {
        const AnnotationInfo* info = FindControllerAnnotation(AnnotationPrefix::kIngressNginx, name);
        std::string_view needs = RequiredSwitch(name);
        if (info->kind == AnnotationKind::kBool && !ParseGoBool(value)) {
          note->detail = "'" + std::string(value) + "' is not a boolean; the controller ignores it";
        } else if (!needs.empty() && !Bool(ingress, needs).value_or(false) && Ann(ingress, needs).empty()) {
          note->detail = "has no effect without " + std::string(kPrefix) + std::string(needs);
        } else if (!needs.empty() && needs != "permanent-redirect" && needs != "temporal-redirect" &&
                   !Bool(ingress, needs).value_or(false)) {
          note->detail = "has no effect: " + std::string(kPrefix) + std::string(needs) + " is not \"true\"";
        } else if (name == "canary-by-header-pattern") {
          note->fate = AnnotationFate::kPartial;
          note->detail = "the PCRE pattern is read as RE2";
        } else if (name.ends_with("-snippet")) {
          note->detail = "raw nginx configuration cannot be translated";
        } else {
          return false;
        }
        return true;
      });
  const Node* rules = ingress.root->Get("spec") ? ingress.root->Get("spec")->Get("rules") : nullptr;
  for (uint32_t i = 0; rules && rules->IsSeq() && i < rules->size; ++i) {
    const Node* http = rules->values[i]->Get("http");
    const Node* ps = http ? http->Get("paths") : nullptr;
    for (uint32_t k = 0; ps && ps->IsSeq() && k < ps->size; ++k) {
      if (ps->values[k]->Str("pathType", "ImplementationSpecific") != "ImplementationSpecific" || RegexMode(ingress)) continue;
      notes.push_back({"spec.rules[" + std::to_string(i) + "].http.paths[" + std::to_string(k) + "].pathType",
                       AnnotationFate::kPartial,
                       "ImplementationSpecific '" + std::string(ps->values[k]->Str("path", "/")) +
                           "' is a string prefix in nginx ('/a' also matches '/ab'): the host's paths are "
                           "written as RegularExpression, longest first, which Gateway API leaves to each "
                           "implementation to rank"});
    }
  }
  return notes;
}

}  // namespace gwc

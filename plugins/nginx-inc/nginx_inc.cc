// Copyright 2026 The gwc Authors.
//
// NGINX Inc.'s controller: the nginx.org/* annotations that change where a
// request goes and what it carries, lowered as its templates program them.

#include "plugins/nginx-inc/nginx_inc.h"

#include <algorithm>
#include <set>

#include "plugins/common/annotations.h"

namespace gwc {

namespace {

constexpr std::string_view kPrefix = "nginx.org/";

std::string_view Ann(const Object& ing, std::string_view name) { return AnnotationValue(ing, kPrefix, name); }

// path-regex's value when it is one the controller accepts (or absent).
bool PathRegexValid(std::string_view v) {
  return v.empty() || v == "case_sensitive" || v == "case_insensitive" || v == "exact";
}

// The location of a path under path-regex: regexes anchored at the start
// only, as nginx's `~`/`~*` locations are; "exact" an Exact path.
void PathRegexMatch(std::string_view mode, const IngressPath& p, ir::Match* m) {
  if (mode.empty()) return;
  if (mode == "exact") {
    m->path_kind = PathKind::kExact;
    m->path = p.value;
    return;
  }
  m->path_kind = PathKind::kRegex;
  m->path = std::string(mode == "case_insensitive" ? "(?i)" : "") + "(?:" + p.value + ").*";
  m->path_chars = p.value.size();
}

// nginx.org/rewrites: "serviceName=S rewrite=/p;serviceName=T rewrite=/q".
std::string RewriteFor(const Object& ing, std::string_view service) {
  for (const std::string& entry : SplitList(Ann(ing, "rewrites"), ';')) {
    std::string name, target;
    for (const std::string& field : SplitList(entry, ' ')) {
      if (field.starts_with("serviceName=")) name = field.substr(12);
      if (field.starts_with("rewrite=")) target = field.substr(8);
    }
    if (name == service && !target.empty()) return target;
  }
  return "";
}

void LowerLocation(const Object& ing, ir::Rule* rule) {
  if (rule->backends.empty()) return;
  if (std::string target = RewriteFor(ing, rule->backends.front().name); !target.empty()) {
    rule->filters.rewrite.emplace().path = ir::PathModifier{true, target, ""};
  }
  for (const std::string& header : SplitList(Ann(ing, "proxy-set-headers"), ',')) {
    size_t colon = header.find(':');
    if (colon == std::string::npos) continue;  // a bare name passes the client's value on
    std::string name = header.substr(0, colon);
    std::transform(name.begin(), name.end(), name.begin(), [](unsigned char c) { return std::tolower(c); });
    std::string value = header.substr(colon + 1);
    while (!value.empty() && value.front() == ' ') value.erase(0, 1);
    rule->filters.request_headers.push_back({ir::HeaderEdit::kSet, name, value});
  }
  for (std::string& header : SplitList(Ann(ing, "proxy-hide-headers"), ',')) {
    std::transform(header.begin(), header.end(), header.begin(), [](unsigned char c) { return std::tolower(c); });
    rule->filters.response_headers.push_back({ir::HeaderEdit::kRemove, header, ""});
  }
  if (ParseGoBool(Ann(ing, "hsts")).value_or(false)) {
    std::string value = "max-age=" + std::to_string(ParseInt(Ann(ing, "hsts-max-age")).value_or(2592000));
    if (ParseGoBool(Ann(ing, "hsts-include-subdomains")).value_or(false)) value += "; includeSubDomains";
    rule->filters.response_headers.push_back({ir::HeaderEdit::kSet, "strict-transport-security", value});
  }
}

// grpc-services: the location proxies gRPC (grpc_pass), which only gRPC
// requests get through; their paths are /service/method, so a path of two
// segments is one method and a shorter one a prefix.
void GrpcMatch(const Object& ing, std::string_view service, ir::Match* m) {
  std::vector<std::string> services = SplitList(Ann(ing, "grpc-services"), ',');
  if (std::find(services.begin(), services.end(), service) == services.end()) return;
  m->grpc_only = true;
  if (m->path_kind == PathKind::kPrefix && std::count(m->path.begin(), m->path.end(), '/') == 2) {
    m->path_kind = PathKind::kExact;
  }
}

// redirect-to-https: a copy of the rule for requests that say, through
// X-Forwarded-Proto, that they came in as plain HTTP.
IngressRule ForwardedProtoRedirect(const Object& ing, const ir::Rule& rule) {
  IngressRule r{&ing, {}};
  r.rule.index = kAddedRule;
  r.rule.matches = rule.matches;
  for (ir::Match& m : r.rule.matches) m.headers.push_back({"x-forwarded-proto", false, "http"});
  r.rule.filters.redirect = ir::Redirect{"https", std::nullopt, std::nullopt, std::nullopt, 301};
  return r;
}

}  // namespace

void NginxIncDialect::LowerHost(const Index& index, const std::string& host, const std::vector<IngressPath>& paths,
                                std::vector<IngressRule>* rules, std::vector<std::string>* warnings) const {
  std::set<const Object*> rejected;
  std::vector<IngressRule> added;
  for (size_t i = 0; i < paths.size(); ++i) {
    const Object& ing = *paths[i].ingress;
    ir::Rule& rule = (*rules)[i].rule;
    std::string_view mode = Ann(ing, "path-regex");
    if (!PathRegexValid(mode)) {
      if (rejected.insert(&ing).second) {
        warnings->push_back(ing.Display() + ": nginx.org/path-regex '" + std::string(mode) +
                            "' is not case_sensitive, case_insensitive or exact; the controller rejects the Ingress");
      }
      rule.matches.clear();
      continue;
    }
    PathRegexMatch(mode, paths[i], &rule.matches.front());
    GrpcMatch(ing, rule.backends.front().name, &rule.matches.front());
    LowerLocation(ing, &rule);
    if (ParseGoBool(Ann(ing, "redirect-to-https")).value_or(false)) added.push_back(ForwardedProtoRedirect(ing, rule));
  }
  for (IngressRule& r : added) rules->push_back(std::move(r));
}

std::optional<int> NginxIncDialect::HttpsRedirect(const Object& ingress, bool host_has_tls) const {
  if (host_has_tls && ParseGoBool(Ann(ingress, "ssl-redirect")).value_or(true)) return 301;
  return std::nullopt;
}

bool NginxIncDialect::DefaultBackendIsCatchAll(const Object& ingress) const { return true; }

std::vector<int> NginxIncDialect::Ports(const Object& ingress, bool https) const {
  std::vector<int> ports;
  for (const std::string& p : SplitList(Ann(ingress, https ? "listen-ports-ssl" : "listen-ports"), ',')) {
    if (std::optional<int> n = ParseInt(p); n && *n > 0 && *n < 65536) ports.push_back(*n);
  }
  return ports;
}

std::vector<AnnotationNote> NginxIncDialect::Annotations(const Object& ingress) const {
  static const std::set<std::string_view> kModelled = {
      "path-regex", "rewrites", "ssl-redirect", "redirect-to-https", "proxy-set-headers", "proxy-hide-headers",
      "hsts", "hsts-max-age", "hsts-include-subdomains", "listen-ports", "listen-ports-ssl", "grpc-services"};
  std::vector<AnnotationNote> notes = ClassifyAnnotations(
      ingress, kPrefix, "the NGINX Ingress Controller", kModelled,
      [](std::string_view name, std::string_view value, AnnotationNote* note) {
        if (name == "path-regex" && !PathRegexValid(value)) {
          note->detail = "not a value the controller accepts: it rejects the Ingress, which routes nothing";
        } else if (name == "ssl-services") {
          note->detail = "TLS towards the backend is not modelled (write a BackendTLSPolicy)";
        } else {
          return false;
        }
        return true;
      });
  return notes;
}

}  // namespace gwc

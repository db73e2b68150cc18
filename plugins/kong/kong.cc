// Copyright 2026 The gwc Authors.
//
// Kong: Ingress paths as Kong routes (regex and plain paths, methods,
// headers, strip-path, the HTTPS redirect).

#include "plugins/kong/kong.h"

#include <algorithm>
#include <set>

#include "compiler/base/strings.h"
#include "plugins/common/annotations.h"

namespace gwc {

namespace {

constexpr std::string_view kPrefix = "konghq.com/";
// Rank of regex paths: above every plain path, which rank by length.
constexpr size_t kRegexRank = size_t{1} << 20;

std::string_view Ann(const Object& ing, std::string_view name) { return AnnotationValue(ing, kPrefix, name); }

std::string_view RegexPrefix(const Object& ing) {
  std::string_view p = Ann(ing, "regex-prefix");
  return p.empty() ? "/~" : p;
}

bool IsRegexPath(const IngressPath& p) { return p.value.starts_with(RegexPrefix(*p.ingress)); }

std::string Lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return std::tolower(c); });
  return s;
}

// The match of one path; `regexes`: the host has regex or plain-prefix
// paths, so every path is a regex ranked as Kong ranks them.
void LowerPath(const IngressPath& p, bool regexes, ir::Match* m) {
  if (IsRegexPath(p)) {
    int priority = std::clamp(ParseInt(Ann(*p.ingress, "regex-priority")).value_or(0), 0, 100000);
    m->path_kind = PathKind::kRegex;
    m->path = "(?:" + p.value.substr(RegexPrefix(*p.ingress).size()) + ").*";
    m->path_chars = kRegexRank + static_cast<size_t>(priority);
  } else if (regexes && p.type != "Exact") {
    bool whole_elements = p.type == "Prefix" && !p.value.ends_with('/');
    m->path_kind = PathKind::kRegex;
    m->path = RegexLiteral(p.value) + (whole_elements ? "(/.*)?" : ".*");
    m->path_chars = p.value.size() + (whole_elements ? 1 : 0);
  }
}

// strip-path: what the route matched is removed, leaving at least "/".
void StripPath(const IngressPath& p, const ir::Match& m, ir::Rule* rule) {
  ir::PathModifier strip{false, "/", ""};
  if (m.path_kind == PathKind::kPrefix) {
    strip.replace_prefix = true;
  } else if (m.path_kind == PathKind::kRegex) {
    std::string matched = IsRegexPath(p) ? "(?:" + p.value.substr(RegexPrefix(*p.ingress).size()) + ")"
                                         : RegexLiteral(p.value);
    strip.regex = "^" + matched + "/?";
  }
  rule->filters.rewrite.emplace().path = strip;
}

// methods and headers.<name>: more conditions on every match.
void AddConditions(const Object& ing, ir::Rule* rule) {
  std::vector<std::string> methods = SplitList(Ann(ing, "methods"), ',');
  std::vector<ir::Condition> headers;
  std::string_view separator = Ann(ing, "headers-separator");
  const Node* anns = ing.Annotations();
  for (uint32_t i = 0; anns && anns->IsMap() && i < anns->size; ++i) {
    std::string_view key = anns->keys[i].text;
    if (!key.starts_with("konghq.com/headers.")) continue;
    std::vector<std::string> values = SplitList(anns->values[i]->text, separator.empty() ? ',' : separator.front());
    if (values.empty()) continue;
    std::string name = Lower(std::string(key.substr(19)));
    if (values.size() == 1) {
      headers.push_back({name, false, values.front()});
      continue;
    }
    std::string alternatives;
    for (const std::string& v : values) alternatives += (alternatives.empty() ? "" : "|") + RegexLiteral(v);
    headers.push_back({name, true, alternatives});
  }
  std::vector<ir::Match> matches;
  for (ir::Match m : rule->matches) {
    m.headers.insert(m.headers.end(), headers.begin(), headers.end());
    if (methods.empty()) matches.push_back(m);
    for (const std::string& method : methods) {
      m.method = method;
      matches.push_back(m);
    }
  }
  rule->matches = std::move(matches);
}

}  // namespace

void KongDialect::LowerHost(const Index& index, const std::string& host, const std::vector<IngressPath>& paths,
                            std::vector<IngressRule>* rules, std::vector<std::string>* warnings) const {
  bool regexes = std::any_of(paths.begin(), paths.end(), [](const IngressPath& p) {
    return IsRegexPath(p) || p.type == "ImplementationSpecific";
  });
  for (size_t i = 0; i < paths.size(); ++i) {
    ir::Rule& rule = (*rules)[i].rule;
    LowerPath(paths[i], regexes, &rule.matches.front());
    if (ParseGoBool(Ann(*paths[i].ingress, "strip-path")).value_or(false)) {
      StripPath(paths[i], rule.matches.front(), &rule);
    }
    AddConditions(*paths[i].ingress, &rule);
  }
}

std::optional<int> KongDialect::HttpsRedirect(const Object& ingress, bool host_has_tls) const {
  std::vector<std::string> protocols = SplitList(Ann(ingress, "protocols"), ',');
  bool https_only = !protocols.empty() && std::none_of(protocols.begin(), protocols.end(),
                                                       [](const std::string& p) { return p == "http"; });
  int code = ParseInt(Ann(ingress, "https-redirect-status-code")).value_or(426);
  if (!https_only) return std::nullopt;
  return code == 301 || code == 302 || code == 307 || code == 308 ? code : 426;
}

std::vector<AnnotationNote> KongDialect::Annotations(const Object& ingress) const {
  static const std::set<std::string_view> kModelled = {"strip-path", "methods", "headers-separator",
                                                       "regex-prefix", "regex-priority", "https-redirect-status-code"};
  std::vector<AnnotationNote> notes = ClassifyAnnotations(
      ingress, kPrefix, "the Kong Ingress Controller", kModelled,
      [&](std::string_view name, std::string_view value, AnnotationNote* note) {
        if (name.starts_with("headers.")) {
          note->fate = AnnotationFate::kTranslated;
        } else if (name == "protocols") {
          std::vector<std::string> protocols = SplitList(value, ',');
          bool serves_http = std::find(protocols.begin(), protocols.end(), "http") != protocols.end();
          note->fate = AnnotationFate::kTranslated;
          if (!serves_http && HttpsRedirect(ingress, false) == 426) {
            note->fate = AnnotationFate::kPartial;
            note->detail = "plain HTTP gets Kong's 426 (no https-redirect-status-code), which Gateway API cannot answer";
          }
        } else if (name == "plugins") {
          note->detail = "Kong plugins (auth, rate limits, transforms) are policies, not routing; not migrated yet";
        } else {
          return false;
        }
        return true;
      });
  return notes;
}

}  // namespace gwc

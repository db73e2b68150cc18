// Copyright 2026 The gwc Authors.

#include "compiler/model/rule_validity.h"

#include <algorithm>
#include <map>
#include <span>
#include <string_view>

#include "compiler/base/strings.h"
#include "compiler/model/regex.h"

namespace gwc {

namespace {

using Values = std::span<const std::string_view>;

constexpr std::string_view kHttpFilterTypes[] = {"RequestHeaderModifier", "ResponseHeaderModifier",
                                                 "RequestMirror",         "RequestRedirect",
                                                 "URLRewrite",            "ExtensionRef",
                                                 "CORS",                  "ExternalAuth"};
constexpr std::string_view kGrpcFilterTypes[] = {"RequestHeaderModifier", "ResponseHeaderModifier", "RequestMirror",
                                                 "ExtensionRef"};
constexpr std::string_view kMethods[] = {"GET",     "HEAD",    "POST",  "PUT",  "DELETE",
                                         "CONNECT", "OPTIONS", "TRACE", "PATCH"};
constexpr std::string_view kPathMatchTypes[] = {"Exact", "PathPrefix", "RegularExpression"};
constexpr std::string_view kValueMatchTypes[] = {"Exact", "RegularExpression"};
constexpr std::string_view kPathModifierTypes[] = {"ReplaceFullPath", "ReplacePrefixMatch"};
constexpr std::string_view kSchemes[] = {"http", "https"};
constexpr std::string_view kRedirectCodes[] = {"301", "302", "303", "307", "308"};

// Finds the first problem of one rule.
class RuleCheck {
 public:
  RuleCheck(const Object& route, const Node& rule) : grpc_(route.kind == "GRPCRoute"), rule_(rule) {}

  std::optional<RuleProblem> Run() {
    const Node* matches = rule_.Get("matches");
    for (uint32_t i = 0; matches && matches->IsSeq() && i < matches->size; ++i) Match(*matches->values[i], i);
    Filters(rule_.Get("filters"), "filters");
    const Node* refs = rule_.Get("backendRefs");
    for (uint32_t i = 0; refs && refs->IsSeq() && i < refs->size; ++i) {
      Filters(refs->values[i]->Get("filters"), "backendRefs[" + std::to_string(i) + "].filters");
    }
    return problem_;
  }

 private:
  void Unsupported(std::string_view field, std::string_view value) {
    if (!problem_) {
      problem_ = RuleProblem{"UnsupportedValue", std::string(field) + ": unsupported value '" + std::string(value) + "'"};
    }
  }

  // `node`'s `key`, when present, must be one of `allowed`.
  void Enum(const Node* node, std::string_view key, Values allowed, const std::string& field) {
    const Node* v = node ? node->Get(key) : nullptr;
    if (v && v->IsScalar() && std::find(allowed.begin(), allowed.end(), v->text) == allowed.end()) {
      Unsupported(field + "." + std::string(key), v->text);
    }
  }

  void Match(const Node& m, uint32_t i) {
    std::string at = "matches[" + std::to_string(i) + "]";
    if (grpc_) {
      const Node* method = m.Get("method");
      Enum(method, "type", kValueMatchTypes, at + ".method");
      if (IsRegex(method, "Exact")) {
        Regex(method->Get("service"), at + ".method.service");
        Regex(method->Get("method"), at + ".method.method");
      }
    } else {
      const Node* path = m.Get("path");
      Enum(path, "type", kPathMatchTypes, at + ".path");
      if (IsRegex(path, "PathPrefix")) Regex(path->Get("value"), at + ".path.value");
      Enum(&m, "method", kMethods, at);
      Conditions(m.Get("queryParams"), at + ".queryParams");
    }
    Conditions(m.Get("headers"), at + ".headers");
  }

  void Conditions(const Node* list, const std::string& at) {
    for (uint32_t i = 0; list && list->IsSeq() && i < list->size; ++i) {
      const Node* c = list->values[i];
      std::string field = at + "[" + std::to_string(i) + "]";
      Enum(c, "type", kValueMatchTypes, field);
      if (IsRegex(c, "Exact")) Regex(c->Get("value"), field + ".value");
    }
  }

  static bool IsRegex(const Node* match, std::string_view default_type) {
    return match && match->IsMap() && match->Str("type", default_type) == "RegularExpression";
  }

  // A RegularExpression value must be one RE2 compiles.
  void Regex(const Node* value, const std::string& field) {
    if (!value || !value->IsScalar() || problem_) return;
    if (std::string error = Re2Error(value->text); !error.empty()) {
      problem_ = RuleProblem{"UnsupportedValue", field + ": not a regular expression RE2 accepts (" + error + ")"};
    }
  }

  void Filters(const Node* list, const std::string& at) {
    for (uint32_t i = 0; list && list->IsSeq() && i < list->size; ++i) {
      const Node& f = *list->values[i];
      std::string field = at + "[" + std::to_string(i) + "]";
      Enum(&f, "type", grpc_ ? Values(kGrpcFilterTypes) : Values(kHttpFilterTypes), field);
      if (const Node* r = f.Get("requestRedirect")) {
        Enum(r, "scheme", kSchemes, field + ".requestRedirect");
        Enum(r, "statusCode", kRedirectCodes, field + ".requestRedirect");
        PathModifier(r->Get("path"), field + ".requestRedirect.path");
      }
      if (const Node* r = f.Get("urlRewrite")) PathModifier(r->Get("path"), field + ".urlRewrite.path");
      for (std::string_view modifier : {"requestHeaderModifier", "responseHeaderModifier"}) {
        HeaderActions(f.Get(modifier), field + "." + std::string(modifier));
      }
    }
  }

  void HeaderActions(const Node* modifier, const std::string& field) {
    for (const RepeatedHeader& r : RepeatedHeaders(modifier)) {
      if (r.same_list || problem_) continue;
      problem_ = RuleProblem{"IncompatibleFilters", field + ": header '" + std::string(r.repeat->text) +
                                                        "' is given two actions (as '" + std::string(r.first->text) +
                                                        "' first); one action per header name is allowed"};
    }
  }

  void PathModifier(const Node* path, const std::string& field) {
    if (!path) return;
    Enum(path, "type", kPathModifierTypes, field);
    if (path->Str("type") == "ReplacePrefixMatch" && !OnePathPrefixMatch() && !problem_) {
      problem_ = RuleProblem{"IncompatibleFilters",
                             field + ": ReplacePrefixMatch needs a rule with exactly one match, of type PathPrefix"};
    }
  }

  // Whether the rule has exactly one match and its path is a PathPrefix
  // (omitted matches and paths default to PathPrefix "/"; a list written
  // empty stays empty).
  bool OnePathPrefixMatch() const {
    const Node* matches = rule_.Get("matches");
    if (!matches || !matches->IsSeq()) return true;
    if (matches->size != 1) return false;
    const Node* path = matches->values[0]->Get("path");
    return !path || path->Str("type", "PathPrefix") == "PathPrefix";
  }

  bool grpc_;
  const Node& rule_;
  std::optional<RuleProblem> problem_;
};

// The index i when `field_path` is spec.rules[i] or a field under it.
std::optional<uint32_t> RuleOfField(std::string_view field_path) {
  constexpr std::string_view kRules = "spec.rules[";
  if (!field_path.starts_with(kRules)) return std::nullopt;
  size_t close = field_path.find(']', kRules.size());
  if (close == std::string_view::npos || close == kRules.size()) return std::nullopt;
  uint32_t i = 0;
  for (char c : field_path.substr(kRules.size(), close - kRules.size())) {
    if (c < '0' || c > '9' || i > 1000000) return std::nullopt;
    i = i * 10 + static_cast<uint32_t>(c - '0');
  }
  return i;
}

}  // namespace

std::vector<RepeatedHeader> RepeatedHeaders(const Node* modifier) {
  std::vector<RepeatedHeader> repeats;
  if (!modifier || !modifier->IsMap()) return repeats;
  struct First {
    const Node* name;
    const Node* list;
  };
  std::map<std::string, First> first;
  for (std::string_view action : {"set", "add", "remove"}) {
    const Node* list = modifier->Get(action);
    for (uint32_t i = 0; list && list->IsSeq() && i < list->size; ++i) {
      const Node* entry = list->values[i];
      const Node* name = entry->IsScalar() ? entry : entry->Get("name");
      if (!name || !name->IsScalar()) continue;
      auto [it, inserted] = first.emplace(AsciiLower(name->text), First{name, list});
      bool same_list = it->second.list == list;
      if (!inserted && !(same_list && action == "remove")) repeats.push_back({name, it->second.name, same_list});
    }
  }
  return repeats;
}

std::optional<RuleProblem> RuleProblemOf(const Object& route, const Node& rule) {
  if (std::optional<RuleProblem> p = RuleCheck(route, rule).Run()) return p;
  for (const ApiError& e : route.api_errors) {
    if (RuleOfField(e.field_path) != rule.index) continue;
    std::string_view within = std::string_view(e.field_path).substr(e.field_path.find(']') + 1);
    if (within.starts_with('.')) within.remove_prefix(1);
    std::string message = within.empty() ? e.message : std::string(within) + ": " + e.message;
    std::string_view reason = InfoFor(e.code).status_reason;
    return RuleProblem{std::string(reason.empty() ? "UnsupportedValue" : reason),
                       message + " (the API server refuses this)", true};
  }
  return std::nullopt;
}

bool RouteRefused(const Object& route) {
  const Node* spec = route.root ? route.root->Get("spec") : nullptr;
  const Node* rules = spec ? spec->Get("rules") : nullptr;
  return std::any_of(route.api_errors.begin(), route.api_errors.end(), [&](const ApiError& e) {
    std::optional<uint32_t> i = RuleOfField(e.field_path);
    // An item that is not a mapping is no rule the lowering could leave out.
    return !i || !rules || !rules->IsSeq() || *i >= rules->size || !rules->values[*i]->IsMap();
  });
}

}  // namespace gwc

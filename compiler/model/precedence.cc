// Copyright 2026 The gwc Authors.
//
// Match normalisation and the precedence relations.

#include "compiler/model/precedence.h"

#include <algorithm>
#include <cctype>

#include "compiler/model/regex.h"

namespace gwc {

namespace {

std::vector<std::pair<std::string, std::string>> ReadConditions(const Node* list,
                                                                bool fold_case) {
  std::vector<std::pair<std::string, std::string>> out;
  if (!list || !list->IsSeq()) return out;
  for (uint32_t i = 0; i < list->size; ++i) {
    const Node* c = list->values[i];
    std::string name(c->Str("name"));
    if (fold_case) {
      std::transform(name.begin(), name.end(), name.begin(),
                     [](unsigned char ch) { return std::tolower(ch); });
    }
    bool dup = std::any_of(out.begin(), out.end(), [&](const auto& p) { return p.first == name; });
    if (dup) continue;  // later entries with an equivalent name are ignored
    bool regex = c->Str("type", "Exact") == "RegularExpression";
    out.emplace_back(name, regex ? "R:" + Re2Spelling(c->Str("value")) : "E:" + std::string(c->Str("value")));
  }
  std::sort(out.begin(), out.end());
  return out;
}

bool Subset(const std::vector<std::pair<std::string, std::string>>& small,
            const std::vector<std::pair<std::string, std::string>>& big) {
  return std::includes(big.begin(), big.end(), small.begin(), small.end());
}

}  // namespace

NormalizedMatch NormalizeMatch(const Node& match) {
  NormalizedMatch m;
  const Node* path = match.Get("path");
  std::string_view type = path ? path->Str("type", "PathPrefix") : "PathPrefix";
  std::string_view value = path ? path->Str("value", "/") : "/";
  m.path_kind = type == "Exact"               ? PathKind::kExact
                : type == "RegularExpression" ? PathKind::kRegex
                                              : PathKind::kPrefix;
  m.path = m.path_kind == PathKind::kRegex ? Re2Spelling(value) : std::string(value);
  m.path_chars = value.size();
  if (m.path_kind == PathKind::kPrefix) {
    while (m.path.size() > 1 && m.path.back() == '/') m.path.pop_back();
  }
  m.method = std::string(match.Str("method"));
  m.headers = ReadConditions(match.Get("headers"), /*fold_case=*/true);
  m.query = ReadConditions(match.Get("queryParams"), /*fold_case=*/false);
  return m;
}

NormalizedMatch NormalizeGrpcMatch(const Node& match) {
  NormalizedMatch m;
  const Node* method = match.Get("method");
  std::string_view type = method ? method->Str("type", "Exact") : "Exact";
  std::string_view service = method ? method->Str("service") : "";
  std::string_view name = method ? method->Str("method") : "";
  m.path_kind = type == "RegularExpression" ? PathKind::kRegex : PathKind::kExact;
  m.path = "\x01grpc:" + std::string(service) + "/" + std::string(name);
  m.path_chars = service.size() + name.size();
  m.headers = ReadConditions(match.Get("headers"), /*fold_case=*/true);
  return m;
}

bool PathPrefixMatches(std::string_view prefix, std::string_view path) {
  if (prefix == "/" || prefix.empty()) return true;
  if (path.size() < prefix.size() || path.substr(0, prefix.size()) != prefix) return false;
  return path.size() == prefix.size() || path[prefix.size()] == '/';
}

bool Covers(const NormalizedMatch& a, const NormalizedMatch& b) {
  if (!a.method.empty() && a.method != b.method) return false;
  if (!Subset(a.headers, b.headers) || !Subset(a.query, b.query)) return false;
  switch (a.path_kind) {
    case PathKind::kExact:
      return b.path_kind == PathKind::kExact && a.path == b.path;
    case PathKind::kRegex:
      return b.path_kind == PathKind::kRegex && a.path == b.path;
    case PathKind::kPrefix:
      if (b.path_kind == PathKind::kRegex) return a.path == "/";
      return PathPrefixMatches(a.path, b.path);
  }
  return false;
}

bool SameMatch(const NormalizedMatch& a, const NormalizedMatch& b) {
  return a.path_kind == b.path_kind && a.path == b.path && a.method == b.method &&
         a.headers == b.headers && a.query == b.query;
}

}  // namespace gwc

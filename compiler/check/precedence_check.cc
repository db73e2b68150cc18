// Copyright 2026 The gwc Authors.
//
// Shadowed rules, duplicate matches and precedence ties among HTTPRoutes.
// Matches compete when they serve the same listener and the same
// (intersected) hostname. For each match we look only at candidates that
// could cover it: the same exact path, or a prefix that is an element-prefix
// of its path, found through a hash index; so the work grows with path depth,
// not with the number of routes on the host.

#include <algorithm>
#include <map>
#include <string>
#include <unordered_map>

#include "compiler/check/hostname.h"
#include "compiler/check/index.h"
#include "compiler/check/precedence.h"
#include "compiler/check/report.h"
#include "compiler/model/gateway_api.h"

namespace gwc {

namespace {

struct Entry {
  const Object* route;
  uint32_t rule;
  uint32_t match;
  const Node* node;  // the match mapping
  NormalizedMatch m;
};

// Where a request competes: listener (parent identity and listener name) and hostname.
std::string DomainKey(const ObjectRef& parent, std::string_view listener, std::string_view host) {
  std::string k(parent.kind);
  k.append("\x1f").append(parent.ns).append("\x1f").append(parent.name);
  k.append("\x1f").append(listener).append("\x1f").append(host);
  return k;
}

// Listener names (and hostnames) a parentRef selects; one unnamed listener
// when the parent is not in the input.
std::vector<std::pair<std::string_view, std::string_view>> SelectedListeners(
    const Index& index, const ObjectRef& ref) {
  std::vector<std::pair<std::string_view, std::string_view>> out;
  const Object* parent = index.Find(ref.group, ref.kind, ref.ns, ref.name);
  if (!parent) {
    out.emplace_back(ref.section, std::string_view());
    return out;
  }
  for (const Listener& l : ListenersOf(*parent)) {
    if (!ref.section.empty() && l.name != ref.section) continue;
    if (ref.port && l.port != *ref.port) continue;
    out.emplace_back(l.name, l.hostname);
  }
  return out;
}

std::string_view CreationTimestamp(const Object& o) {
  return o.metadata ? o.metadata->Str("creationTimestamp") : std::string_view();
}

// >0 when `a` wins, <0 when `b` wins, 0 when only creation time can tell.
int Compare(const Entry& a, const Entry& b) {
  if (int c = CompareSpecificity(a.m, b.m)) return c;
  if (a.route == b.route) {
    if (a.rule != b.rule) return a.rule < b.rule ? 1 : -1;
    return 0;
  }
  std::string_view ta = CreationTimestamp(*a.route), tb = CreationTimestamp(*b.route);
  if (ta.empty() || tb.empty() || ta == tb) return 0;
  return ta < tb ? 1 : -1;
}

std::string RuleName(const Entry& e) {
  return e.route->Display() + " rule " + std::to_string(e.rule) + " match " +
         std::to_string(e.match);
}

class Analyzer {
 public:
  Analyzer(const Index& index, DiagnosticSink* diags) : index_(index), diags_(diags) {}

  void Collect(const Object& route);
  void Analyze();

 private:
  void Candidates(const std::string& domain_key, const Entry& b, std::vector<size_t>* out) const;
  void ReportWinner(const Entry& a, const Entry& b, int cmp);

  const Index& index_;
  DiagnosticSink* diags_;
  std::map<std::string, std::vector<Entry>> domains_;
  // (domain, kind, path) -> entry indexes in the domain.
  std::unordered_map<std::string, std::vector<size_t>> by_path_;
  std::map<const Node*, bool> reported_;
};

void Analyzer::Collect(const Object& route) {
  std::vector<const Node*> rules = RulesOf(route);
  std::vector<const Node*> hostnames = HostnamesOf(route);
  std::vector<std::string> keys;
  for (const ObjectRef& ref : ParentRefsOf(route)) {
    for (auto [listener, listener_host] : SelectedListeners(index_, ref)) {
      if (hostnames.empty()) {
        keys.push_back(DomainKey(ref, listener, listener_host));
        continue;
      }
      for (const Node* h : hostnames) {
        if (auto host = IntersectHostnames(listener_host, h->text)) {
          keys.push_back(DomainKey(ref, listener, *host));
        }
      }
    }
  }
  std::sort(keys.begin(), keys.end());
  keys.erase(std::unique(keys.begin(), keys.end()), keys.end());
  for (const std::string& key : keys) {
    std::vector<Entry>& domain = domains_[key];
    for (uint32_t r = 0; r < rules.size(); ++r) {
      const Node* matches = rules[r]->Get("matches");
      for (uint32_t m = 0; matches && matches->IsSeq() && m < matches->size; ++m) {
        const Node* match = matches->values[m];
        if (!match->IsMap()) continue;
        Entry e{&route, r, m, match, NormalizeMatch(*match)};
        std::string pk = key + "\x1e" + std::to_string(static_cast<int>(e.m.path_kind)) + e.m.path;
        by_path_[pk].push_back(domain.size());
        domain.push_back(std::move(e));
      }
    }
  }
}

void Analyzer::Candidates(const std::string& domain_key, const Entry& b,
                          std::vector<size_t>* out) const {
  auto add = [&](PathKind kind, std::string_view path) {
    std::string pk = domain_key + "\x1e" + std::to_string(static_cast<int>(kind)) + std::string(path);
    auto it = by_path_.find(pk);
    if (it != by_path_.end()) out->insert(out->end(), it->second.begin(), it->second.end());
  };
  add(b.m.path_kind, b.m.path);
  if (b.m.path_kind == PathKind::kRegex) {
    add(PathKind::kPrefix, "/");
    return;
  }
  // Every element-prefix of the path: "/", "/a", "/a/b", ...
  add(PathKind::kPrefix, "/");
  for (size_t i = 1; i < b.m.path.size(); ++i) {
    if (b.m.path[i] == '/') add(PathKind::kPrefix, std::string_view(b.m.path).substr(0, i));
  }
  if (b.m.path_kind == PathKind::kExact && b.m.path != "/") add(PathKind::kPrefix, b.m.path);
}

void Analyzer::ReportWinner(const Entry& a, const Entry& b, int cmp) {
  if (reported_[b.node]) return;
  reported_[b.node] = true;
  bool identical = SameMatch(a.m, b.m);
  if (cmp == 0) {
    Report(diags_, DiagCode::kPrecedenceTie, *b.route, b.node,
           "this match and " + RuleName(a) +
               " tie on every precedence criterion; which one serves these requests depends "
               "only on creationTimestamp, which the manifests do not fix",
           {Related(a.node, "the other match")},
           "make one match more specific, or merge the routes");
  } else if (identical && a.m.path_chars == b.m.path_chars) {
    Report(diags_, DiagCode::kDuplicateMatch, *b.route, b.node,
           "this match duplicates " + RuleName(a) + ", which wins; this one is never used",
           {Related(a.node, "the match that wins")});
  } else {
    Report(diags_, DiagCode::kShadowedRule, *b.route, b.node,
           "this match can never be selected: " + RuleName(a) +
               " accepts every request it accepts and takes precedence",
           {Related(a.node, "the match that wins")});
  }
}

void Analyzer::Analyze() {
  std::vector<size_t> candidates;
  for (const auto& [key, domain] : domains_) {
    for (size_t bi = 0; bi < domain.size(); ++bi) {
      const Entry& b = domain[bi];
      candidates.clear();
      Candidates(key, b, &candidates);
      for (size_t ai : candidates) {
        if (ai == bi) continue;
        const Entry& a = domain[ai];
        if (!Covers(a.m, b.m)) continue;
        int cmp = Compare(a, b);
        bool same_rule = a.route == b.route && a.rule == b.rule;
        if (same_rule) continue;  // matches of one rule are ORed: harmless overlap
        if (cmp > 0 || (cmp == 0 && SameMatch(a.m, b.m) && ai < bi)) {
          ReportWinner(a, b, cmp);
          break;
        }
      }
    }
  }
}

}  // namespace

void CheckPrecedence(const Index& index, DiagnosticSink* diags) {
  Analyzer analyzer(index, diags);
  for (const Object* route : index.OfKind(kGatewayApiGroup, "HTTPRoute")) analyzer.Collect(*route);
  analyzer.Analyze();
}

}  // namespace gwc

// Copyright 2026 The gwc Authors.
//
// Shadowed rules, duplicate matches and precedence ties among HTTPRoutes
// and among GRPCRoutes.
// Matches compete when they serve the same listener for the same route
// hostname (one that intersects the listener's, as written: hostname
// specificity is counted on the route's own hostnames, SEMANTICS (a) 0).
//
// Why grouping by identical conditions finds every case: for a match `a` to
// take every request of another match `b` (Covers(a, b)), a's path must be
// the same as or an element-prefix of b's, and a's method, headers and query
// conditions a subset of b's. For `a` also to win under the precedence
// order, it must not be less specific in any step: a strictly shorter prefix
// loses to b, an Exact b beats any prefix, and a subset of conditions can tie
// only when it is the whole set. So `a` shadows `b` exactly when both have
// the same normalised path and the same conditions, and then the number of
// characters in the path value ("/foo/" beats "/foo"), the route order or
// creationTimestamp decide. RegularExpression precedence is
// implementation-specific, so only identical regexes are compared. GRPCRoute
// precedence (more characters of service, then of method, then more header
// matches) has the same property, so its matches are grouped the same way,
// apart from HTTP ones. One hash
// grouping therefore replaces the pairwise comparison, and the analyzer stays
// linear in the number of matches.

#include <algorithm>
#include <string>

#include "compiler/base/equal_groups.h"
#include "compiler/model/admission.h"
#include "compiler/model/conflict_order.h"
#include "compiler/model/hostname.h"
#include "compiler/check/check.h"
#include "compiler/model/index.h"
#include "compiler/model/precedence.h"
#include "compiler/check/report.h"
#include "compiler/model/gateway_api.h"

namespace gwc {

namespace {

struct Entry {
  const Object* route;
  uint32_t rule;
  uint32_t match;
  const Node* node;  // the match mapping
  size_t path_chars;
  uint32_t domain;    // index into the analyzer's domain strings
  uint32_t match_id;  // index into its normalised matches
};

// Listener names (and hostnames) a parentRef selects; one unnamed listener
// when the parent is not in the input.
std::vector<std::pair<std::string_view, std::string_view>> SelectedListeners(
    const Index& index, const ObjectRef& ref) {
  std::vector<std::pair<std::string_view, std::string_view>> out;
  const Object* parent = nullptr;
  for (const Listener& l : ListenersSelectedBy(index, ref, &parent)) out.emplace_back(l.name, l.hostname);
  if (!parent) out.emplace_back(ref.section, std::string_view());
  return out;
}

// Where a request competes: parent, listener name and route hostname.
std::vector<std::string> Domains(const Index& index, const Object& route) {
  std::vector<const Node*> hostnames = HostnamesOf(route);
  std::vector<std::string> keys;
  for (const ObjectRef& ref : ParentRefsOf(route)) {
    std::string parent = std::string(ref.kind) + '\x1f' + std::string(ref.ns) + '\x1f' +
                         std::string(ref.name) + '\x1f';
    for (auto [listener, listener_host] : SelectedListeners(index, ref)) {
      if (hostnames.empty()) keys.push_back(parent + std::string(listener) + '\x1f');
      for (const Node* h : hostnames) {
        if (IntersectHostnames(listener_host, h->text)) {
          keys.push_back(parent + std::string(listener) + '\x1f' + std::string(h->text));
        }
      }
    }
  }
  std::sort(keys.begin(), keys.end());
  keys.erase(std::unique(keys.begin(), keys.end()), keys.end());
  return keys;
}

uint64_t HashMatch(const NormalizedMatch& m) {
  uint64_t h = HashCombine(static_cast<uint64_t>(m.path_kind), std::hash<std::string>()(m.path));
  h = HashText(h, m.method);
  for (const auto& [name, value] : m.headers) h = HashText(HashText(h, name), value);
  h = HashCombine(h, m.headers.size());
  for (const auto& [name, value] : m.query) h = HashText(HashText(h, name), value);
  return h;
}

// Orders two entries with identical conditions: >0 when `a` wins, <0 when
// `b` wins, 0 when only an unknown creationTimestamp can tell.
int Compare(const Entry& a, const Entry& b) {
  if (a.path_chars != b.path_chars) return a.path_chars > b.path_chars ? 1 : -1;
  if (a.route == b.route) return a.rule == b.rule ? 0 : (a.rule < b.rule ? 1 : -1);
  std::optional<Instant> ta = CreationTime(*a.route), tb = CreationTime(*b.route);
  if (!ta || !tb) return 0;  // unknown: the order they were applied decides
  if (*ta != *tb) return *ta < *tb ? 1 : -1;
  // Same creation time: alphabetical "namespace/name" decides.
  int names = CompareNsName(a.route->ns, a.route->name, b.route->ns, b.route->name);
  return names == 0 ? 0 : (names < 0 ? 1 : -1);
}

std::string Describe(const Entry& e) {
  return e.route->Display() + " rule " + std::to_string(e.rule) + " match " +
         std::to_string(e.match);
}

void ReportLoser(const Entry& winner, const Entry& loser, int cmp, DiagnosticSink* diags) {
  if (cmp == 0) {
    Report(diags, DiagCode::kPrecedenceTie, *loser.route, loser.node,
           "this match and " + Describe(winner) +
               " tie on every precedence criterion; which one serves these requests depends "
               "only on creationTimestamp, which the manifests do not fix",
           {Related(winner.node, "the other match")},
           "make one match more specific, or merge the routes");
  } else if (winner.path_chars == loser.path_chars) {
    Report(diags, DiagCode::kDuplicateMatch, *loser.route, loser.node,
           "this match duplicates " + Describe(winner) + ", which wins; this one is never used",
           {Related(winner.node, "the match that wins")});
  } else {
    Report(diags, DiagCode::kShadowedRule, *loser.route, loser.node,
           "this match can never be selected: " + Describe(winner) +
               " accepts the same requests and wins because its path value is longer "
               "(a trailing '/' counts as a character)",
           {Related(winner.node, "the match that wins")});
  }
}

// Entries of one group accept exactly the same requests; all but the winner
// lose. A match competes on several domains but is reported once.
void AnalyzeGroup(const std::vector<const Entry*>& group, std::vector<bool>* reported,
                  DiagnosticSink* diags) {
  const Entry* winner = group[0];
  for (const Entry* e : group) {
    if (Compare(*e, *winner) > 0) winner = e;
  }
  for (const Entry* e : group) {
    if (e == winner || (e->route == winner->route && e->rule == winner->rule)) continue;
    if ((*reported)[e->match_id]) continue;
    (*reported)[e->match_id] = true;
    ReportLoser(*winner, *e, Compare(*winner, *e), diags);
  }
}

}  // namespace

void CheckPrecedence(const Index& index, DiagnosticSink* diags) {
  std::vector<std::string> domains;         // parent, listener and hostname, per route
  std::vector<NormalizedMatch> matches;     // by match id
  std::vector<Entry> entries;               // a match on one of its route's domains
  std::vector<uint64_t> hashes;             // of each entry's domain and conditions
  std::vector<const Object*> routes = index.OfKind(kGatewayApiGroup, "HTTPRoute");
  const std::vector<const Object*>& grpc = index.OfKind(kGatewayApiGroup, "GRPCRoute");
  routes.insert(routes.end(), grpc.begin(), grpc.end());
  for (const Object* route : routes) {
    // A second definition of the same route is GWC4001's business, not a tie.
    if (index.Find(route->group, route->kind, route->ns, route->name) != route) continue;
    const bool is_grpc = route->kind == "GRPCRoute";
    const auto first_domain = static_cast<uint32_t>(domains.size());
    for (std::string& d : Domains(index, *route)) domains.push_back(std::move(d));
    const auto end_domain = static_cast<uint32_t>(domains.size());
    if (first_domain == end_domain) continue;
    std::vector<const Node*> rules = RulesOf(*route);
    for (uint32_t r = 0; r < rules.size(); ++r) {
      const Node* list = rules[r]->Get("matches");
      for (uint32_t m = 0; list && list->IsSeq() && m < list->size; ++m) {
        const Node* match = list->values[m];
        if (!match->IsMap()) continue;
        const auto match_id = static_cast<uint32_t>(matches.size());
        matches.push_back(is_grpc ? NormalizeGrpcMatch(*match) : NormalizeMatch(*match));
        uint64_t conditions = HashMatch(matches.back());
        for (uint32_t d = first_domain; d < end_domain; ++d) {
          entries.push_back({route, r, m, match, matches.back().path_chars, d, match_id});
          hashes.push_back(HashText(conditions, domains[d]));
        }
      }
    }
  }
  std::vector<bool> reported(matches.size());
  std::vector<const Entry*> group;
  ForEachEqualGroup(
      hashes,
      [&](uint32_t a, uint32_t b) {
        return domains[entries[a].domain] == domains[entries[b].domain] &&
               SameMatch(matches[entries[a].match_id], matches[entries[b].match_id]);
      },
      [&](const std::vector<uint32_t>& members) {
        group.clear();
        for (uint32_t i : members) group.push_back(&entries[i]);
        AnalyzeGroup(group, &reported, diags);
      });
}

}  // namespace gwc

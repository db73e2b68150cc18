// Copyright 2026 The gwc Authors.
//
// Linear reference matching over the IR.

#include "compiler/testing/reference_matcher.h"

#include <re2/re2.h>

#include <algorithm>
#include <cctype>
#include <memory>
#include <tuple>
#include <unordered_map>

#include "compiler/base/strings.h"
#include "compiler/model/hostname.h"
#include "compiler/model/precedence.h"

namespace gwc {

namespace {

std::string HostOf(const std::string& raw) {
  std::string h = raw;
  if (!h.empty() && h.front() != '[') h = h.substr(0, h.rfind(':'));
  return AsciiLower(h);
}

// Listener selection among the port's listeners of the request's protocol:
// exact hostname, else the wildcard with the most
// labels, else one without hostname (SEMANTICS.md (b)).
const ir::Listener* PickListener(const ir::Gateway& g, int port, bool tls, const std::string& host) {
  const ir::Listener* best = nullptr;
  int best_rank = -1;
  for (const ir::Listener& l : g.listeners) {
    if (l.port != port || (l.protocol == ir::Protocol::kHttps) != tls) continue;
    int rank = -1;
    if (l.hostname.empty()) {
      rank = 0;
    } else if (!IsWildcardHostname(l.hostname)) {
      rank = l.hostname == host ? 1 << 20 : -1;
    } else if (l.single_label_wildcards ? IngressHostnameMatches(l.hostname, host)
                                        : HostnameMatches(l.hostname, host)) {
      rank = 1 + static_cast<int>(std::count(l.hostname.begin(), l.hostname.end(), '.'));
    }
    if (rank > best_rank) best = &l, best_rank = rank;
  }
  return best_rank < 0 ? nullptr : best;
}

// Compiled patterns, kept so a run of many requests compiles each once.
const RE2& Pattern(const std::string& pattern) {
  thread_local std::unordered_map<std::string, std::unique_ptr<RE2>> cache;
  std::unique_ptr<RE2>& re = cache[pattern];
  if (!re) re = std::make_unique<RE2>(pattern);
  return *re;
}

bool ValueHolds(const ir::Condition& c, std::string_view value) {
  return c.regex ? RE2::FullMatch(value, Pattern(c.value)) : value == c.value;
}

bool MatchHolds(const ir::Match& m, const ReferenceRequest& req) {
  if (m.grpc_only != req.grpc) return false;
  std::string_view full = req.path;
  size_t q = full.find('?');
  std::string_view path = full.substr(0, q);
  std::string_view query = q == std::string_view::npos ? std::string_view() : full.substr(q + 1);
  switch (m.path_kind) {
    case PathKind::kExact:
      if (path != m.path) return false;
      break;
    case PathKind::kPrefix:
      if (m.string_prefix ? !path.starts_with(m.path) : !PathPrefixMatches(m.path, path)) return false;
      break;
    case PathKind::kRegex:
      if (!RE2::FullMatch(path, Pattern(m.path))) return false;
      break;
  }
  if (!m.method.empty() && m.method != req.method) return false;
  for (const ir::Condition& c : m.headers) {
    auto it = std::find_if(req.headers.begin(), req.headers.end(),
                           [&](const auto& h) { return AsciiLower(h.first) == c.name; });
    if (it == req.headers.end() || !ValueHolds(c, it->second)) return false;
  }
  for (const ir::Condition& c : m.query) {
    bool found = false;
    std::string_view value;
    for (std::string_view rest = query; !rest.empty() && !found;) {
      size_t amp = rest.find('&');
      std::string_view pair = rest.substr(0, amp);
      size_t eq = pair.find('=');
      if (pair.substr(0, eq) == c.name) {
        found = true;
        value = eq == std::string_view::npos ? std::string_view() : pair.substr(eq + 1);
      }
      rest = amp == std::string_view::npos ? std::string_view() : rest.substr(amp + 1);
    }
    if (!found || !ValueHolds(c, value)) return false;
  }
  return true;
}

// The rank of the attachment's best hostname matching `host`, or -1.
std::pair<long, long> HostnameRank(const ir::Attachment& a, const std::string& host,
                                   bool single_label) {
  if (a.hostnames.empty()) return {0, 0};
  std::pair<long, long> best{-1, -1};
  for (const std::string& h : a.hostnames) {
    if (!(single_label ? IngressHostnameMatches(h, host) : HostnameMatches(h, host))) continue;
    long exact = IsWildcardHostname(h) ? 0 : static_cast<long>(h.size());
    best = std::max(best, std::make_pair(exact, static_cast<long>(h.size())));
  }
  return best;
}

}  // namespace

ReferenceMatch ReferenceFind(const ir::Program& program, const ReferenceRequest& req) {
  const ir::Gateway* gw = nullptr;
  for (const ir::Gateway& g : program.gateways) {
    if (req.gateway.empty() || g.ns + "/" + g.name == req.gateway) {
      gw = &g;
      break;
    }
  }
  ReferenceMatch best;
  if (!gw) return best;
  std::string host = HostOf(req.host);
  const ir::Listener* l = PickListener(*gw, req.port, req.tls, host);
  if (!l) return best;
  std::pair<long, long> best_rank;
  const ir::Match* best_match = nullptr;
  for (const ir::Attachment& a : l->routes) {
    std::pair<long, long> rank = HostnameRank(a, host, l->single_label_wildcards);
    if (rank.first < 0) continue;
    const ir::Route& route = program.routes[a.route];
    for (uint32_t r = 0; r < route.rules.size(); ++r) {
      for (uint32_t m = 0; m < route.rules[r].matches.size(); ++m) {
        const ir::Match& match = route.rules[r].matches[m];
        if (!MatchHolds(match, req)) continue;
        bool better = !best_match;
        if (best_match) {
          const ir::Route& held = program.routes[best.route];
          int c = CompareSpecificity(match, *best_match);
          if (rank != best_rank) {
            better = rank > best_rank;
          } else if (route.first_match && held.first_match) {
            // The first match in order: routes by age, then rules and
            // matches as written; catch-alls after everything.
            bool all = match.path_chars == 0, held_all = best_match->path_chars == 0;
            better = all != held_all       ? held_all
                     : a.route != best.route ? ir::RouteBefore(route, held)
                                             : std::tie(r, m) < std::tie(best.rule, best.match);
          } else if (c != 0) {
            better = c > 0;
          } else if (a.route != best.route) {
            better = ir::RouteBefore(route, held);
          } else {
            better = std::tie(r, m) < std::tie(best.rule, best.match);
          }
        }
        if (better) {
          best = {true, a.route, r, m};
          best_rank = rank;
          best_match = &match;
        }
      }
    }
  }
  return best;
}

}  // namespace gwc

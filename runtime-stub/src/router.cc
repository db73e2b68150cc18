// Copyright 2026 The gwc Authors.
//
// Route lookup over the verified tables (docs/format.md, "Lookup"): Gateway
// and port, listener by Host, virtual host by Host, then per hostname tier
// the exact-path hash, the prefix trie deepest node first, and the regex
// list; the first candidate whose method and predicates hold wins. Nothing
// here allocates or checks bounds: VerifyTables did that once.

#define XXH_INLINE_ALL  // short keys: inlined XXH3 is several times faster
#include <xxhash.h>

#include <algorithm>
#include <cctype>

#include "runtime-stub/src/tables.h"

namespace gwrt {

namespace {

constexpr size_t kMaxHost = 255;
constexpr size_t kMaxDepth = 128;

bool EqualsIgnoreCase(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    char x = a[i] >= 'A' && a[i] <= 'Z' ? static_cast<char>(a[i] + 32) : a[i];
    char y = b[i] >= 'A' && b[i] <= 'Z' ? static_cast<char>(b[i] + 32) : b[i];
    if (x != y) {
      return false;
    }
  }
  return true;
}

// The Host header without its port, lower-cased into `buf`; empty when it
// cannot name a listener (too long, starts with '.').
std::string_view NormalizeHost(std::string_view host, char (&buf)[kMaxHost + 1]) {
  if (!host.empty() && host.front() == '[') {
    size_t close = host.find(']');
    host = close == std::string_view::npos ? host : host.substr(0, close + 1);
  } else if (size_t colon = host.rfind(':'); colon != std::string_view::npos) {
    host = host.substr(0, colon);
  }
  if (host.size() > kMaxHost || (!host.empty() && host.front() == '.')) return {};
  for (size_t i = 0; i < host.size(); ++i) {
    char c = host[i];
    buf[i] = c >= 'A' && c <= 'Z' ? static_cast<char>(c + ('a' - 'A')) : c;
  }
  return {buf, host.size()};
}

}  // namespace

Router::Router(const Artifact& artifact, std::unique_ptr<Tables> tables)
    : artifact_(artifact), t_(std::move(tables)) {}

Router::~Router() = default;

bool Router::CompileRegexes(VerifyError* error) const {
  return CompileAllRegexes(artifact_, *t_, error);
}

std::unique_ptr<Router> Router::Create(const Artifact& artifact, VerifyError* error) {
  auto tables = std::make_unique<Tables>();
  if (!VerifyTables(artifact, tables.get(), error)) return nullptr;
  return std::unique_ptr<Router>(new Router(artifact, std::move(tables)));
}

namespace {

// The value of `host` in host table `table`: the exact key, else the
// longest wildcard suffix, else the catch-all (count 0 when none).
gwb::List HostLookup(const Router::Tables& t, uint32_t table, std::string_view host) {
  const gwb::HostTableRecord& h = t.host_tables[table];
  auto probe = [&](std::string_view key) -> gwb::List {
    uint32_t mask = h.slots_count - 1;
    uint32_t s = static_cast<uint32_t>(XXH3_64bits(key.data(), key.size())) & mask;
    while (true) {
      const gwb::HostSlotRecord& slot = t.host_slots[h.slots_first + s];
      if (slot.key.offset == gwb::kNone) return gwb::List{0, 0};
      if (slot.key.length == key.size() && t.Str(slot.key) == key) return slot.value;
      s = (s + 1) & mask;
    }
  };
  if (h.slots_count != 0 && !host.empty()) {
    if (gwb::List v = probe(host); v.count) return v;
    for (size_t dot = host.find('.'); dot != std::string_view::npos; dot = host.find('.', dot + 1)) {
      if (gwb::List v = probe(host.substr(dot)); v.count) return v;
      if (h.flags & gwb::kHostTableSingleLabel) break;  // "*.x" covers one label only
    }
  }
  return h.catch_all;
}

std::string_view QueryValue(std::string_view query, std::string_view name, bool* found) {
  while (!query.empty()) {
    size_t amp = query.find('&');
    std::string_view pair = query.substr(0, amp);
    size_t eq = pair.find('=');
    if (pair.substr(0, eq) == name) {
      *found = true;
      return eq == std::string_view::npos ? std::string_view() : pair.substr(eq + 1);
    }
    if (amp == std::string_view::npos) break;
    query.remove_prefix(amp + 1);
  }
  *found = false;
  return {};
}

struct Probe {
  const Router::Tables& t;
  const Request& req;
  std::string_view path, query;
  uint64_t path_hash;  // XXH3-64 of path, shared by every tier's exact table

  bool Accepts(uint32_t match) const {
    const gwb::MatchRecord& m = t.matches[match];
    if (((m.flags & gwb::kMatchGrpcOnly) != 0) != req.grpc) return false;
    if (m.method.length && t.Str(m.method) != req.method) return false;
    for (uint32_t p = m.predicates.first; p < m.predicates.first + m.predicates.count; ++p) {
      if (!Holds(p)) return false;
    }
    return true;
  }

  bool Holds(uint32_t p) const {
    const gwb::PredicateRecord& pr = t.predicates[p];
    std::string_view name = t.Str(pr.name);
    bool found = false;
    std::string_view value;
    if (pr.where == gwb::PredicateWhere::kHeader) {
      for (const auto& [n, v] : req.headers) {
        if (EqualsIgnoreCase(n, name)) {
          found = true;
          value = v;
          break;
        }
      }
    } else {
      value = QueryValue(query, name, &found);
    }
    if (!found) return false;
    if (pr.how == gwb::PredicateHow::kExact) return value == t.Str(pr.value);
    return RE2::FullMatch(value, t.predicate_regexes[p].Get());
  }

  uint32_t First(gwb::List candidates) const {
    for (uint32_t c = candidates.first; c < candidates.first + candidates.count; ++c) {
      const gwb::CandidateRecord& cand = t.candidates[c];
      if ((!cand.conditional && !req.grpc) || Accepts(cand.match)) return cand.match;
    }
    return gwb::kNone;
  }

  uint32_t Exact(const gwb::PathTableRecord& pt) const {
    if (pt.exact_slots_count == 0) return gwb::kNone;
    uint32_t mask = pt.exact_slots_count - 1;
    uint32_t s = static_cast<uint32_t>(path_hash) & mask;
    while (true) {
      const gwb::ExactPathRecord& e = t.exact_paths[pt.exact_slots_first + s];
      if (e.path.offset == gwb::kNone) return gwb::kNone;
      if (e.path.length == path.size() && t.Str(e.path) == path) return First(e.candidates);
      s = (s + 1) & mask;
    }
  }

  uint32_t Child(const gwb::PathTableRecord& pt, uint32_t node, std::string_view segment) const {
    if (pt.child_slots_count == 0) return gwb::kNone;
    uint32_t mask = pt.child_slots_count - 1;
    uint32_t s = static_cast<uint32_t>(XXH3_64bits_withSeed(segment.data(), segment.size(), node)) & mask;
    while (true) {
      const gwb::ChildSlotRecord& c = t.child_slots[pt.child_slots_first + s];
      if (c.node == gwb::kNone) return gwb::kNone;
      if (c.parent == node && c.segment.length == segment.size() && t.Str(c.segment) == segment) return c.node;
      s = (s + 1) & mask;
    }
  }

  // Walks the trie along the path's segments; the candidates of the
  // deepest node reached come first, then its ancestors'. Failing those,
  // the regexes of the nodes passed, best rank first.
  uint32_t PrefixAndRegex(const gwb::PathTableRecord& pt) const {
    uint32_t stack[kMaxDepth];
    size_t depth = 0;
    stack[depth++] = pt.prefix_root;
    size_t start = 1;
    while (start <= path.size() && depth < kMaxDepth) {
      size_t end = path.find('/', start);
      if (end == std::string_view::npos) end = path.size();
      uint32_t child = Child(pt, stack[depth - 1], path.substr(start, end - start));
      if (child == gwb::kNone) break;
      stack[depth++] = child;
      start = end + 1;
    }
    for (size_t d = depth; d > 0; --d) {
      if (uint32_t m = First(t.prefix_nodes[stack[d - 1]].candidates); m != gwb::kNone) return m;
    }
    uint32_t best = gwb::kNone, best_rank = gwb::kNone;
    for (size_t d = 0; d < depth; ++d) {
      gwb::List rl = t.prefix_nodes[stack[d]].regexes;
      for (uint32_t r = rl.first; r < rl.first + rl.count; ++r) {
        const gwb::RegexRecord& rr = t.regexes[r];
        if (rr.rank >= best_rank || !path.starts_with(t.Str(rr.literal_prefix))) continue;
        if (!RE2::FullMatch(path, t.path_regexes[r].Get())) continue;
        if (uint32_t m = First(rr.candidates); m != gwb::kNone) best = m, best_rank = rr.rank;
      }
    }
    return best;
  }
};

}  // namespace

uint32_t Router::ListenerFor(const Request& req, std::string_view raw_host) const {
  char buf[kMaxHost + 1];
  return ListenerForHost(req, NormalizeHost(raw_host, buf));
}

uint32_t Router::ListenerForHost(const Request& req, std::string_view host) const {
  const Tables& t = *t_;
  uint32_t gateway = gwb::kNone;
  if (req.gateway.empty()) {
    if (!t.gateways.empty()) gateway = 0;
  } else {
    for (uint32_t g = 0; g < t.gateways.size(); ++g) {
      std::string_view ns = t.Str(t.gateways[g].ns), name = t.Str(t.gateways[g].name);
      if (req.gateway.size() == ns.size() + 1 + name.size() && req.gateway.starts_with(ns) &&
          req.gateway[ns.size()] == '/' && req.gateway.ends_with(name)) {
        gateway = g;
        break;
      }
    }
  }
  if (gateway == gwb::kNone) return gwb::kNone;
  int port = req.port ? req.port : req.scheme == "https" ? 443 : 80;
  auto it = std::lower_bound(t.ports.begin(), t.ports.end(), std::make_pair(gateway, port),
                             [](const gwb::PortRecord& p, std::pair<uint32_t, int> key) {
                               return std::make_pair(p.gateway, static_cast<int>(p.port)) < key;
                             });
  if (it == t.ports.end() || it->gateway != gateway || it->port != port) return gwb::kNone;
  gwb::List l = HostLookup(t, it->listener_hosts, host);
  return l.count ? l.first : gwb::kNone;
}

uint32_t Router::Find(const Request& req, uint32_t* listener) const {
  const Tables& t = *t_;
  char buf[kMaxHost + 1];
  std::string_view host = NormalizeHost(req.host, buf);
  *listener = ListenerForHost(req, host);
  if (*listener == gwb::kNone) return gwb::kNone;
  gwb::List tables = HostLookup(t, t.listeners[*listener].route_hosts, host);
  std::string_view full = req.path;
  size_t q = full.find('?');
  std::string_view path = full.substr(0, q);
  Probe probe{t, req, path, q == std::string_view::npos ? std::string_view() : full.substr(q + 1),
              XXH3_64bits(path.data(), path.size())};
  // Start the first memory reads of every tier at once: on a large table
  // they miss the cache, and overlapped they cost about one miss.
  size_t first_end = path.find('/', 1);
  std::string_view first_segment = path.substr(1, first_end == std::string_view::npos ? path.npos : first_end - 1);
  for (uint32_t i = tables.first; i < tables.first + tables.count; ++i) {
    const gwb::PathTableRecord& pt = t.path_tables[i];
    if (pt.exact_slots_count) {
      __builtin_prefetch(&t.exact_paths[pt.exact_slots_first + (probe.path_hash & (pt.exact_slots_count - 1))]);
    }
    if (pt.child_slots_count && !path.empty()) {
      uint64_t h = XXH3_64bits_withSeed(first_segment.data(), first_segment.size(), pt.prefix_root);
      __builtin_prefetch(&t.child_slots[pt.child_slots_first + (h & (pt.child_slots_count - 1))]);
    }
    __builtin_prefetch(&t.prefix_nodes[pt.prefix_root]);
  }
  for (uint32_t i = tables.first; i < tables.first + tables.count; ++i) {
    const gwb::PathTableRecord& pt = t.path_tables[i];
    if (uint32_t m = probe.Exact(pt); m != gwb::kNone) return m;
    if (uint32_t m = probe.PrefixAndRegex(pt); m != gwb::kNone) return m;
  }
  return gwb::kNone;
}

}  // namespace gwrt

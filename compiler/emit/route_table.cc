// Copyright 2026 The gwc Authors.
//
// IR → route-table sections. One builder object collects every section's
// records; lists are appended contiguously, children before the record
// that refers to them.

#include "compiler/emit/route_table.h"

#include <xxhash.h>

#include <algorithm>
#include <bit>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <tuple>
#include <unordered_set>
#include <utility>
#include <vector>

#include "compiler/emit/filter_records.h"
#include "compiler/emit/policy_program.h"
#include "compiler/model/hostname.h"

namespace gwc {

namespace {

using gwb::kNone;

uint32_t U32(size_t n) { return static_cast<uint32_t>(n); }

// A match of a rule of a route, ready to be ordered.
struct Candidate {
  uint32_t match_record;
  const ir::Route* route;
  uint32_t rule;
  uint32_t match_index;
  const ir::Match* match;
};

bool CandidateBefore(const Candidate& a, const Candidate& b) {
  int c = CompareSpecificity(*a.match, *b.match);
  if (c != 0) return c > 0;
  if (a.route != b.route) return ir::RouteBefore(*a.route, *b.route);
  return std::tie(a.rule, a.match_index) < std::tie(b.rule, b.match_index);
}

// The host-table key of a hostname: exact names as they are, "*.x" as ".x".
std::string HostKey(const std::string& hostname) {
  return IsWildcardHostname(hostname) ? hostname.substr(1) : hostname;
}

// The key's first bytes, zero after its end: a slot's inline `head`.
template <size_t N>
void FillHead(std::string_view key, uint8_t (&head)[N]) {
  std::copy_n(key.begin(), std::min(key.size(), N), head);
}

// A slot section and its tag section, filled one hash-table range at a
// time.
template <typename Record>
struct SlotSection {
  std::vector<Record> records;
  std::vector<uint8_t> tags;

  // Appends a range of `n` empty slots; returns its first.
  uint32_t AddRange(size_t n, const Record& empty) {
    size_t first = records.size();
    records.resize(first + n, empty);
    tags.resize(first + n, 0);
    return static_cast<uint32_t>(first);
  }
  // Puts `record` into the range [first, first + n), linear probing from
  // `hash`; returns its index.
  size_t Place(size_t first, size_t n, uint64_t hash, const Record& record) {
    size_t s = hash & (n - 1);
    while (tags[first + s] != 0) s = (s + 1) & (n - 1);
    records[first + s] = record;
    tags[first + s] = gwb::SlotTag(hash);
    return first + s;
  }
};

// Exact-path or prefix slots: the slot section with its tags, and the
// rest of each slot (gwb::PathKeyRecord) at the same index.
struct PathSlotSection {
  SlotSection<gwb::PathSlotRecord> slots;
  std::vector<gwb::PathKeyRecord> keys;

  uint32_t AddRange(size_t n) {
    gwb::PathSlotRecord empty{};
    empty.first = gwb::kNone;
    keys.resize(keys.size() + n, gwb::PathKeyRecord{{gwb::kNone, 0}, {0, 0}, {0, 0}});
    return slots.AddRange(n, empty);
  }
  void Place(size_t first, size_t n, std::string_view key, const gwb::PathSlotRecord& slot,
             const gwb::PathKeyRecord& rest) {
    keys[slots.Place(first, n, XXH3_64bits(key.data(), key.size()), slot)] = rest;
  }
};

// The literal text every match of `pattern` starts with (possibly empty).
std::string LiteralPrefix(const std::string& pattern) {
  std::string out;
  for (size_t i = 0; i < pattern.size(); ++i) {
    char c = pattern[i];
    bool literal = isalnum(static_cast<unsigned char>(c)) || c == '/' || c == '-' || c == '_';
    if (!literal) break;
    char next = i + 1 < pattern.size() ? pattern[i + 1] : '\0';
    if (next == '?' || next == '*' || next == '{' || next == '|') break;
    out += c;
  }
  return out.find('|') == std::string::npos ? out : std::string();
}

class Builder {
 public:
  explicit Builder(ArtifactWriter* w) : w_(w), policies_(w, &filters_) {}

  RouteTableStats Build(const ir::Program& program) {
    for (const ir::Route& r : program.routes) AddRoute(r);
    for (uint32_t gi = 0; gi < program.gateways.size(); ++gi) {
      AddGateway(program, gi);
    }
    Flush();
    policies_.Flush(program.consumers, rule_programs_);
    return stats_;
  }

 private:
  // ---- routes, rules, filters, backends ----

  void AddRoute(const ir::Route& route) {
    uint32_t ri = U32(routes_.size());
    gwb::RouteRecord rec{};
    rec.kind = route.kind == ir::RouteKind::kGrpcRoute ? gwb::RouteKind::kGrpcRoute
               : route.kind == ir::RouteKind::kIngress        ? gwb::RouteKind::kIngress
               : route.kind == ir::RouteKind::kVirtualService ? gwb::RouteKind::kVirtualService
                                                              : gwb::RouteKind::kHttpRoute;
    rec.ns = w_->AddString(route.ns);
    rec.name = w_->AddString(route.name);
    routes_.push_back(rec);
    std::vector<std::vector<uint32_t>> matches;
    for (const ir::Rule& rule : route.rules) {
      uint32_t rule_index = AddRule(ri, rule);
      std::vector<uint32_t> ids;
      for (const ir::Match& m : rule.matches) ids.push_back(AddMatch(rule_index, m));
      matches.push_back(std::move(ids));
    }
    match_ids_.push_back(std::move(matches));
  }

  uint32_t AddRule(uint32_t route, const ir::Rule& rule) {
    gwb::RuleRecord rec{};
    rec.route = route;
    rec.index = rule.index;
    rec.name = w_->AddString(rule.name);
    rec.filters = AddFilters(rule.filters);
    std::vector<gwb::BackendRecord> backends;
    for (const ir::Backend& b : rule.backends) backends.push_back(BackendRecordOf(b));
    rec.backends = {U32(backends_.size()), U32(backends.size())};
    backends_.insert(backends_.end(), backends.begin(), backends.end());
    rec.request_timeout_ms = rule.request_timeout_ms.value_or(kNone);
    rec.backend_timeout_ms = rule.backend_timeout_ms.value_or(kNone);
    rules_.push_back(rec);
    rule_programs_.push_back(policies_.Assemble(rule.policies));
    return U32(rules_.size() - 1);
  }

  gwb::BackendRecord BackendRecordOf(const ir::Backend& b) {
    gwb::BackendRecord rec{};
    rec.ns = w_->AddString(b.ns);
    rec.name = w_->AddString(b.name);
    rec.port = static_cast<uint16_t>(b.port);
    rec.problem = static_cast<gwb::BackendProblem>(b.problem);
    rec.weight = b.weight;
    rec.filters = AddFilters(b.filters);
    rec.tls_hostname = w_->AddString(b.tls_hostname);
    return rec;
  }

  gwb::FilterRecord Filter(gwb::FilterType type, std::string_view a = {}, std::string_view b = {}) {
    return FilterRecordOf(w_, type, a, b);
  }

  void HeaderFilters(const std::vector<ir::HeaderEdit>& edits, gwb::FilterType set,
                     std::vector<gwb::FilterRecord>* out) {
    for (const ir::HeaderEdit& e : edits) {
      auto type = static_cast<gwb::FilterType>(static_cast<int>(set) + static_cast<int>(e.op));
      out->push_back(Filter(type, e.name, e.value));
    }
  }

  void PathFilter(gwb::FilterType type, const std::optional<ir::PathModifier>& p,
                  std::vector<gwb::FilterRecord>* out) {
    if (!p) return;
    gwb::FilterRecord f = Filter(type, p->value, p->regex);
    f.flags = p->replace_prefix ? gwb::kFilterPrefix : !p->regex.empty() ? gwb::kFilterRegex : 0;
    out->push_back(f);
  }

  gwb::List AddFilters(const ir::Filters& f) {
    std::vector<gwb::FilterRecord> out;
    HeaderFilters(f.request_headers, gwb::FilterType::kRequestHeaderSet, &out);
    HeaderFilters(f.response_headers, gwb::FilterType::kResponseHeaderSet, &out);
    if (f.redirect) {
      const ir::Redirect& r = *f.redirect;
      gwb::FilterRecord rec =
          Filter(gwb::FilterType::kRedirect, r.scheme.value_or(""), r.hostname.value_or(""));
      rec.code = static_cast<uint16_t>(r.status);
      rec.flags = (r.scheme ? gwb::kFilterHasScheme : 0) |
                  (r.hostname ? gwb::kFilterHasHostname : 0) | (r.port ? gwb::kFilterHasPort : 0) |
                  (r.keep_query ? 0 : gwb::kFilterNoQuery);
      rec.num = static_cast<uint32_t>(r.port.value_or(0));
      out.push_back(rec);
      PathFilter(gwb::FilterType::kRedirectPath, r.path, &out);
    }
    if (f.rewrite) {
      if (f.rewrite->hostname) out.push_back(Filter(gwb::FilterType::kRewriteHost, *f.rewrite->hostname));
      PathFilter(gwb::FilterType::kRewritePath, f.rewrite->path, &out);
    }
    for (const ir::Mirror& m : f.mirrors) {
      gwb::FilterRecord rec = Filter(gwb::FilterType::kMirror);
      rec.backend = U32(backends_.size());
      backends_.push_back(BackendRecordOf(m.target.front()));
      rec.num = m.numerator;
      rec.den = m.denominator;
      out.push_back(rec);
    }
    if (f.cors) AppendCorsRecords(w_, *f.cors, &out);
    if (f.fail_status) {
      gwb::FilterRecord rec = Filter(gwb::FilterType::kFail);
      rec.code = static_cast<uint16_t>(f.fail_status);
      out.push_back(rec);
    }
    gwb::List list{U32(filters_.size()), U32(out.size())};
    filters_.insert(filters_.end(), out.begin(), out.end());
    return list;
  }

  uint32_t AddMatch(uint32_t rule, const ir::Match& m) {
    gwb::MatchRecord rec{};
    rec.rule = rule;
    rec.path_kind = m.path_kind == PathKind::kExact   ? gwb::PathKind::kExact
                    : m.path_kind == PathKind::kRegex ? gwb::PathKind::kRegex
                                                      : gwb::PathKind::kPrefix;
    rec.flags = m.grpc_only ? gwb::kMatchGrpcOnly : 0;
    rec.path_chars = static_cast<uint16_t>(std::min<size_t>(m.path_chars, 0xFFFF));
    rec.method = w_->AddString(m.method);
    rec.path = w_->AddString(m.path);
    rec.predicates.first = U32(predicates_.size());
    for (auto [where, list] : {std::pair{gwb::PredicateWhere::kHeader, &m.headers},
                               {gwb::PredicateWhere::kQuery, &m.query}}) {
      for (const ir::Condition& c : *list) {
        gwb::PredicateRecord p{};
        p.where = where;
        p.how = c.regex ? gwb::PredicateHow::kRegex : gwb::PredicateHow::kExact;
        p.name = w_->AddString(c.name);
        p.value = w_->AddString(c.value);
        predicates_.push_back(p);
      }
    }
    rec.predicates.count = U32(predicates_.size()) - rec.predicates.first;
    matches_.push_back(rec);
    return U32(matches_.size() - 1);
  }

  // ---- gateways, listeners, hosts ----

  void AddGateway(const ir::Program& program, uint32_t gi) {
    const ir::Gateway& g = program.gateways[gi];
    ++stats_.gateways;
    gwb::GatewayRecord rec{};
    rec.ns = w_->AddString(g.ns);
    rec.name = w_->AddString(g.name);
    rec.listeners = {U32(listeners_.size()), U32(g.listeners.size())};
    gateways_.push_back(rec);
    // Listener records first (contiguous), then their host tables.
    // A port's listeners of one protocol: a plain and a TLS connection to
    // one port choose among different listeners.
    std::map<std::pair<int, gwb::Protocol>, std::vector<uint32_t>> by_port;
    for (const ir::Listener& l : g.listeners) {
      gwb::ListenerRecord lr{};
      lr.name = w_->AddString(l.name);
      lr.hostname = w_->AddString(l.hostname);
      lr.port = static_cast<uint16_t>(l.port);
      lr.protocol = static_cast<gwb::Protocol>(static_cast<int>(l.protocol) + 1);
      lr.gateway = gi;
      by_port[{l.port, lr.protocol}].push_back(U32(listeners_.size()));
      listeners_.push_back(lr);
    }
    for (uint32_t i = 0; i < g.listeners.size(); ++i) {
      uint32_t li = rec.listeners.first + i;
      listeners_[li].route_hosts = AddVirtualHosts(program, g.listeners[i]);
      ++stats_.listeners;
    }
    for (const auto& [port_protocol, ids] : by_port) {
      std::vector<std::pair<std::string, gwb::List>> keys;
      gwb::List catch_all{0, 0};
      uint32_t flags = 0;
      for (uint32_t li : ids) {
        const ir::Listener& l = g.listeners[li - rec.listeners.first];
        if (l.single_label_wildcards) flags = gwb::kHostTableSingleLabel;
        if (l.hostname.empty()) {
          if (catch_all.count == 0) catch_all = {li, 1};
        } else {
          keys.emplace_back(HostKey(l.hostname), gwb::List{li, 1});
        }
      }
      gwb::PortRecord pr{};
      pr.gateway = gi;
      pr.port = static_cast<uint16_t>(port_protocol.first);
      pr.protocol = port_protocol.second;
      pr.listener_hosts = AddHostTable(keys, catch_all, flags);
      ports_.push_back(pr);
    }
  }

  // A hash table of host keys; the first value given for a key wins. With
  // `tiers`, values are PathTables ranges whose first records the slots
  // carry.
  uint32_t AddHostTable(const std::vector<std::pair<std::string, gwb::List>>& keys,
                        gwb::List catch_all, uint32_t flags = 0, bool tiers = false) {
    std::vector<std::pair<std::string, gwb::List>> unique;  // the first value of each key
    std::unordered_set<std::string_view> seen;
    for (const auto& kv : keys) {
      if (seen.insert(kv.first).second) unique.push_back(kv);
    }
    gwb::HostTableRecord t{};
    t.catch_all = catch_all;
    t.flags = flags;
    size_t slots = unique.empty() ? 0 : std::bit_ceil(unique.size() * 2);
    gwb::HostSlotRecord empty{};
    empty.key.offset = kNone;
    t.slots_first = host_slots_.AddRange(slots, empty);
    t.slots_count = U32(slots);
    for (const auto& [key, value] : unique) {
      gwb::HostSlotRecord rec{};
      rec.hash = XXH3_64bits(key.data(), key.size());
      t.key_lengths |= gwb::KeyLengthBit(key.size());
      rec.key = w_->AddString(key);
      rec.value = value;
      FillHead(key, rec.head);
      for (uint32_t k = 0; tiers && k < std::min<size_t>(value.count, gwb::kHostInlineTiers); ++k) {
        rec.tiers[k] = path_tables_[value.first + k];
      }
      host_slots_.Place(t.slots_first, slots, rec.hash, rec);
    }
    host_tables_.push_back(t);
    return U32(host_tables_.size() - 1);
  }

  // The attachments of one route hostname ("" = none) on a listener.
  struct Tier {
    std::vector<const ir::Attachment*> all;
    // Those with other hostnames too: the only ones a better tier of a
    // virtual host can have taken.
    std::vector<const ir::Attachment*> shared;
    std::optional<gwb::PathTableRecord> whole;  // the table of `all`, once built
  };

  // The route hostnames of listener `l` → virtual hosts; returns its table.
  uint32_t AddVirtualHosts(const ir::Program& program, const ir::Listener& l) {
    std::map<std::string, Tier> by_name;  // "" = any host
    for (const ir::Attachment& a : l.routes) {
      if (a.hostnames.empty()) by_name[""].all.push_back(&a);
      for (const std::string& h : a.hostnames) {
        Tier& tier = by_name[h];
        tier.all.push_back(&a);
        if (a.hostnames.size() > 1) tier.shared.push_back(&a);
      }
    }
    std::vector<std::pair<std::string, gwb::List>> keys;
    for (const auto& [name, tier] : by_name) {
      if (!name.empty()) keys.emplace_back(HostKey(name), AddVirtualHost(program, l, by_name, name));
    }
    gwb::List catch_all = by_name.count("") ? AddVirtualHost(program, l, by_name, "") : gwb::List{0, 0};
    return AddHostTable(keys, catch_all, l.single_label_wildcards ? gwb::kHostTableSingleLabel : 0, true);
  }

  // The path tables a request whose most specific programmed hostname is
  // `name` ("" = none) consults, by hostname tier (SEMANTICS.md (a) 0):
  // routes with `name` itself, then with each wildcard covering it, longest
  // first, then routes without hostnames. A route in several tiers is
  // placed in its best one. A tier none of whose routes sits in a better
  // one reuses its table: the cost per virtual host does not grow with the
  // routes of the wildcard and hostname-less tiers it shares.
  gwb::List AddVirtualHost(const ir::Program& program, const ir::Listener& l, std::map<std::string, Tier>& by_name,
                          const std::string& name) {
    std::vector<std::string> tiers;
    if (!name.empty()) {
      tiers.push_back(name);
      for (size_t dot = name.find('.', 1); dot != std::string::npos; dot = name.find('.', dot + 1)) {
        std::string wildcard = "*" + name.substr(dot);
        if (wildcard != name) tiers.push_back(wildcard);  // a wildcard name is its own first tier
        if (l.single_label_wildcards) break;  // "*.x" covers one label only
      }
    }
    tiers.push_back("");
    std::set<const ir::Attachment*> placed;
    std::vector<gwb::PathTableRecord> tables;
    for (const std::string& name_of_tier : tiers) {
      auto it = by_name.find(name_of_tier);
      if (it == by_name.end()) continue;
      Tier& tier = it->second;
      bool taken = std::any_of(tier.shared.begin(), tier.shared.end(),
                               [&](const ir::Attachment* a) { return placed.count(a) != 0; });
      if (!taken) {
        if (!tier.whole) tier.whole = AddPathTable(program, tier.all);
        tables.push_back(*tier.whole);
      } else {
        std::vector<const ir::Attachment*> members;
        for (const ir::Attachment* a : tier.all) {
          if (!placed.count(a)) members.push_back(a);
        }
        if (!members.empty()) tables.push_back(AddPathTable(program, members));
      }
      placed.insert(tier.shared.begin(), tier.shared.end());
    }
    gwb::List range{U32(path_tables_.size()), U32(tables.size())};
    path_tables_.insert(path_tables_.end(), tables.begin(), tables.end());
    ++stats_.virtual_hosts;
    return range;
  }

  // ---- path tables ----

  // What a path table holds under one prefix key: PathPrefix candidates
  // and the regexes whose literal prefix's whole segments are the key,
  // both in precedence order.
  struct PrefixEntry {
    struct Regex {
      std::string pattern;
      uint32_t match, rank;
    };
    std::vector<uint32_t> candidates;
    std::vector<Regex> regexes;
  };

  // The prefix key of a path: its segments each after a '/' ("" for "/");
  // a trailing '/' adds no segment ("/a/" is "/a").
  static std::string PrefixKey(std::string_view path) {
    std::string key;
    size_t start = 1;
    while (start < path.size()) {
      size_t end = path.find('/', start);
      if (end == std::string_view::npos) end = path.size();
      key.append(path.substr(start - 1, end - start + 1));
      start = end + 1;
    }
    return key;
  }

  // Slots for n keys: a power of two with room to spare (load at most
  // two thirds, so probes stay short) and at least one empty slot.
  static size_t SlotCount(size_t n) { return n == 0 ? 0 : std::bit_ceil(n + n / 2 + 1); }
  // The PathTables encoding of a slot count (gwb::SlotCountOf).
  static uint8_t SlotBits(size_t slots) { return slots ? static_cast<uint8_t>(std::countr_zero(slots) + 1) : 0; }

  // Places `key` with its candidates and regexes among path slots
  // [first, first + n).
  void PlacePath(PathSlotSection* section, size_t first, size_t n, std::string_view key, gwb::List candidates,
                 gwb::List regexes) {
    gwb::PathSlotRecord slot{};
    FillHead(key, slot.head);
    slot.key_length = static_cast<uint16_t>(std::min<size_t>(key.size(), gwb::kLongKey));
    slot.first = candidates.count ? candidates_[candidates.first].match : kNone;
    slot.flags = candidates.count && candidates_[candidates.first].conditional ? gwb::kPathSlotFirstConditional : 0;
    section->Place(first, n, key, slot, {w_->AddString(key), candidates, regexes});
  }

  gwb::List AddCandidates(const std::vector<uint32_t>& ids) {
    gwb::List list{U32(candidates_.size()), U32(ids.size())};
    for (uint32_t id : ids) {
      const gwb::MatchRecord& m = matches_[id];
      bool conditional = m.method.length || m.predicates.count || (m.flags & gwb::kMatchGrpcOnly);
      candidates_.push_back({id, conditional ? 1u : 0u});
    }
    return list;
  }

  gwb::List AddRegexes(const std::vector<PrefixEntry::Regex>& regexes) {
    std::vector<gwb::RegexRecord> records;
    for (const PrefixEntry::Regex& re : regexes) {
      gwb::RegexRecord r{};
      r.pattern = w_->AddString(re.pattern);
      r.literal_prefix = w_->AddString(LiteralPrefix(re.pattern));
      r.candidates = AddCandidates({re.match});
      r.rank = re.rank;
      records.push_back(r);
      ++stats_.regexes;
    }
    gwb::List list{U32(regex_records_.size()), U32(records.size())};
    regex_records_.insert(regex_records_.end(), records.begin(), records.end());
    return list;
  }

  // One path table per distinct set of routes: virtual hosts share the
  // tables of their wildcard and hostname-less tiers, so the table stays
  // linear in the number of routes.
  gwb::PathTableRecord AddPathTable(const ir::Program& program,
                                    const std::vector<const ir::Attachment*>& attachments) {
    std::vector<uint32_t> routes;
    for (const ir::Attachment* a : attachments) routes.push_back(a->route);
    std::sort(routes.begin(), routes.end());
    routes.erase(std::unique(routes.begin(), routes.end()), routes.end());
    auto [memo, fresh] = path_table_memo_.try_emplace(routes);
    if (fresh) memo->second = BuildPathTable(program, routes);
    return memo->second;
  }

  gwb::PathTableRecord BuildPathTable(const ir::Program& program, const std::vector<uint32_t>& routes) {
    std::vector<Candidate> all;
    for (uint32_t route_index : routes) {
      const ir::Route& route = program.routes[route_index];
      for (uint32_t r = 0; r < route.rules.size(); ++r) {
        const ir::Rule& rule = route.rules[r];
        for (uint32_t m = 0; m < rule.matches.size(); ++m) {
          all.push_back({match_ids_[route_index][r][m], &route, r, m, &rule.matches[m]});
        }
      }
    }
    std::stable_sort(all.begin(), all.end(), CandidateBefore);

    std::map<std::string, std::vector<uint32_t>> exact;
    std::vector<std::string> exact_order;
    std::map<std::string, PrefixEntry> prefixes;
    uint32_t regex_rank = 0;
    for (const Candidate& c : all) {
      const ir::Match& m = *c.match;
      if (m.path_kind == PathKind::kExact) {
        auto [it, fresh] = exact.try_emplace(m.path);
        if (fresh) exact_order.push_back(m.path);
        it->second.push_back(c.match_record);
      } else if (m.path_kind == PathKind::kRegex) {
        // Only paths under the regex's literal prefix (whole segments) can
        // match it: it lives under that key, tried when a lookup passes it.
        std::string literal = LiteralPrefix(m.path);
        size_t slash = literal.rfind('/');
        std::string dir = slash == std::string::npos ? "" : literal.substr(0, slash);
        prefixes[PrefixKey(dir)].regexes.push_back({m.path, c.match_record, regex_rank++});
      } else {
        prefixes[PrefixKey(m.path)].candidates.push_back(c.match_record);
      }
    }

    gwb::PathTableRecord t{};
    size_t slots = SlotCount(exact.size());
    t.exact_slots_first = exact_slots_.AddRange(slots);
    t.exact_slots_bits = SlotBits(slots);
    for (const std::string& path : exact_order) {
      PlacePath(&exact_slots_, t.exact_slots_first, slots, path, AddCandidates(exact[path]), {0, 0});
      ++stats_.exact_paths;
    }
    slots = SlotCount(prefixes.size() - prefixes.count(""));
    t.prefix_slots_first = prefix_slots_.AddRange(slots);
    t.prefix_slots_bits = SlotBits(slots);
    for (const auto& [key, entry] : prefixes) {  // key order: deterministic
      gwb::List candidates = AddCandidates(entry.candidates);
      gwb::List regexes = AddRegexes(entry.regexes);
      if (key.empty()) {
        t.root_candidates = candidates;
        t.root_regexes = regexes;
        continue;
      }
      size_t depth = std::count(key.begin(), key.end(), '/');
      t.max_depth = static_cast<uint16_t>(std::max<size_t>(t.max_depth, std::min<size_t>(depth, UINT16_MAX)));
      PlacePath(&prefix_slots_, t.prefix_slots_first, slots, key, candidates, regexes);
      ++stats_.prefix_keys;
    }
    ++stats_.path_tables;
    return t;
  }

  void Flush() {
    using gwb::SectionId;
    stats_.routes = routes_.size();
    stats_.rules = rules_.size();
    stats_.matches = matches_.size();
    w_->SetRecords(SectionId::kGateways, gateways_);
    w_->SetRecords(SectionId::kListeners, listeners_);
    w_->SetRecords(SectionId::kPorts, ports_);
    w_->SetRecords(SectionId::kHostSlots, host_slots_.records);
    w_->SetRecords(SectionId::kHostTags, host_slots_.tags);
    w_->SetRecords(SectionId::kHostTables, host_tables_);
    w_->SetRecords(SectionId::kPathTables, path_tables_);
    w_->SetRecords(SectionId::kExactSlots, exact_slots_.slots.records);
    w_->SetRecords(SectionId::kExactKeys, exact_slots_.keys);
    w_->SetRecords(SectionId::kExactTags, exact_slots_.slots.tags);
    w_->SetRecords(SectionId::kPrefixSlots, prefix_slots_.slots.records);
    w_->SetRecords(SectionId::kPrefixKeys, prefix_slots_.keys);
    w_->SetRecords(SectionId::kPrefixTags, prefix_slots_.slots.tags);
    w_->SetRecords(SectionId::kRegexes, regex_records_);
    w_->SetRecords(SectionId::kCandidates, candidates_);
    w_->SetRecords(SectionId::kMatches, matches_);
    w_->SetRecords(SectionId::kPredicates, predicates_);
    w_->SetRecords(SectionId::kRules, rules_);
    w_->SetRecords(SectionId::kRoutes, routes_);
    w_->SetRecords(SectionId::kFilters, filters_);
    w_->SetRecords(SectionId::kBackends, backends_);
  }

  ArtifactWriter* w_;
  RouteTableStats stats_;
  std::vector<std::vector<std::vector<uint32_t>>> match_ids_;  // [route][rule][match]
  std::vector<gwb::GatewayRecord> gateways_;
  std::vector<gwb::ListenerRecord> listeners_;
  std::vector<gwb::PortRecord> ports_;
  SlotSection<gwb::HostSlotRecord> host_slots_;
  std::vector<gwb::HostTableRecord> host_tables_;
  std::map<std::vector<uint32_t>, gwb::PathTableRecord> path_table_memo_;  // by route set
  std::vector<gwb::PathTableRecord> path_tables_;
  PathSlotSection exact_slots_;
  PathSlotSection prefix_slots_;
  std::vector<gwb::RegexRecord> regex_records_;
  std::vector<gwb::CandidateRecord> candidates_;
  std::vector<gwb::MatchRecord> matches_;
  std::vector<gwb::PredicateRecord> predicates_;
  std::vector<gwb::RuleRecord> rules_;
  std::vector<gwb::RouteRecord> routes_;
  std::vector<gwb::FilterRecord> filters_;
  std::vector<gwb::BackendRecord> backends_;
  PolicyAssembler policies_;
  std::vector<uint32_t> rule_programs_;  // per rule: its program or kNone
};

}  // namespace

RouteTableStats EmitRouteTable(const ir::Program& program, ArtifactWriter* writer) {
  return Builder(writer).Build(program);
}

}  // namespace gwc

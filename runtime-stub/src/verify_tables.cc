// Copyright 2026 The gwc Authors.
//
// The record-level verifier of the route sections (docs/format.md,
// "Verification"): every index and list inside its target section, every
// string inside the pool, hash tables with power-of-two slot counts and at
// least one empty slot (so probing ends), slots whose inline hash or
// length, key head, tag and first candidate agree with what they copy,
// empty path slots zero, candidate lists in
// precedence order, regexes that RE2 accepts.
// Artifact::Open has already checked the container (bounds, checksums,
// record counts). Regexes are compiled on first use; CompileAllRegexes
// checks them all at once (gwrt verify).

#include <xxhash.h>

#include <algorithm>
#include <cstring>
#include <string>
#include <tuple>
#include <vector>

#include "runtime-stub/src/tables.h"
#include "runtime-stub/src/verify_support.h"

namespace gwrt {

namespace {

class TableVerifier {
 public:
  TableVerifier(const Artifact& a, Router::Tables* t, VerifyError* e) : a_(a), t_(*t), e_(e) {}

  bool Run();

 private:
  // Fails with the section, field and the file offset of record `i`.
  template <typename Record>
  bool Fail(gwb::SectionId id, std::span<const Record>, size_t i, const char* field, const std::string& problem) {
    return FailRecord<Record>(a_, e_, id, i, field, problem);
  }
  uint64_t SectionOffset(gwb::SectionId id) const { return gwrt::SectionOffset(a_, id); }

  bool StrOk(gwb::Str s) const { return StrInPool(s, t_.strings); }
  static bool ListOk(gwb::List l, size_t n) { return ListInside(l, n); }
  static bool IndexOk(uint32_t i, size_t n) { return i < n; }
  static bool OptionalOk(uint32_t i, size_t n) { return i == gwb::kNone || i < n; }

  // An inline head: the key's first bytes, zero after them.
  template <size_t N>
  static bool HeadOk(std::string_view key, const uint8_t (&head)[N]) {
    size_t n = std::min(key.size(), N);
    return std::equal(key.begin(), key.begin() + static_cast<std::ptrdiff_t>(n), head) &&
           std::all_of(head + n, head + N, [](uint8_t b) { return b == 0; });
  }
  // A slot's key: inside the pool, its head and its hash the key's.
  template <typename Slot>
  bool SlotKeyOk(const Slot& slot, const char** field) const {
    *field = "key";
    if (!StrOk(slot.key)) return false;
    std::string_view key = t_.Str(slot.key);
    *field = "head";
    if (!HeadOk(key, slot.head)) return false;
    *field = "hash";
    return slot.hash == XXH3_64bits(key.data(), key.size());
  }
  bool CheckPathCounts(gwb::SectionId keys_id, gwb::SectionId tags_id, const Router::Tables::PathSlots& p);
  bool CheckPathSlots(gwb::SectionId slots_id, gwb::SectionId keys_id, gwb::SectionId tags_id,
                      const Router::Tables::PathSlots& p, bool prefix);
  template <typename Slot>
  bool CheckTags(gwb::SectionId id, std::span<const Slot> slots, std::span<const uint8_t> tags);
  bool CandidatesSorted(gwb::List l) const;
  // Route and backend filter lists hold only the Gateway API filter types
  // (transform verbs belong to policy programs). Types are checked first.
  bool RoutingFilters(gwb::List l) const {
    for (uint32_t i = l.first; i < l.first + l.count; ++i) {
      if (t_.filters[i].type > gwb::FilterType::kFail) return false;
    }
    return true;
  }

  bool Load();
  bool CheckGateways();
  bool CheckHosts();
  bool CheckPaths();
  bool CheckMatches();
  bool CheckRules();
  template <typename IsEmpty>
  bool CheckSlots(gwb::SectionId id, uint32_t first, uint32_t count, size_t n, size_t table,
                  const char* what, IsEmpty empty);

  const Artifact& a_;
  Router::Tables& t_;
  VerifyError* e_;
};

bool TableVerifier::Load() {
  using gwb::SectionId;
  for (const gwb::SectionInfo& info : gwb::kSections) {
    if (info.part == gwb::SectionPart::kRoutes && !a_.Has(info.id)) {
      e_->where = info.name;
      e_->problem = "the route table needs this section; the file has none";
      return false;
    }
  }
  t_.strings = a_.Section(SectionId::kStrings);
  t_.gateways = RecordsOf<gwb::GatewayRecord>(a_, SectionId::kGateways);
  t_.listeners = RecordsOf<gwb::ListenerRecord>(a_, SectionId::kListeners);
  t_.ports = RecordsOf<gwb::PortRecord>(a_, SectionId::kPorts);
  t_.host_tables = RecordsOf<gwb::HostTableRecord>(a_, SectionId::kHostTables);
  t_.host_slots = RecordsOf<gwb::HostSlotRecord>(a_, SectionId::kHostSlots);
  t_.path_tables = RecordsOf<gwb::PathTableRecord>(a_, SectionId::kPathTables);
  t_.exact = {RecordsOf<gwb::PathSlotRecord>(a_, SectionId::kExactSlots),
              RecordsOf<gwb::PathKeyRecord>(a_, SectionId::kExactKeys), RecordsOf<uint8_t>(a_, SectionId::kExactTags)};
  t_.prefix = {RecordsOf<gwb::PathSlotRecord>(a_, SectionId::kPrefixSlots),
               RecordsOf<gwb::PathKeyRecord>(a_, SectionId::kPrefixKeys), RecordsOf<uint8_t>(a_, SectionId::kPrefixTags)};
  t_.host_tags = RecordsOf<uint8_t>(a_, SectionId::kHostTags);
  t_.regexes = RecordsOf<gwb::RegexRecord>(a_, SectionId::kRegexes);
  t_.candidates = RecordsOf<gwb::CandidateRecord>(a_, SectionId::kCandidates);
  t_.matches = RecordsOf<gwb::MatchRecord>(a_, SectionId::kMatches);
  t_.predicates = RecordsOf<gwb::PredicateRecord>(a_, SectionId::kPredicates);
  t_.rules = RecordsOf<gwb::RuleRecord>(a_, SectionId::kRules);
  t_.routes = RecordsOf<gwb::RouteRecord>(a_, SectionId::kRoutes);
  t_.filters = RecordsOf<gwb::FilterRecord>(a_, SectionId::kFilters);
  t_.backends = RecordsOf<gwb::BackendRecord>(a_, SectionId::kBackends);
  return true;
}

// A hash-slot range: inside its section, a power of two (or empty), with
// at least one empty slot so that every probe ends. `empty(i)` tells
// whether slot i (an index into the section) is empty.
template <typename IsEmpty>
bool TableVerifier::CheckSlots(gwb::SectionId id, uint32_t first, uint32_t count, size_t n,
                               size_t table, const char* what, IsEmpty empty) {
  auto fail = [&](const std::string& p) {
    e_->where = gwb::FindSection(static_cast<uint32_t>(id))->name;
    e_->field = what;
    e_->offset = SectionOffset(id) + sizeof(gwb::RecordsHeader);
    e_->problem = "table " + std::to_string(table) + ": " + p;
    return false;
  };
  if (!ListOk({first, count}, n)) return fail("slot range outside the section");
  if (count == 0) return true;
  if ((count & (count - 1)) != 0) return fail("slot count is not a power of two");
  for (uint32_t s = first; s < first + count; ++s) {
    if (empty(s)) return true;
  }
  return fail("no empty slot (a lookup would never end)");
}

bool TableVerifier::CheckGateways() {
  using gwb::SectionId;
  for (size_t i = 0; i < t_.gateways.size(); ++i) {
    const auto& g = t_.gateways[i];
    if (!StrOk(g.ns) || !StrOk(g.name)) return Fail(SectionId::kGateways, t_.gateways, i, "name", "string outside the pool");
    if (!ListOk(g.listeners, t_.listeners.size())) return Fail(SectionId::kGateways, t_.gateways, i, "listeners", "list outside Listeners");
  }
  for (size_t i = 0; i < t_.listeners.size(); ++i) {
    const auto& l = t_.listeners[i];
    if (!StrOk(l.name) || !StrOk(l.hostname)) return Fail(SectionId::kListeners, t_.listeners, i, "name", "string outside the pool");
    if (!IndexOk(l.gateway, t_.gateways.size())) return Fail(SectionId::kListeners, t_.listeners, i, "gateway", "no such Gateway");
    if (!IndexOk(l.route_hosts, t_.host_tables.size())) return Fail(SectionId::kListeners, t_.listeners, i, "route_hosts", "no such host table");
  }
  for (size_t i = 0; i < t_.ports.size(); ++i) {
    const auto& p = t_.ports[i];
    if (!IndexOk(p.gateway, t_.gateways.size())) return Fail(SectionId::kPorts, t_.ports, i, "gateway", "no such Gateway");
    if (!IndexOk(p.listener_hosts, t_.host_tables.size())) return Fail(SectionId::kPorts, t_.ports, i, "listener_hosts", "no such host table");
    if (p.protocol < gwb::Protocol::kHttp || p.protocol > gwb::Protocol::kUdp || p.zero != 0) return Fail(SectionId::kPorts, t_.ports, i, "protocol", "unknown protocol");
    auto key = [](const gwb::PortRecord& r) { return std::make_tuple(r.gateway, r.port, r.protocol); };
    if (i > 0 && key(t_.ports[i - 1]) >= key(p)) {
      return Fail(SectionId::kPorts, t_.ports, i, "port", "ports are not sorted by (gateway, port, protocol)");
    }
  }
  return true;
}

bool TableVerifier::CheckHosts() {
  using gwb::SectionId;
  for (size_t i = 0; i < t_.host_tables.size(); ++i) {
    const auto& h = t_.host_tables[i];
    if (h.flags & ~gwb::kHostTableSingleLabel) return Fail(SectionId::kHostTables, t_.host_tables, i, "flags", "unknown flags");
    auto empty = [&](uint32_t s) { return t_.host_slots[s].key.offset == gwb::kNone; };
    if (!CheckSlots(SectionId::kHostSlots, h.slots_first, h.slots_count, t_.host_slots.size(), i, "slots", empty)) return false;
    uint64_t lengths = 0;
    for (uint32_t s = h.slots_first; s < h.slots_first + h.slots_count; ++s) {
      if (!empty(s)) lengths |= gwb::KeyLengthBit(t_.host_slots[s].key.length);
    }
    if (lengths != h.key_lengths) return Fail(SectionId::kHostTables, t_.host_tables, i, "key_lengths", "not the lengths of the table's keys");
  }
  for (size_t i = 0; i < t_.host_slots.size(); ++i) {
    const auto& h = t_.host_slots[i];
    const char* field;
    if (h.key.offset != gwb::kNone && !SlotKeyOk(h, &field)) return Fail(SectionId::kHostSlots, t_.host_slots, i, field, "disagrees with the key, or the key is outside the pool");
  }
  // Values are one Listener in port tables and PathTables ranges in
  // listener tables.
  auto values_within = [&](uint32_t table, size_t n, bool single) {
    const auto& h = t_.host_tables[table];
    auto ok = [&](gwb::List v) { return ListOk(v, n) && (!single || v.count <= 1); };
    if (!ok(h.catch_all)) return false;
    for (uint32_t s = h.slots_first; s < h.slots_first + h.slots_count; ++s) {
      const auto& slot = t_.host_slots[s];
      if (slot.key.offset != gwb::kNone && (!ok(slot.value) || slot.value.count == 0)) return false;
    }
    return true;
  };
  for (size_t i = 0; i < t_.ports.size(); ++i) {
    if (!values_within(t_.ports[i].listener_hosts, t_.listeners.size(), true)) return Fail(SectionId::kPorts, t_.ports, i, "listener_hosts", "a host names no Listener");
  }
  for (size_t i = 0; i < t_.listeners.size(); ++i) {
    if (!values_within(t_.listeners[i].route_hosts, t_.path_tables.size(), false)) return Fail(SectionId::kListeners, t_.listeners, i, "route_hosts", "a host names path tables that do not exist");
  }
  // A route-host slot's tiers are copies of its first PathTables records
  // (the rest zero); every other slot's are zero.
  std::vector<bool> route_table(t_.host_tables.size());
  for (const auto& l : t_.listeners) route_table[l.route_hosts] = true;
  for (size_t i = 0; i < t_.host_tables.size(); ++i) {
    const auto& h = t_.host_tables[i];
    for (uint32_t s = h.slots_first; s < h.slots_first + h.slots_count; ++s) {
      const auto& slot = t_.host_slots[s];
      for (uint32_t k = 0; k < gwb::kHostInlineTiers; ++k) {
        gwb::PathTableRecord want{};
        if (route_table[i] && slot.key.offset != gwb::kNone && k < slot.value.count) want = t_.path_tables[slot.value.first + k];
        if (std::memcmp(&slot.tiers[k], &want, sizeof want) != 0) return Fail(SectionId::kHostSlots, t_.host_slots, s, "tiers", "not a copy of the virtual host's path tables");
      }
    }
  }
  return true;
}

// A key and a tag section as long as their slot section, so that one index
// reads all three.
bool TableVerifier::CheckPathCounts(gwb::SectionId keys_id, gwb::SectionId tags_id,
                                    const Router::Tables::PathSlots& p) {
  for (auto [id, n] : {std::pair{keys_id, p.keys.size()}, std::pair{tags_id, p.tags.size()}}) {
    if (n == p.slots.size()) continue;
    e_->where = gwb::FindSection(static_cast<uint32_t>(id))->name;
    e_->field = "count";
    e_->offset = SectionOffset(id);
    e_->problem = std::to_string(n) + " records for " + std::to_string(p.slots.size()) + " slots";
    return false;
  }
  return true;
}

bool TableVerifier::CheckPaths() {
  using gwb::SectionId;
  if (!CheckPathCounts(SectionId::kExactKeys, SectionId::kExactTags, t_.exact) ||
      !CheckPathCounts(SectionId::kPrefixKeys, SectionId::kPrefixTags, t_.prefix)) {
    return false;
  }
  size_t nc = t_.candidates.size();
  for (size_t i = 0; i < t_.path_tables.size(); ++i) {
    const auto& p = t_.path_tables[i];
    if (p.exact_slots_bits > 32 || p.prefix_slots_bits > 32) return Fail(SectionId::kPathTables, t_.path_tables, i, "exact_slots_bits", "a slot count beyond 2^31");
    if (p.zero != 0) return Fail(SectionId::kPathTables, t_.path_tables, i, "zero", "not zero");
    auto exact_empty = [&](uint32_t s) { return t_.exact.keys[s].key.offset == gwb::kNone; };
    auto prefix_empty = [&](uint32_t s) { return t_.prefix.keys[s].key.offset == gwb::kNone; };
    if (!CheckSlots(SectionId::kExactSlots, p.exact_slots_first, p.exact_slots_count(), t_.exact.slots.size(), i, "exact_slots", exact_empty) ||
        !CheckSlots(SectionId::kPrefixSlots, p.prefix_slots_first, p.prefix_slots_count(), t_.prefix.slots.size(), i, "prefix_slots", prefix_empty)) {
      return false;
    }
    if (!ListOk(p.root_candidates, nc)) return Fail(SectionId::kPathTables, t_.path_tables, i, "root_candidates", "list outside Candidates");
    if (!ListOk(p.root_regexes, t_.regexes.size())) return Fail(SectionId::kPathTables, t_.path_tables, i, "root_regexes", "list outside Regexes");
  }
  for (size_t i = 0; i < t_.regexes.size(); ++i) {
    const auto& r = t_.regexes[i];
    if (!StrOk(r.pattern) || !StrOk(r.literal_prefix)) return Fail(SectionId::kRegexes, t_.regexes, i, "pattern", "string outside the pool");
    if (!ListOk(r.candidates, nc)) return Fail(SectionId::kRegexes, t_.regexes, i, "candidates", "list outside Candidates");
    t_.path_regexes.emplace_back(t_.Str(r.pattern));
  }
  for (size_t i = 0; i < nc; ++i) {
    if (!IndexOk(t_.candidates[i].match, t_.matches.size())) return Fail(SectionId::kCandidates, t_.candidates, i, "match", "no such match");
  }
  return CheckPathSlots(SectionId::kExactSlots, SectionId::kExactKeys, SectionId::kExactTags, t_.exact, false) &&
         CheckPathSlots(SectionId::kPrefixSlots, SectionId::kPrefixKeys, SectionId::kPrefixTags, t_.prefix, true);
}

// Exact and prefix slots, one index across the slot, key and tag
// sections: an empty slot is zero (`first` kNone) with an empty key
// record and tag 0; a used one has its key in the pool, its length and
// head, the tag of its hash, the candidates in range with the inline first
// one a copy of the list's, and regexes in range (none for an exact path).
bool TableVerifier::CheckPathSlots(gwb::SectionId slots_id, gwb::SectionId keys_id, gwb::SectionId tags_id,
                                   const Router::Tables::PathSlots& p, bool prefix) {
  for (size_t i = 0; i < p.slots.size(); ++i) {
    const gwb::PathSlotRecord& e = p.slots[i];
    const gwb::PathKeyRecord& k = p.keys[i];
    if (k.key.offset == gwb::kNone) {
      gwb::PathSlotRecord empty{};
      empty.first = gwb::kNone;
      if (std::memcmp(&e, &empty, sizeof e) != 0) return Fail(slots_id, p.slots, i, "first", "an empty slot that is not zero");
      if (k.key.length || k.candidates.count || k.candidates.first || k.regexes.count || k.regexes.first) return Fail(keys_id, p.keys, i, "key", "an empty slot with a key, candidates or regexes");
      if (p.tags[i] != 0) return Fail(tags_id, p.tags, i, "tag", "disagrees with its slot");
      continue;
    }
    if (!StrOk(k.key)) return Fail(keys_id, p.keys, i, "key", "string outside the pool");
    std::string_view key = t_.Str(k.key);
    if (e.key_length != std::min<size_t>(key.size(), gwb::kLongKey)) return Fail(slots_id, p.slots, i, "key_length", "disagrees with the key");
    if (!HeadOk(key, e.head)) return Fail(slots_id, p.slots, i, "head", "disagrees with the key");
    if (e.zero != 0) return Fail(slots_id, p.slots, i, "zero", "not zero");
    if (p.tags[i] != gwb::SlotTag(XXH3_64bits(key.data(), key.size()))) return Fail(tags_id, p.tags, i, "tag", "disagrees with its slot");
    if (!ListOk(k.candidates, t_.candidates.size())) return Fail(keys_id, p.keys, i, "candidates", "list outside Candidates");
    bool first_ok = k.candidates.count == 0
                        ? e.first == gwb::kNone && e.flags == 0
                        : e.first == t_.candidates[k.candidates.first].match &&
                              (e.flags & ~gwb::kPathSlotFirstConditional) == 0 &&
                              ((e.flags & gwb::kPathSlotFirstConditional) != 0) == (t_.candidates[k.candidates.first].conditional != 0);
    if (!first_ok) return Fail(slots_id, p.slots, i, "first", "disagrees with the first candidate");
    if (!ListOk(k.regexes, t_.regexes.size()) || (!prefix && k.regexes.count)) return Fail(keys_id, p.keys, i, "regexes", prefix ? "list outside Regexes" : "an exact path has no regexes");
  }
  return true;
}

// Precedence of a match by its own fields (format.md "Candidates"): path
// kind, prefix length as written, method, header and query counts. Lists
// never increase in it.
std::tuple<int, int, bool, uint32_t, uint32_t> Specificity(const Router::Tables& t,
                                                           const gwb::MatchRecord& m) {
  int kind = m.path_kind == gwb::PathKind::kExact ? 2 : m.path_kind == gwb::PathKind::kPrefix ? 1 : 0;
  uint32_t headers = 0, query = 0;
  for (uint32_t p = m.predicates.first; p < m.predicates.first + m.predicates.count; ++p) {
    (t.predicates[p].where == gwb::PredicateWhere::kHeader ? headers : query)++;
  }
  int chars = m.path_kind == gwb::PathKind::kPrefix ? m.path_chars : 0;
  return {kind, chars, m.method.length != 0, headers, query};
}

// Candidate lists: in precedence order by the matches' own fields.
bool TableVerifier::CandidatesSorted(gwb::List l) const {
  for (uint32_t c = l.first + 1; c < l.first + l.count; ++c) {
    const auto& a = t_.matches[t_.candidates[c - 1].match];
    const auto& b = t_.matches[t_.candidates[c].match];
    if (Specificity(t_, a) < Specificity(t_, b)) return false;
  }
  return true;
}

bool TableVerifier::CheckMatches() {
  using gwb::SectionId;
  for (size_t i = 0; i < t_.matches.size(); ++i) {
    const auto& m = t_.matches[i];
    if (!IndexOk(m.rule, t_.rules.size())) return Fail(SectionId::kMatches, t_.matches, i, "rule", "no such rule");
    if (!StrOk(m.method) || !StrOk(m.path)) return Fail(SectionId::kMatches, t_.matches, i, "path", "string outside the pool");
    if (!ListOk(m.predicates, t_.predicates.size())) return Fail(SectionId::kMatches, t_.matches, i, "predicates", "list outside Predicates");
    if (m.path_kind < gwb::PathKind::kExact || m.path_kind > gwb::PathKind::kRegex) return Fail(SectionId::kMatches, t_.matches, i, "path_kind", "unknown path kind");
  }
  for (size_t i = 0; i < t_.predicates.size(); ++i) {
    const auto& p = t_.predicates[i];
    if (!StrOk(p.name) || !StrOk(p.value)) return Fail(SectionId::kPredicates, t_.predicates, i, "value", "string outside the pool");
    bool where_ok = p.where == gwb::PredicateWhere::kHeader || p.where == gwb::PredicateWhere::kQuery;
    bool how_ok = p.how == gwb::PredicateHow::kExact || p.how == gwb::PredicateHow::kRegex;
    if (!where_ok || !how_ok) return Fail(SectionId::kPredicates, t_.predicates, i, "how", "unknown predicate kind");
    t_.predicate_regexes.emplace_back(t_.Str(p.value));
  }
  // A candidate may skip the match record only when the match has no
  // condition at all.
  for (size_t i = 0; i < t_.candidates.size(); ++i) {
    const auto& c = t_.candidates[i];
    const auto& m = t_.matches[c.match];
    bool conditional = m.method.length || m.predicates.count || (m.flags & gwb::kMatchGrpcOnly);
    if (c.conditional > 1 || (conditional && !c.conditional)) {
      return Fail(SectionId::kCandidates, t_.candidates, i, "conditional", "disagrees with the match's conditions");
    }
  }
  for (auto [p, id] : {std::pair{&t_.exact, SectionId::kExactKeys}, std::pair{&t_.prefix, SectionId::kPrefixKeys}}) {
    for (size_t i = 0; i < p->keys.size(); ++i) {
      if (!CandidatesSorted(p->keys[i].candidates)) return Fail(id, p->keys, i, "candidates", "not in precedence order");
    }
  }
  for (size_t i = 0; i < t_.path_tables.size(); ++i) {
    if (!CandidatesSorted(t_.path_tables[i].root_candidates)) return Fail(SectionId::kPathTables, t_.path_tables, i, "root_candidates", "not in precedence order");
  }
  return true;
}

bool TableVerifier::CheckRules() {
  using gwb::SectionId;
  for (size_t i = 0; i < t_.rules.size(); ++i) {
    const auto& r = t_.rules[i];
    if (!IndexOk(r.route, t_.routes.size())) return Fail(SectionId::kRules, t_.rules, i, "route", "no such route");
    if (!StrOk(r.name)) return Fail(SectionId::kRules, t_.rules, i, "name", "string outside the pool");
    if (!ListOk(r.filters, t_.filters.size())) return Fail(SectionId::kRules, t_.rules, i, "filters", "list outside Filters");
    if (!RoutingFilters(r.filters)) return Fail(SectionId::kRules, t_.rules, i, "filters", "a policy-only filter type among route filters");
    if (!ListOk(r.backends, t_.backends.size())) return Fail(SectionId::kRules, t_.rules, i, "backends", "list outside Backends");
  }
  for (size_t i = 0; i < t_.routes.size(); ++i) {
    const auto& r = t_.routes[i];
    if (!StrOk(r.ns) || !StrOk(r.name)) return Fail(SectionId::kRoutes, t_.routes, i, "name", "string outside the pool");
    if (r.kind < gwb::RouteKind::kHttpRoute || r.kind > gwb::RouteKind::kVirtualService) return Fail(SectionId::kRoutes, t_.routes, i, "kind", "unknown route kind");
  }
  for (size_t i = 0; i < t_.filters.size(); ++i) {
    const auto& f = t_.filters[i];
    if (!StrOk(f.a) || !StrOk(f.b)) return Fail(SectionId::kFilters, t_.filters, i, "a", "string outside the pool");
    if (f.type < gwb::FilterType::kRequestHeaderSet || static_cast<uint8_t>(f.type) > gwb::kLastFilterType) return Fail(SectionId::kFilters, t_.filters, i, "type", "unknown filter type");
    if (f.type == gwb::FilterType::kMirror) {
      if (!IndexOk(f.backend, t_.backends.size())) return Fail(SectionId::kFilters, t_.filters, i, "backend", "no such backend");
      if (f.den == 0 || f.num > f.den) return Fail(SectionId::kFilters, t_.filters, i, "den", "share is not a fraction in [0, 1]");
    }
    constexpr uint8_t kRedirectFlags = gwb::kFilterHasScheme | gwb::kFilterHasHostname | gwb::kFilterHasPort | gwb::kFilterNoQuery;
    if (f.type == gwb::FilterType::kRedirect && (f.flags & ~kRedirectFlags)) {
      return Fail(SectionId::kFilters, t_.filters, i, "flags", "unknown redirect flags");
    }
    if (f.type == gwb::FilterType::kRewritePath && (f.flags & gwb::kFilterRegex) &&
        ((f.flags & gwb::kFilterPrefix) || f.b.length == 0)) {
      return Fail(SectionId::kFilters, t_.filters, i, "flags", "a regex rewrite needs a pattern and no prefix flag");
    }
    if (f.type == gwb::FilterType::kCorsOrigin && (f.flags & gwb::kFilterRegex) && f.b.length == 0) {
      return Fail(SectionId::kFilters, t_.filters, i, "b", "a regex origin needs a pattern");
    }
    t_.filter_regexes.emplace_back(t_.Str(f.b), true);
  }
  for (size_t i = 0; i < t_.backends.size(); ++i) {
    const auto& b = t_.backends[i];
    if (!StrOk(b.ns) || !StrOk(b.name) || !StrOk(b.tls_hostname)) return Fail(SectionId::kBackends, t_.backends, i, "name", "string outside the pool");
    if (!ListOk(b.filters, t_.filters.size())) return Fail(SectionId::kBackends, t_.backends, i, "filters", "list outside Filters");
    if (!RoutingFilters(b.filters)) return Fail(SectionId::kBackends, t_.backends, i, "filters", "a policy-only filter type among backend filters");
    if (b.problem > gwb::BackendProblem::kBackendTlsInvalid) return Fail(SectionId::kBackends, t_.backends, i, "problem", "unknown backend problem");
  }
  // Mirror backends carry no filters of their own that mirror again, so
  // following filters never loops: filters only name backends, and a
  // backend's filters are applied once.
  return true;
}

// A tag section: one tag per slot, 0 exactly for the empty slots, else the
// tag of the slot's hash (a wrong tag would hide its slot from probes).
template <typename Slot>
bool TableVerifier::CheckTags(gwb::SectionId id, std::span<const Slot> slots, std::span<const uint8_t> tags) {
  if (tags.size() != slots.size()) {
    e_->where = gwb::FindSection(static_cast<uint32_t>(id))->name;
    e_->field = "count";
    e_->offset = SectionOffset(id);
    e_->problem = std::to_string(tags.size()) + " tags for " + std::to_string(slots.size()) + " slots";
    return false;
  }
  for (size_t i = 0; i < tags.size(); ++i) {
    uint8_t want = slots[i].key.offset == gwb::kNone ? 0 : gwb::SlotTag(slots[i].hash);
    if (tags[i] != want) return Fail(id, tags, i, "tag", "disagrees with its slot");
  }
  return true;
}

bool TableVerifier::Run() {
  using gwb::SectionId;
  return Load() && CheckTags(SectionId::kHostTags, t_.host_slots, t_.host_tags) && CheckGateways() && CheckHosts() &&
         CheckPaths() && CheckMatches() && CheckRules();
}

}  // namespace

bool CompileAllRegexes(const Artifact& artifact, const Router::Tables& t, VerifyError* error) {
  auto offset = [&](gwb::SectionId id, size_t i, size_t record) {
    for (const gwb::SectionEntry& s : artifact.sections()) {
      if (s.id == static_cast<uint32_t>(id)) return s.offset + sizeof(gwb::RecordsHeader) + i * record;
    }
    return uint64_t{0};
  };
  for (size_t i = 0; i < t.path_regexes.size(); ++i) {
    const RE2& re = t.path_regexes[i].Get();
    if (re.ok()) continue;
    *error = {"Regexes", "pattern", offset(gwb::SectionId::kRegexes, i, sizeof(gwb::RegexRecord)),
              "record " + std::to_string(i) + ": RE2 rejects it: " + re.error()};
    return false;
  }
  for (size_t i = 0; i < t.predicates.size(); ++i) {
    if (t.predicates[i].how != gwb::PredicateHow::kRegex) continue;
    const RE2& re = t.predicate_regexes[i].Get();
    if (re.ok()) continue;
    *error = {"Predicates", "value", offset(gwb::SectionId::kPredicates, i, sizeof(gwb::PredicateRecord)),
              "record " + std::to_string(i) + ": RE2 rejects it: " + re.error()};
    return false;
  }
  for (size_t i = 0; i < t.filters.size(); ++i) {
    bool pattern = (t.filters[i].type == gwb::FilterType::kRewritePath || t.filters[i].type == gwb::FilterType::kCorsOrigin) &&
                   (t.filters[i].flags & gwb::kFilterRegex);
    if (!pattern) continue;
    const RE2& re = t.filter_regexes[i].Get();
    if (re.ok()) continue;
    *error = {"Filters", "b", offset(gwb::SectionId::kFilters, i, sizeof(gwb::FilterRecord)),
              "record " + std::to_string(i) + ": RE2 rejects it: " + re.error()};
    return false;
  }
  return true;
}

namespace {

// Points the tag spans at padded copies (Tables::padded_tags).
void PadTags(Router::Tables* t) {
  std::span<const uint8_t>* spans[] = {&t->host_tags, &t->exact.tags, &t->prefix.tags};
  size_t total = 0;
  for (auto* s : spans) total += s->size() + Router::Tables::kTagPadding;
  t->padded_tags.assign(total, 0);
  uint8_t* at = t->padded_tags.data();
  for (auto* s : spans) {
    if (!s->empty()) std::memcpy(at, s->data(), s->size());
    *s = {at, s->size()};
    at += s->size() + Router::Tables::kTagPadding;
  }
}

}  // namespace

bool VerifyTables(const Artifact& artifact, Router::Tables* t, VerifyError* error) {
  if (!TableVerifier(artifact, t, error).Run()) return false;
  PadTags(t);
  for (const gwb::GatewayRecord& g : t->gateways) {
    t->gateway_names.push_back(std::string(t->Str(g.ns)) + "/" + std::string(t->Str(g.name)));
  }
  return !(artifact.header().flags & gwb::kFlagHasPolicies) || VerifyPolicies(artifact, t, error);
}

}  // namespace gwrt

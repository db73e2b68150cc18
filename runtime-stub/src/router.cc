// Copyright 2026 The gwc Authors.
//
// Route lookup over the verified tables (docs/format.md, "Lookup"): Gateway
// and port, listener by Host, virtual host by Host, then per hostname tier
// the exact-path slot, the prefix slots of the path's element prefixes
// (deepest first), and the regexes; the first candidate whose method
// and predicates hold wins. The host and the path are hashed once per
// request, the slots a lookup will likely read are fetched at once, and
// tag bytes keep probes that find nothing from reading slots. An index
// built at load (IndexHostPaths) keys exact paths by host and path
// together, so an Exact match does not wait for the host's slot before
// fetching its own. Nothing here allocates or checks bounds: VerifyTables
// did that once.

#define XXH_INLINE_ALL  // short keys: inlined XXH3 is several times faster
#include <xxhash.h>

#include <algorithm>
#include <atomic>
#include <bit>
#include <unordered_set>
#include <cctype>
#include <cstring>

#include "runtime-stub/src/bytes_equal.h"
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

// The HostPaths hash of a host key and a path, from their own hashes.
inline uint64_t HostPathHash(uint64_t host, uint64_t path) {
  uint64_t h = host ^ (path * 0x9E3779B97F4A7C15ULL);
  h ^= h >> 33;
  h *= 0xFF51AFD7ED558CCDULL;
  h ^= h >> 33;
  return h;
}

// Whether each key of path slots [first, first + count) sits where a probe
// for it stops, and no key is there twice. A file gwc writes always has
// this; the verifier does not require it, so the index takes only tables
// that have it and answers as the probe would. Linear in `count`. `run` is
// scratch.
bool KeysWherePlaced(const Router::Tables& t, const Router::Tables::PathSlots& p, uint32_t first, uint32_t count,
                     std::vector<uint32_t>* run, std::unordered_set<std::string_view>* seen) {
  auto empty = [&](uint32_t i) { return p.keys[first + i].key.offset == gwb::kNone; };
  uint32_t gap = 0;  // an empty slot (the verifier requires one)
  while (gap < count && !empty(gap)) ++gap;
  if (gap == count) return false;
  // (*run)[i]: the used slots that end at i, counted back to an empty one.
  run->assign(count, 0);
  for (uint32_t k = 1, before = 0; k < count; ++k) {
    uint32_t i = (gap + k) & (count - 1);
    (*run)[i] = before = empty(i) ? 0 : before + 1;
  }
  seen->clear();
  for (uint32_t i = 0; i < count; ++i) {
    if (empty(i)) continue;
    std::string_view key = t.Str(p.keys[first + i].key);
    uint32_t home = static_cast<uint32_t>(XXH3_64bits(key.data(), key.size())) & (count - 1);
    if (((i - home) & (count - 1)) >= (*run)[i] || !seen->insert(key).second) return false;
  }
  return true;
}

// Fills t->host_paths (Tables) from the verified host and exact-path
// slots: for each route-host table's exact (not wildcard) keys, the exact
// paths of the key's own path table, unless an earlier key took a slot of
// that table (a shared table) or its keys are not where a probe finds them.
// The work is linear in the exact slots whatever the file; a file whose
// entries would pile up (many hosts of one name) gets no index at all.
// Load factor at most 0.8: the probe reads tags eight at a time.
void IndexHostPaths(Router::Tables* t) {
  struct Entry {
    uint64_t hash;
    uint32_t host_slot, exact_slot;
  };
  std::vector<Entry> entries;
  std::vector<bool> host_table_seen(t->host_tables.size());
  std::vector<bool> slot_taken(t->exact.slots.size());
  size_t budget = 2 * t->exact.slots.size();  // slots examined
  std::vector<uint32_t> run;
  std::unordered_set<std::string_view> seen;
  for (const gwb::ListenerRecord& l : t->listeners) {
    if (host_table_seen[l.route_hosts]) continue;
    host_table_seen[l.route_hosts] = true;
    const gwb::HostTableRecord& h = t->host_tables[l.route_hosts];
    for (uint32_t s = h.slots_first; s < h.slots_first + h.slots_count; ++s) {
      const gwb::HostSlotRecord& slot = t->host_slots[s];
      if (slot.key.offset == gwb::kNone || slot.value.count == 0) continue;
      std::string_view key = t->Str(slot.key);
      if (key.empty() || key.front() == '.') continue;  // a wildcard's suffix key
      const gwb::PathTableRecord& own = slot.tiers[0];
      const uint32_t first = own.exact_slots_first, count = own.exact_slots_count();
      if (count == 0 || count > budget) continue;
      budget -= count;
      bool taken = false;
      for (uint32_t e = first; e < first + count && !taken; ++e) taken = slot_taken[e];
      if (taken || !KeysWherePlaced(*t, t->exact, first, count, &run, &seen)) continue;
      for (uint32_t e = first; e < first + count; ++e) {
        slot_taken[e] = true;
        if (t->exact.keys[e].key.offset == gwb::kNone) continue;
        std::string_view path = t->Str(t->exact.keys[e].key);
        entries.push_back({HostPathHash(slot.hash, XXH3_64bits(path.data(), path.size())), s, e});
      }
      if (t->host_paths_cover.empty()) t->host_paths_cover.resize(t->host_slots.size());
      t->host_paths_cover[s] = true;
    }
  }
  if (entries.empty()) return;
  size_t count = std::bit_ceil(entries.size() + entries.size() / 4 + 1);
  t->host_paths.assign(count, Router::Tables::HostPathSlot{});
  t->host_path_exact.assign(count, gwb::kNone);
  t->host_path_tags.assign(count + Router::Tables::kTagPadding, 0);
  // Steps past taken slots, for all entries: about 13 per entry at 0.8
  // load with hashes that scatter; many times that means they pile up.
  size_t steps_left = 64 * entries.size();
  for (const Entry& en : entries) {
    size_t i = en.hash & (count - 1);
    while (t->host_path_tags[i]) {
      if (steps_left-- == 0) {  // piled up: no index, the usual lookup for all
        t->host_paths.clear(), t->host_path_exact.clear(), t->host_path_tags.clear(), t->host_paths_cover.clear();
        return;
      }
      i = (i + 1) & (count - 1);
    }
    const gwb::PathSlotRecord& exact = t->exact.slots[en.exact_slot];
    Router::Tables::HostPathSlot& hp = t->host_paths[i];
    std::memcpy(hp.head, exact.head, sizeof hp.head);
    hp.host_slot = en.host_slot;
    hp.first = exact.first;
    hp.key_length = exact.key_length;
    hp.flags = static_cast<uint8_t>(exact.flags);
    t->host_path_exact[i] = en.exact_slot;
    t->host_path_tags[i] = gwb::SlotTag(en.hash);
  }
}

}  // namespace

Router::Router(const Artifact& artifact, std::unique_ptr<Tables> tables)
    : artifact_(artifact), t_(std::move(tables)), own_state_(std::make_unique<PolicyState>()) {}

Router::~Router() = default;

bool Router::CompileRegexes(VerifyError* error) const {
  return CompileAllRegexes(artifact_, *t_, error);
}

std::unique_ptr<Router> Router::Create(const Artifact& artifact, VerifyError* error) {
  return Create(artifact, RemoteJwks{}, error);
}

std::unique_ptr<Router> Router::Create(const Artifact& artifact, const RemoteJwks& remote_jwks, VerifyError* error) {
  static std::atomic<uint64_t> generations{0};
  auto tables = std::make_unique<Tables>();
  if (!VerifyTables(artifact, tables.get(), error)) return nullptr;
  if (!tables->jwt_key_set.Load(artifact, *tables, remote_jwks, error)) return nullptr;
  tables->generation = ++generations;
  IndexHostPaths(tables.get());
  return std::unique_ptr<Router>(new Router(artifact, std::move(tables)));
}

const std::vector<std::string>& Router::MissingJwks() const { return t_->jwt_key_set.missing_urls(); }

namespace {

// A host slot's key equals `key`: hash, length, the inline head, then the
// rest from the string pool. Keys up to the head's size never leave the slot.
inline bool HostKeyIs(const Router::Tables& t, const gwb::HostSlotRecord& slot, uint64_t hash, std::string_view key) {
  constexpr size_t kHead = gwb::kHostHeadBytes;
  if (slot.hash != hash || slot.key.length != key.size()) return false;
  if (!BytesEqual(slot.head, key.data(), std::min(key.size(), kHead))) return false;
  return key.size() <= kHead || t.Str(slot.key).substr(kHead) == key.substr(kHead);
}

}  // namespace

// A request's host keys for the host tables: the Host header without its
// port, lower-cased, and each suffix that starts at a '.', longest first
// (wildcard keys), each hashed at most once per request, as the first
// table that needs it asks. The host is empty when it cannot name a
// listener (too long, starts with '.').
struct Router::HostKeys {
  static constexpr size_t kMemo = 16;

  // One pass over the header, eight bytes at a time, lower-cases it and
  // notes its dots and its last ':'. The arrays stay unset: no zeroing per
  // request.
  explicit HostKeys(std::string_view raw) {
    bool strip_port = true;  // at the last ':'
    if (!raw.empty() && raw.front() == '[') {
      size_t close = raw.find(']');
      raw = close == std::string_view::npos ? raw : raw.substr(0, close + 1);
      strip_port = false;
    } else if (raw.size() > kMaxHost) {
      raw = raw.substr(0, raw.rfind(':'));  // only an overlong header pays for a second pass
      strip_port = false;
    }
    if (raw.size() > kMaxHost) return;
    size_t end = raw.size();
    if (raw.size() < 8) {
      for (size_t i = 0; i < raw.size(); ++i) {
        char c = raw[i];
        buf[i] = static_cast<char>(c + (static_cast<unsigned char>(c - 'A') < 26 ? 'a' - 'A' : 0));
        dots[dot_count] = static_cast<uint8_t>(i);
        dot_count += c == '.';
        end = c == ':' && strip_port ? i : end;
      }
    } else {  // a word at a time, the last word overlapping the one before
      for (size_t word = 0, i = 0; i < raw.size(); word = std::min(word + 8, raw.size() - 8)) {
        uint64_t bytes = LoadWord(raw.data() + word);
        StoreWord(buf + word, LowerAscii(bytes));
        uint64_t fresh = ~uint64_t{0} << (8 * (i - word));
        for (uint64_t d = ByteMatches(bytes, '.') & fresh; d; d &= d - 1) dots[dot_count++] = static_cast<uint8_t>(word + FirstMatch(d));
        if (uint64_t colons = ByteMatches(bytes, ':') & fresh; colons && strip_port) end = word + LastMatch(colons);
        i = word + 8;
      }
    }
    while (dot_count > 0 && dots[dot_count - 1] > end) --dot_count;  // dots of the port
    if (end > 0 && buf[0] == '.') return;
    host = {buf, end};
  }
  HostKeys(const HostKeys&) = delete;
  HostKeys& operator=(const HostKeys&) = delete;

  std::string_view host;
  size_t dot_count = 0;      // dots[0..dot_count): the host's '.' positions
  uint8_t dots[kMaxHost];
  bool whole_hashed = false;
  uint64_t whole = 0;
  uint32_t known = 0;  // bit i: suffix_hash[i] is set
  uint64_t suffix_hash[kMemo];
  char buf[kMaxHost + 1];

  uint64_t Whole() {
    if (!whole_hashed) whole = XXH3_64bits(host.data(), host.size()), whole_hashed = true;
    return whole;
  }
  // The hash of suffix `i` (longest first), which starts at dots[i].
  uint64_t Suffix(size_t i) {
    if (i < kMemo && (known >> i & 1)) return suffix_hash[i];
    uint64_t h = XXH3_64bits(host.data() + dots[i], host.size() - dots[i]);
    if (i < kMemo) suffix_hash[i] = h, known |= 1u << i;
    return h;
  }
};

namespace {

// The index of the slot among [first, first + count) for which
// `is_key(index)` holds, probing from `hash`, or kNone. The probe reads the
// tags eight at a time: the slots worth comparing are those tagged as the
// key before the first empty one, so a probe that finds nothing usually
// costs one word and one branch.
template <typename IsKey>
inline uint32_t FindSlot(std::span<const uint8_t> tags, uint32_t first, uint32_t count, uint64_t hash,
                         IsKey is_key) {
  if (count == 0) return gwb::kNone;
  const uint32_t mask = count - 1;
  constexpr uint64_t kOnes = 0x0101010101010101ULL, kHigh = 0x8080808080808080ULL;
  const uint64_t tags_of_key = kOnes * gwb::SlotTag(hash);
  for (uint32_t s = static_cast<uint32_t>(hash) & mask;;) {
    uint32_t room = count - s;  // slots up to the range's end
    uint64_t bytes = LoadWord(&tags[first + s]);  // in bounds: Tables::padded_tags
    uint64_t in_range = room >= 8 ? ~uint64_t{0} : (uint64_t{1} << (8 * room)) - 1;
    // A used slot's tag has its high bit set, an empty one's is 0 (both
    // verified). The tagged bytes are those equal to the key's tag, and
    // rarely one right above such a byte (a borrow): the compare rejects it.
    uint64_t empty = ~bytes & kHigh & in_range;
    uint64_t x = bytes ^ tags_of_key;
    uint64_t tagged = (x - kOnes) & ~x & kHigh & in_range;
    if (empty) tagged &= (empty & (0 - empty)) - 1;
    for (; tagged; tagged &= tagged - 1) {
      uint32_t i = first + s + static_cast<uint32_t>(FirstMatch(tagged));
      if (is_key(i)) return i;
    }
    if (empty) return gwb::kNone;
    s = (s + std::min<uint32_t>(room, 8)) & mask;
  }
}

// Starts fetching the first slot of a probe for `hash` (no branch: a
// prefetch of a slot the probe skips by its tag costs nothing but bus).
template <typename Slot>
inline void PrefetchSlot(std::span<const Slot> slots, uint32_t first, uint32_t count, uint64_t hash) {
  if (count == 0) return;
  const char* slot = reinterpret_cast<const char*>(&slots[first + (static_cast<uint32_t>(hash) & (count - 1))]);
  for (size_t line = 0; line < sizeof(Slot); line += 64) __builtin_prefetch(slot + line);
}

// The slot of `key` in host table `h`, or null.
inline const gwb::HostSlotRecord* HostSlot(const Router::Tables& t, const gwb::HostTableRecord& h, uint64_t hash,
                                           std::string_view key) {
  uint32_t i = FindSlot(t.host_tags, h.slots_first, h.slots_count, hash,
                        [&](uint32_t s) { return HostKeyIs(t, t.host_slots[s], hash, key); });
  return i == gwb::kNone ? nullptr : &t.host_slots[i];
}

// The index of the slot of `key` among path slots [first, first + count),
// or kNone: the length, the head, and the rest of a key longer than the
// head from the string pool.
inline uint32_t PathSlot(const Router::Tables& t, const Router::Tables::PathSlots& p, uint32_t first,
                         uint32_t count, uint64_t hash, std::string_view key) {
  const uint16_t length = static_cast<uint16_t>(std::min<size_t>(key.size(), gwb::kLongKey));
  return FindSlot(p.tags, first, count, hash, [&](uint32_t s) {
    const gwb::PathSlotRecord& slot = p.slots[s];
    if (slot.key_length != length) return false;
    if (!BytesEqual(slot.head, key.data(), std::min(key.size(), gwb::kPathHeadBytes))) return false;
    if (key.size() <= gwb::kPathHeadBytes) return true;
    std::string_view whole = t.Str(p.keys[s].key);
    return whole.size() == key.size() && whole.substr(gwb::kPathHeadBytes) == key.substr(gwb::kPathHeadBytes);
  });
}

// What a host table gives a host: its value and, when a key matched, the
// slot (whose `tiers` copy a virtual host's first path tables).
struct HostMatch {
  gwb::List value;
  const gwb::HostSlotRecord* slot;

  // Path table i of the virtual host `value` names.
  const gwb::PathTableRecord& Tier(const Router::Tables& t, uint32_t i) const {
    return slot && i < gwb::kHostInlineTiers ? slot->tiers[i] : t.path_tables[value.first + i];
  }
};

// The request's host in host table `table`: the exact key, else the
// longest wildcard suffix, else the catch-all (value count 0: none).
HostMatch HostLookup(const Router::Tables& t, uint32_t table, Router::HostKeys& keys) {
  const gwb::HostTableRecord& h = t.host_tables[table];
  if (h.slots_count != 0 && !keys.host.empty()) {
    // Only keys of a length the table has are hashed and probed.
    if (h.key_lengths & gwb::KeyLengthBit(keys.host.size())) {
      if (const gwb::HostSlotRecord* slot = HostSlot(t, h, keys.Whole(), keys.host)) return {slot->value, slot};
    }
    for (size_t i = 0; i < keys.dot_count; ++i) {
      std::string_view suffix = keys.host.substr(keys.dots[i]);
      if (h.key_lengths & gwb::KeyLengthBit(suffix.size())) {
        if (const gwb::HostSlotRecord* slot = HostSlot(t, h, keys.Suffix(i), suffix)) return {slot->value, slot};
      }
      if (h.flags & gwb::kHostTableSingleLabel) break;  // "*.x" covers one label only
    }
  }
  return {h.catch_all, nullptr};
}

// Calls on_match(i) for each byte of `s` that is `c`, in order, and stops
// (returning i) at the first one for which it returns true; returns the
// size when none does. Eight bytes are compared at once (the last word
// overlaps the one before), so a scan takes no mispredicted branch per
// byte.
template <typename OnMatch>
inline size_t ScanFor(std::string_view s, char c, OnMatch on_match) {
  if (s.size() < 8) {
    for (size_t i = 0; i < s.size(); ++i) {
      if (s[i] == c && on_match(i)) return i;
    }
    return s.size();
  }
  for (size_t word = 0, seen = 0; seen < s.size(); word = std::min(word + 8, s.size() - 8)) {
    uint64_t fresh = ~uint64_t{0} << (8 * (seen - word));  // bytes the word before did not cover
    for (uint64_t m = ByteMatches(LoadWord(s.data() + word), static_cast<uint8_t>(c)) & fresh; m; m &= m - 1) {
      if (on_match(word + FirstMatch(m))) return word + FirstMatch(m);
    }
    seen = word + 8;
  }
  return s.size();
}

// The path's element prefixes ("/a", "/a/b", ...: the prefix keys it
// passes) and their hashes. The whole path is hashed first, so that the
// exact slots are fetched while Split finds the segments and hashes the
// first ones (as deep as the tables' keys go, at most kPrefetchDepth);
// deeper ones are hashed when a probe needs them.
struct PathKeys {
  static constexpr size_t kPrefetchDepth = 8;

  // Splits `target` (path and query) at its '?'.
  explicit PathKeys(std::string_view target) {
    size_t i = ScanFor(target, '?', [](size_t) { return true; });
    path = target.substr(0, i);
    query = i < target.size() ? target.substr(i + 1) : std::string_view();
    whole = XXH3_64bits(path.data(), path.size());
  }
  // Segment d of the path ends at its d-th '/' after the first byte, the
  // last one at the path's end; no deeper than kMaxDepth - 1 segments.
  // Hashes the prefixes up to `max_depth` segments (at most kPrefetchDepth).
  void Split(size_t max_depth) {
    ends[0] = 0;
    ScanFor(path, '/', [this](size_t slash) {
      if (slash > 0) ends[++depth] = slash;
      return depth == kMaxDepth - 1;
    });
    if (!path.empty() && depth < kMaxDepth - 1) ends[++depth] = path.size();
    hashed = std::min({depth, max_depth, kPrefetchDepth});
    for (size_t d = 1; d <= hashed; ++d) hashes[d] = HashOf(d);
  }
  std::string_view Prefix(size_t d) const { return path.substr(0, ends[d]); }
  uint64_t Hash(size_t d) const { return d <= hashed ? hashes[d] : HashOf(d); }

  std::string_view path, query;
  uint64_t whole;          // the Exact key's hash
  size_t depth = 0;        // segments, at most kMaxDepth - 1 (Split)
  size_t ends[kMaxDepth];  // ends[d]: bytes of the first d segments (Split)
  size_t hashed = 0;       // hashes[1..hashed] are set (Split)
  uint64_t hashes[kPrefetchDepth + 1];

 private:
  uint64_t HashOf(size_t d) const {
    return ends[d] == path.size() ? whole : XXH3_64bits(path.data(), ends[d]);
  }
};

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
  const PathKeys& keys;
  std::string_view path, query;

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

  // The first accepted match of `candidates`, past the first `skip`.
  uint32_t First(gwb::List candidates, uint32_t skip = 0) const {
    for (uint32_t c = candidates.first + skip; c < candidates.first + candidates.count; ++c) {
      const gwb::CandidateRecord& cand = t.candidates[c];
      if ((!cand.conditional && !req.grpc) || Accepts(cand.match)) return cand.match;
    }
    return gwb::kNone;
  }

  // Slot i's first accepted candidate, kNone for no slot. The inline
  // first one is tested straight from its match record: the key record
  // and the candidate list (two more reads, on a large table two more
  // misses) are read only when it is refused.
  uint32_t FirstOf(const Router::Tables::PathSlots& p, uint32_t i) const {
    if (i == gwb::kNone) return gwb::kNone;
    const gwb::PathSlotRecord& slot = p.slots[i];
    if (slot.first == gwb::kNone) return gwb::kNone;  // no candidates (verified)
    if (!(slot.flags & gwb::kPathSlotFirstConditional) && !req.grpc) return slot.first;
    if (Accepts(slot.first)) return slot.first;
    return First(p.keys[i].candidates, 1);
  }

  // The host's own exact match of the path through Tables::host_paths,
  // or kNone (then the usual lookup decides).
  uint32_t HostPath(uint32_t host_slot, uint64_t hash) const {
    const uint16_t length = static_cast<uint16_t>(std::min<size_t>(path.size(), gwb::kLongKey));
    constexpr size_t kHead = sizeof(Router::Tables::HostPathSlot::head);
    uint32_t i = FindSlot(t.host_path_tags, 0, static_cast<uint32_t>(t.host_paths.size()), hash, [&](uint32_t s) {
      const Router::Tables::HostPathSlot& e = t.host_paths[s];
      if (e.host_slot != host_slot || e.key_length != length) return false;
      if (!BytesEqual(e.head, path.data(), std::min(path.size(), kHead))) return false;
      return path.size() <= kHead || t.Str(t.exact.keys[t.host_path_exact[s]].key) == path;
    });
    if (i == gwb::kNone) return gwb::kNone;
    const Router::Tables::HostPathSlot& e = t.host_paths[i];
    if (!(e.flags & gwb::kPathSlotFirstConditional) && !req.grpc) return e.first;
    return FirstOf(t.exact, t.host_path_exact[i]);
  }

  uint32_t Exact(const gwb::PathTableRecord& pt) const {
    return FirstOf(t.exact, PathSlot(t, t.exact, pt.exact_slots_first, pt.exact_slots_count(), keys.whole, path));
  }

  // The table's prefix keys on the path, deepest first (every depth is
  // probed: keys need not have their ancestors), then the root. Failing
  // those, the regexes listed under the keys on the path, best rank first.
  uint32_t PrefixAndRegex(const gwb::PathTableRecord& pt) const {
    uint32_t on_path[kMaxDepth];  // [d]: the slot of Prefix(d) or kNone, once probed
    size_t depth = std::min<size_t>(keys.depth, pt.max_depth);
    for (size_t d = depth; d > 0; --d) {
      on_path[d] = PathSlot(t, t.prefix, pt.prefix_slots_first, pt.prefix_slots_count(), keys.Hash(d), keys.Prefix(d));
      if (uint32_t m = FirstOf(t.prefix, on_path[d]); m != gwb::kNone) return m;
    }
    if (uint32_t m = First(pt.root_candidates); m != gwb::kNone) return m;
    uint32_t best = gwb::kNone, best_rank = gwb::kNone;
    for (size_t d = 0; d <= depth; ++d) {
      gwb::List rl = d == 0                     ? pt.root_regexes
                     : on_path[d] != gwb::kNone ? t.prefix.keys[on_path[d]].regexes
                                                : gwb::List{0, 0};
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
  HostKeys keys(raw_host);
  return ListenerForHost(req, keys);
}

uint32_t Router::ListenerForHost(const Request& req, HostKeys& keys) const {
  const Tables& t = *t_;
  uint32_t gateway = gwb::kNone;
  if (req.gateway.empty()) {
    if (!t.gateways.empty()) gateway = 0;
  } else {
    for (uint32_t g = 0; g < t.gateway_names.size(); ++g) {
      const std::string& name = t.gateway_names[g];
      if (req.gateway.size() == name.size() && BytesEqual(req.gateway.data(), name.data(), name.size())) {
        gateway = g;
        break;
      }
    }
  }
  if (gateway == gwb::kNone) return gwb::kNone;
  const bool tls = req.scheme.size() == 5 && BytesEqual(req.scheme.data(), "https", 5);
  int port = req.port ? req.port : tls ? 443 : 80;
  auto it = std::lower_bound(t.ports.begin(), t.ports.end(), std::make_pair(gateway, port),
                             [](const gwb::PortRecord& p, std::pair<uint32_t, int> key) {
                               return std::make_pair(p.gateway, static_cast<int>(p.port)) < key;
                             });
  // The port's listeners of the request's protocol: a plain request to a
  // TLS port, or a TLS one to a plain port, reaches none. Without a scheme,
  // the port's first protocol.
  auto fits = [&](const gwb::PortRecord& p) {
    return req.scheme.empty() || tls == (p.protocol == gwb::Protocol::kHttps);
  };
  while (it != t.ports.end() && it->gateway == gateway && it->port == port && !fits(*it)) ++it;
  if (it == t.ports.end() || it->gateway != gateway || it->port != port) return gwb::kNone;
  gwb::List l = HostLookup(t, it->listener_hosts, keys).value;
  return l.count ? l.first : gwb::kNone;
}

uint32_t Router::Find(const Request& req, uint32_t* listener) const {
  const Tables& t = *t_;
  HostKeys host(req.host);
  *listener = ListenerForHost(req, host);
  if (*listener == gwb::kNone) return gwb::kNone;
  uint32_t route_hosts = t.listeners[*listener].route_hosts;
  // Start fetching the host's slot, then hash the path meanwhile.
  if (const gwb::HostTableRecord& h = t.host_tables[route_hosts]; !host.host.empty()) {
    PrefetchSlot(t.host_slots, h.slots_first, h.slots_count, host.Whole());
  }
  PathKeys keys(req.path);
  Probe probe{t, req, keys, keys.path, keys.query};
  const bool by_host_path = !t.host_paths.empty() && !host.host.empty();
  const uint64_t host_path_hash = by_host_path ? HostPathHash(host.Whole(), keys.whole) : 0;
  if (by_host_path) {
    __builtin_prefetch(&t.host_paths[host_path_hash & (t.host_paths.size() - 1)]);
    __builtin_prefetch(&t.host_path_tags[host_path_hash & (t.host_paths.size() - 1)]);
  }
  HostMatch vhost = HostLookup(t, route_hosts, host);
  uint32_t tiers = vhost.value.count;
  if (tiers == 0) return gwb::kNone;
  // Tier 0's exact paths, when host_paths has them all: looked up there.
  uint32_t first_exact_tier = 0;
  if (by_host_path && vhost.slot) {
    uint32_t host_slot = static_cast<uint32_t>(vhost.slot - t.host_slots.data());
    if (t.host_paths_cover[host_slot]) {
      if (uint32_t m = probe.HostPath(host_slot, host_path_hash); m != gwb::kNone) return m;
      first_exact_tier = 1;
    }
  }
  // Fetch at once the slots the lookup will most likely read: on a large
  // table they miss the cache, and overlapped they cost about one miss.
  // Every tier's exact slot, then (split and hashed meanwhile) the prefix
  // slots of the host's own tier; those of the wider tiers are seldom read.
  size_t depth = 0;
  for (uint32_t i = 0; i < tiers; ++i) {
    const gwb::PathTableRecord& pt = vhost.Tier(t, i);
    if (i >= first_exact_tier) PrefetchSlot(t.exact.slots, pt.exact_slots_first, pt.exact_slots_count(), keys.whole);
    depth = std::max<size_t>(depth, pt.max_depth);
  }
  const gwb::PathTableRecord& own = vhost.Tier(t, 0);
  keys.Split(depth);
  for (size_t d = 1; d <= std::min<size_t>(keys.hashed, own.max_depth); ++d) {
    PrefetchSlot(t.prefix.slots, own.prefix_slots_first, own.prefix_slots_count(), keys.hashes[d]);
  }
  for (uint32_t i = 0; i < tiers; ++i) {
    const gwb::PathTableRecord& pt = vhost.Tier(t, i);
    if (i >= first_exact_tier) {
      if (uint32_t m = probe.Exact(pt); m != gwb::kNone) return m;
    }
    if (uint32_t m = probe.PrefixAndRegex(pt); m != gwb::kNone) return m;
  }
  return gwb::kNone;
}

}  // namespace gwrt

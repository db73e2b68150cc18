// Copyright 2026 The gwc Authors.
//
// Route tables gwc never writes but the verifier accepts: path tables
// whose slot ranges overlap, one key stored in many slots, a key placed
// past an empty slot. The runtime's host-and-path index (IndexHostPaths in
// runtime-stub/src/router.cc) is built from such files too, so they must
// load (without the index where it would pile up or disagree) and answer
// exactly as a plain probe of the file's own slots does: start at the
// key's home slot, stop at the first empty one.

#include <catch2/catch.hpp>
#include <xxhash.h>

#include <algorithm>
#include <bit>
#include <cstring>
#include <memory>
#include <string>
#include <vector>

#include "compiler/emit/artifact_writer.h"
#include "gwrt/artifact.h"
#include "gwrt/router.h"

namespace gwc {
namespace {

// One Gateway with one HTTP listener on port 80 and rule 0 of one route;
// the test fills exact path slots, path tables and host slots by hand.
class CraftedTable {
 public:
  CraftedTable() { writer_.AddString("pad"); }

  // A match record for Exact `path` and a candidate list of just it.
  gwb::List Candidate(const std::string& path) {
    gwb::MatchRecord m{};
    m.path_kind = gwb::PathKind::kExact;
    m.path = writer_.AddString(path);
    matches_.push_back(m);
    candidates_.push_back({static_cast<uint32_t>(matches_.size() - 1), 0});
    return {static_cast<uint32_t>(candidates_.size() - 1), 1};
  }
  // Appends an exact slot holding `path` (or an empty one when `path` is
  // null) and returns its index.
  uint32_t ExactSlot(const std::string* path, gwb::List candidates = {}) {
    gwb::PathSlotRecord slot{};
    gwb::PathKeyRecord key{};
    slot.first = gwb::kNone;
    key.key.offset = gwb::kNone;
    uint8_t tag = 0;
    if (path) {
      std::memcpy(slot.head, path->data(), std::min(path->size(), sizeof slot.head));
      slot.key_length = static_cast<uint16_t>(std::min<size_t>(path->size(), gwb::kLongKey));
      slot.first = candidates_[candidates.first].match;
      key.key = writer_.AddString(*path);
      key.candidates = candidates;
      tag = gwb::SlotTag(XXH3_64bits(path->data(), path->size()));
    }
    exact_slots_.push_back(slot);
    exact_keys_.push_back(key);
    exact_tags_.push_back(tag);
    return static_cast<uint32_t>(exact_slots_.size() - 1);
  }
  // Makes the listener's route-host table `count` empty slots (a power
  // of two).
  void RouteHosts(uint32_t count) {
    gwb::HostSlotRecord empty{};
    empty.key.offset = gwb::kNone;
    host_slots_.assign(count, empty);
  }
  // Puts `host` where a probe finds it, its own path table being the exact
  // slots [first, first + count), count a power of two.
  void Host(const std::string& host, uint32_t first, uint32_t count) {
    gwb::HostSlotRecord slot{};
    slot.hash = XXH3_64bits(host.data(), host.size());
    slot.key = writer_.AddString(host);
    std::memcpy(slot.head, host.data(), std::min(host.size(), sizeof slot.head));
    gwb::PathTableRecord table{};
    table.exact_slots_first = first;
    table.exact_slots_bits = static_cast<uint8_t>(std::countr_zero(count) + 1);
    path_tables_.push_back(table);
    slot.value = {static_cast<uint32_t>(path_tables_.size() - 1), 1};
    slot.tiers[0] = table;
    route_key_lengths_ |= gwb::KeyLengthBit(host.size());
    const size_t mask = host_slots_.size() - 1;
    size_t at = slot.hash & mask;
    while (host_slots_[at].key.offset != gwb::kNone) at = (at + 1) & mask;
    host_slots_[at] = slot;
  }
  // The file.
  std::string Finish() {
    const uint32_t route_slots = static_cast<uint32_t>(host_slots_.size());
    std::vector<uint8_t> host_tags;
    for (const gwb::HostSlotRecord& s : host_slots_) host_tags.push_back(s.key.offset == gwb::kNone ? 0 : gwb::SlotTag(s.hash));
    gwb::HostSlotRecord empty{};  // the port's table: one empty slot, then the listener
    empty.key.offset = gwb::kNone;
    host_slots_.push_back(empty);
    host_tags.push_back(0);
    gwb::HostTableRecord port_hosts{}, route_hosts{};
    port_hosts.slots_first = route_slots;
    port_hosts.slots_count = 1;
    port_hosts.catch_all = {0, 1};
    route_hosts.slots_count = route_slots;
    route_hosts.key_lengths = route_key_lengths_;
    gwb::GatewayRecord gateway{};
    gateway.ns = writer_.AddString("ns");
    gateway.name = writer_.AddString("gw");
    gateway.listeners = {0, 1};
    gwb::ListenerRecord listener{};
    listener.name = writer_.AddString("http");
    listener.port = 80;
    listener.protocol = gwb::Protocol::kHttp;
    listener.route_hosts = 1;
    gwb::PortRecord port{};
    port.port = 80;
    port.protocol = gwb::Protocol::kHttp;
    gwb::RuleRecord rule{};
    rule.name = writer_.AddString("r");
    rule.request_timeout_ms = rule.backend_timeout_ms = gwb::kNone;
    gwb::RouteRecord route{};
    route.kind = gwb::RouteKind::kHttpRoute;
    route.ns = writer_.AddString("ns");
    route.name = writer_.AddString("route");
    using gwb::SectionId;
    writer_.SetRecords(SectionId::kGateways, std::vector{gateway});
    writer_.SetRecords(SectionId::kListeners, std::vector{listener});
    writer_.SetRecords(SectionId::kPorts, std::vector{port});
    writer_.SetRecords(SectionId::kRules, std::vector{rule});
    writer_.SetRecords(SectionId::kRoutes, std::vector{route});
    writer_.SetRecords(SectionId::kHostTables, std::vector{port_hosts, route_hosts});
    writer_.SetRecords(SectionId::kHostSlots, host_slots_);
    writer_.SetRecords(SectionId::kHostTags, host_tags);
    writer_.SetRecords(SectionId::kPathTables, path_tables_);
    writer_.SetRecords(SectionId::kCandidates, candidates_);
    writer_.SetRecords(SectionId::kMatches, matches_);
    writer_.SetRecords(SectionId::kExactSlots, exact_slots_);
    writer_.SetRecords(SectionId::kExactKeys, exact_keys_);
    writer_.SetRecords(SectionId::kExactTags, exact_tags_);
    writer_.SetRecords(SectionId::kRegexes, std::vector<gwb::RegexRecord>{});
    writer_.SetRecords(SectionId::kPredicates, std::vector<gwb::PredicateRecord>{});
    writer_.SetRecords(SectionId::kFilters, std::vector<gwb::FilterRecord>{});
    writer_.SetRecords(SectionId::kBackends, std::vector<gwb::BackendRecord>{});
    writer_.SetRecords(SectionId::kPrefixSlots, std::vector<gwb::PathSlotRecord>{});
    writer_.SetRecords(SectionId::kPrefixKeys, std::vector<gwb::PathKeyRecord>{});
    writer_.SetRecords(SectionId::kPrefixTags, std::vector<uint8_t>{});
    return writer_.Finish();
  }

 private:
  ArtifactWriter writer_;
  std::vector<gwb::HostSlotRecord> host_slots_;
  std::vector<gwb::PathTableRecord> path_tables_;
  std::vector<gwb::PathSlotRecord> exact_slots_;
  std::vector<gwb::PathKeyRecord> exact_keys_;
  std::vector<uint8_t> exact_tags_;
  std::vector<gwb::CandidateRecord> candidates_;
  std::vector<gwb::MatchRecord> matches_;
  uint64_t route_key_lengths_ = 0;
};

// The slot a probe of a table of `count` slots starts at for `path`.
uint32_t Home(const std::string& path, uint32_t count) {
  return static_cast<uint32_t>(XXH3_64bits(path.data(), path.size())) & (count - 1);
}

// The match Router::Find picks for host and path, or kNone.
uint32_t Find(const std::string& file, const std::string& host, const std::string& path) {
  gwrt::VerifyError error;
  auto artifact = gwrt::Artifact::FromBytes(file, &error);
  INFO(error.ToString());
  REQUIRE(artifact);
  auto router = gwrt::Router::Create(*artifact, &error);
  REQUIRE(router);
  gwrt::Request request;
  request.host = host;
  request.path = path;
  uint32_t listener;
  return router->Find(request, &listener);
}

// Host i's path table is slots [i, i + n) of 2n slots that alternate "/p"
// and empty, so the ranges overlap and a path sits in n tables at once.
// (An index that filed every table's keys did n * n work and, at n = 2048,
// took 23 s and 750 MB to load.)
TEST_CASE("crafted table: overlapping path tables answer as their own slots say") {
  constexpr uint32_t n = 2048;
  const std::string p = "/p";
  CraftedTable t;
  gwb::List c = t.Candidate(p);
  for (uint32_t i = 0; i < 2 * n; ++i) t.ExactSlot(i % 2 == 0 ? &p : nullptr, c);
  t.RouteHosts(2 * n);
  for (uint32_t i = 0; i < n; ++i) t.Host("h" + std::to_string(i), i, n);
  const std::string file = t.Finish();
  gwrt::VerifyError error;
  auto artifact = gwrt::Artifact::FromBytes(file, &error);
  REQUIRE(artifact);
  auto router = gwrt::Router::Create(*artifact, &error);
  REQUIRE(router);
  size_t found = 0;
  for (uint32_t i = 0; i < n; i += 7) {
    gwrt::Request request;
    request.host = "h" + std::to_string(i);
    request.path = p;
    uint32_t listener;
    const bool home_holds_p = (i + Home(p, n)) % 2 == 0;
    INFO("host " << request.host);
    CHECK(router->Find(request, &listener) == (home_holds_p ? 0 : gwb::kNone));
    found += home_holds_p;
  }
  CHECK(found > 0);
}

// One host whose table stores "/p" in every other of 2n slots: entries of
// one key pile up on one hash.
TEST_CASE("crafted table: one key in many slots") {
  constexpr uint32_t n = 16384;
  const std::string p = "/p", host = "h";
  CraftedTable t;
  gwb::List c = t.Candidate(p);
  for (uint32_t i = 0; i < 2 * n; ++i) t.ExactSlot(i % 2 == 0 ? &p : nullptr, c);
  t.RouteHosts(2);
  t.Host(host, 0, 2 * n);
  CHECK(Find(t.Finish(), host, p) == (Home(p, 2 * n) % 2 == 0 ? 0 : gwb::kNone));
}

// A key one past its home slot, the home slot empty: a probe stops at the
// empty slot, so the path has no route.
TEST_CASE("crafted table: a key past an empty home slot is not found") {
  const std::string x = "/x", host = "h";
  CraftedTable t;
  gwb::List c = t.Candidate(x);
  const uint32_t home = Home(x, 4);
  for (uint32_t i = 0; i < 4; ++i) t.ExactSlot(i == ((home + 1) & 3) ? &x : nullptr, c);
  t.RouteHosts(2);
  t.Host(host, 0, 4);
  CHECK(Find(t.Finish(), host, x) == gwb::kNone);
}

// A key stored twice with different matches: the probe meets the copy in
// the home slot first.
TEST_CASE("crafted table: a key stored twice answers from the first on its probe") {
  std::string key = "/a";
  while (Home(key, 4) != 2) ++key[1];
  const std::string host = "h";
  CraftedTable t;
  gwb::List at_home = t.Candidate(key), elsewhere = t.Candidate(key);
  for (uint32_t i = 0; i < 4; ++i) {
    if (i == 2) t.ExactSlot(&key, at_home);
    else if (i == 0) t.ExactSlot(&key, elsewhere);
    else t.ExactSlot(nullptr);
  }
  t.RouteHosts(2);
  t.Host(host, 0, 4);
  CHECK(Find(t.Finish(), host, key) == 0);
}

}  // namespace
}  // namespace gwc

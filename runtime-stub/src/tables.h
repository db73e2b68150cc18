// Copyright 2026 The gwc Authors.
//
// Private to the runtime: typed views of the route sections of a verified
// artifact, and the regexes compiled once at load. VerifyTables builds them
// and checks every cross-reference, so lookups can index without checks.

#ifndef GWRT_SRC_TABLES_H_
#define GWRT_SRC_TABLES_H_

#include <re2/re2.h>

#include <atomic>
#include <deque>
#include <memory>
#include <mutex>
#include <span>
#include <string_view>
#include <vector>

#include "gwrt/artifact.h"
#include "gwrt/router.h"
#include "runtime-stub/src/jwt.h"
#include "runtime-stub/format/format.h"

namespace gwrt {

// A pattern compiled with RE2 on first use: compiling every regex of a big
// table would dominate the load. Thread-safe; a pattern RE2 rejects never
// matches (Router::CompileRegexes reports it). Without `captures` the
// program only answers whether it matches (smaller and faster).
class LazyRegex {
 public:
  explicit LazyRegex(std::string_view pattern, bool captures = false) : pattern_(pattern), captures_(captures) {}
  const RE2& Get() const {
    // Once compiled, one acquire load: call_once costs a library call and
    // thread-local setup on every use.
    if (const RE2* re = ready_.load(std::memory_order_acquire)) return *re;
    std::call_once(once_, [this] {
      RE2::Options options;
      options.set_log_errors(false);
      options.set_never_capture(!captures_);
      re_ = std::make_unique<RE2>(pattern_, options);
      ready_.store(re_.get(), std::memory_order_release);
    });
    return *re_;
  }

 private:
  std::string_view pattern_;
  bool captures_;
  mutable std::once_flag once_;
  mutable std::unique_ptr<RE2> re_;
  mutable std::atomic<const RE2*> ready_{nullptr};
};

struct Router::Tables {
  std::string_view strings;
  std::span<const gwb::GatewayRecord> gateways;
  std::vector<std::string> gateway_names;  // "ns/name" per gateway, as requests name them
  std::span<const gwb::ListenerRecord> listeners;
  std::span<const gwb::PortRecord> ports;
  std::span<const gwb::HostTableRecord> host_tables;
  std::span<const gwb::HostSlotRecord> host_slots;
  std::span<const gwb::PathTableRecord> path_tables;
  // The exact-path and the prefix slots: hot parts, the rest of each slot
  // at the same index, and the tags.
  struct PathSlots {
    std::span<const gwb::PathSlotRecord> slots;
    std::span<const gwb::PathKeyRecord> keys;
    std::span<const uint8_t> tags;
  };
  PathSlots exact, prefix;
  // One tag per slot (format.h SlotTag), copied from the file into
  // `padded_tags` with kTagPadding zero bytes after each section, so that
  // a probe may read a word of tags anywhere in a section.
  std::span<const uint8_t> host_tags;
  static constexpr size_t kTagPadding = 8;
  std::vector<uint8_t> padded_tags;
  // Built at load from the verified sections (IndexHostPaths): the exact
  // paths of each exact host's own path table, hashed by host and path
  // together, so that a lookup can fetch the path's slot while the host's
  // slot is still on its way. The first host to use a path table gets its
  // entries; others take the usual two steps.
  struct alignas(32) HostPathSlot {
    uint8_t head[20];       // the path's first bytes, zero after its end
    uint32_t host_slot;     // HostSlots index of the host
    uint32_t first;         // as the exact slot's
    uint16_t key_length;    // as the exact slot's
    uint8_t flags;          // as the exact slot's
    uint8_t zero;
  };
  std::vector<HostPathSlot> host_paths;
  std::vector<uint32_t> host_path_exact;  // per host_paths slot: its ExactSlots index
  std::vector<uint8_t> host_path_tags;    // SlotTag per slot, kTagPadding zeros after
  std::vector<bool> host_paths_cover;     // per HostSlots index: its own exact paths are all in host_paths
  std::span<const gwb::RegexRecord> regexes;
  std::span<const gwb::CandidateRecord> candidates;
  std::span<const gwb::MatchRecord> matches;
  std::span<const gwb::PredicateRecord> predicates;
  std::span<const gwb::RuleRecord> rules;
  std::span<const gwb::RouteRecord> routes;
  std::span<const gwb::FilterRecord> filters;
  std::span<const gwb::BackendRecord> backends;
  // Patterns: one per Regexes record, one per predicate (exact ones unused),
  // one per filter (used by regex path rewrites only).
  std::deque<LazyRegex> path_regexes;
  std::deque<LazyRegex> predicate_regexes;
  std::deque<LazyRegex> filter_regexes;

  // Policies (empty unless the header has kFlagHasPolicies).
  std::span<const uint32_t> rule_programs;  // per rule: Programs index or kNone
  std::span<const gwb::ProgramRecord> programs;
  std::span<const gwb::Instruction> code;
  std::span<const gwb::CidrSetRecord> cidr_sets;
  std::span<const gwb::CidrRecord> cidrs;
  std::span<const gwb::ConsumerRecord> consumers;
  std::span<const gwb::Str> str_refs;
  std::span<const gwb::AuthConfigRecord> auth_configs;
  std::span<const gwb::CredentialRecord> credentials;
  std::span<const gwb::LimiterRecord> limiters;
  std::span<const gwb::AuthzRuleRecord> authz_rules;
  std::span<const gwb::JwtProviderRecord> jwt_providers;
  std::span<const gwb::JwtKeyRecord> jwt_keys;
  std::string_view key_material;
  JwtKeySet jwt_key_set;  // the keys of jwt_keys, remote sets expanded (Router::Create)

  // Distinct for every Router made in this process (per-thread caches
  // keyed by it never mix two tables).
  uint64_t generation = 0;

  // A string of the pool, unchecked: the verifier has checked every Str
  // the runtime reads (StrInPool).
  std::string_view Str(gwb::Str s) const { return {strings.data() + s.offset, s.length}; }
};

// Fills `t` from the artifact's sections and verifies every record.
// Returns false with `error` filled on the first inconsistency.
bool VerifyTables(const Artifact& artifact, Router::Tables* t, VerifyError* error);

// Fills the policy spans of `t` and verifies every policy record and every
// program (docs/bytecode.md, "Verification"). The route sections must be
// verified already. Returns false with `error` filled on the first problem.
bool VerifyPolicies(const Artifact& artifact, Router::Tables* t, VerifyError* error);

// Compiles every regex now; false with `error` naming the first one RE2
// rejects.
bool CompileAllRegexes(const Artifact& artifact, const Router::Tables& t, VerifyError* error);

}  // namespace gwrt

#endif  // GWRT_SRC_TABLES_H_

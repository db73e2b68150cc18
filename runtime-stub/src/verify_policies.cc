// Copyright 2026 The gwc Authors.
//
// The verifier of the policy sections and their bytecode (docs/bytecode.md,
// "Verification"). Every program is checked before any runs: a bounded
// length, known opcodes and flags, operands of the kinds opcodes.def gives
// (indexes and lists inside their sections, filter records of the types
// the opcode applies), skips that land inside the program (so control only
// moves forward and every program ends within its length), and phases that
// never go backwards. The records the operands name are checked too:
// address ranges, credential digests sorted for binary search, consumers,
// limiters. After this the VM indexes without checks.

#include <algorithm>
#include <cstring>
#include <string>

#include "runtime-stub/src/tables.h"
#include "runtime-stub/src/verify_support.h"

namespace gwrt {

namespace {

using gwb::SectionId;

// A final answer: informational 1xx statuses cannot end a request.
bool StatusOk(uint16_t s) { return s >= 200 && s <= 599; }

bool FilterFitsOp(gwb::Opcode op, gwb::FilterType type) {
  using T = gwb::FilterType;
  switch (op) {
    case gwb::Opcode::kCors: return type >= T::kCorsOrigin && type <= T::kCorsPolicy;
    case gwb::Opcode::kRequestEdit:
      return type == T::kRequestHeaderSet || type == T::kRequestHeaderAdd || type == T::kRequestHeaderRemove ||
             (type >= T::kRequestHeaderReplace && type <= T::kQueryAppend);
    case gwb::Opcode::kResponseEdit:
      return type == T::kResponseHeaderSet || type == T::kResponseHeaderAdd || type == T::kResponseHeaderRemove ||
             type >= T::kResponseHeaderReplace;
    default: return false;
  }
}

class PolicyVerifier {
 public:
  PolicyVerifier(const Artifact& a, Router::Tables* t, VerifyError* e) : a_(a), t_(*t), e_(e) {}

  bool Run() {
    return Load() && CheckStrRefs() && CheckCidrs() && CheckConsumers() && CheckAuth() && CheckLimiters() &&
           CheckAuthzRules() && CheckJwt() && CheckPrograms();
  }

 private:
  template <typename Record>
  bool Fail(SectionId id, size_t i, const char* field, const std::string& problem) {
    return FailRecord<Record>(a_, e_, id, i, field, problem);
  }
  bool StrOk(gwb::Str s) const { return StrInPool(s, t_.strings); }

  bool Load() {
    for (const gwb::SectionInfo& info : gwb::kSections) {
      if (info.part == gwb::SectionPart::kPolicies && !a_.Has(info.id)) {
        e_->where = info.name;
        e_->problem = "the header announces policies; the file has no such section";
        return false;
      }
    }
    t_.rule_programs = RecordsOf<uint32_t>(a_, SectionId::kRulePrograms);
    t_.programs = RecordsOf<gwb::ProgramRecord>(a_, SectionId::kPrograms);
    t_.code = RecordsOf<gwb::Instruction>(a_, SectionId::kInstructions);
    t_.cidr_sets = RecordsOf<gwb::CidrSetRecord>(a_, SectionId::kCidrSets);
    t_.cidrs = RecordsOf<gwb::CidrRecord>(a_, SectionId::kCidrs);
    t_.consumers = RecordsOf<gwb::ConsumerRecord>(a_, SectionId::kConsumers);
    t_.str_refs = RecordsOf<gwb::Str>(a_, SectionId::kStrRefs);
    t_.auth_configs = RecordsOf<gwb::AuthConfigRecord>(a_, SectionId::kAuthConfigs);
    t_.credentials = RecordsOf<gwb::CredentialRecord>(a_, SectionId::kCredentials);
    t_.limiters = RecordsOf<gwb::LimiterRecord>(a_, SectionId::kLimiters);
    t_.authz_rules = RecordsOf<gwb::AuthzRuleRecord>(a_, SectionId::kAuthzRules);
    t_.jwt_providers = RecordsOf<gwb::JwtProviderRecord>(a_, SectionId::kJwtProviders);
    t_.jwt_keys = RecordsOf<gwb::JwtKeyRecord>(a_, SectionId::kJwtKeys);
    t_.key_material = a_.Section(SectionId::kKeyMaterial);
    if (t_.rule_programs.size() != t_.rules.size()) {
      return Fail<uint32_t>(SectionId::kRulePrograms, 0, "count",
                            std::to_string(t_.rule_programs.size()) + " entries for " +
                                std::to_string(t_.rules.size()) + " rules");
    }
    for (size_t i = 0; i < t_.rule_programs.size(); ++i) {
      uint32_t p = t_.rule_programs[i];
      if (p != gwb::kNone && p >= t_.programs.size()) {
        return Fail<uint32_t>(SectionId::kRulePrograms, i, "program", "no such program");
      }
    }
    return true;
  }

  bool CheckStrRefs() {
    for (size_t i = 0; i < t_.str_refs.size(); ++i) {
      if (!StrOk(t_.str_refs[i])) return Fail<gwb::Str>(SectionId::kStrRefs, i, "offset", "string outside the pool");
    }
    return true;
  }

  bool CheckCidrs() {
    for (size_t i = 0; i < t_.cidr_sets.size(); ++i) {
      const auto& s = t_.cidr_sets[i];
      if (!ListInside(s.cidrs, t_.cidrs.size())) return Fail<gwb::CidrSetRecord>(SectionId::kCidrSets, i, "cidrs", "list outside Cidrs");
      if (!StatusOk(s.status)) return Fail<gwb::CidrSetRecord>(SectionId::kCidrSets, i, "status", "not an HTTP status");
      if (s.zero || s.zero2) return Fail<gwb::CidrSetRecord>(SectionId::kCidrSets, i, "zero", "reserved bytes are set");
    }
    for (size_t i = 0; i < t_.cidrs.size(); ++i) {
      const auto& c = t_.cidrs[i];
      size_t bytes = c.family == 4 ? 4 : c.family == 6 ? 16 : 0;
      if (!bytes) return Fail<gwb::CidrRecord>(SectionId::kCidrs, i, "family", "neither 4 nor 6");
      if (c.bits > bytes * 8) return Fail<gwb::CidrRecord>(SectionId::kCidrs, i, "bits", "longer than the address");
      bool clean = c.zero == 0;
      for (size_t b = 0; b < 16 && clean; ++b) {
        size_t first_bit = b * 8;
        uint8_t host_mask = b >= bytes                    ? 0xFF
                            : first_bit >= c.bits         ? 0xFF
                            : first_bit + 8 <= c.bits     ? 0x00
                                                          : static_cast<uint8_t>(0xFF >> (c.bits - first_bit));
        clean = (c.address[b] & host_mask) == 0;
      }
      if (!clean) return Fail<gwb::CidrRecord>(SectionId::kCidrs, i, "address", "bits past the prefix are set");
    }
    return true;
  }

  bool CheckConsumers() {
    for (size_t i = 0; i < t_.consumers.size(); ++i) {
      const auto& c = t_.consumers[i];
      if (!StrOk(c.name) || !StrOk(c.custom_id)) return Fail<gwb::ConsumerRecord>(SectionId::kConsumers, i, "name", "string outside the pool");
      if (!ListInside(c.groups, t_.str_refs.size())) return Fail<gwb::ConsumerRecord>(SectionId::kConsumers, i, "groups", "list outside StrRefs");
    }
    for (size_t i = 0; i < t_.credentials.size(); ++i) {
      const auto& c = t_.credentials[i];
      if (c.consumer >= t_.consumers.size()) return Fail<gwb::CredentialRecord>(SectionId::kCredentials, i, "consumer", "no such consumer");
      if (c.zero) return Fail<gwb::CredentialRecord>(SectionId::kCredentials, i, "zero", "reserved bytes are set");
    }
    return true;
  }

  bool CheckAuth() {
    constexpr uint8_t kKnown = gwb::kAuthHideCredentials | gwb::kAuthConsumerHeaders | gwb::kAuthSkipOptions;
    for (size_t i = 0; i < t_.auth_configs.size(); ++i) {
      const auto& c = t_.auth_configs[i];
      auto fail = [&](const char* field, const char* problem) {
        return Fail<gwb::AuthConfigRecord>(SectionId::kAuthConfigs, i, field, problem);
      };
      if (c.kind != gwb::AuthKind::kKey && c.kind != gwb::AuthKind::kBasic) return fail("kind", "unknown kind");
      if (c.flags & ~kKnown) return fail("flags", "unknown flag bits");
      if (!StatusOk(c.status)) return fail("status", "not an HTTP status");
      if (!ListInside(c.header_names, t_.str_refs.size()) || !ListInside(c.query_names, t_.str_refs.size())) {
        return fail("header_names", "list outside StrRefs");
      }
      if (!ListInside(c.credentials, t_.credentials.size())) return fail("credentials", "list outside Credentials");
      if (!StrOk(c.realm) || !StrOk(c.forward_header)) return fail("realm", "string outside the pool");
      if (c.anonymous != gwb::kNone && c.anonymous >= t_.consumers.size()) return fail("anonymous", "no such consumer");
      if (c.zero || c.zero2) return fail("zero", "reserved bytes are set");
      for (uint32_t k = c.credentials.first + 1; k < c.credentials.first + c.credentials.count; ++k) {
        if (std::memcmp(t_.credentials[k - 1].digest, t_.credentials[k].digest, 32) >= 0) {
          return fail("credentials", "digests are not in strictly increasing order");
        }
      }
    }
    return true;
  }

  bool CheckLimiters() {
    constexpr uint8_t kKnown = gwb::kLimitKongHeaders | gwb::kLimitDraftHeaders | gwb::kLimitFallbackIp;
    for (size_t i = 0; i < t_.limiters.size(); ++i) {
      const auto& l = t_.limiters[i];
      auto fail = [&](const char* field, const char* problem) {
        return Fail<gwb::LimiterRecord>(SectionId::kLimiters, i, field, problem);
      };
      if (l.window_s == 0) return fail("window_s", "a window of zero seconds");
      if (l.key < gwb::LimitKey::kIp || l.key > gwb::LimitKey::kShared) return fail("key", "unknown key");
      if (l.flags & ~kKnown) return fail("flags", "unknown flag bits");
      if (!StatusOk(l.status)) return fail("status", "not an HTTP status");
      if (!StrOk(l.key_name) || !StrOk(l.match)) return fail("key_name", "string outside the pool");
      if (l.cidr_set != gwb::kNone && l.cidr_set >= t_.cidr_sets.size()) return fail("cidr_set", "no such set");
    }
    return true;
  }

  bool CheckAuthzRules() {
    for (size_t i = 0; i < t_.authz_rules.size(); ++i) {
      const auto& r = t_.authz_rules[i];
      auto fail = [&](const char* field, const char* problem) {
        return Fail<gwb::AuthzRuleRecord>(SectionId::kAuthzRules, i, field, problem);
      };
      if (r.action != gwb::AuthzAction::kAllow && r.action != gwb::AuthzAction::kDeny) return fail("action", "unknown action");
      if (r.zero || r.zero2) return fail("zero", "reserved bytes are set");
      if (r.cidr_set != gwb::kNone && r.cidr_set >= t_.cidr_sets.size()) return fail("cidr_set", "no such set");
      if (!ListInside(r.methods, t_.str_refs.size())) return fail("methods", "list outside StrRefs");
    }
    return true;
  }

  bool CheckJwt() {
    for (size_t i = 0; i < t_.jwt_keys.size(); ++i) {
      const auto& k = t_.jwt_keys[i];
      auto fail = [&](const char* field, const char* problem) {
        return Fail<gwb::JwtKeyRecord>(SectionId::kJwtKeys, i, field, problem);
      };
      if (k.alg < gwb::JwtAlg::kHs256 || k.alg > gwb::JwtAlg::kRemoteJwks) return fail("alg", "unknown algorithm");
      if (k.zero || k.zero2) return fail("zero", "reserved bytes are set");
      if (k.consumer != gwb::kNone && k.consumer >= t_.consumers.size()) return fail("consumer", "no such consumer");
      if (!StrOk(k.kid)) return fail("kid", "string outside the pool");
      if (k.material_offset > t_.key_material.size() || k.material_length > t_.key_material.size() - k.material_offset ||
          k.material_length == 0) {
        return fail("material_offset", "key bytes outside KeyMaterial");
      }
    }
    for (size_t i = 0; i < t_.jwt_providers.size(); ++i) {
      const auto& p = t_.jwt_providers[i];
      auto fail = [&](const char* field, const char* problem) {
        return Fail<gwb::JwtProviderRecord>(SectionId::kJwtProviders, i, field, problem);
      };
      if (!StatusOk(p.status)) return fail("status", "not an HTTP status");
      size_t refs = t_.str_refs.size();
      if (!ListInside(p.header_names, refs) || !ListInside(p.query_names, refs) || !ListInside(p.audiences, refs) ||
          !ListInside(p.claim_headers, refs) || p.claim_headers.count % 2) {
        return fail("header_names", "list outside StrRefs (claim headers come in pairs)");
      }
      if (!ListInside(p.keys, t_.jwt_keys.size())) return fail("keys", "list outside JwtKeys");
      if (!StrOk(p.issuer) || !StrOk(p.key_claim)) return fail("issuer", "string outside the pool");
      if (p.anonymous != gwb::kNone && p.anonymous >= t_.consumers.size()) return fail("anonymous", "no such consumer");
      if (p.zero || p.zero2 || p.zero3) return fail("zero", "reserved bytes are set");
    }
    return true;
  }

  // One operand of instruction `pc` of a program of `length` instructions.
  bool OperandOk(gwb::OperandKind kind, uint32_t value, const gwb::Instruction& in, uint32_t pc, uint32_t length,
                 std::string* problem) const {
    using K = gwb::OperandKind;
    auto list_ok = [&](size_t n) { return in.x >= 1 && ListInside({in.y, in.x}, n); };
    switch (kind) {
      case K::kNone: *problem = "must be 0"; return value == 0;
      case K::kCount: *problem = "must be at least 1"; return value >= 1;
      case K::kSkip:
        *problem = "skips past the end of the program";
        return value >= 1 && pc + 1 + value <= length;
      case K::kCidrSet: *problem = "no such CIDR set"; return value < t_.cidr_sets.size();
      case K::kAuthConfig: *problem = "no such auth config"; return value < t_.auth_configs.size();
      case K::kConsumer: *problem = "no such consumer"; return value < t_.consumers.size();
      case K::kStrRefs: *problem = "list outside StrRefs"; return list_ok(t_.str_refs.size());
      case K::kLimiters: *problem = "list outside Limiters"; return list_ok(t_.limiters.size());
      case K::kAuthzRules: *problem = "list outside AuthzRules"; return list_ok(t_.authz_rules.size());
      case K::kJwtProvider: *problem = "no such JWT provider"; return value < t_.jwt_providers.size();
      case K::kJwtProviders: *problem = "list outside JwtProviders"; return list_ok(t_.jwt_providers.size());
      case K::kBytes: return true;
      case K::kFilters:
        *problem = "list outside Filters";
        if (!list_ok(t_.filters.size())) return false;
        *problem = "a filter of a type this opcode does not apply";
        for (uint32_t f = in.y; f < in.y + in.x; ++f) {
          if (!FilterFitsOp(in.op, t_.filters[f].type)) return false;
        }
        if (in.op == gwb::Opcode::kCors) {
          *problem = "CORS records without exactly one CorsPolicy";
          return std::count_if(t_.filters.begin() + in.y, t_.filters.begin() + in.y + in.x, [](const auto& f) {
                   return f.type == gwb::FilterType::kCorsPolicy;
                 }) == 1;
        }
        return true;
    }
    *problem = "unknown operand kind";
    return false;
  }

  bool CheckPrograms() {
    for (size_t p = 0; p < t_.programs.size(); ++p) {
      gwb::List code = t_.programs[p].code;
      if (!ListInside(code, t_.code.size())) return Fail<gwb::ProgramRecord>(SectionId::kPrograms, p, "code", "list outside Instructions");
      if (code.count == 0 || code.count > gwb::kMaxProgramLength) {
        return Fail<gwb::ProgramRecord>(SectionId::kPrograms, p, "code",
                                        "length not in [1, " + std::to_string(gwb::kMaxProgramLength) + "]");
      }
      gwb::Phase phase = gwb::Phase::kAny;
      uint32_t requests = 0, responses = 0, hides = 0;  // deferred work (kMaxDeferredPerProgram each)
      for (uint32_t pc = 0; pc < code.count; ++pc) {
        size_t at = code.first + pc;
        const gwb::Instruction& in = t_.code[at];
        auto fail = [&](const char* field, const std::string& problem) {
          return Fail<gwb::Instruction>(SectionId::kInstructions, at, field,
                                        "program " + std::to_string(p) + " pc " + std::to_string(pc) + ": " + problem);
        };
        const gwb::OpInfo* op = gwb::FindOp(static_cast<uint8_t>(in.op));
        if (!op) return fail("op", "unknown opcode " + std::to_string(static_cast<int>(in.op)));
        uint8_t known_flags = in.op == gwb::Opcode::kMaxBody ? gwb::kMaxBodyNeedsLength
                              : in.op == gwb::Opcode::kAclAllow || in.op == gwb::Opcode::kAclDeny ? gwb::kAclHideGroups
                              : in.op == gwb::Opcode::kAuthorize ? gwb::kAuthorizeDefaultAllow
                              : in.op == gwb::Opcode::kJwt || in.op == gwb::Opcode::kJwtAny ? gwb::kJwtTokenOptional
                                                                 : 0;
        if (in.flags & ~known_flags) return fail("flags", std::string(op->name) + ": unknown flag bits");
        std::string problem;
        if (!OperandOk(op->x, in.x, in, pc, code.count, &problem)) return fail("x", std::string(op->name) + ": " + problem);
        if (!OperandOk(op->y, in.y, in, pc, code.count, &problem)) return fail("y", std::string(op->name) + ": " + problem);
        if (op->phase != gwb::Phase::kAny) {
          if (op->phase < phase) return fail("op", std::string(op->name) + " after a later phase");
          phase = op->phase;
        }
        if (in.op == gwb::Opcode::kRateLimit && in.x > gwb::kMaxLimitWindows) {
          return fail("x", "more than " + std::to_string(gwb::kMaxLimitWindows) + " windows in one RateLimit");
        }
        requests += in.op == gwb::Opcode::kRequestEdit;
        responses += in.op == gwb::Opcode::kResponseEdit;
        hides += in.op == gwb::Opcode::kKeyAuth || in.op == gwb::Opcode::kBasicAuth;
        if (std::max({requests, responses, hides}) > gwb::kMaxDeferredPerProgram) {
          return fail("op", "more than " + std::to_string(gwb::kMaxDeferredPerProgram) +
                                " RequestEdit, ResponseEdit or credential-hiding steps in one program");
        }
      }
    }
    return true;
  }

  const Artifact& a_;
  Router::Tables& t_;
  VerifyError* e_;
};

}  // namespace

bool VerifyPolicies(const Artifact& artifact, Router::Tables* t, VerifyError* error) {
  return PolicyVerifier(artifact, t, error).Run();
}

}  // namespace gwrt

// Copyright 2026 The gwc Authors.
//
// The policy assembler: turns a rule's enforced ir::Policies into a
// bytecode program (docs/bytecode.md) in the fixed phase order (IP filter,
// CORS, authentication, authorization, rate limits, request size, request
// transforms, response transforms) plus the records its operands name.
// Consumer-scoped rate limits become SkipUnlessConsumer branches ahead of
// the general ones. Output depends only on the IR, so it is deterministic.

#ifndef GWC_EMIT_POLICY_PROGRAM_H_
#define GWC_EMIT_POLICY_PROGRAM_H_

#include <cstdint>
#include <vector>

#include "compiler/emit/artifact_writer.h"
#include "compiler/ir/ir.h"

namespace gwc {

class PolicyAssembler {
 public:
  // CORS and transform records are appended to `filters` (the route
  // table's Filters section, written by its owner).
  PolicyAssembler(ArtifactWriter* w, std::vector<gwb::FilterRecord>* filters) : w_(w), filters_(filters) {}

  // The Programs index of `p`'s program, or kNone when it enforces nothing.
  uint32_t Assemble(const ir::Policies& p);

  // Writes the policy sections and sets kFlagHasPolicies, when any program
  // was assembled; `rule_programs` has one entry per Rules record.
  void Flush(const std::vector<ir::Consumer>& consumers, const std::vector<uint32_t>& rule_programs);

 private:
  void Emit(gwb::Opcode op, uint32_t x, uint32_t y, uint8_t flags = 0);
  uint32_t CidrSet(const std::vector<std::string>& cidrs, int status);
  uint32_t StrRefs(const std::vector<std::string>& strings);
  uint32_t AuthConfig(const ir::Authentication& a);
  uint32_t Limiters(const std::vector<ir::Limit>& windows);
  uint32_t JwtProvider(const ir::JwtProvider& j);
  void RateLimits(const std::vector<ir::RateLimitPolicy>& policies);
  void Edits(const std::vector<ir::TransformEdit>& edits, bool response);

  ArtifactWriter* w_;
  std::vector<gwb::FilterRecord>* filters_;
  std::vector<gwb::Instruction> code_, program_;
  std::vector<gwb::ProgramRecord> programs_;
  std::vector<gwb::CidrSetRecord> cidr_sets_;
  std::vector<gwb::CidrRecord> cidrs_;
  std::vector<gwb::Str> str_refs_;
  std::vector<gwb::AuthConfigRecord> auth_configs_;
  std::vector<gwb::CredentialRecord> credentials_;
  std::vector<gwb::LimiterRecord> limiters_;
  std::vector<gwb::AuthzRuleRecord> authz_rules_;
  std::vector<gwb::JwtProviderRecord> jwt_providers_;
  std::vector<gwb::JwtKeyRecord> jwt_keys_;
  std::string key_material_;
};

}  // namespace gwc

#endif  // GWC_EMIT_POLICY_PROGRAM_H_

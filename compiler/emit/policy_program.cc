// Copyright 2026 The gwc Authors.

#include "compiler/emit/policy_program.h"

#include <arpa/inet.h>

#include <algorithm>
#include <cstring>
#include <string>

#include "compiler/emit/filter_records.h"

namespace gwc {

namespace {

uint32_t U32(size_t n) { return static_cast<uint32_t>(n); }

// A configured answer status, or `fallback` when it cannot end a request
// (lint reports it); the verifier accepts 200-599 only.
uint16_t AnswerStatus(int status, int fallback) {
  return static_cast<uint16_t>(status >= 200 && status <= 599 ? status : fallback);
}

// "10.0.0.0/8", "2001:db8::/32" or a single address; host bits cleared.
// False when `text` is neither.
bool ParseCidr(const std::string& text, gwb::CidrRecord* out) {
  *out = {};
  size_t slash = text.find('/');
  std::string address = text.substr(0, slash);
  if (inet_pton(AF_INET, address.c_str(), out->address) == 1) {
    out->family = 4;
  } else if (inet_pton(AF_INET6, address.c_str(), out->address) == 1) {
    out->family = 6;
  } else {
    return false;
  }
  int max_bits = out->family == 4 ? 32 : 128, bits = max_bits;
  if (slash != std::string::npos) {
    std::string b = text.substr(slash + 1);
    if (b.empty() || b.size() > 3 || !std::all_of(b.begin(), b.end(), ::isdigit)) return false;
    bits = std::stoi(b);
    if (bits > max_bits) return false;
  }
  out->bits = static_cast<uint8_t>(bits);
  for (int i = 0; i < 16; ++i) {
    int keep = std::clamp(bits - i * 8, 0, 8);
    out->address[i] &= static_cast<uint8_t>(0xFF00 >> keep);
  }
  return true;
}

gwb::FilterType EditType(const ir::TransformEdit& e) {
  using T = gwb::FilterType;
  using V = ir::TransformEdit;
  static constexpr T kRequest[] = {T::kRequestHeaderSet,     T::kRequestHeaderAdd,         T::kRequestHeaderRemove,
                                   T::kRequestHeaderReplace, T::kRequestHeaderAddIfAbsent, T::kRequestHeaderRename};
  static constexpr T kResponse[] = {T::kResponseHeaderSet,     T::kResponseHeaderAdd,
                                    T::kResponseHeaderRemove,  T::kResponseHeaderReplace,
                                    T::kResponseHeaderAddIfAbsent, T::kResponseHeaderRename};
  static constexpr T kQuery[] = {T::kQueryReplace, T::kQueryAppend,      T::kQueryRemove,
                                 T::kQueryReplace, T::kQueryAddIfAbsent, T::kQueryRename};
  const T* table = e.where == V::kRequestHeader ? kRequest : e.where == V::kQuery ? kQuery : kResponse;
  return table[e.verb];
}

}  // namespace

void PolicyAssembler::Emit(gwb::Opcode op, uint32_t x, uint32_t y, uint8_t flags) {
  program_.push_back({op, flags, static_cast<uint16_t>(x), y});
}

uint32_t PolicyAssembler::CidrSet(const std::vector<std::string>& cidrs, int status) {
  gwb::CidrSetRecord set{};
  set.cidrs.first = U32(cidrs_.size());
  for (const std::string& c : cidrs) {
    gwb::CidrRecord rec;
    if (ParseCidr(c, &rec)) cidrs_.push_back(rec);  // lint reports the others
  }
  set.cidrs.count = U32(cidrs_.size()) - set.cidrs.first;
  set.status = AnswerStatus(status, 403);
  cidr_sets_.push_back(set);
  return U32(cidr_sets_.size() - 1);
}

uint32_t PolicyAssembler::StrRefs(const std::vector<std::string>& strings) {
  uint32_t first = U32(str_refs_.size());
  for (const std::string& s : strings) str_refs_.push_back(w_->AddString(s));
  return first;
}

uint32_t PolicyAssembler::AuthConfig(const ir::Authentication& a) {
  gwb::AuthConfigRecord rec{};
  rec.kind = a.kind == ir::Authentication::kKey ? gwb::AuthKind::kKey : gwb::AuthKind::kBasic;
  rec.flags = (a.hide_credentials ? gwb::kAuthHideCredentials : 0) | (a.consumer_headers ? gwb::kAuthConsumerHeaders : 0) |
              (a.skip_options ? gwb::kAuthSkipOptions : 0);
  rec.status = AnswerStatus(a.status, 401);
  rec.header_names = {StrRefs(a.header_names), U32(a.header_names.size())};
  rec.query_names = {StrRefs(a.query_names), U32(a.query_names.size())};
  std::vector<ir::Credential> sorted = a.credentials;
  std::sort(sorted.begin(), sorted.end(), [](const auto& x, const auto& y) { return x.digest < y.digest; });
  sorted.erase(std::unique(sorted.begin(), sorted.end(), [](const auto& x, const auto& y) { return x.digest == y.digest; }),
               sorted.end());
  rec.credentials.first = U32(credentials_.size());
  for (const ir::Credential& c : sorted) {
    gwb::CredentialRecord cr{};
    std::memcpy(cr.digest, c.digest.data(), std::min<size_t>(c.digest.size(), sizeof cr.digest));
    cr.consumer = c.consumer;
    credentials_.push_back(cr);
  }
  rec.credentials.count = U32(sorted.size());
  rec.realm = w_->AddString(a.realm);
  rec.forward_header = w_->AddString(a.forward_header);
  rec.anonymous = a.anonymous.value_or(gwb::kNone);
  auth_configs_.push_back(rec);
  return U32(auth_configs_.size() - 1);
}

uint32_t PolicyAssembler::JwtProvider(const ir::JwtProvider& j) {
  gwb::JwtProviderRecord rec{};
  rec.flags = (j.verify_exp ? gwb::kJwtVerifyExp : 0) | (j.verify_nbf ? gwb::kJwtVerifyNbf : 0) |
              (j.key_claim.empty() ? 0 : gwb::kJwtKeyByClaim) | (j.subject_consumer ? gwb::kJwtSubjectConsumer : 0) |
              (j.consumer_headers ? gwb::kJwtConsumerHeaders : 0) | (j.skip_options ? gwb::kJwtSkipOptions : 0) |
              (j.exp_inclusive ? gwb::kJwtExpInclusive : 0) | (j.require_exp ? gwb::kJwtRequireExp : 0);
  rec.status = AnswerStatus(j.status, 401);
  rec.header_names = {StrRefs(j.header_names), U32(j.header_names.size())};
  rec.query_names = {StrRefs(j.query_names), U32(j.query_names.size())};
  rec.keys.first = U32(jwt_keys_.size());
  for (const ir::JwtKey& k : j.keys) {
    gwb::JwtKeyRecord kr{};
    static_assert(static_cast<int>(ir::JwtKey::kRemoteJwks) == static_cast<int>(gwb::JwtAlg::kRemoteJwks));
    kr.alg = static_cast<gwb::JwtAlg>(k.alg);
    kr.consumer = k.consumer.value_or(gwb::kNone);
    kr.kid = w_->AddString(k.kid);
    kr.material_offset = U32(key_material_.size());
    kr.material_length = U32(k.material.size());
    key_material_ += k.material;
    jwt_keys_.push_back(kr);
  }
  rec.keys.count = U32(j.keys.size());
  rec.issuer = w_->AddString(j.issuer);
  rec.audiences = {StrRefs(j.audiences), U32(j.audiences.size())};
  std::vector<std::string> pairs;
  for (const auto& [claim, header] : j.claim_headers) {
    pairs.push_back(claim);
    pairs.push_back(header);
  }
  rec.claim_headers = {StrRefs(pairs), U32(pairs.size())};
  rec.key_claim = w_->AddString(j.key_claim);
  rec.max_lifetime_s = j.max_lifetime_s;
  rec.clock_skew_s = j.clock_skew_s;
  rec.anonymous = j.anonymous.value_or(gwb::kNone);
  jwt_providers_.push_back(rec);
  return U32(jwt_providers_.size() - 1);
}

uint32_t PolicyAssembler::Limiters(const std::vector<ir::Limit>& windows) {
  uint32_t first = U32(limiters_.size());
  for (const ir::Limit& l : windows) {
    gwb::LimiterRecord rec{};
    rec.limit = l.requests;
    rec.window_s = std::max<uint32_t>(l.window_s, 1);
    rec.key = static_cast<gwb::LimitKey>(l.key);
    rec.flags = (l.headers == ir::Limit::kKongHeaders    ? gwb::kLimitKongHeaders
                 : l.headers == ir::Limit::kDraftHeaders ? gwb::kLimitDraftHeaders
                                                         : 0) |
                (l.fallback_ip ? gwb::kLimitFallbackIp : 0);
    rec.status = AnswerStatus(l.status, 429);
    rec.key_name = w_->AddString(l.key_name);
    rec.match = w_->AddString(l.match);
    rec.cidr_set = l.cidrs.empty() ? gwb::kNone : CidrSet(l.cidrs, 403);
    // Counters are named by position: the same artifact in two runtimes
    // shares them through a common store.
    rec.counter = U32(limiters_.size());
    limiters_.push_back(rec);
  }
  return first;
}

void PolicyAssembler::RateLimits(const std::vector<ir::RateLimitPolicy>& policies) {
  // Per consumer: SkipUnlessConsumer over its RateLimit and the Skip that
  // jumps past the rest of the block; the general limits come last.
  std::vector<size_t> branches;  // each consumer's SkipUnlessConsumer
  for (const ir::RateLimitPolicy& p : policies) {
    if (p.windows.empty()) continue;
    uint32_t first = Limiters(p.windows);
    if (p.consumer) {
      branches.push_back(program_.size());
      Emit(gwb::Opcode::kSkipUnlessConsumer, 2, *p.consumer);
      Emit(gwb::Opcode::kRateLimit, U32(p.windows.size()), first);
      Emit(gwb::Opcode::kSkip, 0, 0);
    } else {
      Emit(gwb::Opcode::kRateLimit, U32(p.windows.size()), first);
    }
  }
  if (branches.empty()) return;
  // Without general limits the last branch's Skip would skip nothing: it
  // goes, that branch skips only its RateLimit, the others one less.
  bool general = program_.size() > branches.back() + 3;
  if (!general) {
    program_.pop_back();
    program_[branches.back()].x = 1;
  }
  for (size_t at : branches) {
    if (at + 2 < program_.size()) program_[at + 2].x = static_cast<uint16_t>(program_.size() - at - 3);
  }
}

void PolicyAssembler::Edits(const std::vector<ir::TransformEdit>& edits, bool response) {
  std::vector<gwb::FilterRecord> records;
  for (const ir::TransformEdit& e : edits) {
    if ((e.where == ir::TransformEdit::kResponseHeader) != response) continue;
    records.push_back(FilterRecordOf(w_, EditType(e), e.a, e.b));
  }
  if (records.empty()) return;
  Emit(response ? gwb::Opcode::kResponseEdit : gwb::Opcode::kRequestEdit, U32(records.size()), U32(filters_->size()));
  filters_->insert(filters_->end(), records.begin(), records.end());
}

uint32_t PolicyAssembler::Assemble(const ir::Policies& p) {
  if (!p.enforced()) return gwb::kNone;
  program_.clear();
  if (!p.ip_deny.empty()) Emit(gwb::Opcode::kIpDeny, 0, CidrSet(p.ip_deny, p.ip_status));
  if (!p.ip_allow.empty()) Emit(gwb::Opcode::kIpAllow, 0, CidrSet(p.ip_allow, p.ip_status));
  if (p.cors) {
    std::vector<gwb::FilterRecord> records;
    AppendCorsRecords(w_, *p.cors, &records);
    Emit(gwb::Opcode::kCors, U32(records.size()), U32(filters_->size()));
    filters_->insert(filters_->end(), records.begin(), records.end());
  }
  for (const ir::Authentication& a : p.authentication) {
    Emit(a.kind == ir::Authentication::kKey ? gwb::Opcode::kKeyAuth : gwb::Opcode::kBasicAuth, 0, AuthConfig(a));
  }
  uint8_t jwt_flags = p.jwt_optional ? gwb::kJwtTokenOptional : 0;
  if (p.jwt_any && p.jwt.size() > 1) {
    uint32_t first = JwtProvider(p.jwt[0]);
    for (size_t i = 1; i < p.jwt.size(); ++i) JwtProvider(p.jwt[i]);  // records follow one another
    Emit(gwb::Opcode::kJwtAny, U32(p.jwt.size()), first, jwt_flags);
  } else {
    for (const ir::JwtProvider& j : p.jwt) Emit(gwb::Opcode::kJwt, 0, JwtProvider(j), jwt_flags);
  }
  if (p.acl) {
    uint8_t flags = p.acl->hide_groups_header ? gwb::kAclHideGroups : 0;
    if (!p.acl->deny.empty()) Emit(gwb::Opcode::kAclDeny, U32(p.acl->deny.size()), StrRefs(p.acl->deny), flags);
    if (!p.acl->allow.empty()) Emit(gwb::Opcode::kAclAllow, U32(p.acl->allow.size()), StrRefs(p.acl->allow), flags);
  }
  if (p.authorization) {
    uint32_t first = U32(authz_rules_.size());
    for (const ir::AuthzRule& r : p.authorization->rules) {
      gwb::AuthzRuleRecord rec{};
      rec.action = r.allow ? gwb::AuthzAction::kAllow : gwb::AuthzAction::kDeny;
      rec.cidr_set = r.cidrs.empty() ? gwb::kNone : CidrSet(r.cidrs, 403);
      rec.methods = {StrRefs(r.methods), U32(r.methods.size())};
      authz_rules_.push_back(rec);
    }
    if (p.authorization->rules.empty()) {  // Authorize needs a rule: one that never matches decides nothing
      gwb::AuthzRuleRecord never{};
      never.action = gwb::AuthzAction::kDeny;
      never.cidr_set = CidrSet({}, 403);
      authz_rules_.push_back(never);
    }
    Emit(gwb::Opcode::kAuthorize, U32(authz_rules_.size()) - first, first,
         p.authorization->default_allow ? gwb::kAuthorizeDefaultAllow : 0);
  }
  RateLimits(p.rate_limits);
  if (p.body_limit) {
    Emit(gwb::Opcode::kMaxBody, 0, static_cast<uint32_t>(std::min<uint64_t>(*p.body_limit, UINT32_MAX)),
         p.body_needs_length ? gwb::kMaxBodyNeedsLength : 0);
  }
  Edits(p.edits, false);
  Edits(p.edits, true);
  if (program_.empty()) return gwb::kNone;
  programs_.push_back({{U32(code_.size()), U32(program_.size())}});
  code_.insert(code_.end(), program_.begin(), program_.end());
  return U32(programs_.size() - 1);
}

void PolicyAssembler::Flush(const std::vector<ir::Consumer>& consumers, const std::vector<uint32_t>& rule_programs) {
  using gwb::SectionId;
  if (programs_.empty()) return;
  std::vector<gwb::ConsumerRecord> records;
  for (const ir::Consumer& c : consumers) {
    gwb::ConsumerRecord rec{};
    rec.name = w_->AddString(c.name);
    rec.custom_id = w_->AddString(c.custom_id);
    rec.groups = {StrRefs(c.groups), U32(c.groups.size())};
    records.push_back(rec);
  }
  w_->add_flags(gwb::kFlagHasPolicies);
  w_->SetRecords(SectionId::kPrograms, programs_);
  w_->SetRecords(SectionId::kInstructions, code_);
  w_->SetRecords(SectionId::kRulePrograms, rule_programs);
  w_->SetRecords(SectionId::kCidrSets, cidr_sets_);
  w_->SetRecords(SectionId::kCidrs, cidrs_);
  w_->SetRecords(SectionId::kConsumers, records);
  w_->SetRecords(SectionId::kStrRefs, str_refs_);
  w_->SetRecords(SectionId::kAuthConfigs, auth_configs_);
  w_->SetRecords(SectionId::kCredentials, credentials_);
  w_->SetRecords(SectionId::kLimiters, limiters_);
  w_->SetRecords(SectionId::kAuthzRules, authz_rules_);
  w_->SetRecords(SectionId::kJwtProviders, jwt_providers_);
  w_->SetRecords(SectionId::kJwtKeys, jwt_keys_);
  w_->SetSection(SectionId::kKeyMaterial, key_material_);
}

}  // namespace gwc

// Copyright 2026 The gwc Authors.
//
// The policy VM (docs/bytecode.md): a loop over verified instructions with
// one handler per opcode. Control only moves forward, so a program of n
// instructions takes at most n steps. Credentials are compared as SHA-256
// digests; a small per-thread cache remembers keys already verified, so a
// returning client costs a hash probe instead of a digest.

#include "runtime-stub/src/policy_vm.h"

#include <arpa/inet.h>
// The VM hashes short keys twice per request: inlined, the calls cost less.
#define XXH_INLINE_ALL
#include <xxhash.h>

#include <algorithm>
#include <array>
#include <atomic>
#include <cstring>
#include <optional>
#include <string>

#include "runtime-stub/src/bytes_equal.h"
#include "runtime-stub/src/digest.h"
#include "runtime-stub/src/headers.h"
#include "runtime-stub/src/jwt.h"

namespace gwrt {

// ---- PolicyState and the local store ----

PolicyState::PolicyState() : store_(std::make_unique<LocalRateLimitStore>()) {}
PolicyState::PolicyState(std::unique_ptr<RateLimitStore> store, bool fail_open)
    : store_(std::move(store)), fail_open_(fail_open) {}
PolicyState::~PolicyState() = default;

LocalRateLimitStore::Counter* LocalRateLimitStore::Find(const CounterKey& key, bool make) {
  uint64_t id = key.id ? key.id : 1;
  if (slots_.empty()) {
    if (!make) return nullptr;
    slots_.resize(1024);
  }
  size_t mask = slots_.size() - 1;
  for (size_t i = id & mask;; i = (i + 1) & mask) {
    Counter& c = slots_[i];
    if (c.id == id) return &c;
    if (c.id != 0) continue;
    if (!make) return nullptr;
    if (2 * (live_ + 1) > slots_.size()) {
      Rehash(2 * slots_.size(), INT64_MIN);
      return Find(key, make);
    }
    c = {id, 0, key.expires_s};
    ++live_;
    return &c;
  }
}

void LocalRateLimitStore::Rehash(size_t slots, int64_t now) {
  std::vector<Counter> old(slots);
  old.swap(slots_);
  live_ = 0;
  size_t mask = slots_.size() - 1;
  for (const Counter& c : old) {
    if (c.id == 0 || c.expires_s <= now) continue;
    size_t i = c.id & mask;
    while (slots_[i].id != 0) i = (i + 1) & mask;
    slots_[i] = c;
    ++live_;
  }
}

bool LocalRateLimitStore::Usage(std::span<const CounterKey> keys, uint64_t* counts) {
  std::lock_guard<std::mutex> lock(mu_);
  for (size_t i = 0; i < keys.size(); ++i) {
    const Counter* c = Find(keys[i], false);
    counts[i] = c ? c->count : 0;
  }
  return true;
}

bool RateLimitStore::Take(std::span<const CounterKey> keys, std::span<const uint64_t> limits, int64_t,
                          uint64_t* used, size_t* exceeded) {
  if (!Usage(keys, used)) return false;
  *exceeded = keys.size();
  for (size_t i = 0; i < keys.size() && *exceeded == keys.size(); ++i) {
    if (used[i] >= limits[i]) *exceeded = i;
  }
  if (*exceeded != keys.size()) return true;
  if (!Add(keys)) return false;
  for (size_t i = 0; i < keys.size(); ++i) used[i] += 1;
  return true;
}

bool LocalRateLimitStore::Take(std::span<const CounterKey> keys, std::span<const uint64_t> limits, int64_t now,
                               uint64_t* used, size_t* exceeded) {
  std::lock_guard<std::mutex> lock(mu_);
  Sweep(now);
  Counter* counters[PolicyRun::kMaxWindows];
  size_t n = std::min<size_t>(keys.size(), PolicyRun::kMaxWindows);
  *exceeded = keys.size();
  for (size_t i = 0; i < n; ++i) {
    if (2 * (live_ + n) > slots_.size()) Rehash(std::max<size_t>(1024, 2 * slots_.size()), INT64_MIN);
    counters[i] = Find(keys[i], true);  // the table has room: pointers stay valid
    used[i] = counters[i]->count;
    if (used[i] >= limits[i] && *exceeded == keys.size()) *exceeded = i;
  }
  if (*exceeded == keys.size()) {
    for (size_t i = 0; i < n; ++i) used[i] = ++counters[i]->count;
  }
  return true;
}

bool LocalRateLimitStore::Add(std::span<const CounterKey> keys) {
  std::lock_guard<std::mutex> lock(mu_);
  for (const CounterKey& k : keys) {
    Counter* c = Find(k, true);
    c->count += 1;
    c->expires_s = k.expires_s;
  }
  return true;
}

// Counters of windows that have ended are dropped, at most once a second
// (`mu_` held), by rebuilding the table when any has.
void LocalRateLimitStore::Sweep(int64_t now) {
  if (now <= swept_s_) return;
  swept_s_ = now;
  bool any = std::any_of(slots_.begin(), slots_.end(), [&](const Counter& c) { return c.id && c.expires_s <= now; });
  if (any) Rehash(slots_.size(), now);
}

namespace {

using gwb::Opcode;

// ---- client addresses ----

struct Address {
  int family = 0;  // 4, 6; 0: not an address
  uint8_t bytes[16] = {};
};

Address ParseAddress(std::string_view text) {
  Address a;
  char buf[64];
  if (text.size() >= sizeof buf) return a;
  std::memcpy(buf, text.data(), text.size());
  buf[text.size()] = '\0';
  if (inet_pton(AF_INET, buf, a.bytes) == 1) {
    a.family = 4;
  } else if (inet_pton(AF_INET6, buf, a.bytes) == 1) {
    a.family = 6;
    static constexpr uint8_t kMapped[12] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xFF, 0xFF};
    if (std::memcmp(a.bytes, kMapped, 12) == 0) {  // ::ffff:a.b.c.d is an IPv4 client
      std::memmove(a.bytes, a.bytes + 12, 4);
      std::memset(a.bytes + 4, 0, 12);
      a.family = 4;
    }
  }
  return a;
}

bool InSet(const Router::Tables& t, uint32_t set, const Address& a) {
  gwb::List l = t.cidr_sets[set].cidrs;
  for (uint32_t i = l.first; i < l.first + l.count; ++i) {
    const gwb::CidrRecord& c = t.cidrs[i];
    if (c.family != a.family) continue;
    uint32_t full = c.bits / 8, rest = c.bits % 8;
    if (std::memcmp(c.address, a.bytes, full) != 0) continue;
    if (rest && ((a.bytes[full] ^ c.address[full]) & static_cast<uint8_t>(0xFF << (8 - rest)))) continue;
    return true;
  }
  return false;
}

// ---- verified credentials, cached per thread ----

// One cache line each, so a lookup that hits the first way reads one line
// (keys up to 47 bytes are cached; longer ones are digested every time).
struct alignas(64) CachedKey {
  uint64_t generation = 0;  // Tables::generation; 0: empty
  uint32_t config = 0;
  uint32_t consumer = 0;
  uint8_t length = 0;
  char key[47] = {};
};
static_assert(sizeof(CachedKey) == 64);
// Two ways per set, the most recently verified key first: a thousand
// clients share 512 sets with few misses, and two keys that fall in one set
// do not keep evicting each other. 64 KiB a thread.
constexpr size_t kCacheSets = 512;

const gwb::CredentialRecord* FindDigest(const Router::Tables& t, gwb::List creds, const Sha256Digest& d) {
  auto first = t.credentials.begin() + creds.first, last = first + creds.count;
  auto it = std::lower_bound(first, last, d, [](const gwb::CredentialRecord& c, const Sha256Digest& x) {
    return std::memcmp(c.digest, x.data(), 32) < 0;
  });
  return it != last && std::memcmp(it->digest, d.data(), 32) == 0 ? &*it : nullptr;
}

// The consumer `secret` names under auth config `config`, or kNone.
uint32_t VerifyCredential(const Router::Tables& t, uint32_t config, std::string_view secret) {
  thread_local std::array<std::array<CachedKey, 2>, kCacheSets> cache;
  uint64_t h = XXH3_64bits_withSeed(secret.data(), secret.size(), config);
  std::array<CachedKey, 2>& set = cache[h % kCacheSets];
  for (const CachedKey& slot : set) {
    if (slot.generation == t.generation && slot.config == config && slot.length == secret.size() &&
        BytesEqual(slot.key, secret.data(), secret.size())) {
      return slot.consumer;
    }
  }
  const gwb::CredentialRecord* c = FindDigest(t, t.auth_configs[config].credentials, Sha256(secret));
  if (!c) return gwb::kNone;
  if (secret.size() <= sizeof set[0].key) {
    set[1] = set[0];
    CachedKey& slot = set[0];
    slot.generation = t.generation;
    slot.config = config;
    slot.consumer = c->consumer;
    slot.length = static_cast<uint8_t>(secret.size());
    std::memcpy(slot.key, secret.data(), secret.size());
  }
  return c->consumer;
}

// ---- rate limits ----

const char* WindowName(uint32_t s) {
  switch (s) {
    case 1: return "Second";
    case 60: return "Minute";
    case 3600: return "Hour";
    case 86400: return "Day";
    case 2592000: return "Month";
    case 31536000: return "Year";
  }
  return nullptr;
}

class Vm {
 public:
  Vm(const Router::Tables& t, PolicyState& state, PolicyRun* run)
      : t_(t), state_(state), run_(*run), req_(*run->request) {}

  void Run(uint32_t program) {
    gwb::List code = t_.programs[program].code;
    const gwb::Instruction* in = t_.code.data() + code.first;
    const gwb::Instruction* end = in + code.count;
    for (; in < end && !run_.status; ++in) in += Step(*in);  // skips land inside (verified)
  }

 private:
  // Runs one instruction; returns how many to skip after it.
  uint32_t Step(const gwb::Instruction& in) {
    switch (in.op) {
      case Opcode::kIpDeny: return Ip(in, true);
      case Opcode::kIpAllow: return Ip(in, false);
      case Opcode::kCors: return Cors(in);
      case Opcode::kKeyAuth: return KeyAuth(in);
      case Opcode::kBasicAuth: return BasicAuth(in);
      case Opcode::kJwt: return Jwt(in, in.y, 1);
      case Opcode::kJwtAny: return Jwt(in, in.y, in.x);
      case Opcode::kAclAllow: return Acl(in, true);
      case Opcode::kAclDeny: return Acl(in, false);
      case Opcode::kAuthorize: return Authorize(in);
      case Opcode::kRateLimit: return RateLimit(in);
      case Opcode::kMaxBody: return MaxBody(in);
      case Opcode::kRequestEdit: return Record(in, run_.request_edits, &run_.request_edit_count);
      case Opcode::kResponseEdit: return Record(in, run_.response_edits, &run_.response_edit_count);
      case Opcode::kSkipUnlessConsumer: {
        bool skip = run_.consumer != in.y;
        Note(in, skip ? "skipped" : "taken");
        return skip ? in.x : 0;
      }
      case Opcode::kSkip: Note(in, "skipped"); return in.x;
    }
    return 0;
  }

  // Records a step when the caller asked for them (the detail is only
  // formatted then; the common path is one test).
  template <typename Detail = const char*>
  void Note(const gwb::Instruction& in, const char* result, Detail detail = "") {
    if (run_.steps) [[unlikely]] AddStep(in, result, std::string_view(detail));
  }
  [[gnu::noinline]] void AddStep(const gwb::Instruction& in, const char* result, std::string_view detail) {
    run_.steps->push_back({gwb::FindOp(static_cast<uint8_t>(in.op))->name, std::string(result) + std::string(detail)});
  }
  bool IsOptions() const { return req_.method.size() == 7 && BytesEqual(req_.method.data(), "OPTIONS", 7); }
  uint32_t Deny(const gwb::Instruction& in, int status, const char* reason) {
    run_.status = status;
    run_.denied = reason;
    Note(in, "denied: ", reason);
    return 0;
  }
  std::string_view Str(gwb::Str s) const { return t_.Str(s); }

  uint32_t Record(const gwb::Instruction& in, gwb::List* lists, size_t* count) {
    if (*count < PolicyRun::kMaxRecorded) lists[(*count)++] = {in.y, in.x};
    Note(in, "recorded");
    return 0;
  }

  // Records that the credential under StrRefs entry `ref` is removed.
  void Hide(bool query, uint32_t ref) {
    if (run_.hidden_count < PolicyRun::kMaxRecorded) run_.hidden[run_.hidden_count++] = {query, ref};
  }

  // Whether the client's address is in set `set` (parsed on first use).
  bool ClientIn(uint32_t set) {
    if (!client_parsed_) {
      client_ = ParseAddress(req_.client_ip);
      client_parsed_ = true;
    }
    return client_.family && InSet(t_, set, client_);
  }

  uint32_t Ip(const gwb::Instruction& in, bool deny_listed) {
    bool in_set = ClientIn(in.y);
    if (in_set == deny_listed) return Deny(in, t_.cidr_sets[in.y].status, "ip-denied");
    Note(in, "allowed");
    return 0;
  }

  uint32_t Cors(const gwb::Instruction& in) {
    run_.cors = {in.y, in.x};
    bool preflight = IsOptions() && HeaderValue(req_.headers, "origin") &&
                     HeaderValue(req_.headers, "access-control-request-method");
    if (preflight) {
      run_.preflight = true;
      run_.status = 204;  // decision.cc answers it (status from the CORS record)
    }
    Note(in, preflight ? "answered preflight" : "response headers");
    return 0;
  }

  bool SkipsOptions(const gwb::Instruction& in, bool configured) {
    if (!configured || !IsOptions()) return false;
    Note(in, "skipped (OPTIONS)");
    return true;
  }

  uint32_t Authenticated(const gwb::Instruction& in, uint32_t consumer, bool anonymous) {
    run_.consumer = consumer;
    run_.anonymous = anonymous;
    Note(in, anonymous ? "anonymous " : "consumer ", Str(t_.consumers[consumer].name));
    return 0;
  }

  uint32_t Unauthorized(const gwb::Instruction& in, const gwb::AuthConfigRecord& c, const char* reason,
                        const char* scheme) {
    if (c.anonymous != gwb::kNone) return Authenticated(in, c.anonymous, true);
    if (c.realm.length) {
      run_.challenge = scheme;
      run_.realm = c.realm;
    }
    return Deny(in, c.status, reason);
  }

  uint32_t KeyAuth(const gwb::Instruction& in) {
    const gwb::AuthConfigRecord& c = t_.auth_configs[in.y];
    if (SkipsOptions(in, c.flags & gwb::kAuthSkipOptions)) return 0;
    std::string_view key;
    uint32_t named = gwb::kNone;  // the StrRefs entry of the header or parameter that gave it
    bool in_query = false;
    for (uint32_t i = c.header_names.first; i < c.header_names.first + c.header_names.count && named == gwb::kNone;
         ++i) {
      if (const std::string* v = HeaderValue(req_.headers, Str(t_.str_refs[i]))) key = *v, named = i;
    }
    for (uint32_t i = c.query_names.first; i < c.query_names.first + c.query_names.count && named == gwb::kNone; ++i) {
      if (QueryValue(req_.path, Str(t_.str_refs[i]), &key)) named = i, in_query = true;
    }
    if (named == gwb::kNone || key.empty()) return Unauthorized(in, c, "key-missing", "Key");
    uint32_t consumer = VerifyCredential(t_, in.y, key);
    if (consumer == gwb::kNone) return Unauthorized(in, c, "key-invalid", "Key");
    if (c.flags & gwb::kAuthHideCredentials) Hide(in_query, named);
    credential_ = key;
    run_.identity_config = in.y;
    return Authenticated(in, consumer, false);
  }

  // The credential "Basic base64(user:password)" in `value` names; null
  // when it names none. `user` receives the user name.
  const gwb::CredentialRecord* BasicCredential(const gwb::AuthConfigRecord& c, std::string_view value,
                                               std::string* user) const {
    if (value.size() < 6 || !SameName(value.substr(0, 6), "basic ")) return nullptr;
    value.remove_prefix(6);
    while (!value.empty() && value.front() == ' ') value.remove_prefix(1);
    std::optional<std::string> pair = Base64Decode(value);
    size_t colon = pair ? pair->find(':') : std::string::npos;
    if (colon == std::string::npos) return nullptr;
    Sha1Digest password = Sha1(std::string_view(*pair).substr(colon + 1));
    std::string subject = pair->substr(0, colon + 1);
    subject.append(reinterpret_cast<const char*>(password.data()), password.size());
    *user = pair->substr(0, colon);
    return FindDigest(t_, c.credentials, Sha256(subject));
  }

  // Headers in the config's order; the first that names a consumer wins.
  uint32_t BasicAuth(const gwb::Instruction& in) {
    const gwb::AuthConfigRecord& c = t_.auth_configs[in.y];
    if (SkipsOptions(in, c.flags & gwb::kAuthSkipOptions)) return 0;
    bool given = false;
    for (uint32_t i = c.header_names.first; i < c.header_names.first + c.header_names.count; ++i) {
      const std::string* value = HeaderValue(req_.headers, Str(t_.str_refs[i]));
      if (!value) continue;
      given = true;
      const gwb::CredentialRecord* cred = BasicCredential(c, *value, &user_);
      if (!cred) continue;
      if (c.flags & gwb::kAuthHideCredentials) Hide(false, i);
      credential_ = user_;
      run_.identity_config = in.y;
      return Authenticated(in, cred->consumer, false);
    }
    return Unauthorized(in, c, given ? "basic-invalid" : "basic-missing", "Basic");
  }

  // The provider's token: the distinct values of its headers ("Bearer "
  // stripped) and query parameters; `several` when there is more than one.
  std::string_view TokenOf(const gwb::JwtProviderRecord& p, bool* several) const {
    std::string_view token;
    auto offer = [&](std::string_view v) {
      if (v.empty()) return;
      if (!token.empty() && token != v) *several = true;
      token = v;
    };
    for (uint32_t i = p.header_names.first; i < p.header_names.first + p.header_names.count; ++i) {
      const std::string* v = HeaderValue(req_.headers, Str(t_.str_refs[i]));
      if (!v) continue;
      std::string_view value = *v;
      if (value.size() > 7 && SameName(value.substr(0, 7), "bearer ")) value.remove_prefix(7);
      offer(value);
    }
    for (uint32_t i = p.query_names.first; i < p.query_names.first + p.query_names.count; ++i) {
      std::string_view v;
      if (QueryValue(req_.path, Str(t_.str_refs[i]), &v)) offer(v);
    }
    return token;
  }

  // How much a failure tells: a token no provider knew (another issuer,
  // an unknown key) says less than one a provider refused.
  static int Weight(JwtFailure f) {
    return f == JwtFailure::kNone ? 0 : f == JwtFailure::kWrongIssuer || f == JwtFailure::kUnknownKey ? 1 : 2;
  }

  // Providers [first, first + count) are alternatives (one for Jwt): the
  // first whose token verifies authenticates. When none does, the most
  // telling failure answers, a later provider's among equals (as Envoy's
  // requires_any reports); with no token at all, 401 jwt-missing unless
  // the instruction lets such requests pass.
  uint32_t Jwt(const gwb::Instruction& in, uint32_t first, uint32_t count) {
    const gwb::JwtProviderRecord& lead = t_.jwt_providers[first];
    if (SkipsOptions(in, lead.flags & gwb::kJwtSkipOptions)) return 0;
    JwtFailure failure = JwtFailure::kNone;
    uint32_t failed = first;
    bool any_token = false;
    for (uint32_t i = first; i < first + count; ++i) {
      bool several = false;
      std::string_view token = TokenOf(t_.jwt_providers[i], &several);
      if (token.empty()) continue;
      any_token = true;
      JwtOutcome out = several ? JwtOutcome{JwtFailure::kMalformed} : ValidateJwt(t_, i, token, state_.Now());
      if (out.failure == JwtFailure::kNone) return Verified(in, i, token, std::move(out));
      if (Weight(out.failure) >= Weight(failure)) failure = out.failure, failed = i;
    }
    const gwb::JwtProviderRecord& p = t_.jwt_providers[failed];
    auto refuse = [&](int status, const char* reason) {
      if (p.anonymous != gwb::kNone) return Authenticated(in, p.anonymous, true);
      run_.challenge = "Bearer";
      return Deny(in, status, reason);
    };
    if (!any_token && (in.flags & gwb::kJwtTokenOptional)) {
      Note(in, "no token: passes unauthenticated");
      return 0;
    }
    if (!any_token) return refuse(p.status, "jwt-missing");
    bool forbidden = failure == JwtFailure::kWrongAudience || failure == JwtFailure::kLifetimeTooLong;
    return refuse(forbidden ? 403 : p.status, JwtReason(failure));
  }

  uint32_t Verified(const gwb::Instruction& in, uint32_t provider, std::string_view token, JwtOutcome out) {
    const gwb::JwtProviderRecord& p = t_.jwt_providers[provider];
    run_.claim_headers = std::move(out.claim_headers);
    run_.identity_jwt = provider;
    credential_ = token;
    if (out.consumer != gwb::kNone) return Authenticated(in, out.consumer, false);
    if (p.flags & gwb::kJwtSubjectConsumer) run_.subject = std::move(out.subject);
    Note(in, "token of ", run_.subject);
    return 0;
  }

  uint32_t Acl(const gwb::Instruction& in, bool allow_list) {
    if (run_.consumer == gwb::kNone) return Deny(in, 401, "acl-denied");
    gwb::List groups = t_.consumers[run_.consumer].groups;
    bool listed = false;
    for (uint32_t g = groups.first; g < groups.first + groups.count && !listed; ++g) {
      for (uint32_t i = in.y; i < in.y + in.x && !listed; ++i) listed = Str(t_.str_refs[g]) == Str(t_.str_refs[i]);
    }
    if (listed != allow_list) return Deny(in, 403, "acl-denied");
    run_.groups_header = groups.count > 0 && !(in.flags & gwb::kAclHideGroups);
    Note(in, "allowed");
    return 0;
  }

  uint32_t Authorize(const gwb::Instruction& in) {
    for (uint32_t i = in.y; i < in.y + in.x; ++i) {
      const gwb::AuthzRuleRecord& r = t_.authz_rules[i];
      if (r.cidr_set != gwb::kNone && !ClientIn(r.cidr_set)) continue;
      bool method = r.methods.count == 0;
      for (uint32_t m = r.methods.first; m < r.methods.first + r.methods.count && !method; ++m) {
        method = Str(t_.str_refs[m]) == req_.method;
      }
      if (!method) continue;
      if (r.action == gwb::AuthzAction::kDeny) return Deny(in, 403, "ip-denied");
      Note(in, "allowed by a rule");
      return 0;
    }
    if (!(in.flags & gwb::kAuthorizeDefaultAllow)) return Deny(in, 403, "ip-denied");
    Note(in, "allowed by default");
    return 0;
  }

  // The hash of the value limiter `l` counts this request under, in
  // `window_start`; false when its selectors do not pick the request.
  bool CounterOf(const gwb::LimiterRecord& l, int64_t window_start, uint64_t* id) {
    if (l.cidr_set != gwb::kNone && !ClientIn(l.cidr_set)) return false;
    const std::string* header = l.key_name.length ? HeaderValue(req_.headers, Str(l.key_name)) : nullptr;
    if (l.match.length && (!header || *header != Str(l.match))) return false;
    std::string_view value;
    gwb::LimitKey kind = l.key;
    switch (l.key) {
      case gwb::LimitKey::kIp: value = req_.client_ip; break;
      case gwb::LimitKey::kShared: break;
      case gwb::LimitKey::kPath: value = std::string_view(req_.path).substr(0, req_.path.find('?')); break;
      case gwb::LimitKey::kConsumer:
        if (run_.consumer != gwb::kNone) value = Str(t_.consumers[run_.consumer].name);
        else if (!run_.subject.empty()) value = run_.subject;
        else kind = gwb::LimitKey::kIp;
        break;
      case gwb::LimitKey::kCredential:
        if (!credential_.empty()) value = credential_;
        else kind = gwb::LimitKey::kIp;
        break;
      case gwb::LimitKey::kHeader:
        if (header) value = *header;
        else kind = gwb::LimitKey::kIp;
        break;
    }
    if (kind == gwb::LimitKey::kIp && l.key != gwb::LimitKey::kIp) {  // the identifier is missing
      if (!(l.flags & gwb::kLimitFallbackIp)) return false;
      value = req_.client_ip;
    }
    uint64_t seed = (uint64_t{l.counter} << 32) ^ static_cast<uint64_t>(window_start) ^
                    (static_cast<uint64_t>(kind) << 60);
    *id = XXH3_64bits_withSeed(value.data(), value.size(), seed);
    return true;
  }

  uint32_t RateLimit(const gwb::Instruction& in) {
    constexpr size_t kMaxWindows = PolicyRun::kMaxWindows;
    CounterKey keys[kMaxWindows];
    uint64_t limits[kMaxWindows];
    const gwb::LimiterRecord* picked[kMaxWindows];
    size_t n = 0;
    int64_t now = state_.Now();
    for (uint32_t i = in.y; i < in.y + in.x && n < kMaxWindows; ++i) {
      const gwb::LimiterRecord& l = t_.limiters[i];
      int64_t start = now - now % l.window_s;
      uint64_t id;
      if (!CounterOf(l, start, &id)) continue;
      keys[n] = {id, start + l.window_s};
      limits[n] = l.limit;
      picked[n++] = &l;
    }
    if (n == 0) {
      Note(in, "not selected");
      return 0;
    }
    uint64_t used[kMaxWindows];
    size_t exceeded = n;
    if (!state_.store().Take({keys, n}, {limits, n}, now, used, &exceeded)) return StoreDown(in);
    size_t tightest = 0;
    for (size_t i = 0; i < n; ++i) {
      auto left = [&](size_t k) { return used[k] >= picked[k]->limit ? 0 : picked[k]->limit - used[k]; };
      if (left(i) < left(tightest)) tightest = i;
    }
    run_.window_count = n;
    for (size_t i = 0; i < n; ++i) run_.windows[i] = {picked[i], used[i], keys[i].expires_s - now};
    run_.shown_window = exceeded == n ? tightest : exceeded;
    if (exceeded == n) {
      Note(in, "counted");
      return 0;
    }
    run_.rate_limited = true;
    return Deny(in, picked[exceeded]->status, "rate-limited");
  }

  uint32_t StoreDown(const gwb::Instruction& in) {
    if (state_.fail_open()) {
      Note(in, "store unavailable: allowed uncounted");
      return 0;
    }
    return Deny(in, 503, "rate-limit-store-unavailable");
  }

  uint32_t MaxBody(const gwb::Instruction& in) {
    int64_t size = req_.body_bytes;
    if (size < 0) {
      const std::string* length = HeaderValue(req_.headers, "content-length");
      if (length && !length->empty() && std::all_of(length->begin(), length->end(), ::isdigit)) {
        size = length->size() > 18 ? INT64_MAX : std::stoll(*length);
      }
    }
    if (size < 0 && (in.flags & gwb::kMaxBodyNeedsLength)) return Deny(in, 411, "length-required");
    if (size > static_cast<int64_t>(in.y)) return Deny(in, 413, "body-too-large");
    Note(in, "allowed");
    return 0;
  }

  const Router::Tables& t_;
  PolicyState& state_;
  PolicyRun& run_;
  const Request& req_;
  Address client_;
  bool client_parsed_ = false;
  std::string_view credential_;  // the key, token or user name that authenticated
  std::string user_;             // a Basic user name (credential_ points here)
};

}  // namespace

void RunPolicyProgram(const Router::Tables& t, uint32_t program, PolicyState& state, PolicyRun* run) {
  Vm(t, state, run).Run(program);
}

void ApplyPolicyRequest(const Router::Tables& t, const PolicyRun& run, Headers* headers, std::string* path) {
  auto set = [&](std::string_view name, std::string_view value) {
    ApplyHeaderEdit(gwb::FilterType::kRequestHeaderSet, name, value, headers);
  };
  for (size_t i = 0; i < run.hidden_count; ++i) {
    std::string_view name = t.Str(t.str_refs[run.hidden[i].ref]);
    if (run.hidden[i].query) ApplyQueryEdit(gwb::FilterType::kQueryRemove, name, {}, path);
    else ApplyHeaderEdit(gwb::FilterType::kRequestHeaderRemove, name, {}, headers);
  }
  if (run.consumer != gwb::kNone) {
    const gwb::ConsumerRecord& who = t.consumers[run.consumer];
    bool kong = (run.identity_config != gwb::kNone &&
                 (t.auth_configs[run.identity_config].flags & gwb::kAuthConsumerHeaders)) ||
                (run.identity_jwt != gwb::kNone && (t.jwt_providers[run.identity_jwt].flags & gwb::kJwtConsumerHeaders)) ||
                run.anonymous;
    if (kong) {
      set("x-consumer-username", t.Str(who.name));
      if (who.custom_id.length) set("x-consumer-custom-id", t.Str(who.custom_id));
      if (run.anonymous) set("x-anonymous-consumer", "true");
    }
    if (run.identity_config != gwb::kNone && !run.anonymous) {
      gwb::Str forward = t.auth_configs[run.identity_config].forward_header;
      if (forward.length) set(t.Str(forward), t.Str(who.name));
    }
    if (run.groups_header) {
      std::string joined;
      for (uint32_t g = who.groups.first; g < who.groups.first + who.groups.count; ++g) {
        joined += (joined.empty() ? "" : ", ") + std::string(t.Str(t.str_refs[g]));
      }
      set("x-consumer-groups", joined);
    }
  }
  for (const auto& [name, value] : run.claim_headers) set(name, value);
  for (size_t e = 0; e < run.request_edit_count; ++e) {
    for (uint32_t i = run.request_edits[e].first; i < run.request_edits[e].first + run.request_edits[e].count; ++i) {
      const gwb::FilterRecord& f = t.filters[i];
      if (f.type >= gwb::FilterType::kQueryRemove && f.type <= gwb::FilterType::kQueryAppend) {
        ApplyQueryEdit(f.type, t.Str(f.a), t.Str(f.b), path);
      } else {
        ApplyHeaderEdit(f.type, t.Str(f.a), t.Str(f.b), headers);
      }
    }
  }
}

void ApplyPolicyResponse(const Router::Tables& t, const PolicyRun& run, Headers* response) {
  for (size_t e = 0; e < run.response_edit_count; ++e) {
    for (uint32_t i = run.response_edits[e].first; i < run.response_edits[e].first + run.response_edits[e].count; ++i) {
      const gwb::FilterRecord& f = t.filters[i];
      ApplyHeaderEdit(f.type, t.Str(f.a), t.Str(f.b), response);
    }
  }
  if (run.challenge) {
    std::string value = run.challenge;
    if (run.realm.length) value += " realm=\"" + std::string(t.Str(run.realm)) + "\"";
    response->emplace_back("www-authenticate", value);
  }
  if (run.window_count == 0) return;
  auto left = [&](const PolicyRun::Window& w) {
    return std::to_string(w.used >= w.limiter->limit ? 0 : w.limiter->limit - w.used);
  };
  const PolicyRun::Window& shown = run.windows[run.shown_window];
  std::string reset = std::to_string(shown.reset_s);
  if (shown.limiter->flags & gwb::kLimitKongHeaders) {
    for (size_t i = 0; i < run.window_count; ++i) {
      const char* window = WindowName(run.windows[i].limiter->window_s);
      if (!window) continue;
      response->emplace_back(std::string("x-ratelimit-limit-") + window, std::to_string(run.windows[i].limiter->limit));
      response->emplace_back(std::string("x-ratelimit-remaining-") + window, left(run.windows[i]));
    }
    response->emplace_back("ratelimit-limit", std::to_string(shown.limiter->limit));
    response->emplace_back("ratelimit-remaining", left(shown));
    response->emplace_back("ratelimit-reset", reset);
    if (run.rate_limited) response->emplace_back("retry-after", reset);
  } else if (shown.limiter->flags & gwb::kLimitDraftHeaders) {
    response->emplace_back("x-ratelimit-limit", std::to_string(shown.limiter->limit));
    response->emplace_back("x-ratelimit-remaining", left(shown));
    response->emplace_back("x-ratelimit-reset", reset);
  }
}

}  // namespace gwrt

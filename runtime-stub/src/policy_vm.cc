// Copyright 2026 The gwc Authors.
//
// The policy VM (docs/bytecode.md): a loop over verified instructions with
// one handler per opcode. Control only moves forward, so a program of n
// instructions takes at most n steps. Credentials are compared as SHA-256
// digests; a small per-thread cache remembers keys already verified, so a
// returning client costs a hash probe instead of a digest.

#include "runtime-stub/src/policy_vm.h"

#include <arpa/inet.h>
#include <xxhash.h>

#include <algorithm>
#include <array>
#include <atomic>
#include <cstring>
#include <string>

#include "runtime-stub/src/digest.h"
#include "runtime-stub/src/headers.h"
#include "runtime-stub/src/jwt.h"

namespace gwrt {

// ---- PolicyState and the local store ----

PolicyState::PolicyState() : store_(std::make_unique<LocalRateLimitStore>()) {}
PolicyState::PolicyState(std::unique_ptr<RateLimitStore> store, bool fail_open)
    : store_(std::move(store)), fail_open_(fail_open) {}
PolicyState::~PolicyState() = default;

int64_t PolicyState::Now() const {
  return pinned_ ? *pinned_ : static_cast<int64_t>(time(nullptr));
}

bool LocalRateLimitStore::Usage(std::span<const CounterKey> keys, uint64_t* counts) {
  std::lock_guard<std::mutex> lock(mu_);
  for (size_t i = 0; i < keys.size(); ++i) {
    auto it = counters_.find(keys[i].id);
    counts[i] = it == counters_.end() ? 0 : it->second.count;
  }
  return true;
}

bool LocalRateLimitStore::Add(std::span<const CounterKey> keys) {
  std::lock_guard<std::mutex> lock(mu_);
  int64_t now = keys.empty() ? 0 : keys.front().expires_s;
  for (const CounterKey& k : keys) {
    Counter& c = counters_[k.id];
    c.count += 1;
    c.expires_s = k.expires_s;
    now = std::min(now, k.expires_s);
  }
  // Windows that ended before the earliest one still open are forgotten,
  // at most once a second's worth of windows.
  if (now > swept_s_) {
    swept_s_ = now;
    std::erase_if(counters_, [&](const auto& kv) { return kv.second.expires_s < now - 1; });
  }
  return true;
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

struct CachedKey {
  uint64_t generation = 0;  // Tables::generation; 0: empty
  uint32_t config = 0;
  uint32_t consumer = 0;
  uint8_t length = 0;
  char key[55];
};
constexpr size_t kCacheSlots = 256;

const gwb::CredentialRecord* FindDigest(const Router::Tables& t, gwb::List creds, const Sha256Digest& d) {
  auto first = t.credentials.begin() + creds.first, last = first + creds.count;
  auto it = std::lower_bound(first, last, d, [](const gwb::CredentialRecord& c, const Sha256Digest& x) {
    return std::memcmp(c.digest, x.data(), 32) < 0;
  });
  return it != last && std::memcmp(it->digest, d.data(), 32) == 0 ? &*it : nullptr;
}

// The consumer `secret` names under auth config `config`, or kNone.
uint32_t VerifyCredential(const Router::Tables& t, uint32_t config, std::string_view secret) {
  thread_local std::array<CachedKey, kCacheSlots> cache;
  uint64_t h = XXH3_64bits_withSeed(secret.data(), secret.size(), config);
  CachedKey& slot = cache[h % kCacheSlots];
  if (slot.generation == t.generation && slot.config == config && slot.length == secret.size() &&
      std::memcmp(slot.key, secret.data(), secret.size()) == 0) {
    return slot.consumer;
  }
  const gwb::CredentialRecord* c = FindDigest(t, t.auth_configs[config].credentials, Sha256(secret));
  if (!c) return gwb::kNone;
  if (secret.size() <= sizeof slot.key) {
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
      : t_(t), state_(state), run_(*run), client_(ParseAddress(run->request->client_ip)) {}

  void Run(uint32_t program) {
    gwb::List code = t_.programs[program].code;
    for (uint32_t pc = 0; pc < code.count && !run_.status; ++pc) {
      const gwb::Instruction& in = t_.code[code.first + pc];
      pc += Step(in);
    }
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
      case Opcode::kJwt: return Jwt(in);
      case Opcode::kAclAllow: return Acl(in, true);
      case Opcode::kAclDeny: return Acl(in, false);
      case Opcode::kAuthorize: return Authorize(in);
      case Opcode::kRateLimit: return RateLimit(in);
      case Opcode::kMaxBody: return MaxBody(in);
      case Opcode::kRequestEdit: return RequestEdit(in);
      case Opcode::kResponseEdit:
        run_.response_edits.push_back({in.y, in.x});
        Note(in, "recorded");
        return 0;
      case Opcode::kSkipUnlessConsumer: {
        bool skip = run_.consumer != in.y;
        Note(in, skip ? "skipped" : "taken");
        return skip ? in.x : 0;
      }
      case Opcode::kSkip: Note(in, "skipped"); return in.x;
    }
    return 0;
  }

  void Note(const gwb::Instruction& in, std::string result) {
    if (run_.steps) run_.steps->push_back({gwb::FindOp(static_cast<uint8_t>(in.op))->name, std::move(result)});
  }
  uint32_t Deny(const gwb::Instruction& in, int status, const char* reason) {
    run_.status = status;
    run_.denied = reason;
    Note(in, std::string("denied: ") + reason);
    return 0;
  }
  std::string_view Str(gwb::Str s) const { return t_.Str(s); }

  uint32_t Ip(const gwb::Instruction& in, bool deny_listed) {
    bool in_set = client_.family && InSet(t_, in.y, client_);
    if (in_set == deny_listed) return Deny(in, t_.cidr_sets[in.y].status, "ip-denied");
    Note(in, "allowed");
    return 0;
  }

  uint32_t Cors(const gwb::Instruction& in) {
    run_.cors = {in.y, in.x};
    const Request& r = *run_.request;
    bool preflight = r.method == "OPTIONS" && HeaderValue(r.headers, "origin") &&
                     HeaderValue(r.headers, "access-control-request-method");
    if (preflight) {
      run_.preflight = true;
      run_.status = 204;  // decision.cc answers it (status from the CORS record)
    }
    Note(in, preflight ? "answered preflight" : "response headers");
    return 0;
  }

  void Authenticated(const gwb::AuthConfigRecord& c, uint32_t consumer, bool anonymous) {
    run_.consumer = consumer;
    const gwb::ConsumerRecord& who = t_.consumers[consumer];
    if (c.flags & gwb::kAuthConsumerHeaders) {
      ApplyHeaderEdit(gwb::FilterType::kRequestHeaderSet, "x-consumer-username", Str(who.name), &run_.headers);
      if (who.custom_id.length) {
        ApplyHeaderEdit(gwb::FilterType::kRequestHeaderSet, "x-consumer-custom-id", Str(who.custom_id), &run_.headers);
      }
      if (anonymous) ApplyHeaderEdit(gwb::FilterType::kRequestHeaderSet, "x-anonymous-consumer", "true", &run_.headers);
    }
    if (c.forward_header.length && !anonymous) {
      ApplyHeaderEdit(gwb::FilterType::kRequestHeaderSet, Str(c.forward_header), Str(who.name), &run_.headers);
    }
  }

  uint32_t Unauthorized(const gwb::Instruction& in, const gwb::AuthConfigRecord& c, const char* reason,
                        const char* scheme) {
    if (c.anonymous != gwb::kNone) {
      Authenticated(c, c.anonymous, true);
      Note(in, "anonymous");
      return 0;
    }
    if (c.realm.length) {
      run_.response_headers.emplace_back("www-authenticate",
                                         std::string(scheme) + " realm=\"" + std::string(Str(c.realm)) + "\"");
    }
    return Deny(in, c.status, reason);
  }

  uint32_t KeyAuth(const gwb::Instruction& in) {
    const gwb::AuthConfigRecord& c = t_.auth_configs[in.y];
    if (SkipsOptions(in, c)) return 0;
    std::string key;
    std::string_view name;
    bool in_query = false;
    for (uint32_t i = c.header_names.first; i < c.header_names.first + c.header_names.count && name.empty(); ++i) {
      if (const std::string* v = HeaderValue(run_.headers, Str(t_.str_refs[i]))) {
        key = *v;
        name = Str(t_.str_refs[i]);
      }
    }
    for (uint32_t i = c.query_names.first; i < c.query_names.first + c.query_names.count && name.empty(); ++i) {
      std::string_view v;
      if (QueryValue(run_.path, Str(t_.str_refs[i]), &v)) {
        key = std::string(v);
        name = Str(t_.str_refs[i]);
        in_query = true;
      }
    }
    if (name.empty() || key.empty()) return Unauthorized(in, c, "key-missing", "Key");
    uint32_t consumer = VerifyCredential(t_, in.y, key);
    if (consumer == gwb::kNone) return Unauthorized(in, c, "key-invalid", "Key");
    if (c.flags & gwb::kAuthHideCredentials) {
      if (in_query) ApplyQueryEdit(gwb::FilterType::kQueryRemove, name, {}, &run_.path);
      else ApplyHeaderEdit(gwb::FilterType::kRequestHeaderRemove, name, {}, &run_.headers);
    }
    credential_ = std::move(key);
    Authenticated(c, consumer, false);
    Note(in, "consumer " + std::string(Str(t_.consumers[consumer].name)));
    return 0;
  }

  bool SkipsOptions(const gwb::Instruction& in, const gwb::AuthConfigRecord& c) {
    if (!(c.flags & gwb::kAuthSkipOptions) || run_.request->method != "OPTIONS") return false;
    Note(in, "skipped (OPTIONS)");
    return true;
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
    if (SkipsOptions(in, c)) return 0;
    bool given = false;
    for (uint32_t i = c.header_names.first; i < c.header_names.first + c.header_names.count; ++i) {
      std::string_view header = Str(t_.str_refs[i]);
      const std::string* value = HeaderValue(run_.headers, header);
      if (!value) continue;
      given = true;
      std::string user;
      const gwb::CredentialRecord* cred = BasicCredential(c, *value, &user);
      if (!cred) continue;
      if (c.flags & gwb::kAuthHideCredentials) {
        ApplyHeaderEdit(gwb::FilterType::kRequestHeaderRemove, header, {}, &run_.headers);
      }
      credential_ = std::move(user);
      Authenticated(c, cred->consumer, false);
      Note(in, "consumer " + std::string(Str(t_.consumers[cred->consumer].name)));
      return 0;
    }
    return Unauthorized(in, c, given ? "basic-invalid" : "basic-missing", "Basic");
  }

  // Distinct tokens in the provider's headers ("Bearer " stripped) and
  // query parameters; more than one distinct token is malformed.
  uint32_t Jwt(const gwb::Instruction& in) {
    const gwb::JwtProviderRecord& p = t_.jwt_providers[in.y];
    if ((p.flags & gwb::kJwtSkipOptions) && run_.request->method == "OPTIONS") {
      Note(in, "skipped (OPTIONS)");
      return 0;
    }
    std::string token;
    bool several = false;
    auto offer = [&](std::string_view v) {
      if (v.empty()) return;
      if (!token.empty() && token != v) several = true;
      token = std::string(v);
    };
    for (uint32_t i = p.header_names.first; i < p.header_names.first + p.header_names.count; ++i) {
      const std::string* v = HeaderValue(run_.headers, Str(t_.str_refs[i]));
      if (!v) continue;
      std::string_view value = *v;
      if (value.size() > 7 && SameName(value.substr(0, 7), "bearer ")) value.remove_prefix(7);
      offer(value);
    }
    for (uint32_t i = p.query_names.first; i < p.query_names.first + p.query_names.count; ++i) {
      std::string_view v;
      if (QueryValue(run_.path, Str(t_.str_refs[i]), &v)) offer(v);
    }
    auto refuse = [&](int status, const char* reason) {
      if (p.anonymous != gwb::kNone) {
        run_.consumer = p.anonymous;
        Note(in, "anonymous");
        return 0u;
      }
      run_.response_headers.emplace_back("www-authenticate", "Bearer");
      return Deny(in, status, reason);
    };
    if (token.empty()) return refuse(p.status, "jwt-missing");
    if (several) return refuse(p.status, "jwt-malformed");
    JwtOutcome out = ValidateJwt(t_, in.y, token, state_.Now());
    if (out.failure != JwtFailure::kNone) {
      bool forbidden = out.failure == JwtFailure::kWrongAudience || out.failure == JwtFailure::kLifetimeTooLong;
      return refuse(forbidden ? 403 : p.status, JwtReason(out.failure));
    }
    for (auto& h : out.claim_headers) ApplyHeaderEdit(gwb::FilterType::kRequestHeaderSet, h.first, h.second, &run_.headers);
    if (out.consumer != gwb::kNone) {
      run_.consumer = out.consumer;
      if (p.flags & gwb::kJwtConsumerHeaders) {
        const gwb::ConsumerRecord& who = t_.consumers[out.consumer];
        ApplyHeaderEdit(gwb::FilterType::kRequestHeaderSet, "x-consumer-username", Str(who.name), &run_.headers);
        if (who.custom_id.length) {
          ApplyHeaderEdit(gwb::FilterType::kRequestHeaderSet, "x-consumer-custom-id", Str(who.custom_id), &run_.headers);
        }
      }
    } else if (p.flags & gwb::kJwtSubjectConsumer) {
      run_.subject = out.subject;
    }
    credential_ = token;
    Note(in, "token of " + (out.consumer != gwb::kNone ? std::string(Str(t_.consumers[out.consumer].name)) : out.subject));
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
    std::string joined;
    for (uint32_t g = groups.first; g < groups.first + groups.count; ++g) {
      joined += (joined.empty() ? "" : ", ") + std::string(Str(t_.str_refs[g]));
    }
    if (!joined.empty() && !(in.flags & gwb::kAclHideGroups)) ApplyHeaderEdit(gwb::FilterType::kRequestHeaderSet, "x-consumer-groups", joined, &run_.headers);
    Note(in, "allowed");
    return 0;
  }

  uint32_t Authorize(const gwb::Instruction& in) {
    for (uint32_t i = in.y; i < in.y + in.x; ++i) {
      const gwb::AuthzRuleRecord& r = t_.authz_rules[i];
      if (r.cidr_set != gwb::kNone && !(client_.family && InSet(t_, r.cidr_set, client_))) continue;
      bool method = r.methods.count == 0;
      for (uint32_t m = r.methods.first; m < r.methods.first + r.methods.count && !method; ++m) {
        method = Str(t_.str_refs[m]) == run_.request->method;
      }
      if (!method) continue;
      if (r.action == gwb::AuthzAction::kDeny) return Deny(in, 403, "ip-denied");
      Note(in, "allowed by rule " + std::to_string(i - in.y));
      return 0;
    }
    if (!(in.flags & gwb::kAuthorizeDefaultAllow)) return Deny(in, 403, "ip-denied");
    Note(in, "allowed by default");
    return 0;
  }

  // The value limiter `l` counts this request under; false when its
  // selectors do not pick the request.
  bool LimitKeyOf(const gwb::LimiterRecord& l, std::string* key) const {
    const Request& r = *run_.request;
    if (l.cidr_set != gwb::kNone && !(client_.family && InSet(t_, l.cidr_set, client_))) return false;
    const std::string* header = l.key_name.length ? HeaderValue(r.headers, Str(l.key_name)) : nullptr;
    if (l.match.length && (!header || *header != Str(l.match))) return false;
    switch (l.key) {
      case gwb::LimitKey::kIp: *key = r.client_ip; return true;
      case gwb::LimitKey::kShared: key->clear(); return true;
      case gwb::LimitKey::kPath: *key = r.path.substr(0, r.path.find('?')); return true;
      case gwb::LimitKey::kConsumer:
        if (run_.consumer != gwb::kNone) {
          *key = "c:" + std::string(Str(t_.consumers[run_.consumer].name));
          return true;
        }
        if (!run_.subject.empty()) {
          *key = "s:" + run_.subject;
          return true;
        }
        break;
      case gwb::LimitKey::kCredential:
        if (!credential_.empty()) {
          *key = "k:" + credential_;
          return true;
        }
        break;
      case gwb::LimitKey::kHeader:
        if (header) {
          *key = "h:" + *header;
          return true;
        }
        break;
    }
    if (!(l.flags & gwb::kLimitFallbackIp)) return false;
    *key = r.client_ip;
    return true;
  }

  uint32_t RateLimit(const gwb::Instruction& in) {
    constexpr size_t kMaxWindows = 16;
    CounterKey keys[kMaxWindows];
    const gwb::LimiterRecord* picked[kMaxWindows];
    size_t n = 0;
    int64_t now = state_.Now();
    std::string key;
    for (uint32_t i = in.y; i < in.y + in.x && n < kMaxWindows; ++i) {
      const gwb::LimiterRecord& l = t_.limiters[i];
      if (!LimitKeyOf(l, &key)) continue;
      int64_t start = now - now % l.window_s;
      uint64_t seed = (uint64_t{l.counter} << 32) ^ static_cast<uint64_t>(start);
      keys[n] = {XXH3_64bits_withSeed(key.data(), key.size(), seed), start + l.window_s};
      picked[n++] = &l;
    }
    if (n == 0) {
      Note(in, "not selected");
      return 0;
    }
    uint64_t used[kMaxWindows];
    if (!state_.store().Usage({keys, n}, used)) return StoreDown(in);
    size_t tightest = 0, exceeded = n;
    for (size_t i = 0; i < n; ++i) {
      uint64_t remaining = used[i] >= picked[i]->limit ? 0 : picked[i]->limit - used[i];
      uint64_t best = used[tightest] >= picked[tightest]->limit ? 0 : picked[tightest]->limit - used[tightest];
      if (remaining < best) tightest = i;
      if (used[i] >= picked[i]->limit && exceeded == n) exceeded = i;
    }
    bool allowed = exceeded == n;
    if (allowed) {
      if (!state_.store().Add({keys, n})) return StoreDown(in);
      for (size_t i = 0; i < n; ++i) used[i] += 1;
    }
    LimitHeaders(picked, keys, used, n, allowed ? tightest : exceeded, now, allowed);
    if (allowed) {
      Note(in, "counted " + std::to_string(used[tightest]) + "/" + std::to_string(picked[tightest]->limit));
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

  void LimitHeaders(const gwb::LimiterRecord* const* picked, const CounterKey* keys, const uint64_t* used, size_t n,
                    size_t shown, int64_t now, bool allowed) {
    auto remaining = [&](size_t i) { return used[i] >= picked[i]->limit ? 0 : picked[i]->limit - used[i]; };
    const gwb::LimiterRecord& l = *picked[shown];
    std::string reset = std::to_string(keys[shown].expires_s - now);
    Headers& out = run_.response_headers;
    if (l.flags & gwb::kLimitKongHeaders) {
      for (size_t i = 0; i < n; ++i) {
        const char* window = WindowName(picked[i]->window_s);
        if (!window) continue;
        out.emplace_back(std::string("x-ratelimit-limit-") + window, std::to_string(picked[i]->limit));
        out.emplace_back(std::string("x-ratelimit-remaining-") + window, std::to_string(remaining(i)));
      }
      out.emplace_back("ratelimit-limit", std::to_string(l.limit));
      out.emplace_back("ratelimit-remaining", std::to_string(remaining(shown)));
      out.emplace_back("ratelimit-reset", reset);
    } else if (l.flags & gwb::kLimitDraftHeaders) {
      out.emplace_back("x-ratelimit-limit", std::to_string(l.limit));
      out.emplace_back("x-ratelimit-remaining", std::to_string(remaining(shown)));
      out.emplace_back("x-ratelimit-reset", reset);
    }
    if (!allowed && (l.flags & gwb::kLimitKongHeaders)) out.emplace_back("retry-after", reset);
  }

  uint32_t MaxBody(const gwb::Instruction& in) {
    int64_t size = run_.request->body_bytes;
    if (size < 0) {
      const std::string* length = HeaderValue(run_.request->headers, "content-length");
      if (length && !length->empty() && std::all_of(length->begin(), length->end(), ::isdigit)) {
        size = length->size() > 18 ? INT64_MAX : std::stoll(*length);
      }
    }
    if (size < 0 && (in.flags & gwb::kMaxBodyNeedsLength)) return Deny(in, 411, "length-required");
    if (size > static_cast<int64_t>(in.y)) return Deny(in, 413, "body-too-large");
    Note(in, "allowed");
    return 0;
  }

  uint32_t RequestEdit(const gwb::Instruction& in) {
    for (uint32_t i = in.y; i < in.y + in.x; ++i) {
      const gwb::FilterRecord& f = t_.filters[i];
      if (f.type >= gwb::FilterType::kQueryRemove && f.type <= gwb::FilterType::kQueryAppend) {
        ApplyQueryEdit(f.type, Str(f.a), Str(f.b), &run_.path);
      } else {
        ApplyHeaderEdit(f.type, Str(f.a), Str(f.b), &run_.headers);
      }
    }
    Note(in, "applied");
    return 0;
  }

  const Router::Tables& t_;
  PolicyState& state_;
  PolicyRun& run_;
  Address client_;
  std::string credential_;  // the key or user name that authenticated
};

}  // namespace

void RunPolicyProgram(const Router::Tables& t, uint32_t program, PolicyState& state, PolicyRun* run) {
  Vm(t, state, run).Run(program);
}

}  // namespace gwrt

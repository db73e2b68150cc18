// Copyright 2026 The gwc Authors.

#include "runtime-stub/src/jwt.h"

#include <openssl/crypto.h>
#include <openssl/ec.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/x509.h>

#include <algorithm>
#include <array>
#include <nlohmann/json.hpp>
#include <optional>

#include "runtime-stub/src/digest.h"
#include "runtime-stub/src/tables.h"
#include "runtime-stub/src/verify_support.h"

namespace gwrt {

namespace {

using nlohmann::json;

bool IsHmac(gwb::JwtAlg a) { return a == gwb::JwtAlg::kHs256 || a == gwb::JwtAlg::kHs384 || a == gwb::JwtAlg::kHs512; }
bool IsEc(gwb::JwtAlg a) { return a == gwb::JwtAlg::kEs256 || a == gwb::JwtAlg::kEs384; }

const EVP_MD* DigestOf(gwb::JwtAlg a) {
  switch (a) {
    case gwb::JwtAlg::kHs256:
    case gwb::JwtAlg::kRs256:
    case gwb::JwtAlg::kEs256: return EVP_sha256();
    case gwb::JwtAlg::kHs384:
    case gwb::JwtAlg::kRs384:
    case gwb::JwtAlg::kEs384: return EVP_sha384();
    default: return EVP_sha512();
  }
}

constexpr std::pair<std::string_view, gwb::JwtAlg> kAlgs[] = {
    {"HS256", gwb::JwtAlg::kHs256}, {"HS384", gwb::JwtAlg::kHs384}, {"HS512", gwb::JwtAlg::kHs512},
    {"RS256", gwb::JwtAlg::kRs256}, {"RS384", gwb::JwtAlg::kRs384}, {"RS512", gwb::JwtAlg::kRs512},
    {"ES256", gwb::JwtAlg::kEs256}, {"ES384", gwb::JwtAlg::kEs384}};

// An ECDSA signature as JWS carries it (r || s) in the DER form OpenSSL verifies.
std::optional<std::string> EcdsaDer(std::string_view raw) {
  if (raw.empty() || raw.size() % 2) return std::nullopt;
  size_t half = raw.size() / 2;
  ECDSA_SIG* sig = ECDSA_SIG_new();
  BIGNUM* r = BN_bin2bn(reinterpret_cast<const unsigned char*>(raw.data()), static_cast<int>(half), nullptr);
  BIGNUM* s = BN_bin2bn(reinterpret_cast<const unsigned char*>(raw.data() + half), static_cast<int>(half), nullptr);
  ECDSA_SIG_set0(sig, r, s);
  unsigned char* der = nullptr;
  int n = i2d_ECDSA_SIG(sig, &der);
  std::optional<std::string> out;
  if (n > 0) out = std::string(reinterpret_cast<char*>(der), static_cast<size_t>(n));
  OPENSSL_free(der);
  ECDSA_SIG_free(sig);
  return out;
}

bool SignatureValid(const JwtKey& key, gwb::JwtAlg alg, std::string_view signed_part, std::string_view signature) {
  if (IsHmac(alg)) {
    unsigned char mac[EVP_MAX_MD_SIZE];
    unsigned int n = 0;
    HMAC(DigestOf(alg), key.secret.data(), static_cast<int>(key.secret.size()),
         reinterpret_cast<const unsigned char*>(signed_part.data()), signed_part.size(), mac, &n);
    return n == signature.size() && CRYPTO_memcmp(mac, signature.data(), n) == 0;
  }
  std::optional<std::string> der;
  if (IsEc(alg)) {
    der = EcdsaDer(signature);
    if (!der) return false;
    signature = *der;
  }
  EVP_MD_CTX* ctx = EVP_MD_CTX_new();
  bool ok = EVP_DigestVerifyInit(ctx, nullptr, DigestOf(alg), nullptr, key.pkey) == 1 &&
            EVP_DigestVerify(ctx, reinterpret_cast<const unsigned char*>(signature.data()), signature.size(),
                             reinterpret_cast<const unsigned char*>(signed_part.data()), signed_part.size()) == 1;
  EVP_MD_CTX_free(ctx);
  return ok;
}

// The claim at "a.b" (nested objects), or null.
const json* Claim(const json& payload, std::string_view path) {
  const json* at = &payload;
  while (!path.empty()) {
    std::string_view part = path.substr(0, path.find('.'));
    path.remove_prefix(std::min(path.size(), part.size() + 1));
    if (!at->is_object()) return nullptr;
    auto it = at->find(std::string(part));
    if (it == at->end()) return nullptr;
    at = &*it;
  }
  return at;
}

std::string ClaimText(const json& v) { return v.is_string() ? v.get<std::string>() : v.dump(); }

// A verified token, kept so that repeating it skips parsing and signing.
struct CachedToken {
  uint64_t generation = 0;
  uint32_t provider = 0;
  std::string token;
  JwtOutcome outcome;
  std::optional<int64_t> exp, nbf;
};
constexpr size_t kTokenCacheSlots = 64;
constexpr size_t kMaxCachedToken = 4096;

// The time checks, which a cached token repeats.
JwtFailure CheckTimes(const gwb::JwtProviderRecord& p, std::optional<int64_t> exp, std::optional<int64_t> nbf,
                      int64_t now) {
  int64_t skew = p.clock_skew_s;
  if (p.flags & gwb::kJwtVerifyExp) {
    if (!exp) return (p.flags & gwb::kJwtRequireExp) ? JwtFailure::kMalformed : JwtFailure::kNone;
    bool expired = (p.flags & gwb::kJwtExpInclusive) ? *exp <= now - skew : *exp < now - skew;
    if (expired) return JwtFailure::kExpired;
  }
  if ((p.flags & gwb::kJwtVerifyNbf) && nbf && *nbf > now + skew) return JwtFailure::kNotYetValid;
  if (p.max_lifetime_s && exp && *exp - now > static_cast<int64_t>(p.max_lifetime_s)) return JwtFailure::kLifetimeTooLong;
  return JwtFailure::kNone;
}

std::optional<int64_t> NumericClaim(const json& payload, const char* name) {
  auto it = payload.find(name);
  if (it == payload.end() || !it->is_number()) return std::nullopt;
  return static_cast<int64_t>(it->get<double>());
}

// The rest of the checks for a token whose signature verified with a key
// of `consumer`: times, then the subject and claimToHeaders.
void Accept(const Router::Tables& t, const gwb::JwtProviderRecord& p, const json& payload, int64_t now,
            uint32_t consumer, std::optional<int64_t>* exp, std::optional<int64_t>* nbf, JwtOutcome* out) {
  out->consumer = consumer;
  *exp = NumericClaim(payload, "exp");
  *nbf = NumericClaim(payload, "nbf");
  out->failure = CheckTimes(p, *exp, *nbf, now);
  if (out->failure != JwtFailure::kNone) return;
  if (const json* sub = Claim(payload, "sub"); sub && sub->is_string()) out->subject = sub->get<std::string>();
  for (uint32_t i = p.claim_headers.first; i + 1 < p.claim_headers.first + p.claim_headers.count; i += 2) {
    if (const json* v = Claim(payload, t.Str(t.str_refs[i]))) {
      out->claim_headers.emplace_back(std::string(t.Str(t.str_refs[i + 1])), ClaimText(*v));
    }
  }
}

JwtOutcome Validate(const Router::Tables& t, uint32_t provider, std::string_view token, int64_t now,
                    std::optional<int64_t>* exp, std::optional<int64_t>* nbf) {
  const gwb::JwtProviderRecord& p = t.jwt_providers[provider];
  JwtOutcome out;
  auto fail = [&](JwtFailure f) {
    out.failure = f;
    return out;
  };
  size_t dot1 = token.find('.'), dot2 = dot1 == std::string_view::npos ? dot1 : token.find('.', dot1 + 1);
  if (dot2 == std::string_view::npos || token.find('.', dot2 + 1) != std::string_view::npos) return fail(JwtFailure::kMalformed);
  std::optional<std::string> header_text = Base64UrlDecode(token.substr(0, dot1));
  std::optional<std::string> payload_text = Base64UrlDecode(token.substr(dot1 + 1, dot2 - dot1 - 1));
  std::optional<std::string> signature = Base64UrlDecode(token.substr(dot2 + 1));
  if (!header_text || !payload_text || !signature) return fail(JwtFailure::kMalformed);
  json header = json::parse(*header_text, nullptr, false), payload = json::parse(*payload_text, nullptr, false);
  if (!header.is_object() || !payload.is_object()) return fail(JwtFailure::kMalformed);
  const json* alg_name = Claim(header, "alg");
  std::optional<gwb::JwtAlg> alg = alg_name && alg_name->is_string() ? JwtAlgNamed(alg_name->get<std::string>()) : std::nullopt;
  if (!alg) return fail(JwtFailure::kBadSignature);  // "none" and unknown algorithms never verify
  if (p.issuer.length) {
    const json* iss = Claim(payload, "iss");
    if (!iss || !iss->is_string() || iss->get<std::string>() != t.Str(p.issuer)) return fail(JwtFailure::kWrongIssuer);
  }
  if (p.audiences.count) {
    const json* aud = Claim(payload, "aud");
    bool listed = false;
    auto check = [&](const json& v) {
      for (uint32_t i = p.audiences.first; i < p.audiences.first + p.audiences.count && !listed; ++i) {
        listed = v.is_string() && v.get<std::string>() == t.Str(t.str_refs[i]);
      }
    };
    if (aud && aud->is_array()) {
      for (const json& v : *aud) check(v);
    } else if (aud) {
      check(*aud);
    }
    if (!listed) return fail(JwtFailure::kWrongAudience);
  }
  // Which keys may have signed it: named by the key claim (Kong) or kid.
  std::string name;
  bool by_name = false;
  if (p.flags & gwb::kJwtKeyByClaim) {
    const json* c = Claim(payload, t.Str(p.key_claim));
    if (!c || !c->is_string()) return fail(JwtFailure::kUnknownKey);
    name = c->get<std::string>();
    by_name = true;
  } else if (const json* kid = Claim(header, "kid"); kid && kid->is_string()) {
    name = kid->get<std::string>();
    by_name = true;
  }
  std::string_view signed_part = token.substr(0, dot2);
  bool candidate = false;
  for (uint32_t k = p.keys.first; k < p.keys.first + p.keys.count; ++k) {
    auto [key, last] = t.jwt_key_set.Of(k);
    for (; key != last; ++key) {
      if (by_name && !key->kid.empty() && key->kid != name) continue;
      if ((p.flags & gwb::kJwtKeyByClaim) && key->kid != name) continue;
      candidate = true;
      if (key->alg == *alg && SignatureValid(*key, *alg, signed_part, *signature)) {
        Accept(t, p, payload, now, t.jwt_keys[k].consumer, exp, nbf, &out);
        return out;
      }
    }
  }
  return fail(candidate ? JwtFailure::kBadSignature : JwtFailure::kUnknownKey);
}

}  // namespace

JwtKeySet::JwtKeySet() = default;
JwtKeySet::~JwtKeySet() {
  for (JwtKey& k : keys_) EVP_PKEY_free(k.pkey);
}
JwtKeySet::JwtKeySet(JwtKeySet&& o) noexcept
    : keys_(std::move(o.keys_)), first_(std::move(o.first_)), remote_keys_(std::move(o.remote_keys_)),
      missing_(std::move(o.missing_)) {
  o.keys_.clear();
}
JwtKeySet& JwtKeySet::operator=(JwtKeySet&& o) noexcept {
  std::swap(keys_, o.keys_);
  std::swap(first_, o.first_);
  std::swap(remote_keys_, o.remote_keys_);
  std::swap(missing_, o.missing_);
  return *this;
}

namespace {

// A key from its algorithm and bytes; false when the bytes are not a
// public key of the algorithm's type.
bool MakeKey(gwb::JwtAlg alg, std::string_view kid, std::string_view material, JwtKey* key) {
  *key = {alg, kid, {}, nullptr};
  if (IsHmac(alg)) {
    key->secret = material;
    return true;
  }
  const auto* der = reinterpret_cast<const unsigned char*>(material.data());
  key->pkey = d2i_PUBKEY(nullptr, &der, static_cast<long>(material.size()));
  int want = IsEc(alg) ? EVP_PKEY_EC : EVP_PKEY_RSA;
  if (key->pkey && EVP_PKEY_get_base_id(key->pkey) == want) return true;
  EVP_PKEY_free(key->pkey);
  key->pkey = nullptr;
  return false;
}

}  // namespace

bool JwtKeySet::Load(const Artifact& artifact, const Router::Tables& t, const RemoteJwks& remote, VerifyError* error) {
  for (size_t i = 0; i < t.jwt_keys.size(); ++i) {
    const gwb::JwtKeyRecord& k = t.jwt_keys[i];
    std::string_view material = t.key_material.substr(k.material_offset, k.material_length);
    first_.push_back(static_cast<uint32_t>(keys_.size()));
    if (k.alg == gwb::JwtAlg::kRemoteJwks) {
      auto set = remote.find(material);
      if (set == remote.end()) {
        missing_.emplace_back(material);
        continue;
      }
      // ReadJwks gives only keys that fit their algorithm; one that does
      // not (or names an algorithm the runtime does not verify) could
      // never verify a token, and is left out.
      for (const JwkKey& jwk : set->second) {
        std::optional<gwb::JwtAlg> alg = JwtAlgNamed(jwk.alg);
        const JwkKey& owned = remote_keys_.emplace_back(jwk);
        if (alg && !MakeKey(*alg, owned.kid, owned.material, &keys_.emplace_back())) keys_.pop_back();
      }
      continue;
    }
    if (!MakeKey(k.alg, t.Str(k.kid), material, &keys_.emplace_back())) {
      keys_.pop_back();
      return FailRecord<gwb::JwtKeyRecord>(artifact, error, gwb::SectionId::kJwtKeys, i, "material",
                                           "not a public key of the algorithm's type");
    }
  }
  first_.push_back(static_cast<uint32_t>(keys_.size()));
  std::sort(missing_.begin(), missing_.end());
  missing_.erase(std::unique(missing_.begin(), missing_.end()), missing_.end());
  return true;
}

JwtOutcome ValidateJwt(const Router::Tables& t, uint32_t provider, std::string_view token, int64_t now) {
  thread_local std::array<CachedToken, kTokenCacheSlots> cache;
  CachedToken& slot = cache[std::hash<std::string_view>()(token) % kTokenCacheSlots];
  const gwb::JwtProviderRecord& p = t.jwt_providers[provider];
  if (slot.generation == t.generation && slot.provider == provider && slot.token == token) {
    JwtOutcome out = slot.outcome;
    out.failure = CheckTimes(p, slot.exp, slot.nbf, now);
    return out;
  }
  std::optional<int64_t> exp, nbf;
  JwtOutcome out = Validate(t, provider, token, now, &exp, &nbf);
  if (out.failure == JwtFailure::kNone && token.size() <= kMaxCachedToken) {
    slot = {t.generation, provider, std::string(token), out, exp, nbf};
  }
  return out;
}

const char* JwtAlgName(gwb::JwtAlg a) {
  for (const auto& [name, alg] : kAlgs) {
    if (alg == a) return name.data();
  }
  return "?";
}

std::optional<gwb::JwtAlg> JwtAlgNamed(std::string_view name) {
  for (const auto& [n, a] : kAlgs) {
    if (n == name) return a;
  }
  return std::nullopt;
}

const char* JwtReason(JwtFailure f) {
  switch (f) {
    case JwtFailure::kNone: return "";
    case JwtFailure::kMalformed: return "jwt-malformed";
    case JwtFailure::kUnknownKey: return "jwt-unknown-key";
    case JwtFailure::kBadSignature: return "jwt-bad-signature";
    case JwtFailure::kWrongIssuer: return "jwt-wrong-issuer";
    case JwtFailure::kWrongAudience: return "jwt-wrong-audience";
    case JwtFailure::kExpired: return "jwt-expired";
    case JwtFailure::kNotYetValid: return "jwt-not-yet-valid";
    case JwtFailure::kLifetimeTooLong: return "jwt-lifetime-too-long";
  }
  return "";
}

}  // namespace gwrt

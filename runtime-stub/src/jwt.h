// Copyright 2026 The gwc Authors.
//
// Private to the runtime: JSON Web Token validation for the policy VM
// (RFC 7519 claims, RFC 7515 compact signatures; HS256/384/512 with
// OpenSSL's HMAC, RS256/384/512 and ES256/384 with EVP public keys).
// Keys are parsed once when the artifact is verified (remote key sets from
// the documents the caller maps their URLs to); tokens that verified
// are remembered per thread, so a returning token costs a lookup and the
// time checks.

#ifndef GWRT_SRC_JWT_H_
#define GWRT_SRC_JWT_H_

#include <cstdint>
#include <deque>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "gwrt/artifact.h"
#include "gwrt/jwks.h"
#include "gwrt/router.h"
#include "runtime-stub/format/format.h"

typedef struct evp_pkey_st EVP_PKEY;

namespace gwrt {

// One key a provider may verify with.
struct JwtKey {
  gwb::JwtAlg alg;
  std::string_view kid;      // the name it answers to; empty: any
  std::string_view secret;   // HMAC keys
  EVP_PKEY* pkey = nullptr;  // RSA and EC keys
};

// The keys of the JwtKeys section: each record is one key, or (kRemoteJwks)
// the keys of the document the runtime was given for its URL, none when
// it was given none.
class JwtKeySet {
 public:
  JwtKeySet();
  ~JwtKeySet();
  JwtKeySet(JwtKeySet&&) noexcept;
  JwtKeySet& operator=(JwtKeySet&&) noexcept;

  // Parses every key of `t`, taking remote key sets from `remote`; false
  // with `error` naming the record whose material is not a key of its
  // algorithm's type.
  bool Load(const Artifact& artifact, const Router::Tables& t, const RemoteJwks& remote, VerifyError* error);

  // The keys record `i` stands for, as [first, last).
  std::pair<const JwtKey*, const JwtKey*> Of(size_t i) const {
    return {keys_.data() + first_[i], keys_.data() + first_[i + 1]};
  }
  // The remote JWKS URLs the table names and `remote` did not have.
  const std::vector<std::string>& missing_urls() const { return missing_; }

 private:
  std::vector<JwtKey> keys_;
  std::vector<uint32_t> first_;             // per record, then the end
  std::deque<JwkKey> remote_keys_;          // what remote keys' views point into
  std::vector<std::string> missing_;
};

// Why a token was refused; kNone: it was accepted.
enum class JwtFailure {
  kNone,
  kMalformed,
  kUnknownKey,
  kBadSignature,
  kWrongIssuer,
  kWrongAudience,
  kExpired,
  kNotYetValid,
  kLifetimeTooLong,
};

struct JwtOutcome {
  JwtFailure failure = JwtFailure::kNone;
  uint32_t consumer = 0xFFFFFFFFu;  // the key owner's Consumers index, or kNone
  std::string subject;              // the sub claim
  Headers claim_headers;            // claimToHeaders, in order
};

// Validates `token` for provider `provider` at Unix time `now`.
JwtOutcome ValidateJwt(const Router::Tables& t, uint32_t provider, std::string_view token, int64_t now);

// "RS256", ... for an algorithm ("?" for kRemoteJwks and unknown values),
// and back (nullopt for names the runtime does not verify).
const char* JwtAlgName(gwb::JwtAlg a);
std::optional<gwb::JwtAlg> JwtAlgNamed(std::string_view name);

// The denial reason (docs/runtime.md vocabulary) of a failure.
const char* JwtReason(JwtFailure f);

}  // namespace gwrt

#endif  // GWRT_SRC_JWT_H_

// Copyright 2026 The gwc Authors.
//
// Private to the runtime: JSON Web Token validation for the policy VM
// (RFC 7519 claims, RFC 7515 compact signatures; HS256/384/512 with
// OpenSSL's HMAC, RS256/384/512 and ES256/384 with EVP public keys).
// Keys are parsed once when the artifact is verified; tokens that verified
// are remembered per thread, so a returning token costs a lookup and the
// time checks.

#ifndef GWRT_SRC_JWT_H_
#define GWRT_SRC_JWT_H_

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "gwrt/artifact.h"
#include "gwrt/router.h"

typedef struct evp_pkey_st EVP_PKEY;

namespace gwrt {

// The public keys of the JwtKeys section, by index (null for HMAC keys).
class JwtKeySet {
 public:
  JwtKeySet();
  ~JwtKeySet();
  JwtKeySet(JwtKeySet&&) noexcept;
  JwtKeySet& operator=(JwtKeySet&&) noexcept;

  // Parses every key of `t`; false with `error` naming the record whose
  // material is not a key of its algorithm's type.
  bool Load(const Artifact& artifact, const Router::Tables& t, VerifyError* error);
  EVP_PKEY* Get(size_t i) const { return i < keys_.size() ? keys_[i] : nullptr; }

 private:
  std::vector<EVP_PKEY*> keys_;
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

// The denial reason (docs/runtime.md vocabulary) of a failure.
const char* JwtReason(JwtFailure f);

}  // namespace gwrt

#endif  // GWRT_SRC_JWT_H_

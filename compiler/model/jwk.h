// Copyright 2026 The gwc Authors.
//
// JWT signing keys from what vendors configure: a JWKS document (RFC 7517:
// RSA n/e, EC P-256/P-384 x/y, oct k) or a PEM public key, as the
// algorithm and key bytes the artifact stores (DER SubjectPublicKeyInfo
// for public keys, the raw secret for HMAC). OpenSSL does the key work.

#ifndef GWC_MODEL_JWK_H_
#define GWC_MODEL_JWK_H_

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace gwc {

struct JwkKey {
  std::string alg;       // "RS256", "ES256", "HS256", ...
  std::string kid;       // may be empty
  std::string material;  // DER public key or HMAC secret
};

// The usable keys of a JWKS document; `problems` gets one line per key
// that cannot be read. nullopt when `json` is not a JWKS at all.
std::optional<std::vector<JwkKey>> ReadJwks(std::string_view json, std::vector<std::string>* problems);

// A PEM public key ("-----BEGIN PUBLIC KEY-----") as DER, or nullopt.
std::optional<std::string> PemPublicKeyDer(std::string_view pem);

// base64url without padding (RFC 4648 §5), nullopt when not.
std::optional<std::string> Base64UrlDecode(std::string_view text);

}  // namespace gwc

#endif  // GWC_MODEL_JWK_H_

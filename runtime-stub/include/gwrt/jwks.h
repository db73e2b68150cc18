// Copyright 2026 The gwc Authors.
//
// JWT signing keys as vendors configure them: a JSON Web Key Set (RFC 7517:
// RSA n/e, EC P-256/P-384 x/y, oct k) or a PEM public key, turned into the
// algorithm name and key bytes the artifact stores and the runtime verifies
// with (DER SubjectPublicKeyInfo for public keys, the raw secret for HMAC).
// The compiler reads inline key sets with it; gwrt reads the documents that
// stand in for remote JWKS endpoints in offline runs (`--jwks URL=FILE`).
// OpenSSL does the key work.

#ifndef GWRT_JWKS_H_
#define GWRT_JWKS_H_

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace gwrt {

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

// Key sets by the remote JWKS URL they stand in for.
using RemoteJwks = std::map<std::string, std::vector<JwkKey>, std::less<>>;

// Adds the set that `url_equals_file` ("URL=FILE", the --jwks flag) names.
// False with `error` when there is no '=', the file cannot be read, or it
// is not a JWKS document; keys that cannot be read are `error`s too, so a
// typo in a key set is never a silent "unknown key" later.
bool AddRemoteJwks(std::string_view url_equals_file, RemoteJwks* out, std::string* error);

// The warning for remote JWKS URLs a table names and was not given a set
// for (Router::MissingJwks); empty when `urls` is.
std::string MissingJwksWarning(const std::vector<std::string>& urls);

}  // namespace gwrt

#endif  // GWRT_JWKS_H_

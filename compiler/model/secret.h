// Copyright 2026 The gwc Authors.
//
// Reading Kubernetes Secrets and turning credentials into the digests the
// artifact stores (docs/bytecode.md): secrets are read here and never
// written anywhere in clear. Hashing and base64 are OpenSSL's.

#ifndef GWC_MODEL_SECRET_H_
#define GWC_MODEL_SECRET_H_

#include <optional>
#include <string>
#include <string_view>

#include "compiler/model/object.h"

namespace gwc {

// Standard base64 with any whitespace ignored; nullopt when not base64.
std::optional<std::string> Base64Decode(std::string_view text);

// The value of `key` in a Secret: stringData first (what the API server
// would merge into data), else data decoded. nullopt when absent or not
// decodable.
std::optional<std::string> SecretValue(const Object& secret, std::string_view key);

std::string Sha1Bytes(std::string_view bytes);    // 20 raw bytes
std::string Sha256Bytes(std::string_view bytes);  // 32 raw bytes

// The stored digest of an API key.
std::string KeyDigest(std::string_view key);
// The stored digest of a Basic credential, from the user name and the
// 20-byte SHA-1 of the password (an htpasswd {SHA} entry carries only that).
std::string BasicDigest(std::string_view user, std::string_view password_sha1);

}  // namespace gwc

#endif  // GWC_MODEL_SECRET_H_

// Copyright 2026 The gwc Authors.
//
// Private to the runtime: the hashes and encodings credentials need, from
// OpenSSL's libcrypto (never our own).

#ifndef GWRT_SRC_DIGEST_H_
#define GWRT_SRC_DIGEST_H_

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace gwrt {

using Sha256Digest = std::array<uint8_t, 32>;
using Sha1Digest = std::array<uint8_t, 20>;

Sha256Digest Sha256(std::string_view bytes);
Sha1Digest Sha1(std::string_view bytes);
// Standard base64 (RFC 4648 §4, padded); nullopt when `text` is not.
std::optional<std::string> Base64Decode(std::string_view text);
// base64url without padding (RFC 4648 §5, as JOSE uses it); nullopt when not.
std::optional<std::string> Base64UrlDecode(std::string_view text);

}  // namespace gwrt

#endif  // GWRT_SRC_DIGEST_H_

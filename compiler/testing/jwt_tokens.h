// Copyright 2026 The gwc Authors.
//
// JSON Web Tokens made on the spot for tests and benchmarks: compact JWS
// (RFC 7515) signed with HS256 through OpenSSL's HMAC. Never shipped.

#ifndef GWC_TESTING_JWT_TOKENS_H_
#define GWC_TESTING_JWT_TOKENS_H_

#include <string>
#include <string_view>

namespace gwc {

// base64url without padding (RFC 4648 §5).
std::string Base64Url(std::string_view bytes);

// A token for the JSON `payload` under the HMAC `secret`; its header is
// {"alg":"HS256","typ":"JWT"} plus "kid" when `kid` is not empty.
std::string Hs256Token(std::string_view payload, std::string_view secret, std::string_view kid = "");

}  // namespace gwc

#endif  // GWC_TESTING_JWT_TOKENS_H_

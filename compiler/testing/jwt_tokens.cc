// Copyright 2026 The gwc Authors.

#include "compiler/testing/jwt_tokens.h"

#include <openssl/evp.h>
#include <openssl/hmac.h>

namespace gwc {

std::string Base64Url(std::string_view bytes) {
  std::string out(4 * ((bytes.size() + 2) / 3) + 1, '\0');
  int n = EVP_EncodeBlock(reinterpret_cast<unsigned char*>(out.data()),
                          reinterpret_cast<const unsigned char*>(bytes.data()), static_cast<int>(bytes.size()));
  out.resize(static_cast<size_t>(n));
  while (!out.empty() && out.back() == '=') out.pop_back();
  for (char& c : out) c = c == '+' ? '-' : c == '/' ? '_' : c;
  return out;
}

std::string Hs256Token(std::string_view payload, std::string_view secret, std::string_view kid) {
  std::string header = R"({"alg":"HS256","typ":"JWT")";
  if (!kid.empty()) header += R"(,"kid":")" + std::string(kid) + "\"";
  std::string input = Base64Url(header + "}") + "." + Base64Url(payload);
  unsigned char mac[EVP_MAX_MD_SIZE];
  unsigned int n = 0;
  HMAC(EVP_sha256(), secret.data(), static_cast<int>(secret.size()),
       reinterpret_cast<const unsigned char*>(input.data()), input.size(), mac, &n);
  return input + "." + Base64Url(std::string_view(reinterpret_cast<char*>(mac), n));
}

}  // namespace gwc

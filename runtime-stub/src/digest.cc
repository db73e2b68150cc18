// Copyright 2026 The gwc Authors.

#include "runtime-stub/src/digest.h"

#include <openssl/evp.h>

namespace gwrt {

namespace {

template <size_t N>
std::array<uint8_t, N> Digest(const char* name, std::string_view bytes) {
  // Fetched once, explicitly: a looked-up digest is fetched again on every
  // call, which costs more than hashing a key.
  static EVP_MD* const md = EVP_MD_fetch(nullptr, name, nullptr);
  std::array<uint8_t, N> out{};
  unsigned int n = 0;
  EVP_Digest(bytes.data(), bytes.size(), out.data(), &n, md, nullptr);
  return out;
}

}  // namespace

Sha256Digest Sha256(std::string_view bytes) { return Digest<32>("SHA256", bytes); }
Sha1Digest Sha1(std::string_view bytes) { return Digest<20>("SHA1", bytes); }

std::optional<std::string> Base64Decode(std::string_view text) {
  if (text.size() % 4 != 0) return std::nullopt;
  std::string out(text.size() / 4 * 3, '\0');
  int n = EVP_DecodeBlock(reinterpret_cast<unsigned char*>(out.data()),
                          reinterpret_cast<const unsigned char*>(text.data()), static_cast<int>(text.size()));
  if (n < 0) return std::nullopt;
  size_t padding = text.ends_with("==") ? 2 : text.ends_with("=") ? 1 : 0;
  out.resize(static_cast<size_t>(n) - padding);
  return out;
}

std::optional<std::string> Base64UrlDecode(std::string_view text) {
  std::string s(text);
  for (char& c : s) {
    if (c == '-') c = '+';
    else if (c == '_') c = '/';
    else if (c == '+' || c == '/' || c == '=') return std::nullopt;
  }
  while (s.size() % 4) s += '=';
  return Base64Decode(s);
}

}  // namespace gwrt

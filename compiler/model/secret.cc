// Copyright 2026 The gwc Authors.

#include "compiler/model/secret.h"

#include <openssl/evp.h>

#include <cctype>

namespace gwc {

std::optional<std::string> Base64Decode(std::string_view text) {
  std::string clean;
  for (char c : text) {
    if (!std::isspace(static_cast<unsigned char>(c))) clean += c;
  }
  if (clean.size() % 4 != 0) return std::nullopt;
  std::string out(clean.size() / 4 * 3 + 1, '\0');
  int n = EVP_DecodeBlock(reinterpret_cast<unsigned char*>(out.data()),
                          reinterpret_cast<const unsigned char*>(clean.data()), static_cast<int>(clean.size()));
  if (n < 0) return std::nullopt;
  size_t padding = clean.ends_with("==") ? 2 : clean.ends_with("=") ? 1 : 0;
  out.resize(static_cast<size_t>(n) - padding);
  return out;
}

std::optional<std::string> SecretValue(const Object& secret, std::string_view key) {
  if (const Node* s = secret.root->Get("stringData"); s && s->IsMap()) {
    if (const Node* v = s->Get(key); v && v->IsScalar()) return std::string(v->text);
  }
  if (const Node* d = secret.root->Get("data"); d && d->IsMap()) {
    if (const Node* v = d->Get(key); v && v->IsScalar()) return Base64Decode(v->text);
  }
  return std::nullopt;
}

namespace {

std::string Digest(const char* name, std::string_view bytes) {
  unsigned char out[EVP_MAX_MD_SIZE];
  unsigned int n = 0;
  EVP_Digest(bytes.data(), bytes.size(), out, &n, EVP_get_digestbyname(name), nullptr);
  return std::string(reinterpret_cast<const char*>(out), n);
}

}  // namespace

std::string Sha1Bytes(std::string_view bytes) { return Digest("SHA1", bytes); }
std::string Sha256Bytes(std::string_view bytes) { return Digest("SHA256", bytes); }
std::string KeyDigest(std::string_view key) { return Sha256Bytes(key); }
std::string BasicDigest(std::string_view user, std::string_view password_sha1) {
  return Sha256Bytes(std::string(user) + ":" + std::string(password_sha1));
}

}  // namespace gwc

// Copyright 2026 The gwc Authors.
//
// JWKS and PEM keys as artifact key bytes (gwrt/jwks.h).

#include "gwrt/jwks.h"

#include <openssl/bn.h>
#include <openssl/core_names.h>
#include <openssl/evp.h>
#include <openssl/param_build.h>
#include <openssl/pem.h>
#include <openssl/x509.h>

#include <algorithm>
#include <fstream>
#include <initializer_list>
#include <nlohmann/json.hpp>
#include <sstream>

#include "runtime-stub/src/digest.h"

namespace gwrt {

namespace {

using nlohmann::json;

std::string Der(EVP_PKEY* pkey) {
  unsigned char* der = nullptr;
  int n = pkey ? i2d_PUBKEY(pkey, &der) : -1;
  std::string out = n > 0 ? std::string(reinterpret_cast<char*>(der), static_cast<size_t>(n)) : std::string();
  OPENSSL_free(der);
  return out;
}

BIGNUM* Bignum(const std::string& bytes) {
  return BN_bin2bn(reinterpret_cast<const unsigned char*>(bytes.data()), static_cast<int>(bytes.size()), nullptr);
}

// An EVP key from OSSL parameters of `type` ("RSA", "EC"); empty on failure.
std::string FromParams(const char* type, OSSL_PARAM_BLD* bld) {
  OSSL_PARAM* params = OSSL_PARAM_BLD_to_param(bld);
  EVP_PKEY_CTX* ctx = EVP_PKEY_CTX_new_from_name(nullptr, type, nullptr);
  EVP_PKEY* pkey = nullptr;
  if (params && ctx && EVP_PKEY_fromdata_init(ctx) == 1) EVP_PKEY_fromdata(ctx, &pkey, EVP_PKEY_PUBLIC_KEY, params);
  std::string der = Der(pkey);
  EVP_PKEY_free(pkey);
  EVP_PKEY_CTX_free(ctx);
  OSSL_PARAM_free(params);
  return der;
}

std::string RsaDer(const std::string& n, const std::string& e) {
  OSSL_PARAM_BLD* bld = OSSL_PARAM_BLD_new();
  BIGNUM* bn_n = Bignum(n);
  BIGNUM* bn_e = Bignum(e);
  OSSL_PARAM_BLD_push_BN(bld, OSSL_PKEY_PARAM_RSA_N, bn_n);
  OSSL_PARAM_BLD_push_BN(bld, OSSL_PKEY_PARAM_RSA_E, bn_e);
  std::string der = FromParams("RSA", bld);
  OSSL_PARAM_BLD_free(bld);
  BN_free(bn_n);
  BN_free(bn_e);
  return der;
}

std::string EcDer(const std::string& curve, const std::string& x, const std::string& y) {
  std::string point = "\x04" + x + y;
  OSSL_PARAM_BLD* bld = OSSL_PARAM_BLD_new();
  OSSL_PARAM_BLD_push_utf8_string(bld, OSSL_PKEY_PARAM_GROUP_NAME, curve.c_str(), 0);
  OSSL_PARAM_BLD_push_octet_string(bld, OSSL_PKEY_PARAM_PUB_KEY, point.data(), point.size());
  std::string der = FromParams("EC", bld);
  OSSL_PARAM_BLD_free(bld);
  return der;
}

std::string Text(const json& key, const char* name) {
  auto it = key.find(name);
  return it != key.end() && it->is_string() ? it->get<std::string>() : std::string();
}

// True when `alg` is empty (the type's default) or one of `algs`.
bool Fits(const std::string& alg, std::initializer_list<std::string_view> algs) {
  return alg.empty() || std::find(algs.begin(), algs.end(), alg) != algs.end();
}

}  // namespace

std::optional<std::vector<JwkKey>> ReadJwks(std::string_view text, std::vector<std::string>* problems) {
  json doc = json::parse(text, nullptr, false);
  if (!doc.is_object() || !doc.contains("keys") || !doc["keys"].is_array()) return std::nullopt;
  std::vector<JwkKey> out;
  for (const json& key : doc["keys"]) {
    if (!key.is_object()) continue;
    std::string kty = Text(key, "kty"), kid = Text(key, "kid"), alg = Text(key, "alg");
    auto field = [&](const char* name) { return Base64UrlDecode(Text(key, name)).value_or(""); };
    JwkKey k{alg, kid, ""};
    // The algorithm, when given, must be one gwrt verifies, of the key's type.
    if (kty == "RSA" && Fits(k.alg, {"RS256", "RS384", "RS512"})) {
      if (k.alg.empty()) k.alg = "RS256";
      k.material = RsaDer(field("n"), field("e"));
    } else if (kty == "EC" && Fits(k.alg, {"ES256", "ES384"})) {
      std::string crv = Text(key, "crv");
      const char* curve = crv == "P-256" ? "prime256v1" : crv == "P-384" ? "secp384r1" : nullptr;
      if (k.alg.empty()) k.alg = crv == "P-384" ? "ES384" : "ES256";
      if (curve) k.material = EcDer(curve, field("x"), field("y"));
    } else if (kty == "oct" && Fits(k.alg, {"HS256", "HS384", "HS512"})) {
      if (k.alg.empty()) k.alg = "HS256";
      k.material = field("k");
    }
    if (k.material.empty()) {
      problems->push_back("JWKS key " + (kid.empty() ? std::string("without kid") : "'" + kid + "'") +
                          " of type '" + kty + "'" + (alg.empty() ? "" : " for " + alg) + " cannot be read");
      continue;
    }
    out.push_back(std::move(k));
  }
  return out;
}

std::optional<std::string> PemPublicKeyDer(std::string_view pem) {
  BIO* bio = BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size()));
  EVP_PKEY* pkey = PEM_read_bio_PUBKEY(bio, nullptr, nullptr, nullptr);
  BIO_free(bio);
  std::string der = Der(pkey);
  EVP_PKEY_free(pkey);
  if (der.empty()) return std::nullopt;
  return der;
}

bool AddRemoteJwks(std::string_view url_equals_file, RemoteJwks* out, std::string* error) {
  size_t eq = url_equals_file.rfind('=');
  if (eq == std::string_view::npos || eq == 0 || eq + 1 == url_equals_file.size()) {
    *error = "--jwks expects URL=FILE, got '" + std::string(url_equals_file) + "'";
    return false;
  }
  std::string url(url_equals_file.substr(0, eq)), file(url_equals_file.substr(eq + 1));
  std::ifstream in(file, std::ios::binary);
  std::ostringstream text;
  if (!in || !(text << in.rdbuf())) {
    *error = file + ": cannot be read (--jwks " + url + ")";
    return false;
  }
  std::vector<std::string> problems;
  std::optional<std::vector<JwkKey>> keys = ReadJwks(text.str(), &problems);
  if (!keys) {
    *error = file + ": not a JWKS document (an object with a \"keys\" array)";
    return false;
  }
  if (!problems.empty()) {
    *error = file + ": " + problems.front();
    return false;
  }
  (*out)[url] = std::move(*keys);
  return true;
}

std::string MissingJwksWarning(const std::vector<std::string>& urls) {
  std::string out;
  for (const std::string& url : urls) {
    out += "no key set for remote JWKS " + url + " (give --jwks " + url +
           "=FILE): tokens only its keys could verify are refused as jwt-unknown-key\n";
  }
  return out;
}

}  // namespace gwrt

// Copyright 2026 The gwc Authors.
//
// The IR's shared orderings.

#include "compiler/ir/ir.h"

#include <utility>

#include "compiler/model/conflict_order.h"

namespace gwc::ir {

bool RouteBefore(const Route& a, const Route& b) {
  return WinsConflict(a.created, a.ns, a.name, b.created, b.ns, b.name);
}

std::optional<JwtKey::Alg> JwtAlgNamed(std::string_view name) {
  static constexpr std::pair<std::string_view, JwtKey::Alg> kAlgs[] = {
      {"HS256", JwtKey::kHs256}, {"HS384", JwtKey::kHs384}, {"HS512", JwtKey::kHs512},
      {"RS256", JwtKey::kRs256}, {"RS384", JwtKey::kRs384}, {"RS512", JwtKey::kRs512},
      {"ES256", JwtKey::kEs256}, {"ES384", JwtKey::kEs384}};
  for (const auto& [n, a] : kAlgs) {
    if (n == name) return a;
  }
  return std::nullopt;
}

}  // namespace gwc::ir

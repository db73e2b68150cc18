// Copyright 2026 The gwc Authors.
//
// The IR's shared orderings.

#include "compiler/ir/ir.h"

#include <tuple>

namespace gwc::ir {

bool RouteBefore(const Route& a, const Route& b) {
  // An unknown creation time sorts after every known one.
  if (a.created.empty() != b.created.empty()) return b.created.empty();
  return std::tie(a.created, a.ns, a.name) < std::tie(b.created, b.ns, b.name);
}

}  // namespace gwc::ir

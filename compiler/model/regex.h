// Copyright 2026 The gwc Authors.
//
// Gateway API RegularExpression values as the RE2 gwc links reads them.
// Newer RE2 (and Envoy's) accepts named groups written (?<name>...) as well
// as (?P<name>...); the Debian RE2 may not, so every pattern is respelled
// the old way before it is checked or compiled into a table, and lint, the
// lowering and the runtime agree on what a pattern means.

#ifndef GWC_MODEL_REGEX_H_
#define GWC_MODEL_REGEX_H_

#include <string>
#include <string_view>

namespace gwc {

// `re` with (?<name>...) groups written (?P<name>...); otherwise unchanged
// (a "(?<" inside [...] or \Q...\E is text, not a group).
std::string Re2Spelling(std::string_view re);

// Why RE2 rejects Re2Spelling(re), or empty when it compiles.
std::string Re2Error(std::string_view re);

}  // namespace gwc

#endif  // GWC_MODEL_REGEX_H_

// Copyright 2026 The gwc Authors.
//
// Private to the runtime: header and query-string edits shared by the
// route filters (decision.cc) and the policy VM (policy_vm.cc). Header
// names compare case-insensitively; query parameter names exactly.

#ifndef GWRT_SRC_HEADERS_H_
#define GWRT_SRC_HEADERS_H_

#include <string>
#include <string_view>

#include "gwrt/router.h"
#include "runtime-stub/format/format.h"

namespace gwrt {

// Header names compare without regard to ASCII case. Inline: the policy
// VM asks for a header or two on every request.
inline bool SameName(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    unsigned char x = static_cast<unsigned char>(a[i]), y = static_cast<unsigned char>(b[i]);
    if (x == y) continue;
    if ((x | 0x20) != (y | 0x20) || (x | 0x20) < 'a' || (x | 0x20) > 'z') return false;
  }
  return true;
}

// The value of the first header called `name`, or nullptr.
inline const std::string* HeaderValue(const Headers& headers, std::string_view name) {
  for (const auto& [n, v] : headers) {
    if (SameName(n, name)) return &v;
  }
  return nullptr;
}

// Applies a header filter of any request or response header type (set,
// add, remove, replace, add-if-absent, rename) with name `a`, value `b`.
void ApplyHeaderEdit(gwb::FilterType type, std::string_view a, std::string_view b, Headers* headers);

// Applies a query filter (kQuery*) to the query string of `path` ("/p?x=1").
void ApplyQueryEdit(gwb::FilterType type, std::string_view a, std::string_view b, std::string* path);

// The value of query parameter `name` in `path`, or nullopt-like false.
bool QueryValue(std::string_view path, std::string_view name, std::string_view* value);

}  // namespace gwrt

#endif  // GWRT_SRC_HEADERS_H_

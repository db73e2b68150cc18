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

bool SameName(std::string_view a, std::string_view b);

// The value of the first header called `name`, or nullptr.
const std::string* HeaderValue(const Headers& headers, std::string_view name);

// Applies a header filter of any request or response header type (set,
// add, remove, replace, add-if-absent, rename) with name `a`, value `b`.
void ApplyHeaderEdit(gwb::FilterType type, std::string_view a, std::string_view b, Headers* headers);

// Applies a query filter (kQuery*) to the query string of `path` ("/p?x=1").
void ApplyQueryEdit(gwb::FilterType type, std::string_view a, std::string_view b, std::string* path);

// The value of query parameter `name` in `path`, or nullopt-like false.
bool QueryValue(std::string_view path, std::string_view name, std::string_view* value);

}  // namespace gwrt

#endif  // GWRT_SRC_HEADERS_H_

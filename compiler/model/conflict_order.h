// Copyright 2026 The gwc Authors.
//
// The order in which Gateway API settles conflicts between objects
// (SEMANTICS.md (a) and (c)): the one with the older
// metadata.creationTimestamp wins; among equally old ones, the first in
// alphabetical order of "{namespace}/{name}". Timestamps are instants
// (RFC 3339 with any UTC offset), compared as such, not as text; an object
// without a valid timestamp comes after every object with one.

#ifndef GWC_MODEL_CONFLICT_ORDER_H_
#define GWC_MODEL_CONFLICT_ORDER_H_

#include <compare>
#include <cstdint>
#include <optional>
#include <string_view>

#include "compiler/model/object.h"

namespace gwc {

// A moment: seconds since the Unix epoch (UTC) and nanoseconds after them.
struct Instant {
  int64_t seconds = 0;
  int32_t nanos = 0;
  auto operator<=>(const Instant&) const = default;
};

// An RFC 3339 date-time ("2024-01-01T00:00:00Z", "...T01:00:00.5+02:00",
// years 0000-9999); nullopt when `text` is not one.
std::optional<Instant> ParseTimestamp(std::string_view text);

// The instant of `o`'s metadata.creationTimestamp; nullopt when it is
// absent or not a valid timestamp.
std::optional<Instant> CreationTime(const Object& o);

// Compares "a_ns/a_name" with "b_ns/b_name" as strings, without building
// them: negative when a sorts first, 0 when equal, positive otherwise.
int CompareNsName(std::string_view a_ns, std::string_view a_name, std::string_view b_ns,
                  std::string_view b_name);

// Whether the object created at `a_time` named a_ns/a_name wins a conflict
// against b (comes strictly first in the order above).
bool WinsConflict(std::optional<Instant> a_time, std::string_view a_ns, std::string_view a_name,
                  std::optional<Instant> b_time, std::string_view b_ns, std::string_view b_name);
inline bool WinsConflict(const Object& a, const Object& b) {
  return WinsConflict(CreationTime(a), a.ns, a.name, CreationTime(b), b.ns, b.name);
}

}  // namespace gwc

#endif  // GWC_MODEL_CONFLICT_ORDER_H_

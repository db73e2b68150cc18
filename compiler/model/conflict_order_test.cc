// Copyright 2026 The gwc Authors.
//
// Conflict order: RFC 3339 timestamps as instants, and "ns/name" compared
// as one string.

#include "compiler/model/conflict_order.h"

#include <catch2/catch.hpp>

namespace gwc {
namespace {

TEST_CASE("timestamps: RFC 3339 instants, offsets and fractions included", "[conflict]") {
  CHECK(ParseTimestamp("1970-01-01T00:00:00Z") == Instant{0, 0});
  CHECK(ParseTimestamp("1970-01-02T00:00:01Z") == Instant{86401, 0});
  CHECK(ParseTimestamp("1969-12-31T23:59:59.25Z") == Instant{-1, 250000000});
  CHECK(ParseTimestamp("2300-01-01T00:00:00Z") > ParseTimestamp("2020-01-01T00:00:00Z"));  // past int64 nanoseconds
  CHECK(ParseTimestamp("9999-12-31T23:59:59Z") > ParseTimestamp("0001-01-01T00:00:00Z"));
  CHECK(ParseTimestamp("2024-01-01T01:00:00+02:00") == ParseTimestamp("2023-12-31T23:00:00Z"));
  CHECK(ParseTimestamp("2024-02-29t10:00:00.5z") == Instant{ParseTimestamp("2024-02-29T10:00:00Z")->seconds, 500000000});
  CHECK(ParseTimestamp("2023-12-31T19:00:00-05:00") == ParseTimestamp("2024-01-01T00:00:00Z"));
  for (const char* bad : {"", "2024-01-01", "2024-01-01T00:00:00", "2023-02-29T00:00:00Z", "2024-13-01T00:00:00Z",
                          "2024-01-01T24:00:00Z", "2024-01-01T00:00:00.Z", "2024-01-01T00:00:00+0200",
                          "2024-01-01T00:00:00Zjunk", "yesterday"}) {
    INFO(bad);
    CHECK_FALSE(ParseTimestamp(bad).has_value());
  }
}

TEST_CASE("conflict order: older first, unknown last, then the ns/name string", "[conflict]") {
  CHECK(CompareNsName("team-b", "zz", "team", "aa") < 0);  // '-' sorts below '/'
  CHECK(CompareNsName("team", "aa", "team", "ab") < 0);
  CHECK(CompareNsName("a", "b", "a", "b") == 0);
  CHECK(CompareNsName("ab", "", "a", "b/") > 0);  // "ab/" vs "a/b/"
  std::optional<Instant> old = Instant{1, 0}, young = Instant{1, 1}, unknown;
  CHECK(WinsConflict(old, "z", "z", young, "a", "a"));
  CHECK(WinsConflict(young, "z", "z", unknown, "a", "a"));
  CHECK(WinsConflict(old, "team-b", "zz", old, "team", "aa"));
  CHECK_FALSE(WinsConflict(old, "a", "a", old, "a", "a"));
}

}  // namespace
}  // namespace gwc

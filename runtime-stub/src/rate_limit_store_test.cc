// Copyright 2026 The gwc Authors.
//
// LocalRateLimitStore on its own: Kong's all-or-nothing counting over
// several windows, growth far past the first table size, and counters of
// ended windows forgotten as the clock moves on.

#include <catch2/catch.hpp>

#include <vector>

#include "gwrt/policy.h"

namespace gwrt {
namespace {

TEST_CASE("local store: a request counts in every window or in none", "[policy][store]") {
  LocalRateLimitStore store;
  CounterKey keys[2] = {{11, 100}, {22, 200}};
  uint64_t limits[2] = {3, 2};
  uint64_t used[2];
  size_t exceeded = 9;
  REQUIRE(store.Take(keys, limits, 50, used, &exceeded));
  CHECK(exceeded == 2);
  CHECK((used[0] == 1 && used[1] == 1));
  REQUIRE(store.Take(keys, limits, 50, used, &exceeded));
  CHECK((used[0] == 2 && used[1] == 2));
  REQUIRE(store.Take(keys, limits, 50, used, &exceeded));  // the second window is used up
  CHECK(exceeded == 1);
  CHECK((used[0] == 2 && used[1] == 2));  // nothing counted
  uint64_t counts[2];
  REQUIRE(store.Usage(keys, counts));
  CHECK((counts[0] == 2 && counts[1] == 2));
}

TEST_CASE("local store: thousands of counters, each kept apart", "[policy][store]") {
  LocalRateLimitStore store;
  const uint64_t limit = 1000;
  for (uint64_t round = 1; round <= 3; ++round) {
    for (uint64_t id = 0; id < 5000; ++id) {
      CounterKey key{id * 0x9E3779B97F4A7C15ull, 1000};  // spread, and id 0 among them
      uint64_t used = 0;
      size_t exceeded = 0;
      REQUIRE(store.Take({&key, 1}, {&limit, 1}, 10, &used, &exceeded));
      REQUIRE(used == round);
    }
  }
}

TEST_CASE("local store: ended windows are forgotten", "[policy][store]") {
  LocalRateLimitStore store;
  const uint64_t limit = 1;
  CounterKey early{1, 60}, late{2, 120};
  uint64_t used;
  size_t exceeded;
  REQUIRE(store.Take({&early, 1}, {&limit, 1}, 10, &used, &exceeded));
  REQUIRE(store.Take({&late, 1}, {&limit, 1}, 10, &used, &exceeded));
  REQUIRE(store.Take({&early, 1}, {&limit, 1}, 10, &used, &exceeded));
  CHECK(exceeded == 0);  // limited while its window runs
  REQUIRE(store.Take({&late, 1}, {&limit, 1}, 60, &used, &exceeded));  // the clock passes 60
  CHECK(exceeded == 0);
  uint64_t counts[2];
  CounterKey both[2] = {early, late};
  REQUIRE(store.Usage(both, counts));
  CHECK(counts[0] == 0);  // dropped with its window
  CHECK(counts[1] == 1);
}

}  // namespace
}  // namespace gwrt

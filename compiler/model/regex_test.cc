// Copyright 2026 The gwc Authors.
//
// Re2Spelling rewrites named groups only where they are groups.

#include "compiler/model/regex.h"

#include <catch2/catch.hpp>

namespace gwc {
namespace {

TEST_CASE("regex spelling: (?<name>) groups become (?P<name>), nothing else changes", "[regex]") {
  CHECK(Re2Spelling("/items/(?<id>[0-9]+)") == "/items/(?P<id>[0-9]+)");
  CHECK(Re2Spelling("(?<=x)(?<!y)") == "(?<=x)(?<!y)");  // lookbehind stays (RE2 rejects it)
  CHECK(Re2Spelling("/x[(?<]") == "/x[(?<]");            // a class of three characters
  CHECK(Re2Spelling("[]](?<a>b)") == "[]](?P<a>b)");      // ']' first in a class is a member
  CHECK(Re2Spelling("[^]](?<a>b)") == "[^]](?P<a>b)");
  CHECK(Re2Spelling("\\Q(?<a>\\E(?<b>c)") == "\\Q(?<a>\\E(?P<b>c)");
  CHECK(Re2Spelling("\\(?<a>") == "\\(?<a>");  // an escaped parenthesis opens no group
  CHECK(Re2Error("/items/(?<id>[0-9]+)").empty());
  CHECK_FALSE(Re2Error("/broken/(open").empty());
}

}  // namespace
}  // namespace gwc

// Copyright 2026 The gwc Authors.
//
// Edit distance and suggestions.

#include <catch2/catch.hpp>

#include "compiler/base/strings.h"

namespace gwc {
namespace {

TEST_CASE("edit distance counts a swap of neighbours as one edit") {
  CHECK(EditDistance("prots", "ports") == 1);
  CHECK(EditDistance("backendRef", "backendRefs") == 1);
  CHECK(EditDistance("Service", "service") == 0);  // case is ignored
  CHECK(EditDistance("", "abc") == 3);
  CHECK(EditDistance("kitten", "sitting") == 3);
}

TEST_CASE("suggestions need a close name") {
  CHECK(NearMiss("prots", "ports"));
  CHECK(NearMiss("hostname", "hostnames"));
  CHECK_FALSE(NearMiss("abc", "xyz"));
  CHECK_FALSE(NearMiss("tls", "tcp"));  // short names allow one edit only
}

}  // namespace
}  // namespace gwc

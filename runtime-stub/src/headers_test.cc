// Copyright 2026 The gwc Authors.
//
// Header and query edits on their own: a set or a replace leaves one
// value however many copies (in any case) the message carried, an add
// joins the first copy, a remove drops every copy.

#include <catch2/catch.hpp>

#include "runtime-stub/src/headers.h"

namespace gwrt {
namespace {

using T = gwb::FilterType;

TEST_CASE("header edits: set and replace overwrite every copy of a repeated header", "[headers]") {
  Headers h = {{"X-Env", "a"}, {"accept", "*/*"}, {"x-env", "b"}};
  ApplyHeaderEdit(T::kRequestHeaderSet, "x-env", "prod", &h);
  CHECK(h == Headers{{"X-Env", "prod"}, {"accept", "*/*"}});

  h = {{"x-env", "a"}, {"X-ENV", "b"}};
  ApplyHeaderEdit(T::kResponseHeaderReplace, "X-Env", "c", &h);
  CHECK(h == Headers{{"x-env", "c"}});

  h = {{"accept", "*/*"}};
  ApplyHeaderEdit(T::kRequestHeaderReplace, "x-env", "c", &h);  // absent: nothing to replace
  CHECK(h == Headers{{"accept", "*/*"}});
}

TEST_CASE("header edits: add joins the first copy, remove drops all", "[headers]") {
  Headers h = {{"x-env", "a"}, {"X-Env", "b"}};
  ApplyHeaderEdit(T::kRequestHeaderAdd, "X-ENV", "c", &h);
  CHECK(h == Headers{{"x-env", "a,c"}, {"X-Env", "b"}});
  ApplyHeaderEdit(T::kResponseHeaderRemove, "x-env", "", &h);
  CHECK(h.empty());
}

TEST_CASE("query edits: a set parameter keeps one value", "[headers]") {
  std::string path = "/p?a=1&b=2&a=3";
  ApplyQueryEdit(T::kQueryReplace, "a", "9", &path);
  CHECK(path == "/p?a=9&b=2");
}

}  // namespace
}  // namespace gwrt

// Copyright 2026 The gwc Authors.
//
// Hostname semantics and match precedence relations.

#include <catch2/catch.hpp>

#include "compiler/model/hostname.h"
#include "compiler/model/precedence.h"
#include "compiler/testing/parse_helpers.h"

namespace gwc {
namespace {

TEST_CASE("wildcard hostnames match one or more labels") {
  CHECK(HostnameMatches("*.example.com", "a.example.com"));
  CHECK(HostnameMatches("*.example.com", "a.b.example.com"));
  CHECK_FALSE(HostnameMatches("*.example.com", "example.com"));
  CHECK_FALSE(HostnameMatches("*.example.com", "aexample.com"));
  CHECK(HostnameMatches("", "anything"));
  CHECK_FALSE(HostnameMatches("a.com", "b.com"));
}

TEST_CASE("listener and route hostnames intersect as the spec says") {
  CHECK(IntersectHostnames("*.example.com", "test.example.com") == "test.example.com");
  CHECK(IntersectHostnames("test.example.com", "*.example.com") == "test.example.com");
  CHECK(IntersectHostnames("*.com", "*.example.com") == "*.example.com");
  CHECK(IntersectHostnames("*.example.com", "*.com") == "*.example.com");
  CHECK(IntersectHostnames("", "a.com") == "a.com");
  CHECK(IntersectHostnames("a.com", "") == "a.com");
  CHECK_FALSE(IntersectHostnames("*.example.com", "example.com"));
  CHECK_FALSE(IntersectHostnames("*.example.com", "test.example.net"));
  CHECK_FALSE(IntersectHostnames("a.com", "b.com"));
}

NormalizedMatch Match(const std::string& yaml) {
  static std::vector<std::unique_ptr<testing::Parsed>> keep;
  keep.push_back(std::make_unique<testing::Parsed>());
  testing::ParseText(yaml, keep.back().get());
  return NormalizeMatch(*keep.back()->files[0].documents[0].root);
}

TEST_CASE("path prefixes match whole elements") {
  CHECK(PathPrefixMatches("/abc", "/abc"));
  CHECK(PathPrefixMatches("/abc", "/abc/def"));
  CHECK_FALSE(PathPrefixMatches("/abc", "/abcd"));
  CHECK(PathPrefixMatches("/", "/anything"));
}

TEST_CASE("covers: a general match accepts everything a specific one does") {
  NormalizedMatch root = Match("path: {type: PathPrefix, value: /}");
  NormalizedMatch api = Match("path: {type: PathPrefix, value: /api}");
  NormalizedMatch api_get = Match("path: {type: PathPrefix, value: /api}\nmethod: GET");
  NormalizedMatch exact = Match("path: {type: Exact, value: /api/v1}");
  NormalizedMatch hdr = Match("path: {type: PathPrefix, value: /api}\nheaders: [{name: X-A, value: '1'}]");
  NormalizedMatch hdr_lower = Match("path: {type: PathPrefix, value: /api}\nheaders: [{name: x-a, value: '1'}]");
  CHECK(Covers(root, api));
  CHECK(Covers(api, exact));
  CHECK(Covers(api, api_get));
  CHECK_FALSE(Covers(api_get, api));
  CHECK(Covers(api, hdr));
  CHECK_FALSE(Covers(hdr, api));
  CHECK(SameMatch(hdr, hdr_lower));  // header names are case-insensitive
}

TEST_CASE("precedence: exact, longer prefix, method, headers, query") {
  NormalizedMatch exact = Match("path: {type: Exact, value: /a}");
  NormalizedMatch prefix = Match("path: {type: PathPrefix, value: /a/b/c}");
  NormalizedMatch slash = Match("path: {type: PathPrefix, value: /a/}");
  NormalizedMatch bare = Match("path: {type: PathPrefix, value: /a}");
  NormalizedMatch method = Match("path: {type: PathPrefix, value: /a}\nmethod: GET");
  NormalizedMatch query = Match("path: {type: PathPrefix, value: /a}\nqueryParams: [{name: q, value: v}]");
  CHECK(CompareSpecificity(exact, prefix) > 0);
  CHECK(CompareSpecificity(prefix, bare) > 0);
  CHECK(CompareSpecificity(slash, bare) > 0);  // "/a/" has more characters
  CHECK(SameMatch(slash, bare));               // but accepts the same requests
  CHECK(CompareSpecificity(method, query) > 0);
  CHECK(CompareSpecificity(bare, bare) == 0);
}

}  // namespace
}  // namespace gwc

// Copyright 2026 The gwc Authors.

#include "compiler/driver/regex_samples.h"

#include <re2/re2.h>

#include <catch2/catch.hpp>

namespace gwc {
namespace {

bool AllMatch(const std::string& pattern, const std::vector<std::string>& samples) {
  RE2 re(pattern);
  return std::all_of(samples.begin(), samples.end(), [&](const std::string& s) { return RE2::FullMatch(s, re); });
}

TEST_CASE("regex samples: every sample fully matches; alternatives and repetitions vary") {
  for (const char* p : {"/api/v[0-9]+", "(?i)(?:/api(/|$)(.*)).*", "/users/[^/]+/orders", "/a|/b|/c",
                        "/x\\.json", "/(foo|bar)?/baz{2,3}", "/\\d{4}-\\d{2}", "[a-z]+\\.example\\.com",
                        "/(?P<id>\\w+)/edit", "/\\Qa.b\\E/c"}) {
    INFO(p);
    std::vector<std::string> samples = RegexSamples(p);
    CHECK(!samples.empty());
    CHECK(AllMatch(p, samples));
  }
  std::vector<std::string> alt = RegexSamples("/a|/b|/c");
  CHECK(alt == std::vector<std::string>{"/a", "/b", "/c"});
  std::vector<std::string> rep = RegexSamples("/v[0-9]*");
  CHECK(std::find(rep.begin(), rep.end(), "/v") != rep.end());   // zero repetitions
  CHECK(std::any_of(rep.begin(), rep.end(), [](const std::string& s) { return s.size() == 4; }));  // two
}

TEST_CASE("regex samples: patterns RE2 rejects or constructs not read give none") {
  CHECK(RegexSamples("/a(").empty());
  CHECK(RegexSamples("/(?=x)").empty());
  CHECK(RegexSamples("\\pL+").empty());
  CHECK(RegexSamples("[^\\x00-\\x7f]").empty());
}

}  // namespace
}  // namespace gwc

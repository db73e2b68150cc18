// Copyright 2026 The gwc Authors.

#include "compiler/migrate/yaml_doc.h"

#include <catch2/catch.hpp>

namespace gwc {
namespace {

TEST_CASE("yaml doc: strings YAML would read as another type are quoted") {
  for (const char* s : {"true", "80", "null", "~", "yes", "1e3", "0x1F", "", "*.example.com", "a: b", "x #y",
                        "-x", "trailing:", " lead"}) {
    INFO(s);
    std::string text = YamlDoc::Str(s).Emit();
    CHECK(text.front() == '"');
  }
  for (const char* s : {"/api", "(?i)(?:/api(/|$)(.*)).*", "example.com", "max-age=31536000; includeSubDomains"}) {
    INFO(s);
    CHECK(YamlDoc::Str(s).Emit() == std::string(s) + "\n");
  }
  CHECK(YamlDoc::Str("a\"b\\c\nd").Emit() == "\"a\\\"b\\\\c\\nd\"\n");
  CHECK(YamlDoc::Int(80).Emit() == "80\n");
  CHECK(YamlDoc::Bool(true).Emit() == "true\n");
}

TEST_CASE("yaml doc: block maps and sequences in the order they were built") {
  YamlDoc d = YamlDoc::Map();
  d.Set("kind", YamlDoc::Str("HTTPRoute"));
  YamlDoc rules = YamlDoc::Seq();
  YamlDoc& rule = rules.Add(YamlDoc::Map());
  rule.Set("matches", YamlDoc::Seq());
  rule.Set("names", YamlDoc::StrSeq({"a", "true"}));
  d.Set("rules", std::move(rules));
  d.Set("empty", YamlDoc::Map());
  d.Set("kind", YamlDoc::Str("GRPCRoute"));  // setting again keeps the key's place
  CHECK(d.Emit() ==
        "kind: GRPCRoute\n"
        "rules:\n"
        "  - matches: []\n"
        "    names:\n"
        "      - a\n"
        "      - \"true\"\n"
        "empty: {}\n");
}

}  // namespace
}  // namespace gwc

// Copyright 2026 The gwc Authors.
//
// The YAML frontend: spans, field paths, limits and error positions.

#include <catch2/catch.hpp>

#include "compiler/frontend/text_encoding.h"
#include "compiler/model/scalar.h"
#include "compiler/testing/parse_helpers.h"

namespace gwc {
namespace {

using testing::Parsed;
using testing::ParseText;

TEST_CASE("documents become objects with identity and spans") {
  Parsed p;
  ParseText(
      "apiVersion: gateway.networking.k8s.io/v1\nkind: HTTPRoute\nmetadata:\n  name: r\n"
      "  namespace: shop\n---\n# comment only\n---\napiVersion: v1\nkind: Service\n"
      "metadata: {name: s}\n",
      &p);
  REQUIRE(p.diags.empty());
  REQUIRE(p.objects.size() == 2);
  CHECK(p.objects[0].group == "gateway.networking.k8s.io");
  CHECK(p.objects[0].version == "v1");
  CHECK(p.objects[0].kind == "HTTPRoute");
  CHECK(p.objects[0].ns == "shop");
  CHECK(p.objects[1].group.empty());
  const Node* name = p.objects[1].metadata->Get("name");
  LineCol lc = p.file->Locate(name->span.begin);
  CHECK(lc.line == 11);
  CHECK(lc.column == 18);
  CHECK(FieldPath(name) == "metadata.name");
}

TEST_CASE("field paths name list indexes and quote odd keys") {
  Parsed p;
  ParseText(
      "apiVersion: v1\nkind: X\nmetadata:\n  annotations:\n    example.com/a: b\n"
      "spec:\n  rules:\n  - a: 1\n  - backendRefs:\n    - name: x\n",
      &p);
  REQUIRE(p.objects.size() == 1);
  const Node* spec = p.objects[0].root->Get("spec");
  const Node* ref = spec->Get("rules")->values[1]->Get("backendRefs")->values[0]->Get("name");
  CHECK(FieldPath(ref) == "spec.rules[1].backendRefs[0].name");
  const Node* ann = p.objects[0].Annotations()->Get("example.com/a");
  CHECK(FieldPath(ann) == "metadata.annotations[\"example.com/a\"]");
}

TEST_CASE("kind List is unpacked into its items") {
  Parsed p;
  ParseText(
      "apiVersion: v1\nkind: List\nitems:\n- {apiVersion: v1, kind: Service, metadata: {name: a}}\n"
      "- {apiVersion: v1, kind: Service, metadata: {name: b}}\n- 42\n",
      &p);
  REQUIRE(p.objects.size() == 2);
  CHECK(p.objects[1].name == "b");
  REQUIRE(p.Has(DiagCode::kNotAnObject));
  CHECK(p.LineOf(*p.Find(DiagCode::kNotAnObject)) == 6);
}

TEST_CASE("syntax errors are located, and tabs are named") {
  Parsed p;
  ParseText("apiVersion: v1\nkind: Service\nmetadata:\n\tname: x\n", &p);
  const Diagnostic* d = p.Find(DiagCode::kYamlSyntax);
  REQUIRE(d);
  CHECK(p.LineOf(*d) == 4);
  CHECK(d->message.find("tab") != std::string::npos);
}

TEST_CASE("duplicate keys are reported at the second key with a note on the first") {
  Parsed p;
  ParseText("apiVersion: v1\nkind: Service\nmetadata:\n  name: a\n  name: b\n", &p);
  const Diagnostic* d = p.Find(DiagCode::kDuplicateKey);
  REQUIRE(d);
  CHECK(p.LineOf(*d) == 5);
  REQUIRE(d->related.size() == 1);
  CHECK(p.file->Locate(d->related[0].span.begin).line == 4);
}

TEST_CASE("alias bombs are stopped by the expansion budget") {
  std::string yaml = "a: &a [x, x, x, x, x, x, x, x, x, x]\n";
  std::string prev = "a";
  for (char c = 'b'; c <= 'j'; ++c) {
    yaml += std::string(1, c) + ": &" + c + " [";
    for (int i = 0; i < 10; ++i) yaml += (i ? ", *" : "*") + prev;
    yaml += "]\n";
    prev = std::string(1, c);
  }
  Parsed p;
  ParseText(yaml, &p);
  CHECK(p.Has(DiagCode::kAliasLimit));
}

TEST_CASE("aliases and merge keys resolve") {
  Parsed p;
  ParseText(
      "apiVersion: v1\nkind: Service\nmetadata: &m {name: a, labels: {x: y}}\n"
      "spec:\n  base: &b {type: ClusterIP}\n  merged:\n    <<: *b\n    extra: 1\n",
      &p);
  REQUIRE(p.diags.empty());
  const Node* merged = p.objects[0].root->Get("spec")->Get("merged");
  CHECK(merged->Str("type") == "ClusterIP");
}

TEST_CASE("deep nesting stops at the limit without reading on") {
  std::string yaml = std::string(20000, '[') + std::string(20000, ']') + "\n";
  Parsed p;
  ParseText(yaml, &p);
  CHECK(p.Has(DiagCode::kNestingLimit));
  CHECK(p.objects.empty());
}

TEST_CASE("documents over the size limit are skipped") {
  ParseLimits limits;
  limits.max_document_bytes = 100;
  Parsed p;
  ParseText("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\ndata:\n  k: " +
                std::string(200, 'v') + "\n",
            &p, limits);
  CHECK(p.Has(DiagCode::kSizeLimit));
  CHECK(p.objects.empty());
}

TEST_CASE("binary and invalid UTF-8 input is an encoding error") {
  Parsed nul;
  ParseText(std::string("kind: a\0b\n", 10), &nul);
  CHECK(nul.Has(DiagCode::kEncoding));
  Parsed bad;
  ParseText("kind: \xC3\x28\n", &bad);
  CHECK(bad.Has(DiagCode::kEncoding));
}

TEST_CASE("JSON input is held to JSON's rules") {
  Parsed trailing;
  ParseText("{\"apiVersion\": \"v1\", \"kind\": \"Service\",}\n", &trailing);
  CHECK(trailing.Has(DiagCode::kYamlSyntax));
  Parsed ok;
  ParseText("{\"apiVersion\": \"v1\", \"kind\": \"Service\", \"metadata\": {\"name\": \"a\"}}\n", &ok);
  CHECK(ok.diags.empty());
  CHECK(ok.objects.size() == 1);
}

TEST_CASE("UTF-16 with a byte-order mark is transcoded") {
  std::string utf16 = "\xFF\xFE";
  for (char c : std::string("a: b\n")) {
    utf16.push_back(c);
    utf16.push_back('\0');
  }
  CHECK(NormalizeEncoding(utf16) == "a: b\n");
  CHECK(NormalizeEncoding("\xEF\xBB\xBFx: 1\n") == "x: 1\n");
  CHECK(NormalizeEncoding("plain") == "plain");
}

TEST_CASE("columns count code points, not bytes") {
  Parsed p;
  ParseText("apiVersion: v1\nkind: Service\nmetadata: {name: \"\xC3\xA9\xC3\xA9\", x: 1}\n", &p);
  const Node* x = p.objects[0].metadata->Get("x");  // the value 1, after two 2-byte characters
  CHECK(p.file->Locate(x->span.begin).column == 27);
}

TEST_CASE("scalars resolve as Kubernetes reads them (YAML 1.1)") {
  Parsed p;
  ParseText("a: yes\nb: \"yes\"\nc: 0755\nd: 08\ne: 1e3\nf: on\ng: ~\nh: text\ni: 0x1F\n", &p);
  const Node* root = p.files[0].documents[0].root;
  CHECK(ResolveScalar(*root->Get("a")) == ScalarType::kBool);
  CHECK(ResolveScalar(*root->Get("b")) == ScalarType::kString);
  CHECK(ScalarInt(*root->Get("c")) == 493);
  CHECK(ResolveScalar(*root->Get("d")) == ScalarType::kFloat);
  CHECK(ResolveScalar(*root->Get("e")) == ScalarType::kFloat);
  CHECK(ScalarBool(*root->Get("f")) == true);
  CHECK(ResolveScalar(*root->Get("g")) == ScalarType::kNull);
  CHECK(ResolveScalar(*root->Get("h")) == ScalarType::kString);
  CHECK(ScalarInt(*root->Get("i")) == 31);
}

}  // namespace
}  // namespace gwc

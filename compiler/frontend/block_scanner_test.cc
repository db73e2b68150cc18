// Copyright 2026 The gwc Authors.
//
// The block scanner against libyaml: wherever the scanner accepts a text,
// its events must equal libyaml's (type, marks, value, style), and libyaml
// must accept the text too. Checked on written cases, on every YAML file of
// testdata/ and ../shared/, and on generated documents.

#include <catch2/catch.hpp>

#include <filesystem>
#include <iterator>
#include <sstream>
#include <fstream>
#include <random>
#include <string>
#include <vector>

#include "compiler/frontend/block_scanner.h"
#include "compiler/testing/yaml_reference.h"

namespace gwc {
namespace {

std::string Compare(const std::string& text, bool* accepted) {
  return testing::DiffBlockScannerAgainstLibyaml(text, accepted);
}

void CheckAccepted(const std::string& text) {
  bool accepted = false;
  std::string diff = Compare(text, &accepted);
  INFO(text);
  CHECK(accepted);
  CHECK(diff == "");
}

void CheckDeclined(const std::string& text) {
  std::vector<YamlEvent> events;
  INFO(text);
  CHECK_FALSE(ScanBlockYaml(text, 256, &events));
}

TEST_CASE("block scanner: manifests in the supported subset read as libyaml reads them") {
  CheckAccepted("");
  CheckAccepted("# only a comment\n");
  CheckAccepted("a: b\n");
  CheckAccepted("a: b");
  CheckAccepted("a:\n  b: c\n  d:\n  - e\n  - f: g\n    h: 'i'\n");
  CheckAccepted("a:\n- b\n- c\nd: \"e\"\n");
  CheckAccepted("a:\n-\n- \n-   # c\n- x\n");
  CheckAccepted("a:\nb:   \nc:  # x\n  # deeper comment\nd:\n");
  CheckAccepted("---\na: b\n---\n---\nc: d\n---\n");
  CheckAccepted("--- # first\na: b # trailing\n\n\n# end\n");
  CheckAccepted("- - a\n  - b\n- c: d\n  e: f\n-   g: h\n    i: j\n");
  CheckAccepted("url: http://x.y/z#frag\nk: a:b\n'q k': v\n\"d k\" : w\nk2 : v2\n");
  CheckAccepted("a: x[y\nb: x]\nc: x,y\nd: -1\ne: ---\nf: a'b\"c\ng: a{b}\n");
  CheckAccepted("  a: b\n  c:\n    - d\n");
  CheckAccepted("k: ''\nl: \"\"\n\"\": v\n");
  CheckAccepted("a:\n  b:\n    c:\n      d: e\nf: g\n");
}

TEST_CASE("block scanner: everything else is left to libyaml") {
  CheckDeclined("a: |\n  text\n");
  CheckDeclined("a: >\n  text\n");
  CheckDeclined("a: {b: c}\n");
  CheckDeclined("a: [b]\n");
  CheckDeclined("{\"a\": 1}\n");
  CheckDeclined("a: &x b\nc: *x\n");
  CheckDeclined("a: !!str 1\n");
  CheckDeclined("a: multi\n  line\n");
  CheckDeclined("a: \"esc\\n\"\n");
  CheckDeclined("a: 'it''s'\n");
  CheckDeclined("a: \"open\n  close\"\n");
  CheckDeclined("a:\tb\n");
  CheckDeclined("a: b\r\n");
  CheckDeclined("a: caf\xc3\xa9\n");
  CheckDeclined("%YAML 1.1\n---\na: b\n");
  CheckDeclined("a: b\n...\n");
  CheckDeclined("just a scalar\n");
  CheckDeclined("? complex\n: key\n");
  CheckDeclined("a: b\n c: d\n");       // bad indentation: libyaml reports it
  CheckDeclined("a:\n  b: c\n d: e\n");
  CheckDeclined("a: b: c\n");
  CheckDeclined("- a\nb: c\n");
  CheckDeclined("a: b\n- c\n");
  CheckDeclined("a: 'x'y\n");
  CheckDeclined("a: \"x\"#c\n");
  CheckDeclined("--- a: b\n");
  CheckDeclined("a: 1\n... : 2\n");  // a document end marker, not a key
  CheckDeclined("a:\n- x\n... : 2\n");
  CheckDeclined("--- : x\n");
  // libyaml forgets a simple key whose ':' is more than 1024 characters on.
  CheckDeclined(std::string(1024, 'a') + " : v\n");
  CheckDeclined("x: 1\n" + std::string(1020, 'a') + "     : v\n");
  CheckDeclined("\"" + std::string(1022, 'a') + "\" : v\n");
  CheckAccepted(std::string(1024, 'a') + ": v\n");
  std::string deep;
  for (int i = 0; i < 300; ++i) deep += std::string(static_cast<size_t>(i) * 2, ' ') + "k:\n";
  CheckDeclined(deep);
}

std::vector<std::filesystem::path> YamlFilesUnder(const std::filesystem::path& root) {
  std::vector<std::filesystem::path> out;
  std::error_code ec;
  if (!std::filesystem::is_directory(root, ec)) return out;
  for (auto it = std::filesystem::recursive_directory_iterator(root, ec);
       it != std::filesystem::recursive_directory_iterator(); it.increment(ec)) {
    if (ec) break;
    auto ext = it->path().extension();
    if (it->is_regular_file(ec) && (ext == ".yaml" || ext == ".yml")) out.push_back(it->path());
  }
  return out;
}

void CompareFiles(const std::vector<std::filesystem::path>& files, size_t* accepted_count) {
  for (const auto& path : files) {
    std::ifstream in(path, std::ios::binary);
    std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    bool accepted = false;
    std::string diff = Compare(text, &accepted);
    INFO(path.string());
    CHECK(diff == "");
    *accepted_count += accepted;
  }
}

TEST_CASE("block scanner: agrees with libyaml on every YAML file of testdata/") {
  auto files = YamlFilesUnder(std::filesystem::path(GWC_SOURCE_DIR) / "testdata");
  REQUIRE(files.size() > 100);
  size_t accepted = 0;
  CompareFiles(files, &accepted);
  // Most are ordinary manifests; the bad-input corpus is declined.
  CHECK(accepted * 2 > files.size());
}

TEST_CASE("block scanner: agrees with libyaml on every YAML file of ../shared/") {
  auto root = std::filesystem::path(GWC_SOURCE_DIR) / ".." / "shared";
  auto files = YamlFilesUnder(root);
  if (files.empty()) {
    WARN("skipped: " << root.string() << " is absent");
    return;
  }
  size_t accepted = 0;
  CompareFiles(files, &accepted);
  CHECK(accepted > 0);
}

// Random block documents built from pieces chosen to sit on the subset's
// edges: keys and values with ':', '#', quotes and dashes, comments at odd
// indentation, empty values, indentless and compact sequences, and now and
// then a deliberate indentation mistake.
class DocumentGenerator {
 public:
  explicit DocumentGenerator(uint32_t seed) : rng_(seed) {}

  std::string Stream() {
    std::string out;
    int docs = Pick(3) + 1;
    for (int d = 0; d < docs; ++d) {
      if (d > 0 || Pick(2)) out += Pick(3) ? "---\n" : "--- # doc\n";
      Mapping(0, 0, &out);
    }
    if (Pick(4) == 0) out += "# trailing\n";
    if (Pick(3) == 0 && !out.empty()) out.pop_back();  // no final newline
    return out;
  }

 private:
  int Pick(int n) { return std::uniform_int_distribution<int>(0, n - 1)(rng_); }

  std::string Key() {
    static const char* kKeys[] = {"name", "a", "x-y", "k8s.io/z", "'quoted'", "\"dq\"", "-dash",
                                  "a:b", "url#x", "?q", "with space", "''", "n1"};
    return kKeys[Pick(13)];
  }
  std::string Value() {
    static const char* kValues[] = {"v", "80", "true", "\"60\"", "'x y'", "http://a.b/c",
                                    "a #comment", "a: b", "-1", "x, y", "[x", "''", "\"\"",
                                    "a'b", "---", "~", "#c", "v   ", "*x", "&a v", "|", "{}"};
    return kValues[Pick(22)];
  }
  void Indent(int n, std::string* out) { out->append(static_cast<size_t>(n), ' '); }
  void Noise(int indent, std::string* out) {
    int r = Pick(10);
    if (r == 0) out->append("\n");
    if (r == 1) { Indent(indent + Pick(3), out); out->append("# note\n"); }
  }

  // A mapping at `indent`; `first_inline` when its first key follows "- ".
  void Mapping(int indent, int depth, std::string* out, bool first_inline = false) {
    int entries = Pick(4) + 1;
    for (int i = 0; i < entries; ++i) {
      if (!(first_inline && i == 0)) {
        Noise(indent, out);
        Indent(indent + (Pick(40) == 0 ? 1 : 0), out);  // rarely: a mistake
      }
      out->append(Key()).append(":");
      int shape = depth >= 4 ? 0 : Pick(6);
      if (shape <= 1) {
        out->append(" ").append(Value()).append(Pick(5) == 0 ? "  # why\n" : "\n");
      } else if (shape == 2) {
        out->append(Pick(2) ? "\n" : "   # empty\n");
      } else if (shape == 3) {
        out->append("\n");
        Mapping(indent + 2 + Pick(2), depth + 1, out);
      } else {
        out->append("\n");
        Sequence(Pick(2) ? indent : indent + 2, depth + 1, out);
      }
    }
  }

  void Sequence(int indent, int depth, std::string* out) {
    int items = Pick(3) + 1;
    for (int i = 0; i < items; ++i) {
      Noise(indent, out);
      Indent(indent, out);
      int shape = depth >= 4 ? 0 : Pick(4);
      if (shape == 0) {
        out->append("- ").append(Value()).append("\n");
      } else if (shape == 1) {
        out->append("-\n");
      } else {
        out->append("- ");
        Mapping(indent + 2, depth + 1, out, /*first_inline=*/true);
      }
    }
  }

  std::mt19937 rng_;
};

TEST_CASE("block scanner: agrees with libyaml on generated documents") {
  DocumentGenerator gen(20261122);
  size_t accepted_count = 0;
  constexpr int kDocuments = 3000;
  for (int i = 0; i < kDocuments; ++i) {
    std::string text = gen.Stream();
    bool accepted = false;
    std::string diff = Compare(text, &accepted);
    INFO(text);
    REQUIRE(diff == "");
    accepted_count += accepted;
  }
  // The generator mixes in declined constructs, but not in every document.
  CHECK(accepted_count > kDocuments / 20);
}

std::string DumpParse(const std::string& text, bool libyaml_only) {
  return testing::DumpParsedTree(text, libyaml_only);
}

// Documents the block scanner declines, to mix into scanned streams.
const char* kDeclinedDocuments[] = {
    "kind: ConfigMap\ndata:\n  nginx.conf: |\n    server {\n      listen 80;\n    }\n",
    "metadata: {name: flow, labels: {a: b}}\nspec:\n  ports: [80, 443]\n",
    "base: &b\n  x: 1\nuse:\n  <<: *b\n  y: 2\n",
    "msg: \"tab\\tescaped\"\nnote: >\n  folded\n  text\n",
    "bad: [unclosed\nnext: 1\n",
    "caf\xc3\xa9: ol\xc3\xa9\n",
    "dup: 1\ndup: 2\n",
};

TEST_CASE("block scanner: streams read in pieces equal libyaml's reading, edge cases") {
  const std::string cases[] = {
      "\xEF\xBB\xBF" "a: 1\n---\nb: 2\n",                    // a byte-order mark
      "\xEF\xBB\xBF" "%YAML 1.1\n---\na: 1\n---\nb: 2\n",      // a directive after it
      "a: 1\n...\r%YAML 1.1\n---\nb: 2\n",                   // after a CR line break
      "a: 1\n...\xC2\x85%YAML 1.1\n---\nb: 2\n",              // after NEL
      "a: \"x\n---\ny\"\n",                                    // a quoted scalar cut by ---
      "a: 'x\n--- y'\n",
      "a: [x,\n--- y]\n",
      "a: 1\n---\nb: \x01\n",                                 // bytes libyaml's reader refuses
      "a: 1\n---\nb: \xff\n",
      "a: 1\n---\nb: \x7f\n",
      "a: |\n  x\n---\nb: 2\n---\nc: [3]\n",
  };
  for (const std::string& text : cases) {
    INFO(text);
    CHECK(DumpParse(text, /*libyaml_only=*/false) == DumpParse(text, /*libyaml_only=*/true));
  }
}

TEST_CASE("block scanner: document by document, trees and diagnostics equal libyaml's") {
  DocumentGenerator gen(7);
  std::mt19937 pick(11);
  for (int i = 0; i < 1500; ++i) {
    std::string text;
    int docs = static_cast<int>(pick() % 4) + 2;
    for (int d = 0; d < docs; ++d) {
      if (d > 0) text += "---\n";
      if (pick() % 3 == 0) {
        text += kDeclinedDocuments[pick() % std::size(kDeclinedDocuments)];
      } else {
        std::string doc = gen.Stream();
        // One document per slot: drop the generator's own separators.
        for (size_t at; (at = doc.find("---")) != std::string::npos;) doc.replace(at, 3, "#--");
        text += doc;
        if (!text.empty() && text.back() != '\n') text += '\n';
      }
    }
    INFO(text);
    REQUIRE(DumpParse(text, /*libyaml_only=*/false) == DumpParse(text, /*libyaml_only=*/true));
  }
}

}  // namespace
}  // namespace gwc

// Copyright 2026 The gwc Authors.
//
// Event-by-event comparison of the block scanner with libyaml.

#include "compiler/testing/yaml_reference.h"

#include <algorithm>
#include <functional>
#include <sstream>
#include <vector>

#include "compiler/base/diag.h"
#include "compiler/base/source.h"
#include "compiler/frontend/block_scanner.h"
#include "compiler/frontend/yaml_parser.h"
#include "compiler/frontend/yaml_event.h"

namespace gwc::testing {

namespace {

struct OwnedEvent {
  YamlEventType type;
  uint32_t begin, end;
  ScalarStyle style;
  std::string value, anchor, tag;
  bool operator==(const OwnedEvent& o) const {
    return type == o.type && begin == o.begin && end == o.end && style == o.style &&
           value == o.value && anchor == o.anchor && tag == o.tag;
  }
};

OwnedEvent Own(const YamlEvent& e) {
  // libyaml leaves the style of non-scalar events unset; only scalars carry one.
  bool scalar = e.type == YamlEventType::kScalar;
  return {e.type, e.begin, e.end, scalar ? e.style : ScalarStyle::kPlain, std::string(e.value),
          std::string(e.anchor), std::string(e.tag)};
}

std::string Describe(const OwnedEvent& e) {
  std::ostringstream s;
  s << "type " << static_cast<int>(e.type) << " [" << e.begin << "," << e.end << ") style "
    << static_cast<int>(e.style) << " value '" << e.value << "'";
  return s.str();
}

}  // namespace

std::string DiffBlockScannerAgainstLibyaml(std::string_view text, bool* accepted) {
  std::vector<YamlEvent> fast;
  *accepted = ScanBlockYaml(text, 256, &fast);
  if (!*accepted) return "";
  std::vector<OwnedEvent> reference;
  LibyamlError error;
  bool ok = ReadLibyamlEvents(
      text, [&](const YamlEvent& e) { reference.push_back(Own(e)); return true; }, &error);
  if (!ok) return "libyaml rejects a text the scanner accepts: " + error.problem;
  for (size_t i = 0; i < std::max(fast.size(), reference.size()); ++i) {
    if (i >= fast.size()) return "scanner stops early; libyaml has " + Describe(reference[i]);
    if (i >= reference.size()) return "scanner has extra " + Describe(Own(fast[i]));
    if (!(Own(fast[i]) == reference[i])) {
      return "event " + std::to_string(i) + ": scanner " + Describe(Own(fast[i])) + ", libyaml " +
             Describe(reference[i]);
    }
  }
  return "";
}

std::string DumpParsedTree(std::string_view text, bool libyaml_only) {
  SourceSet sources;
  const SourceFile* file = sources.Add("t.yaml", std::string(text));
  DiagnosticSink sink;
  ParseLimits limits;
  limits.libyaml_only = libyaml_only;
  ParsedFile parsed = ParseYaml(*file, limits, &sink);
  std::ostringstream out;
  std::function<void(const Node*, int)> dump = [&](const Node* n, int depth) {
    out << std::string(static_cast<size_t>(depth), ' ') << static_cast<int>(n->kind) << ' '
        << static_cast<int>(n->style) << ' ' << static_cast<int>(n->tag) << " [" << n->span.begin
        << ',' << n->span.end << ") '" << n->text << "'\n";
    for (uint32_t i = 0; i < n->size; ++i) {
      if (n->IsMap()) {
        const Key& k = n->keys[i];
        out << std::string(static_cast<size_t>(depth + 1), ' ') << "key '" << k.text << "' ["
            << k.span.begin << ',' << k.span.end << ") " << static_cast<int>(k.style) << '\n';
      }
      dump(n->values[i], depth + 2);
    }
  };
  for (const ParsedDocument& d : parsed.documents) {
    out << "document " << d.index << '\n';
    dump(d.root, 0);
  }
  for (const Diagnostic& d : sink.TakeSorted()) {
    out << "diagnostic " << static_cast<int>(d.code) << " [" << d.span.begin << ',' << d.span.end
        << ") " << d.message << '\n';
  }
  return out.str();
}

}  // namespace gwc::testing

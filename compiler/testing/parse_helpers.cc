// Copyright 2026 The gwc Authors.
//
// In-memory parsing for tests.

#include "compiler/testing/parse_helpers.h"

namespace gwc::testing {

bool Parsed::Has(DiagCode code) const { return Find(code) != nullptr; }

const Diagnostic* Parsed::Find(DiagCode code) const {
  for (const Diagnostic& d : diags) {
    if (d.code == code) return &d;
  }
  return nullptr;
}

void ParseText(const std::string& yaml, Parsed* out, const ParseLimits& limits,
               const std::string& name) {
  DiagnosticSink sink;
  out->file = out->sources.Add(name, yaml);
  out->files.push_back(ParseYaml(*out->file, limits, &sink));
  for (const ParsedDocument& doc : out->files.back().documents) {
    ExtractObjects(*out->file, out->files.back().arena, doc.root, &out->objects, &sink);
  }
  out->diags = sink.TakeSorted();
}

}  // namespace gwc::testing

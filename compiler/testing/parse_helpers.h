// Copyright 2026 The gwc Authors.
//
// Test helpers: parse YAML text into objects in memory, with the
// diagnostics it produced. Tests only; never linked into gwc.

#ifndef GWC_TESTING_PARSE_HELPERS_H_
#define GWC_TESTING_PARSE_HELPERS_H_

#include <string>
#include <vector>

#include "compiler/base/diag.h"
#include "compiler/base/source.h"
#include "compiler/frontend/yaml_parser.h"
#include "compiler/model/object.h"

namespace gwc::testing {

struct Parsed {
  SourceSet sources;
  std::vector<ParsedFile> files;
  std::vector<Object> objects;
  std::vector<Diagnostic> diags;
  const SourceFile* file = nullptr;

  // 1-based line of a diagnostic's start.
  uint32_t LineOf(const Diagnostic& d) const { return file->Locate(d.span.begin).line; }
  bool Has(DiagCode code) const;
  // The first diagnostic with `code`, or nullptr.
  const Diagnostic* Find(DiagCode code) const;
};

// Parses `yaml` as one file named `name`, extracting objects.
void ParseText(const std::string& yaml, Parsed* out, const ParseLimits& limits = {},
               const std::string& name = "test.yaml");

}  // namespace gwc::testing

#endif  // GWC_TESTING_PARSE_HELPERS_H_

// Copyright 2026 The gwc Authors.
//
// libFuzzer target for the YAML frontend, the first code to see untrusted
// bytes. Every input goes through ParseYaml (limits, both readers, the tree
// builder) under the sanitizers, and the block scanner is held to libyaml:
// wherever it accepts an input, its events must be libyaml's. Seed it with
// testdata/ (ci/fuzz.sh does).

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>

#include "compiler/base/diag.h"
#include "compiler/base/source.h"
#include "compiler/frontend/yaml_parser.h"
#include "compiler/testing/yaml_reference.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string text(reinterpret_cast<const char*>(data), size);
  bool accepted = false;
  std::string diff = gwc::testing::DiffBlockScannerAgainstLibyaml(text, &accepted);
  if (!diff.empty()) {
    std::fprintf(stderr, "block scanner disagrees with libyaml: %s\n", diff.c_str());
    std::abort();
  }
  gwc::SourceSet sources;
  const gwc::SourceFile* file = sources.Add("fuzz.yaml", std::move(text));
  gwc::DiagnosticSink diags;
  gwc::ParseLimits limits;
  limits.max_document_bytes = 1 << 20;
  gwc::ParsedFile parsed = gwc::ParseYaml(*file, limits, &diags);
  (void)parsed;
  return 0;
}

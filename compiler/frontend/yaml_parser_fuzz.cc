// Copyright 2026 The gwc Authors.
//
// libFuzzer target for the YAML frontend, the first code to see untrusted
// bytes. Every input goes through ParseYaml (limits, both readers, the tree
// builder) under the sanitizers, and the fast path is held to libyaml:
// wherever the block scanner accepts an input its events must be libyaml's,
// and the trees and diagnostics of the per-document reading must equal those
// of libyaml reading the whole file. Seed it with
// testdata/ (ci/fuzz.sh does).

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>

#include "compiler/testing/yaml_reference.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string text(reinterpret_cast<const char*>(data), size);
  bool accepted = false;
  std::string diff = gwc::testing::DiffBlockScannerAgainstLibyaml(text, &accepted);
  if (!diff.empty()) {
    std::fprintf(stderr, "block scanner disagrees with libyaml: %s\n", diff.c_str());
    std::abort();
  }
  // Whole trees and diagnostics, read in pieces or by libyaml alone.
  if (gwc::testing::DumpParsedTree(text, false) != gwc::testing::DumpParsedTree(text, true)) {
    std::fprintf(stderr, "reading by documents differs from libyaml alone\n");
    std::abort();
  }
  return 0;
}

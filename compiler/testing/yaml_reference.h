// Copyright 2026 The gwc Authors.
//
// The block scanner's oracle: libyaml's events and trees for the same text.
// Used by block_scanner_test and the YAML fuzzer; never linked into gwc.

#ifndef GWC_TESTING_YAML_REFERENCE_H_
#define GWC_TESTING_YAML_REFERENCE_H_

#include <string>
#include <string_view>

namespace gwc::testing {

// Runs the block scanner on `text`, setting `accepted` to whether it took
// the text. Returns "" when it declined or when its events equal libyaml's
// (type, marks, value, style, anchor, tag); otherwise the first difference,
// in words (including "libyaml rejects a text the scanner accepts").
std::string DiffBlockScannerAgainstLibyaml(std::string_view text, bool* accepted);

// What ParseYaml builds from `text` (trees with kinds, styles, tags, spans
// and keys, then the diagnostics), as text; `libyaml_only` bypasses the
// block scanner. Equal texts for both settings mean the fast path changed
// nothing.
std::string DumpParsedTree(std::string_view text, bool libyaml_only);

}  // namespace gwc::testing

#endif  // GWC_TESTING_YAML_REFERENCE_H_

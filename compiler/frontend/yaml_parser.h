// Copyright 2026 The gwc Authors.
//
// YAML (and JSON, which YAML reads) to document trees. libyaml's event API
// (or, for plain block-style files, a faster scanner that yields the same
// events) feeds our own arena tree with spans; libyaml stays private to the
// frontend. Untrusted input is bounded: nesting depth, alias
// expansion (billion laughs), and document and file sizes each have a limit
// that, when hit, becomes a diagnostic rather than unbounded work.

#ifndef GWC_FRONTEND_YAML_PARSER_H_
#define GWC_FRONTEND_YAML_PARSER_H_

#include <cstdint>
#include <memory>
#include <vector>

#include "compiler/base/diag.h"
#include "compiler/base/source.h"
#include "compiler/model/node.h"

namespace gwc {

struct ParseLimits {
  uint32_t max_depth = 256;                       // nested collections per document
  uint64_t max_alias_expansion = 1'000'000;       // nodes added by aliases per document
  uint64_t max_document_bytes = 64ull << 20;      // per document (code points)
  uint64_t max_file_bytes = 1ull << 30;           // per file
  bool libyaml_only = false;  // bypass the block scanner (differential tests)
};

struct ParsedDocument {
  Node* root = nullptr;  // never null; empty documents are not returned
  uint32_t index = 0;    // 0-based position in the stream
};

struct ParsedFile {
  const SourceFile* file = nullptr;
  Arena* arena = nullptr;               // where the trees live
  std::unique_ptr<Arena> owned_arena;   // set when ParseYaml made the arena
  std::vector<ParsedDocument> documents;
  bool block_scanned = false;           // read by the block scanner, not libyaml
};

// Parses every document of `file` into `arena` (a new arena owned by the
// result when null). Syntax errors, duplicate keys and limit violations are
// reported to `diags`; documents completed before a fatal error are still
// returned. Never throws, never reads past the input.
ParsedFile ParseYaml(const SourceFile& file, const ParseLimits& limits, DiagnosticSink* diags,
                     Arena* arena = nullptr);

}  // namespace gwc

#endif  // GWC_FRONTEND_YAML_PARSER_H_

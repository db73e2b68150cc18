// Copyright 2026 The gwc Authors.
//
// The frontend's entry point: expands the paths a user gives (files,
// directories searched recursively for *.yaml, *.yml and *.json, and "-" for
// stdin), reads and parses the files in parallel on all cores, and returns
// the objects in a deterministic order (sorted paths, then document order),
// whatever the thread timing.

#ifndef GWC_FRONTEND_LOADER_H_
#define GWC_FRONTEND_LOADER_H_

#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "compiler/base/diag.h"
#include "compiler/base/source.h"
#include "compiler/frontend/yaml_parser.h"
#include "compiler/model/object.h"

namespace gwc {

struct LoadOptions {
  ParseLimits limits;
  unsigned threads = 0;               // 0: one per core
  std::vector<std::string> exclude;   // path globs to skip (*, **, ?)
  // Called on each object of a file, on the worker thread that parsed it,
  // right after parsing (while the tree is hot in cache). May be empty.
  std::function<void(Object*)> on_object;
};

struct LoadedInputs {
  SourceSet sources;
  std::vector<std::unique_ptr<Arena>> arenas;  // one per worker thread; owns the trees
  std::vector<ParsedFile> files;
  std::vector<Object> objects;
};

// Loads `paths` into `out`. Unreadable paths are reported as GWC1007 (the
// driver turns them into exit code 2); everything else about the content is
// a diagnostic too. Returns the number of files read.
size_t LoadInputs(const std::vector<std::string>& paths, const LoadOptions& options,
                  LoadedInputs* out, DiagnosticSink* diags);

// Reads the file at `path` and registers it in `sources` (UTF-16 input is
// transcoded). Returns null when the file cannot be read.
const SourceFile* ReadSourceFile(const std::string& path, SourceSet* sources);

// Expands directories into their YAML/JSON files, sorted; keeps files and "-"
// as given. Paths that do not exist are reported and dropped.
std::vector<std::string> ExpandPaths(const std::vector<std::string>& paths, DiagnosticSink* diags,
                                     SourceSet* sources);

// Whether `path` matches one of the glob patterns (`*` within a path
// element, `**` across elements, `?` one character).
bool MatchesAnyGlob(const std::string& path, const std::vector<std::string>& globs);

}  // namespace gwc

#endif  // GWC_FRONTEND_LOADER_H_

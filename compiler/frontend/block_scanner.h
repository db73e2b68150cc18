// Copyright 2026 The gwc Authors.
//
// The fast path of the YAML frontend. Kubernetes manifests are almost always
// written in a small part of YAML: block mappings and sequences indented
// with spaces, single-line plain or quoted scalars, comments and `---`
// separators. For such files this scanner produces exactly the events
// libyaml would (same values, styles and code-point marks) several times
// faster. Anything outside that part (flow collections, block scalars,
// multi-line or escaped scalars, anchors, aliases, tags, tabs, CR, non-ASCII
// text, directives, errors of any kind) makes it decline the whole file, and
// libyaml reads it instead, so every diagnostic about YAML syntax still
// comes from libyaml. block_scanner_test compares the two on every YAML file
// the project and ../shared hold and on generated documents.

#ifndef GWC_FRONTEND_BLOCK_SCANNER_H_
#define GWC_FRONTEND_BLOCK_SCANNER_H_

#include <cstdint>
#include <string_view>
#include <vector>

#include "compiler/frontend/yaml_event.h"

namespace gwc {

// Appends the events of the whole stream of `text` to `events` (scalar
// values are views into `text`) and returns true; returns false, with
// `events` in an unspecified state, when `text` is outside the supported
// part of YAML or nests deeper than `max_depth` collections.
bool ScanBlockYaml(std::string_view text, uint32_t max_depth, std::vector<YamlEvent>* events);

}  // namespace gwc

#endif  // GWC_FRONTEND_BLOCK_SCANNER_H_

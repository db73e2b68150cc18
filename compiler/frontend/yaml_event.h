// Copyright 2026 The gwc Authors.
//
// The parse events the tree builder consumes, produced by either YAML reader:
// libyaml (translated from its event API) or the block scanner (the fast
// path for plain block-style manifests). Both must produce identical events
// for any input the block scanner accepts; block_scanner_test checks that.
// Private to the frontend.

#ifndef GWC_FRONTEND_YAML_EVENT_H_
#define GWC_FRONTEND_YAML_EVENT_H_

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>

#include "compiler/model/node.h"

namespace gwc {

enum class YamlEventType : uint8_t {
  kDocumentStart,
  kDocumentEnd,
  kMappingStart,
  kMappingEnd,
  kSequenceStart,
  kSequenceEnd,
  kScalar,
  kAlias,
  kStreamEnd,
  kOther,  // stream start and anything the builder ignores
};

struct YamlEvent {
  YamlEventType type = YamlEventType::kOther;
  uint32_t begin = 0;  // code-point offsets, as libyaml's marks count them
  uint32_t end = 0;
  ScalarStyle style = ScalarStyle::kPlain;
  std::string_view value;   // scalar: decoded value; alias: the anchor it names
  std::string_view anchor;  // empty: none
  std::string_view tag;     // explicit tags only; empty when implicit
};

// Where and why libyaml stopped.
struct LibyamlError {
  enum class Kind { kReader, kMemory, kSyntax } kind = Kind::kSyntax;
  std::string problem;        // libyaml's words; empty if it gave none
  std::string context;        // what it was reading, or empty
  uint64_t problem_offset = 0;  // kReader: byte offset
  int problem_value = -1;       // kReader: the offending byte, or -1
  uint64_t problem_index = 0;   // kSyntax: code-point offset of the problem
  uint64_t context_index = 0;   // code-point offset where `context` began
};

// Feeds `text` through libyaml, calling `on_event` for each event until it
// returns false or the stream ends. An event's views are valid only during
// its call. Returns true at the end of the stream or when stopped; false
// after a parse error, described in `error`.
bool ReadLibyamlEvents(std::string_view text, const std::function<bool(const YamlEvent&)>& on_event,
                       LibyamlError* error);

}  // namespace gwc

#endif  // GWC_FRONTEND_YAML_EVENT_H_

// Copyright 2026 The gwc Authors.
//
// libyaml's event API, translated into YamlEvents. The only file that
// includes <yaml.h>.

#include <yaml.h>

#include "compiler/frontend/yaml_event.h"

namespace gwc {

namespace {

ScalarStyle StyleOf(yaml_scalar_style_t s) {
  switch (s) {
    case YAML_SINGLE_QUOTED_SCALAR_STYLE:
      return ScalarStyle::kSingleQuoted;
    case YAML_DOUBLE_QUOTED_SCALAR_STYLE:
      return ScalarStyle::kDoubleQuoted;
    case YAML_LITERAL_SCALAR_STYLE:
      return ScalarStyle::kLiteral;
    case YAML_FOLDED_SCALAR_STYLE:
      return ScalarStyle::kFolded;
    default:
      return ScalarStyle::kPlain;
  }
}

std::string_view AsView(const yaml_char_t* p) {
  return p ? std::string_view(reinterpret_cast<const char*>(p)) : std::string_view();
}

YamlEvent Translate(const yaml_event_t& e) {
  YamlEvent out;
  out.begin = static_cast<uint32_t>(e.start_mark.index);
  out.end = static_cast<uint32_t>(e.end_mark.index);
  switch (e.type) {
    case YAML_DOCUMENT_START_EVENT:
      out.type = YamlEventType::kDocumentStart;
      break;
    case YAML_DOCUMENT_END_EVENT:
      out.type = YamlEventType::kDocumentEnd;
      break;
    case YAML_MAPPING_START_EVENT:
      out.type = YamlEventType::kMappingStart;
      out.anchor = AsView(e.data.mapping_start.anchor);
      if (!e.data.mapping_start.implicit) out.tag = AsView(e.data.mapping_start.tag);
      break;
    case YAML_SEQUENCE_START_EVENT:
      out.type = YamlEventType::kSequenceStart;
      out.anchor = AsView(e.data.sequence_start.anchor);
      if (!e.data.sequence_start.implicit) out.tag = AsView(e.data.sequence_start.tag);
      break;
    case YAML_MAPPING_END_EVENT:
      out.type = YamlEventType::kMappingEnd;
      break;
    case YAML_SEQUENCE_END_EVENT:
      out.type = YamlEventType::kSequenceEnd;
      break;
    case YAML_SCALAR_EVENT:
      out.type = YamlEventType::kScalar;
      out.style = StyleOf(e.data.scalar.style);
      out.value = std::string_view(reinterpret_cast<const char*>(e.data.scalar.value),
                                   e.data.scalar.length);
      out.anchor = AsView(e.data.scalar.anchor);
      if (!e.data.scalar.plain_implicit && !e.data.scalar.quoted_implicit) {
        out.tag = AsView(e.data.scalar.tag);
      }
      break;
    case YAML_ALIAS_EVENT:
      out.type = YamlEventType::kAlias;
      out.value = AsView(e.data.alias.anchor);
      break;
    case YAML_STREAM_END_EVENT:
      out.type = YamlEventType::kStreamEnd;
      break;
    default:
      break;
  }
  return out;
}

void Describe(const yaml_parser_t& parser, LibyamlError* error) {
  error->kind = parser.error == YAML_READER_ERROR   ? LibyamlError::Kind::kReader
                : parser.error == YAML_MEMORY_ERROR ? LibyamlError::Kind::kMemory
                                                    : LibyamlError::Kind::kSyntax;
  error->problem = parser.problem ? parser.problem : "";
  error->context = parser.context ? parser.context : "";
  error->problem_offset = parser.problem_offset;
  error->problem_value = parser.problem_value;
  error->problem_index = parser.problem_mark.index;
  error->context_index = parser.context_mark.index;
}

}  // namespace

bool ReadLibyamlEvents(std::string_view text, const std::function<bool(const YamlEvent&)>& on_event,
                       LibyamlError* error) {
  yaml_parser_t parser;
  if (!yaml_parser_initialize(&parser)) {
    error->kind = LibyamlError::Kind::kMemory;
    error->problem = "could not initialise the YAML parser";
    return false;
  }
  yaml_parser_set_input_string(&parser, reinterpret_cast<const unsigned char*>(text.data()),
                               text.size());
  bool ok = true;
  yaml_event_t event;
  while (true) {
    if (!yaml_parser_parse(&parser, &event)) {
      Describe(parser, error);
      ok = false;
      break;
    }
    YamlEvent translated = Translate(event);
    bool more = on_event(translated) && translated.type != YamlEventType::kStreamEnd;
    yaml_event_delete(&event);
    if (!more) break;
  }
  yaml_parser_delete(&parser);
  return ok;
}

}  // namespace gwc

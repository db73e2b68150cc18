// Copyright 2026 The gwc Authors.

#include "plugins/common/annotations.h"

#include <charconv>

#include "compiler/model/controller_annotations.h"

namespace gwc {

std::string_view AnnotationValue(const Object& object, std::string_view prefix, std::string_view name) {
  const Node* anns = object.Annotations();
  for (uint32_t i = 0; anns && anns->IsMap() && i < anns->size; ++i) {
    std::string_view key = anns->keys[i].text;
    if (key.size() == prefix.size() + name.size() && key.starts_with(prefix) && key.ends_with(name)) {
      return anns->values[i]->text;
    }
  }
  return {};
}

std::optional<bool> ParseGoBool(std::string_view v) {
  if (v == "1" || v == "t" || v == "T" || v == "true" || v == "TRUE" || v == "True") return true;
  if (v == "0" || v == "f" || v == "F" || v == "false" || v == "FALSE" || v == "False") return false;
  return std::nullopt;
}

std::optional<int> ParseInt(std::string_view v) {
  int n = 0;
  auto [end, ec] = std::from_chars(v.data(), v.data() + v.size(), n);
  if (v.empty() || ec != std::errc() || end != v.data() + v.size()) return std::nullopt;
  return n;
}

std::vector<std::string> SplitList(std::string_view v, char separator) {
  std::vector<std::string> out;
  while (!v.empty()) {
    size_t end = v.find(separator);
    std::string_view item = v.substr(0, end);
    while (!item.empty() && item.front() == ' ') item.remove_prefix(1);
    while (!item.empty() && item.back() == ' ') item.remove_suffix(1);
    if (!item.empty()) out.emplace_back(item);
    v = end == std::string_view::npos ? std::string_view() : v.substr(end + 1);
  }
  return out;
}

std::vector<AnnotationNote> ClassifyAnnotations(const Object& ingress, std::string_view prefix,
                                                std::string_view controller,
                                                const std::set<std::string_view>& modelled,
                                                const AnnotationRule& special) {
  std::vector<AnnotationNote> notes;
  const Node* anns = ingress.Annotations();
  for (uint32_t i = 0; anns && anns->IsMap() && i < anns->size; ++i) {
    std::string_view key = anns->keys[i].text;
    if (!key.starts_with(prefix)) continue;
    std::string_view name = key.substr(prefix.size());
    AnnotationNote note{std::string(key), AnnotationFate::kIgnored, ""};
    if (!FindControllerAnnotation(key)) {
      note.fate = AnnotationFate::kUnknown;
      note.detail = std::string(controller) + " has no such annotation";
    } else if (special && special(name, anns->values[i]->text, &note)) {
    } else if (modelled.count(name)) {
      note.fate = AnnotationFate::kTranslated;
    } else {
      note.detail = "does not change where a request is routed; gwc does not model it";
    }
    notes.push_back(std::move(note));
  }
  return notes;
}

}  // namespace gwc

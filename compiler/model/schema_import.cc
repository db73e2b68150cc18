// Copyright 2026 The gwc Authors.
//
// openAPIV3Schema -> compact JSON. Keeps only the keywords the validator
// uses; scalar values are converted with YAML 1.1 resolution (as Kubernetes
// reads CRDs), quoted scalars stay strings.

#include "compiler/model/schema_import.h"

#include <nlohmann/json.hpp>

#include "compiler/model/scalar.h"

namespace gwc {

using Json = nlohmann::json;

namespace {

constexpr std::string_view kKeptKeywords[] = {
    "type", "format", "pattern", "nullable", "minLength", "maxLength", "minItems", "maxItems",
    "minProperties", "maxProperties", "minimum", "maximum", "exclusiveMinimum",
    "exclusiveMaximum", "x-kubernetes-int-or-string", "x-kubernetes-preserve-unknown-fields",
    "x-kubernetes-embedded-resource", "x-kubernetes-list-type", "x-kubernetes-list-map-keys",
    "required", "enum"};

Json ToJson(const Node& n) {
  switch (n.kind) {
    case NodeKind::kMap: {
      Json j = Json::object();
      for (uint32_t i = 0; i < n.size; ++i) j[std::string(n.keys[i].text)] = ToJson(*n.values[i]);
      return j;
    }
    case NodeKind::kSeq: {
      Json j = Json::array();
      for (uint32_t i = 0; i < n.size; ++i) j.push_back(ToJson(*n.values[i]));
      return j;
    }
    case NodeKind::kScalar:
      break;
  }
  switch (ResolveScalar(n)) {
    case ScalarType::kNull:
      return nullptr;
    case ScalarType::kBool:
      return *ScalarBool(n);
    case ScalarType::kInt:
      if (auto v = ScalarInt(n)) return *v;
      return std::string(n.text);
    case ScalarType::kFloat:
      if (auto v = ScalarNumber(n)) return *v;
      return std::string(n.text);
    case ScalarType::kString:
      return std::string(n.text);
  }
  return std::string(n.text);
}

bool IsKept(std::string_view key) {
  for (std::string_view k : kKeptKeywords) {
    if (k == key) return true;
  }
  return false;
}

Json Compact(const Node& schema, int* cel_rules);

Json CompactList(const Node& list, int* cel_rules) {
  Json out = Json::array();
  for (uint32_t i = 0; i < list.size; ++i) out.push_back(Compact(*list.values[i], cel_rules));
  return out;
}

Json Compact(const Node& schema, int* cel_rules) {
  Json out = Json::object();
  if (!schema.IsMap()) return out;
  for (uint32_t i = 0; i < schema.size; ++i) {
    std::string_view key = schema.keys[i].text;
    const Node& value = *schema.values[i];
    if (key == "x-kubernetes-validations") {
      if (value.IsSeq()) *cel_rules += static_cast<int>(value.size);
    } else if (key == "properties" && value.IsMap()) {
      Json props = Json::object();
      for (uint32_t p = 0; p < value.size; ++p) {
        props[std::string(value.keys[p].text)] = Compact(*value.values[p], cel_rules);
      }
      out["properties"] = std::move(props);
    } else if (key == "items") {
      out[std::string(key)] = Compact(value, cel_rules);
    } else if (key == "additionalProperties") {
      out["additionalProperties"] = value.IsMap() ? Compact(value, cel_rules) : ToJson(value);
    } else if ((key == "oneOf" || key == "anyOf" || key == "allOf") && value.IsSeq()) {
      out[std::string(key)] = CompactList(value, cel_rules);
    } else if (key == "default") {
      out["default"] = ToJson(value);
    } else if (IsKept(key)) {
      out[std::string(key)] = ToJson(value);
    }
  }
  return out;
}

Result<ImportedSchema> ImportOrThrow(const Node& crd) {
  if (!crd.IsMap() || crd.Str("kind") != "CustomResourceDefinition" ||
      crd.Str("apiVersion").substr(0, 20) != "apiextensions.k8s.io") {
    return Status::InvalidArgument("not an apiextensions.k8s.io CustomResourceDefinition");
  }
  const Node* spec = crd.Get("spec");
  const Node* names = spec ? spec->Get("names") : nullptr;
  const Node* versions = spec ? spec->Get("versions") : nullptr;
  if (!names || !versions || !versions->IsSeq() || names->Str("kind").empty()) {
    return Status::InvalidArgument("CRD has no spec.names.kind or spec.versions");
  }
  ImportedSchema result;
  result.group = std::string(spec->Str("group"));
  result.kind = std::string(names->Str("kind"));
  result.plural = std::string(names->Str("plural"));
  Json out = Json::object();
  out["group"] = result.group;
  out["kind"] = result.kind;
  out["plural"] = result.plural;
  out["scope"] = std::string(spec->Str("scope", "Namespaced"));
  Json vers = Json::array();
  for (uint32_t i = 0; i < versions->size; ++i) {
    const Node& v = *versions->values[i];
    const Node* schema = v.Get("schema") ? v.Get("schema")->Get("openAPIV3Schema") : nullptr;
    Json jv = Json::object();
    jv["name"] = std::string(v.Str("name"));
    const Node* served = v.Get("served");
    jv["served"] = served ? ScalarBool(*served).value_or(true) : true;
    const Node* storage = v.Get("storage");
    jv["storage"] = storage ? ScalarBool(*storage).value_or(false) : false;
    if (const Node* dep = v.Get("deprecated")) jv["deprecated"] = ScalarBool(*dep).value_or(false);
    if (!v.Str("deprecationWarning").empty()) {
      jv["deprecationWarning"] = std::string(v.Str("deprecationWarning"));
    }
    jv["schema"] = schema ? Compact(*schema, &result.cel_rules_dropped) : Json::object();
    vers.push_back(std::move(jv));
  }
  if (vers.empty()) return Status::InvalidArgument("CRD has no versions");
  out["versions"] = std::move(vers);
  result.compact_json = out.dump();
  return result;
}

}  // namespace

Result<ImportedSchema> ImportCrd(const Node& crd) {
  try {
    return ImportOrThrow(crd);
  } catch (const std::exception& e) {
    return Status::InvalidArgument(std::string("malformed CRD: ") + e.what());
  }
}

}  // namespace gwc

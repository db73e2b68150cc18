// Copyright 2026 The gwc Authors.
//
// Compact schema JSON -> Schema trees. The compact form uses the CRD keyword
// names (type, properties, required, items, ...) without descriptions; see
// docs/schemas.md.

#include "compiler/model/schema.h"

#include <nlohmann/json.hpp>

namespace gwc {

using Json = nlohmann::json;

namespace {

Schema::Type TypeFromName(const std::string& t) {
  if (t == "object") return Schema::Type::kObject;
  if (t == "array") return Schema::Type::kArray;
  if (t == "string") return Schema::Type::kString;
  if (t == "integer") return Schema::Type::kInteger;
  if (t == "number") return Schema::Type::kNumber;
  if (t == "boolean") return Schema::Type::kBoolean;
  return Schema::Type::kAny;
}

std::optional<uint64_t> OptU64(const Json& j, const char* key) {
  auto it = j.find(key);
  if (it == j.end() || !it->is_number()) return std::nullopt;
  return it->get<uint64_t>();
}

std::optional<double> OptDouble(const Json& j, const char* key) {
  auto it = j.find(key);
  if (it == j.end() || !it->is_number()) return std::nullopt;
  return it->get<double>();
}

std::unique_ptr<Schema> Build(const Json& j);

std::unique_ptr<Schema> Build(const Json& j) {
  auto s = std::make_unique<Schema>();
  if (!j.is_object()) return s;
  s->type = TypeFromName(j.value("type", ""));
  s->int_or_string = j.value("x-kubernetes-int-or-string", false);
  s->preserve_unknown = j.value("x-kubernetes-preserve-unknown-fields", false);
  s->embedded_resource = j.value("x-kubernetes-embedded-resource", false);
  s->nullable = j.value("nullable", false);
  if (auto it = j.find("properties"); it != j.end() && it->is_object()) {
    for (auto& [name, sub] : it->items()) s->properties.emplace_back(name, Build(sub));
  }
  if (auto it = j.find("required"); it != j.end() && it->is_array()) {
    for (const Json& r : *it) {
      if (r.is_string()) s->required.push_back(r.get<std::string>());
    }
  }
  if (auto it = j.find("items"); it != j.end()) s->items = Build(*it);
  if (auto it = j.find("additionalProperties"); it != j.end()) {
    if (it->is_boolean()) {
      s->additional_properties_false = !it->get<bool>();
      if (it->get<bool>()) s->additional_properties = std::make_unique<Schema>();
    } else {
      s->additional_properties = Build(*it);
    }
  }
  if (auto it = j.find("enum"); it != j.end() && it->is_array()) {
    for (const Json& e : *it) s->enum_json.push_back(e.dump());
  }
  s->min_length = OptU64(j, "minLength");
  s->max_length = OptU64(j, "maxLength");
  s->min_items = OptU64(j, "minItems");
  s->max_items = OptU64(j, "maxItems");
  s->min_properties = OptU64(j, "minProperties");
  s->max_properties = OptU64(j, "maxProperties");
  s->minimum = OptDouble(j, "minimum");
  s->maximum = OptDouble(j, "maximum");
  s->exclusive_minimum = j.value("exclusiveMinimum", false);
  s->exclusive_maximum = j.value("exclusiveMaximum", false);
  s->pattern = j.value("pattern", "");
  s->format = j.value("format", "");
  s->list_type = j.value("x-kubernetes-list-type", "");
  if (auto it = j.find("x-kubernetes-list-map-keys"); it != j.end() && it->is_array()) {
    for (const Json& k : *it) s->list_map_keys.push_back(k.get<std::string>());
  }
  if (auto it = j.find("default"); it != j.end()) s->default_json = it->dump();
  return s;
}

}  // namespace

const Schema* Schema::Property(std::string_view name) const {
  for (const auto& [n, s] : properties) {
    if (n == name) return s.get();
  }
  return nullptr;
}

std::string_view SchemaTypeName(Schema::Type t) {
  switch (t) {
    case Schema::Type::kObject:
      return "object";
    case Schema::Type::kArray:
      return "array";
    case Schema::Type::kString:
      return "string";
    case Schema::Type::kInteger:
      return "integer";
    case Schema::Type::kNumber:
      return "number";
    case Schema::Type::kBoolean:
      return "boolean";
    case Schema::Type::kAny:
      return "any";
  }
  return "any";
}

const VersionSchema* KindSchema::Version(std::string_view name) const {
  for (const VersionSchema& v : versions) {
    if (v.name == name) return &v;
  }
  return nullptr;
}

std::string KindSchema::ServedVersions() const {
  std::string out;
  for (const VersionSchema& v : versions) {
    if (!v.served) continue;
    if (!out.empty()) out += ", ";
    out += v.name;
  }
  return out;
}

namespace {

Result<std::unique_ptr<KindSchema>> ParseCompactSchemaOrThrow(std::string_view json,
                                                              std::string origin) {
  Json j = Json::parse(json, nullptr, /*allow_exceptions=*/false);
  if (j.is_discarded() || !j.is_object()) {
    return Status::InvalidArgument(origin + ": not a compact schema (invalid JSON)");
  }
  auto ks = std::make_unique<KindSchema>();
  ks->group = j.value("group", "");
  ks->kind = j.value("kind", "");
  ks->plural = j.value("plural", "");
  ks->namespaced = j.value("scope", "Namespaced") == "Namespaced";
  ks->origin = std::move(origin);
  if (ks->kind.empty()) return Status::InvalidArgument(ks->origin + ": compact schema has no kind");
  for (const Json& v : j.value("versions", Json::array())) {
    VersionSchema vs;
    vs.name = v.value("name", "");
    vs.served = v.value("served", true);
    vs.storage = v.value("storage", false);
    vs.deprecated = v.value("deprecated", false);
    vs.deprecation_warning = v.value("deprecationWarning", "");
    vs.root = Build(v.value("schema", Json::object()));
    ks->versions.push_back(std::move(vs));
  }
  return ks;
}

}  // namespace

Result<std::unique_ptr<KindSchema>> ParseCompactSchema(std::string_view json, std::string origin) {
  try {
    return ParseCompactSchemaOrThrow(json, origin);
  } catch (const std::exception& e) {
    return Status::InvalidArgument(origin + ": malformed compact schema: " + e.what());
  }
}

}  // namespace gwc

// Copyright 2026 The gwc Authors.
//
// Structural schemas in gwc's compact form. The importer (schema_import.h)
// turns a CRD's openAPIV3Schema into compact JSON (descriptions and CEL rules
// dropped: the CEL rules of Gateway API are native checks in check/); the
// registry (schema_registry.h) loads the compact JSON embedded in the binary
// and the user's --crd files into these immutable trees.

#ifndef GWC_MODEL_SCHEMA_H_
#define GWC_MODEL_SCHEMA_H_

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "compiler/base/status.h"

namespace gwc {

struct Schema {
  enum class Type : uint8_t { kAny, kObject, kArray, kString, kInteger, kNumber, kBoolean };

  Type type = Type::kAny;
  bool int_or_string = false;     // x-kubernetes-int-or-string
  bool preserve_unknown = false;  // x-kubernetes-preserve-unknown-fields
  bool embedded_resource = false; // x-kubernetes-embedded-resource
  bool nullable = false;
  std::vector<std::pair<std::string, std::unique_ptr<Schema>>> properties;  // sorted by name
  std::vector<std::string> required;
  std::unique_ptr<Schema> items;
  std::unique_ptr<Schema> additional_properties;  // map values
  bool additional_properties_false = false;
  std::vector<std::string> enum_json;  // enum values as compact JSON ("\"Same\"", "301")
  std::optional<uint64_t> min_length, max_length, min_items, max_items, min_properties,
      max_properties;
  std::optional<double> minimum, maximum;
  bool exclusive_minimum = false, exclusive_maximum = false;
  std::string pattern;
  std::string format;
  std::string list_type;  // "", "atomic", "set", "map"
  std::vector<std::string> list_map_keys;
  std::string default_json;  // compact JSON of the default, empty if none

  // The schema of property `name`, or nullptr.
  const Schema* Property(std::string_view name) const;
  bool HasProperties() const { return !properties.empty(); }
};

// "object", "array", "string", "integer", "number", "boolean", "any".
std::string_view SchemaTypeName(Schema::Type t);

struct VersionSchema {
  std::string name;  // "v1"
  bool served = true;
  bool storage = false;
  bool deprecated = false;
  std::string deprecation_warning;
  std::unique_ptr<Schema> root;
};

struct KindSchema {
  std::string group;   // "" for core
  std::string kind;    // "HTTPRoute"
  std::string plural;  // "httproutes"
  bool namespaced = true;
  std::string origin;  // where it came from ("schemas/gateway-api/...", "--crd FILE")
  std::vector<VersionSchema> versions;

  const VersionSchema* Version(std::string_view name) const;
  // "v1, v1beta1": the served versions.
  std::string ServedVersions() const;
};

// Parses one compact JSON document (as written by the importer).
Result<std::unique_ptr<KindSchema>> ParseCompactSchema(std::string_view json,
                                                       std::string origin);

}  // namespace gwc

#endif  // GWC_MODEL_SCHEMA_H_

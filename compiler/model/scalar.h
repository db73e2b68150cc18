// Copyright 2026 The gwc Authors.
//
// How Kubernetes reads a YAML scalar. kubectl and the API machinery parse YAML
// with YAML 1.1 resolution rules, so an unquoted `yes`, `on` or `0755` is a
// boolean or a number, not a string. These functions give the type and value
// a scalar node has under those rules; quoted scalars are always strings.

#ifndef GWC_MODEL_SCALAR_H_
#define GWC_MODEL_SCALAR_H_

#include <cstdint>
#include <optional>
#include <string_view>

#include "compiler/model/node.h"

namespace gwc {

enum class ScalarType : uint8_t { kNull, kBool, kInt, kFloat, kString };

// "null", "boolean", "integer", "number", "string".
std::string_view ScalarTypeName(ScalarType t);

// The type of a plain (unquoted, untagged) scalar's text under YAML 1.1.
ScalarType ResolvePlain(std::string_view text);
// The type of a scalar node: quoted styles and !!str are strings; other
// explicit core tags are honoured; plain scalars go through ResolvePlain.
ScalarType ResolveScalar(const Node& node);

// Values under the same rules; nullopt if the node is not of that type.
std::optional<bool> ScalarBool(const Node& node);
std::optional<int64_t> ScalarInt(const Node& node);
std::optional<double> ScalarNumber(const Node& node);  // ints and floats

// Parses a Gateway API duration (GEP-2257): 1 to 4 components, each 1-5
// decimal digits followed by h, m, s or ms ("1h30m", "500ms"). Returns
// milliseconds, or nullopt when `text` does not have that shape.
std::optional<int64_t> ParseGepDuration(std::string_view text);

// A whole Kubernetes quantity ("10", "1Ki", "2M"): digits and an optional
// binary (Ki..Ei) or decimal (k..E) suffix. nullopt for anything else,
// fractions included, or when it overflows.
std::optional<int64_t> ParseQuantity(std::string_view text);

}  // namespace gwc

#endif  // GWC_MODEL_SCALAR_H_

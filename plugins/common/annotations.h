// Copyright 2026 The gwc Authors.
//
// What controller dialects share: reading annotations the way the Go
// controllers do (values by prefix and name without allocating, booleans
// as strconv.ParseBool reads them, integers as strconv.Atoi, separated
// lists) and writing a literal path into a regex.

#ifndef GWC_PLUGINS_COMMON_ANNOTATIONS_H_
#define GWC_PLUGINS_COMMON_ANNOTATIONS_H_

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <functional>
#include <set>

#include "compiler/ir/ingress_dialect.h"
#include "compiler/model/object.h"

namespace gwc {

// The value of annotation `prefix` + `name` on `object` ("" when absent).
std::string_view AnnotationValue(const Object& object, std::string_view prefix, std::string_view name);

// "1", "t", "T", "true", "TRUE", "True" and their false forms; nullopt for
// anything else (the controllers then keep their default).
std::optional<bool> ParseGoBool(std::string_view value);

// A decimal integer, nullopt when `value` is not exactly one.
std::optional<int> ParseInt(std::string_view value);

// The items of `value` split at `separator`, spaces around each trimmed,
// empty items dropped.
std::vector<std::string> SplitList(std::string_view value, char separator);

// A note for every annotation of `ingress` under `prefix`: kUnknown when the
// controller annotation table does not know it (`controller` names the
// controller in the detail); else `special(name, value, &note)` may decide
// and returns true when it did; else kTranslated for a name in `modelled`
// and kIgnored ("does not change where a request is routed") otherwise.
using AnnotationRule = std::function<bool(std::string_view name, std::string_view value, AnnotationNote* note)>;
std::vector<AnnotationNote> ClassifyAnnotations(const Object& ingress, std::string_view prefix,
                                                std::string_view controller,
                                                const std::set<std::string_view>& modelled,
                                                const AnnotationRule& special);


}  // namespace gwc

#endif  // GWC_PLUGINS_COMMON_ANNOTATIONS_H_

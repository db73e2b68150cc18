// Copyright 2026 The gwc Authors.
//
// The annotations Ingress controllers read (ingress-nginx, NGINX Inc.'s
// controller, Kong), from the one table in controller_annotations.def:
// each name's value form and whether it is current, deprecated or removed.
// Lint checks keys and values against it; controller dialects and the
// migration's loss report use it to tell a known annotation from a typo.

#ifndef GWC_MODEL_CONTROLLER_ANNOTATIONS_H_
#define GWC_MODEL_CONTROLLER_ANNOTATIONS_H_

#include <cstdint>
#include <span>
#include <string_view>

namespace gwc {

enum class AnnotationPrefix : uint8_t { kIngressNginx, kNginxOrg, kNginxCom, kKong };
enum class AnnotationKind : uint8_t { kBool, kInt, kSize, kSeconds, kDuration, kCidrList, kEnum, kString };
enum class AnnotationStatus : uint8_t { kCurrent, kDeprecated, kRemoved };

struct AnnotationInfo {
  AnnotationPrefix prefix;
  std::string_view name;  // without the prefix; ends in '.' for a family
  AnnotationKind kind;
  AnnotationStatus status;
  std::string_view values;       // kEnum: "a|b|c"
  std::string_view replacement;  // kDeprecated, kRemoved: what to write instead
};

struct AnnotationPrefixInfo {
  AnnotationPrefix prefix;
  std::string_view text;        // "nginx.org/"
  std::string_view controller;  // for messages: "ingress-nginx"
};

// Every entry of the table, in table order.
std::span<const AnnotationInfo> ControllerAnnotations();
// Every prefix gwc knows.
std::span<const AnnotationPrefixInfo> ControllerAnnotationPrefixes();

// The prefix `key` starts with, or nullptr when it is no controller's.
const AnnotationPrefixInfo* ControllerPrefixOf(std::string_view key);
// The entry for `name` (without prefix) under `prefix`, or nullptr when the
// controller has no such annotation. A family entry ("headers.") answers
// every name that extends it.
const AnnotationInfo* FindControllerAnnotation(AnnotationPrefix prefix, std::string_view name);
// The entry for a whole key ("nginx.ingress.kubernetes.io/use-regex"), or
// nullptr when the prefix or the name is unknown.
const AnnotationInfo* FindControllerAnnotation(std::string_view key);

bool IsAnnotationFamily(const AnnotationInfo& a);

}  // namespace gwc

#endif  // GWC_MODEL_CONTROLLER_ANNOTATIONS_H_

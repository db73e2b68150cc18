// Copyright 2026 The gwc Authors.
//
// Lookup in the controller annotation table: exact names through a hash
// map built once, families (names ending in '.') scanned.

#include "compiler/model/controller_annotations.h"

#include <string>
#include <unordered_map>
#include <vector>

namespace gwc {

namespace {

constexpr AnnotationInfo kAnnotations[] = {
#define GWC_ANNOTATION(prefix, name, kind, status, values, replacement)                       \
  {AnnotationPrefix::prefix, name, AnnotationKind::kind, AnnotationStatus::status, values, \
   replacement},
#include "compiler/model/controller_annotations.def"
#undef GWC_ANNOTATION
};

constexpr AnnotationPrefixInfo kPrefixes[] = {
    {AnnotationPrefix::kIngressNginx, "nginx.ingress.kubernetes.io/", "ingress-nginx"},
    {AnnotationPrefix::kNginxOrg, "nginx.org/", "the NGINX Ingress Controller"},
    {AnnotationPrefix::kNginxCom, "nginx.com/", "the NGINX Ingress Controller"},
    {AnnotationPrefix::kKong, "konghq.com/", "the Kong Ingress Controller"},
};

bool NameMatches(const AnnotationInfo& a, std::string_view name) {
  if (!IsAnnotationFamily(a)) return a.name == name;
  return name.size() > a.name.size() && name.substr(0, a.name.size()) == a.name;
}

}  // namespace

std::span<const AnnotationInfo> ControllerAnnotations() { return kAnnotations; }

std::span<const AnnotationPrefixInfo> ControllerAnnotationPrefixes() { return kPrefixes; }

bool IsAnnotationFamily(const AnnotationInfo& a) { return a.name.back() == '.'; }

const AnnotationPrefixInfo* ControllerPrefixOf(std::string_view key) {
  for (const AnnotationPrefixInfo& p : kPrefixes) {
    if (key.substr(0, p.text.size()) == p.text) return &p;
  }
  return nullptr;
}

const AnnotationInfo* FindControllerAnnotation(AnnotationPrefix prefix, std::string_view name) {
  struct Tables {
    std::unordered_map<std::string, const AnnotationInfo*> exact;
    std::vector<const AnnotationInfo*> families;
  };
  static const Tables tables = [] {
    Tables t;
    for (const AnnotationInfo& a : kAnnotations) {
      if (IsAnnotationFamily(a)) {
        t.families.push_back(&a);
      } else {
        t.exact.emplace(std::to_string(static_cast<int>(a.prefix)) + std::string(a.name), &a);
      }
    }
    return t;
  }();
  auto it = tables.exact.find(std::to_string(static_cast<int>(prefix)) + std::string(name));
  if (it != tables.exact.end()) return it->second;
  for (const AnnotationInfo* a : tables.families) {
    if (a->prefix == prefix && NameMatches(*a, name)) return a;
  }
  return nullptr;
}

const AnnotationInfo* FindControllerAnnotation(std::string_view key) {
  const AnnotationPrefixInfo* p = ControllerPrefixOf(key);
  return p ? FindControllerAnnotation(p->prefix, key.substr(p->text.size())) : nullptr;
}

}  // namespace gwc

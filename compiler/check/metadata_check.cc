// Copyright 2026 The gwc Authors.
//
// Object metadata: names, namespaces, labels and annotations.

#include "compiler/check/metadata_check.h"

#include <cstdio>
#include <string>

#include "compiler/check/report.h"
#include "compiler/model/scalar.h"

namespace gwc {

namespace {

bool IsAlnumLower(char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'); }
bool IsAlnum(char c) { return IsAlnumLower(c) || (c >= 'A' && c <= 'Z'); }

// A label value or the name part of a qualified key: alphanumerics at both
// ends, '-', '_', '.' inside, at most 63 characters.
// "'x'" for a printable ASCII character, otherwise its byte in hex.
std::string CharName(char c) {
  auto b = static_cast<unsigned char>(c);
  if (b >= 0x20 && b < 0x7F) return std::string("'") + c + "'";
  char hex[8];
  snprintf(hex, sizeof hex, "0x%02X", b);
  return std::string("byte ") + hex;
}

std::string NamePartProblem(std::string_view s, bool allow_empty) {
  if (s.empty()) return allow_empty ? "" : "must not be empty";
  if (s.size() > 63) return "must be at most 63 characters";
  if (!IsAlnum(s.front()) || !IsAlnum(s.back())) {
    return "must start and end with a letter or digit";
  }
  for (char c : s) {
    if (!IsAlnum(c) && c != '-' && c != '_' && c != '.') {
      return "must not contain " + CharName(c);
    }
  }
  return "";
}

void CheckStringMap(const Object& obj, const Node* map, bool labels, DiagnosticSink* diags) {
  if (!map || map->IsNull()) return;
  if (!map->IsMap()) {
    Report(diags, DiagCode::kWrongType, obj, map, "expected a mapping of strings");
    return;
  }
  for (uint32_t i = 0; i < map->size; ++i) {
    const Key* key = &map->keys[i];
    const Node* value = map->values[i];
    std::string problem = QualifiedNameProblem(key->text);
    if (!problem.empty()) {
      ReportKey(diags, DiagCode::kMetadataInvalid, obj, value,
             std::string(labels ? "label" : "annotation") + " key '" + std::string(key->text) +
                 "' " + problem);
    }
    if (!value->IsScalar()) {
      Report(diags, DiagCode::kWrongType, obj, value,
             std::string(labels ? "label" : "annotation") + " values must be strings");
      continue;
    }
    ScalarType t = ResolveScalar(*value);
    if (t != ScalarType::kString && t != ScalarType::kNull) {
      Report(diags, DiagCode::kImplicitType, obj, value,
             "unquoted '" + std::string(value->text) + "' is read as " +
                 std::string(ScalarTypeName(t)) + "; " + (labels ? "label" : "annotation") +
                 " values must be strings",
             {}, "quote it: \"" + std::string(value->text) + "\"");
      continue;
    }
    if (labels) {
      std::string vp = NamePartProblem(value->text, /*allow_empty=*/true);
      if (!vp.empty()) {
        Report(diags, DiagCode::kMetadataInvalid, obj, value,
               "label value '" + std::string(value->text) + "' " + vp);
      }
    }
  }
}

// Services and Namespaces need DNS labels (a Service's name must also start
// with a letter: it becomes a DNS name and an environment variable); other
// objects need DNS subdomains.
std::string NameProblem(const Object& obj, std::string_view name) {
  if (obj.group.empty() && obj.kind == "Namespace") return DnsLabelProblem(name);
  if (obj.group.empty() && obj.kind == "Service") return ServiceNameProblem(name);
  return DnsSubdomainProblem(name);
}

}  // namespace

std::string DnsLabelProblem(std::string_view s) {
  if (s.empty()) return "must not be empty";
  if (s.size() > 63) return "must be at most 63 characters";
  if (!IsAlnumLower(s.front()) || !IsAlnumLower(s.back())) {
    return "must start and end with a lowercase letter or digit";
  }
  for (char c : s) {
    if (!IsAlnumLower(c) && c != '-') {
      return "must consist of lowercase letters, digits and '-' (found " + CharName(c) + ")";
    }
  }
  return "";
}

std::string ServiceNameProblem(std::string_view s) {
  if (!s.empty() && !(s[0] >= 'a' && s[0] <= 'z')) return "must start with a lowercase letter";
  return DnsLabelProblem(s);
}

std::string DnsSubdomainProblem(std::string_view s) {
  if (s.empty()) return "must not be empty";
  if (s.size() > 253) return "must be at most 253 characters";
  size_t start = 0;
  while (start <= s.size()) {
    size_t dot = s.find('.', start);
    std::string_view label = s.substr(start, dot == std::string_view::npos ? s.npos : dot - start);
    if (label.empty()) return "must not contain empty labels ('..' or a leading or trailing '.')";
    for (char c : label) {
      if (!IsAlnumLower(c) && c != '-') {
        return "must consist of lowercase letters, digits, '-' and '.' (found " + CharName(c) + ")";
      }
    }
    if (!IsAlnumLower(label.front()) || !IsAlnumLower(label.back())) {
      return "each part must start and end with a lowercase letter or digit";
    }
    if (dot == std::string_view::npos) break;
    start = dot + 1;
  }
  return "";
}

std::string QualifiedNameProblem(std::string_view s) {
  size_t slash = s.find('/');
  if (slash != std::string_view::npos) {
    std::string prefix = DnsSubdomainProblem(s.substr(0, slash));
    if (!prefix.empty()) return "has a prefix that " + prefix;
    s = s.substr(slash + 1);
  }
  std::string name = NamePartProblem(s, /*allow_empty=*/false);
  return name.empty() ? "" : "has a name part that " + name;
}

void CheckMetadata(const Object& obj, bool namespaced, DiagnosticSink* diags) {
  const Node* md = obj.root->Get("metadata");
  if (!md || md->IsNull()) {
    ReportMissing(diags, DiagCode::kMetadataInvalid, obj, obj.root, "metadata",
                  "metadata is missing; every object needs metadata.name");
    return;
  }
  if (!md->IsMap()) {
    Report(diags, DiagCode::kWrongType, obj, md, "metadata must be a mapping");
    return;
  }
  const Node* name = md->Get("name");
  if (!name || name->IsNull()) {
    if (!md->Get("generateName")) {
      ReportMissing(diags, DiagCode::kMetadataInvalid, obj, md, "name",
                    "metadata.name is missing");
    }
  } else if (!name->IsScalar() || ResolveScalar(*name) != ScalarType::kString) {
    Report(diags, DiagCode::kWrongType, obj, name, "metadata.name must be a string");
  } else if (std::string p = NameProblem(obj, name->text); !p.empty()) {
    Report(diags, DiagCode::kMetadataInvalid, obj, name,
           "name '" + std::string(name->text) + "' " + p);
  }
  if (const Node* ns = md->Get("namespace"); ns && !ns->IsNull() && namespaced) {
    if (std::string p = DnsLabelProblem(ns->text); !p.empty()) {
      Report(diags, DiagCode::kMetadataInvalid, obj, ns,
             "namespace '" + std::string(ns->text) + "' " + p);
    }
  }
  CheckStringMap(obj, md->Get("labels"), /*labels=*/true, diags);
  CheckStringMap(obj, md->Get("annotations"), /*labels=*/false, diags);
}

}  // namespace gwc

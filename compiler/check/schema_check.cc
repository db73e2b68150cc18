// Copyright 2026 The gwc Authors.
//
// The schema walker. One recursive function per schema type; defaulting
// happens before children are visited so nested defaults apply too.

#include "compiler/check/schema_check.h"

#include <re2/re2.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <memory>
#include <mutex>
#include <nlohmann/json.hpp>
#include <set>
#include <unordered_map>
#include <string>

#include "compiler/base/strings.h"
#include "compiler/check/report.h"
#include "compiler/model/scalar.h"

namespace gwc {

namespace {

using Json = nlohmann::json;

// Compiled schema patterns: one shared cache behind a per-thread one, so the
// hot path takes no lock. Per-thread entries are keyed by the schema's
// address and checked against its text: a later registry (the conformance
// runner makes one per test) may put another schema at a freed address.
const RE2* PatternFor(const Schema& s) {
  thread_local std::unordered_map<const Schema*, std::pair<std::string, const RE2*>> local;
  auto hit = local.find(&s);
  if (hit != local.end() && hit->second.first == s.pattern) return hit->second.second;
  static std::mutex mu;
  static std::map<std::string, std::unique_ptr<RE2>> cache;
  std::lock_guard<std::mutex> lock(mu);
  auto it = cache.find(s.pattern);
  if (it == cache.end()) {
    RE2::Options opts;
    opts.set_log_errors(false);
    it = cache.emplace(s.pattern, std::make_unique<RE2>(s.pattern, opts)).first;
  }
  const RE2* out = it->second->ok() ? it->second.get() : nullptr;
  local[&s] = {std::string(s.pattern), out};
  return out;
}

// The parsed default value of a schema, parsed once per thread (keyed and
// checked as in PatternFor).
const Json& DefaultOf(const Schema& s) {
  thread_local std::unordered_map<const Schema*, std::pair<std::string, Json>> local;
  auto it = local.find(&s);
  if (it == local.end() || it->second.first != s.default_json) {
    local[&s] = {std::string(s.default_json),
                 Json::parse(s.default_json, nullptr, /*allow_exceptions=*/false)};
    it = local.find(&s);
  }
  return it->second.second;
}

size_t CodePoints(std::string_view s) {
  size_t n = 0;
  for (char c : s) n += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  return n;
}

std::string NodeTypeName(const Node& n) {
  if (n.IsMap()) return "a mapping";
  if (n.IsSeq()) return "a list";
  return std::string(ScalarTypeName(ResolveScalar(n))) + " '" + std::string(n.text.substr(0, 40)) + "'";
}

// The JSON form of a scalar (for enum comparison), under Kubernetes typing.
std::string ScalarJson(const Node& n) {
  switch (ResolveScalar(n)) {
    case ScalarType::kNull:
      return "null";
    case ScalarType::kBool:
      return *ScalarBool(n) ? "true" : "false";
    case ScalarType::kInt:
      if (auto v = ScalarInt(n)) return std::to_string(*v);
      break;
    case ScalarType::kFloat:
      if (auto v = ScalarNumber(n)) return Json(*v).dump();
      break;
    case ScalarType::kString:
      break;
  }
  if (n.text.find_first_of("\"\\") == std::string_view::npos &&
      std::all_of(n.text.begin(), n.text.end(), [](char c) { return static_cast<unsigned char>(c) >= 0x20; })) {
    std::string quoted;
    quoted.reserve(n.text.size() + 2);
    quoted.push_back('"');
    quoted.append(n.text).push_back('"');
    return quoted;
  }
  return Json(std::string(n.text)).dump(-1, ' ', false, Json::error_handler_t::replace);
}

Node* NodeFromJson(const Json& j, Node* parent, Arena* arena) {
  Node* n = arena->NewNode();
  n->defaulted = true;
  n->span = parent->span;
  if (j.is_object()) {
    n->kind = NodeKind::kMap;
    for (auto& [k, v] : j.items()) {
      Key key;
      key.defaulted = true;
      key.span = parent->span;
      key.style = ScalarStyle::kDoubleQuoted;
      key.text = arena->Intern(k);
      arena->Append(n, &key, NodeFromJson(v, n, arena));
    }
  } else if (j.is_array()) {
    n->kind = NodeKind::kSeq;
    for (const Json& v : j) arena->Append(n, nullptr, NodeFromJson(v, n, arena));
  } else if (j.is_string()) {
    n->style = ScalarStyle::kDoubleQuoted;
    n->text = arena->Intern(j.get<std::string>());
  } else {
    n->text = arena->Intern(j.dump());
  }
  return n;
}

// What the common Kubernetes and Gateway API patterns mean, in words.
std::string_view PatternShape(std::string_view pattern) {
  static const std::pair<std::string_view, std::string_view> kShapes[] = {
      {R"(^$|^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$)",
       "an API group: empty for the core group, or a lowercase DNS subdomain"},
      {R"(^[a-zA-Z]([-a-zA-Z0-9]*[a-zA-Z0-9])?$)",
       "a kind: a letter, then letters, digits or '-', ending in a letter or digit"},
      {R"(^[a-z0-9]([-a-z0-9]*[a-z0-9])?$)",
       "a DNS label: lowercase letters, digits and '-', starting and ending alphanumeric"},
      {R"(^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$)",
       "a lowercase DNS name (RFC 1123) without a wildcard or port"},
      {R"(^(\*\.)?[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$)",
       "a lowercase hostname (RFC 1123), optionally starting with '*.', without a scheme or port"},
      {R"(^[A-Za-z0-9!#$%&'*+\-.^_\x60|~]+$)",
       "an HTTP header or query parameter name (letters, digits and !#$%&'*+-.^_`|~; no ':' or '/')"},
      {R"(^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*\/[A-Za-z0-9\/\-._~%!$&'()*+,;=:]+$)",
       "a controller name of the form example.com/path"},
      {R"(^[!-~]+([\t ]?[!-~]+)*$)",
       "printable ASCII with single spaces or tabs between words (no line breaks, no leading or "
       "trailing space)"},
      {R"(^([0-9]{1,5}(h|m|s|ms)){1,4}$)",
       "a duration such as 10s, 1m30s or 500ms (1 to 4 parts of up to 5 digits with h, m, s or ms)"},
      {R"(^(?:[-A-Za-z0-9/._~!$&'()*+,;=:@]|[%][0-9a-fA-F]{2})+$)",
       "a URL path (letters, digits, -._~!$&'()*+,;=:@/ and %XX escapes)"},
  };
  for (const auto& [p, shape] : kShapes) {
    if (p == pattern) return shape;
  }
  return {};
}

class Validator {
 public:
  Validator(Object* obj, DiagnosticSink* diags) : obj_(*obj), diags_(diags) {}
  void Validate(Node* node, const Schema& s, const Schema* parent_schema);

 private:
  void ValidateObject(Node* node, const Schema& s, const Schema* parent_schema);
  void ValidateArray(Node* node, const Schema& s);
  void ValidateScalar(Node* node, const Schema& s);
  void ApplyDefaults(Node* node, const Schema& s);
  void CheckRequired(Node* node, const Schema& s);
  void ReportUnknownField(Node* map, uint32_t i, const Schema& s, const Schema* parent_schema);
  void CheckListUniqueness(Node* node, const Schema& s);
  void CheckEnum(Node* node, const Schema& s);
  void CheckString(Node* node, const Schema& s);
  void CheckNumber(Node* node, const Schema& s, double v);
  void CheckFormat(Node* node, const Schema& s);
  bool CheckScalarType(Node* node, const Schema& s);

  Object& obj_;
  DiagnosticSink* diags_;
};

void Validator::Validate(Node* node, const Schema& s, const Schema* parent_schema) {
  if (s.preserve_unknown && !s.HasProperties() && s.type != Schema::Type::kArray) return;
  if (s.int_or_string) {
    ScalarType t = node->IsScalar() ? ResolveScalar(*node) : ScalarType::kNull;
    if (!node->IsScalar() || (t != ScalarType::kInt && t != ScalarType::kString)) {
      Report(diags_, DiagCode::kWrongType, obj_, node,
             "expected an integer or a string, found " + NodeTypeName(*node));
    } else {
      CheckEnum(node, s);
    }
    return;
  }
  switch (s.type) {
    case Schema::Type::kObject:
      return ValidateObject(node, s, parent_schema);
    case Schema::Type::kArray:
      return ValidateArray(node, s);
    case Schema::Type::kAny:
      if (node->IsMap() && s.HasProperties()) ValidateObject(node, s, parent_schema);
      return;
    default:
      return ValidateScalar(node, s);
  }
}

void Validator::ApplyDefaults(Node* node, const Schema& s) {
  for (const auto& [name, prop] : s.properties) {
    if (prop->default_json.empty()) continue;
    Node* existing = node->Get(name);
    if (existing && !(existing->IsNull() && !prop->nullable)) continue;
    const Json& j = DefaultOf(*prop);
    if (j.is_discarded()) continue;
    Node* value = NodeFromJson(j, node, obj_.arena);
    if (existing) {  // a pruned null: replace it in place
      value->parent = node;
      value->index = existing->index;
      node->values[existing->index] = value;
      continue;
    }
    Key key;
    key.defaulted = true;
    key.span = node->span;
    key.style = ScalarStyle::kDoubleQuoted;
    key.text = obj_.arena->Intern(name);
    value->parent = nullptr;
    obj_.arena->Append(node, &key, value);
  }
}

void Validator::ValidateObject(Node* node, const Schema& s, const Schema* parent_schema) {
  if (!node->IsMap()) {
    Report(diags_, DiagCode::kWrongType, obj_, node,
           "expected a mapping (object), found " + NodeTypeName(*node));
    return;
  }
  ApplyDefaults(node, s);
  const bool free_form = s.preserve_unknown || s.embedded_resource;
  const bool root = node == obj_.root;
  for (uint32_t i = 0; i < node->size; ++i) {
    Node* value = node->values[i];
    if (!node->keys[i].scalar) continue;
    std::string_view key = node->keys[i].text;
    // Identity and metadata are the API server's own business (metadata_check.cc).
    if (root && (key == "metadata" || key == "apiVersion" || key == "kind")) continue;
    const Schema* prop = s.Property(key);
    if (!prop && s.additional_properties) prop = s.additional_properties.get();
    if (!prop) {
      if (!free_form) ReportUnknownField(node, i, s, parent_schema);
      continue;
    }
    if (value->IsNull() && !prop->nullable) continue;  // pruned by the API server
    Validate(value, *prop, &s);
  }
  CheckRequired(node, s);
  if (s.max_properties && node->size > *s.max_properties) {
    Report(diags_, DiagCode::kLimit, obj_, node,
           "has " + std::to_string(node->size) + " entries; at most " +
               std::to_string(*s.max_properties) + " are allowed");
  }
  if (s.min_properties && node->size < *s.min_properties) {
    Report(diags_, DiagCode::kLimit, obj_, node,
           "has " + std::to_string(node->size) + " entries; at least " +
               std::to_string(*s.min_properties) + " are required");
  }
}

void Validator::CheckRequired(Node* node, const Schema& s) {
  for (const std::string& r : s.required) {
    if (node == obj_.root && (r == "metadata" || r == "apiVersion" || r == "kind")) continue;
    const Node* v = node->Get(r);
    if (v && !v->IsNull()) continue;
    ReportMissing(diags_, DiagCode::kRequiredMissing, obj_, node, r,
                  "required field '" + r + "' is missing");
  }
}

void Validator::ReportUnknownField(Node* map, uint32_t i, const Schema& s,
                                   const Schema* parent_schema) {
  std::string_view key = map->keys[i].text;
  std::string hint;
  size_t best = 3;
  for (const auto& [name, prop] : s.properties) {
    size_t d = EditDistance(key, name);
    if (d < best && NearMiss(key, name)) {
      best = d;
      hint = "did you mean '" + name + "'?";
    }
  }
  if (hint.empty() && parent_schema && parent_schema->Property(key)) {
    hint = "'" + std::string(key) + "' is a field of the enclosing object; is it indented one level too deep?";
  }
  if (hint.empty()) {
    for (const auto& [name, prop] : s.properties) {
      const Schema* inner = prop->type == Schema::Type::kArray && prop->items ? prop->items.get()
                                                                               : prop.get();
      if (inner->Property(key)) {
        hint = "'" + std::string(key) + "' is a field of '" + name +
               "'; is it indented one level too shallow?";
        break;
      }
    }
  }
  std::string msg = "unknown field '" + std::string(key) + "'";
  if (!hint.empty()) msg += "; " + hint;
  Diagnostic d;
  d.code = DiagCode::kUnknownField;
  d.severity = InfoFor(d.code).default_severity;
  d.message = std::move(msg);
  d.span = map->keys[i].span;
  d.field_path = FieldPath(map->values[i]);
  d.object = obj_.Display();
  diags_->Add(std::move(d));
}

std::string ListKey(const Node& item, const std::vector<std::string>& keys) {
  std::string k;
  for (const std::string& name : keys) {
    const Node* v = item.Get(name);
    k += v && v->IsScalar() ? ScalarJson(*v) : "null";
    k.push_back('\x1f');
  }
  return k;
}

void Validator::CheckListUniqueness(Node* node, const Schema& s) {
  if ((s.list_type != "set" && s.list_type != "map") || node->size < 2) return;
  std::map<std::string, const Node*> seen;
  for (uint32_t i = 0; i < node->size; ++i) {
    const Node* item = node->values[i];
    std::string key;
    if (s.list_type == "map") {
      if (!item->IsMap()) continue;
      key = ListKey(*item, s.list_map_keys);
    } else {
      if (!item->IsScalar()) continue;
      key = ScalarJson(*item);
    }
    const Node* anchor = s.list_type == "map" && !s.list_map_keys.empty() && item->Get(s.list_map_keys[0])
                             ? item->Get(s.list_map_keys[0])
                             : item;
    auto [it, inserted] = seen.emplace(key, anchor);
    if (inserted) continue;
    std::string what;
    if (s.list_type == "map") {
      for (const std::string& k : s.list_map_keys) {
        const Node* v = item->Get(k);
        what += (what.empty() ? "" : ", ") + k + "=" + (v ? std::string(v->text) : "<unset>");
      }
    } else {
      what = "'" + std::string(item->text) + "'";
    }
    Report(diags_, DiagCode::kListDuplicate, obj_, anchor,
           "duplicate entry " + what + "; entries of this list must be unique" +
               (s.list_type == "map" ? " by their key" : ""),
           {Related(it->second, "first entry")});
  }
}

void Validator::ValidateArray(Node* node, const Schema& s) {
  if (!node->IsSeq()) {
    Report(diags_, DiagCode::kWrongType, obj_, node, "expected a list, found " + NodeTypeName(*node));
    return;
  }
  if (s.max_items && node->size > *s.max_items) {
    Report(diags_, DiagCode::kLimit, obj_, node,
           "has " + std::to_string(node->size) + " items; at most " + std::to_string(*s.max_items) +
               " are allowed");
  }
  if (s.min_items && node->size < *s.min_items) {
    Report(diags_, DiagCode::kLimit, obj_, node,
           "has " + std::to_string(node->size) + " items; at least " +
               std::to_string(*s.min_items) + " " + (*s.min_items == 1 ? "is" : "are") +
               " required");
  }
  if (s.items) {
    for (uint32_t i = 0; i < node->size; ++i) {
      Node* item = node->values[i];
      if (item->IsNull() && !s.items->nullable) {
        Report(diags_, DiagCode::kWrongType, obj_, item, "list item is empty (null)");
        continue;
      }
      Validate(item, *s.items, nullptr);
    }
  }
  CheckListUniqueness(node, s);
}

bool Validator::CheckScalarType(Node* node, const Schema& s) {
  if (!node->IsScalar()) {
    Report(diags_, DiagCode::kWrongType, obj_, node,
           "expected " + std::string(SchemaTypeName(s.type)) + ", found " + NodeTypeName(*node));
    return false;
  }
  ScalarType t = ResolveScalar(*node);
  bool ok = false;
  switch (s.type) {
    case Schema::Type::kString:
      ok = t == ScalarType::kString;
      if (!ok && node->style == ScalarStyle::kPlain && node->tag == YamlTag::kNone) {
        Report(diags_, DiagCode::kImplicitType, obj_, node,
               "unquoted '" + std::string(node->text) + "' is read as " +
                   std::string(ScalarTypeName(t)) + ", but a string is expected here",
               {}, "quote it: \"" + std::string(node->text) + "\"");
        return false;
      }
      break;
    case Schema::Type::kInteger:
      ok = ScalarInt(*node).has_value();
      break;
    case Schema::Type::kNumber:
      ok = t == ScalarType::kInt || t == ScalarType::kFloat;
      break;
    case Schema::Type::kBoolean:
      ok = t == ScalarType::kBool;
      break;
    default:
      ok = true;
  }
  if (!ok) {
    std::string hint;
    if (t == ScalarType::kString && node->style != ScalarStyle::kPlain) {
      hint = "remove the quotes";
    }
    Report(diags_, DiagCode::kWrongType, obj_, node,
           "expected " + std::string(SchemaTypeName(s.type)) + ", found " + NodeTypeName(*node),
           {}, hint);
  }
  return ok;
}

void Validator::CheckEnum(Node* node, const Schema& s) {
  if (s.enum_json.empty()) return;
  std::string value = ScalarJson(*node);
  if (std::find(s.enum_json.begin(), s.enum_json.end(), value) != s.enum_json.end()) return;
  std::string allowed;
  std::string near;
  for (const std::string& e : s.enum_json) {
    allowed += (allowed.empty() ? "" : ", ") + e;
    if (near.empty() && NearMiss(value, e)) near = e;
    // "Prefix" for "PathPrefix": one value inside the other.
    if (near.empty() && value.size() > 4 && e.find(value.substr(1, value.size() - 2)) != std::string::npos) near = e;
  }
  Report(diags_, DiagCode::kEnumValue, obj_, node,
         "unsupported value " + value + "; allowed: " + allowed, {},
         near.empty() ? "" : "did you mean " + near + "?");
}

void Validator::CheckString(Node* node, const Schema& s) {
  size_t len = CodePoints(node->text);
  if (s.max_length && len > *s.max_length) {
    Report(diags_, DiagCode::kLimit, obj_, node,
           "is " + std::to_string(len) + " characters long; at most " +
               std::to_string(*s.max_length) + " are allowed");
  }
  if (s.min_length && len < *s.min_length) {
    Report(diags_, DiagCode::kLimit, obj_, node,
           len == 0 ? "must not be empty"
                    : "is " + std::to_string(len) + " characters long; at least " +
                          std::to_string(*s.min_length) + " are required");
  }
  if (!s.pattern.empty()) {
    const RE2* re = PatternFor(s);
    if (re && !RE2::PartialMatch(node->text, *re)) {
      std::string_view shape = PatternShape(s.pattern);
      Report(diags_, DiagCode::kPattern, obj_, node,
             "'" + std::string(node->text.substr(0, 80)) + "' is not " +
                 (shape.empty() ? "of the required form" : std::string(shape)),
             {}, "the pattern is " + s.pattern);
    }
  }
  CheckFormat(node, s);
}

void Validator::CheckNumber(Node* node, const Schema& s, double v) {
  auto fmt = [](double d) { return Json(d == std::floor(d) ? Json(static_cast<int64_t>(d)) : Json(d)).dump(); };
  if (s.maximum && (v > *s.maximum || (s.exclusive_maximum && v == *s.maximum))) {
    Report(diags_, DiagCode::kLimit, obj_, node,
           fmt(v) + " is above the maximum of " + fmt(*s.maximum));
  }
  if (s.minimum && (v < *s.minimum || (s.exclusive_minimum && v == *s.minimum))) {
    Report(diags_, DiagCode::kLimit, obj_, node,
           fmt(v) + " is below the minimum of " + fmt(*s.minimum));
  }
  if (s.format == "int32" && (v > 2147483647.0 || v < -2147483648.0)) {
    Report(diags_, DiagCode::kFormat, obj_, node, fmt(v) + " does not fit in a 32-bit integer");
  }
}

bool IsBase64(std::string_view s) {
  size_t n = 0;
  for (char c : s) {
    if (c == '\n' || c == '\r' || c == ' ') continue;
    bool ok = std::isalnum(static_cast<unsigned char>(c)) || c == '+' || c == '/' || c == '=';
    if (!ok) return false;
    ++n;
  }
  return n % 4 == 0;
}

void Validator::CheckFormat(Node* node, const Schema& s) {
  if (s.format == "byte" && !IsBase64(node->text)) {
    Report(diags_, DiagCode::kFormat, obj_, node,
           "is not valid base64 (under data:, values must be base64-encoded; use stringData for "
           "plain text)");
  }
  if (s.format == "date-time") {
    static const RE2 re(R"(\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2}))");
    if (!RE2::FullMatch(node->text, re)) {
      Report(diags_, DiagCode::kFormat, obj_, node, "is not an RFC 3339 date-time");
    }
  }
}

void Validator::ValidateScalar(Node* node, const Schema& s) {
  if (!CheckScalarType(node, s)) return;
  CheckEnum(node, s);
  if (s.type == Schema::Type::kString) CheckString(node, s);
  if (s.type == Schema::Type::kInteger || s.type == Schema::Type::kNumber) {
    if (auto v = ScalarNumber(*node)) CheckNumber(node, s, *v);
  }
}

void ReportVersion(DiagCode code, const Object& obj, std::string msg, DiagnosticSink* diags) {
  const Node* api = obj.root->Get("apiVersion");
  Report(diags, code, obj, api, std::move(msg));
}

}  // namespace

const KindSchema* FindKindSchema(const Object& obj, const SchemaRegistry& schemas) {
  return schemas.Find(obj.group, obj.kind);
}

SchemaOutcome CheckSchema(Object* obj, const SchemaRegistry& schemas, DiagnosticSink* diags) {
  const KindSchema* ks = FindKindSchema(*obj, schemas);
  if (!ks) {
    std::string msg = "no schema for " + std::string(obj->api_version) + " " +
                      std::string(obj->kind) + "; only YAML-level checks ran";
    if (const KindSchema* other = schemas.FindKindInAnyGroup(obj->kind)) {
      msg += " (gwc knows " + std::string(obj->kind) + " in group '" + other->group + "')";
      Report(diags, DiagCode::kVersionNotServed, *obj, obj->root->Get("apiVersion"),
             std::string(obj->api_version) + " is not an API group of " + std::string(obj->kind) +
                 "; use " + (other->group.empty() ? "" : other->group + "/") +
                 other->versions.front().name);
      return SchemaOutcome::kNotServed;
    }
    std::string near;
    for (const KindSchema* k : schemas.KindsOfGroup(obj->group)) {
      if (near.empty() && NearMiss(obj->kind, k->kind)) near = k->kind;
    }
    // Gateway API groups are fully known, so any other kind there is a typo;
    // elsewhere (core, networking.k8s.io) only a near miss of a known kind is.
    bool whole_group_known = obj->group == "gateway.networking.k8s.io" ||
                             obj->group == "gateway.networking.x-k8s.io";
    if (!near.empty() || whole_group_known) {
      Report(diags, DiagCode::kVersionNotServed, *obj, obj->root->Get("kind"),
             "the API group '" + std::string(obj->group) + "' has no kind '" +
                 std::string(obj->kind) + "'" + (near.empty() ? "" : "; did you mean " + near + "?"));
      return SchemaOutcome::kNotServed;
    }
    Report(diags, DiagCode::kUnknownKind, *obj, obj->root->Get("kind"), msg, {},
           "add the CRD with --crd FILE");
    return SchemaOutcome::kUnknownKind;
  }
  const VersionSchema* vs = ks->Version(obj->version);
  if (!vs || !vs->served) {
    ReportVersion(DiagCode::kVersionNotServed, *obj,
                  std::string(obj->api_version) + " is not served for " + ks->kind +
                      "; served versions: " + ks->ServedVersions(),
                  diags);
    return SchemaOutcome::kNotServed;
  }
  if (vs->deprecated) {
    ReportVersion(DiagCode::kVersionDeprecated, *obj,
                  vs->deprecation_warning.empty()
                      ? std::string(obj->api_version) + " " + ks->kind + " is deprecated"
                      : vs->deprecation_warning,
                  diags);
  }
  if (!vs->root) return SchemaOutcome::kValidated;
  Validator(obj, diags).Validate(obj->root, *vs->root, nullptr);
  return SchemaOutcome::kValidated;
}

}  // namespace gwc

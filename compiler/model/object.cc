// Copyright 2026 The gwc Authors.
//
// Object extraction: identity fields, List unpacking, and the
// not-an-object diagnostic.

#include "compiler/model/object.h"

#include "compiler/model/scalar.h"

namespace gwc {

namespace {

void ReportNotObject(const Node* node, std::string message, DiagnosticSink* diags) {
  Diagnostic d;
  d.code = DiagCode::kNotAnObject;
  d.severity = InfoFor(d.code).default_severity;
  d.message = std::move(message);
  d.span = AnchorSpan(node);
  d.field_path = FieldPath(node);
  diags->Add(std::move(d));
}

bool IsStringScalar(const Node* n) {
  return n && n->IsScalar() && ResolveScalar(*n) == ScalarType::kString;
}

bool IsListKind(std::string_view kind) {
  return kind == "List" || (kind.size() > 4 && kind.substr(kind.size() - 4) == "List");
}

}  // namespace

void SplitApiVersion(std::string_view api_version, std::string_view* group,
                     std::string_view* version) {
  size_t slash = api_version.rfind('/');
  if (slash == std::string_view::npos) {
    *group = {};
    *version = api_version;
  } else {
    *group = api_version.substr(0, slash);
    *version = api_version.substr(slash + 1);
  }
}

std::string_view Object::Annotation(std::string_view key) const {
  const Node* a = Annotations();
  return a ? a->Str(key) : std::string_view();
}

std::string Object::Display() const {
  std::string s(kind);
  s.push_back(' ');
  if (!ns.empty()) s.append(ns).push_back('/');
  s.append(name.empty() ? std::string_view("<unnamed>") : name);
  return s;
}

void ExtractObjects(const SourceFile& file, Arena* arena, Node* root, std::vector<Object>* out,
                    DiagnosticSink* diags) {
  if (!root->IsMap()) {
    ReportNotObject(root,
                    std::string(root->parent ? "list item" : "document") + " is a " +
                        (root->IsSeq() ? "list" : "scalar") +
                        ", not a Kubernetes object (a mapping with apiVersion and kind)",
                    diags);
    return;
  }
  const Node* api = root->Get("apiVersion");
  const Node* kind = root->Get("kind");
  for (auto [field, node] : {std::pair{"apiVersion", api}, std::pair{"kind", kind}}) {
    if (IsStringScalar(node)) continue;
    ReportNotObject(node ? node : root,
                    node ? std::string(field) + " must be a string, not " +
                               (node->IsScalar() ? "'" + std::string(node->text) + "'" : "a collection")
                         : std::string("the document has no ") + field +
                               "; it is not a Kubernetes object",
                    diags);
    return;
  }
  Node* items = root->Get("items");
  // kind: List (v1) and typed lists such as HTTPRouteList carry items.
  if (IsListKind(kind->text) && (api->text == "v1" || (items && items->IsSeq()))) {
    if (items && items->IsSeq()) {
      for (uint32_t i = 0; i < items->size; ++i) {
        ExtractObjects(file, arena, items->values[i], out, diags);
      }
    } else if (items && !items->IsNull()) {
      ReportNotObject(items, "items of a List must be a list of objects", diags);
    }
    return;
  }
  Object obj;
  obj.root = root;
  obj.file = &file;
  obj.arena = arena;
  obj.api_version = api->text;
  SplitApiVersion(api->text, &obj.group, &obj.version);
  obj.kind = kind->text;
  obj.metadata = root->Get("metadata");
  if (obj.metadata && obj.metadata->IsMap()) {
    obj.name = obj.metadata->Str("name");
    obj.ns = obj.metadata->Str("namespace");
    obj.ns_explicit = !obj.ns.empty();
    const Node* annotations = obj.metadata->Get("annotations");
    obj.annotations = annotations && annotations->IsMap() ? annotations : nullptr;
  } else {
    obj.metadata = nullptr;
  }
  out->push_back(obj);
}

}  // namespace gwc

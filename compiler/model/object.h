// Copyright 2026 The gwc Authors.
//
// Kubernetes objects found in the input: one per document, or one per item of
// a `kind: List`. An Object points into its document tree and caches the
// identity fields every check needs (apiVersion, kind, namespace, name).

#ifndef GWC_MODEL_OBJECT_H_
#define GWC_MODEL_OBJECT_H_

#include <string>
#include <string_view>
#include <vector>

#include "compiler/base/diag.h"
#include "compiler/base/source.h"
#include "compiler/model/node.h"

namespace gwc {

// An error the API server would refuse the object for: one of its schema
// or validation rules (CheckObject records them; unknown fields, which the
// server prunes, are not among them).
struct ApiError {
  DiagCode code;           // the check that found it (its status reason, when it has one)
  std::string field_path;  // "spec.rules[0].backendRefs[1]"; may be empty
  std::string message;
};

struct Object {
  Node* root = nullptr;    // the object's mapping (mutable: schema defaulting)
  Arena* arena = nullptr;  // the arena of root's file, for defaulted nodes
  const SourceFile* file = nullptr;
  uint32_t ordinal = 0;  // position among all objects of the run (input order)
  std::string_view api_version;  // "gateway.networking.k8s.io/v1"
  std::string_view group;        // "gateway.networking.k8s.io", "" for core
  std::string_view version;      // "v1"
  std::string_view kind;         // "HTTPRoute"
  std::string_view name;         // metadata.name, may be empty
  std::string_view ns;           // effective namespace; empty for cluster-scoped kinds
  bool ns_explicit = false;      // metadata.namespace was written
  const Node* metadata = nullptr;
  const Node* annotations = nullptr;  // metadata.annotations when a mapping (dialects read it often)
  std::vector<ApiError> api_errors;   // set by CheckObject

  // Labels or annotations as a mapping node, or nullptr.
  const Node* Labels() const { return metadata ? metadata->Get("labels") : nullptr; }
  const Node* Annotations() const { return annotations; }
  std::string_view Annotation(std::string_view key) const;
  // "HTTPRoute shop/orders" or "GatewayClass public".
  std::string Display() const;
};

// Appends the objects of one document to `out`: the document itself, or the
// items of a List. Documents that are not objects (no apiVersion or kind,
// not a mapping) are reported as GWC1008 and skipped.
void ExtractObjects(const SourceFile& file, Arena* arena, Node* root, std::vector<Object>* out,
                    DiagnosticSink* diags);

// Splits "group/version" (or "v1" for the core group).
void SplitApiVersion(std::string_view api_version, std::string_view* group,
                     std::string_view* version);

}  // namespace gwc

#endif  // GWC_MODEL_OBJECT_H_

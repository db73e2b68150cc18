// Copyright 2026 The gwc Authors.
//
// Inventory file reading. The group of well-known kinds is inferred when
// neither group nor apiVersion is given.

#include "compiler/driver/inventory.h"


#include "compiler/frontend/loader.h"
#include "compiler/frontend/yaml_parser.h"
#include "compiler/model/object.h"
#include "compiler/model/scalar.h"

namespace gwc {

namespace {

std::string InferGroup(std::string_view kind) {
  static const char* kGatewayKinds[] = {"Gateway",   "GatewayClass", "HTTPRoute",      "GRPCRoute",
                                        "TLSRoute",  "TCPRoute",     "UDPRoute",       "ReferenceGrant",
                                        "ListenerSet", "BackendTLSPolicy"};
  for (const char* k : kGatewayKinds) {
    if (kind == k) return "gateway.networking.k8s.io";
  }
  if (kind == "Ingress" || kind == "IngressClass") return "networking.k8s.io";
  return "";
}

void InventoryError(const Node* at, std::string message, DiagnosticSink* diags) {
  Diagnostic d;
  d.code = DiagCode::kConfigInvalid;
  d.severity = Severity::kError;
  d.message = "inventory: " + std::move(message);
  d.span = AnchorSpan(at);
  d.field_path = FieldPath(at);
  diags->Add(std::move(d));
}

void ReadEntry(const Node& n, std::vector<InventoryEntry>* entries, DiagnosticSink* diags) {
  if (!n.IsMap() || n.Str("kind").empty() || n.Str("name").empty()) {
    InventoryError(&n, "each entry needs kind and name", diags);
    return;
  }
  InventoryEntry e;
  e.kind = std::string(n.Str("kind"));
  e.name = std::string(n.Str("name"));
  e.ns = std::string(n.Str("namespace"));
  if (const Node* g = n.Get("group")) {
    e.group = std::string(g->text);
  } else if (!n.Str("apiVersion").empty()) {
    std::string_view group, version;
    SplitApiVersion(n.Str("apiVersion"), &group, &version);
    e.group = std::string(group);
  } else {
    e.group = InferGroup(e.kind);
  }
  if (const Node* ports = n.Get("ports"); ports && ports->IsSeq()) {
    for (uint32_t i = 0; i < ports->size; ++i) {
      if (auto p = ScalarInt(*ports->values[i])) e.ports.push_back(static_cast<int>(*p));
    }
  }
  entries->push_back(std::move(e));
}

}  // namespace

bool LoadInventory(const std::string& path, SourceSet* sources,
                   std::vector<InventoryEntry>* entries, bool* has_objects,
                   DiagnosticSink* diags) {
  *has_objects = false;
  const SourceFile* file = ReadSourceFile(path, sources);
  if (!file) return false;
  ParsedFile parsed = ParseYaml(*file, ParseLimits{}, diags);
  for (const ParsedDocument& doc : parsed.documents) {
    if (!doc.root->Str("apiVersion").empty() && !doc.root->Str("kind").empty()) {
      *has_objects = true;
      continue;
    }
    const Node* objects = doc.root->Get("objects");
    if (!objects || !objects->IsSeq()) {
      InventoryError(doc.root, "expected Kubernetes objects or a top-level 'objects:' list", diags);
      continue;
    }
    for (uint32_t i = 0; i < objects->size; ++i) ReadEntry(*objects->values[i], entries, diags);
  }
  return true;
}

}  // namespace gwc

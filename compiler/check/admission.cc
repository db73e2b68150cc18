// Copyright 2026 The gwc Authors.
//
// Namespace selectors over the Namespace objects of the input, and whether a
// Gateway admits a ListenerSet.

#include "compiler/check/admission.h"

namespace gwc {

namespace {

// Namespace labels of `ns` as a lookup; every namespace has
// kubernetes.io/metadata.name. `known` is false when the Namespace object
// is not in the input and the selector needs more than that label.
std::string_view LabelOf(const Node* labels, std::string_view ns, std::string_view key,
                         bool* present, bool* known) {
  if (key == "kubernetes.io/metadata.name") {
    *present = true;
    return ns;
  }
  if (!labels) {
    *known = false;
    *present = false;
    return {};
  }
  const Node* v = labels->Get(key);
  *present = v != nullptr;
  return v ? v->text : std::string_view();
}

bool ExpressionMatches(const Node* expr, const Node* labels, std::string_view ns, bool* known) {
  std::string_view key = expr->Str("key"), op = expr->Str("operator");
  bool present = false;
  std::string_view value = LabelOf(labels, ns, key, &present, known);
  const Node* values = expr->Get("values");
  bool in_values = false;
  for (uint32_t i = 0; values && values->IsSeq() && i < values->size; ++i) {
    in_values |= present && values->values[i]->text == value;
  }
  if (op == "In") return in_values;
  if (op == "NotIn") return !in_values;
  if (op == "Exists") return present;
  if (op == "DoesNotExist") return !present;
  return false;
}

bool SelectorMatches(const Node* selector, const Node* labels, std::string_view ns, bool* known) {
  if (!selector || !selector->IsMap()) return false;
  const Node* ml = selector->Get("matchLabels");
  for (uint32_t i = 0; ml && ml->IsMap() && i < ml->size; ++i) {
    bool present = false;
    std::string_view v = LabelOf(labels, ns, ml->keys[i].text, &present, known);
    if (!present || v != ml->values[i]->text) return false;
  }
  const Node* exprs = selector->Get("matchExpressions");
  for (uint32_t i = 0; exprs && exprs->IsSeq() && i < exprs->size; ++i) {
    if (!ExpressionMatches(exprs->values[i], labels, ns, known)) return false;
  }
  return true;
}

}  // namespace

bool NamespaceSelected(const Index& index, const Node* selector, std::string_view ns,
                       bool* known) {
  return SelectorMatches(selector, index.NamespaceLabels(ns), ns, known);
}

bool ListenerSetAdmitted(const Index& index, const Object& gateway, const Object& listener_set,
                         std::string* from) {
  const Node* spec = gateway.root->Get("spec");
  const Node* al = spec ? spec->Get("allowedListeners") : nullptr;
  const Node* ns = al ? al->Get("namespaces") : nullptr;
  std::string_view f = ns ? ns->Str("from") : std::string_view();
  *from = f.empty() ? "None (the default)" : std::string(f);
  if (f == "All") return true;
  if (f == "Same") return gateway.ns == listener_set.ns;
  if (f == "Selector") {
    bool known = true;
    return NamespaceSelected(index, ns->Get("selector"), listener_set.ns, &known) || !known;
  }
  return false;
}

std::vector<Listener> ListenersSelectedBy(const Index& index, const ObjectRef& ref,
                                          const Object** parent) {
  std::vector<Listener> out;
  *parent = index.Find(ref.group, ref.kind, ref.ns, ref.name);
  if (!*parent) return out;
  for (const Listener& l : ListenersOf(**parent)) {
    if (!ref.section.empty() && l.name != ref.section) continue;
    if (ref.port && l.port != *ref.port) continue;
    out.push_back(l);
  }
  return out;
}

}  // namespace gwc

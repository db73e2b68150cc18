// Copyright 2026 The gwc Authors.
//
// networking.k8s.io/v1 Ingress: class resolution, backends, TLS coverage,
// the same host and path in several Ingresses, path and pathType pitfalls,
// annotations of the wrong controller, and *-snippet annotations.

#include <algorithm>
#include <optional>
#include <map>
#include <string>

#include "compiler/base/equal_groups.h"
#include "compiler/check/check.h"
#include "compiler/model/hostname.h"
#include "compiler/model/index.h"
#include "compiler/check/ingress_annotations.h"
#include "compiler/check/report.h"
#include "compiler/model/scalar.h"

namespace gwc {

namespace {

constexpr std::string_view kNetworkingGroup = "networking.k8s.io";
constexpr std::string_view kClassAnnotation = "kubernetes.io/ingress.class";
constexpr std::string_view kDefaultClassAnnotation = "ingressclass.kubernetes.io/is-default-class";

// Annotation prefixes of the controllers gwc knows, and the controller
// names (IngressClass spec.controller) that own them.
struct Dialect {
  std::string_view controller;
  std::string_view name;
  std::vector<std::string_view> prefixes;
};

const std::vector<Dialect>& Dialects() {
  static const std::vector<Dialect> dialects = {
      {"k8s.io/ingress-nginx", "ingress-nginx", {"nginx.ingress.kubernetes.io/"}},
      {"nginx.org/ingress-controller", "NGINX Ingress Controller", {"nginx.org/", "nginx.com/"}},
      {"ingress-controllers.konghq.com/kong", "Kong", {"konghq.com/", "configuration.konghq.com"}},
      {"traefik.io/ingress-controller", "Traefik", {"traefik.ingress.kubernetes.io/"}},
      {"haproxy.org/ingress-controller", "HAProxy", {"haproxy.org/"}},
  };
  return dialects;
}

const Dialect* DialectOfAnnotation(std::string_view key) {
  for (const Dialect& d : Dialects()) {
    for (std::string_view p : d.prefixes) {
      if (key.substr(0, p.size()) == p) return &d;
    }
  }
  return nullptr;
}

const Dialect* DialectOfController(std::string_view controller) {
  for (const Dialect& d : Dialects()) {
    if (d.controller == controller) return &d;
  }
  return nullptr;
}

struct ClassInfo {
  std::string_view name;
  const Object* ingress_class = nullptr;
};

ClassInfo ResolveClass(const Index& index, const Object& ing, DiagnosticSink* diags) {
  const Node* spec = ing.root->Get("spec");
  const Node* field = spec ? spec->Get("ingressClassName") : nullptr;
  if (field && field->IsNull()) field = nullptr;  // the API server drops nulls
  const Node* anns = ing.Annotations();
  const Node* annotation = anns && anns->IsMap() ? anns->Get(kClassAnnotation) : nullptr;
  ClassInfo info;
  if (annotation && (!field || annotation->text == field->text)) {  // different: CheckIngressSpec
    Report(diags, DiagCode::kIngressClass, ing, annotation,
           "the kubernetes.io/ingress.class annotation is deprecated", {},
           field ? "remove the annotation" : "use spec.ingressClassName: " + std::string(annotation->text));
  }
  info.name = field ? field->text : annotation ? annotation->text : std::string_view();
  const auto& classes = index.OfKind(kNetworkingGroup, "IngressClass");
  if (!info.name.empty()) {
    info.ingress_class = index.Find(kNetworkingGroup, "IngressClass", "", info.name);
    if (!info.ingress_class && !classes.empty() &&
        !index.FindInventory(kNetworkingGroup, "IngressClass", "", info.name)) {
      Report(diags, DiagCode::kIngressClass, ing, field ? field : annotation,
             "IngressClass '" + std::string(info.name) + "' is not in the input or the inventory");
    }
    return info;
  }
  std::vector<const Object*> defaults;
  for (const Object* c : classes) {
    if (c->Annotation(kDefaultClassAnnotation) == "true") defaults.push_back(c);
  }
  if (defaults.size() > 1) {
    Report(diags, DiagCode::kIngressClass, ing, spec ? spec : ing.root,
           "the Ingress names no class and " + std::to_string(defaults.size()) +
               " IngressClasses are marked default; the API server rejects Ingresses without a "
               "class until only one is",
           {Related(defaults[0]->metadata, "a default class"),
            Related(defaults[1]->metadata, "another default class")},
           "set spec.ingressClassName");
    return info;
  }
  if (!defaults.empty()) info.ingress_class = defaults[0];
  if (!info.ingress_class && !classes.empty()) {
    Report(diags, DiagCode::kIngressClass, ing, spec ? spec : ing.root,
           "the Ingress names no class and no IngressClass in the input is marked default; "
           "which controller serves it depends on the cluster",
           {}, "set spec.ingressClassName");
  }
  if (info.ingress_class) info.name = info.ingress_class->name;
  return info;
}

void CheckBackend(const Index& index, const Object& ing, const Node* backend,
                  DiagnosticSink* diags) {
  const Node* svc = backend ? backend->Get("service") : nullptr;
  if (!svc || !svc->IsMap()) return;
  std::string_view name = svc->Str("name");
  if (name.empty()) return;
  switch (index.Resolve("", "Service", ing.ns, name)) {
    case Resolution::kMissing:
      Report(diags, DiagCode::kIngressBackendNotFound, ing, svc->Get("name"),
             "Service " + std::string(ing.ns) + "/" + std::string(name) + " is not in the input");
      return;
    case Resolution::kNotInInput:
      Report(diags, DiagCode::kNotInInput, ing, svc,
             "Service " + std::string(ing.ns) + "/" + std::string(name) +
                 " cannot be checked: the input has no Service objects");
      return;
    default:
      break;
  }
  const Node* port = svc->Get("port");
  const IngressPort wanted = ReadIngressPort(port);
  const Node* number = wanted.number ? port->Get("number") : nullptr;
  std::string_view port_name = wanted.number ? std::string_view() : wanted.name;
  if (!wanted.number && port_name.empty()) return;  // CheckIngressSpec's business
  if (index.ServiceHasPort(ing.ns, name, wanted.number, port_name)) return;
  const Object* service = index.Find("", "Service", ing.ns, name);
  const Node* sspec = service ? service->root->Get("spec") : nullptr;
  const Node* ports = sspec ? sspec->Get("ports") : nullptr;
  std::vector<RelatedSpan> related;
  if (ports) related.push_back(Related(ports, "the Service's ports"));
  Report(diags, DiagCode::kIngressBackendNotFound, ing, number ? number : port,
         "Service " + std::string(ing.ns) + "/" + std::string(name) + " has no port " +
             (number ? std::string(number->text) : "named '" + std::string(port_name) + "'") +
             (service ? "" : " (per the inventory)"),
         std::move(related));
}

// ingress-nginx reads every path of the Ingress as a regular expression when
// use-regex or rewrite-target is set.
bool RegexMode(const Object& ing) {
  return ing.Annotation("nginx.ingress.kubernetes.io/use-regex") == "true" ||
         !ing.Annotation("nginx.ingress.kubernetes.io/rewrite-target").empty();
}

void CheckPath(const Object& ing, const Node* path_entry, DiagnosticSink* diags) {
  std::string_view type = path_entry->Str("pathType");
  const Node* path = path_entry->Get("path");
  if (type == "ImplementationSpecific") {
    // With ingress-nginx's regex mode this is the documented way to write a
    // regex path; otherwise Prefix or Exact says the same portably.
    if (!RegexMode(ing)) {
      Report(diags, DiagCode::kIngressPathType, ing, path_entry->Get("pathType"),
             "pathType ImplementationSpecific means a different thing on every controller "
             "(ingress-nginx reads it as a plain string prefix, gwc without a controller dialect "
             "as Prefix); nothing in this Ingress needs it",
             {}, "use Prefix or Exact");
    }
    return;
  }
  if (!path || !path->IsScalar() || path->text.empty() || path->text[0] != '/') return;  // CheckIngressSpec
  if (!RegexMode(ing) && path->text.find_first_of("()[]*+?$^|\\{}") != std::string_view::npos) {
    Report(diags, DiagCode::kIngressPathType, ing, path,
           "path '" + std::string(path->text) + "' contains regex characters, but pathType " +
               std::string(type) + " matches them literally");
  }
}

void CheckAnnotations(const Object& ing, const ClassInfo& cls, DiagnosticSink* diags) {
  const Node* anns = ing.Annotations();
  if (!anns || !anns->IsMap()) return;
  const Dialect* controller = nullptr;
  if (cls.ingress_class) {
    const Node* spec = cls.ingress_class->root->Get("spec");
    controller = DialectOfController(spec ? spec->Str("controller") : "");
  }
  for (uint32_t i = 0; i < anns->size; ++i) {
    std::string_view key = anns->keys[i].text;
    size_t slash = key.rfind('/');
    std::string_view name = slash == std::string_view::npos ? key : key.substr(slash + 1);
    if ((name.size() > 8 && name.substr(name.size() - 8) == "-snippet") ||
        (name.size() > 9 && name.substr(name.size() - 9) == "-snippets")) {
      ReportKey(diags, DiagCode::kSnippetAnnotation, ing, anns->values[i],
             "annotation '" + std::string(key) +
                 "' injects raw proxy configuration (a known path to reading the controller's "
                 "secrets); it cannot be migrated to Gateway API");
    }
    const Dialect* owner = DialectOfAnnotation(key);
    if (controller && owner && owner != controller) {
      ReportKey(diags, DiagCode::kAnnotationPrefix, ing, anns->values[i],
             "annotation '" + std::string(key) + "' is for " + std::string(owner->name) +
                 ", but IngressClass '" + std::string(cls.name) + "' is served by " +
                 std::string(controller->name) + ", which ignores it");
    }
  }
}

// One path of an Ingress rule, as the same-host-and-path check compares it.
struct RoutedPath {
  std::string_view class_name, host, path, path_type;
  const Node* entry;  // the paths[] element
  const Object* ingress;
  bool operator==(const RoutedPath& o) const {
    return class_name == o.class_name && host == o.host && path == o.path &&
           path_type == o.path_type;
  }
  uint64_t Hash() const {
    return HashText(HashText(HashText(HashText(0, class_name), host), path), path_type);
  }
};

void CheckRules(const Index& index, const Object& ing, const ClassInfo& cls,
                std::vector<RoutedPath>* routed, DiagnosticSink* diags) {
  const Node* spec = ing.root->Get("spec");
  const Node* rules = spec ? spec->Get("rules") : nullptr;
  for (uint32_t r = 0; rules && rules->IsSeq() && r < rules->size; ++r) {
    const Node* rule = rules->values[r];
    const Node* http = rule->Get("http");
    const Node* paths = http ? http->Get("paths") : nullptr;
    for (uint32_t p = 0; paths && paths->IsSeq() && p < paths->size; ++p) {
      const Node* entry = paths->values[p];
      if (!entry->IsMap()) continue;
      CheckPath(ing, entry, diags);
      CheckBackend(index, ing, entry->Get("backend"), diags);
      // An ingress-nginx canary shares its main Ingress's paths on purpose;
      // an Ingress the API server rejects shares nothing.
      if (ing.Annotation("nginx.ingress.kubernetes.io/canary") == "true" || RefusedWhole(ing)) continue;
      routed->push_back({cls.name, rule->Str("host"), entry->Str("path", "/"),
                         entry->Str("pathType"), entry, &ing});
    }
  }
}

// The same class, host, path and pathType in two rules: the controller
// keeps only one. (Repeats inside one paths list are the API server's
// business.)
void CheckRoutedTwice(const std::vector<RoutedPath>& routed, DiagnosticSink* diags) {
  std::vector<uint64_t> hashes;
  hashes.reserve(routed.size());
  for (const RoutedPath& r : routed) hashes.push_back(r.Hash());
  ForEachEqualGroup(
      hashes, [&](uint32_t a, uint32_t b) { return routed[a] == routed[b]; },
      [&](const std::vector<uint32_t>& group) {
        const RoutedPath& first = routed[group[0]];
        for (size_t k = 1; k < group.size(); ++k) {
          const RoutedPath& later = routed[group[k]];
          if (later.entry->parent == first.entry->parent) continue;
          const Node* path = later.entry->Get("path");
          Report(diags, DiagCode::kIngressPathConflict, *later.ingress, path ? path : later.entry,
                 "host '" + std::string(later.host) + "' path '" + std::string(later.path) +
                     "' is already routed by " +
                     (later.ingress == first.ingress ? "another rule of this Ingress"
                                                     : "another Ingress") +
                     "; the controller keeps only one",
                 {Related(first.entry, "also routed here")});
        }
      });
}

void CheckTls(const Index& index, const Object& ing, DiagnosticSink* diags) {
  const Node* spec = ing.root->Get("spec");
  const Node* tls = spec ? spec->Get("tls") : nullptr;
  const Node* rules = spec ? spec->Get("rules") : nullptr;
  if (!tls || !tls->IsSeq() || tls->size == 0) return;
  std::vector<const Node*> tls_hosts;
  bool default_host_entry = false;  // an entry without hosts covers the default host
  for (uint32_t t = 0; t < tls->size; ++t) {
    const Node* entry = tls->values[t];
    const Node* hosts = entry->Get("hosts");
    default_host_entry |= !hosts || !hosts->IsSeq() || hosts->size == 0;
    for (uint32_t h = 0; hosts && hosts->IsSeq() && h < hosts->size; ++h) tls_hosts.push_back(hosts->values[h]);
    std::string_view secret = entry->Str("secretName");
    if (!secret.empty() && index.Resolve("", "Secret", ing.ns, secret) == Resolution::kMissing) {
      Report(diags, DiagCode::kIngressTlsCoverage, ing, entry->Get("secretName"),
             "TLS Secret " + std::string(ing.ns) + "/" + std::string(secret) + " is not in the input");
    }
  }
  std::vector<std::string_view> rule_hosts;
  for (uint32_t r = 0; rules && rules->IsSeq() && r < rules->size; ++r) {
    const Node* host = rules->values[r]->Get("host");
    if (!host || !host->IsScalar()) continue;
    rule_hosts.push_back(host->text);
    bool covered = std::any_of(tls_hosts.begin(), tls_hosts.end(), [&](const Node* t) {
      return IngressHostnameMatches(t->text, host->text);
    });
    if (!covered && !default_host_entry) {
      Report(diags, DiagCode::kIngressTlsCoverage, ing, host,
             "host '" + std::string(host->text) + "' is in no tls entry, so it is served without "
             "this Ingress's certificates");
    }
  }
  for (const Node* t : tls_hosts) {
    bool used = std::any_of(rule_hosts.begin(), rule_hosts.end(),
                            [&](std::string_view h) { return IngressHostnameMatches(t->text, h); });
    if (!used && !rule_hosts.empty()) {
      Report(diags, DiagCode::kIngressTlsCoverage, ing, t,
             "TLS host '" + std::string(t->text) + "' has no rule in this Ingress");
    }
  }
}

}  // namespace

void CheckIngresses(const Index& index, DiagnosticSink* diags) {
  std::vector<RoutedPath> routed;
  for (const Object* ing : index.OfKind(kNetworkingGroup, "Ingress")) {
    if (ing->version != "v1") continue;
    ClassInfo cls = ResolveClass(index, *ing, diags);
    const Node* spec = ing->root->Get("spec");
    CheckBackend(index, *ing, spec ? spec->Get("defaultBackend") : nullptr, diags);
    CheckRules(index, *ing, cls, &routed, diags);
    CheckTls(index, *ing, diags);
    CheckAnnotations(*ing, cls, diags);
    CheckIngressAnnotations(*ing, diags);
  }
  CheckRoutedTwice(routed, diags);
}

}  // namespace gwc

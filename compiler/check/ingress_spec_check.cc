// Copyright 2026 The gwc Authors.
//
// What the API server's own validation of a networking.k8s.io/v1 Ingress
// refuses beyond its OpenAPI schema: neither rules nor a defaultBackend, a
// host that is no DNS name (an IP address, a misplaced wildcard, capitals),
// a rule with an empty path list, paths that are not clean absolute paths,
// a backend with both or neither of service and resource, a port with both
// or neither of name and number, malformed Service, port, Secret and class
// names, and a class annotation that contradicts spec.ingressClassName.
// Each finding is an error and makes the Ingress one the cluster would not
// store (CheckObject records it in Object::api_errors).

#include <string>

#include "compiler/check/check.h"
#include "compiler/check/metadata_check.h"
#include "compiler/check/report.h"
#include "compiler/check/rules_support.h"

namespace gwc {

namespace {

using rules::FieldOf;
using rules::IntOf;
using rules::ItemsOf;
using rules::MapOf;
using rules::TextOf;

// Why `host` is no valid Ingress host name: a DNS subdomain, or "*." and
// one for a wildcard; "" when it is one.
std::string HostNameProblem(std::string_view host) {
  if (host.find('*') == std::string_view::npos) return DnsSubdomainProblem(host);
  if (!host.starts_with("*.")) return "may hold '*' only as its whole first label ('*.example.com')";
  if (host.size() > 253) return "must be at most 253 characters";
  std::string rest = DnsSubdomainProblem(host.substr(2));
  return rest.empty() ? "" : "after '*.' " + rest;
}

// Why `name` is no valid Service port name (an IANA service name), or "".
std::string PortNameProblem(std::string_view name) {
  if (name.size() > 15) return "must be at most 15 characters";
  if (name.find_first_not_of("abcdefghijklmnopqrstuvwxyz0123456789-") != std::string_view::npos) {
    return "must consist of lowercase letters, digits and '-'";
  }
  if (name.find_first_of("abcdefghijklmnopqrstuvwxyz") == std::string_view::npos) return "must contain a letter";
  if (name.front() == '-' || name.back() == '-' || name.find("--") != std::string_view::npos) {
    return "must not start or end with '-' or hold '--'";
  }
  return "";
}

// Why `name` cannot be one segment of an API path (a resource's kind or
// name), or "".
std::string PathSegmentProblem(std::string_view name) {
  if (name == "." || name == "..") return "may not be '.' or '..'";
  if (name.find_first_of("/%") != std::string_view::npos) return "may not contain '/' or '%'";
  return "";
}

// Reports `what` at `at` with the code's consequence.
void Refuse(DiagnosticSink* diags, DiagCode code, const Object& ing, const Node* at, const std::string& what) {
  Report(diags, code, ing, at, what + "; the API server rejects the Ingress");
}

// A name field that must pass `problem` when set: reports "<noun> '<v>' <why>".
template <typename Problem>
void CheckName(const Object& ing, const Node* field, std::string_view noun, Problem problem, DiagnosticSink* diags) {
  std::string_view text = TextOf(field);
  if (text.empty()) return;
  if (std::string why = problem(text); !why.empty()) {
    Refuse(diags, DiagCode::kIngressInvalid, ing, field, std::string(noun) + " '" + std::string(text) + "' " + why);
  }
}

// A Service port: exactly one of a well-formed name and a number (0 is none).
void CheckServicePort(const Object& ing, const Node* service, DiagnosticSink* diags) {
  const Node* port = MapOf(service, "port");
  const Node* number = FieldOf(port, "number");
  const Node* name = FieldOf(port, "name");
  const bool has_number = number && IntOf(number) != 0, has_name = !TextOf(name).empty();
  if (has_number && has_name) {
    Refuse(diags, DiagCode::kIngressInvalid, ing, port, "the Service port sets both name and number");
  } else if (!has_number && !has_name) {
    Refuse(diags, DiagCode::kIngressInvalid, ing, port ? port : service, "the Service port needs a name or a number");
  } else {
    CheckName(ing, name, "port name", PortNameProblem, diags);
  }
}

// A backend: exactly one of service (a named Service and a port) and
// resource (a kind and name that fit an API path, a DNS apiGroup).
void CheckBackend(const Object& ing, const Node* backend, DiagnosticSink* diags) {
  if (!backend || !backend->IsMap()) return;
  const Node* service = FieldOf(backend, "service");
  const Node* resource = FieldOf(backend, "resource");
  if (service && resource) {
    Refuse(diags, DiagCode::kIngressInvalid, ing, backend, "the backend sets both service and resource");
  } else if (!service && !resource) {
    Refuse(diags, DiagCode::kIngressInvalid, ing, backend, "the backend needs a service or a resource");
  } else if (service && service->IsMap()) {
    if (TextOf(FieldOf(service, "name")).empty() && service->Get("name")) {
      Refuse(diags, DiagCode::kIngressInvalid, ing, service->Get("name"), "the Service name is empty");
    }
    CheckName(ing, FieldOf(service, "name"), "Service name", ServiceNameProblem, diags);
    CheckServicePort(ing, service, diags);
  } else if (resource && resource->IsMap()) {
    const Node* group = FieldOf(resource, "apiGroup");
    if (group && TextOf(group).empty()) {
      Refuse(diags, DiagCode::kIngressInvalid, ing, group, "the resource's apiGroup is empty (leave it out for the core group)");
    }
    CheckName(ing, group, "apiGroup", DnsSubdomainProblem, diags);
    CheckName(ing, FieldOf(resource, "kind"), "resource kind", PathSegmentProblem, diags);
    CheckName(ing, FieldOf(resource, "name"), "resource name", PathSegmentProblem, diags);
  }
}

// Exact and Prefix paths must be clean absolute paths, an
// ImplementationSpecific one absolute when set.
std::string PathProblem(std::string_view type, std::string_view path) {
  if (type == "ImplementationSpecific") {
    return path.empty() || path[0] == '/' ? "" : "must be an absolute path starting with '/'";
  }
  if (path.empty() || path[0] != '/') return "must be an absolute path starting with '/'";
  for (std::string_view bad : {"//", "/./", "/../", "%2f", "%2F"}) {
    if (path.find(bad) != std::string_view::npos) return "must not contain '" + std::string(bad) + "'";
  }
  for (std::string_view bad : {"/..", "/."}) {
    if (path.ends_with(bad)) return "must not end with '" + std::string(bad) + "'";
  }
  return "";
}

// One entry of a rule's http.paths: its path for its pathType, its backend.
void CheckPath(const Object& ing, const Node* entry, DiagnosticSink* diags) {
  if (!entry->IsMap()) return;
  std::string_view type = TextOf(FieldOf(entry, "pathType"));
  const Node* path = FieldOf(entry, "path");
  if (type == "Exact" || type == "Prefix" || type == "ImplementationSpecific") {
    if (!path && type != "ImplementationSpecific") {
      ReportMissing(diags, DiagCode::kIngressPathInvalid, ing, entry, "path",
                    "pathType " + std::string(type) + " needs a path; the API server rejects an "
                    "empty one (it must be an absolute path)");
    } else if (std::string p = PathProblem(type, TextOf(path)); path && !p.empty()) {
      Refuse(diags, DiagCode::kIngressPathInvalid, ing, path, "path '" + std::string(TextOf(path)) + "' " + p);
    }
  }
  CheckBackend(ing, FieldOf(entry, "backend"), diags);
}

// A rule: its host a DNS name (not an IP address), a non-empty path list.
void CheckRule(const Object& ing, const Node* rule, DiagnosticSink* diags) {
  if (!rule->IsMap()) return;
  const Node* host = FieldOf(rule, "host");
  if (std::string_view text = TextOf(host); rules::IsIpLikeHostname(text)) {
    Refuse(diags, DiagCode::kIngressInvalid, ing, host, "host '" + std::string(text) + "' must be a DNS name, not an IP address");
  } else {
    CheckName(ing, host, "host", HostNameProblem, diags);
  }
  const Node* paths = FieldOf(MapOf(rule, "http"), "paths");
  if (paths && paths->IsSeq() && paths->size == 0) {  // absent: the schema's GWC2004
    Refuse(diags, DiagCode::kIngressInvalid, ing, paths, "the rule's http.paths is empty");
  }
  for (const Node* entry : ItemsOf(paths)) CheckPath(ing, entry, diags);
}

// TLS entries: hosts as rule hosts (IP addresses pass), Secret names.
void CheckTls(const Object& ing, const Node* tls, DiagnosticSink* diags) {
  for (const Node* entry : ItemsOf(tls)) {
    for (const Node* host : ItemsOf(FieldOf(entry, "hosts"))) CheckName(ing, host, "TLS host", HostNameProblem, diags);
    CheckName(ing, FieldOf(entry, "secretName"), "Secret name", DnsSubdomainProblem, diags);
  }
}

// spec.ingressClassName: a DNS subdomain, and the legacy class annotation,
// when both are set, naming the same class.
void CheckClass(const Object& ing, const Node* spec, DiagnosticSink* diags) {
  const Node* field = FieldOf(spec, "ingressClassName");
  if (!field || !field->IsScalar()) return;
  if (std::string p = DnsSubdomainProblem(field->text); !p.empty()) {
    Refuse(diags, DiagCode::kIngressInvalid, ing, field, "ingressClassName '" + std::string(field->text) + "' " + p);
  }
  const Node* anns = ing.Annotations();
  const Node* annotation = anns && anns->IsMap() ? anns->Get("kubernetes.io/ingress.class") : nullptr;
  if (annotation && annotation->IsScalar() && annotation->text != field->text) {
    Report(diags, DiagCode::kIngressClassConflict, ing, annotation,
           "the kubernetes.io/ingress.class annotation ('" + std::string(annotation->text) +
               "') differs from spec.ingressClassName ('" + std::string(field->text) +
               "'); the API server rejects an Ingress whose two class settings disagree",
           {Related(field, "spec.ingressClassName")}, "remove the annotation");
  }
}

}  // namespace

void CheckIngressSpec(const Object& ing, DiagnosticSink* diags) {
  if (ing.group != "networking.k8s.io" || ing.kind != "Ingress" || ing.version != "v1") return;
  const Node* spec = MapOf(ing.root, "spec");
  const Node* rules = FieldOf(spec, "rules");
  const Node* def = FieldOf(spec, "defaultBackend");
  if (ItemsOf(rules).empty() && !def) {
    Report(diags, DiagCode::kIngressNoRules, ing, spec ? spec : ing.root,
           "the Ingress has neither rules nor a defaultBackend; the API server rejects it");
  }
  if (!spec) return;
  CheckBackend(ing, def, diags);
  for (const Node* rule : ItemsOf(rules)) CheckRule(ing, rule, diags);
  CheckTls(ing, FieldOf(spec, "tls"), diags);
  CheckClass(ing, spec, diags);
}

}  // namespace gwc

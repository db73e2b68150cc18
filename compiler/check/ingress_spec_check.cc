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

#include <arpa/inet.h>

#include <string>

#include "compiler/check/check.h"
#include "compiler/check/metadata_check.h"
#include "compiler/check/report.h"
#include "compiler/model/scalar.h"

namespace gwc {

namespace {

// An IPv4 address as the API server reads one (leading zeros allowed).
bool IsIPv4(std::string_view s) {
  int parts = 0;
  for (size_t start = 0; start <= s.size(); ++parts) {
    size_t dot = s.find('.', start);
    std::string_view part = s.substr(start, dot == std::string_view::npos ? s.npos : dot - start);
    if (part.empty() || part.size() > 3 || part.find_first_not_of("0123456789") != std::string_view::npos) return false;
    if (std::stoi(std::string(part)) > 255) return false;
    if (dot == std::string_view::npos) break;
    start = dot + 1;
  }
  return parts == 3;  // counted from 0: four parts
}

bool IsIPv6(std::string_view s) {
  unsigned char out[16];
  return s.find(':') != std::string_view::npos && inet_pton(AF_INET6, std::string(s).c_str(), out) == 1;
}

// Why `host` is no valid Ingress host name ("*." then a DNS subdomain for a
// wildcard), or "".
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

void Refuse(DiagnosticSink* diags, DiagCode code, const Object& ing, const Node* at, const std::string& what) {
  Report(diags, code, ing, at, what + "; the API server rejects the Ingress");
}

void CheckBackend(const Object& ing, const Node* backend, DiagnosticSink* diags) {
  if (!backend || !backend->IsMap()) return;
  const Node* service = backend->Get("service");
  const bool has_service = service && !service->IsNull(), has_resource = backend->Get("resource") != nullptr;
  if (has_service && has_resource) {
    Refuse(diags, DiagCode::kIngressInvalid, ing, backend, "the backend sets both service and resource");
    return;
  }
  if (!has_service && !has_resource) {
    Refuse(diags, DiagCode::kIngressInvalid, ing, backend, "the backend needs a service or a resource");
    return;
  }
  if (!service || !service->IsMap()) return;
  if (const Node* name = service->Get("name"); name && name->IsScalar() && !name->text.empty()) {
    if (std::string p = ServiceNameProblem(name->text); !p.empty()) {
      Refuse(diags, DiagCode::kIngressInvalid, ing, name, "Service name '" + std::string(name->text) + "' " + p);
    }
  }
  const Node* port = service->Get("port");
  const Node* number = port && port->IsMap() ? port->Get("number") : nullptr;
  const Node* port_name = port && port->IsMap() ? port->Get("name") : nullptr;
  std::optional<int64_t> n = number ? ScalarInt(*number) : std::nullopt;
  const bool has_number = number && !(n && *n == 0);  // 0 is no number
  const bool has_name = port_name && port_name->IsScalar() && !port_name->text.empty();
  if (has_number && has_name) {
    Refuse(diags, DiagCode::kIngressInvalid, ing, port, "the Service port sets both name and number");
  } else if (!has_number && !has_name) {
    Refuse(diags, DiagCode::kIngressInvalid, ing, port ? port : service, "the Service port needs a name or a number");
  } else if (has_name) {
    if (std::string p = PortNameProblem(port_name->text); !p.empty()) {
      Refuse(diags, DiagCode::kIngressInvalid, ing, port_name, "port name '" + std::string(port_name->text) + "' " + p);
    }
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

void CheckPath(const Object& ing, const Node* entry, DiagnosticSink* diags) {
  if (!entry->IsMap()) return;
  std::string_view type = entry->Str("pathType");
  if (type != "Exact" && type != "Prefix" && type != "ImplementationSpecific") return;  // the schema's business
  const Node* path = entry->Get("path");
  if ((!path || path->IsNull()) && type != "ImplementationSpecific") {
    ReportMissing(diags, DiagCode::kIngressPathInvalid, ing, entry, "path",
                  "pathType " + std::string(type) + " needs a path; the API server rejects an "
                  "empty one (it must be an absolute path)");
  } else if (path && path->IsScalar()) {
    if (std::string p = PathProblem(type, path->text); !p.empty()) {
      Refuse(diags, DiagCode::kIngressPathInvalid, ing, path, "path '" + std::string(path->text) + "' " + p);
    }
  }
  CheckBackend(ing, entry->Get("backend"), diags);
}

void CheckRule(const Object& ing, const Node* rule, DiagnosticSink* diags) {
  if (!rule->IsMap()) return;
  if (const Node* host = rule->Get("host"); host && host->IsScalar() && !host->text.empty()) {
    if (IsIPv4(host->text) || IsIPv6(host->text)) {
      Refuse(diags, DiagCode::kIngressInvalid, ing, host, "host '" + std::string(host->text) + "' must be a DNS name, not an IP address");
    } else if (std::string p = HostNameProblem(host->text); !p.empty()) {
      Refuse(diags, DiagCode::kIngressInvalid, ing, host, "host '" + std::string(host->text) + "' " + p);
    }
  }
  const Node* http = rule->Get("http");
  if (!http || !http->IsMap()) return;
  const Node* paths = http->Get("paths");
  if (paths && paths->IsSeq() && paths->size == 0) {
    Refuse(diags, DiagCode::kIngressInvalid, ing, paths, "the rule's http.paths is empty");
  }
  for (uint32_t i = 0; paths && paths->IsSeq() && i < paths->size; ++i) CheckPath(ing, paths->values[i], diags);
}

void CheckTls(const Object& ing, const Node* tls, DiagnosticSink* diags) {
  for (uint32_t t = 0; tls && tls->IsSeq() && t < tls->size; ++t) {
    const Node* entry = tls->values[t];
    if (!entry->IsMap()) continue;
    const Node* hosts = entry->Get("hosts");
    for (uint32_t h = 0; hosts && hosts->IsSeq() && h < hosts->size; ++h) {
      const Node* host = hosts->values[h];
      if (!host->IsScalar()) continue;
      if (std::string p = HostNameProblem(host->text); !p.empty()) {
        Refuse(diags, DiagCode::kIngressInvalid, ing, host, "TLS host '" + std::string(host->text) + "' " + p);
      }
    }
    if (const Node* secret = entry->Get("secretName"); secret && secret->IsScalar() && !secret->text.empty()) {
      if (std::string p = DnsSubdomainProblem(secret->text); !p.empty()) {
        Refuse(diags, DiagCode::kIngressInvalid, ing, secret, "Secret name '" + std::string(secret->text) + "' " + p);
      }
    }
  }
}

void CheckClass(const Object& ing, const Node* spec, DiagnosticSink* diags) {
  const Node* field = spec->Get("ingressClassName");
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
  const Node* spec = ing.root->Get("spec");
  if (!spec || !spec->IsMap()) spec = nullptr;
  const Node* rules = spec ? spec->Get("rules") : nullptr;
  const Node* def = spec ? spec->Get("defaultBackend") : nullptr;
  if ((!rules || !rules->IsSeq() || rules->size == 0) && (!def || def->IsNull())) {
    Report(diags, DiagCode::kIngressNoRules, ing, spec ? spec : ing.root,
           "the Ingress has neither rules nor a defaultBackend; the API server rejects it");
  }
  if (!spec) return;
  CheckBackend(ing, def, diags);
  for (uint32_t r = 0; rules && rules->IsSeq() && r < rules->size; ++r) CheckRule(ing, rules->values[r], diags);
  CheckTls(ing, spec->Get("tls"), diags);
  CheckClass(ing, spec, diags);
}

}  // namespace gwc

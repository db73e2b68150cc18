// Copyright 2026 The gwc Authors.
//
// The Gateway API CRD validation rules of the policy-like kinds as native
// checks: BackendTLSPolicy (B1-B8) and the experimental
// gateway.networking.x-k8s.io kinds XBackend and XBackendTrafficPolicy.
// XBackend's tls.validation block carries the same rules as
// BackendTLSPolicy's validation and is checked by the same functions.
//
// Rules whose discriminator (a SAN's type, XBackend's type or tls.mode) is
// absent are skipped: those fields are required, and the schema validator
// reports them. XBackendTrafficPolicy's targetRefs uniqueness is a list-map
// key, reported by the schema validator (GWC2008).

#include <optional>
#include <string>
#include <string_view>

#include "compiler/check/report.h"
#include "compiler/check/rules.h"
#include "compiler/check/rules_support.h"

namespace gwc {

namespace {

using rules::FieldOf;
using rules::ItemsOf;
using rules::MapOf;
using rules::Quoted;
using rules::TextOf;

constexpr rules::RefListRule kTargetRefRule = {
    .list_field = "targetRefs",
    .noun = "target",
    .default_group = "",
    .default_kind = "",
    .port_aware = false,
};

// A string field counts as set when present and non-empty; a present value
// of another type counts as set (the schema validator reports the type).
bool IsSetString(const Node* node) { return node && (!node->IsScalar() || !node->text.empty()); }
bool IsSetList(const Node* node) { return node && (!node->IsSeq() || node->size > 0); }

// ---- TLS validation (BackendTLSPolicy spec.validation, XBackend spec.tls.validation)

// B3-B4: exactly one of caCertificateRefs and wellKnownCACertificates.
void CheckCaSource(const Object& obj, const Node* validation, DiagnosticSink* diags) {
  const Node* refs = FieldOf(validation, "caCertificateRefs");
  const Node* well_known = FieldOf(validation, "wellKnownCACertificates");
  bool has_refs = IsSetList(refs);
  bool has_well_known = IsSetString(well_known);
  if (has_refs && has_well_known) {
    Report(diags, DiagCode::kBackendTlsCaSource, obj, well_known,
           "validation must not contain both caCertificateRefs and wellKnownCACertificates",
           {Related(refs, "caCertificateRefs is also set")});
  } else if (!has_refs && !has_well_known) {
    ReportMissing(diags, DiagCode::kBackendTlsCaSource, obj, validation, "caCertificateRefs",
                  "validation must specify either caCertificateRefs or wellKnownCACertificates");
  }
}

// B5-B8 for one SAN and one (type, field) pair.
void CheckSanField(const Object& obj, const Node* san, const Node* type, std::string_view wanted,
                   std::string_view field, DiagnosticSink* diags) {
  const Node* value = FieldOf(san, field);
  bool is_set = IsSetString(value);
  std::string type_text(TextOf(type));
  if (type_text == wanted && !is_set) {
    std::string message =
        "a subjectAltName of type " + std::string(wanted) + " must contain " + std::string(field);
    if (value) {
      Report(diags, DiagCode::kSubjectAltName, obj, value, message + " (it is empty)");
    } else {
      ReportMissing(diags, DiagCode::kSubjectAltName, obj, san, field, message);
    }
  } else if (type_text != wanted && is_set) {
    Report(diags, DiagCode::kSubjectAltName, obj, value,
           "a subjectAltName must not contain " + std::string(field) + " if its type is not " +
               std::string(wanted) + " (type is " + Quoted(type_text) + ")",
           {Related(type, "the subjectAltName type")});
  }
}

void CheckSubjectAltNames(const Object& obj, const Node* validation, DiagnosticSink* diags) {
  for (const Node* san : ItemsOf(FieldOf(validation, "subjectAltNames"))) {
    const Node* type = FieldOf(san, "type");
    if (!type) continue;
    CheckSanField(obj, san, type, "Hostname", "hostname", diags);
    CheckSanField(obj, san, type, "URI", "uri", diags);
  }
}

void CheckTlsValidation(const Object& obj, const Node* validation, DiagnosticSink* diags) {
  if (!validation) return;
  CheckCaSource(obj, validation, diags);
  CheckSubjectAltNames(obj, validation, diags);
}

// ---- XBackend ---------------------------------------------------------------

// externalHostname set if and only if type is ExternalHostname.
void CheckXBackendType(const Object& obj, const Node* spec, DiagnosticSink* diags) {
  const Node* type = FieldOf(spec, "type");
  if (!type) return;
  const Node* external = FieldOf(spec, "externalHostname");
  bool wants_external = TextOf(type) == "ExternalHostname";
  if (wants_external && !external) {
    ReportMissing(diags, DiagCode::kXBackendShape, obj, spec, "externalHostname",
                  "externalHostname must be set when type is ExternalHostname");
  } else if (!wants_external && external) {
    Report(diags, DiagCode::kXBackendShape, obj, external,
           "externalHostname must be unset when type is not ExternalHostname (type is " +
               Quoted(TextOf(type)) + ")",
           {Related(type, "the backend type")});
  }
}

// externalHostname.hostname: not *.cluster.local (the CRD rule) and not an
// IP address (what the CRD's message promises but its rule does not check).
void CheckXBackendHostname(const Object& obj, const Node* spec, DiagnosticSink* diags) {
  const Node* hostname = FieldOf(MapOf(spec, "externalHostname"), "hostname");
  if (!hostname || !hostname->IsScalar()) return;
  std::string_view text = hostname->text;
  if (text.ends_with(".cluster.local")) {
    Report(diags, DiagCode::kXBackendShape, obj, hostname,
           "externalHostname.hostname " + Quoted(text) +
               " ends with .cluster.local; hostname must not be an IP address or end with "
               ".cluster.local (in-cluster names are not external hosts)");
  } else if (rules::IsIpLikeHostname(text)) {
    Report(diags, DiagCode::kXBackendShape, obj, hostname,
           "externalHostname.hostname " + Quoted(text) +
               " is an IP address; hostname must not be an IP address or end with "
               ".cluster.local (the CRD rule checks only the suffix)");
  }
}

bool IsDnsLabel(std::string_view text) {
  if (text.empty() || text.size() > 63) return false;
  for (char c : text) {
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-')) return false;
  }
  return text.front() != '-' && text.back() != '-';
}

// port.name, when non-empty, is a DNS label.
void CheckXBackendPortName(const Object& obj, const Node* spec, DiagnosticSink* diags) {
  const Node* name = FieldOf(MapOf(spec, "port"), "name");
  if (!name || !name->IsScalar() || name->text.empty() || IsDnsLabel(name->text)) return;
  Report(diags, DiagCode::kXBackendShape, obj, name,
         "port name " + Quoted(name->text) +
             " must be a valid DNS label (at most 63 lowercase letters, digits and '-', "
             "starting and ending with a letter or digit)");
}

// tls.clientCertificateRef set if and only if tls.mode is ClientAndServer.
void CheckXBackendTlsMode(const Object& obj, const Node* tls, DiagnosticSink* diags) {
  const Node* mode = FieldOf(tls, "mode");
  if (!mode) return;
  const Node* client = FieldOf(tls, "clientCertificateRef");
  bool wants_client = TextOf(mode) == "ClientAndServer";
  if (wants_client && !client) {
    ReportMissing(diags, DiagCode::kXBackendShape, obj, tls, "clientCertificateRef",
                  "clientCertificateRef must be set when tls mode is ClientAndServer");
  } else if (!wants_client && client) {
    Report(diags, DiagCode::kXBackendShape, obj, client,
           "clientCertificateRef must be set if and only if tls mode is ClientAndServer (mode "
           "is " +
               Quoted(TextOf(mode)) + ")",
           {Related(mode, "the tls mode")});
  }
}

void CheckXBackend(const Object& obj, const Node* spec, DiagnosticSink* diags) {
  CheckXBackendType(obj, spec, diags);
  CheckXBackendHostname(obj, spec, diags);
  CheckXBackendPortName(obj, spec, diags);
  const Node* tls = MapOf(spec, "tls");
  CheckXBackendTlsMode(obj, tls, diags);
  CheckTlsValidation(obj, MapOf(tls, "validation"), diags);
}

// ---- XBackendTrafficPolicy ----------------------------------------------------

constexpr int64_t kSecondMs = 1000;
constexpr int64_t kHourMs = 3'600'000;

void CheckRetryIntervals(const Object& obj, const Node* retry, DiagnosticSink* diags) {
  const Node* budget = FieldOf(MapOf(retry, "budget"), "interval");
  std::optional<int64_t> budget_ms = rules::ParseGepDuration(TextOf(budget));
  if (budget_ms && (*budget_ms < kSecondMs || *budget_ms > kHourMs)) {
    Report(diags, DiagCode::kXBackendShape, obj, budget,
           "retry budget interval " + std::string(TextOf(budget)) +
               " is out of range; interval cannot be greater than one hour or less than one "
               "second");
  }
  const Node* rate = FieldOf(MapOf(retry, "minRetryRate"), "interval");
  std::optional<int64_t> rate_ms = rules::ParseGepDuration(TextOf(rate));
  if (rate_ms && (*rate_ms == 0 || *rate_ms > kHourMs)) {
    Report(diags, DiagCode::kXBackendShape, obj, rate,
           "minRetryRate interval " + std::string(TextOf(rate)) +
               " is out of range; interval must be greater than zero and cannot be greater "
               "than one hour");
  }
}

}  // namespace

void CheckPolicyRules(const Object& obj, DiagnosticSink* diags) {
  const Node* spec = MapOf(obj.root, "spec");
  if (!spec) return;
  if (obj.group == rules::kGatewayGroup && obj.kind == "BackendTLSPolicy") {
    rules::CheckRefListSections(obj, FieldOf(spec, "targetRefs"), kTargetRefRule, diags);
    CheckTlsValidation(obj, MapOf(spec, "validation"), diags);
  } else if (obj.group == rules::kExperimentalGroup && obj.kind == "XBackend") {
    CheckXBackend(obj, spec, diags);
  } else if (obj.group == rules::kExperimentalGroup && obj.kind == "XBackendTrafficPolicy") {
    CheckRetryIntervals(obj, MapOf(spec, "retryConstraint"), diags);
    rules::CheckSessionPersistence(obj, MapOf(spec, "sessionPersistence"), diags);
  }
}

}  // namespace gwc

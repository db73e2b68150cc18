// Copyright 2026 The gwc Authors.
//
// metadata checks the API server performs itself (and so no CRD schema
// carries): name and namespace syntax, label and annotation key syntax, and
// label and annotation values that must be strings.

#ifndef GWC_CHECK_METADATA_CHECK_H_
#define GWC_CHECK_METADATA_CHECK_H_

#include "compiler/base/diag.h"
#include "compiler/model/object.h"

namespace gwc {

// `namespaced` tells whether the kind is namespaced (a namespace on a
// cluster-scoped object is reported).
void CheckMetadata(const Object& obj, bool namespaced, DiagnosticSink* diags);

// Kubernetes name rules, exposed for other checks. Each returns an empty
// string when `s` is valid, otherwise the reason.
std::string DnsSubdomainProblem(std::string_view s);   // RFC 1123 subdomain, <= 253
std::string DnsLabelProblem(std::string_view s);       // RFC 1123 label, <= 63
std::string ServiceNameProblem(std::string_view s);    // RFC 1035 label: a label that starts with a letter
std::string QualifiedNameProblem(std::string_view s);  // label/annotation keys

}  // namespace gwc

#endif  // GWC_CHECK_METADATA_CHECK_H_

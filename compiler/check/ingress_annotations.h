// Copyright 2026 The gwc Authors.
//
// Names and values of controller annotations on an Ingress. Every annotation
// whose key starts with nginx.ingress.kubernetes.io/, nginx.org/, nginx.com/ or
// konghq.com/ is looked up in model/controller_annotations.def: a name the controller
// does not know (with the closest known name as a suggestion), a removed or a
// deprecated annotation is GWC6006 on the key; a string value of the wrong form
// for a known annotation is GWC6011 on the value.

#ifndef GWC_CHECK_INGRESS_ANNOTATIONS_H_
#define GWC_CHECK_INGRESS_ANNOTATIONS_H_

#include "compiler/base/diag.h"
#include "compiler/model/object.h"

namespace gwc {

// Checks metadata.annotations of `ingress` (a networking.k8s.io Ingress).
// Keys with other prefixes, non-string values (an unquoted `yes` is another
// check's finding) and cross-annotation rules are left alone.
void CheckIngressAnnotations(const Object& ingress, DiagnosticSink* diags);

}  // namespace gwc

#endif  // GWC_CHECK_INGRESS_ANNOTATIONS_H_

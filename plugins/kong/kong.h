// Copyright 2026 The gwc Authors.
//
// The Kong Ingress Controller (IngressClass controller
// ingress-controllers.konghq.com/kong, annotations konghq.com/*) as a
// dialect: each Ingress path becomes a Kong route, and Kong's router picks
// among all routes of a request's host, with routes without host as the
// fallback.
//
//  * Paths starting with the regex prefix (konghq.com/regex-prefix,
//    default "/~") are regexes anchored at the start; Kong tries them
//    before plain paths (higher konghq.com/regex-priority first).
//    ImplementationSpecific paths are plain string prefixes ("/a" also
//    matches "/ab"). On a host with either, every path is written as a
//    regex ranked the way Kong ranks them; otherwise Prefix and Exact keep
//    the specification's reading.
//  * strip-path: the matched prefix (or regex match) is removed.
//  * methods: the request's method must be one of them; headers.<name>:
//    the header must have one of the listed values.
//  * protocols "https" with https-redirect-status-code 301/302/307/308:
//    plain HTTP is redirected to https.
// Plugins (konghq.com/plugins), timeouts, retries and the rest are reported
// as not modelled.

#ifndef GWC_PLUGINS_KONG_KONG_H_
#define GWC_PLUGINS_KONG_KONG_H_

#include "compiler/ir/ingress_dialect.h"

namespace gwc {

class KongDialect : public IngressDialect {
 public:
  std::string_view controller() const override { return "ingress-controllers.konghq.com/kong"; }
  std::string_view annotation_prefix() const override { return "konghq.com/"; }
  void LowerHost(const Index& index, const std::string& host, const std::vector<IngressPath>& paths,
                 std::vector<IngressRule>* rules, std::vector<std::string>* warnings) const override;
  std::optional<int> HttpsRedirect(const Object& ingress, bool host_has_tls) const override;
  bool HostlessRulesBackNamedHosts() const override { return true; }
  bool DefaultBackendIsCatchAll(const Object& ingress) const override { return true; }
  std::vector<int> Ports(const Object&, bool) const override { return {}; }
  std::vector<AnnotationNote> Annotations(const Object& ingress) const override;
};

}  // namespace gwc

#endif  // GWC_PLUGINS_KONG_KONG_H_

// Copyright 2026 The gwc Authors.
//
// The ingress-nginx controller (IngressClass controller
// k8s.io/ingress-nginx) as a dialect: how it turns Ingresses into nginx
// server and location blocks, and so how it routes.
//
//  * use-regex, or rewrite-target on any Ingress of a host, switches every
//    path of that host (all Ingresses) to a case-insensitive regex anchored
//    at the start only (`~* "^<path>"`), tried longest path first.
//  * ImplementationSpecific paths otherwise read as Prefix (nginx matches
//    them as plain string prefixes; noted as partial).
//  * rewrite-target replaces the whole path (nginx `rewrite ... break`);
//    `$n` references take the path regex's captures.
//  * HTTPS: plain-HTTP requests for a host with TLS (or with
//    force-ssl-redirect) get a 308 to https unless ssl-redirect is "false".
//  * permanent-/temporal-redirect (temporal wins), app-root,
//    upstream-vhost, x-forwarded-prefix, CORS (enable-cors and cors-*).
//  * An Ingress's defaultBackend is the catch-all server's only when the
//    Ingress has no rules; otherwise it answers its own hosts only.
//  * Canary Ingresses (canary: "true") fold into the rule of the main
//    Ingress with the same host, path and type: by header (value, pattern,
//    "always"/"never"), then by weight.
// Everything else the controller reads (timeouts, limits, auth, snippets,
// ...) is reported as not modelled; see README.md.

#ifndef GWC_PLUGINS_INGRESS_NGINX_INGRESS_NGINX_H_
#define GWC_PLUGINS_INGRESS_NGINX_INGRESS_NGINX_H_

#include "compiler/ir/ingress_dialect.h"

namespace gwc {

class IngressNginxDialect : public IngressDialect {
 public:
  std::string_view controller() const override { return "k8s.io/ingress-nginx"; }
  std::string_view annotation_prefix() const override { return "nginx.ingress.kubernetes.io/"; }
  void LowerHost(const Index& index, const std::string& host, const std::vector<IngressPath>& paths,
                 std::vector<IngressRule>* rules, std::vector<std::string>* warnings) const override;
  std::optional<int> HttpsRedirect(const Object& ingress, bool host_has_tls) const override;
  bool HostlessRulesBackNamedHosts() const override { return false; }
  bool ServesEveryHostOverHttps() const override { return true; }
  bool DefaultBackendIsCatchAll(const Object& ingress) const override;
  std::vector<int> Ports(const Object&, bool) const override { return {}; }
  std::vector<AnnotationNote> Annotations(const Object& ingress) const override;
  std::optional<std::pair<std::string, int>> AliasRedirect(const Object& ingress, std::string_view host) const override;
};

}  // namespace gwc

#endif  // GWC_PLUGINS_INGRESS_NGINX_INGRESS_NGINX_H_

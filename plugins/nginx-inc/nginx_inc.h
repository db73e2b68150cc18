// Copyright 2026 The gwc Authors.
//
// NGINX Inc.'s NGINX Ingress Controller (IngressClass controller
// nginx.org/ingress-controller, annotations nginx.org/*) as a dialect.
//
//  * path-regex: case_sensitive (`~ "^path"`), case_insensitive
//    (`~* "^path"`) or exact (`= path`) for every path of the Ingress; any
//    other value fails the controller's validation and the Ingress is
//    ignored.
//  * rewrites: "serviceName=S rewrite=/p[;...]": paths served by S have
//    their location prefix replaced by /p.
//  * ssl-redirect (default on): plain HTTP for a host with TLS gets a 301
//    to https; redirect-to-https: requests carrying X-Forwarded-Proto: http
//    get a 301 to https (TLS ended by a load balancer in front).
//  * proxy-set-headers ("name:value,..."), proxy-hide-headers, hsts
//    (Strict-Transport-Security with hsts-max-age, hsts-include-subdomains).
//  * listen-ports, listen-ports-ssl: the ports the Ingress is served on.
// Upstream TLS (ssl-services), gRPC upstreams (grpc-services) and the rest
// are reported as not modelled; see README.md.

#ifndef GWC_PLUGINS_NGINX_INC_NGINX_INC_H_
#define GWC_PLUGINS_NGINX_INC_NGINX_INC_H_

#include "compiler/ir/ingress_dialect.h"

namespace gwc {

class NginxIncDialect : public IngressDialect {
 public:
  std::string_view controller() const override { return "nginx.org/ingress-controller"; }
  std::string_view annotation_prefix() const override { return "nginx.org/"; }
  void LowerHost(const Index& index, const std::string& host, const std::vector<IngressPath>& paths,
                 std::vector<IngressRule>* rules, std::vector<std::string>* warnings) const override;
  std::optional<int> HttpsRedirect(const Object& ingress, bool host_has_tls) const override;
  bool HostlessRulesBackNamedHosts() const override { return false; }
  bool DefaultBackendIsCatchAll(const Object& ingress) const override;
  std::vector<int> Ports(const Object& ingress, bool https) const override;
  std::vector<AnnotationNote> Annotations(const Object& ingress) const override;
};

}  // namespace gwc

#endif  // GWC_PLUGINS_NGINX_INC_NGINX_INC_H_

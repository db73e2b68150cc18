// Copyright 2026 The gwc Authors.

#include "plugins/registry.h"

#include "plugins/envoy-gateway/eg_policies.h"
#include "plugins/envoy-gateway/http_route_filter.h"
#include "plugins/ingress-nginx/ingress_nginx.h"
#include "plugins/kong/kong.h"
#include "plugins/kong/kong_plugin_filter.h"
#include "plugins/kong/kong_policies.h"
#include "plugins/nginx-inc/nginx_inc.h"

namespace gwc {

const std::vector<const IngressDialect*>& IngressDialects() {
  static const IngressNginxDialect ingress_nginx;
  static const NginxIncDialect nginx_inc;
  static const KongDialect kong;
  static const std::vector<const IngressDialect*> all = {&ingress_nginx, &nginx_inc, &kong};
  return all;
}

const std::vector<const FilterExtension*>& FilterExtensions() {
  static const EnvoyGatewayRouteFilter envoy_gateway_route_filter;
  static const KongPluginFilter kong_plugin_filter;
  static const std::vector<const FilterExtension*> all = {&envoy_gateway_route_filter, &kong_plugin_filter};
  return all;
}

const std::vector<const PolicySource*>& PolicySources() {
  static const KongPolicies kong;
  static const EnvoyGatewayPolicies envoy_gateway;
  static const std::vector<const PolicySource*> all = {&kong, &envoy_gateway};
  return all;
}

}  // namespace gwc

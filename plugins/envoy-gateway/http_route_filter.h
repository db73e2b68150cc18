// Copyright 2026 The gwc Authors.
//
// Envoy Gateway's HTTPRouteFilter (gateway.envoyproxy.io/v1alpha1), the
// target of an HTTPRoute `ExtensionRef` filter. Modelled: urlRewrite.path
// of type ReplaceRegexMatch (every match of the RE2 pattern replaced by the
// substitution, `\1`.. its captures, as Envoy's regex_rewrite does) and
// directResponse's statusCode (the rule answers with it; the body is not
// modelled). Anything else (credentialInjection, hostname rewrites from
// headers) is not modelled and the rule fails closed.

#ifndef GWC_PLUGINS_ENVOY_GATEWAY_HTTP_ROUTE_FILTER_H_
#define GWC_PLUGINS_ENVOY_GATEWAY_HTTP_ROUTE_FILTER_H_

#include "compiler/ir/filter_extension.h"

namespace gwc {

class EnvoyGatewayRouteFilter : public FilterExtension {
 public:
  std::string_view group() const override { return "gateway.envoyproxy.io"; }
  std::string_view kind() const override { return "HTTPRouteFilter"; }
  bool Lower(const Object& filter, ir::Filters* filters) const override;
};

}  // namespace gwc

#endif  // GWC_PLUGINS_ENVOY_GATEWAY_HTTP_ROUTE_FILTER_H_

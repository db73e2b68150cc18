// Copyright 2026 The gwc Authors.

#include "plugins/envoy-gateway/http_route_filter.h"

namespace gwc {

bool EnvoyGatewayRouteFilter::Lower(const Object& filter, ir::Filters* filters) const {
  const Node* spec = filter.root->Get("spec");
  const Node* rewrite = spec ? spec->Get("urlRewrite") : nullptr;
  const Node* path = rewrite ? rewrite->Get("path") : nullptr;
  const Node* regex = path ? path->Get("replaceRegexMatch") : nullptr;
  if (!path || path->Str("type") != "ReplaceRegexMatch" || !regex || regex->Str("pattern").empty()) return false;
  if (!filters->rewrite) filters->rewrite.emplace();
  filters->rewrite->path = ir::PathModifier{false, std::string(regex->Str("substitution")), std::string(regex->Str("pattern"))};
  return true;
}

}  // namespace gwc

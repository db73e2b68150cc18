// Copyright 2026 The gwc Authors.

#include "plugins/envoy-gateway/http_route_filter.h"

#include "compiler/model/scalar.h"

namespace gwc {

bool EnvoyGatewayRouteFilter::Lower(const Object& filter, ir::Filters* filters) const {
  const Node* spec = filter.root->Get("spec");
  if (const Node* response = spec ? spec->Get("directResponse") : nullptr) {
    std::optional<int64_t> status = response->Get("statusCode") ? ScalarInt(*response->Get("statusCode")) : std::nullopt;
    if (!status || *status < 100 || *status > 599) return false;
    filters->fail_status = static_cast<int>(*status);
    return true;
  }
  const Node* rewrite = spec ? spec->Get("urlRewrite") : nullptr;
  const Node* path = rewrite ? rewrite->Get("path") : nullptr;
  const Node* regex = path ? path->Get("replaceRegexMatch") : nullptr;
  if (!path || path->Str("type") != "ReplaceRegexMatch" || !regex || regex->Str("pattern").empty()) return false;
  if (!filters->rewrite) filters->rewrite.emplace();
  filters->rewrite->path = ir::PathModifier{false, std::string(regex->Str("substitution")), std::string(regex->Str("pattern"))};
  return true;
}

}  // namespace gwc

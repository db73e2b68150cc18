// Copyright 2026 The gwc Authors.
//
// Kong's KongPlugin (configuration.konghq.com) named by an HTTPRoute rule's
// ExtensionRef filter, as the Kong Ingress Controller attaches plugins to
// one rule. `request-termination` answers with its status_code (the rule
// reaches no backend). The policy plugins `gwc migrate --target kong`
// writes (rate-limiting, ip-restriction, request-size-limiting) and the
// authentication ones (key-auth, basic-auth, jwt, acl) do not change where
// a request goes, only whether it is let through, which gwc's route table
// does not decide yet: they are accepted with no effect on routing. Any
// other plugin fails the rule closed (500), as for an unknown filter.

#ifndef GWC_PLUGINS_KONG_KONG_PLUGIN_FILTER_H_
#define GWC_PLUGINS_KONG_KONG_PLUGIN_FILTER_H_

#include "compiler/ir/filter_extension.h"

namespace gwc {

class KongPluginFilter : public FilterExtension {
 public:
  std::string_view group() const override { return "configuration.konghq.com"; }
  std::string_view kind() const override { return "KongPlugin"; }
  bool Lower(const Object& plugin, ir::Filters* filters) const override;
};

}  // namespace gwc

#endif  // GWC_PLUGINS_KONG_KONG_PLUGIN_FILTER_H_

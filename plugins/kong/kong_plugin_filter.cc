// Copyright 2026 The gwc Authors.

#include "plugins/kong/kong_plugin_filter.h"

#include <algorithm>
#include <array>
#include <optional>
#include <string_view>

#include "compiler/model/scalar.h"

namespace gwc {

namespace {

// Plugins that decide whether a request may pass, not where it goes.
constexpr std::array<std::string_view, 7> kAdmissionPlugins = {
    "rate-limiting", "ip-restriction", "request-size-limiting", "key-auth", "basic-auth", "jwt", "acl"};

}  // namespace

bool KongPluginFilter::Lower(const Object& plugin, ir::Filters* filters) const {
  std::string_view name = plugin.root->Str("plugin");
  if (name == "request-termination") {
    const Node* config = plugin.root->Get("config");
    const Node* code = config ? config->Get("status_code") : nullptr;
    std::optional<int64_t> status = code ? ScalarInt(*code) : std::optional<int64_t>(503);  // Kong's default
    if (!status || *status < 100 || *status > 599) return false;
    filters->fail_status = static_cast<int>(*status);
    return true;
  }
  return std::find(kAdmissionPlugins.begin(), kAdmissionPlugins.end(), name) != kAdmissionPlugins.end();
}

}  // namespace gwc

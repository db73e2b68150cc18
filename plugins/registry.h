// Copyright 2026 The gwc Authors.
//
// The plugins compiled into gwc, as an explicit list (no static
// self-registration): a new plugin is added here and in CMakeLists.txt.

#ifndef GWC_PLUGINS_REGISTRY_H_
#define GWC_PLUGINS_REGISTRY_H_

#include <vector>

#include "compiler/ir/filter_extension.h"
#include "compiler/ir/ingress_dialect.h"
#include "compiler/ir/policy_source.h"
#include "plugins/istio/istio.h"  // LowerIstio

namespace gwc {

// Every Ingress controller dialect, one per controller name. The objects
// live for the whole process.
const std::vector<const IngressDialect*>& IngressDialects();

// Every vendor filter kind an HTTPRoute ExtensionRef may name.
const std::vector<const FilterExtension*>& FilterExtensions();

// Every vendor whose objects carry enforced policies, in the order they
// attach them.
const std::vector<const PolicySource*>& PolicySources();

}  // namespace gwc

#endif  // GWC_PLUGINS_REGISTRY_H_

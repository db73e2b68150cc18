// Copyright 2026 The gwc Authors.

#include "plugins/registry.h"

#include "plugins/ingress-nginx/ingress_nginx.h"

namespace gwc {

const std::vector<const IngressDialect*>& IngressDialects() {
  static const IngressNginxDialect ingress_nginx;
  static const std::vector<const IngressDialect*> all = {&ingress_nginx};
  return all;
}

}  // namespace gwc

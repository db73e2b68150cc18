// Copyright 2026 The gwc Authors.
//
// The route table of docs/format.md built from the IR: per Gateway and
// port a hash of listener hostnames, per listener a hash of the route
// hostnames programmed on it, per request hostname the path tables of each
// hostname tier (exact-path and prefix hash slots, regexes by prefix),
// and candidate lists already in Gateway API precedence order. Everything
// is laid out in IR order, which the lowering makes independent of input
// order, so equal inputs give equal bytes.

#ifndef GWC_EMIT_ROUTE_TABLE_H_
#define GWC_EMIT_ROUTE_TABLE_H_

#include <cstddef>

#include "compiler/emit/artifact_writer.h"
#include "compiler/ir/ir.h"

namespace gwc {

struct RouteTableStats {
  size_t gateways = 0, listeners = 0, routes = 0, rules = 0, matches = 0;
  size_t virtual_hosts = 0, path_tables = 0, exact_paths = 0, prefix_keys = 0, regexes = 0;
};

// Adds every route-table section to `writer`. Returns what it wrote.
RouteTableStats EmitRouteTable(const ir::Program& program, ArtifactWriter* writer);

}  // namespace gwc

#endif  // GWC_EMIT_ROUTE_TABLE_H_

// Copyright 2026 The gwc Authors.
//
// `gwc diff OLD NEW`: how two configurations route differently. Both are
// compiled into route tables in memory; requests are generated from every
// match of both (each path's representative and its boundaries: trailing
// slash, letter case, a prefix's element edge, a deeper path; each host a
// route answers, one label under a wildcard and two; the match's method
// and another; its headers and query parameters present and absent), sent
// through both tables, and every request whose outcome differs is
// reported with the fields that differ (status, backends, the host, path
// and headers the backend sees, redirect, response headers, mirrors,
// timeouts), grouped by the route that answered it in OLD. Which route
// answers is not itself compared: a migration renames routes.

#ifndef GWC_DRIVER_DIFF_H_
#define GWC_DRIVER_DIFF_H_

#include <iosfwd>
#include <map>
#include <string>
#include <vector>

#include "compiler/driver/compile.h"
#include "gwrt/router.h"

namespace gwc {

struct DiffSettings {
  bool json = false;
  // OLD Gateway "ns/name" → the NEW Gateway that takes its place (a
  // migration renames them); others are compared under their own names.
  std::map<std::string, std::string> gateway_renames;
  // Sends no probe to HTTPS listeners a controller serves with its default
  // certificate (a migration writes none: docs/migrate.md).
  bool skip_default_certificates = false;
};

struct DiffOptions {
  CompileOptions old_config, new_config;  // `paths` each; the rest as for compile
  DiffSettings settings;
};

// The requests `gwc diff` sends for `program`: the probes of every match
// of every attached route, without duplicates, in a stable order.
std::vector<gwrt::Request> ProbeRequests(const ir::Program& program);

// Compares two compiled configurations and prints the differences on
// `out`. Returns 0 when every probe is answered the same, 1 when one is
// not, 3 when a table does not verify (an internal error).
int DiffCompiled(const Compiled& old_side, const Compiled& new_side, const DiffSettings& settings, std::ostream& out,
                 std::ostream& err);

// Returns 0 when every probe is answered the same, 1 when one is not, 2
// when an input cannot be read or holds no objects, 3 internal error.
int RunDiff(const DiffOptions& options, std::ostream& out, std::ostream& err);

}  // namespace gwc

#endif  // GWC_DRIVER_DIFF_H_

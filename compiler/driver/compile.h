// Copyright 2026 The gwc Authors.
//
// `gwc compile`: load the manifests, validate each object (which also
// applies the CRD defaults the API server would), lower the Gateway API
// objects to the route IR and write the .gwb artifact. Also the library
// entry point `gwc test` and the conformance runner compile through.

#ifndef GWC_DRIVER_COMPILE_H_
#define GWC_DRIVER_COMPILE_H_

#include <functional>
#include <iosfwd>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "compiler/base/diag.h"
#include "compiler/emit/route_table.h"
#include "compiler/frontend/loader.h"
#include "compiler/ir/ir.h"
#include "compiler/model/schema_registry.h"

namespace gwc {

struct CompileOptions {
  std::vector<std::string> paths;  // files, directories, "-"
  std::string output;              // -o; empty: no file written
  bool stats = false;              // table statistics and timings on stderr
  Channel channel = Channel::kExperimental;
  std::string default_namespace = "default";
  unsigned threads = 0;
  ParseLimits limits;
  // Called on every object after loading and before validation (the
  // conformance runner applies the upstream harness's edits here). May be
  // empty.
  std::function<void(Object*)> rewrite;
  // False: what `gwc migrate` translates (Ingresses, Istio Gateways and
  // VirtualServices) is read and checked but not routed (`--verify`
  // compiles its output next to the inputs it replaces).
  bool lower_migration_sources = true;
  // False: vendor policies (plugins/ policy sources) are not attached, so
  // the table only routes. `gwc migrate --verify` compares routing: the
  // dialects record Ingress policies for migration without enforcing them.
  bool attach_policies = true;
  // Only objects of these kinds are validated (and defaulted); empty: all.
  // `gwc migrate` reads a whole repository but translates few kinds.
  std::vector<std::string> checked_kinds;
};

struct Compiled {
  LoadedInputs inputs;                  // owns the trees and the sources
  std::vector<Diagnostic> diagnostics;  // per-object findings, sorted
  std::vector<std::string> warnings;    // lowering notes (Ingress paths read as Prefix, ...)
  ir::Program program;
  RouteTableStats stats;
  std::string artifact;                 // the .gwb bytes
};

// Loads and validates (applying defaults) into out->inputs and
// out->diagnostics. Fails only when the schemas cannot be loaded.
Status LoadChecked(const CompileOptions& options, Compiled* out);

// LoadChecked, then lowers and emits. Fails only when the schemas cannot
// be loaded (an internal error); unreadable files and invalid objects are
// diagnostics. Routes and route rules the API server would refuse are
// left out (rule_validity.h); other objects it would refuse still compile
// the way a controller that received them would program them.
Status CompileInputs(const CompileOptions& options, Compiled* out);

// Prints on `err` the errors of inputs that could not be read whole (YAML
// syntax, encoding, limits), then "gwc: N input error(s); `consequence`".
// Returns whether there were any: a command that would otherwise drop
// objects unseen stops then.
bool ReportUnreadable(const Compiled& compiled, std::string_view consequence, std::ostream& err);

// A route rule, or a whole HTTPRoute or GRPCRoute (rule -1), that no
// controller programs (rule_validity.h), and the first reason.
struct LeftOut {
  const Object* route;
  int rule;
  std::string reason;
};
std::vector<LeftOut> LeftOutOfCompile(const Compiled& compiled);

// Prints on `err` "gwc: warning: <object> is left out: <reason>" for each
// object RefusedWhole names (index.h), then "gwc: warning: <route>
// [spec.rules[i]] is left out: <reason>" for each of LeftOutOfCompile.
void WarnLeftOut(const Compiled& compiled, std::ostream& err);

// When any input object has errors (every rule left out comes with one):
// WarnLeftOut, then "gwc: warning: the input has N error(s) (gwc lint
// lists them); `consequence`".
void WarnInvalidObjects(const Compiled& compiled, std::string_view consequence, std::ostream& err);

// The command: writes `options.output`, prints error diagnostics and the
// summary on `err`. Returns the exit code: 0, 1 when an input had errors
// (the artifact is still written), 2 when the output cannot be written or
// nothing was read, 3 internal error.
int RunCompile(const CompileOptions& options, std::ostream& out, std::ostream& err);

}  // namespace gwc

#endif  // GWC_DRIVER_COMPILE_H_

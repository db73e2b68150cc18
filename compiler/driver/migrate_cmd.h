// Copyright 2026 The gwc Authors.
//
// `gwc migrate PATH...`: Ingresses (with their IngressClasses and
// Services) to Gateway API YAML on stdout or one file per namespace under
// `-o DIR`; what every annotation became on stderr as a table and with
// `--report FILE` as JSON; `--verify` compiles the input under its
// controller's dialect and the output as Gateway API and compares them
// with the `gwc diff` engine.

#ifndef GWC_DRIVER_MIGRATE_CMD_H_
#define GWC_DRIVER_MIGRATE_CMD_H_

#include <iosfwd>
#include <string>

#include "compiler/driver/compile.h"
#include "compiler/migrate/migrate.h"

namespace gwc {

struct MigrateCommandOptions {
  CompileOptions input;    // paths ("-" for stdin), default namespace, limits
  MigrateOptions migrate;  // target, --gateway, --gateway-namespace
  std::string output_dir;  // -o: one <namespace>.yaml per namespace; empty: stdout
  std::string report;      // --report: the loss report as JSON
  bool strict = false;     // exit 1 when anything is not fully translated
  bool verify = false;     // compare input and output routing
  // Leave what the run built to the operating system (KeepUntilExit): for
  // the command-line tool, which exits right after.
  bool keep_memory_until_exit = false;
};

// Returns 0 on success; 1 when --verify finds a request routed differently
// or --strict finds something not fully translated; 2 when nothing can be
// read or an output cannot be written; 3 internal error.
int RunMigrate(const MigrateCommandOptions& options, std::ostream& out, std::ostream& err);

}  // namespace gwc

#endif  // GWC_DRIVER_MIGRATE_CMD_H_

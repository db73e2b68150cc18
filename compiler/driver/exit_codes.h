// Copyright 2026 The gwc Authors.
//
// Process exit codes, the same for every command and output format
// (DESIGN.md section 4).

#ifndef GWC_DRIVER_EXIT_CODES_H_
#define GWC_DRIVER_EXIT_CODES_H_

namespace gwc {

enum ExitCode : int {
  kExitOk = 0,        // nothing at or above --fail-on
  kExitFindings = 1,  // findings, failed tests, or lost migration features with --strict
  kExitUsage = 2,     // usage error, unreadable input, invalid artifact
  kExitInternal = 3,  // a bug in gwc
};

}  // namespace gwc

#endif  // GWC_DRIVER_EXIT_CODES_H_

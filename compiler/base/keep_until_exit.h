// Copyright 2026 The gwc Authors.
//
// Memory a command-line run leaves to the operating system. Freeing a
// large input's hundreds of thousands of small objects one by one after
// the work is done took a tenth of a 10k-Ingress migration; the process
// is about to exit, so the objects are kept instead. They stay reachable
// from a global list (leak checkers do not report them) that is never
// destroyed. Only the command-line tool should ask for this: a library
// caller running many times would keep every run's memory.

#ifndef GWC_BASE_KEEP_UNTIL_EXIT_H_
#define GWC_BASE_KEEP_UNTIL_EXIT_H_

#include <memory>

namespace gwc {

// Takes `object` and never destroys it. Thread-safe.
void KeepUntilExit(std::shared_ptr<void> object);

template <typename T>
void KeepUntilExit(std::unique_ptr<T> object) {
  KeepUntilExit(std::shared_ptr<void>(std::move(object)));
}

}  // namespace gwc

#endif  // GWC_BASE_KEEP_UNTIL_EXIT_H_

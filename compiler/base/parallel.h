// Copyright 2026 The gwc Authors.
//
// A minimal parallel loop over indices, used to read, parse and check files
// on all cores.

#ifndef GWC_BASE_PARALLEL_H_
#define GWC_BASE_PARALLEL_H_

#include <cstddef>
#include <functional>

namespace gwc {

// Runs `work(i)` for every i in [0, count) on up to `threads` threads
// (0: one per core). Returns when all calls have returned. Items are handed
// out dynamically, so uneven items balance across threads.
void ParallelFor(size_t count, unsigned threads, const std::function<void(size_t)>& work);

}  // namespace gwc

#endif  // GWC_BASE_PARALLEL_H_

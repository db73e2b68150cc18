// Copyright 2026 The gwc Authors.
//
// ParallelFor with std::thread and an atomic work counter.

#include "compiler/base/parallel.h"

#include <algorithm>
#include <atomic>
#include <thread>
#include <vector>

namespace gwc {

void ParallelFor(size_t count, unsigned threads, const std::function<void(size_t)>& work) {
  if (threads == 0) threads = std::max(1u, std::thread::hardware_concurrency());
  threads = static_cast<unsigned>(std::min<size_t>(threads, count));
  if (threads <= 1) {
    for (size_t i = 0; i < count; ++i) work(i);
    return;
  }
  std::atomic<size_t> next{0};
  auto loop = [&] {
    for (size_t i = next++; i < count; i = next++) work(i);
  };
  std::vector<std::thread> pool;
  for (unsigned t = 1; t < threads; ++t) pool.emplace_back(loop);
  loop();
  for (std::thread& th : pool) th.join();
}

}  // namespace gwc

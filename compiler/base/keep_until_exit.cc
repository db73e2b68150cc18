// Copyright 2026 The gwc Authors.

#include "compiler/base/keep_until_exit.h"

#include <mutex>
#include <vector>

namespace gwc {

void KeepUntilExit(std::shared_ptr<void> object) {
  static std::mutex mu;
  static auto* kept = new std::vector<std::shared_ptr<void>>();  // never destroyed, by design
  std::lock_guard<std::mutex> lock(mu);
  kept->push_back(std::move(object));
}

}  // namespace gwc

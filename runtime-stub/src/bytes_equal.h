// Copyright 2026 The gwc Authors.
//
// Private to the runtime: comparing short byte strings inline. For keys of
// a few dozen bytes a call into the C library costs more than the
// comparison itself.

#ifndef GWRT_SRC_BYTES_EQUAL_H_
#define GWRT_SRC_BYTES_EQUAL_H_

#include <cstddef>
#include <cstdint>
#include <cstring>

namespace gwrt {

// Whether n bytes at a and b are equal: a word at a time, then the tail.
inline bool BytesEqual(const void* a, const void* b, size_t n) {
  const auto* x = static_cast<const uint8_t*>(a);
  const auto* y = static_cast<const uint8_t*>(b);
  size_t i = 0;
  for (; i + 8 <= n; i += 8) {
    uint64_t u, v;
    std::memcpy(&u, x + i, 8);
    std::memcpy(&v, y + i, 8);
    if (u != v) return false;
  }
  for (; i < n; ++i) {
    if (x[i] != y[i]) return false;
  }
  return true;
}

}  // namespace gwrt

#endif  // GWRT_SRC_BYTES_EQUAL_H_

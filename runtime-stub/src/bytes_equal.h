// Copyright 2026 The gwc Authors.
//
// Private to the runtime: comparing short byte strings inline. For keys of
// a few dozen bytes a call into the C library costs more than the
// comparison itself. ByteMatches compares eight bytes with one byte at
// once, so that a scan takes a branch per word, not per byte.

#ifndef GWRT_SRC_BYTES_EQUAL_H_
#define GWRT_SRC_BYTES_EQUAL_H_

#include <bit>
#include <cstddef>
#include <cstdint>
#include <cstring>

namespace gwrt {

// Whether n bytes at a and b are equal: a word at a time, the last word
// overlapping the one before; under eight bytes, two overlapping halves.
inline bool BytesEqual(const void* a, const void* b, size_t n) {
  const auto* x = static_cast<const uint8_t*>(a);
  const auto* y = static_cast<const uint8_t*>(b);
  auto same = [&](size_t at, size_t width) {
    uint64_t u = 0, v = 0;
    std::memcpy(&u, x + at, width);
    std::memcpy(&v, y + at, width);
    return u == v;
  };
  if (n >= 8) {
    for (size_t i = 0; i + 8 < n; i += 8) {
      if (!same(i, 8)) return false;
    }
    return same(n - 8, 8);
  }
  if (n >= 4) return same(0, 4) && same(n - 4, 4);
  return n == 0 || (x[0] == y[0] && x[n / 2] == y[n / 2] && x[n - 1] == y[n - 1]);
}

// The eight bytes at p as a word, byte i at bits 8i..8i+7 (any host order).
inline uint64_t LoadWord(const void* p) {
  const auto* b = static_cast<const uint8_t*>(p);
  uint64_t w;
  std::memcpy(&w, b, 8);
  if constexpr (std::endian::native == std::endian::big) w = __builtin_bswap64(w);
  return w;
}

// Stores `word` as LoadWord reads it.
inline void StoreWord(void* p, uint64_t w) {
  if constexpr (std::endian::native == std::endian::big) w = __builtin_bswap64(w);
  std::memcpy(p, &w, 8);
}

// Bit 8i+7 set exactly where byte i of `word` equals `c`, every other bit
// clear (no false positives: the low seven bits are added apart from the
// eighth, so no carry crosses a byte).
inline uint64_t ByteMatches(uint64_t word, uint8_t c) {
  constexpr uint64_t kLow7 = 0x7f7f7f7f7f7f7f7fULL;
  uint64_t x = word ^ (0x0101010101010101ULL * c);
  return ~(((x & kLow7) + kLow7) | x) & ~kLow7;
}

// `word` with its ASCII capitals lower-cased, every other byte unchanged.
inline uint64_t LowerAscii(uint64_t word) {
  constexpr uint64_t kOnes = 0x0101010101010101ULL, kHigh = 0x8080808080808080ULL;
  uint64_t low7 = word & ~kHigh;  // the sums below stay inside their byte
  uint64_t from_a = low7 + (0x80 - 'A') * kOnes;      // high bit: byte >= 'A'
  uint64_t past_z = low7 + (0x80 - 'Z' - 1) * kOnes;  // high bit: byte > 'Z'
  uint64_t capitals = (from_a ^ past_z) & ~word & kHigh;
  return word | (capitals >> 2);
}

// The byte index of the lowest match in a ByteMatches mask (non-zero).
inline unsigned FirstMatch(uint64_t matches) { return static_cast<unsigned>(__builtin_ctzll(matches)) / 8; }
// The byte index of the highest match in a ByteMatches mask (non-zero).
inline unsigned LastMatch(uint64_t matches) { return (63 - static_cast<unsigned>(__builtin_clzll(matches))) / 8; }

}  // namespace gwrt

#endif  // GWRT_SRC_BYTES_EQUAL_H_

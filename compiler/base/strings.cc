// Copyright 2026 The gwc Authors.
//
// Edit distance with a rolling three-row table, and the small helpers.

#include "compiler/base/strings.h"

#include <algorithm>
#include <cctype>
#include <cstring>
#include <vector>

namespace gwc {

size_t EditDistance(std::string_view a, std::string_view b) {
  auto eq = [&](size_t i, size_t j) {
    return std::tolower(static_cast<unsigned char>(a[i])) ==
           std::tolower(static_cast<unsigned char>(b[j]));
  };
  std::vector<size_t> before(b.size() + 1), prev(b.size() + 1), cur(b.size() + 1);
  for (size_t j = 0; j <= b.size(); ++j) prev[j] = j;
  for (size_t i = 1; i <= a.size(); ++i) {
    cur[0] = i;
    for (size_t j = 1; j <= b.size(); ++j) {
      cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (eq(i - 1, j - 1) ? 0 : 1)});
      if (i > 1 && j > 1 && eq(i - 1, j - 2) && eq(i - 2, j - 1)) {
        cur[j] = std::min(cur[j], before[j - 2] + 1);
      }
    }
    std::swap(before, prev);
    std::swap(prev, cur);
  }
  return prev[b.size()];
}

std::string AsciiLower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c);
  return out;
}

bool IsAscii(std::string_view s) {
  uint64_t high = 0;
  size_t i = 0;
  for (; i + 8 <= s.size(); i += 8) {
    uint64_t chunk;
    std::memcpy(&chunk, s.data() + i, 8);
    high |= chunk;
  }
  for (; i < s.size(); ++i) high |= static_cast<unsigned char>(s[i]);
  return (high & 0x8080808080808080ull) == 0;
}

uint32_t CountCodePoints(std::string_view s) {
  if (IsAscii(s)) return static_cast<uint32_t>(s.size());
  uint32_t cp = 0;
  for (char c : s) cp += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  return cp;
}

bool NearMiss(std::string_view typed, std::string_view candidate) {
  return EditDistance(typed, candidate) <= (candidate.size() >= 5 ? 2u : 1u);
}

std::string RegexLiteral(std::string_view text) {
  std::string out;
  for (char c : text) {
    if (std::string_view("\\.+*?()|[]{}^$").find(c) != std::string_view::npos) out += '\\';
    out += c;
  }
  return out;
}

}  // namespace gwc

// Copyright 2026 The gwc Authors.
//
// Finding items that are equal under some key, without a hash table of
// strings: sort (hash, position) pairs, then split each run of equal hashes
// by the exact comparison. The duplicate and shadowing analyzers run this
// over every route match and Ingress path, so it is linear apart from the
// sort and allocates nothing per item.

#ifndef GWC_BASE_EQUAL_GROUPS_H_
#define GWC_BASE_EQUAL_GROUPS_H_

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <string_view>
#include <utility>
#include <vector>

namespace gwc {

// Mixes `value` into `seed`; for composite keys built from several hashes.
inline uint64_t HashCombine(uint64_t seed, uint64_t value) {
  return seed ^ (value + 0x9e3779b97f4a7c15ull + (seed << 12) + (seed >> 4));
}

inline uint64_t HashText(uint64_t seed, std::string_view text) {
  return HashCombine(seed, std::hash<std::string_view>()(text));
}

// Calls `visit(group)` for every set of two or more items that `same` finds
// equal, `group` holding their indexes in `hashes` in ascending order.
// `hashes[i]` is item i's hash (equal items must hash equally); `same(i, j)`
// is the exact comparison, asked only of items whose hashes are equal.
template <typename Same, typename Visit>
void ForEachEqualGroup(const std::vector<uint64_t>& hashes, Same same, Visit visit) {
  std::vector<std::pair<uint64_t, uint32_t>> order(hashes.size());
  for (size_t i = 0; i < hashes.size(); ++i) order[i] = {hashes[i], static_cast<uint32_t>(i)};
  std::sort(order.begin(), order.end());
  std::vector<uint32_t> run, group, rest;
  for (size_t i = 0; i < order.size();) {
    size_t j = i + 1;
    while (j < order.size() && order[j].first == order[i].first) ++j;
    if (j - i >= 2) {
      run.clear();
      for (size_t k = i; k < j; ++k) run.push_back(order[k].second);
      // Split the run into classes of exactly equal items (a class per
      // distinct key: hash collisions are the only reason for more than one).
      while (run.size() >= 2) {
        group.assign(1, run[0]);
        rest.clear();
        for (size_t k = 1; k < run.size(); ++k) {
          (same(run[0], run[k]) ? group : rest).push_back(run[k]);
        }
        if (group.size() >= 2) visit(group);
        run.swap(rest);
      }
    }
    i = j;
  }
}

}  // namespace gwc

#endif  // GWC_BASE_EQUAL_GROUPS_H_

// Copyright 2026 The gwc Authors.
//
// String helpers shared by the checks, the lowering and the tools: the edit
// distance behind every "did you mean" suggestion, case and encoding
// helpers.

#ifndef GWC_BASE_STRINGS_H_
#define GWC_BASE_STRINGS_H_

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace gwc {

// Optimal string alignment distance, ignoring ASCII case: insertions,
// deletions, substitutions and swaps of two neighbours each cost one, so
// "prots" is one edit from "ports".
size_t EditDistance(std::string_view a, std::string_view b);

// Whether `candidate` is close enough to what the user typed to suggest it:
// at most two edits for names of five characters or more, one otherwise.
bool NearMiss(std::string_view typed, std::string_view candidate);

// `s` with ASCII letters lower-cased (header and host names compare so).
std::string AsciiLower(std::string_view s);

// Whether every byte of `s` is ASCII (checked eight bytes at a time).
bool IsAscii(std::string_view s);

// Unicode code points in UTF-8 text: the bytes that are not continuation bytes.
uint32_t CountCodePoints(std::string_view s);

// `text` with RE2's metacharacters escaped ('/' and '-' stay readable), so
// that as a pattern it matches exactly `text`.
std::string RegexLiteral(std::string_view text);

}  // namespace gwc

#endif  // GWC_BASE_STRINGS_H_

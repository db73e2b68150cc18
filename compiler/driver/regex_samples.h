// Copyright 2026 The gwc Authors.
//
// Strings a regular expression matches, for `gwc diff` probes of regex
// paths and header values. The pattern is read with the common subset of
// RE2 syntax (literals, escapes, `.`, classes, groups, alternation,
// quantifiers, anchors, `(?i)`-style flags); each alternative and each
// repetition count of 0, 1 and 2 (within the quantifier's bounds) shows up
// in some sample. Every sample returned is checked with RE2 to fully match
// the pattern, so a construct read wrongly costs a sample, never a wrong
// probe.

#ifndef GWC_DRIVER_REGEX_SAMPLES_H_
#define GWC_DRIVER_REGEX_SAMPLES_H_

#include <string>
#include <vector>

namespace gwc {

// Up to `max_samples` distinct strings that fully match `pattern`, shortest
// first; empty when none was found (or RE2 rejects the pattern).
std::vector<std::string> RegexSamples(const std::string& pattern, size_t max_samples = 6);

}  // namespace gwc

#endif  // GWC_DRIVER_REGEX_SAMPLES_H_

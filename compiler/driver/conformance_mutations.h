// Copyright 2026 The gwc Authors.
//
// The conformance suite's mutations (changes a test makes to its objects
// and then checks again) applied to the manifests, for the ones given as
// data: deleting an object, adding a listener, keeping only some
// listeners, and setting one field to a plain value ("spec.a[0].b = x").
// Mutations described only in prose are reported as such, not guessed.

#ifndef GWC_DRIVER_CONFORMANCE_MUTATIONS_H_
#define GWC_DRIVER_CONFORMANCE_MUTATIONS_H_

#include <string>
#include <vector>

#include <nlohmann/json_fwd.hpp>

namespace gwc {

// Writes every document of `files` to `out_file`, with `mutations` applied
// in order up to and including the one whose id is `upto`. A patched
// object's metadata.generation is bumped. Returns false, with `why` set,
// when a mutation up to `upto` is not machine-applicable or a file cannot
// be read.
bool WriteMutatedManifests(const std::vector<std::string>& files, const nlohmann::json& mutations,
                           const std::string& upto, const std::string& out_file, std::string* why);

}  // namespace gwc

#endif  // GWC_DRIVER_CONFORMANCE_MUTATIONS_H_

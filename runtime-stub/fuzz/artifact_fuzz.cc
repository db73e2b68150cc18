// Copyright 2026 The gwc Authors.
//
// libFuzzer target for gwrt's artifact verifier: arbitrary bytes must be
// rejected cleanly or verify, and a verified file's sections and strings
// must be readable without going out of bounds. Seeded with
// testdata/artifacts/*.gwb (ci/dev.sh fuzz).

#include <cstddef>
#include <cstdint>
#include <string_view>

#include "gwrt/artifact.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  gwrt::VerifyError error;
  auto artifact =
      gwrt::Artifact::FromBytes(std::string_view(reinterpret_cast<const char*>(data), size), &error);
  if (!artifact) return 0;
  size_t touched = 0;
  for (const gwb::SectionInfo& info : gwb::kSections) {
    for (char c : artifact->Section(info.id)) touched += static_cast<unsigned char>(c);
  }
  return touched == SIZE_MAX ? 1 : 0;
}

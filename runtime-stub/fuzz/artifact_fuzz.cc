// Copyright 2026 The gwc Authors.
//
// libFuzzer target for gwrt's artifact and route-table verifiers: arbitrary
// bytes must be rejected cleanly or verify, a verified file's sections must
// be readable, and a verified route table must answer requests without
// going out of bounds. Seeded with testdata/artifacts/*.gwb (ci/dev.sh
// fuzz); checksums are relaxed in fuzzing builds so mutations reach the
// record checks.

#include <cstddef>
#include <cstdint>
#include <string_view>

#include "gwrt/artifact.h"
#include "gwrt/router.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  gwrt::VerifyError error;
  auto artifact =
      gwrt::Artifact::FromBytes(std::string_view(reinterpret_cast<const char*>(data), size), &error);
  if (!artifact) return 0;
  size_t touched = 0;
  for (const gwb::SectionInfo& info : gwb::kSections) {
    for (char c : artifact->Section(info.id)) touched += static_cast<unsigned char>(c);
  }
  auto router = gwrt::Router::Create(*artifact, &error);
  if (router) {
    for (const char* path : {"/", "/a/b", "/s1/t2/item3?x=1", "//x/"}) {
      for (const char* host : {"", "h1.test", "a.wild.test", "x.y.example.com:80"}) {
        gwrt::Request req;
        req.host = host;
        req.path = path;
        req.headers = {{"x-v", "v1"}};
        touched += static_cast<size_t>(router->Decide(req).status);
      }
    }
  }
  return touched == SIZE_MAX ? 1 : 0;
}

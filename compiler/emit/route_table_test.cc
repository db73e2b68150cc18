// Copyright 2026 The gwc Authors.
//
// The route table as untrusted input: every changed byte and every
// truncation of a compiled table is rejected by the container checks, and
// every changed byte of a route section whose checksums are then repaired
// (so only the record verifier stands between the bytes and the lookup)
// is either rejected cleanly or gives a router that answers requests
// without reading out of bounds (run under ASan by `ci/dev.sh asan`).

#include <catch2/catch.hpp>

#include <cstring>
#include <string>
#include <vector>

#include "compiler/emit/artifact_writer.h"
#include "compiler/emit/route_table.h"
#include "compiler/testing/route_gen.h"
#include "gwrt/artifact.h"
#include "gwrt/router.h"

namespace gwc {
namespace {

std::string CompiledSample() {
  ArtifactWriter w;
  EmitRouteTable(GenerateRoutes(24, 3), &w);
  return w.Finish();
}

TEST_CASE("route table: every changed byte and every truncation is rejected") {
  const std::string file = CompiledSample();
  for (size_t i = 0; i < file.size(); ++i) {
    std::string bad = file;
    bad[i] = static_cast<char>(bad[i] ^ 0x5A);
    gwrt::VerifyError error;
    INFO("byte " << i);
    CHECK_FALSE(gwrt::Artifact::FromBytes(bad, &error));
  }
  for (size_t n = 0; n < file.size(); n += 7) {
    std::vector<char> prefix(file.begin(), file.begin() + static_cast<std::ptrdiff_t>(n));
    gwrt::VerifyError error;
    CHECK_FALSE(gwrt::Artifact::FromBytes(std::string_view(prefix.data(), n), &error));
  }
}

TEST_CASE("route table: corrupt records are rejected or harmless") {
  const std::string file = CompiledSample();
  ir::Program program = GenerateRoutes(24, 3);
  RequestGenerator gen(program, 9);
  std::vector<gwrt::Request> requests;
  for (int i = 0; i < 12; ++i) {
    requests.push_back(ToRuntimeRequest(gen.Next()));
  }
  gwb::Header h;
  std::memcpy(&h, file.data(), sizeof h);
  size_t rejected = 0, accepted = 0;
  size_t first = h.section_table_offset + h.section_count * sizeof(gwb::SectionEntry);
  for (size_t i = first; i < file.size(); ++i) {
    for (unsigned char mask : {0x01, 0x80, 0xFF}) {
      std::string bad = file;
      bad[i] = static_cast<char>(bad[i] ^ mask);
      RepairChecksums(&bad);
      gwrt::VerifyError error;
      auto artifact = gwrt::Artifact::FromBytes(bad, &error);
      auto router = artifact ? gwrt::Router::Create(*artifact, &error) : nullptr;
      if (!router) {
        ++rejected;
        INFO("byte " << i);
        CHECK_FALSE(error.problem.empty());
        continue;
      }
      ++accepted;
      for (const gwrt::Request& req : requests) {
        gwrt::Decision d = router->Decide(req);
        CHECK(d.status >= 200);
      }
    }
  }
  CHECK(rejected > 0);
  CHECK(accepted > 0);  // some changes (a string's letter) are valid tables
}

// A key or tag section shorter than its slot section is rejected before
// any slot is read through it (the verifier reads keys to find empty slots).
TEST_CASE("route table: key and tag sections must match their slots") {
  for (gwb::SectionId id : {gwb::SectionId::kExactKeys, gwb::SectionId::kPrefixKeys, gwb::SectionId::kPrefixTags}) {
    ArtifactWriter w;
    EmitRouteTable(GenerateRoutes(24, 3), &w);
    if (id == gwb::SectionId::kPrefixTags) {
      w.SetRecords(id, std::vector<uint8_t>{});
    } else {
      w.SetRecords(id, std::vector<gwb::PathKeyRecord>{});
    }
    std::string file = w.Finish();
    gwrt::VerifyError error;
    auto artifact = gwrt::Artifact::FromBytes(file, &error);
    REQUIRE(artifact);
    CHECK_FALSE(gwrt::Router::Create(*artifact, &error));
    INFO(error.ToString());
    CHECK(error.field == "count");
  }
}

}  // namespace
}  // namespace gwc

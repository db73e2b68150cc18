// Copyright 2026 The gwc Authors.
//
// The .gwb container, written by ArtifactWriter and read back by gwrt's
// verifier: a round trip, determinism, and rejection of every single-byte
// change and every truncation (run under ASan by `ci/dev.sh asan`).

#include <catch2/catch.hpp>

#include <cstdlib>
#include <cstring>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include "compiler/emit/artifact_writer.h"
#include "gwrt/artifact.h"

namespace gwc {
namespace {

// A small file with strings, two record sections and a raw one.
std::string SampleArtifact() {
  ArtifactWriter w;
  std::vector<gwb::RouteRecord> routes;
  routes.push_back({gwb::RouteKind::kHttpRoute, {}, w.AddString("shop"), w.AddString("storefront")});
  routes.push_back({gwb::RouteKind::kIngress, {}, w.AddString("shop"), w.AddString("legacy-é")});
  w.SetRecords(gwb::SectionId::kRoutes, routes);
  std::vector<gwb::GatewayRecord> gateways = {{w.AddString("infra"), w.AddString("public"), {0, 0}}};
  w.SetRecords(gwb::SectionId::kGateways, gateways);
  std::vector<gwb::CandidateRecord> candidates = {{1, 0}, {0, 1}, {1, 0}};
  w.SetRecords(gwb::SectionId::kCandidates, candidates);
  w.set_input_digest(0x1234abcd);
  return w.Finish();
}

TEST_CASE("artifact: written files verify and read back") {
  std::string file = SampleArtifact();
  gwrt::VerifyError error;
  auto a = gwrt::Artifact::FromBytes(file, &error);
  INFO(error.ToString());
  REQUIRE(a);
  CHECK(a->header().major == gwb::kMajorVersion);
  CHECK(a->header().input_digest == 0x1234abcd);
  CHECK(a->sections().size() == 4);  // Strings, Gateways, Candidates, Routes
  std::string_view routes = a->Section(gwb::SectionId::kRoutes);
  REQUIRE(routes.size() == sizeof(gwb::RecordsHeader) + 2 * sizeof(gwb::RouteRecord));
  gwb::RouteRecord second;
  std::memcpy(&second, routes.data() + sizeof(gwb::RecordsHeader) + sizeof second, sizeof second);
  CHECK(a->String(second.ns) == "shop");
  CHECK(a->String(second.name) == "legacy-é");
  CHECK(a->Section(gwb::SectionId::kHostSlots).empty());
  CHECK(file.size() % gwb::kSectionAlignment == 0);
}

// testdata/artifacts/container.gwb is this sample: a golden file for the
// layout (GWC_UPDATE_GOLDEN=1 rewrites it), gwrt dump's golden input and a
// fuzzer seed.
TEST_CASE("artifact: the committed sample is what the writer writes") {
  const std::string path = std::string(GWC_SOURCE_DIR) + "/testdata/artifacts/container.gwb";
  const std::string file = SampleArtifact();
  const char* update = std::getenv("GWC_UPDATE_GOLDEN");
  if (update && std::string(update) == "1") {
    std::ofstream(path, std::ios::binary) << file;
  }
  std::ifstream in(path, std::ios::binary);
  std::string committed((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  INFO(path << " is stale: run with GWC_UPDATE_GOLDEN=1 and review the change");
  CHECK(committed == file);
}

TEST_CASE("artifact: the same calls give the same bytes") {
  CHECK(SampleArtifact() == SampleArtifact());
  ArtifactWriter w;
  gwb::Str a = w.AddString("a");
  gwb::Str b = w.AddString("bc");
  CHECK(a.offset == 0);
  CHECK(b.offset == 1);
  CHECK(b.length == 2);
  CHECK(w.AddString("a").offset == 0);  // stored once
  CHECK(w.AddString("").length == 0);
}

TEST_CASE("artifact: every changed byte and every truncation is rejected cleanly") {
  const std::string file = SampleArtifact();
  for (size_t i = 0; i < file.size(); ++i) {
    for (unsigned char mask : {0x01, 0x80, 0xFF}) {
      std::string bad = file;
      bad[i] = static_cast<char>(bad[i] ^ mask);
      gwrt::VerifyError error;
      INFO("byte " << i << " xor " << static_cast<int>(mask));
      CHECK_FALSE(gwrt::Artifact::FromBytes(bad, &error));
      CHECK_FALSE(error.problem.empty());
    }
  }
  for (size_t n = 0; n < file.size(); ++n) {
    // A copy of exactly n bytes, so a read past the end is an ASan error.
    std::vector<char> prefix(file.begin(), file.begin() + static_cast<std::ptrdiff_t>(n));
    gwrt::VerifyError error;
    INFO("truncated to " << n << " bytes");
    CHECK_FALSE(gwrt::Artifact::FromBytes(std::string_view(prefix.data(), n), &error));
  }
}

TEST_CASE("artifact: errors name the place and the versions") {
  std::string file = SampleArtifact();
  gwrt::VerifyError error;
  std::string newer = file;
  newer[8] = static_cast<char>(gwb::kMajorVersion + 1);  // a newer major version
  gwb::Header h;
  std::memcpy(&h, newer.data(), sizeof h);
  h.header_checksum = 0;
  // Without a matching checksum the file is simply corrupt:
  CHECK_FALSE(gwrt::Artifact::FromBytes(newer, &error));
  CHECK(error.field == "header_checksum");
  CHECK_FALSE(gwrt::Artifact::FromBytes(file.substr(0, 10), &error));
  CHECK(error.ToString().find("shorter than the 64-byte header") != std::string::npos);
  std::string padded = file + std::string(8, '\0');
  CHECK_FALSE(gwrt::Artifact::FromBytes(padded, &error));
  CHECK(error.field == "file_size");
}

}  // namespace
}  // namespace gwc

// Copyright 2026 The gwc Authors.
//
// libFuzzer targets for policy bytecode. The input's first bytes replace
// the Instructions and Programs records of a base table compiled from the
// vendor policy suites (testdata/artifacts/policies-kong.gwb, or $GWRT_POLICY_BASE),
// checksums are repaired so only the bytecode verifier stands between the
// bytes and the VM, and the table is verified. Built twice: as
// gwrt_bytecode_fuzz (verification only) and, with GWRT_FUZZ_RUN, as
// gwrt_policy_vm_fuzz, which also runs every rule's verified program on
// requests made from the rest of the input.

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <sstream>
#include <string>

#include "gwrt/artifact.h"
#include "gwrt/router.h"
#include "runtime-stub/fuzz/repair_checksums.h"

namespace {

std::string base;

const gwb::SectionEntry* Entry(const std::string& file, gwb::SectionId id) {
  gwb::Header h;
  std::memcpy(&h, file.data(), sizeof h);
  for (uint32_t i = 0; i < h.section_count; ++i) {
    auto* e = reinterpret_cast<const gwb::SectionEntry*>(file.data() + h.section_table_offset + i * sizeof(gwb::SectionEntry));
    if (e->id == static_cast<uint32_t>(id)) return e;
  }
  return nullptr;
}

// Overwrites the records of section `id` (after its count) with input bytes.
size_t Overwrite(std::string* file, gwb::SectionId id, const uint8_t* data, size_t size) {
  const gwb::SectionEntry* e = Entry(*file, id);
  if (!e || e->size <= sizeof(gwb::RecordsHeader)) return 0;
  size_t n = std::min<size_t>(size, e->size - sizeof(gwb::RecordsHeader));
  std::memcpy(file->data() + e->offset + sizeof(gwb::RecordsHeader), data, n);
  return n;
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  const char* path = std::getenv("GWRT_POLICY_BASE");
  std::ifstream in(path ? path : "testdata/artifacts/policies-kong.gwb", std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  base = ss.str();
  gwrt::VerifyError error;
  if (!gwrt::Artifact::FromBytes(base, &error)) {
    std::fprintf(stderr, "policy fuzz: no valid base table (%s)\n", error.ToString().c_str());
    std::abort();
  }
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string file = base;
  size_t used = Overwrite(&file, gwb::SectionId::kInstructions, data, size);
  used += Overwrite(&file, gwb::SectionId::kPrograms, data + used, size - used);
  gwrt::RepairChecksums(&file);
  gwrt::VerifyError error;
  auto artifact = gwrt::Artifact::FromBytes(file, &error);
  auto router = artifact ? gwrt::Router::Create(*artifact, &error) : nullptr;
#ifdef GWRT_FUZZ_RUN
  if (!router) return 0;
  std::string rest(reinterpret_cast<const char*>(data + used), size - used);
  gwrt::PolicyState state;
  state.PinClock(1767225600);
  for (uint32_t rule = 0; rule < router->rule_count(); ++rule) {
    gwrt::Request req;
    req.method = rest.size() % 3 == 0 ? "OPTIONS" : "GET";
    req.client_ip = rest.size() % 2 ? "192.0.2.1" : "2001:db8::1";
    req.path = "/p?apikey=" + rest.substr(0, 16) + "&jwt=" + rest;
    req.headers = {{"apikey", rest}, {"authorization", "Bearer " + rest}, {"origin", "https://a.example"},
                   {"access-control-request-method", "GET"}, {"x-api-key", rest}, {"content-length", "12"}};
    gwrt::PolicyVerdict v = router->RunPolicies(rule, req, &state);
    if (v.status != 0 && (v.status < 200 || v.status > 599)) std::abort();
  }
#else
  (void)router;
#endif
  return 0;
}

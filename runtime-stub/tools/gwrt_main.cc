// Copyright 2026 The gwc Authors.
//
// gwrt: the runtime's command line. This version opens and verifies .gwb
// files (`verify`) and prints their container (`dump`); `match` and
// `replay` arrive with the route sections. Exit codes as for gwc: 0 ok,
// 2 usage error or invalid artifact.

#include <cstdio>
#include <cstring>
#include <string>

#include "gwrt/artifact.h"

namespace {

constexpr int kExitOk = 0;
constexpr int kExitInvalid = 2;

int Usage() {
  std::fprintf(stderr,
               "usage: gwrt verify FILE...   check every offset, length and checksum\n"
               "       gwrt dump FILE        print the header and the section table\n");
  return kExitInvalid;
}

std::unique_ptr<gwrt::Artifact> OpenOrReport(const char* path) {
  gwrt::VerifyError error;
  auto artifact = gwrt::Artifact::Open(path, &error);
  if (!artifact) std::fprintf(stderr, "gwrt: %s: %s\n", path, error.ToString().c_str());
  return artifact;
}

int Verify(int argc, char** argv) {
  int status = kExitOk;
  for (int i = 2; i < argc; ++i) {
    auto artifact = OpenOrReport(argv[i]);
    if (!artifact) {
      status = kExitInvalid;
      continue;
    }
    std::printf("%s: ok (format %u.%u, %zu sections, %zu bytes)\n", argv[i],
                artifact->header().major, artifact->header().minor, artifact->sections().size(),
                artifact->size());
  }
  return status;
}

int Dump(const char* path) {
  auto artifact = OpenOrReport(path);
  if (!artifact) return kExitInvalid;
  const gwb::Header& h = artifact->header();
  std::printf("format %u.%u\nflags 0x%x\nbytes %llu\ninput digest %016llx\nsections %u\n",
              h.major, h.minor, h.flags, static_cast<unsigned long long>(h.file_size),
              static_cast<unsigned long long>(h.input_digest), h.section_count);
  for (const gwb::SectionEntry& e : artifact->sections()) {
    const gwb::SectionInfo* info = gwb::FindSection(e.id);
    std::printf("  %-12s id %-3u offset 0x%-8llx bytes %llu", info ? info->name : "(unknown)",
                e.id, static_cast<unsigned long long>(e.offset),
                static_cast<unsigned long long>(e.size));
    if (info && info->record_bytes) {
      gwb::RecordsHeader rh{};
      std::memcpy(&rh, artifact->Section(info->id).data(), sizeof rh);
      std::printf(", records %u", rh.count);
    }
    std::printf("\n");
  }
  return kExitOk;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 3) return Usage();
  std::string command = argv[1];
  if (command == "verify") return Verify(argc, argv);
  if (command == "dump" && argc == 3) return Dump(argv[2]);
  return Usage();
}

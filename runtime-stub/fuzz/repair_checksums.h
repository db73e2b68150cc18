// Copyright 2026 The gwc Authors.
//
// For fuzzers and tests only: recomputes every section checksum, the
// section table checksum and the header checksum of a .gwb file, so bytes
// changed inside a section pass the container checks and reach the record
// and bytecode verifiers. Header-only; needs xxHash.

#ifndef GWRT_FUZZ_REPAIR_CHECKSUMS_H_
#define GWRT_FUZZ_REPAIR_CHECKSUMS_H_

#include <xxhash.h>

#include <cstring>
#include <string>

#include "runtime-stub/format/format.h"

namespace gwrt {

inline void RepairChecksums(std::string* file) {
  gwb::Header h;
  std::memcpy(&h, file->data(), sizeof h);
  for (uint32_t i = 0; i < h.section_count; ++i) {
    size_t at = h.section_table_offset + i * sizeof(gwb::SectionEntry);
    gwb::SectionEntry e;
    std::memcpy(&e, file->data() + at, sizeof e);
    e.checksum = XXH3_64bits(file->data() + e.offset, e.size);
    std::memcpy(file->data() + at, &e, sizeof e);
  }
  h.table_checksum = XXH3_64bits(file->data() + h.section_table_offset, h.section_count * sizeof(gwb::SectionEntry));
  h.header_checksum = XXH3_64bits(file->data(), gwb::kHeaderChecksummedBytes);
  std::memcpy(file->data(), &h, sizeof h);
}

}  // namespace gwrt

#endif  // GWRT_FUZZ_REPAIR_CHECKSUMS_H_

// Copyright 2026 The gwc Authors.
//
// Private to the runtime: what the record verifiers share (route tables in
// verify_tables.cc, policies in verify_policies.cc): typed views of a
// record section and errors that name section, field and file offset.

#ifndef GWRT_SRC_VERIFY_SUPPORT_H_
#define GWRT_SRC_VERIFY_SUPPORT_H_

#include <cstring>
#include <span>
#include <string>

#include "gwrt/artifact.h"
#include "runtime-stub/format/format.h"

namespace gwrt {

// The records of section `id` (empty when the file has none); the
// container verifier has checked the count against the section's size.
template <typename Record>
std::span<const Record> RecordsOf(const Artifact& a, gwb::SectionId id) {
  std::string_view bytes = a.Section(id);
  if (bytes.size() < sizeof(gwb::RecordsHeader)) return {};
  gwb::RecordsHeader h;
  std::memcpy(&h, bytes.data(), sizeof h);
  return {reinterpret_cast<const Record*>(bytes.data() + sizeof h), h.count};
}

inline uint64_t SectionOffset(const Artifact& a, gwb::SectionId id) {
  for (const gwb::SectionEntry& s : a.sections()) {
    if (s.id == static_cast<uint32_t>(id)) return s.offset;
  }
  return 0;
}

// Fills `e` for record `i` of section `id` and returns false.
template <typename Record>
bool FailRecord(const Artifact& a, VerifyError* e, gwb::SectionId id, size_t i, const char* field,
                const std::string& problem) {
  const gwb::SectionInfo* info = gwb::FindSection(static_cast<uint32_t>(id));
  e->where = info ? info->name : "?";
  e->field = field;
  e->offset = SectionOffset(a, id) + sizeof(gwb::RecordsHeader) + i * sizeof(Record);
  e->problem = "record " + std::to_string(i) + ": " + problem;
  return false;
}

inline bool StrInPool(gwb::Str s, std::string_view pool) {
  return s.offset <= pool.size() && s.length <= pool.size() - s.offset;
}
inline bool ListInside(gwb::List l, size_t n) { return l.first <= n && l.count <= n - l.first; }

}  // namespace gwrt

#endif  // GWRT_SRC_VERIFY_SUPPORT_H_

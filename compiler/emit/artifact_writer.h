// Copyright 2026 The gwc Authors.
//
// Writes the .gwb container (docs/format.md): a string pool, the sections a
// caller fills, and then the header, the section table, alignment padding
// and every checksum. The same calls in the same order give the same bytes.

#ifndef GWC_EMIT_ARTIFACT_WRITER_H_
#define GWC_EMIT_ARTIFACT_WRITER_H_

#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "runtime-stub/format/format.h"

namespace gwc {

class ArtifactWriter {
 public:
  // The pool reference for `s`, stored once however often it is added.
  gwb::Str AddString(std::string_view s);

  // Sets a raw section's bytes (replacing earlier ones).
  void SetSection(gwb::SectionId id, std::string bytes);
  // Sets a record section: the count header, then the records' bytes.
  // `Record` must be a format.h record of exactly the section's size.
  template <typename Record>
  void SetRecords(gwb::SectionId id, const std::vector<Record>& records) {
    gwb::RecordsHeader rh{};
    rh.count = static_cast<uint32_t>(records.size());
    std::string bytes(reinterpret_cast<const char*>(&rh), sizeof rh);
    bytes.append(reinterpret_cast<const char*>(records.data()), records.size() * sizeof(Record));
    SetSection(id, std::move(bytes));
  }
  void set_input_digest(uint64_t digest) { input_digest_ = digest; }
  void add_flags(uint32_t flags) { flags_ |= flags; }  // header flags (kFlagHasPolicies)

  // The whole file. Every known section is marked required.
  std::string Finish() const;

 private:
  std::string strings_;
  std::unordered_map<std::string, gwb::Str> string_index_;
  std::map<uint32_t, std::string> sections_;  // by id: the table's order
  uint64_t input_digest_ = 0;
  uint32_t flags_ = 0;
};

}  // namespace gwc

#endif  // GWC_EMIT_ARTIFACT_WRITER_H_

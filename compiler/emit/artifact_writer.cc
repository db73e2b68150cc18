// Copyright 2026 The gwc Authors.
//
// Layout: header at 0, section table right after it, then the sections in
// id order, each starting at a multiple of 8, zero bytes in between.

#include "compiler/emit/artifact_writer.h"

#include <xxhash.h>

#include <cstring>

namespace gwc {

namespace {

uint64_t AlignUp(uint64_t v) {
  return (v + gwb::kSectionAlignment - 1) / gwb::kSectionAlignment * gwb::kSectionAlignment;
}

uint64_t Checksum(const char* data, size_t size) { return XXH3_64bits(data, size); }

}  // namespace

gwb::Str ArtifactWriter::AddString(std::string_view s) {
  if (s.empty()) return {0, 0};
  auto [it, inserted] = string_index_.try_emplace(std::string(s));
  if (inserted) {
    it->second = {static_cast<uint32_t>(strings_.size()), static_cast<uint32_t>(s.size())};
    strings_.append(s);
  }
  return it->second;
}

void ArtifactWriter::SetSection(gwb::SectionId id, std::string bytes) {
  sections_[static_cast<uint32_t>(id)] = std::move(bytes);
}

std::string ArtifactWriter::Finish() const {
  std::map<uint32_t, std::string_view> all;
  for (const auto& [id, bytes] : sections_) all[id] = bytes;
  all[static_cast<uint32_t>(gwb::SectionId::kStrings)] = strings_;

  const uint64_t table_at = sizeof(gwb::Header);
  uint64_t at = AlignUp(table_at + all.size() * sizeof(gwb::SectionEntry));
  std::vector<gwb::SectionEntry> table;
  for (const auto& [id, bytes] : all) {
    table.push_back({id, gwb::kSectionRequired, at, bytes.size(), Checksum(bytes.data(), bytes.size())});
    at = AlignUp(at + bytes.size());
  }
  std::string file(at, '\0');
  for (size_t i = 0; i < table.size(); ++i) {
    std::string_view bytes = all[table[i].id];
    std::memcpy(file.data() + table[i].offset, bytes.data(), bytes.size());
  }
  std::memcpy(file.data() + table_at, table.data(), table.size() * sizeof(gwb::SectionEntry));

  gwb::Header h{};
  std::memcpy(h.magic, gwb::kMagic, sizeof gwb::kMagic);
  h.major = gwb::kMajorVersion;
  h.minor = gwb::kMinorVersion;
  h.flags = flags_;
  h.file_size = file.size();
  h.section_table_offset = table_at;
  h.section_count = static_cast<uint32_t>(table.size());
  h.input_digest = input_digest_;
  h.table_checksum = Checksum(file.data() + table_at, table.size() * sizeof(gwb::SectionEntry));
  std::memcpy(file.data(), &h, sizeof h);
  h.header_checksum = Checksum(file.data(), gwb::kHeaderChecksummedBytes);
  std::memcpy(file.data(), &h, sizeof h);
  return file;
}

}  // namespace gwc

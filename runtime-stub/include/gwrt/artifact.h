// Copyright 2026 The gwc Authors.
//
// Opening a .gwb artifact: map it read-only and verify it once, completely
// (docs/format.md, "Verification"), so that everything after reads it
// without checks. A file is untrusted input: a corrupt, truncated or newer
// file is rejected with an error that names the section, the field and the
// file offset; it never crashes the reader.

#ifndef GWRT_ARTIFACT_H_
#define GWRT_ARTIFACT_H_

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "runtime-stub/format/format.h"

namespace gwrt {

// Why a file was rejected.
struct VerifyError {
  std::string where;    // "file", "header", "section table" or a section's name
  std::string field;    // the field at fault, or empty
  uint64_t offset = 0;  // file offset of that field
  std::string problem;  // what is wrong, in words
  // "section Hosts, field count at offset 0x1a0: ..." style text.
  std::string ToString() const;
};

class Artifact {
 public:
  ~Artifact();
  Artifact(const Artifact&) = delete;
  Artifact& operator=(const Artifact&) = delete;

  // Maps the file at `path` and verifies it. Returns null, with `error`
  // filled, when the file cannot be read or is not a valid .gwb file of a
  // format this runtime reads.
  static std::unique_ptr<Artifact> Open(const std::string& path, VerifyError* error);
  // Verifies `bytes` in place; they must outlive the Artifact unchanged.
  // Returns null with `error` filled when they are not a valid file.
  // Bytes that start on a 64-byte boundary (as a mapping does) keep every
  // hash slot in one cache line; other 8-aligned bytes work, more slowly.
  static std::unique_ptr<Artifact> FromBytes(std::string_view bytes, VerifyError* error);
  // Verifies a copy of `bytes` that the Artifact owns, made on a 64-byte
  // boundary. Returns null with `error` filled as FromBytes does.
  static std::unique_ptr<Artifact> Copy(std::string_view bytes, VerifyError* error);

  const gwb::Header& header() const { return header_; }
  // The section table, in file order.
  const std::vector<gwb::SectionEntry>& sections() const { return sections_; }
  // The bytes of section `id`; empty when the file has no such section
  // (or an empty one: Has tells them apart).
  std::string_view Section(gwb::SectionId id) const;
  bool Has(gwb::SectionId id) const;
  // A string of the Strings section (its bounds are the writer's promise,
  // checked by the record verifiers).
  std::string_view String(gwb::Str s) const { return strings_.substr(s.offset, s.length); }
  size_t size() const { return bytes_.size(); }

 private:
  Artifact() = default;

  struct AlignedFree {
    void operator()(char* p) const;
  };

  std::string_view bytes_;
  void* mapping_ = nullptr;              // set when Open mapped the file
  std::unique_ptr<char, AlignedFree> copy_;  // set when Copy made the bytes
  gwb::Header header_{};
  std::vector<gwb::SectionEntry> sections_;
  std::string_view strings_;
};

}  // namespace gwrt

#endif  // GWRT_ARTIFACT_H_

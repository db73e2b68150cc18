// Copyright 2026 The gwc Authors.
//
// Mapping and verifying the container: header, section table, checksums,
// gaps, record counts and the string pool. Each check returns false after
// filling the VerifyError; Verify stops at the first failure.

#include "gwrt/artifact.h"

#include <algorithm>
#include <new>
#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>
#include <xxhash.h>

#include <cerrno>
#include <cstdio>
#include <cstring>

namespace gwrt {

namespace {

std::string Hex(uint64_t v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "0x%llx", static_cast<unsigned long long>(v));
  return buf;
}

// Fuzzing builds (the usual macro, set by ci/dev.sh fuzz) accept wrong
// checksums so that mutated inputs reach the structural checks behind them.
bool ChecksumMatches(std::string_view bytes, uint64_t expected) {
#ifdef FUZZING_BUILD_MODE_UNSAFE_FOR_PRODUCTION
  (void)bytes;
  (void)expected;
  return true;
#else
  return XXH3_64bits(bytes.data(), bytes.size()) == expected;
#endif
}

bool Fail(VerifyError* error, std::string where, std::string field, uint64_t offset,
          std::string problem) {
  *error = {std::move(where), std::move(field), offset, std::move(problem)};
  return false;
}

// Whether `s` is well-formed UTF-8 (no overlongs, surrogates or values past
// U+10FFFF).
bool ValidUtf8(std::string_view s) {
  static constexpr uint32_t kMin[] = {0, 0x80, 0x800, 0x10000};
  for (size_t i = 0; i < s.size();) {
    auto c = static_cast<unsigned char>(s[i]);
    size_t extra = 0;
    uint32_t cp = c;
    if (c < 0x80) {
      ++i;
      continue;
    } else if ((c & 0xE0) == 0xC0) {
      extra = 1, cp = c & 0x1F;
    } else if ((c & 0xF0) == 0xE0) {
      extra = 2, cp = c & 0x0F;
    } else if ((c & 0xF8) == 0xF0) {
      extra = 3, cp = c & 0x07;
    } else {
      return false;
    }
    if (s.size() - i <= extra) return false;
    for (size_t k = 1; k <= extra; ++k) {
      auto cc = static_cast<unsigned char>(s[i + k]);
      if ((cc & 0xC0) != 0x80) return false;
      cp = (cp << 6) | (cc & 0x3F);
    }
    if (cp < kMin[extra] || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return false;
    i += extra + 1;
  }
  return true;
}

std::string NameOf(uint32_t id) {
  const gwb::SectionInfo* info = gwb::FindSection(id);
  return info ? info->name : "section id " + std::to_string(id);
}

bool AllZero(std::string_view bytes) {
  for (char c : bytes) {
    if (c != 0) return false;
  }
  return true;
}

class Verifier {
 public:
  Verifier(std::string_view bytes, VerifyError* error) : bytes_(bytes), error_(error) {}

  bool Run(gwb::Header* header, std::vector<gwb::SectionEntry>* sections);

 private:
  bool CheckHeader();
  bool CheckTable();
  bool CheckEntry(size_t i, uint64_t* previous_end);
  bool CheckRecords(const gwb::SectionEntry& e, const gwb::SectionInfo& info);
  bool CheckGap(uint64_t begin, uint64_t end, const std::string& after);

  std::string_view bytes_;
  VerifyError* error_;
  gwb::Header h_{};
  std::vector<gwb::SectionEntry> entries_;
};

bool Verifier::CheckHeader() {
  if (bytes_.size() < sizeof(gwb::Header)) {
    return Fail(error_, "file", "", 0,
                "file is " + std::to_string(bytes_.size()) +
                    " bytes, shorter than the 64-byte header; not a .gwb file or truncated");
  }
  std::memcpy(&h_, bytes_.data(), sizeof h_);
  if (std::memcmp(h_.magic, gwb::kMagic, sizeof gwb::kMagic) != 0) {
    return Fail(error_, "header", "magic", 0, "not a .gwb file (wrong magic bytes)");
  }
  if (!ChecksumMatches(bytes_.substr(0, gwb::kHeaderChecksummedBytes), h_.header_checksum)) {
    return Fail(error_, "header", "header_checksum", offsetof(gwb::Header, header_checksum),
                "header checksum mismatch: the file is corrupt");
  }
  if (h_.major != gwb::kMajorVersion) {
    return Fail(error_, "header", "major", offsetof(gwb::Header, major),
                "format " + std::to_string(h_.major) + "." + std::to_string(h_.minor) +
                    ", but this gwrt reads format " + std::to_string(gwb::kMajorVersion) + ".x");
  }
  if ((h_.flags & ~gwb::kKnownHeaderFlags) != 0 || h_.zero != 0) {
    return Fail(error_, "header", h_.zero ? "zero" : "flags",
                h_.zero ? offsetof(gwb::Header, zero) : offsetof(gwb::Header, flags),
                "reserved bits are set (flags " + Hex(h_.flags) + ")");
  }
  if (h_.file_size != bytes_.size()) {
    return Fail(error_, "header", "file_size", offsetof(gwb::Header, file_size),
                "header says " + std::to_string(h_.file_size) + " bytes, the file has " +
                    std::to_string(bytes_.size()) + " (truncated or padded)");
  }
  return true;
}

bool Verifier::CheckTable() {
  const uint64_t at = h_.section_table_offset;
  const uint64_t table_bytes = uint64_t{h_.section_count} * sizeof(gwb::SectionEntry);
  if (at < sizeof(gwb::Header) || at % gwb::kSectionAlignment != 0 || at > bytes_.size() ||
      table_bytes > bytes_.size() - at) {
    return Fail(error_, "header", "section_table_offset",
                offsetof(gwb::Header, section_table_offset),
                "section table at " + Hex(at) + " with " + std::to_string(h_.section_count) +
                    " entries does not fit in the file");
  }
  if (!ChecksumMatches(bytes_.substr(at, table_bytes), h_.table_checksum)) {
    return Fail(error_, "header", "table_checksum", offsetof(gwb::Header, table_checksum),
                "section table checksum mismatch: the file is corrupt");
  }
  if (!CheckGap(sizeof(gwb::Header), at, "header")) return false;
  entries_.resize(h_.section_count);
  if (table_bytes) std::memcpy(entries_.data(), bytes_.data() + at, table_bytes);
  uint64_t previous_end = at + table_bytes;
  for (size_t i = 0; i < entries_.size(); ++i) {
    if (!CheckEntry(i, &previous_end)) return false;
  }
  if (!CheckGap(previous_end, bytes_.size(), "the last section")) return false;
  if (entries_.empty() || entries_[0].id != static_cast<uint32_t>(gwb::SectionId::kStrings)) {
    return Fail(error_, "section table", "id", at, "the Strings section is missing");
  }
  return true;
}

bool Verifier::CheckEntry(size_t i, uint64_t* previous_end) {
  const gwb::SectionEntry& e = entries_[i];
  const uint64_t at = h_.section_table_offset + i * sizeof(gwb::SectionEntry);
  const gwb::SectionInfo* info = gwb::FindSection(e.id);
  const std::string name = NameOf(e.id);
  if (i > 0 && e.id <= entries_[i - 1].id) {
    return Fail(error_, "section table", "id", at + offsetof(gwb::SectionEntry, id),
                "entry " + std::to_string(i) + " (" + name + ") is out of id order or repeated");
  }
  if ((e.flags & ~gwb::kKnownSectionFlags) != 0) {
    return Fail(error_, name, "flags", at + offsetof(gwb::SectionEntry, flags),
                "unknown flag bits " + Hex(e.flags));
  }
  if (!info && (e.flags & gwb::kSectionRequired)) {
    return Fail(error_, name, "id", at,
                "required section unknown to this gwrt (format " +
                    std::to_string(gwb::kMajorVersion) + "." + std::to_string(gwb::kMinorVersion) +
                    "; the file is " + std::to_string(h_.major) + "." + std::to_string(h_.minor) +
                    ")");
  }
  if (e.offset % gwb::kSectionAlignment != 0 || e.offset < *previous_end ||
      e.offset > bytes_.size() || e.size > bytes_.size() - e.offset) {
    return Fail(error_, name, "offset", at + offsetof(gwb::SectionEntry, offset),
                "section at " + Hex(e.offset) + " of " + std::to_string(e.size) +
                    " bytes is misaligned, overlaps what precedes it or runs past the end");
  }
  if (!CheckGap(*previous_end, e.offset, i ? NameOf(entries_[i - 1].id) : "the section table")) {
    return false;
  }
  std::string_view body = bytes_.substr(e.offset, e.size);
  if (!ChecksumMatches(body, e.checksum)) {
    return Fail(error_, name, "checksum", at + offsetof(gwb::SectionEntry, checksum),
                "section checksum mismatch: the file is corrupt");
  }
  *previous_end = e.offset + e.size;
  if (!info) return true;  // optional and unknown: skipped
  if (info->record_bytes) return CheckRecords(e, *info);
  if (info->id == gwb::SectionId::kStrings && !ValidUtf8(body)) {
    return Fail(error_, name, "", e.offset, "the string pool is not valid UTF-8");
  }
  return true;
}

bool Verifier::CheckRecords(const gwb::SectionEntry& e, const gwb::SectionInfo& info) {
  gwb::RecordsHeader rh{};
  if (e.size < sizeof rh) {
    return Fail(error_, info.name, "count", e.offset, "section too short for its record count");
  }
  std::memcpy(&rh, bytes_.data() + e.offset, sizeof rh);
  for (uint32_t i = 0; i < std::size(rh.zero); ++i) {
    if (rh.zero[i] != 0) return Fail(error_, info.name, "zero", e.offset + 4 + 4 * i, "reserved field is not zero");
  }
  if (uint64_t{rh.count} * info.record_bytes != e.size - sizeof rh) {
    return Fail(error_, info.name, "count", e.offset,
                std::to_string(rh.count) + " records of " + std::to_string(info.record_bytes) +
                    " bytes do not fill the section's " + std::to_string(e.size - sizeof rh) +
                    " bytes");
  }
  return true;
}

bool Verifier::CheckGap(uint64_t begin, uint64_t end, const std::string& after) {
  if (end < begin || AllZero(bytes_.substr(begin, end - begin))) return true;
  for (uint64_t i = begin; i < end; ++i) {
    if (bytes_[i] != 0) {
      return Fail(error_, "file", "padding", i, "non-zero padding byte after " + after);
    }
  }
  return true;
}

bool Verifier::Run(gwb::Header* header, std::vector<gwb::SectionEntry>* sections) {
  if (!CheckHeader() || !CheckTable()) return false;
  *header = h_;
  *sections = std::move(entries_);
  return true;
}

}  // namespace

std::string VerifyError::ToString() const {
  std::string s = where;
  if (!field.empty()) s += ", field " + field;
  s += " at offset " + Hex(offset) + ": " + problem;
  return s;
}

Artifact::~Artifact() {
  if (mapping_) munmap(mapping_, bytes_.size());
}

std::unique_ptr<Artifact> Artifact::FromBytes(std::string_view bytes, VerifyError* error) {
  std::unique_ptr<Artifact> a(new Artifact());
  a->bytes_ = bytes;
  if (!Verifier(bytes, error).Run(&a->header_, &a->sections_)) return nullptr;
  a->strings_ = a->Section(gwb::SectionId::kStrings);
  return a;
}

std::unique_ptr<Artifact> Artifact::Open(const std::string& path, VerifyError* error) {
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    Fail(error, "file", "", 0, "cannot open: " + std::string(std::strerror(errno)));
    return nullptr;
  }
  struct stat st {};
  if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
    ::close(fd);
    Fail(error, "file", "", 0, "not a regular file");
    return nullptr;
  }
  auto size = static_cast<size_t>(st.st_size);
  void* map = size ? mmap(nullptr, size, PROT_READ, MAP_PRIVATE, fd, 0) : nullptr;
  ::close(fd);
  if (map == MAP_FAILED) {
    Fail(error, "file", "", 0, "cannot map: " + std::string(std::strerror(errno)));
    return nullptr;
  }
  std::unique_ptr<Artifact> a = FromBytes(std::string_view(static_cast<const char*>(map), size), error);
  if (!a) {
    if (map) munmap(map, size);
    return nullptr;
  }
  a->mapping_ = map;
  return a;
}

std::unique_ptr<Artifact> Artifact::Copy(std::string_view bytes, VerifyError* error) {
  std::unique_ptr<char, AlignedFree> copy(static_cast<char*>(
      ::operator new(std::max<size_t>(bytes.size(), 1), std::align_val_t{gwb::kSectionAlignment})));
  if (!bytes.empty()) std::memcpy(copy.get(), bytes.data(), bytes.size());
  std::unique_ptr<Artifact> a = FromBytes(std::string_view(copy.get(), bytes.size()), error);
  if (a) a->copy_ = std::move(copy);
  return a;
}

void Artifact::AlignedFree::operator()(char* p) const {
  ::operator delete(p, std::align_val_t{gwb::kSectionAlignment});
}

std::string_view Artifact::Section(gwb::SectionId id) const {
  for (const gwb::SectionEntry& e : sections_) {
    if (e.id == static_cast<uint32_t>(id)) return bytes_.substr(e.offset, e.size);
  }
  return {};
}

bool Artifact::Has(gwb::SectionId id) const {
  return std::any_of(sections_.begin(), sections_.end(),
                     [id](const gwb::SectionEntry& e) { return e.id == static_cast<uint32_t>(id); });
}

}  // namespace gwrt

// Copyright 2026 The gwc Authors.
//
// Source files and spans. Every node the frontend builds carries a Span: the
// file id plus a half-open range of code-point offsets (the unit libyaml
// reports). Line and column are worked out only when a diagnostic is printed,
// from a per-file line index built on first use. Columns are 1-based and
// count Unicode code points (SARIF's "unicodeCodePoints").

#ifndef GWC_BASE_SOURCE_H_
#define GWC_BASE_SOURCE_H_

#include <cstdint>
#include <deque>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

namespace gwc {

using FileId = uint32_t;
inline constexpr FileId kNoFile = UINT32_MAX;

struct Span {
  FileId file = kNoFile;
  uint32_t begin = 0;  // code-point offset of the first character
  uint32_t end = 0;    // code-point offset one past the last character
  bool valid() const { return file != kNoFile; }
};

struct LineCol {
  uint32_t line = 0;    // 1-based
  uint32_t column = 0;  // 1-based, in code points
};

// One input file (or stdin) and its bytes. Immutable after construction except
// for the lazily built line index, which is guarded for concurrent readers.
class SourceFile {
 public:
  SourceFile(FileId id, std::string path, std::string text);

  FileId id() const { return id_; }
  const std::string& path() const { return path_; }
  std::string_view text() const { return text_; }

  // Line and column of a code-point offset. Offsets past the end map to the
  // last position.
  LineCol Locate(uint32_t offset) const;
  // The text of 1-based `line` without its line break; empty if out of range.
  std::string_view LineText(uint32_t line) const;
  // Builds the line index now (say, on a worker thread) rather than on the
  // first Locate or LineText.
  void PrepareLineIndex() const;

 private:
  void BuildIndex() const;

  FileId id_;
  std::string path_;
  std::string text_;
  mutable std::once_flag index_once_;
  mutable std::vector<uint32_t> line_start_cp_;    // code-point offset of each line start
  mutable std::vector<uint32_t> line_start_byte_;  // byte offset of each line start
};

// The registry of all files of one run. Adding is thread-safe; returned
// pointers stay valid for the registry's lifetime.
class SourceSet {
 public:
  const SourceFile* Add(std::string path, std::string text);
  const SourceFile* Get(FileId id) const;
  size_t size() const;

 private:
  mutable std::mutex mu_;
  std::deque<std::unique_ptr<SourceFile>> files_;
};

}  // namespace gwc

#endif  // GWC_BASE_SOURCE_H_

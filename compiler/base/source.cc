// Copyright 2026 The gwc Authors.
//
// Line index for SourceFile: line starts in code points and in bytes, so a
// code-point span can be shown as line:column and its line printed.

#include "compiler/base/source.h"

#include "compiler/base/strings.h"

#include <algorithm>
#include <cstdint>
#include <cstring>

namespace gwc {

SourceFile::SourceFile(FileId id, std::string path, std::string text)
    : id_(id), path_(std::move(path)), text_(std::move(text)) {}

void SourceFile::BuildIndex() const {
  line_start_cp_.push_back(0);
  line_start_byte_.push_back(0);
  uint32_t cp = 0;
  size_t pos = 0;
  const size_t n = text_.size();
  const bool ascii = IsAscii(text_);  // then code points are bytes
  while (pos < n) {
    const void* nl = std::memchr(text_.data() + pos, '\n', n - pos);
    size_t end = nl ? static_cast<const char*>(nl) - text_.data() + 1 : n;
    cp += ascii ? static_cast<uint32_t>(end - pos)
                : CountCodePoints(std::string_view(text_).substr(pos, end - pos));
    if (nl) {
      line_start_cp_.push_back(cp);
      line_start_byte_.push_back(static_cast<uint32_t>(end));
    }
    pos = end;
  }
}

void SourceFile::PrepareLineIndex() const {
  std::call_once(index_once_, [this] { BuildIndex(); });
}

LineCol SourceFile::Locate(uint32_t offset) const {
  std::call_once(index_once_, [this] { BuildIndex(); });
  auto it = std::upper_bound(line_start_cp_.begin(), line_start_cp_.end(), offset);
  size_t line = static_cast<size_t>(it - line_start_cp_.begin());  // 1-based
  if (line == 0) line = 1;
  // Clamp offsets past the end of the text to the end of the last line.
  uint32_t last_cp = line_start_cp_.back() + static_cast<uint32_t>(LineText(static_cast<uint32_t>(line_start_cp_.size())).size());
  if (line == line_start_cp_.size() && offset > last_cp) offset = last_cp;
  return {static_cast<uint32_t>(line), offset - line_start_cp_[line - 1] + 1};
}

std::string_view SourceFile::LineText(uint32_t line) const {
  std::call_once(index_once_, [this] { BuildIndex(); });
  if (line == 0 || line > line_start_byte_.size()) return {};
  size_t begin = line_start_byte_[line - 1];
  size_t end = line < line_start_byte_.size() ? line_start_byte_[line] : text_.size();
  while (end > begin && (text_[end - 1] == '\n' || text_[end - 1] == '\r')) --end;
  return std::string_view(text_).substr(begin, end - begin);
}

const SourceFile* SourceSet::Add(std::string path, std::string text) {
  std::lock_guard<std::mutex> lock(mu_);
  auto id = static_cast<FileId>(files_.size());
  files_.push_back(std::make_unique<SourceFile>(id, std::move(path), std::move(text)));
  return files_.back().get();
}

const SourceFile* SourceSet::Get(FileId id) const {
  std::lock_guard<std::mutex> lock(mu_);
  return id < files_.size() ? files_[id].get() : nullptr;
}

size_t SourceSet::size() const {
  std::lock_guard<std::mutex> lock(mu_);
  return files_.size();
}

}  // namespace gwc

// Copyright 2026 The gwc Authors.
//
// A recursive-descent reader of block-style YAML over the raw text. Each
// collection knows its column; a line more indented than its collection
// allows, or anything the supported subset lacks, declines the file. The
// marks follow libyaml's scanner: a collection starts at its first key or
// '-', ends where the next token starts (after comments and blank lines),
// and an empty value sits just after its ':' or '-'.

#include "compiler/frontend/block_scanner.h"

#include <cstdint>

namespace gwc {

namespace {

// libyaml forgets a possible simple key once its ':' is more than this many
// characters past the key's start.
constexpr size_t kMaxKeyLength = 1024;

struct Scalar {
  size_t begin = 0, end = 0;  // the token, quotes included
  std::string_view value;
  ScalarStyle style = ScalarStyle::kPlain;
  size_t next = 0;            // where the token stopped
  bool is_key = false;        // followed by ':' and a blank
  size_t after_colon = 0;     // is_key: just past the ':'
};

class BlockScanner {
 public:
  BlockScanner(std::string_view text, uint32_t max_depth, std::vector<YamlEvent>* out)
      : t_(text), n_(text.size()), max_depth_(max_depth), out_(out) {}

  bool Run();

 private:
  char At(size_t p) const { return p < n_ ? t_[p] : '\0'; }
  bool Blank(size_t p) const {
    char c = At(p);
    return c == ' ' || c == '\n' || c == '\0';
  }
  bool LineEnds(size_t p) const { return At(p) == '\n' || At(p) == '\0'; }
  bool EntryDash(size_t p) const { return At(p) == '-' && Blank(p + 1); }
  long Column(size_t p) const;
  size_t NextContent(size_t p) const;
  bool Marker(size_t p, char c) const;
  bool EndOfLine(size_t p, size_t* line_end) const;
  bool PlainStart(size_t p) const;
  bool ScanScalar(size_t p, Scalar* s) const;

  bool Node(size_t p, long parent_col, uint32_t depth);
  bool Mapping(size_t p, uint32_t depth);
  bool MappingValue(const Scalar& key, long col, uint32_t depth);
  bool Sequence(size_t p, bool indentless, uint32_t depth);
  bool ScalarValue(const Scalar& s, long parent_col);

  void Emit(YamlEventType type, size_t begin, size_t end) {
    YamlEvent e;
    e.type = type;
    e.begin = static_cast<uint32_t>(begin);
    e.end = static_cast<uint32_t>(end);
    out_->push_back(e);
  }
  void EmitScalar(const Scalar& s) {
    Emit(YamlEventType::kScalar, s.begin, s.end);
    out_->back().value = s.value;
    out_->back().style = s.style;
  }
  void EmitEmpty(size_t at) {
    Emit(YamlEventType::kScalar, at, at);
    out_->back().value = t_.substr(at, 0);
  }

  std::string_view t_;
  size_t n_;
  uint32_t max_depth_;
  std::vector<YamlEvent>* out_;
  size_t pos_ = 0;  // after a node: the end of its last line
};

long BlockScanner::Column(size_t p) const {
  size_t start = p;
  while (start > 0 && t_[start - 1] != '\n') --start;
  return static_cast<long>(p - start);
}

// Skips spaces, comments and line breaks from `p`, which is at a line start
// or a line end; returns the next content character or the end.
size_t BlockScanner::NextContent(size_t p) const {
  while (p < n_) {
    char c = t_[p];
    if (c == ' ' || c == '\n') {
      ++p;
    } else if (c == '#') {
      while (p < n_ && t_[p] != '\n') ++p;
    } else {
      break;
    }
  }
  return p;
}

// "---" (c '-') or "..." (c '.') at column 0, then a blank.
bool BlockScanner::Marker(size_t p, char c) const {
  return (p == 0 || t_[p - 1] == '\n') && At(p) == c && At(p + 1) == c && At(p + 2) == c &&
         Blank(p + 3);
}

// Only spaces and a comment may follow on the line.
bool BlockScanner::EndOfLine(size_t p, size_t* line_end) const {
  size_t i = p;
  while (At(i) == ' ') ++i;
  if (At(i) == '#') {
    if (i == 0 || t_[i - 1] != ' ') return false;
    while (!LineEnds(i)) ++i;
  }
  if (!LineEnds(i)) return false;
  *line_end = i;
  return true;
}

bool BlockScanner::PlainStart(size_t p) const {
  char c = At(p);
  switch (c) {
    case '-':
    case '?':
    case ':':
      return !Blank(p + 1);
    case ',': case '[': case ']': case '{': case '}': case '#': case '&': case '*':
    case '!': case '|': case '>': case '\'': case '"': case '%': case '@': case '`':
    case ' ': case '\n': case '\0':
      return false;
    default:
      return true;
  }
}

// One scalar on one line: plain, or quoted without escapes. A "---" or
// "..." at column 0 is a document marker, never a scalar.
bool BlockScanner::ScanScalar(size_t p, Scalar* s) const {
  if (Marker(p, '-') || Marker(p, '.')) return false;
  s->begin = p;
  char quote = At(p);
  size_t i = p;
  if (quote == '\'' || quote == '"') {
    for (i = p + 1; At(i) != quote; ++i) {
      if (LineEnds(i) || (quote == '"' && At(i) == '\\')) return false;
    }
    if (quote == '\'' && At(i + 1) == '\'') return false;  // '' escape
    s->value = t_.substr(p + 1, i - p - 1);
    s->style = quote == '\'' ? ScalarStyle::kSingleQuoted : ScalarStyle::kDoubleQuoted;
    s->end = i + 1;
    size_t j = i + 1;
    while (At(j) == ' ') ++j;
    s->is_key = At(j) == ':' && Blank(j + 1);
    s->after_colon = j + 1;
    s->next = s->is_key ? j : i + 1;
    return true;
  }
  if (!PlainStart(p)) return false;
  size_t last = p;
  for (; !LineEnds(i); ++i) {
    char c = t_[i];
    if (c == ':' && Blank(i + 1)) {
      s->is_key = true;
      s->after_colon = i + 1;
      break;
    }
    if (c == '#' && t_[i - 1] == ' ') break;
    if (c != ' ') last = i + 1;
  }
  s->value = t_.substr(p, last - p);
  s->style = ScalarStyle::kPlain;
  s->end = last;
  s->next = i;
  return true;
}

bool BlockScanner::Node(size_t p, long parent_col, uint32_t depth) {
  if (depth > max_depth_) return false;
  if (EntryDash(p)) return Sequence(p, /*indentless=*/false, depth);
  Scalar s;
  if (!ScanScalar(p, &s)) return false;
  if (s.is_key) return Mapping(p, depth);
  if (parent_col < 0) return false;  // a document that is one scalar
  return ScalarValue(s, parent_col);
}

// A scalar that ends its line; a more indented line after it would make it
// a multi-line scalar (or an error), which libyaml handles.
bool BlockScanner::ScalarValue(const Scalar& s, long parent_col) {
  size_t line_end;
  if (!EndOfLine(s.next, &line_end)) return false;
  EmitScalar(s);
  pos_ = line_end;
  size_t q = NextContent(line_end);
  return q == n_ || Column(q) <= parent_col;
}

bool BlockScanner::Mapping(size_t p, uint32_t depth) {
  const long col = Column(p);
  Emit(YamlEventType::kMappingStart, p, p);
  while (true) {
    Scalar key;
    if (!ScanScalar(p, &key) || !key.is_key || key.after_colon - 1 - key.begin > kMaxKeyLength) {
      return false;
    }
    EmitScalar(key);
    if (!MappingValue(key, col, depth)) return false;
    size_t q = NextContent(pos_);
    if (q == n_ || Column(q) < col || Marker(q, '-')) {
      Emit(YamlEventType::kMappingEnd, q, q);
      return true;
    }
    if (Column(q) > col || EntryDash(q)) return false;
    p = q;
  }
}

bool BlockScanner::MappingValue(const Scalar& key, long col, uint32_t depth) {
  size_t r = key.after_colon;
  while (At(r) == ' ') ++r;
  if (!LineEnds(r) && At(r) != '#') {  // the value is on the key's line
    Scalar value;
    if (EntryDash(r) || !ScanScalar(r, &value) || value.is_key) return false;
    return ScalarValue(value, col);
  }
  size_t line_end;
  if (!EndOfLine(r, &line_end)) return false;
  size_t q = NextContent(line_end);
  if (q < n_ && Column(q) > col) return Node(q, col, depth + 1);
  if (q < n_ && Column(q) == col && EntryDash(q)) return Sequence(q, /*indentless=*/true, depth + 1);
  EmitEmpty(key.after_colon);
  pos_ = line_end;
  return true;
}

bool BlockScanner::Sequence(size_t p, bool indentless, uint32_t depth) {
  if (depth > max_depth_) return false;
  const long col = Column(p);
  Emit(YamlEventType::kSequenceStart, p, indentless ? p + 1 : p);
  while (true) {
    size_t r = p + 1;
    while (At(r) == ' ') ++r;
    if (!LineEnds(r) && At(r) != '#') {
      if (!Node(r, col, depth + 1)) return false;
    } else {
      size_t line_end;
      if (!EndOfLine(r, &line_end)) return false;
      size_t q = NextContent(line_end);
      if (q < n_ && Column(q) > col) {
        if (!Node(q, col, depth + 1)) return false;
      } else {
        EmitEmpty(p + 1);
        pos_ = line_end;
      }
    }
    size_t q = NextContent(pos_);
    if (q == n_ || Column(q) < col || Marker(q, '-')) {
      Emit(YamlEventType::kSequenceEnd, q, q);
      return true;
    }
    if (Column(q) > col) return false;
    if (EntryDash(q)) {
      p = q;
      continue;
    }
    if (!indentless) return false;
    Emit(YamlEventType::kSequenceEnd, q, q);  // the parent mapping's next key
    return true;
  }
}

bool BlockScanner::Run() {
  if (n_ >= UINT32_MAX) return false;
  for (char ch : t_) {
    auto c = static_cast<unsigned char>(ch);
    if ((c < 0x20 && c != '\n') || c >= 0x7f) return false;  // tabs, CR, controls, non-ASCII
  }
  Emit(YamlEventType::kOther, 0, 0);  // stream start
  size_t p = NextContent(0);
  while (p < n_) {
    if (Marker(p, '.')) return false;
    size_t content = p;
    if (Marker(p, '-')) {
      size_t line_end;
      if (!EndOfLine(p + 3, &line_end)) return false;
      Emit(YamlEventType::kDocumentStart, p, p + 3);
      content = NextContent(line_end);
      if (content == n_ || Marker(content, '-')) {  // an empty document
        EmitEmpty(content);
        Emit(YamlEventType::kDocumentEnd, content, content);
        p = content;
        continue;
      }
      if (Marker(content, '.')) return false;
    } else {
      Emit(YamlEventType::kDocumentStart, p, p);
    }
    if (!Node(content, -1, 1)) return false;
    p = NextContent(pos_);
    if (p < n_ && !Marker(p, '-')) return false;
    Emit(YamlEventType::kDocumentEnd, p, p);
  }
  Emit(YamlEventType::kStreamEnd, n_, n_);
  return true;
}

}  // namespace

bool ScanBlockYaml(std::string_view text, uint32_t max_depth, std::vector<YamlEvent>* events) {
  BlockScanner scanner(text, max_depth, events);
  return scanner.Run();
}

}  // namespace gwc

// Copyright 2026 The gwc Authors.
//
// Clang-style text diagnostics for people at a terminal:
//
//   routes.yaml:12:15: error[GWC4012]: backend Service "orders-v3" not found
//     --> in HTTPRoute shop/orders at spec.rules[0].backendRefs[1].name
//     12 |       - name: orders-v3
//        |               ^~~~~~~~~
//   routes.yaml:3:9: note: the route is declared here
//   help: create the Service or fix the name
//
// Columns count code points. Tabs expand to the next multiple of kTabWidth so
// the caret lines up; control characters show as '?'; long lines are cut to a
// window around the caret with "..." on the cut side.

#include <algorithm>
#include <cstdint>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "compiler/base/render.h"

namespace gwc {

namespace {

constexpr size_t kTabWidth = 8;
constexpr size_t kMaxShownColumns = 120;
constexpr size_t kColumnsBeforeCaret = 40;
constexpr size_t kMinGutterWidth = 4;
constexpr std::string_view kEllipsis = "...";
constexpr std::string_view kReplacement = "\xEF\xBF\xBD";  // U+FFFD

constexpr std::string_view kReset = "\033[0m";
constexpr std::string_view kBold = "\033[1m";
constexpr std::string_view kRed = "\033[1;31m";
constexpr std::string_view kYellow = "\033[1;33m";
constexpr std::string_view kCyan = "\033[1;36m";
constexpr std::string_view kGreen = "\033[1;32m";

// Wraps text in an ANSI style when color is on.
class Painter {
 public:
  explicit Painter(bool color) : color_(color) {}

  std::string operator()(std::string_view style, std::string_view text) const {
    if (!color_ || text.empty()) return std::string(text);
    std::string out(style);
    out.append(text);
    out.append(kReset);
    return out;
  }

 private:
  bool color_;
};

std::string_view SeverityStyle(Severity s) {
  switch (s) {
    case Severity::kError:
      return kRed;
    case Severity::kWarning:
      return kYellow;
    case Severity::kInfo:
      return kCyan;
  }
  return kRed;
}

// `text` with control characters (other than tab and line feed) shown as '?',
// so input echoed in a message cannot drive the terminal.
std::string Clean(std::string_view text) {
  std::string out(text);
  for (char& c : out) {
    auto b = static_cast<unsigned char>(c);
    if ((b < 0x20 && b != '\t' && b != '\n') || b == 0x7F) c = '?';
  }
  return out;
}

bool IsContinuation(unsigned char c) { return (c & 0xC0) == 0x80; }

// Length a well-formed UTF-8 sequence with this lead byte has; 0 if invalid.
size_t ExpectedLength(unsigned char lead) {
  if (lead < 0x80) return 1;
  if (lead >= 0xC2 && lead <= 0xDF) return 2;
  if (lead >= 0xE0 && lead <= 0xEF) return 3;
  if (lead >= 0xF0 && lead <= 0xF4) return 4;
  return 0;
}

// Start of the first code point of `line`; leading continuation bytes
// belong to the previous line's last code point, as SourceFile counts.
size_t FirstCodePoint(std::string_view line) {
  size_t i = 0;
  while (i < line.size() && IsContinuation(line[i])) ++i;
  return i;
}

// Walks the code points of one source line and keeps its place, so spans
// visited left to right cost one pass over a long (minified) line in total.
class LineWalker {
 public:
  // Moves to `line` of `file`; stays put when it is already there.
  void Reset(const SourceFile& file, uint32_t line) {
    if (file_ == &file && line_ == line) return;
    file_ = &file;
    line_ = line;
    text_ = file.LineText(line);
    Rewind();
  }

  std::string_view text() const { return text_; }
  // The code point the walker stands on; the line's length once at its end.
  size_t position() const { return cp_; }

  // Byte offset of 0-based code point `index`; text().size() past the end.
  size_t ByteOf(size_t index) {
    if (index < cp_) Rewind();
    while (cp_ < index && byte_ < text_.size()) {
      ++byte_;
      while (byte_ < text_.size() && IsContinuation(text_[byte_])) ++byte_;
      ++cp_;
    }
    return byte_;
  }

 private:
  void Rewind() {
    cp_ = 0;
    byte_ = FirstCodePoint(text_);
  }

  const SourceFile* file_ = nullptr;
  uint32_t line_ = 0;
  std::string_view text_;
  size_t cp_ = 0;
  size_t byte_ = 0;
};

// Start of the code point `count` code points before the end of `line`.
size_t StepBack(std::string_view line, size_t count) {
  size_t byte = line.size();
  for (size_t k = 0; k < count && byte > 0; ++k) {
    --byte;
    while (byte > 0 && IsContinuation(line[byte])) --byte;
  }
  return byte;
}

// A piece of a source line as terminal cells: one string per display column,
// and for each code point the display column it starts at.
struct ShownLine {
  std::vector<std::string> cells;
  std::vector<size_t> cp_start;

  // Display column of the 0-based code point `index`; past the end of the
  // text every further code point counts one cell.
  size_t DisplayColumn(size_t index) const {
    if (index < cp_start.size()) return cp_start[index];
    return cells.size() + (index - cp_start.size());
  }
};

// Lays out `text`, which starts at a code point: tabs expand to the next tab
// stop, control characters show as '?', broken UTF-8 as U+FFFD.
ShownLine LayOut(std::string_view text) {
  ShownLine shown;
  for (size_t i = 0; i < text.size();) {
    size_t len = 1;
    while (i + len < text.size() && IsContinuation(text[i + len])) ++len;
    auto lead = static_cast<unsigned char>(text[i]);
    shown.cp_start.push_back(shown.cells.size());
    if (lead == '\t') {
      do {
        shown.cells.emplace_back(" ");
      } while (shown.cells.size() % kTabWidth != 0);
    } else if (lead < 0x20 || lead == 0x7F) {
      shown.cells.emplace_back("?");
    } else if (ExpectedLength(lead) != len) {
      shown.cells.emplace_back(kReplacement);
    } else {
      shown.cells.emplace_back(text.substr(i, len));
    }
    i += len;
  }
  return shown;
}

// The shown part of a source line: code points [begin, end) and their bytes.
struct Window {
  size_t begin = 0;
  size_t end = 0;
  std::string_view text;
  bool cut_back = false;
};

// All of a short line. Of a long one, kMaxShownColumns code points starting
// kColumnsBeforeCaret before the caret, or ending with the line.
Window ChooseWindow(LineWalker& walker, size_t caret) {
  std::string_view line = walker.text();
  Window window;
  window.begin = caret > kColumnsBeforeCaret ? caret - kColumnsBeforeCaret : 0;
  size_t from = walker.ByteOf(window.begin);
  LineWalker ahead = walker;  // the walker stays at the window start
  size_t to = ahead.ByteOf(window.begin + kMaxShownColumns);
  window.cut_back = to < line.size();
  window.end = ahead.position();
  if (!window.cut_back) {
    window.begin = window.end > kMaxShownColumns ? window.end - kMaxShownColumns : 0;
    from = window.begin > 0 ? StepBack(line, kMaxShownColumns) : FirstCodePoint(line);
  }
  window.text = line.substr(from, to - from);
  return window;
}

// The line number, right-aligned in a column at least kMinGutterWidth wide.
std::string LineNumber(uint32_t line) {
  std::string number = std::to_string(line);
  if (number.size() < kMinGutterWidth) number.insert(0, kMinGutterWidth - number.size(), ' ');
  return number;
}

// Prints the source line of `start` and a caret line under the span
// [start, end). Multi-line spans get a caret at the start only. Only the
// shown window of a long line is laid out.
void PrintSnippet(const SourceFile& file, LineCol start, LineCol end, LineWalker& walker,
                  const Painter& paint, std::ostream& out) {
  walker.Reset(file, start.line);
  if (walker.text().empty()) return;
  size_t first_cp = start.column > 0 ? start.column - 1 : 0;
  Window window = ChooseWindow(walker, first_cp);
  // Past the end of the line the caret stands one column after it.
  first_cp = std::min(first_cp, window.end);
  size_t end_cp = first_cp + 1;
  if (end.line == start.line && end.column > start.column) {
    end_cp = std::max(end_cp, std::min<size_t>(end.column - 1, window.end));
  }
  ShownLine shown = LayOut(window.text);

  bool cut_front = window.begin > 0;
  std::string source = cut_front ? std::string(kEllipsis) : "";
  for (const std::string& cell : shown.cells) source += cell;
  if (window.cut_back) source += kEllipsis;

  size_t caret_begin = shown.DisplayColumn(first_cp - window.begin);
  size_t caret_end = std::max(shown.DisplayColumn(end_cp - window.begin), caret_begin + 1);
  std::string caret((cut_front ? kEllipsis.size() : 0) + caret_begin, ' ');
  caret += '^';
  caret.append(caret_end - caret_begin - 1, '~');

  std::string number = LineNumber(start.line);
  out << paint(kBold, number + " | ") << source << '\n';
  out << paint(kBold, std::string(number.size(), ' ') + " | ") << paint(kGreen, caret) << '\n';
}

// "path:line:col: " for a span in a known file, "" otherwise.
std::string LocationPrefix(const SourceFile* file, LineCol start) {
  if (file == nullptr) return "";
  return Clean(file->path()) + ":" + std::to_string(start.line) + ":" +
         std::to_string(start.column) + ": ";
}

struct Located {
  const SourceFile* file = nullptr;
  LineCol start;
  LineCol end;
};

Located Locate(const SourceSet& sources, const Span& span) {
  Located loc;
  if (!span.valid()) return loc;
  loc.file = sources.Get(span.file);
  if (loc.file == nullptr) return loc;
  loc.start = loc.file->Locate(span.begin);
  loc.end = loc.file->Locate(std::max(span.begin, span.end));
  return loc;
}

// "in HTTPRoute shop/orders at spec.rules[0]", either part may be missing.
std::string Context(const Diagnostic& d) {
  std::string text;
  if (!d.object.empty()) text += "in " + d.object;
  if (!d.object.empty() && !d.field_path.empty()) text += ' ';
  if (!d.field_path.empty()) text += "at " + d.field_path;
  return Clean(text);
}

// Prints diagnostics one after another. Primary spans and notes walk lines
// with separate walkers, so notes pointing back do not restart the primary
// walk along a long line.
class TextPrinter {
 public:
  TextPrinter(const SourceSet& sources, const RenderOptions& options, std::ostream& out)
      : sources_(sources), paint_(options.color), out_(out) {}

  void Print(const Diagnostic& d) {
    Located loc = Locate(sources_, d.span);
    std::string head = std::string(SeverityName(d.severity)) + "[" + CodeName(d.code) + "]";
    out_ << paint_(kBold, LocationPrefix(loc.file, loc.start))
         << paint_(SeverityStyle(d.severity), head) << paint_(kBold, ": " + Clean(d.message))
         << '\n';
    if (!d.object.empty() || !d.field_path.empty()) {
      out_ << paint_(kCyan, "  -->") << ' ' << Context(d) << '\n';
    }
    if (loc.file != nullptr) PrintSnippet(*loc.file, loc.start, loc.end, primary_, paint_, out_);
    for (const RelatedSpan& related : d.related) PrintRelated(related);
    if (!d.fix_hint.empty()) out_ << paint_(kGreen, "help") << ": " << Clean(d.fix_hint) << '\n';
  }

 private:
  void PrintRelated(const RelatedSpan& related) {
    Located loc = Locate(sources_, related.span);
    out_ << paint_(kBold, LocationPrefix(loc.file, loc.start)) << paint_(kCyan, "note") << ": "
         << Clean(related.message) << '\n';
    if (loc.file != nullptr) PrintSnippet(*loc.file, loc.start, loc.end, notes_, paint_, out_);
  }

  const SourceSet& sources_;
  Painter paint_;
  std::ostream& out_;
  LineWalker primary_;
  LineWalker notes_;
};

}  // namespace

void RenderText(const std::vector<Diagnostic>& diags, const SourceSet& sources,
                const RenderOptions& options, std::ostream& out) {
  TextPrinter printer(sources, options, out);
  for (const Diagnostic& d : diags) printer.Print(d);
}

}  // namespace gwc

// Copyright 2026 The gwc Authors.
//
// JUnit XML for CI systems that show test reports: one <testsuite name="gwc
// lint"> with one <testcase> per input file. A file with errors gets one
// <failure> listing them; warnings and infos go to the test case's
// <system-out>. Diagnostics without a known file form an extra test case.
//
// Text is escaped for XML 1.0: markup characters become entities, and what
// XML 1.0 cannot carry at all (most control characters, invalid UTF-8,
// U+FFFE/U+FFFF) becomes U+FFFD.

#include <algorithm>
#include <cstdint>
#include <map>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "compiler/base/render.h"

namespace gwc {

namespace {

constexpr std::string_view kSuiteName = "gwc lint";
constexpr std::string_view kNoFileCase = "(no file)";
constexpr std::string_view kReplacement = "\xEF\xBF\xBD";  // U+FFFD

// Bytes in a UTF-8 sequence starting with `lead`; 0 if it cannot start one.
size_t SequenceLength(unsigned char lead) {
  if (lead < 0x80) return 1;
  if (lead < 0xC0) return 0;  // a continuation byte
  if (lead < 0xE0) return 2;
  if (lead < 0xF0) return 3;
  if (lead < 0xF8) return 4;
  return 0;
}

// Decodes one UTF-8 sequence at `text[i]`; returns its length and sets `cp`,
// or returns 0 for an invalid sequence.
size_t DecodeUtf8(std::string_view text, size_t i, uint32_t& cp) {
  auto byte = [&](size_t k) { return static_cast<unsigned char>(text[i + k]); };
  unsigned char lead = byte(0);
  size_t len = SequenceLength(lead);
  if (len == 0 || i + len > text.size()) return 0;
  static constexpr unsigned char kLeadMask[] = {0, 0x7F, 0x1F, 0x0F, 0x07};
  cp = lead & kLeadMask[len];
  for (size_t k = 1; k < len; ++k) {
    if ((byte(k) & 0xC0) != 0x80) return 0;
    cp = (cp << 6) | (byte(k) & 0x3F);
  }
  static constexpr uint32_t kMinForLength[] = {0, 0, 0x80, 0x800, 0x10000};
  if (cp < kMinForLength[len] || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return 0;
  return len;
}

bool AllowedInXml(uint32_t cp) {
  if (cp == 0x9 || cp == 0xA || cp == 0xD) return true;
  if (cp < 0x20) return false;
  return cp != 0xFFFE && cp != 0xFFFF;
}

// Escapes `text` for element content, or for a double-quoted attribute value
// (where line breaks and tabs must be character references to survive).
std::string Escape(std::string_view text, bool attribute) {
  std::string out;
  out.reserve(text.size());
  for (size_t i = 0; i < text.size();) {
    uint32_t cp = 0;
    size_t len = DecodeUtf8(text, i, cp);
    if (len == 0 || !AllowedInXml(cp)) {
      out += kReplacement;
      i += std::max<size_t>(len, 1);
      continue;
    }
    switch (cp) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += attribute ? "&quot;" : "\"";
        break;
      case '\n':
        out += attribute ? "&#10;" : "\n";
        break;
      case '\r':
        out += "&#13;";
        break;
      case '\t':
        out += attribute ? "&#9;" : "\t";
        break;
      default:
        out.append(text.substr(i, len));
    }
    i += len;
  }
  return out;
}

std::string Attr(std::string_view text) { return Escape(text, /*attribute=*/true); }
std::string Text(std::string_view text) { return Escape(text, /*attribute=*/false); }

// One line per diagnostic: "path:line:col: error[GWC1234]: message (in X at Y)".
std::string DescribeLine(const Diagnostic& d, const SourceFile* file) {
  std::string line;
  if (file != nullptr) {
    LineCol at = file->Locate(d.span.begin);
    line = file->path() + ":" + std::to_string(at.line) + ":" + std::to_string(at.column) + ": ";
  }
  line += std::string(SeverityName(d.severity)) + "[" + CodeName(d.code) + "]: " + d.message;
  if (!d.object.empty() || !d.field_path.empty()) {
    line += " (";
    if (!d.object.empty()) line += "in " + d.object;
    if (!d.object.empty() && !d.field_path.empty()) line += " ";
    if (!d.field_path.empty()) line += "at " + d.field_path;
    line += ")";
  }
  if (!d.fix_hint.empty()) line += " help: " + d.fix_hint;
  return line + "\n";
}

// The diagnostics of one test case, split into errors and the rest.
struct CaseFindings {
  std::string name;
  std::vector<const Diagnostic*> errors;
  std::vector<const Diagnostic*> others;
};

void WriteCase(const CaseFindings& c, const SourceFile* file, std::ostream& out) {
  out << "    <testcase name=\"" << Attr(c.name) << "\" classname=\"" << Attr(c.name) << "\"";
  if (c.errors.empty() && c.others.empty()) {
    out << "/>\n";
    return;
  }
  out << ">\n";
  if (!c.errors.empty()) {
    const Diagnostic& first = *c.errors.front();
    std::string message = std::to_string(c.errors.size()) +
                          (c.errors.size() == 1 ? " error: " : " errors, first: ") + first.message;
    out << "      <failure message=\"" << Attr(message) << "\" type=\"" << CodeName(first.code)
        << "\">";
    for (const Diagnostic* d : c.errors) out << Text(DescribeLine(*d, file));
    out << "</failure>\n";
  }
  if (!c.others.empty()) {
    out << "      <system-out>";
    for (const Diagnostic* d : c.others) out << Text(DescribeLine(*d, file));
    out << "</system-out>\n";
  }
  out << "    </testcase>\n";
}

}  // namespace

void RenderJunit(const std::vector<Diagnostic>& diags, const SourceSet& sources,
                 const RenderOptions& options, std::ostream& out) {
  // Index kNoFile sorts last, so the "(no file)" case closes the suite.
  std::map<FileId, CaseFindings> cases;
  for (FileId id = 0; id < sources.size(); ++id) cases[id].name = sources.Get(id)->path();
  for (const Diagnostic& d : diags) {
    FileId id = d.span.valid() && sources.Get(d.span.file) != nullptr ? d.span.file : kNoFile;
    CaseFindings& c = cases[id];
    if (id == kNoFile) c.name = kNoFileCase;
    (d.severity == Severity::kError ? c.errors : c.others).push_back(&d);
  }
  size_t failures = std::count_if(cases.begin(), cases.end(),
                                  [](const auto& entry) { return !entry.second.errors.empty(); });
  std::string counts = "tests=\"" + std::to_string(cases.size()) + "\" failures=\"" +
                       std::to_string(failures) + "\" errors=\"0\"";
  out << "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
  out << "<testsuites name=\"gwc\" " << counts << ">\n";
  out << "  <testsuite name=\"" << kSuiteName << "\" " << counts << " skipped=\"0\">\n";
  for (const auto& [id, c] : cases) WriteCase(c, id == kNoFile ? nullptr : sources.Get(id), out);
  out << "  </testsuite>\n";
  out << "</testsuites>\n";
}

}  // namespace gwc

// Copyright 2026 The gwc Authors.
//
// The tree builder. Parse events come from the block scanner when it accepts
// the file (plain block-style manifests, most of them) and from libyaml
// otherwise. A stack of open collections receives scalars, aliases and
// finished collections; mapping frames check for repeated keys.
// Each node's "weight" (nodes it stands for, aliases expanded) is tracked so
// that alias expansion can be bounded without expanding anything: aliases
// share the anchored node.

#include "compiler/frontend/yaml_parser.h"

#include <nlohmann/json.hpp>

#include "compiler/base/strings.h"
#include "compiler/frontend/block_scanner.h"
#include "compiler/frontend/yaml_event.h"

#include <cstring>
#include <functional>
#include <string>
#include <unordered_map>
#include <unordered_set>

namespace gwc {

namespace {

constexpr uint64_t kWeightCap = 1ull << 62;

// An open collection. Its entries collect on the builder's scratch stacks
// from index `first` on and move into the arena, at their exact size, when
// the collection closes.
struct Frame {
  Node* node = nullptr;
  size_t first = 0;
  Key pending_key;              // mappings: the key waiting for its value
  bool has_pending_key = false;
  uint64_t weight = 1;
  std::string anchor;
  std::unique_ptr<std::unordered_set<std::string_view>> key_set;  // once a mapping grows large
};

struct Anchor {
  Node* node;
  uint64_t weight;
};

YamlTag TagOf(std::string_view tag) {
  constexpr std::string_view kCore = "tag:yaml.org,2002:";
  if (tag.substr(0, kCore.size()) == kCore) tag.remove_prefix(kCore.size());
  if (tag.substr(0, 2) == "!!") tag.remove_prefix(2);
  if (tag == "str") return YamlTag::kStr;
  if (tag == "int") return YamlTag::kInt;
  if (tag == "float") return YamlTag::kFloat;
  if (tag == "bool") return YamlTag::kBool;
  if (tag == "null") return YamlTag::kNull;
  if (tag == "map") return YamlTag::kMap;
  if (tag == "seq") return YamlTag::kSeq;
  return YamlTag::kOther;
}

class Builder {
 public:
  Builder(const SourceFile& file, const ParseLimits& limits, DiagnosticSink* diags,
          ParsedFile* out)
      : file_(file), limits_(limits), diags_(diags), out_(out), arena_(*out->arena),
        ascii_(IsAscii(file.text())) {}

  // Consumes one event; false once the rest of the file must not be read.
  bool Handle(const YamlEvent& e);
  void ReportParserError(const LibyamlError& error);

 private:
  void StartDocument(const YamlEvent& e);
  void EndDocument();
  void OpenCollection(const YamlEvent& e, NodeKind kind);
  void CloseCollection(const YamlEvent& e);
  void AddScalar(const YamlEvent& e);
  void AddAlias(const YamlEvent& e);
  void Attach(Node* node, uint64_t weight);
  void AttachKey(Frame* frame, const Key& key);
  bool ExpectsKey() const;
  std::string_view ScalarText(const YamlEvent& e);
  void CheckDuplicateKey(Frame* frame, const Key& key);
  void ApplyMergeKeys(const Frame& frame);
  const Key* FindKey(const Frame& frame, std::string_view text) const;
  void Report(DiagCode code, uint32_t begin, uint32_t end, std::string message,
              std::vector<RelatedSpan> related = {});
  void AbandonDocument(DiagCode code, const YamlEvent& e, std::string message);

  const SourceFile& file_;
  const ParseLimits& limits_;
  DiagnosticSink* diags_;
  ParsedFile* out_;
  Arena& arena_;
  const bool ascii_;  // code-point offsets are byte offsets

  std::vector<Frame> stack_;
  std::vector<Key> scratch_keys_;      // entries of the open collections (keys
  std::vector<Node*> scratch_values_;  // unused for sequences), innermost last
  std::unordered_map<std::string, Anchor> anchors_;
  Node* root_ = nullptr;
  uint32_t doc_index_ = 0;
  uint64_t doc_start_ = 0;
  uint64_t alias_expansion_ = 0;
  bool skipping_ = false;  // the current document hit a limit; drain its events
  bool stop_ = false;      // stop reading the file
  int skip_depth_ = 0;
};

void Builder::Report(DiagCode code, uint32_t begin, uint32_t end, std::string message,
                     std::vector<RelatedSpan> related) {
  Diagnostic d;
  d.code = code;
  d.severity = InfoFor(code).default_severity;
  d.message = std::move(message);
  d.span = Span{file_.id(), begin, end};
  d.related = std::move(related);
  diags_->Add(std::move(d));
}

void Builder::AbandonDocument(DiagCode code, const YamlEvent& e, std::string message) {
  uint32_t at = e.begin;
  Report(code, at, at + 1, std::move(message));
  skipping_ = true;
  skip_depth_ = static_cast<int>(stack_.size());
  stack_.clear();
  scratch_keys_.clear();
  scratch_values_.clear();
  root_ = nullptr;
}

void Builder::StartDocument(const YamlEvent& e) {
  stack_.clear();
  scratch_keys_.clear();
  scratch_values_.clear();
  anchors_.clear();
  root_ = nullptr;
  skipping_ = false;
  skip_depth_ = 0;
  alias_expansion_ = 0;
  doc_start_ = e.begin;
}

void Builder::EndDocument() {
  if (!skipping_ && root_ && !root_->IsNull()) {
    out_->documents.push_back({root_, doc_index_});
  }
  ++doc_index_;
  root_ = nullptr;
  skipping_ = false;
}

void Builder::Attach(Node* node, uint64_t weight) {
  if (stack_.empty()) {
    root_ = node;
    return;
  }
  Frame& top = stack_.back();
  top.weight = std::min(kWeightCap, top.weight + weight);
  if (top.node->kind == NodeKind::kSeq) {
    scratch_keys_.emplace_back();
    scratch_values_.push_back(node);
  } else if (!top.has_pending_key) {
    // A node in key position (an anchored or complex key) becomes a Key.
    Key key;
    key.text = node->IsScalar() ? node->text : std::string_view();
    key.span = node->span;
    key.style = node->style;
    key.scalar = node->IsScalar();
    AttachKey(&top, key);
  } else {
    scratch_keys_.push_back(top.pending_key);
    scratch_values_.push_back(node);
    top.has_pending_key = false;
  }
}

void Builder::AttachKey(Frame* frame, const Key& key) {
  CheckDuplicateKey(frame, key);
  frame->pending_key = key;
  frame->has_pending_key = true;
}

bool Builder::ExpectsKey() const {
  return !stack_.empty() && stack_.back().node->kind == NodeKind::kMap &&
         !stack_.back().has_pending_key;
}

const Key* Builder::FindKey(const Frame& frame, std::string_view text) const {
  for (size_t i = frame.first; i < scratch_keys_.size(); ++i) {
    if (scratch_keys_[i].scalar && scratch_keys_[i].text == text) return &scratch_keys_[i];
  }
  return nullptr;
}

void Builder::CheckDuplicateKey(Frame* frame, const Key& key) {
  if (!key.scalar) return;
  const size_t size = scratch_keys_.size() - frame->first;
  const Key* first = nullptr;
  if (size < 16) {
    first = FindKey(*frame, key.text);
  } else {
    if (!frame->key_set) {
      frame->key_set = std::make_unique<std::unordered_set<std::string_view>>();
      for (size_t i = frame->first; i < scratch_keys_.size(); ++i) {
        frame->key_set->insert(scratch_keys_[i].text);
      }
    }
    if (!frame->key_set->insert(key.text).second) first = FindKey(*frame, key.text);
  }
  if (!first) return;
  Report(DiagCode::kDuplicateKey, key.span.begin, key.span.end,
         "duplicate key '" + std::string(key.text) +
             "'; kubectl's strict field validation rejects the document, other tools keep one "
             "of the two values",
         {{first->span, "first defined here"}});
}

void Builder::OpenCollection(const YamlEvent& e, NodeKind kind) {
  if (stack_.size() >= limits_.max_depth) {
    // libyaml's cost grows with the square of the nesting depth, so the rest
    // of the file is not read at all.
    AbandonDocument(DiagCode::kNestingLimit, e,
                    "nesting deeper than " + std::to_string(limits_.max_depth) +
                        " levels; the rest of this file is not read");
    stop_ = true;
    return;
  }
  Node* node = arena_.NewNode();
  node->kind = kind;
  node->span = Span{file_.id(), e.begin, e.end};
  if (!e.tag.empty()) node->tag = TagOf(e.tag);
  Frame frame;
  frame.node = node;
  frame.first = scratch_values_.size();
  frame.anchor = std::string(e.anchor);
  stack_.push_back(std::move(frame));
}

void Builder::CloseCollection(const YamlEvent& e) {
  Frame frame = std::move(stack_.back());
  stack_.pop_back();
  Node* node = frame.node;
  node->span.end = e.end;
  if (frame.has_pending_key) {  // libyaml never leaves a key without value; be safe
    Node* null_value = arena_.NewNode();
    null_value->span = frame.pending_key.span;
    scratch_keys_.push_back(frame.pending_key);
    scratch_values_.push_back(null_value);
  }
  if (node->kind == NodeKind::kMap) ApplyMergeKeys(frame);
  const size_t n = scratch_values_.size() - frame.first;
  arena_.SetChildren(node, node->IsMap() ? scratch_keys_.data() + frame.first : nullptr,
                     scratch_values_.data() + frame.first, static_cast<uint32_t>(n));
  scratch_keys_.resize(frame.first);
  scratch_values_.resize(frame.first);
  // Register the anchor only now, so an alias inside its own anchor (a
  // cycle) finds nothing and is reported as undefined.
  if (!frame.anchor.empty()) anchors_[frame.anchor] = {node, frame.weight};
  Attach(node, frame.weight);
}

// YAML 1.1 merge keys (`<<: *defaults`), which the Kubernetes reader honours:
// entries of the merged mappings are added unless the mapping has them.
void Builder::ApplyMergeKeys(const Frame& frame) {
  const size_t end = scratch_values_.size();  // entries merged in are not merge keys
  for (size_t i = frame.first; i < end; ++i) {
    const Key key = scratch_keys_[i];
    if (!key.scalar || key.style != ScalarStyle::kPlain || key.text != "<<") continue;
    Node* value = scratch_values_[i];
    std::vector<Node*> sources;
    if (value->IsMap()) sources.push_back(value);
    if (value->IsSeq()) {
      for (uint32_t j = 0; j < value->size; ++j) {
        if (value->values[j]->IsMap()) sources.push_back(value->values[j]);
      }
    }
    for (Node* src : sources) {
      for (uint32_t j = 0; j < src->size; ++j) {
        if (!src->keys[j].scalar || FindKey(frame, src->keys[j].text)) continue;
        scratch_keys_.push_back(src->keys[j]);
        scratch_values_.push_back(src->values[j]);
      }
    }
  }
}

void Builder::AddScalar(const YamlEvent& e) {
  const uint32_t begin = e.begin, end = e.end;
  if (end - doc_start_ > limits_.max_document_bytes) {
    AbandonDocument(DiagCode::kSizeLimit, e,
                    "document longer than " + std::to_string(limits_.max_document_bytes) +
                        " characters (--max-document-bytes); it is skipped");
    return;
  }
  if (ExpectsKey() && e.anchor.empty()) {  // the common case: no node for a key
    Key key;
    key.text = ScalarText(e);
    key.span = Span{file_.id(), begin, end};
    key.style = e.style;
    stack_.back().weight = std::min(kWeightCap, stack_.back().weight + 1);
    AttachKey(&stack_.back(), key);
    return;
  }
  Node* node = arena_.NewNode();
  node->kind = NodeKind::kScalar;
  node->style = e.style;
  node->span = Span{file_.id(), begin, end};
  node->text = ScalarText(e);
  if (!e.tag.empty()) node->tag = TagOf(e.tag);
  if (!e.anchor.empty()) anchors_[std::string(e.anchor)] = {node, 1};
  Attach(node, 1);
}

// A value already in the source text (the block scanner's), or a plain
// scalar written exactly as its value, is viewed in the source text (which
// outlives the tree) instead of copied.
std::string_view Builder::ScalarText(const YamlEvent& e) {
  std::string_view value = e.value;
  std::string_view source = file_.text();
  if (std::less_equal<const char*>()(source.data(), value.data()) &&
      std::less_equal<const char*>()(value.data() + value.size(), source.data() + source.size())) {
    return value;
  }
  const size_t begin = e.begin, end = e.end;
  if (ascii_ && end - begin == value.size() && end <= source.size() &&
      source.compare(begin, value.size(), value) == 0) {
    return source.substr(begin, value.size());
  }
  return arena_.Intern(value);
}

void Builder::AddAlias(const YamlEvent& e) {
  std::string name(e.value);
  auto it = anchors_.find(name);
  if (it == anchors_.end()) {
    AbandonDocument(DiagCode::kYamlSyntax, e,
                    "alias *" + name + " refers to an anchor that is not defined before it");
    return;
  }
  alias_expansion_ = std::min(kWeightCap, alias_expansion_ + it->second.weight);
  if (alias_expansion_ > limits_.max_alias_expansion) {
    AbandonDocument(DiagCode::kAliasLimit, e,
                    "aliases expand to more than " + std::to_string(limits_.max_alias_expansion) +
                        " nodes (alias bomb?); the document is skipped");
    return;
  }
  Attach(it->second.node, it->second.weight);
}

bool Builder::Handle(const YamlEvent& e) {
  if (skipping_) {
    if (e.type == YamlEventType::kDocumentEnd) EndDocument();
    return e.type != YamlEventType::kStreamEnd;
  }
  switch (e.type) {
    case YamlEventType::kDocumentStart:
      StartDocument(e);
      break;
    case YamlEventType::kDocumentEnd:
      EndDocument();
      break;
    case YamlEventType::kMappingStart:
      OpenCollection(e, NodeKind::kMap);
      break;
    case YamlEventType::kSequenceStart:
      OpenCollection(e, NodeKind::kSeq);
      break;
    case YamlEventType::kMappingEnd:
    case YamlEventType::kSequenceEnd:
      if (!stack_.empty()) CloseCollection(e);
      break;
    case YamlEventType::kScalar:
      AddScalar(e);
      break;
    case YamlEventType::kAlias:
      AddAlias(e);
      break;
    case YamlEventType::kStreamEnd:
      return false;
    case YamlEventType::kOther:
      break;
  }
  return !stop_;
}

uint32_t CodePointOffset(std::string_view text, size_t byte_offset) {
  return CountCodePoints(text.substr(0, std::min(byte_offset, text.size())));
}

void Builder::ReportParserError(const LibyamlError& error) {
  std::string problem = error.problem.empty() ? "unknown YAML error" : error.problem;
  if (error.kind == LibyamlError::Kind::kReader) {
    uint32_t at = CodePointOffset(file_.text(), error.problem_offset);
    std::string msg = problem;
    if (error.problem_value != -1) {
      char hex[16];
      snprintf(hex, sizeof hex, "0x%02X", error.problem_value & 0xFF);
      msg += " (byte " + std::string(hex) + ")";
    }
    Report(DiagCode::kEncoding, at, at + 1, msg + "; is this a binary or non-UTF-8 file?");
    return;
  }
  if (error.kind == LibyamlError::Kind::kMemory) {
    Report(DiagCode::kSizeLimit, 0, 1, problem == "unknown YAML error" ? "out of memory while parsing" : problem);
    return;
  }
  std::string msg = problem;
  if (!error.context.empty()) msg = error.context + ": " + msg;
  // libyaml's classic tab complaint deserves a plain explanation.
  if (problem.find("cannot start any token") != std::string::npos) {
    auto at = error.problem_index;
    if (at < file_.text().size() && file_.text()[at] == '\t') {
      msg = "tab character used for indentation; YAML allows only spaces";
    }
  }
  std::vector<RelatedSpan> related;
  if (!error.context.empty() && error.context_index != error.problem_index) {
    auto c = static_cast<uint32_t>(error.context_index);
    related.push_back({Span{file_.id(), c, c + 1}, error.context});
  }
  auto at = static_cast<uint32_t>(error.problem_index);
  Report(DiagCode::kYamlSyntax, at, at + 1, msg, std::move(related));
}

// The documents of `text` as byte ranges: split before every "---" line at
// column 0, where libyaml ends a document whatever came before it.
std::vector<std::pair<size_t, size_t>> DocumentChunks(std::string_view text) {
  std::vector<std::pair<size_t, size_t>> chunks;
  size_t begin = 0;
  for (size_t line = 0; line < text.size();) {
    size_t nl = text.find('\n', line);
    size_t next = nl == std::string_view::npos ? text.size() : nl + 1;
    if (line > begin && text.compare(line, 3, "---") == 0 &&
        (line + 3 == text.size() || std::strchr(" \t\r\n", text[line + 3]) != nullptr)) {
      chunks.emplace_back(begin, line);
      begin = line;
    }
    line = next;
  }
  chunks.emplace_back(begin, text.size());
  return chunks;
}

// Directives (%YAML, %TAG) belong to the stream's next document; such files
// are read whole. Any '%' at the start of a line (after any of YAML's line
// breaks, or a byte-order mark) counts.
bool HasDirective(std::string_view text) {
  for (size_t i = text.find('%'); i != std::string_view::npos; i = text.find('%', i + 1)) {
    if (i == 0 || std::strchr("\n\r\x85\xA8\xA9\xBF", text[i - 1]) != nullptr) return true;
  }
  return false;
}

// Whether libyaml's reader takes every character of `text`: well-formed
// UTF-8 of the characters YAML allows. libyaml decodes ahead of parsing, so
// a bad byte anywhere can stop it before earlier documents end; files it
// would stop on are read whole, as it would read them.
bool ReaderAcceptsAll(std::string_view text) {
  static constexpr uint32_t kMin[] = {0, 0x80, 0x800, 0x10000};
  for (size_t i = 0; i < text.size();) {
    auto c = static_cast<unsigned char>(text[i]);
    if (c < 0x80) {
      if (c < 0x20 && c != '\t' && c != '\n' && c != '\r') return false;
      if (c == 0x7F) return false;
      ++i;
      continue;
    }
    size_t extra = (c & 0xE0) == 0xC0 ? 1 : (c & 0xF0) == 0xE0 ? 2 : (c & 0xF8) == 0xF0 ? 3 : 0;
    if (extra == 0 || text.size() - i <= extra) return false;
    uint32_t cp = c & (0x3F >> extra);
    for (size_t k = 1; k <= extra; ++k) {
      auto cc = static_cast<unsigned char>(text[i + k]);
      if ((cc & 0xC0) != 0x80) return false;
      cp = (cp << 6) | (cc & 0x3F);
    }
    bool allowed = cp == 0x85 || (cp >= 0xA0 && cp <= 0xD7FF) || (cp >= 0xE000 && cp <= 0xFFFD) ||
                   (cp >= 0x10000 && cp <= 0x10FFFF);
    if (cp < kMin[extra] || !allowed) return false;
    i += extra + 1;
  }
  return true;
}

// Reads the file with the block scanner when it accepts it; otherwise
// document by document, each with the block scanner if it accepts that
// document and libyaml if not, so one ConfigMap with a block scalar does not
// send a whole `helm template` stream down the slow path. A syntax error
// ends the reading, as it does in libyaml. Returns whether the block scanner
// read the whole file.
bool ReadEvents(const SourceFile& file, const ParseLimits& limits, Builder* builder) {
  std::string_view text = file.text();
  const bool scan = !limits.libyaml_only;
  std::vector<YamlEvent> events;
  if (scan && ScanBlockYaml(text, limits.max_depth, &events)) {
    for (const YamlEvent& e : events) {
      if (!builder->Handle(e)) break;
    }
    return true;
  }
  const bool whole = !scan || HasDirective(text) || !ReaderAcceptsAll(text);
  auto chunks = whole ? std::vector<std::pair<size_t, size_t>>{{0, text.size()}}
                      : DocumentChunks(text);
  // libyaml drops a leading byte-order mark and does not count it in marks.
  size_t counted = text.substr(0, 3) == "\xEF\xBB\xBF" ? 3 : 0;  // bytes `shift` covers
  uint32_t shift = 0;  // code points before the chunk, as libyaml counts them
  bool more = true;
  // Chunk-relative events, minus each chunk's stream start and end.
  auto feed = [&](const YamlEvent& e) {
    if (e.type == YamlEventType::kOther || e.type == YamlEventType::kStreamEnd) return more;
    YamlEvent shifted = e;
    shifted.begin += shift;
    shifted.end += shift;
    more = builder->Handle(shifted);
    return more;
  };
  for (size_t i = 0; i < chunks.size() && more; ++i) {
    auto [begin, end] = chunks[i];
    if (begin > counted) {
      shift += CountCodePoints(text.substr(counted, begin - counted));
      counted = begin;
    }
    std::string_view chunk = text.substr(begin, end - begin);
    events.clear();
    if (scan && ScanBlockYaml(chunk, limits.max_depth, &events)) {
      for (const YamlEvent& e : events) {
        if (!feed(e)) break;
      }
      continue;
    }
    LibyamlError error;
    if (ReadLibyamlEvents(chunk, feed, &error)) continue;
    // A construct cut short by the next "---" is reported as libyaml reports
    // it in the whole stream ("unexpected document indicator"), not as the
    // end of the chunk: read on from here, for the error only.
    LibyamlError stream_error;
    if (i + 1 < chunks.size() &&
        !ReadLibyamlEvents(text.substr(begin), [](const YamlEvent&) { return true; },
                           &stream_error)) {
      error = stream_error;
    }
    error.problem_offset += begin;
    error.problem_index += shift;
    error.context_index += shift;
    builder->ReportParserError(error);
    return false;
  }
  return false;
}

void ReportInvalidJson(const SourceFile& file, size_t byte, std::string message,
                       DiagnosticSink* diags) {
  Diagnostic d;
  d.code = DiagCode::kYamlSyntax;
  d.severity = Severity::kError;
  d.message = "invalid JSON: " + std::move(message);
  uint32_t cp = CodePointOffset(file.text(), byte);
  d.span = Span{file.id(), cp, cp + 1};
  diags->Add(std::move(d));
}

// Like kubectl, input whose first character is '{' is JSON and is held to
// JSON's rules (no trailing commas, no comments, no single quotes), which
// YAML's flow syntax would otherwise accept. Returns false after reporting.
bool CheckStrictJson(const SourceFile& file, DiagnosticSink* diags) {
  std::string_view text = file.text();
  size_t first = text.find_first_not_of(" \t\r\n");
  if (first == std::string_view::npos || text[first] != '{') return true;
  if (nlohmann::json::accept(text)) return true;
  try {
    (void)nlohmann::json::parse(text);
  } catch (const nlohmann::json::parse_error& e) {
    std::string what = e.what();
    // A stream of several JSON objects is fine (kubectl reads them one by one).
    if (what.find("expected end of input") != std::string::npos) return true;
    size_t colon = what.find("- ");
    ReportInvalidJson(file, e.byte == 0 ? 0 : e.byte - 1,
                      colon == std::string::npos ? what : what.substr(colon + 2), diags);
    return false;
  } catch (const nlohmann::json::exception& e) {
    // Syntactically fine but unrepresentable, such as a number beyond any
    // double ("number overflow parsing '1E999'"): point at the quoted text.
    std::string what = e.what();
    size_t open = what.find('\''), close = what.rfind('\'');
    size_t at = 0;
    if (open != std::string::npos && close > open + 1) {
      at = text.find(what.substr(open + 1, close - open - 1));
      if (at == std::string_view::npos) at = 0;
    }
    size_t bracket = what.find("] ");
    ReportInvalidJson(file, at, bracket == std::string::npos ? what : what.substr(bracket + 2),
                      diags);
    return false;
  }
  return true;
}

}  // namespace

ParsedFile ParseYaml(const SourceFile& file, const ParseLimits& limits, DiagnosticSink* diags,
                     Arena* arena) {
  ParsedFile out;
  out.file = &file;
  if (!arena) {
    out.owned_arena = std::make_unique<Arena>();
    arena = out.owned_arena.get();
  }
  out.arena = arena;
  if (file.text().size() > limits.max_file_bytes) {
    Diagnostic d;
    d.code = DiagCode::kSizeLimit;
    d.severity = Severity::kError;
    d.message = "file is " + std::to_string(file.text().size() >> 20) + " MiB, over the limit of " +
                std::to_string(limits.max_file_bytes >> 20) + " MiB; it is not read";
    d.span = Span{file.id(), 0, 1};
    diags->Add(std::move(d));
    return out;
  }
  size_t nul = file.text().find('\0');
  if (nul != std::string_view::npos) {
    Diagnostic d;
    d.code = DiagCode::kEncoding;
    d.severity = Severity::kError;
    d.message = "NUL byte at offset " + std::to_string(nul) +
                "; this looks like a binary file, not YAML or JSON";
    uint32_t at = CodePointOffset(file.text(), nul);
    d.span = Span{file.id(), at, at + 1};
    diags->Add(std::move(d));
    return out;
  }
  if (!CheckStrictJson(file, diags)) return out;
  Builder builder(file, limits, diags, &out);
  out.block_scanned = ReadEvents(file, limits, &builder);
  return out;
}

}  // namespace gwc

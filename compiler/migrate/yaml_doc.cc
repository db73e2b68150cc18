// Copyright 2026 The gwc Authors.
//
// YamlDoc → block-style YAML text. Written here rather than with
// yaml-cpp's emitter: that one classifies every scalar with regexes and
// took 40% of `gwc migrate` on 10k Ingresses; the documents written here
// need only maps, sequences and scalars. A string is plain when YAML 1.1
// reads it back as the same string, else double-quoted.

#include "compiler/migrate/yaml_doc.h"

#include <cstdio>
#include <string_view>

#include "compiler/model/scalar.h"

namespace gwc {

namespace {

bool PlainSafe(std::string_view s) {
  if (s.empty() || s.front() == ' ' || s.back() == ' ' || s.back() == ':') return false;
  if (std::string_view("-?:,[]{}#&*!|>'\"%@`").find(s.front()) != std::string_view::npos) return false;
  for (size_t i = 0; i < s.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    if (c < 0x20 || c == 0x7f) return false;
    if (c == ':' && i + 1 < s.size() && s[i + 1] == ' ') return false;
    if (c == '#' && s[i - 1] == ' ') return false;
  }
  return ResolvePlain(s) == ScalarType::kString;
}

void Quoted(std::string_view s, std::string* out) {
  *out += '"';
  for (char ch : s) {
    unsigned char c = static_cast<unsigned char>(ch);
    if (ch == '"' || ch == '\\') {
      *out += '\\';
      *out += ch;
    } else if (ch == '\n') {
      *out += "\\n";
    } else if (ch == '\t') {
      *out += "\\t";
    } else if (c < 0x20 || c == 0x7f) {
      char buf[8];
      std::snprintf(buf, sizeof buf, "\\x%02x", c);
      *out += buf;
    } else {
      *out += ch;
    }
  }
  *out += '"';
}

}  // namespace

class YamlWriter {
 public:
  explicit YamlWriter(std::string* out) : out_(*out) {}

  // Writes `d` as the value after "key:" (or after "- "): a scalar or an
  // empty collection on the same line, else on the lines that follow,
  // indented by `indent`.
  void Value(const YamlDoc& d, int indent) {
    if (const auto* s = std::get_if<YamlDoc::Scalar>(&d.value_)) {
      out_ += ' ';
      Scalar(*s);
      out_ += '\n';
    } else if (d.empty()) {
      out_ += std::holds_alternative<YamlDoc::Map_>(d.value_) ? " {}\n" : " []\n";
    } else {
      out_ += '\n';
      Block(d, indent, false);
    }
  }

  // A non-empty map or sequence at `indent`; `inline_first`: the first
  // line continues a "- " already written.
  void Block(const YamlDoc& d, int indent, bool inline_first) {
    if (const auto* m = std::get_if<YamlDoc::Map_>(&d.value_)) {
      for (const auto& [k, v] : *m) {
        if (!inline_first) out_.append(static_cast<size_t>(indent), ' ');
        inline_first = false;
        Scalar({k, false});
        out_ += ':';
        Value(v, indent + 2);
      }
      return;
    }
    for (const YamlDoc& item : std::get<YamlDoc::Seq_>(d.value_)) {
      if (!inline_first) out_.append(static_cast<size_t>(indent), ' ');
      inline_first = false;
      out_ += '-';
      if (std::holds_alternative<YamlDoc::Scalar>(item.value_) || item.empty()) {
        Value(item, indent + 2);
      } else {
        out_ += ' ';
        Block(item, indent + 2, true);
      }
    }
  }

 private:
  void Scalar(const YamlDoc::Scalar& s) {
    if (s.plain || PlainSafe(s.text)) {
      out_ += s.text;
    } else {
      Quoted(s.text, &out_);
    }
  }

  std::string& out_;
};

YamlDoc YamlDoc::Str(std::string s) {
  YamlDoc d;
  d.value_ = Scalar{std::move(s), false};
  return d;
}

YamlDoc YamlDoc::Int(int64_t n) {
  YamlDoc d;
  d.value_ = Scalar{std::to_string(n), true};
  return d;
}

YamlDoc YamlDoc::Bool(bool b) {
  YamlDoc d;
  d.value_ = Scalar{b ? "true" : "false", true};
  return d;
}

YamlDoc YamlDoc::Map() {
  YamlDoc d;
  d.value_ = Map_{};
  return d;
}

YamlDoc YamlDoc::Seq() {
  YamlDoc d;
  d.value_ = Seq_{};
  return d;
}

YamlDoc YamlDoc::StrSeq(const std::vector<std::string>& items) {
  YamlDoc d = Seq();
  for (const std::string& s : items) d.Add(Str(s));
  return d;
}

YamlDoc& YamlDoc::Set(const std::string& key, YamlDoc value) {
  Map_& m = std::get<Map_>(value_);
  for (auto& [k, v] : m) {
    if (k == key) {
      v = std::move(value);
      return *this;
    }
  }
  m.emplace_back(key, std::move(value));
  return *this;
}

YamlDoc& YamlDoc::Add(YamlDoc value) {
  Seq_& s = std::get<Seq_>(value_);
  s.push_back(std::move(value));
  return s.back();
}

bool YamlDoc::empty() const {
  if (const auto* m = std::get_if<Map_>(&value_)) return m->empty();
  if (const auto* s = std::get_if<Seq_>(&value_)) return s->empty();
  return false;
}

std::string YamlDoc::Emit() const {
  std::string out;
  YamlWriter writer(&out);
  if (std::holds_alternative<Scalar>(value_) || empty()) {
    writer.Value(*this, 0);
    out.erase(0, 1);  // the space after a key
  } else {
    writer.Block(*this, 0, false);
  }
  return out;
}

bool YamlDoc::operator==(const YamlDoc& other) const { return value_ == other.value_; }

}  // namespace gwc

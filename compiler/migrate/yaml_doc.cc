// Copyright 2026 The gwc Authors.
//
// YamlDoc → text through yaml-cpp's emitter; strings whose plain form YAML
// 1.1 would resolve to another type are double-quoted.

#include "compiler/migrate/yaml_doc.h"

#include <yaml-cpp/yaml.h>

#include "compiler/model/scalar.h"

namespace gwc {

class YamlWriter {
 public:
  static void Write(const YamlDoc& d, YAML::Emitter* out) {
    if (const auto* s = std::get_if<YamlDoc::Scalar>(&d.value_)) {
      if (!s->plain && (s->text.empty() || ResolvePlain(s->text) != ScalarType::kString)) {
        *out << YAML::DoubleQuoted;
      }
      *out << s->text;
    } else if (const auto* m = std::get_if<YamlDoc::Map_>(&d.value_)) {
      *out << YAML::BeginMap;
      for (const auto& [k, v] : *m) {
        *out << YAML::Key << k << YAML::Value;
        Write(v, out);
      }
      *out << YAML::EndMap;
    } else {
      *out << YAML::BeginSeq;
      for (const YamlDoc& v : std::get<YamlDoc::Seq_>(d.value_)) Write(v, out);
      *out << YAML::EndSeq;
    }
  }
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
  YAML::Emitter out;
  out.SetIndent(2);
  out.SetSeqFormat(YAML::Block);
  YamlWriter::Write(*this, &out);
  return std::string(out.c_str()) + "\n";
}

}  // namespace gwc

// Copyright 2026 The gwc Authors.
//
// A YAML value built in code and written out in a stable block form: maps
// keep the order keys were set in, strings that YAML would read as
// something else ("true", "80", "null", "*.x", "a: b") are double-quoted,
// so the text reads back as exactly the value that was built. The
// migration writes its resources with it.

#ifndef GWC_MIGRATE_YAML_DOC_H_
#define GWC_MIGRATE_YAML_DOC_H_

#include <cstdint>
#include <string>
#include <utility>
#include <variant>
#include <vector>

namespace gwc {

class YamlDoc {
 public:
  static YamlDoc Str(std::string s);
  static YamlDoc Int(int64_t n);
  static YamlDoc Bool(bool b);
  static YamlDoc Map();
  static YamlDoc Seq();
  static YamlDoc StrSeq(const std::vector<std::string>& items);

  // On a map: sets `key` (appended when new) and returns this map.
  YamlDoc& Set(const std::string& key, YamlDoc value);
  // On a sequence: appends and returns the new element.
  YamlDoc& Add(YamlDoc value);
  bool empty() const;  // an empty map or sequence

  // Block-style YAML text, ending in a newline.
  std::string Emit() const;

  bool operator==(const YamlDoc& other) const;

 private:
  struct Scalar {
    std::string text;
    bool plain;  // an int or bool: never quoted
    bool operator==(const Scalar&) const = default;
  };
  using Map_ = std::vector<std::pair<std::string, YamlDoc>>;
  using Seq_ = std::vector<YamlDoc>;
  std::variant<Scalar, Map_, Seq_> value_;

  friend class YamlWriter;
};

}  // namespace gwc

#endif  // GWC_MIGRATE_YAML_DOC_H_

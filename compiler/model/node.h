// Copyright 2026 The gwc Authors.
//
// The document tree: what the frontend builds from YAML or JSON and every
// check reads. A Node is a scalar, a mapping or a sequence; each carries its
// Span and a link to its parent, so the Kubernetes field path of any node
// ("spec.rules[0].backendRefs[1].name") can be recovered when a diagnostic is
// made. Nodes live in an Arena owned by the file they came from. Schema
// defaulting may add nodes marked `defaulted`, whose span is their parent's.

#ifndef GWC_MODEL_NODE_H_
#define GWC_MODEL_NODE_H_

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "compiler/base/source.h"

namespace gwc {

enum class NodeKind : uint8_t { kScalar, kMap, kSeq };
enum class ScalarStyle : uint8_t { kPlain, kSingleQuoted, kDoubleQuoted, kLiteral, kFolded };
// An explicit YAML tag: the core schema's, or some other (custom) tag.
enum class YamlTag : uint8_t { kNone, kStr, kInt, kFloat, kBool, kNull, kMap, kSeq, kOther };

// A mapping key. Kubernetes keys are scalars, stored inline in their
// mapping (no Node of their own); a complex key keeps its span only.
struct Key {
  std::string_view text;
  Span span;
  ScalarStyle style = ScalarStyle::kPlain;
  bool scalar = true;
  bool defaulted = false;  // inserted by schema defaulting
  bool IsScalar() const { return scalar; }
};

// 64 bytes: a big input builds millions of nodes, so every field counts.
struct Node {
  NodeKind kind = NodeKind::kScalar;
  ScalarStyle style = ScalarStyle::kPlain;
  YamlTag tag = YamlTag::kNone;
  bool defaulted = false;  // inserted by schema defaulting
  Span span;
  std::string_view text;  // scalar value, decoded
  Node* parent = nullptr;
  uint32_t index = 0;  // position in the parent (entry or item index)
  // Mappings: keys[i] -> values[i]. Sequences: values[i]. Both arrays hold
  // exactly `size` entries.
  uint32_t size = 0;
  Key* keys = nullptr;
  Node** values = nullptr;

  bool IsMap() const { return kind == NodeKind::kMap; }
  bool IsSeq() const { return kind == NodeKind::kSeq; }
  bool IsScalar() const { return kind == NodeKind::kScalar; }
  // A plain scalar that YAML reads as null (~, null, empty).
  bool IsNull() const;

  // Mapping lookup by key text; nullptr if absent or not a mapping.
  const Node* Get(std::string_view key) const;
  Node* Get(std::string_view key);
  // Key node of entry i of a mapping.
  const Key* KeyAt(uint32_t i) const { return &keys[i]; }
  const Node* ValueAt(uint32_t i) const { return values[i]; }
  // Scalar text of the value at `key`, or `fallback` if absent or not a scalar.
  std::string_view Str(std::string_view key, std::string_view fallback = {}) const;
};

// The key under which `node` sits in its parent mapping, or nullptr.
const Key* KeyOf(const Node* node);
// The span a finding about `node` should point at: the node itself, or its
// nearest non-defaulted ancestor's key when `node` was added by defaulting.
Span AnchorSpan(const Node* node);
// Kubernetes-style field path from the document root: spec.rules[0].name,
// metadata.annotations["example.com/x"]. Empty for the root.
std::string FieldPath(const Node* node);
// FieldPath(node) + "." + child (for findings about an absent child field).
std::string ChildPath(const Node* node, std::string_view child);

// Bump allocator for nodes and their strings. Not thread-safe: one per file.
class Arena {
 public:
  Arena() = default;
  Arena(const Arena&) = delete;
  Arena& operator=(const Arena&) = delete;

  Node* NewNode();
  // Copies `s` into the arena.
  std::string_view Intern(std::string_view s);
  // Sets `parent`'s children to copies of `keys` (mappings only; null for
  // sequences) and `values`, `n` of each, in new arrays of exactly that
  // size. Children without a parent get this one.
  void SetChildren(Node* parent, const Key* keys, Node* const* values, uint32_t n);
  // Appends one child (and a copy of `key`, for mappings) to `parent`. The
  // arrays are reallocated at the new exact size: for the few entries schema
  // defaulting adds, not for building.
  void Append(Node* parent, const Key* key, Node* value);
  size_t bytes_used() const { return total_; }

 private:
  void* Allocate(size_t bytes, size_t align);
  struct FreeBlock {
    void operator()(char* p) const;
  };
  std::vector<std::unique_ptr<char, FreeBlock>> blocks_;
  char* cur_ = nullptr;
  size_t left_ = 0;
  size_t total_ = 0;
};

}  // namespace gwc

#endif  // GWC_MODEL_NODE_H_

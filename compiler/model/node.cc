// Copyright 2026 The gwc Authors.
//
// Node lookups, field paths and the arena.

#include "compiler/model/node.h"

#include <algorithm>
#include <sys/mman.h>

#include <cstdlib>
#include <cstring>

namespace gwc {

bool Node::IsNull() const {
  if (kind != NodeKind::kScalar || style != ScalarStyle::kPlain || !tag.empty()) return false;
  return text.empty() || text == "~" || text == "null" || text == "Null" || text == "NULL";
}

const Node* Node::Get(std::string_view key) const {
  if (kind != NodeKind::kMap) return nullptr;
  for (uint32_t i = 0; i < size; ++i) {
    if (keys[i]->kind == NodeKind::kScalar && keys[i]->text == key) return values[i];
  }
  return nullptr;
}

Node* Node::Get(std::string_view key) {
  return const_cast<Node*>(static_cast<const Node*>(this)->Get(key));
}

std::string_view Node::Str(std::string_view key, std::string_view fallback) const {
  const Node* v = Get(key);
  return (v && v->IsScalar() && !v->IsNull()) ? v->text : fallback;
}

const Node* KeyOf(const Node* node) {
  if (!node || !node->parent || node->parent->kind != NodeKind::kMap) return nullptr;
  return node->parent->keys[node->index];
}

Span AnchorSpan(const Node* node) {
  while (node && node->defaulted) node = node->parent;
  if (!node) return {};
  return node->span;
}

namespace {

bool NeedsQuoting(std::string_view key) {
  if (key.empty()) return true;
  for (char c : key) {
    bool plain = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                 c == '_' || c == '-';
    if (!plain) return true;
  }
  return false;
}

void AppendPath(const Node* node, std::string* out) {
  const Node* parent = node->parent;
  if (!parent) return;
  AppendPath(parent, out);
  if (parent->kind == NodeKind::kSeq) {
    out->append("[").append(std::to_string(node->index)).append("]");
    return;
  }
  std::string_view key = parent->keys[node->index]->text;
  if (NeedsQuoting(key)) {
    out->append("[\"").append(key).append("\"]");
  } else {
    if (!out->empty()) out->push_back('.');
    out->append(key);
  }
}

}  // namespace

std::string FieldPath(const Node* node) {
  std::string path;
  if (node) AppendPath(node, &path);
  return path;
}

std::string ChildPath(const Node* node, std::string_view child) {
  std::string path = FieldPath(node);
  if (!path.empty()) path.push_back('.');
  path.append(child);
  return path;
}

void Arena::FreeBlock::operator()(char* p) const { std::free(p); }

// Blocks are 2 MiB and 2 MiB-aligned so the kernel can back them with one
// transparent huge page each: a big input builds hundreds of MiB of nodes,
// and 4 KiB page faults were a tenth of the run time.
constexpr size_t kArenaBlock = 2u << 20;

void* Arena::Allocate(size_t bytes, size_t align) {
  size_t pad = (align - reinterpret_cast<uintptr_t>(cur_) % align) % align;
  if (bytes + pad > left_) {
    size_t block = (bytes + align + kArenaBlock - 1) / kArenaBlock * kArenaBlock;
    char* mem = static_cast<char*>(std::aligned_alloc(kArenaBlock, block));
    if (!mem) std::abort();  // out of memory: nothing sensible is left to do
    madvise(mem, block, MADV_HUGEPAGE);
    blocks_.emplace_back(mem);
    cur_ = mem;
    left_ = block;
    pad = (align - reinterpret_cast<uintptr_t>(cur_) % align) % align;
  }
  void* p = cur_ + pad;
  cur_ += pad + bytes;
  left_ -= pad + bytes;
  total_ += pad + bytes;
  return p;
}

Node* Arena::NewNode() { return new (Allocate(sizeof(Node), alignof(Node))) Node(); }

std::string_view Arena::Intern(std::string_view s) {
  if (s.empty()) return {};
  char* p = static_cast<char*>(Allocate(s.size(), 1));
  std::memcpy(p, s.data(), s.size());
  return {p, s.size()};
}

void Arena::Append(Node* parent, Node* key, Node* value) {
  if (parent->size == parent->capacity) {
    uint32_t cap = parent->capacity ? parent->capacity * 2 : 4;
    auto** vals = static_cast<Node**>(Allocate(sizeof(Node*) * cap, alignof(Node*)));
    if (parent->size) std::memcpy(vals, parent->values, sizeof(Node*) * parent->size);
    parent->values = vals;
    if (parent->kind == NodeKind::kMap) {
      auto** ks = static_cast<Node**>(Allocate(sizeof(Node*) * cap, alignof(Node*)));
      if (parent->size) std::memcpy(ks, parent->keys, sizeof(Node*) * parent->size);
      parent->keys = ks;
    }
    parent->capacity = cap;
  }
  if (parent->kind == NodeKind::kMap) {
    parent->keys[parent->size] = key;
    if (key) {
      key->parent = parent;
      key->index = parent->size;
    }
  }
  parent->values[parent->size] = value;
  // A node reached again through an alias keeps its first parent, so its
  // field path is the anchor's.
  if (!value->parent) {
    value->parent = parent;
    value->index = parent->size;
  }
  ++parent->size;
}

}  // namespace gwc

// Copyright 2026 The gwc Authors.
//
// Node lookups, field paths and the arena.

#include "compiler/model/node.h"

#include <algorithm>
#include <cstdlib>
#include <cstring>

#include <sys/mman.h>

namespace gwc {

bool Node::IsNull() const {
  if (kind != NodeKind::kScalar || style != ScalarStyle::kPlain || tag != YamlTag::kNone) {
    return tag == YamlTag::kNull;
  }
  return text.empty() || text == "~" || text == "null" || text == "Null" || text == "NULL";
}

const Node* Node::Get(std::string_view key) const {
  if (kind != NodeKind::kMap || key.empty()) return nullptr;
  // The hottest function of a lint run: reject on length and first byte
  // before comparing whole keys.
  for (uint32_t i = 0; i < size; ++i) {
    std::string_view k = keys[i].text;
    if (k.size() == key.size() && k[0] == key[0] && keys[i].scalar &&
        std::memcmp(k.data(), key.data(), k.size()) == 0) {
      return values[i];
    }
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

const Key* KeyOf(const Node* node) {
  if (!node || !node->parent || node->parent->kind != NodeKind::kMap) return nullptr;
  return &node->parent->keys[node->index];
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
  std::string_view key = parent->keys[node->index].text;
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

// Big blocks: the loader gives each worker thread one arena for all the
// files it parses, and a large input builds hundreds of MiB of nodes.
// Blocks are huge-page sized and aligned, and asked to be backed by huge
// pages: one page fault per block instead of 512.
constexpr size_t kArenaBlock = 2u << 20;

namespace {

char* NewBlock(size_t bytes) {
  char* mem = static_cast<char*>(std::aligned_alloc(kArenaBlock, bytes));
  if (!mem) std::abort();  // out of memory: nothing sensible is left to do
  madvise(mem, bytes, MADV_HUGEPAGE);  // advice only: failure changes nothing
  return mem;
}

}  // namespace

void* Arena::Allocate(size_t bytes, size_t align) {
  size_t pad = (align - reinterpret_cast<uintptr_t>(cur_) % align) % align;
  if (bytes + pad > left_) {
    size_t block = (bytes + align + kArenaBlock - 1) / kArenaBlock * kArenaBlock;
    char* mem = NewBlock(block);
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

void Arena::SetChildren(Node* parent, const Key* keys, Node* const* values, uint32_t n) {
  parent->size = n;
  if (n == 0) return;
  parent->values = static_cast<Node**>(Allocate(sizeof(Node*) * n, alignof(Node*)));
  std::memcpy(parent->values, values, sizeof(Node*) * n);
  if (parent->kind == NodeKind::kMap) {
    parent->keys = static_cast<Key*>(Allocate(sizeof(Key) * n, alignof(Key)));
    for (uint32_t i = 0; i < n; ++i) new (&parent->keys[i]) Key(keys ? keys[i] : Key());
  }
  for (uint32_t i = 0; i < n; ++i) {
    // A node reached again through an alias keeps its first parent, so its
    // field path is the anchor's.
    if (!values[i]->parent) {
      values[i]->parent = parent;
      values[i]->index = i;
    }
  }
}

void Arena::Append(Node* parent, const Key* key, Node* value) {
  const uint32_t n = parent->size;
  std::vector<Key> keys;
  std::vector<Node*> values;
  if (n > 0) {
    if (parent->kind == NodeKind::kMap) keys.assign(parent->keys, parent->keys + n);
    values.assign(parent->values, parent->values + n);
  }
  if (parent->kind == NodeKind::kMap) keys.push_back(key ? *key : Key());
  values.push_back(value);
  SetChildren(parent, keys.empty() ? nullptr : keys.data(), values.data(), n + 1);
}

}  // namespace gwc

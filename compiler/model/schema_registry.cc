// Copyright 2026 The gwc Authors.
//
// Loading embedded schemas by channel, and lookups.

#include "compiler/model/schema_registry.h"

namespace gwc {

namespace {

// Embedded files live under schemas/<set>/...; Gateway API files are split
// into standard/ and experimental/ folders.
bool InChannel(std::string_view path, Channel channel) {
  bool experimental = path.find("/experimental/") != std::string_view::npos;
  bool standard = path.find("/standard/") != std::string_view::npos;
  if (!experimental && !standard) return true;
  return channel == Channel::kExperimental ? experimental : standard;
}

}  // namespace

Result<std::unique_ptr<SchemaRegistry>> SchemaRegistry::CreateEmbedded(Channel channel) {
  auto reg = std::make_unique<SchemaRegistry>();
  reg->channel_ = channel;
  for (const EmbeddedSchema& e : EmbeddedSchemas()) {
    if (!InChannel(e.path, channel)) continue;
    auto parsed = ParseCompactSchema(std::string_view(e.begin, e.end - e.begin), e.path);
    if (!parsed.ok()) return parsed.status();
    reg->Add(std::move(parsed.value()));
  }
  return reg;
}

void SchemaRegistry::Add(std::unique_ptr<KindSchema> kind) {
  auto key = std::make_pair(kind->group, kind->kind);
  kinds_[key] = std::move(kind);
}

const KindSchema* SchemaRegistry::Find(std::string_view group, std::string_view kind) const {
  auto it = kinds_.find(std::make_pair(std::string(group), std::string(kind)));
  return it == kinds_.end() ? nullptr : it->second.get();
}

std::vector<const KindSchema*> SchemaRegistry::KindsOfGroup(std::string_view group) const {
  std::vector<const KindSchema*> out;
  for (const auto& [key, schema] : kinds_) {
    if (key.first == group) out.push_back(schema.get());
  }
  return out;
}

const KindSchema* SchemaRegistry::FindKindInAnyGroup(std::string_view kind) const {
  for (const auto& [key, schema] : kinds_) {
    if (key.second == kind) return schema.get();
  }
  return nullptr;
}

}  // namespace gwc

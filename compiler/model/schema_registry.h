// Copyright 2026 The gwc Authors.
//
// The schemas a run validates against: the compact schemas embedded in the
// binary (Gateway API v1.6.1 experimental channel, a superset of standard,
// and the Kubernetes kinds gwc knows), plus CRDs the user adds with --crd.
// A user CRD for an embedded group/kind replaces the embedded one.

#ifndef GWC_MODEL_SCHEMA_REGISTRY_H_
#define GWC_MODEL_SCHEMA_REGISTRY_H_

#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "compiler/base/status.h"
#include "compiler/model/schema.h"

namespace gwc {

// One embedded compact schema file (see compiler/CMakeLists.txt).
struct EmbeddedSchema {
  const char* path;  // "schemas/gateway-api/v1.6.1/experimental/httproutes.json"
  const char* begin;
  const char* end;
};
const std::vector<EmbeddedSchema>& EmbeddedSchemas();

enum class Channel { kStandard, kExperimental };

class SchemaRegistry {
 public:
  // Loads the embedded schemas of `channel` (Kubernetes kinds are in both).
  // Fails only if an embedded file is corrupt (a build problem).
  static Result<std::unique_ptr<SchemaRegistry>> CreateEmbedded(Channel channel);

  // Adds or replaces a kind. Returns the previous origin if replaced.
  void Add(std::unique_ptr<KindSchema> kind);

  // The schema for group/kind, or nullptr.
  const KindSchema* Find(std::string_view group, std::string_view kind) const;
  // Whether any schema of `kind` exists in another group (for messages).
  const KindSchema* FindKindInAnyGroup(std::string_view kind) const;
  // All kinds of `group` (empty if gwc knows none).
  std::vector<const KindSchema*> KindsOfGroup(std::string_view group) const;
  size_t size() const { return kinds_.size(); }
  // The Gateway API channel whose rules apply (CreateEmbedded's; an empty
  // registry: experimental).
  Channel channel() const { return channel_; }

 private:
  Channel channel_ = Channel::kExperimental;
  std::map<std::pair<std::string, std::string>, std::unique_ptr<KindSchema>, std::less<>> kinds_;
};

}  // namespace gwc

#endif  // GWC_MODEL_SCHEMA_REGISTRY_H_

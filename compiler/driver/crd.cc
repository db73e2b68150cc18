// Copyright 2026 The gwc Authors.
//
// Reading CRD files through the frontend and the importer.

#include "compiler/driver/crd.h"


#include "compiler/frontend/loader.h"
#include "compiler/frontend/yaml_parser.h"

namespace gwc {

Result<std::vector<ImportedSchema>> ImportCrdFile(const std::string& path) {
  SourceSet sources;
  const SourceFile* file = ReadSourceFile(path, &sources);
  if (!file) return Status::IoError("cannot read CRD file '" + path + "'");
  DiagnosticSink diags;
  ParsedFile parsed = ParseYaml(*file, ParseLimits{}, &diags);
  if (diags.size() > 0) {
    Diagnostic first = diags.TakeSorted().front();
    LineCol lc = file->Locate(first.span.begin);
    return Status::InvalidArgument(path + ":" + std::to_string(lc.line) + ":" +
                                   std::to_string(lc.column) + ": " + first.message);
  }
  std::vector<ImportedSchema> out;
  for (const ParsedDocument& doc : parsed.documents) {
    if (doc.root->Str("kind") != "CustomResourceDefinition") continue;
    auto imported = ImportCrd(*doc.root);
    if (!imported.ok()) return Status::InvalidArgument(path + ": " + imported.status().message());
    out.push_back(std::move(imported.value()));
  }
  if (out.empty()) return Status::InvalidArgument(path + ": no CustomResourceDefinition found");
  return out;
}

Status AddUserCrds(const std::vector<std::string>& paths, SchemaRegistry* registry) {
  for (const std::string& path : paths) {
    auto imported = ImportCrdFile(path);
    if (!imported.ok()) return imported.status();
    for (const ImportedSchema& s : imported.value()) {
      auto parsed = ParseCompactSchema(s.compact_json, "--crd " + path);
      if (!parsed.ok()) return parsed.status();
      registry->Add(std::move(parsed.value()));
    }
  }
  return Status::Ok();
}

}  // namespace gwc

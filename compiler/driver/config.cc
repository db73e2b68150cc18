// Copyright 2026 The gwc Authors.
//
// Reading .gwc.yaml with the frontend's parser, and glob matching.

#include "compiler/driver/config.h"

#include <filesystem>

#include "compiler/frontend/loader.h"
#include "compiler/frontend/yaml_parser.h"

namespace gwc {

namespace fs = std::filesystem;

namespace {

void ConfigError(const Node* at, std::string message, DiagnosticSink* diags) {
  Diagnostic d;
  d.code = DiagCode::kConfigInvalid;
  d.severity = Severity::kError;
  d.message = std::move(message);
  d.span = AnchorSpan(at);
  d.field_path = FieldPath(at);
  diags->Add(std::move(d));
}

std::vector<std::string> StringList(const Node* n, DiagnosticSink* diags) {
  std::vector<std::string> out;
  if (!n || n->IsNull()) return out;
  if (!n->IsSeq()) {
    ConfigError(n, "expected a list of strings", diags);
    return out;
  }
  for (uint32_t i = 0; i < n->size; ++i) {
    if (n->values[i]->IsScalar()) {
      out.emplace_back(n->values[i]->text);
    } else {
      ConfigError(n->values[i], "expected a string", diags);
    }
  }
  return out;
}

const DiagInfo* CodeOrReport(std::string_view code, const Node* at, DiagnosticSink* diags) {
  const DiagInfo* info = FindDiagInfo(code);
  if (!info) ConfigError(at, "unknown diagnostic code '" + std::string(code) + "'", diags);
  return info;
}

void ReadSeverities(const Node* map, LintConfig* config, DiagnosticSink* diags) {
  if (!map->IsMap()) {
    ConfigError(map, "expected a mapping from code to error|warning|info|off", diags);
    return;
  }
  for (uint32_t i = 0; i < map->size; ++i) {
    const DiagInfo* info = CodeOrReport(map->keys[i].text, map->values[i], diags);
    if (!info) continue;
    std::string_view level = map->values[i]->text;
    if (level == "off") {
      config->severity[info->code] = std::nullopt;
    } else if (auto sev = ParseSeverity(level)) {
      config->severity[info->code] = *sev;
    } else {
      ConfigError(map->values[i], "expected error, warning, info or off", diags);
    }
  }
}

void ReadConfig(const Node& root, const std::string& dir, LintConfig* config,
                DiagnosticSink* diags) {
  if (!root.IsMap()) {
    ConfigError(&root, "the configuration must be a mapping", diags);
    return;
  }
  for (uint32_t i = 0; i < root.size; ++i) {
    std::string_view key = root.keys[i].text;
    const Node* value = root.values[i];
    if (key == "disable") {
      for (uint32_t j = 0; value->IsSeq() && j < value->size; ++j) {
        if (const DiagInfo* info = CodeOrReport(value->values[j]->text, value->values[j], diags)) {
          config->disabled.push_back(info->code);
        }
      }
      if (!value->IsSeq() && !value->IsNull()) ConfigError(value, "expected a list of codes", diags);
    } else if (key == "fail-on") {
      config->fail_on = ParseSeverity(value->text);
      if (!config->fail_on) ConfigError(value, "expected error, warning or info", diags);
    } else if (key == "severity") {
      ReadSeverities(value, config, diags);
    } else if (key == "exclude") {
      config->exclude = StringList(value, diags);
    } else if (key == "inventory") {
      if (!value->IsScalar() || value->IsNull()) {
        ConfigError(value, "inventory must be one file name", diags);
        continue;
      }
      fs::path p(std::string(value->text));
      config->inventory = p.is_absolute() ? p.string() : (fs::path(dir) / p).string();
    } else {
      ConfigError(root.values[i],
                  "unknown key '" + std::string(key) +
                      "'; known keys: disable, fail-on, severity, exclude, inventory",
                  diags);
    }
  }
}

}  // namespace

std::string FindConfigFile() {
  std::error_code ec;
  fs::path dir = fs::current_path(ec);
  while (!ec && !dir.empty()) {
    fs::path candidate = dir / ".gwc.yaml";
    if (fs::exists(candidate, ec)) return candidate.string();
    if (dir == dir.parent_path()) break;
    dir = dir.parent_path();
  }
  return "";
}

bool LoadConfig(const std::string& path, SourceSet* sources, LintConfig* config,
                DiagnosticSink* diags) {
  const SourceFile* file = ReadSourceFile(path, sources);
  if (!file) return false;
  config->path = path;
  ParsedFile parsed = ParseYaml(*file, ParseLimits{}, diags);
  std::string dir = fs::path(path).parent_path().string();
  for (const ParsedDocument& doc : parsed.documents) ReadConfig(*doc.root, dir, config, diags);
  return true;
}

}  // namespace gwc

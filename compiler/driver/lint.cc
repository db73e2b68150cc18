// Copyright 2026 The gwc Authors.
//
// The lint pipeline: configuration, schemas, inventory, load, check,
// suppress, render, exit code.

#include "compiler/driver/lint.h"

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <iostream>

#include "compiler/base/parallel.h"
#include "compiler/check/check.h"
#include "compiler/driver/config.h"
#include "compiler/driver/crd.h"
#include "compiler/driver/exit_codes.h"
#include "compiler/driver/inventory.h"
#include "compiler/driver/suppress.h"
#include "compiler/frontend/loader.h"
#include "compiler/model/index.h"
#include "plugins/registry.h"

namespace gwc {

namespace {

struct Counts {
  size_t errors = 0, warnings = 0, infos = 0;
};

Counts Count(const std::vector<Diagnostic>& diags) {
  Counts c;
  for (const Diagnostic& d : diags) {
    if (d.severity == Severity::kError) ++c.errors;
    if (d.severity == Severity::kWarning) ++c.warnings;
    if (d.severity == Severity::kInfo) ++c.infos;
  }
  return c;
}

int ExitCodeFor(const std::vector<Diagnostic>& diags, Severity fail_on) {
  bool findings = false;
  for (const Diagnostic& d : diags) {
    if (d.code == DiagCode::kUnreadable) return kExitUsage;
    if (d.severity >= fail_on) findings = true;
  }
  return findings ? kExitFindings : kExitOk;
}

std::string Plural(size_t n, const char* word) {
  return std::to_string(n) + " " + word + (n == 1 ? "" : "s");
}

void PrintSummary(const LintOptions& options, size_t files, size_t objects, const Counts& c,
                  size_t suppressed, std::ostream& err) {
  if (options.quiet) return;
  err << "gwc: " << Plural(files, "file") << ", " << Plural(objects, "object") << ": "
      << Plural(c.errors, "error") << ", " << Plural(c.warnings, "warning") << ", "
      << Plural(c.infos, "note");
  if (suppressed) err << " (" << suppressed << " suppressed)";
  err << "\n";
}

// Findings about the inventory's own objects are not the user's business
// here; only YAML errors in it are shown.
void DropInventoryFindings(const std::string& inventory, const SourceSet& sources,
                           std::vector<Diagnostic>* diags) {
  diags->erase(std::remove_if(diags->begin(), diags->end(),
                              [&](const Diagnostic& d) {
                                const SourceFile* f = sources.Get(d.span.file);
                                return f && f->path() == inventory &&
                                       InfoFor(d.code).number >= 2000;
                              }),
               diags->end());
}

// Builds, on all threads, the line indexes of the files that rendering will
// locate diagnostics in.
void PrepareLineIndexes(const std::vector<Diagnostic>& diags, const SourceSet& sources,
                        unsigned threads) {
  std::vector<FileId> ids;
  for (const Diagnostic& d : diags) {
    if (d.span.valid()) ids.push_back(d.span.file);
    for (const RelatedSpan& r : d.related) {
      if (r.span.valid()) ids.push_back(r.span.file);
    }
  }
  std::sort(ids.begin(), ids.end());
  ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
  ParallelFor(ids.size(), threads, [&](size_t i) {
    if (const SourceFile* f = sources.Get(ids[i])) f->PrepareLineIndex();
  });
}

// Wall-clock phase timings for --stats.
class PhaseTimer {
 public:
  void Mark(const char* phase) {
    auto now = std::chrono::steady_clock::now();
    phases_.emplace_back(phase, std::chrono::duration<double, std::milli>(now - last_).count());
    last_ = now;
  }
  void Print(std::ostream& err) const {
    for (const auto& [name, ms] : phases_) err << "gwc: " << name << ": " << ms << " ms\n";
  }

 private:
  std::chrono::steady_clock::time_point last_ = std::chrono::steady_clock::now();
  std::vector<std::pair<const char*, double>> phases_;
};

// The policy sources' findings, when some object is theirs.
void CheckVendorPolicies(const std::vector<Object>& objects, const CheckOptions& options, DiagnosticSink* sink) {
  std::vector<const PolicySource*> concerned;
  for (const PolicySource* source : PolicySources()) {
    if (std::any_of(objects.begin(), objects.end(), [&](const Object& o) { return source->Concerns(o); })) {
      concerned.push_back(source);
    }
  }
  if (concerned.empty()) return;
  Index index(objects, options.inventory);
  for (const PolicySource* source : concerned) source->Check(index, sink);
}

}  // namespace

int RunLint(const LintOptions& options, std::ostream& out, std::ostream& err) {
  PhaseTimer timer;
  DiagnosticSink sink;
  LoadedInputs inputs;
  LintConfig config;
  std::string config_path = options.config_file.empty() ? FindConfigFile() : options.config_file;
  if (!config_path.empty() && !LoadConfig(config_path, &inputs.sources, &config, &sink)) {
    err << "gwc: cannot read configuration file '" << config_path << "'\n";
    return kExitUsage;
  }
  auto registry = SchemaRegistry::CreateEmbedded(options.channel);
  if (!registry.ok()) {
    err << "gwc: internal error: " << registry.status().message() << "\n";
    return kExitInternal;
  }
  if (Status s = AddUserCrds(options.crd_files, registry.value().get()); !s.ok()) {
    err << "gwc: " << s.message() << "\n";
    return kExitUsage;
  }
  CheckOptions check_options;
  check_options.default_namespace = options.default_namespace;
  check_options.threads = options.threads;
  std::string inventory = options.inventory_file.empty() ? config.inventory : options.inventory_file;
  bool inventory_objects = false;
  if (!inventory.empty() && !LoadInventory(inventory, &inputs.sources, &check_options.inventory,
                                           &inventory_objects, &sink)) {
    err << "gwc: cannot read inventory file '" << inventory << "'\n";
    return kExitUsage;
  }
  std::vector<std::string> paths = options.paths;
  if (inventory_objects) paths.push_back(inventory);  // analyzed with the input, not linted
  timer.Mark("schemas and configuration");
  LoadOptions load_options;
  load_options.limits = options.limits;
  load_options.threads = options.threads;
  load_options.exclude = config.exclude;
  load_options.on_object = [&](Object* obj) {
    CheckObject(obj, *registry.value(), check_options, &sink);
    CheckIstioObject(*obj, &sink);
  };
  size_t files = LoadInputs(paths, load_options, &inputs, &sink);
  timer.Mark("read, parse and check objects");
  CheckIgnoreAnnotations(inputs.objects, &sink);
  CheckAcrossObjects(inputs.objects, check_options, &sink);
  CheckVendorPolicies(inputs.objects, check_options, &sink);
  timer.Mark("check across objects");

  std::vector<Diagnostic> diags = sink.TakeSorted();
  if (inventory_objects) {
    DropInventoryFindings(inventory, inputs.sources, &diags);
    --files;
  }
  for (const std::string& code : options.disable) {
    if (const DiagInfo* info = FindDiagInfo(code)) config.disabled.push_back(info->code);
  }
  size_t suppressed = ApplySuppressions(inputs.objects, config, &diags);

  PrepareLineIndexes(diags, inputs.sources, options.threads);
  RenderOptions render;
  render.color = options.color;
  render.tool_version = "0.1.0";
  std::error_code ec;
  render.working_directory = std::filesystem::current_path(ec).string();
  RenderDiagnostics(options.format, diags, inputs.sources, render, out);
  out.flush();
  timer.Mark("render");
  if (options.stats) {
    timer.Print(err);
    size_t scanned = std::count_if(inputs.files.begin(), inputs.files.end(),
                                   [](const ParsedFile& f) { return f.block_scanned; });
    err << "gwc: files read by the block scanner (the rest by libyaml): " << scanned << " of "
        << inputs.files.size() << "\n";
  }
  PrintSummary(options, files, inputs.objects.size(), Count(diags), suppressed, err);
  return ExitCodeFor(diags, options.fail_on_set ? options.fail_on
                                                : config.fail_on.value_or(options.fail_on));
}

}  // namespace gwc

// Copyright 2026 The gwc Authors.
//
// The migrate command: load, lower the Ingresses through their dialects,
// write the Gateway API form, report, and optionally verify.

#include "compiler/driver/migrate_cmd.h"

#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <memory>
#include <ostream>
#include <sstream>

#include <nlohmann/json.hpp>

#include "compiler/base/keep_until_exit.h"
#include "compiler/driver/diff.h"
#include "compiler/driver/exit_codes.h"
#include "compiler/ir/lower_ingress.h"
#include "plugins/registry.h"

namespace gwc {

namespace {

std::string Joined(const std::vector<const MigratedResource*>& resources) {
  size_t size = 0;
  for (const MigratedResource* r : resources) size += r->text.size() + 4;
  std::string text;
  text.reserve(size);
  for (const MigratedResource* r : resources) {
    if (!text.empty()) text += "---\n";
    text += r->text;
  }
  return text;
}

bool WriteFile(const std::string& path, const std::string& text) {
  std::ofstream file(path, std::ios::binary | std::ios::trunc);
  file << text;
  return static_cast<bool>(file.flush());
}

// stdout, or one file per namespace under `dir`.
bool WriteOutput(const Migration& m, const std::string& dir, std::ostream& out, std::ostream& err) {
  if (dir.empty()) {
    for (size_t i = 0; i < m.resources.size(); ++i) out << (i ? "---\n" : "") << m.resources[i].text;
    return true;
  }
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  std::map<std::string, std::vector<const MigratedResource*>> by_ns;
  for (const MigratedResource& r : m.resources) by_ns[r.ns].push_back(&r);
  for (const auto& [ns, list] : by_ns) {
    std::string path = (std::filesystem::path(dir) / (ns + ".yaml")).string();
    if (!WriteFile(path, Joined(list))) {
      err << "gwc: cannot write '" << path << "'\n";
      return false;
    }
  }
  return true;
}

// The report's entries Migrate does not find itself: the Istio lowering's
// notes, and each Ingress the API server refuses, lost whole.
std::vector<FateEntry> ReportEntries(const std::vector<IstioNote>& notes, const std::vector<Object>& objects) {
  std::vector<FateEntry> out;
  for (const IstioNote& n : notes) {
    out.push_back({n.object, n.field, FateOf(n.fate), n.detail});
  }
  for (const Object& o : objects) {
    if (o.kind != "Ingress" || !RefusedWhole(o)) continue;
    const ApiError& e = o.api_errors.front();
    out.push_back({o.Display(), e.field_path, Fate::kLost,
                   "left out: the API server refuses it (" + e.message + ")"});
  }
  return out;
}

// Whether the input holds anything migrate translates, stored or not.
bool HasMigrationSource(const std::vector<Object>& objects) {
  return std::any_of(objects.begin(), objects.end(), [](const Object& o) {
    return (o.kind == "Ingress" && (o.group == "networking.k8s.io" || o.group == "extensions")) ||
           (o.group == "networking.istio.io" && (o.kind == "Gateway" || o.kind == "VirtualService"));
  });
}

std::map<Fate, size_t> Counts(const Migration& m) {
  std::map<Fate, size_t> counts{{Fate::kTranslated, 0}, {Fate::kPartial, 0}, {Fate::kLost, 0}, {Fate::kUnknown, 0}};
  for (const FateEntry& e : m.report) ++counts[e.fate];
  return counts;
}

// Built whole and written once: stderr is unbuffered.
void WriteTable(const Migration& m, std::ostream& err) {
  std::string object, table;
  for (const FateEntry& e : m.report) {
    if (e.object != object) table += (object = e.object) + "\n";
    std::string fate(FateName(e.fate));
    table += "  " + fate + std::string(12 - fate.size(), ' ') + e.item;
    if (!e.detail.empty()) table += ": " + e.detail;
    table += "\n";
  }
  err << table;
  auto counts = Counts(m);
  err << "gwc: migrate: " << m.resources.size() << " resources written; " << counts[Fate::kTranslated]
      << " translated, " << counts[Fate::kPartial] << " partial, " << counts[Fate::kLost] << " lost, "
      << counts[Fate::kUnknown] << " unknown\n";
}

bool WriteReport(const Migration& m, const MigrateCommandOptions& o, const char* verified, std::ostream& err) {
  nlohmann::json objects = nlohmann::json::array();
  for (const FateEntry& e : m.report) {
    if (objects.empty() || objects.back()["object"] != e.object) objects.push_back({{"object", e.object}, {"items", nlohmann::json::array()}});
    objects.back()["items"].push_back({{"item", e.item}, {"fate", FateName(e.fate)}, {"detail", e.detail}});
  }
  nlohmann::json resources = nlohmann::json::array();
  for (const MigratedResource& r : m.resources) resources.push_back({{"kind", r.kind}, {"namespace", r.ns}, {"name", r.name}});
  nlohmann::json summary = nlohmann::json::object();
  for (const auto& [fate, n] : Counts(m)) summary[std::string(FateName(fate))] = n;
  nlohmann::json doc{{"target", o.migrate.target == MigrationTarget::kEnvoyGateway ? "envoy-gateway"
                                : o.migrate.target == MigrationTarget::kKong       ? "kong"
                                                                                    : "standard"},
                     {"resources", resources},
                     {"objects", objects},
                     {"summary", summary},
                     {"verified", verified ? nlohmann::json(verified) : nlohmann::json(nullptr)}};
  if (WriteFile(o.report, doc.dump(2) + "\n")) return true;
  err << "gwc: cannot write '" << o.report << "'\n";
  return false;
}

// Compiles the output next to the inputs it replaces (whose Ingresses are
// then not routed) and compares it with the original; the differences go
// to `err`. Returns the diff's exit code.
int Verify(const Compiled& original, const Migration& m, const MigrateCommandOptions& o, std::ostream& err) {
  char path[] = "/tmp/gwc-migrate-XXXXXX.yaml";
  int fd = mkstemps(path, 5);
  if (fd < 0) {
    err << "gwc: cannot create a temporary file for --verify\n";
    return kExitInternal;
  }
  close(fd);
  std::vector<const MigratedResource*> all;
  for (const MigratedResource& r : m.resources) all.push_back(&r);
  WriteFile(path, Joined(all));
  CompileOptions migrated = o.input;
  migrated.paths.push_back(path);
  migrated.lower_migration_sources = false;
  migrated.attach_policies = false;  // the input's Ingress policies are not enforced either
  Compiled after;
  Status s = CompileInputs(migrated, &after);
  std::filesystem::remove(path);
  if (!s.ok()) {
    err << "gwc: internal error: " << s.message() << "\n";
    return kExitInternal;
  }
  DiffSettings settings;
  settings.gateway_renames = m.gateways;
  settings.skip_default_certificates = true;
  std::ostringstream drift;
  int code = DiffCompiled(original, after, settings, drift, err);
  std::string text = drift.str();
  std::istringstream lines(text);
  for (std::string line; std::getline(lines, line);) err << "gwc: verify: " << line << "\n";
  return code;
}

// Standard input read once into a file, so that --verify can read the
// input a second time. Removed with the object.
class StdinFile {
 public:
  explicit StdinFile(std::vector<std::string>* paths) {
    if (!paths) return;
    auto dash = std::find(paths->begin(), paths->end(), "-");
    if (dash == paths->end()) return;
    char path[] = "/tmp/gwc-migrate-stdin-XXXXXX.yaml";
    int fd = mkstemps(path, 5);
    if (fd < 0) return;
    close(fd);
    std::ostringstream text;
    text << std::cin.rdbuf();
    WriteFile(path, text.str());
    path_ = *dash = path;
  }
  ~StdinFile() {
    if (!path_.empty()) std::filesystem::remove(path_);
  }

 private:
  std::string path_;
};

// Everything one run builds, kept together so that a command-line run can
// leave it to the operating system instead of freeing it piece by piece.
struct MigrateRun {
  Compiled original;
  std::unique_ptr<Index> index;
  ir::Program program;
  Migration migration;
};

int Run(const MigrateCommandOptions& o, MigrateRun* run, std::ostream& out, std::ostream& err) {
  CompileOptions input = o.input;
  input.attach_policies = false;
  if (!o.verify) input.checked_kinds = {"Ingress", "IngressClass", "Service", "Gateway", "VirtualService"};  // what the migration reads
  Status s = o.verify ? CompileInputs(input, &run->original) : LoadChecked(input, &run->original);
  if (!s.ok()) {
    err << "gwc: internal error: " << s.message() << "\n";
    return kExitInternal;
  }
  if (run->original.inputs.objects.empty()) {
    err << "gwc: no objects in the input\n";
    return kExitUsage;
  }
  if (!HasMigrationSource(run->original.inputs.objects)) {
    err << "gwc: no Ingress, Istio Gateway or VirtualService in the input; nothing to migrate\n";
    return kExitOk;
  }
  // What the API server refuses (an invalid Ingress) was never in the
  // cluster: nothing is migrated from it, and the report counts it lost.
  WarnLeftOut(run->original, err);
  run->index = std::make_unique<Index>(run->original.inputs.objects, std::vector<InventoryEntry>{}, Index::Holds::kStored);
  const Index& index = *run->index;
  IngressLowering lowering{IngressDialects()};
  std::vector<std::string> warnings;
  std::vector<IstioNote> istio_notes;
  LowerIngresses(index, lowering, &run->program, &warnings);
  LowerIstio(index, &run->program, &warnings, &istio_notes);
  for (const std::string& w : warnings) err << "gwc: warning: " << w << "\n";
  run->migration = Migrate(index, run->program, lowering, ReportEntries(istio_notes, run->original.inputs.objects), o.migrate);
  const Migration& m = run->migration;
  if (!WriteOutput(m, o.output_dir, out, err)) return kExitUsage;
  WriteTable(m, err);
  int code = kExitOk;
  const char* verified = nullptr;
  if (o.verify) {
    code = Verify(run->original, m, o, err);
    if (code == kExitInternal) return code;
    verified = code == kExitOk ? "no drift" : "drift";
  }
  if (!o.report.empty() && !WriteReport(m, o, verified, err)) return kExitUsage;
  auto counts = Counts(m);
  if (o.strict && counts[Fate::kPartial] + counts[Fate::kLost] + counts[Fate::kUnknown] > 0) code = kExitFindings;
  return code;
}

}  // namespace

int RunMigrate(const MigrateCommandOptions& options, std::ostream& out, std::ostream& err) {
  MigrateCommandOptions o = options;
  StdinFile stdin_file(o.verify ? &o.input.paths : nullptr);
  auto run = std::make_unique<MigrateRun>();
  int code = Run(o, run.get(), out, err);
  if (o.keep_memory_until_exit) KeepUntilExit(std::move(run));
  return code;
}

}  // namespace gwc

// Copyright 2026 The gwc Authors.
//
// The gwc command: a table of subcommands over the driver library. Only
// this file decides process exit codes; library code returns them.

#include <unistd.h>

#include <CLI/CLI.hpp>
#include <cstdlib>
#include <functional>
#include <iostream>

#include "compiler/driver/compile.h"
#include "compiler/driver/crd.h"
#include "compiler/driver/exit_codes.h"
#include "compiler/driver/explain.h"
#include "compiler/driver/lint.h"
#include "compiler/driver/diff.h"
#include "compiler/driver/migrate_cmd.h"
#include "compiler/driver/route_test.h"
#include "compiler/driver/status_cmd.h"

namespace gwc {
namespace {

constexpr const char* kVersion = "0.1.0";

struct Command {
  CLI::App* app;
  std::function<int()> run;
};

// --channel, for the commands that validate Gateway API objects: which
// CRDs' rules apply.
void AddChannelOption(CLI::App* app, std::string& channel) {
  app->add_option("--channel", channel, "Gateway API channel: experimental|standard")
      ->default_val("experimental");
}

Channel ParseChannel(const std::string& channel) {
  if (channel != "experimental" && channel != "standard") {
    throw CLI::ValidationError("--channel", "expected experimental|standard");
  }
  return channel == "standard" ? Channel::kStandard : Channel::kExperimental;
}

Command AddLint(CLI::App& root, LintOptions& o, std::string& format, std::string& fail_on,
                std::string& channel, std::string& color) {
  CLI::App* app = root.add_subcommand("lint", "Check Kubernetes gateway configuration offline");
  app->add_option("paths", o.paths, "Files, directories (recursive) or - for stdin")->required();
  app->add_option("--format,-f", format, "text|json|sarif|junit|github")->default_val("text");
  app->add_option("--fail-on", fail_on, "Lowest severity that fails the run: error|warning|info");
  app->add_option("--disable", o.disable, "Codes to ignore (GWC1234 or slug), repeatable")
      ->delimiter(',')
      ->allow_extra_args(false);
  app->add_option("--crd", o.crd_files, "CRD file to validate its kinds against, repeatable")
      ->allow_extra_args(false);
  app->add_option("--inventory", o.inventory_file, "Objects that exist outside the input");
  app->add_option("--config", o.config_file, "Configuration file (default: .gwc.yaml upward)");
  AddChannelOption(app, channel);
  app->add_option("--namespace,-n", o.default_namespace, "Namespace of objects without one")
      ->default_val("default");
  app->add_option("--color", color, "auto|always|never")->default_val("auto");
  app->add_option("--threads,-j", o.threads, "Worker threads (default: one per core)");
  app->add_flag("--quiet,-q", o.quiet, "No summary on stderr");
  app->add_flag("--stats", o.stats, "Print phase timings on stderr");
  app->add_option("--max-document-bytes", o.limits.max_document_bytes,
                   "Largest YAML document read (default 64 MiB)");
  app->add_option("--max-depth", o.limits.max_depth, "Deepest nesting read (default 256)");
  return {app, [&] {
            auto f = ParseOutputFormat(format);
            if (!f) throw CLI::ValidationError("--format", "unknown format '" + format + "'");
            o.format = *f;
            for (const std::string& code : o.disable) {
              if (!FindDiagInfo(code)) {
                throw CLI::ValidationError("--disable", "unknown diagnostic code '" + code + "'");
              }
            }
            if (!fail_on.empty()) {
              auto s = ParseSeverity(fail_on);
              if (!s) throw CLI::ValidationError("--fail-on", "expected error|warning|info");
              o.fail_on = *s;
              o.fail_on_set = true;
            }
            o.channel = ParseChannel(channel);
            bool tty = isatty(STDOUT_FILENO) && std::getenv("NO_COLOR") == nullptr;
            o.color = color == "always" || (color == "auto" && tty && o.format == OutputFormat::kText);
            return RunLint(o, std::cout, std::cerr);
          }};
}

Command AddExplain(CLI::App& root, std::string& code, bool& list) {
  CLI::App* app = root.add_subcommand("explain", "Print the documentation of a diagnostic code");
  app->add_option("code", code, "GWC1234 or slug");
  app->add_flag("--list", list, "List all codes");
  return {app, [&] {
            if (list || code.empty()) {
              WriteCodeList(std::cout);
              return static_cast<int>(kExitOk);
            }
            const DiagInfo* info = FindDiagInfo(code);
            if (!info) {
              std::cerr << "gwc: unknown diagnostic code '" << code << "' (see gwc explain --list)\n";
              return static_cast<int>(kExitUsage);
            }
            WriteExplanation(*info, std::cout);
            return static_cast<int>(kExitOk);
          }};
}

Command AddSchemaImport(CLI::App& root, std::vector<std::string>& files) {
  CLI::App* schema = root.add_subcommand("schema", "Schema tools");
  schema->require_subcommand(1);
  CLI::App* app = schema->add_subcommand("import", "Print the compact schema of CRD files");
  app->add_option("files", files, "CRD YAML files")->required();
  return {app, [&] {
            for (const std::string& f : files) {
              auto imported = ImportCrdFile(f);
              if (!imported.ok()) {
                std::cerr << "gwc: " << imported.status().message() << "\n";
                return static_cast<int>(kExitUsage);
              }
              for (const ImportedSchema& s : imported.value()) std::cout << s.compact_json << "\n";
            }
            return static_cast<int>(kExitOk);
          }};
}

Command AddCompile(CLI::App& root, CompileOptions& o, std::string& channel) {
  CLI::App* app = root.add_subcommand("compile", "Compile gateway configuration into a .gwb route table");
  app->add_option("paths", o.paths, "Files, directories (recursive) or - for stdin")->required();
  app->add_option("--output,-o", o.output, "The .gwb file to write")->required();
  app->add_flag("--stats", o.stats, "Print table statistics and the compile time on stderr");
  AddChannelOption(app, channel);
  app->add_option("--namespace,-n", o.default_namespace, "Namespace of objects without one")
      ->default_val("default");
  app->add_option("--threads,-j", o.threads, "Worker threads (default: one per core)");
  return {app, [&] {
            o.channel = ParseChannel(channel);
            return RunCompile(o, std::cout, std::cerr);
          }};
}

Command AddStatus(CLI::App& root, CompileOptions& o, std::string& format, std::string& channel) {
  CLI::App* app = root.add_subcommand(
      "status", "Print the status a conformant controller would set on each object");
  app->add_option("paths", o.paths, "Files, directories (recursive) or - for stdin")->required();
  app->add_option("--format,-f", format, "yaml|json")->default_val("yaml");
  AddChannelOption(app, channel);
  app->add_option("--namespace,-n", o.default_namespace, "Namespace of objects without one")
      ->default_val("default");
  return {app, [&] {
            if (format != "yaml" && format != "json") {
              throw CLI::ValidationError("--format", "expected yaml|json");
            }
            o.channel = ParseChannel(channel);
            return RunStatus(o, format == "json", std::cout, std::cerr);
          }};
}

Command AddTest(CLI::App& root, RouteTestOptions& o, std::string& format, std::string& channel) {
  CLI::App* app = root.add_subcommand("test", "Run RouteTest cases against the compiled manifests");
  app->add_option("paths", o.compile.paths, "Manifests and RouteTest files or directories (recursive)")
      ->required();
  app->add_option("--format,-f", format, "text|json|junit")->default_val("text");
  app->add_flag("--coverage", o.coverage, "List the route rules no case reached");
  AddChannelOption(app, channel);
  app->add_option("--namespace,-n", o.compile.default_namespace, "Namespace of objects without one")
      ->default_val("default");
  app->add_option("--jwks", o.jwks, "URL=FILE: the key set a remote JWKS URL stands for (repeatable)");
  return {app, [&] {
            if (format == "text") o.format = TestFormat::kText;
            else if (format == "json") o.format = TestFormat::kJson;
            else if (format == "junit") o.format = TestFormat::kJunit;
            else throw CLI::ValidationError("--format", "expected text|json|junit");
            o.compile.channel = ParseChannel(channel);
            return RunRouteTests(o, std::cout, std::cerr);
          }};
}

Command AddDiff(CLI::App& root, DiffOptions& o, std::string& format, std::string& old_path, std::string& new_path,
                std::string& channel) {
  CLI::App* app = root.add_subcommand("diff", "Show the requests two configurations route differently");
  app->add_option("old", old_path, "The configuration before: a file or directory (recursive)")->required();
  app->add_option("new", new_path, "The configuration after: a file or directory (recursive)")->required();
  app->add_option("--format,-f", format, "text|json")->default_val("text");
  AddChannelOption(app, channel);
  app->add_option("--namespace,-n", o.old_config.default_namespace, "Namespace of objects without one")
      ->default_val("default");
  return {app, [&] {
            if (format != "text" && format != "json") throw CLI::ValidationError("--format", "expected text|json");
            o.old_config.channel = o.new_config.channel = ParseChannel(channel);
            o.settings.json = format == "json";
            o.old_config.paths = {old_path};
            o.new_config.paths = {new_path};
            o.new_config.default_namespace = o.old_config.default_namespace;
            return RunDiff(o, std::cout, std::cerr);
          }};
}

Command AddMigrate(CLI::App& root, MigrateCommandOptions& o, std::string& target) {
  CLI::App* app = root.add_subcommand("migrate", "Translate Ingresses to Gateway API, with a report of every annotation");
  app->add_option("paths", o.input.paths, "Ingresses, IngressClasses and Services: files, directories (recursive) or -")
      ->required();
  app->add_option("--target,-t", target, "standard|envoy-gateway|kong")->default_val("standard");
  app->add_option("-o,--output", o.output_dir, "Write <namespace>.yaml files into this directory (default: stdout)");
  app->add_option("--report", o.report, "Write the loss report as JSON to this file");
  app->add_flag("--strict", o.strict, "Exit 1 when anything is not fully translated");
  app->add_flag("--verify", o.verify, "Compare how the input and the output route every probe request");
  app->add_option("--gateway", o.migrate.gateway, "Attach the routes to this existing Gateway (ns/name)");
  app->add_option("--gateway-namespace", o.migrate.gateway_namespace, "Namespace of the Gateways written");
  app->add_option("--namespace,-n", o.input.default_namespace, "Namespace of objects without one")
      ->default_val("default");
  return {app, [&] {
            // --verify checks the output against the CRDs of the target's channel.
            if (target == "standard") o.migrate.target = MigrationTarget::kStandard, o.input.channel = Channel::kStandard;
            else if (target == "envoy-gateway") o.migrate.target = MigrationTarget::kEnvoyGateway;
            else if (target == "kong") o.migrate.target = MigrationTarget::kKong;
            else throw CLI::ValidationError("--target", "expected standard|envoy-gateway|kong");
            if (!o.migrate.gateway.empty() && o.migrate.gateway.find('/') == std::string::npos) {
              o.migrate.gateway = o.input.default_namespace + "/" + o.migrate.gateway;
            }
            o.keep_memory_until_exit = true;
            return RunMigrate(o, std::cout, std::cerr);
          }};
}

Command AddDocs(CLI::App& root) {
  CLI::App* docs = root.add_subcommand("docs", "Generate reference documentation");
  docs->require_subcommand(1);
  CLI::App* app = docs->add_subcommand("diagnostics", "docs/diagnostics.md from the code table");
  return {app, [] {
            WriteDiagnosticsMarkdown(std::cout);
            return static_cast<int>(kExitOk);
          }};
}

int Main(int argc, char** argv) {
  CLI::App root("gwc: offline compiler and linter for Kubernetes gateway configuration");
  root.require_subcommand(1);
  root.set_version_flag("--version", kVersion);
  LintOptions lint;
  std::string format, fail_on, channel, color, code;
  bool list = false;
  std::vector<std::string> crd_files;
  CompileOptions compile;
  std::string compile_channel;
  CompileOptions status;
  std::string status_format, status_channel;
  RouteTestOptions route_test;
  std::string test_format, test_channel;
  DiffOptions diff;
  std::string diff_format, diff_old, diff_new, diff_channel;
  MigrateCommandOptions migrate;
  std::string migrate_target;
  std::vector<Command> commands = {AddLint(root, lint, format, fail_on, channel, color),
                                   AddCompile(root, compile, compile_channel),
                                   AddStatus(root, status, status_format, status_channel),
                                   AddTest(root, route_test, test_format, test_channel),
                                   AddDiff(root, diff, diff_format, diff_old, diff_new, diff_channel),
                                   AddMigrate(root, migrate, migrate_target),
                                   AddExplain(root, code, list),
                                   AddSchemaImport(root, crd_files), AddDocs(root)};
  try {
    root.parse(argc, argv);
    for (Command& c : commands) {
      if (c.app->parsed()) return c.run();
    }
  } catch (const CLI::ParseError& e) {
    int rc = root.exit(e);
    return rc == 0 ? kExitOk : kExitUsage;
  }
  return kExitUsage;
}

}  // namespace
}  // namespace gwc

int main(int argc, char** argv) {
  try {
    return gwc::Main(argc, argv);
  } catch (const std::exception& e) {
    std::cerr << "gwc: internal error: " << e.what() << "\n";
    return gwc::kExitInternal;
  }
}

// Copyright 2026 The gwc Authors.
//
// The compile pipeline: load → per-object checks (defaults) → index →
// lower → emit.

#include "compiler/driver/compile.h"

#include <xxhash.h>

#include <algorithm>
#include <chrono>
#include <fstream>
#include <ostream>
#include <tuple>

#include "compiler/base/render.h"
#include "compiler/check/check.h"
#include "compiler/driver/exit_codes.h"
#include "compiler/emit/artifact_writer.h"
#include "compiler/ir/first_match.h"
#include "compiler/ir/lower.h"
#include "compiler/ir/lower_ingress.h"
#include "plugins/registry.h"
#include "compiler/model/admission.h"
#include "compiler/model/gateway_api.h"
#include "compiler/model/index.h"
#include "compiler/model/rule_validity.h"

namespace gwc {

namespace {

void HashNode(XXH3_state_t* state, const Node& n) {
  auto text = [&](std::string_view t) {
    uint64_t size = t.size();
    XXH3_64bits_update(state, &size, sizeof size);
    XXH3_64bits_update(state, t.data(), t.size());
  };
  uint8_t kind = static_cast<uint8_t>(n.kind);
  XXH3_64bits_update(state, &kind, 1);
  if (n.IsScalar()) {
    text(n.text);
    return;
  }
  XXH3_64bits_update(state, &n.size, sizeof n.size);
  for (uint32_t i = 0; i < n.size; ++i) {
    if (n.IsMap()) text(n.keys[i].text);
    HashNode(state, *n.values[i]);
  }
}

// XXH3 of the objects' trees in identity order: independent of file
// names, file order and document order.
// Objects in identity order; two with one identity (a duplicate the
// checks report) by their content, so no input order shows through.
uint64_t InputDigest(const std::vector<Object>& objects) {
  std::vector<std::pair<const Object*, uint64_t>> sorted;
  XXH3_state_t* state = XXH3_createState();
  for (const Object& o : objects) {
    XXH3_64bits_reset(state);
    if (o.root) HashNode(state, *o.root);
    sorted.emplace_back(&o, XXH3_64bits_digest(state));
  }
  std::sort(sorted.begin(), sorted.end(), [](const auto& a, const auto& b) {
    return std::tie(a.first->group, a.first->kind, a.first->ns, a.first->name, a.second) <
           std::tie(b.first->group, b.first->kind, b.first->ns, b.first->name, b.second);
  });
  XXH3_64bits_reset(state);
  for (const auto& [o, digest] : sorted) XXH3_64bits_update(state, &digest, sizeof digest);
  uint64_t digest = XXH3_64bits_digest(state);
  XXH3_freeState(state);
  return digest;
}

}  // namespace

Status LoadChecked(const CompileOptions& options, Compiled* out) {
  auto registry = SchemaRegistry::CreateEmbedded(options.channel);
  if (!registry.ok()) return registry.status();
  CheckOptions check_options;
  check_options.default_namespace = options.default_namespace;
  check_options.threads = options.threads;
  DiagnosticSink sink;
  LoadOptions load_options;
  load_options.limits = options.limits;
  load_options.threads = options.threads;
  load_options.on_object = [&](Object* obj) {
    if (options.rewrite) options.rewrite(obj);
    const auto& kinds = options.checked_kinds;
    if (kinds.empty() || std::find(kinds.begin(), kinds.end(), obj->kind) != kinds.end()) {
      CheckObject(obj, *registry.value(), check_options, &sink);
    }
  };
  LoadInputs(options.paths, load_options, &out->inputs, &sink);
  out->diagnostics = sink.TakeSorted();
  return Status::Ok();
}

bool ReportUnreadable(const Compiled& compiled, std::string_view consequence, std::ostream& err) {
  std::vector<Diagnostic> unreadable;
  for (const Diagnostic& d : compiled.diagnostics) {
    if (d.severity == Severity::kError && InfoFor(d.code).number < 1100) unreadable.push_back(d);
  }
  if (unreadable.empty()) return false;
  RenderDiagnostics(OutputFormat::kText, unreadable, compiled.inputs.sources, RenderOptions{}, err);
  err << "gwc: " << unreadable.size() << " input error(s); " << consequence << "\n";
  return true;
}

namespace {

// What the API server refuses that keeps routes from attaching through
// `parent`: `parent` itself, or the Gateway of `parent`, a ListenerSet;
// null when neither is refused.
const Object* RefusedParent(const Index& all, const Object& parent) {
  if (RefusedWhole(parent)) return &parent;
  const Object* gateway = parent.kind == "ListenerSet" ? GatewayOfListenerSet(all, parent) : nullptr;
  return gateway && RefusedWhole(*gateway) ? gateway : nullptr;
}

// "Gateway ns/a, Gateway ns/b": the refused objects `route`'s parentRefs
// lead to, when they lead nowhere else (each names a refused object, a
// ListenerSet of a refused Gateway, or nothing in the input) and at least
// one is refused: the route then attaches nowhere because of them. Empty
// otherwise.
std::string RefusedParents(const Index& all, const Object& route) {
  std::vector<const Object*> refused;
  for (const ObjectRef& ref : ParentRefsOf(route)) {
    const Object* parent = all.Find(ref.group, ref.kind, ref.ns, ref.name);
    if (!parent) continue;  // names nothing in the input
    const Object* r = RefusedParent(all, *parent);
    if (!r) return "";
    if (std::find(refused.begin(), refused.end(), r) == refused.end()) refused.push_back(r);
  }
  std::string names;
  for (const Object* r : refused) names += (names.empty() ? "" : ", ") + r->Display();
  return names;
}

}  // namespace

std::vector<LeftOut> LeftOutOfCompile(const Compiled& compiled) {
  std::vector<LeftOut> out;
  Index all(compiled.inputs.objects, {});
  for (const Object& o : compiled.inputs.objects) {
    if (o.group != kGatewayApiGroup || (o.kind != "HTTPRoute" && o.kind != "GRPCRoute")) continue;
    if (RouteRefused(o)) {
      const ApiError& e = o.api_errors.front();
      out.push_back({&o, -1, "the API server refuses it (" + e.field_path + ": " + e.message + ")"});
      continue;
    }
    if (std::string refused = RefusedParents(all, o); !refused.empty()) {
      out.push_back({&o, -1, "it attaches to nothing: the API server refuses its parents (" + refused + ")"});
      continue;
    }
    for (const Node* rule : RulesOf(o)) {
      if (std::optional<RuleProblem> p = RuleProblemOf(o, *rule)) {
        out.push_back({&o, static_cast<int>(rule->index), p->message});
      }
    }
  }
  return out;
}

namespace {

// The targets of BackendTLSPolicy `policy` (refused) that no stored
// policy also targets, as "Service ns/a, Service ns/b:section": without
// `policy` they are reached without TLS.
std::string TargetsLeftPlain(const std::vector<Object>& objects, const Object& policy) {
  auto targets = [](const Object& p) {
    std::vector<ObjectRef> out;
    const Node* spec = p.root ? p.root->Get("spec") : nullptr;
    const Node* refs = spec ? spec->Get("targetRefs") : nullptr;
    for (uint32_t i = 0; refs && refs->IsSeq() && i < refs->size; ++i) {
      if (refs->values[i]->IsMap()) out.push_back(ReadRef(refs->values[i], "", "Service", p.ns));
    }
    return out;
  };
  std::string plain;
  for (const ObjectRef& t : targets(policy)) {
    bool covered = std::any_of(objects.begin(), objects.end(), [&](const Object& o) {
      if (o.kind != "BackendTLSPolicy" || o.group != kGatewayApiGroup || &o == &policy || RefusedWhole(o)) return false;
      for (const ObjectRef& u : targets(o)) {
        bool section = u.section.empty() || u.section == t.section;
        if (u.group == t.group && u.kind == t.kind && u.ns == t.ns && u.name == t.name && section) return true;
      }
      return false;
    });
    if (covered) continue;
    plain += (plain.empty() ? "" : ", ") + std::string(t.kind) + " " + std::string(t.ns) + "/" + std::string(t.name);
    if (!t.section.empty()) plain += ":" + std::string(t.section);
  }
  return plain;
}

}  // namespace

void WarnLeftOut(const Compiled& compiled, std::ostream& err) {
  for (const Object& o : compiled.inputs.objects) {
    if (!RefusedWhole(o)) continue;
    const ApiError& e = o.api_errors.front();
    err << "gwc: warning: " << o.Display() << " is left out: the API server refuses it (" << e.field_path << ": "
        << e.message << ")";
    if (o.kind == "BackendTLSPolicy") {
      if (std::string plain = TargetsLeftPlain(compiled.inputs.objects, o); !plain.empty()) {
        err << "; it leaves " << plain << " without TLS";
      }
    }
    err << "\n";
  }
  for (const LeftOut& l : LeftOutOfCompile(compiled)) {
    err << "gwc: warning: " << l.route->Display();
    if (l.rule >= 0) err << " spec.rules[" << l.rule << "]";
    err << " is left out: " << l.reason << "\n";
  }
}

void WarnInvalidObjects(const Compiled& compiled, std::string_view consequence, std::ostream& err) {
  size_t errors = std::count_if(compiled.diagnostics.begin(), compiled.diagnostics.end(),
                                [](const Diagnostic& d) { return d.severity == Severity::kError; });
  if (errors > 0) {
    WarnLeftOut(compiled, err);  // every rule left out comes with an error
    err << "gwc: warning: the input has " << errors << " error(s) (gwc lint lists them); " << consequence << "\n";
  }
}

Status CompileInputs(const CompileOptions& options, Compiled* out) {
  if (Status s = LoadChecked(options, out); !s.ok()) return s;
  Index index(out->inputs.objects, {}, Index::Holds::kStored);
  out->program = LowerGatewayApi(index, FilterExtensions());
  if (options.lower_migration_sources) {
    LowerIngresses(index, IngressLowering{IngressDialects()}, &out->program, &out->warnings);
    LowerIstio(index, &out->program, &out->warnings, nullptr);
  }
  if (options.attach_policies) {
    for (const PolicySource* source : PolicySources()) source->Attach(index, &out->program, &out->warnings);
  }
  RankFirstMatchRoutes(&out->program);
  ArtifactWriter writer;
  out->stats = EmitRouteTable(out->program, &writer);
  writer.set_input_digest(InputDigest(out->inputs.objects));
  out->artifact = writer.Finish();
  return Status::Ok();
}

int RunCompile(const CompileOptions& options, std::ostream& out, std::ostream& err) {
  auto start = std::chrono::steady_clock::now();
  Compiled compiled;
  if (Status s = CompileInputs(options, &compiled); !s.ok()) {
    err << "gwc: internal error: " << s.message() << "\n";
    return kExitInternal;
  }
  double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
  std::vector<Diagnostic> errors;
  for (const Diagnostic& d : compiled.diagnostics) {
    if (d.severity == Severity::kError) errors.push_back(d);
  }
  RenderOptions render;
  render.tool_version = "0.1.0";
  RenderDiagnostics(OutputFormat::kText, errors, compiled.inputs.sources, render, err);
  for (const std::string& w : compiled.warnings) err << "gwc: warning: " << w << "\n";
  if (!errors.empty()) WarnLeftOut(compiled, err);  // every rule left out comes with an error
  if (!options.output.empty()) {
    std::ofstream file(options.output, std::ios::binary | std::ios::trunc);
    file.write(compiled.artifact.data(), static_cast<std::streamsize>(compiled.artifact.size()));
    if (!file.flush()) {
      err << "gwc: cannot write '" << options.output << "'\n";
      return kExitUsage;
    }
  }
  const RouteTableStats& s = compiled.stats;
  if (options.stats) {
    err << "gwc: compiled in " << ms << " ms: " << compiled.inputs.objects.size() << " objects, "
        << s.gateways << " gateways, " << s.listeners << " listeners, " << s.routes << " routes, "
        << s.rules << " rules, " << s.matches << " matches\n"
        << "gwc: table: " << s.virtual_hosts << " virtual hosts, " << s.path_tables
        << " path tables, " << s.exact_paths << " exact paths, " << s.prefix_keys
        << " prefix keys, " << s.regexes << " regexes, " << compiled.artifact.size() << " bytes";
    if (s.matches) err << " (" << compiled.artifact.size() / s.matches << " per match)";
    err << "\n";
  }
  (void)out;
  if (compiled.inputs.objects.empty()) {
    err << "gwc: no objects in the input\n";
    return kExitUsage;
  }
  return errors.empty() ? kExitOk : kExitFindings;
}

}  // namespace gwc

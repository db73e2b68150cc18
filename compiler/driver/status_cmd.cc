// Copyright 2026 The gwc Authors.
//
// Status rendering: nlohmann/json for the object shape, yaml-cpp's
// emitter for YAML.

#include "compiler/driver/status_cmd.h"

#include <yaml-cpp/yaml.h>

#include <nlohmann/json.hpp>
#include <ostream>

#include "compiler/driver/exit_codes.h"
#include "compiler/model/gateway_api.h"
#include "compiler/model/index.h"

namespace gwc {

namespace {

nlohmann::json ConditionsJson(const std::vector<Condition>& conditions, int64_t generation) {
  nlohmann::json out = nlohmann::json::array();
  for (const Condition& c : conditions) {
    out.push_back({{"type", c.type},
                   {"status", c.status ? "True" : "False"},
                   {"reason", c.reason},
                   {"message", c.message},
                   {"observedGeneration", generation}});
  }
  return out;
}

nlohmann::json RefJson(const ParentStatus& p) {
  nlohmann::json ref = {{"group", p.group}, {"kind", p.kind}, {"namespace", p.ns}, {"name", p.name}};
  if (!p.section.empty()) ref["sectionName"] = p.section;
  if (p.port) ref["port"] = *p.port;
  return ref;
}

void EmitYaml(const nlohmann::json& j, YAML::Emitter* out) {
  if (j.is_object()) {
    *out << YAML::BeginMap;
    for (const auto& [key, value] : j.items()) {
      *out << YAML::Key << key << YAML::Value;
      EmitYaml(value, out);
    }
    *out << YAML::EndMap;
  } else if (j.is_array()) {
    *out << YAML::BeginSeq;
    for (const auto& value : j) EmitYaml(value, out);
    *out << YAML::EndSeq;
  } else if (j.is_string()) {
    // Quote what YAML would read back as something other than a string.
    std::string v = j.get<std::string>();
    bool plain = !v.empty() && v.find_first_of(":#{}[],&*!|>'\"%@`") == std::string::npos &&
                 !(v == "True" || v == "False" || v == "true" || v == "false" || v == "null" ||
                   v == "yes" || v == "no" || v == "~" ||
                   v.find_first_not_of("0123456789.-+eE") == std::string::npos);
    if (!plain) *out << YAML::DoubleQuoted;
    *out << v;
  } else if (j.is_number_integer()) {
    *out << j.get<int64_t>();
  } else if (j.is_boolean()) {
    *out << j.get<bool>();
  } else {
    *out << YAML::Null;
  }
}

}  // namespace

nlohmann::json StatusToJson(const ObjectStatus& s) {
  nlohmann::json j;
  j["apiVersion"] = s.group + "/v1";
  j["kind"] = s.kind;
  j["metadata"]["name"] = s.name;
  if (!s.ns.empty()) j["metadata"]["namespace"] = s.ns;
  nlohmann::json& status = j["status"];
  status = nlohmann::json::object();
  if (!s.conditions.empty()) status["conditions"] = ConditionsJson(s.conditions, s.generation);
  if (s.kind == "Gateway" || s.kind == "ListenerSet") {
    status["listeners"] = nlohmann::json::array();
    for (const ListenerStatus& l : s.listeners) {
      nlohmann::json kinds = nlohmann::json::array();
      for (const std::string& k : l.supported_kinds) kinds.push_back({{"group", s.group}, {"kind", k}});
      status["listeners"].push_back({{"name", l.name},
                                     {"supportedKinds", kinds},
                                     {"attachedRoutes", l.attached_routes},
                                     {"conditions", ConditionsJson(l.conditions, s.generation)}});
    }
  }
  if (s.attached_listener_sets) status["attachedListenerSets"] = *s.attached_listener_sets;
  if (IsRouteKind(s.kind) || s.kind == "BackendTLSPolicy") {
    bool policy = s.kind == "BackendTLSPolicy";
    nlohmann::json& list = status[policy ? "ancestors" : "parents"];
    list = nlohmann::json::array();
    for (const ParentStatus& p : s.parents) {
      list.push_back({{policy ? "ancestorRef" : "parentRef", RefJson(p)},
                      {"controllerName", p.controller},
                      {"conditions", ConditionsJson(p.conditions, s.generation)}});
    }
  }
  return j;
}

int RunStatus(const CompileOptions& options, bool json, std::ostream& out, std::ostream& err) {
  Compiled loaded;
  if (Status s = LoadChecked(options, &loaded); !s.ok()) {
    err << "gwc: internal error: " << s.message() << "\n";
    return kExitInternal;
  }
  if (ReportUnreadable(loaded, "no status was computed", err)) return kExitUsage;
  WarnInvalidObjects(loaded, "what the API server would refuse is left out (a route rule by rule); the rest gets the status a controller would set on it as written", err);
  if (loaded.inputs.objects.empty()) {
    err << "gwc: no objects in the input\n";
    return kExitUsage;
  }
  Index index(loaded.inputs.objects, {}, Index::Holds::kStored);
  nlohmann::json all = nlohmann::json::array();
  for (const ObjectStatus& s : ComputeStatus(index)) all.push_back(StatusToJson(s));
  if (json) {
    out << all.dump(2) << "\n";
    return kExitOk;
  }
  for (const nlohmann::json& doc : all) {
    YAML::Emitter emitter;
    EmitYaml(doc, &emitter);
    out << "---\n" << emitter.c_str() << "\n";
  }
  return kExitOk;
}

}  // namespace gwc

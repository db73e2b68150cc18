// Copyright 2026 The gwc Authors.
//
// Mutations on yaml-cpp documents, written back with yaml-cpp's emitter.

#include "compiler/driver/conformance_mutations.h"

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <fstream>
#include <nlohmann/json.hpp>
#include <regex>

namespace gwc {

namespace {

using nlohmann::json;

bool Is(const YAML::Node& doc, const json& m) {
  if (!doc.IsMap() || !doc["kind"] || doc["kind"].as<std::string>() != m.value("kind", "")) return false;
  YAML::Node meta = doc["metadata"];
  if (!meta || !meta["name"] || meta["name"].as<std::string>() != m.value("name", "")) return false;
  std::string ns = meta["namespace"] ? meta["namespace"].as<std::string>() : "";
  return m.value("ns", "") == ns || (ns.empty() && m.value("ns", "") == "default");
}

YAML::Node ToYaml(const json& j) {
  if (j.is_object()) {
    YAML::Node n(YAML::NodeType::Map);
    for (const auto& [k, v] : j.items()) n[k] = ToYaml(v);
    return n;
  }
  if (j.is_array()) {
    YAML::Node n(YAML::NodeType::Sequence);
    for (const json& v : j) n.push_back(ToYaml(v));
    return n;
  }
  if (j.is_string()) return YAML::Node(j.get<std::string>());
  if (j.is_number_integer()) return YAML::Node(j.get<int64_t>());
  if (j.is_boolean()) return YAML::Node(j.get<bool>());
  return YAML::Node();
}

// "spec.rules[0].backendRefs[0].name = infra-backend-v2" or `= "new"`:
// sets one field to a plain string. False for anything else (prose).
bool SetField(YAML::Node doc, const std::string& change) {
  static const std::regex kChange(R"re(^([A-Za-z0-9_.\[\]]+) = (?:"([^"]*)"|([A-Za-z0-9._-]+))$)re");
  std::smatch m;
  if (!std::regex_match(change, m, kChange)) return false;
  std::string value = m[2].matched ? m[2].str() : m[3].str();
  static const std::regex kStep(R"re(([A-Za-z0-9_]+)(?:\[([0-9]+)\])?)re");
  std::string path = m[1].str();
  std::vector<std::pair<std::string, int>> steps;
  for (auto it = std::sregex_iterator(path.begin(), path.end(), kStep); it != std::sregex_iterator(); ++it) {
    steps.emplace_back((*it)[1].str(), (*it)[2].matched ? std::stoi((*it)[2].str()) : -1);
  }
  YAML::Node node = doc;
  for (size_t i = 0; i < steps.size(); ++i) {
    const auto& [key, index] = steps[i];
    bool last = i + 1 == steps.size();
    if (last && index < 0) {
      node[key] = value;
      return true;
    }
    // reset() moves a handle; a Node's operator= would overwrite the node
    // it refers to (the list) with the item.
    YAML::Node next = node[key];
    if (index >= 0) {
      if (!next.IsSequence() || static_cast<size_t>(index) >= next.size()) return false;
      next.reset(next[static_cast<size_t>(index)]);
      if (last) return false;
    }
    node.reset(next);
  }
  return false;
}

void BumpGeneration(YAML::Node doc) {
  YAML::Node meta = doc["metadata"];
  int generation = meta["generation"] ? meta["generation"].as<int>() : 1;
  meta["generation"] = generation + 1;
}

// Applies `m` to the documents; false when it cannot be applied as data.
bool Apply(std::vector<YAML::Node>* docs, const json& m, std::string* why) {
  std::string action = m.value("action", "");
  std::string id = m.value("id", "");
  if (action == "delete") {
    docs->erase(std::remove_if(docs->begin(), docs->end(), [&](const YAML::Node& d) { return Is(d, m); }),
                docs->end());
    return true;
  }
  auto target = std::find_if(docs->begin(), docs->end(), [&](const YAML::Node& d) { return Is(d, m); });
  if (action != "patch" || target == docs->end()) {
    *why = "mutation '" + id + "' (" + action + ") is described in prose, not as data";
    return false;
  }
  YAML::Node doc = *target;
  if (m.contains("add_listener")) {
    doc["spec"]["listeners"].push_back(ToYaml(m["add_listener"]));
  } else if (m.contains("keep_only_listeners")) {
    const json& keep = m["keep_only_listeners"];
    YAML::Node kept(YAML::NodeType::Sequence);
    for (const YAML::Node& l : doc["spec"]["listeners"]) {
      std::string name = l["name"] ? l["name"].as<std::string>() : "";
      if (std::find(keep.begin(), keep.end(), name) != keep.end()) kept.push_back(l);
    }
    doc["spec"]["listeners"] = kept;
  } else if (!m.contains("change") || !SetField(doc, m["change"].get<std::string>())) {
    *why = "mutation '" + id + "' is described in prose, not as data";
    return false;
  }
  BumpGeneration(doc);
  return true;
}

}  // namespace

bool WriteMutatedManifests(const std::vector<std::string>& files, const json& mutations,
                           const std::string& upto, const std::string& out_file, std::string* why) {
  std::vector<YAML::Node> docs;
  try {
    for (const std::string& f : files) {
      for (const YAML::Node& d : YAML::LoadAllFromFile(f)) {
        if (d.IsMap()) docs.push_back(d);
      }
    }
  } catch (const YAML::Exception& e) {
    *why = std::string("cannot read the manifests: ") + e.what();
    return false;
  }
  for (const json& m : mutations) {
    if (!Apply(&docs, m, why)) return false;
    if (m.value("id", "") == upto) break;
  }
  std::ofstream out(out_file);
  for (const YAML::Node& d : docs) {
    YAML::Emitter e;
    e << d;
    out << "---\n" << e.c_str() << "\n";
  }
  return static_cast<bool>(out);
}

}  // namespace gwc

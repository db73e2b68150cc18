// Copyright 2026 The gwc Authors.
//
// SARIF 2.1.0 in the shape GitHub code scanning accepts: one run whose driver
// lists every code of diag_codes.def as a rule (so ruleIndex is stable), one
// result per diagnostic with a physical location, related locations and a
// primaryLocationLineHash fingerprint that stays the same across builds and
// checkouts (FNV-1a 64 of rule id, relative URI, field path and message).
//
// Artifact URIs are relative to the working directory when the path lies
// under it, percent-encoded, so "<stdin>" becomes "%3Cstdin%3E". GitHub
// rejects a whole upload if one result has no location, so diagnostics without
// a known file become tool execution notifications of the invocation instead.

#include <algorithm>
#include <cstdint>
#include <map>
#include <nlohmann/json.hpp>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "compiler/base/render.h"

namespace gwc {

namespace {

using nlohmann::json;

constexpr std::string_view kSchemaUri = "https://json.schemastore.org/sarif-2.1.0.json";
constexpr std::string_view kInformationUri = "https://gwc.dev";
constexpr std::string_view kSrcRoot = "SRCROOT";
constexpr size_t kMaxDescription = 1024;

// Rules that GitHub should file under security, with their CVSS-like score.
struct SecurityRule {
  int number;
  std::string_view severity;
};
constexpr SecurityRule kSecurityRules[] = {{6007, "7.5"}};

uint64_t Fnv1a64(std::string_view data) {
  uint64_t hash = 0xcbf29ce484222325ULL;
  for (char c : data) {
    hash ^= static_cast<unsigned char>(c);
    hash *= 0x100000001b3ULL;
  }
  return hash;
}

std::string Hex64(uint64_t value) {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string out(16, '0');
  for (int i = 15; i >= 0; --i, value >>= 4) out[i] = kDigits[value & 0xF];
  return out;
}

bool IsContinuation(char c) { return (static_cast<unsigned char>(c) & 0xC0) == 0x80; }

size_t CodePointCount(std::string_view text) {
  return static_cast<size_t>(
      std::count_if(text.begin(), text.end(), [](char c) { return !IsContinuation(c); }));
}

// At most `max` code points of `text`; a cut text ends in "...".
std::string Truncate(std::string_view text, size_t max) {
  if (CodePointCount(text) <= max) return std::string(text);
  size_t keep = max - 3;
  size_t i = 0;
  for (size_t seen = 0; i < text.size(); ++i) {
    if (!IsContinuation(text[i]) && seen++ == keep) break;
  }
  return std::string(text.substr(0, i)) + "...";
}

// "yaml-syntax" -> "YamlSyntax".
std::string PascalCase(std::string_view slug) {
  std::string out;
  bool upper = true;
  for (char c : slug) {
    if (c == '-' || c == '_') {
      upper = true;
      continue;
    }
    out += upper && c >= 'a' && c <= 'z' ? static_cast<char>(c - 'a' + 'A') : c;
    upper = false;
  }
  return out;
}

std::string_view Level(Severity s) {
  switch (s) {
    case Severity::kError:
      return "error";
    case Severity::kWarning:
      return "warning";
    case Severity::kInfo:
      return "note";
  }
  return "error";
}

const SecurityRule* FindSecurityRule(int number) {
  for (const SecurityRule& rule : kSecurityRules) {
    if (rule.number == number) return &rule;
  }
  return nullptr;
}

// Area tags by code range (see the header of diag_codes.def).
json Tags(const DiagInfo& info) {
  static constexpr std::string_view kAreas[] = {
      "", "yaml", "schema", "gateway-api", "references", "routing", "ingress", "configuration"};
  json tags = json::array({"kubernetes"});
  size_t area = static_cast<size_t>(info.number / 1000);
  if (area < std::size(kAreas) && !kAreas[area].empty()) tags.push_back(kAreas[area]);
  if (area == 4 || area == 5) tags.push_back("gateway-api");
  if (FindSecurityRule(info.number) != nullptr) tags.push_back("security");
  return tags;
}

json RuleJson(const DiagInfo& info) {
  std::string id = "GWC" + std::to_string(info.number);
  std::string summary = info.summary.empty() ? std::string(info.slug) : std::string(info.summary);
  std::string explanation = info.explanation.empty() ? summary : std::string(info.explanation);
  std::string explain = "Run `gwc explain " + id + "` for details.";
  json properties = {{"tags", Tags(info)}};
  if (const SecurityRule* security = FindSecurityRule(info.number)) {
    properties["security-severity"] = std::string(security->severity);
  }
  return {
      {"id", id},
      {"name", PascalCase(info.slug)},
      {"shortDescription", {{"text", Truncate(summary, kMaxDescription)}}},
      {"fullDescription", {{"text", Truncate(explanation, kMaxDescription)}}},
      {"help",
       {{"text", explanation + "\n\n" + explain},
        {"markdown", "**" + summary + "**\n\n" + explanation + "\n\n" + explain}}},
      {"defaultConfiguration", {{"level", std::string(Level(info.default_severity))}}},
      {"properties", std::move(properties)},
  };
}

// Percent-encodes everything but unreserved characters, '/' and a few
// sub-delimiters, so any path becomes a valid URI reference.
std::string PercentEncode(std::string_view path) {
  static constexpr char kDigits[] = "0123456789ABCDEF";
  static constexpr std::string_view kKeep = "-._~/!$&'()*+,;=@";
  std::string out;
  for (char c : path) {
    auto b = static_cast<unsigned char>(c);
    bool alnum = (b >= 'a' && b <= 'z') || (b >= 'A' && b <= 'Z') || (b >= '0' && b <= '9');
    if (alnum || kKeep.find(c) != std::string_view::npos) {
      out += c;
    } else {
      out += '%';
      out += kDigits[b >> 4];
      out += kDigits[b & 0xF];
    }
  }
  return out;
}

// Where artifact URIs are resolved: the working directory, if any.
class UriBase {
 public:
  explicit UriBase(std::string_view working_directory) : dir_(working_directory) {
    while (dir_.size() > 1 && dir_.back() == '/') dir_.pop_back();
  }

  bool known() const { return !dir_.empty(); }
  // "file:///work/repo/".
  std::string DirectoryUri() const {
    return "file://" + PercentEncode(dir_ == "/" ? "/" : dir_ + "/");
  }

  // The artifact location of `path`: relative (against SRCROOT) when the path
  // is relative or under the working directory, else an absolute file URI.
  json ArtifactLocation(std::string_view path) const {
    while (path.size() > 2 && path.substr(0, 2) == "./") path.remove_prefix(2);
    if (path.empty()) path = "<unknown>";
    if (path.front() == '/') {
      std::string prefix = dir_ == "/" ? "/" : dir_ + "/";
      if (!known() || path.size() <= prefix.size() || path.substr(0, prefix.size()) != prefix) {
        return {{"uri", "file://" + PercentEncode(path)}};
      }
      path.remove_prefix(prefix.size());
    }
    json location = {{"uri", PercentEncode(path)}};
    if (known()) location["uriBaseId"] = std::string(kSrcRoot);
    return location;
  }

 private:
  std::string dir_;
};

// The region of `span`: endColumn is one past the last character, an empty
// span covers one character, and a span ending at a line start ends at the
// end of the line before.
json Region(const SourceFile& file, const Span& span) {
  LineCol start = file.Locate(span.begin);
  LineCol end = file.Locate(std::max(span.begin, span.end));
  if (end.line > start.line && end.column == 1) {
    end.line -= 1;
    end.column = static_cast<uint32_t>(CodePointCount(file.LineText(end.line))) + 1;
  }
  if (end.line == start.line && end.column <= start.column) end.column = start.column + 1;
  return {{"startLine", start.line},
          {"startColumn", start.column},
          {"endLine", end.line},
          {"endColumn", end.column}};
}

json PhysicalLocation(const SourceFile& file, const Span& span, const UriBase& base) {
  return {{"artifactLocation", base.ArtifactLocation(file.path())}, {"region", Region(file, span)}};
}

json LogicalLocations(const Diagnostic& d) {
  json logical = json::object();
  if (!d.object.empty()) logical["name"] = d.object;
  if (!d.field_path.empty()) logical["fullyQualifiedName"] = d.field_path;
  logical["kind"] = d.field_path.empty() ? "resource" : "property";
  return json::array({std::move(logical)});
}

json RelatedLocations(const Diagnostic& d, const SourceSet& sources, const UriBase& base) {
  json list = json::array();
  int id = 1;
  for (const RelatedSpan& related : d.related) {
    const SourceFile* file = related.span.valid() ? sources.Get(related.span.file) : nullptr;
    if (file == nullptr) continue;  // GitHub wants a file for every location
    json location = {{"id", id++},
                     {"physicalLocation", PhysicalLocation(*file, related.span, base)}};
    if (!related.message.empty()) location["message"] = {{"text", related.message}};
    list.push_back(std::move(location));
  }
  return list;
}

std::string MessageText(const Diagnostic& d) {
  std::string text = d.message.empty() ? std::string(InfoFor(d.code).summary) : d.message;
  if (text.empty()) text = CodeName(d.code);
  if (!d.fix_hint.empty()) text += "\n\nhelp: " + d.fix_hint;
  return text;
}

json ResultProperties(const Diagnostic& d) {
  json properties = json::object();
  if (!d.object.empty()) properties["object"] = d.object;
  if (!d.field_path.empty()) properties["fieldPath"] = d.field_path;
  if (!d.fix_hint.empty()) properties["fix"] = d.fix_hint;
  std::string_view reason = InfoFor(d.code).status_reason;
  if (!reason.empty()) properties["statusReason"] = std::string(reason);
  return properties;
}

// Builds results and counts equal fingerprints, like GitHub's "hash:n".
class ResultBuilder {
 public:
  ResultBuilder(const SourceSet& sources, const UriBase& base) : sources_(sources), base_(base) {}

  json Build(const Diagnostic& d, const SourceFile& file) {
    std::string rule_id = CodeName(d.code);
    json physical = PhysicalLocation(file, d.span, base_);
    json location = {{"physicalLocation", physical}};
    if (!d.object.empty() || !d.field_path.empty()) {
      location["logicalLocations"] = LogicalLocations(d);
    }
    json result = {
        {"ruleId", rule_id},
        {"ruleIndex", static_cast<size_t>(d.code)},
        {"level", std::string(Level(d.severity))},
        {"message", {{"text", MessageText(d)}}},
        {"locations", json::array({std::move(location)})},
        {"partialFingerprints",
         {{"primaryLocationLineHash",
           Fingerprint(rule_id, physical["artifactLocation"]["uri"].get<std::string>(), d)}}},
    };
    json related = RelatedLocations(d, sources_, base_);
    if (!related.empty()) result["relatedLocations"] = std::move(related);
    json properties = ResultProperties(d);
    if (!properties.empty()) result["properties"] = std::move(properties);
    return result;
  }

 private:
  std::string Fingerprint(const std::string& rule_id, const std::string& uri, const Diagnostic& d) {
    std::string key = rule_id;
    for (std::string_view part :
         {std::string_view(uri), std::string_view(d.field_path), std::string_view(d.message)}) {
      key += '\0';
      key += part;
    }
    std::string hash = Hex64(Fnv1a64(key));
    return hash + ":" + std::to_string(++seen_[hash]);
  }

  const SourceSet& sources_;
  const UriBase& base_;
  std::map<std::string, int> seen_;
};

json Notification(const Diagnostic& d) {
  return {{"level", std::string(Level(d.severity))},
          {"message", {{"text", MessageText(d)}}},
          {"associatedRule", {{"id", CodeName(d.code)}, {"index", static_cast<size_t>(d.code)}}}};
}

json Driver(const RenderOptions& options) {
  json rules = json::array();
  for (const DiagInfo& info : AllDiagInfos()) rules.push_back(RuleJson(info));
  json driver = {{"name", "gwc"}, {"informationUri", std::string(kInformationUri)}};
  if (!options.tool_version.empty()) {
    driver["version"] = options.tool_version;
    driver["semanticVersion"] = options.tool_version;
  }
  driver["rules"] = std::move(rules);
  return driver;
}

json Run(const std::vector<Diagnostic>& diags, const SourceSet& sources,
         const RenderOptions& options) {
  UriBase base(options.working_directory);
  ResultBuilder builder(sources, base);
  json results = json::array();
  json notifications = json::array();
  for (const Diagnostic& d : diags) {
    const SourceFile* file = d.span.valid() ? sources.Get(d.span.file) : nullptr;
    if (file != nullptr) {
      results.push_back(builder.Build(d, *file));
    } else {
      notifications.push_back(Notification(d));
    }
  }
  json invocation = {{"executionSuccessful", true}};
  if (base.known()) invocation["workingDirectory"] = {{"uri", base.DirectoryUri()}};
  if (!notifications.empty()) invocation["toolExecutionNotifications"] = std::move(notifications);

  json run = {{"tool", {{"driver", Driver(options)}}}, {"columnKind", "unicodeCodePoints"}};
  if (base.known())
    run["originalUriBaseIds"] = {{std::string(kSrcRoot), {{"uri", base.DirectoryUri()}}}};
  run["invocations"] = json::array({std::move(invocation)});
  run["results"] = std::move(results);
  return run;
}

}  // namespace

void RenderSarif(const std::vector<Diagnostic>& diags, const SourceSet& sources,
                 const RenderOptions& options, std::ostream& out) {
  json log = {{"$schema", std::string(kSchemaUri)},
              {"version", "2.1.0"},
              {"runs", json::array({Run(diags, sources, options)})}};
  out << log.dump(2, ' ', false, json::error_handler_t::replace) << '\n';
}

}  // namespace gwc

// Copyright 2026 The gwc Authors.
//
// Tests for the diagnostic renderers: the caret of the text format under the
// right column (also after multi-byte UTF-8 and tabs), the fields of JSON, the
// parts of SARIF GitHub code scanning requires, well-formed JUnit XML, and
// the escaping of GitHub workflow commands.

#include "compiler/base/render.h"

#include <algorithm>
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <regex>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

namespace gwc {
namespace {

using Catch::Contains;
using nlohmann::json;

// Line 6 has multi-byte characters before "naïve", line 8 starts with a tab.
constexpr std::string_view kRoute =
    "apiVersion: gateway.networking.k8s.io/v1\n"
    "kind: HTTPRoute\n"
    "metadata:\n"
    "  name: orders\n"
    "  annotations:\n"
    "    description: \"d\xC3\xA9j\xC3\xA0 vu \xE2\x80\x94 na\xC3\xAFve\"\n"
    "spec:\n"
    "\thostnames: [\"shop.example.com\"]\n"
    "  rules:\n"
    "  - backendRefs: [{name: orders-v3, port: 80}]\n";

constexpr std::string_view kWorkDir = "/work/repo";

size_t CodePoints(std::string_view text) {
  size_t n = 0;
  for (char c : text) n += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  return n;
}

// The span of the first `needle` in `file`, in code points.
Span SpanOf(const SourceFile& file, std::string_view needle) {
  size_t byte = file.text().find(needle);
  REQUIRE(byte != std::string_view::npos);
  auto begin = static_cast<uint32_t>(CodePoints(file.text().substr(0, byte)));
  return {file.id(), begin, begin + static_cast<uint32_t>(CodePoints(needle))};
}

std::vector<std::string> Lines(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

std::string Render(OutputFormat format, const std::vector<Diagnostic>& diags,
                   const SourceSet& sources, RenderOptions options = {}) {
  std::ostringstream out;
  RenderDiagnostics(format, diags, sources, options, out);
  return out.str();
}

RenderOptions Options(bool color = false) {
  RenderOptions options;
  options.color = color;
  options.tool_version = "0.1.0";
  options.working_directory = std::string(kWorkDir);
  return options;
}

Diagnostic Make(DiagCode code, Severity severity, std::string message, Span span) {
  Diagnostic d;
  d.code = code;
  d.severity = severity;
  d.message = std::move(message);
  d.span = span;
  return d;
}

// A route file, an empty second file and four findings: an error with
// object, field path, note and fix; a warning after UTF-8; an info after a
// tab; an error without a file.
struct Fixture {
  SourceSet sources;
  const SourceFile* route = sources.Add("manifests/route.yaml", std::string(kRoute));
  const SourceFile* other = sources.Add("other.yaml", "kind: Service\n");
  std::vector<Diagnostic> diags;

  Fixture() {
    Diagnostic backend = Make(DiagCode::kBackendNotFound, Severity::kError,
                              "backend Service \"orders-v3\" not found in namespace \"shop\"",
                              SpanOf(*route, "orders-v3"));
    backend.object = "HTTPRoute shop/orders";
    backend.field_path = "spec.rules[0].backendRefs[0].name";
    Span name = SpanOf(*route, "orders\n");
    name.end -= 1;  // without the line break
    backend.related.push_back({name, "the route is declared here"});
    backend.fix_hint = "create the Service or fix the name";
    diags.push_back(backend);
    diags.push_back(Make(DiagCode::kUnknownField, Severity::kWarning, "value \"na\xC3\xAFve\"",
                         SpanOf(*route, "na\xC3\xAFve")));
    diags.push_back(Make(DiagCode::kYamlSyntax, Severity::kInfo, "tab used for indentation",
                         SpanOf(*route, "hostnames")));
    diags.push_back(Make(DiagCode::kConfigInvalid, Severity::kError, "no input files", Span{}));
  }
};

// Checks that the snippet for `source_text` has its caret under `needle`, one
// '^' and a '~' for each further code point of the needle. Columns are
// counted in code points after the gutter.
void CheckCaret(const std::vector<std::string>& lines, std::string_view source_text,
                std::string_view needle) {
  size_t i = 0;
  while (i < lines.size() && !(lines[i].find(" | ") != std::string::npos &&
                               lines[i].find(source_text) != std::string::npos)) {
    ++i;
  }
  REQUIRE(i + 1 < lines.size());
  const std::string& source = lines[i];
  const std::string& caret = lines[i + 1];
  size_t gutter = source.find(" | ") + 3;
  REQUIRE(caret.find(" | ") + 3 == gutter);
  size_t needle_byte = source.find(needle, gutter);
  REQUIRE(needle_byte != std::string::npos);
  size_t needle_column = CodePoints(std::string_view(source).substr(gutter, needle_byte - gutter));
  CHECK(caret.find('^') - gutter == needle_column);
  CHECK(caret.substr(caret.find('^')) == "^" + std::string(CodePoints(needle) - 1, '~'));
}

TEST_CASE("ParseOutputFormat knows the five formats", "[render]") {
  CHECK(ParseOutputFormat("text") == OutputFormat::kText);
  CHECK(ParseOutputFormat("json") == OutputFormat::kJson);
  CHECK(ParseOutputFormat("sarif") == OutputFormat::kSarif);
  CHECK(ParseOutputFormat("junit") == OutputFormat::kJunit);
  CHECK(ParseOutputFormat("github") == OutputFormat::kGithub);
  CHECK_FALSE(ParseOutputFormat("xml").has_value());
  CHECK_FALSE(ParseOutputFormat("").has_value());
}

TEST_CASE("text: location, context, caret, note and help", "[render][text]") {
  Fixture f;
  std::string out = Render(OutputFormat::kText, f.diags, f.sources, Options());
  std::vector<std::string> lines = Lines(out);
  REQUIRE(lines.size() >= 4);
  CHECK(lines[0] ==
        "manifests/route.yaml:10:26: error[GWC4012]: backend Service \"orders-v3\" not found in "
        "namespace \"shop\"");
  CHECK(lines[1] == "  --> in HTTPRoute shop/orders at spec.rules[0].backendRefs[0].name");
  CHECK(lines[2] == "  10 |   - backendRefs: [{name: orders-v3, port: 80}]");
  CHECK(lines[3] == "     |                          ^~~~~~~~~");
  CHECK(lines[4] == "manifests/route.yaml:4:9: note: the route is declared here");
  CheckCaret(lines, "  name: orders", "orders");
  CHECK_THAT(out, Contains("\nhelp: create the Service or fix the name\n"));
  CHECK(out.find('\033') == std::string::npos);
}

TEST_CASE("text: columns count code points, so UTF-8 before the span is one column each",
          "[render][text]") {
  Fixture f;
  std::string out = Render(OutputFormat::kText, f.diags, f.sources, Options());
  // 4 spaces + `description: "` is 18 code points, `déjà vu — ` is 10 more.
  CHECK_THAT(out,
             Contains("manifests/route.yaml:6:29: warning[GWC2001]: value \"na\xC3\xAFve\"\n"));
  CheckCaret(Lines(out), "description:", "na\xC3\xAFve");
}

TEST_CASE("text: tabs expand so the caret still lines up", "[render][text]") {
  Fixture f;
  std::vector<Diagnostic> diags = {f.diags[2]};
  diags.push_back(Make(DiagCode::kYamlSyntax, Severity::kError, "quoted",
                       SpanOf(*f.route, "\"shop.example.com\"")));
  std::string out = Render(OutputFormat::kText, diags, f.sources, Options());
  CHECK_THAT(out, Contains("manifests/route.yaml:8:2: info[GWC1001]: tab used for indentation\n"));
  CHECK_THAT(out, Contains("manifests/route.yaml:8:14: error[GWC1001]: quoted\n"));
  CHECK(out.find('\t') == std::string::npos);
  std::vector<std::string> lines = Lines(out);
  CheckCaret(lines, "hostnames:", "hostnames");
  // The second snippet of the same line: find it after the first one.
  std::vector<std::string> rest(lines.begin() + 3, lines.end());
  CheckCaret(rest, "hostnames:", "\"shop.example.com\"");
}

TEST_CASE("text: spans over several lines get a single caret", "[render][text]") {
  Fixture f;
  Span span = SpanOf(*f.route, "metadata:");
  span.end = SpanOf(*f.route, "spec:").begin;
  std::string out =
      Render(OutputFormat::kText, {Make(DiagCode::kMetadataInvalid, Severity::kError, "bad", span)},
             f.sources, Options());
  CHECK(Lines(out).at(2) == "     | ^");
}

TEST_CASE("text: long lines are cut around the caret", "[render][text]") {
  SourceSet sources;
  std::string line = std::string(300, 'a') + "TARGET" + std::string(300, 'b');
  const SourceFile* file = sources.Add("long.yaml", "key: " + line + "\n");
  std::string out =
      Render(OutputFormat::kText,
             {Make(DiagCode::kLimit, Severity::kError, "too long", SpanOf(*file, "TARGET"))},
             sources, Options());
  std::vector<std::string> lines = Lines(out);
  REQUIRE(lines.size() == 3);
  CHECK(lines[0] == "long.yaml:1:306: error[GWC2007]: too long");
  std::string shown = lines[1].substr(lines[1].find(" | ") + 3);
  CHECK(shown.size() <= 120 + 6);
  CHECK(shown.substr(0, 3) == "...");
  CHECK(shown.substr(shown.size() - 3) == "...");
  CheckCaret(lines, "TARGET", "TARGET");
}

TEST_CASE("text: the window follows the caret to the end of a long line and back",
          "[render][text]") {
  SourceSet sources;
  std::string line = std::string(300, 'a') + "\xC3\xA9" + "LAST";
  const SourceFile* file = sources.Add("long.yaml", "k: " + line + "\nshort: x\n");
  Span last = SpanOf(*file, "LAST");
  Span early = SpanOf(*file, "aaa");
  Span past = {file->id(), SpanOf(*file, "short").begin - 1, SpanOf(*file, "short").begin - 1};
  // Out of order on purpose: the line walker must rewind.
  std::string out = Render(OutputFormat::kText,
                           {Make(DiagCode::kLimit, Severity::kError, "last", last),
                            Make(DiagCode::kLimit, Severity::kError, "early", early),
                            Make(DiagCode::kLimit, Severity::kError, "past", past)},
                           sources, Options());
  std::vector<std::string> lines = Lines(out);
  REQUIRE(lines.size() == 9);
  std::string shown = lines[1].substr(lines[1].find(" | ") + 3);
  CHECK(shown == "..." + std::string(115, 'a') + "\xC3\xA9" + "LAST");
  CheckCaret(lines, "LAST", "LAST");
  std::string start = lines[4].substr(lines[4].find(" | ") + 3);
  CHECK(start == "k: " + std::string(117, 'a') + "...");
  CHECK(lines[5] == "     |    ^~~");
  // A span at the line break: the caret stands one past the last character.
  CHECK(lines[6] == "long.yaml:1:309: error[GWC2007]: past");
  CHECK(lines[8].find('^') == CodePoints(lines[7]));
}

TEST_CASE("text: no location without a file, colors only on request", "[render][text]") {
  Fixture f;
  std::string plain = Render(OutputFormat::kText, f.diags, f.sources, Options());
  CHECK_THAT(plain, Contains("\nerror[GWC7002]: no input files\n"));

  std::string colored = Render(OutputFormat::kText, f.diags, f.sources, Options(true));
  CHECK_THAT(colored, Contains("\033[1;31merror[GWC4012]\033[0m"));
  CHECK_THAT(colored, Contains("\033[1;33mwarning[GWC2001]\033[0m"));
  CHECK_THAT(colored, Contains("\033[1;36minfo[GWC1001]\033[0m"));
  CHECK_THAT(colored, Contains("\033[1;32m"));
}

TEST_CASE("text: control characters in messages cannot reach the terminal", "[render][text]") {
  Fixture f;
  std::string out = Render(OutputFormat::kText,
                           {Make(DiagCode::kUnknownField, Severity::kError, "field \"\033[2Jx\"",
                                 SpanOf(*f.route, "kind"))},
                           f.sources, Options());
  CHECK(out.find('\033') == std::string::npos);
  CHECK_THAT(out, Contains("field \"?[2Jx\""));
}

TEST_CASE("json: every field of a diagnostic and the summary", "[render][json]") {
  Fixture f;
  f.diags[1].message += "\xFF";  // invalid UTF-8 must not break the output
  json report = json::parse(Render(OutputFormat::kJson, f.diags, f.sources, Options()));
  CHECK(report["version"] == 1);
  CHECK(report["tool"] == json({{"name", "gwc"}, {"version", "0.1.0"}}));
  REQUIRE(report["diagnostics"].size() == 4);

  const json& d = report["diagnostics"][0];
  CHECK(d["code"] == "GWC4012");
  CHECK(d["slug"] == "backend-not-found");
  CHECK(d["severity"] == "error");
  CHECK(d["message"] == "backend Service \"orders-v3\" not found in namespace \"shop\"");
  CHECK(d["file"] == "manifests/route.yaml");
  CHECK(d["line"] == 10);
  CHECK(d["column"] == 26);
  CHECK(d["endLine"] == 10);
  CHECK(d["endColumn"] == 35);
  CHECK(d["fieldPath"] == "spec.rules[0].backendRefs[0].name");
  CHECK(d["object"] == "HTTPRoute shop/orders");
  CHECK(d["statusReason"] == "BackendNotFound");
  CHECK(d["fix"] == "create the Service or fix the name");
  REQUIRE(d["related"].size() == 1);
  CHECK(d["related"][0] == json({{"file", "manifests/route.yaml"},
                                 {"line", 4},
                                 {"column", 9},
                                 {"message", "the route is declared here"}}));

  const json& warning = report["diagnostics"][1];
  CHECK(warning["column"] == 29);
  CHECK(warning["endColumn"] == 34);
  CHECK_FALSE(warning.contains("statusReason"));
  CHECK_FALSE(warning.contains("fix"));
  CHECK(warning["related"] == json::array());

  const json& no_file = report["diagnostics"][3];
  CHECK_FALSE(no_file.contains("file"));
  CHECK_FALSE(no_file.contains("line"));
  CHECK(report["summary"] == json({{"errors", 2}, {"warnings", 1}, {"infos", 1}}));
}

json Sarif(const Fixture& f, RenderOptions options = Options()) {
  return json::parse(Render(OutputFormat::kSarif, f.diags, f.sources, options));
}

TEST_CASE("sarif: the log and run carry what GitHub requires", "[render][sarif]") {
  Fixture f;
  json log = Sarif(f);
  CHECK(log["$schema"] == "https://json.schemastore.org/sarif-2.1.0.json");
  CHECK(log["version"] == "2.1.0");
  REQUIRE(log["runs"].size() == 1);
  const json& run = log["runs"][0];
  CHECK(run["columnKind"] == "unicodeCodePoints");
  CHECK(run["tool"]["driver"]["name"] == "gwc");
  CHECK(run["tool"]["driver"]["semanticVersion"] == "0.1.0");
  CHECK(run["tool"]["driver"]["informationUri"] == "https://gwc.dev");
  CHECK(run["invocations"][0]["executionSuccessful"] == true);
  CHECK(run["invocations"][0]["workingDirectory"]["uri"] == "file:///work/repo/");
  CHECK(run["originalUriBaseIds"]["SRCROOT"]["uri"] == "file:///work/repo/");
}

TEST_CASE("sarif: every code is a complete rule", "[render][sarif]") {
  Fixture f;
  const json log = Sarif(f);
  const json& rules = log["runs"][0]["tool"]["driver"]["rules"];
  const std::vector<DiagInfo>& infos = AllDiagInfos();
  REQUIRE(rules.size() == infos.size());
  const std::regex pascal("[A-Z][A-Za-z0-9]*");
  for (size_t i = 0; i < infos.size(); ++i) {
    const json& rule = rules[i];
    std::string id = CodeName(infos[i].code);
    INFO(id);
    CHECK(rule["id"] == id);
    CHECK(std::regex_match(rule["name"].get<std::string>(), pascal));
    CHECK_FALSE(rule["shortDescription"]["text"].get<std::string>().empty());
    std::string full = rule["fullDescription"]["text"];
    CHECK_FALSE(full.empty());
    CHECK(CodePoints(full) <= 1024);
    CHECK_FALSE(rule["help"]["text"].get<std::string>().empty());
    CHECK_THAT(rule["help"]["markdown"].get<std::string>(), Contains("gwc explain " + id));
    std::string level = rule["defaultConfiguration"]["level"];
    CHECK((level == "error" || level == "warning" || level == "note"));
    CHECK_FALSE(rule["properties"]["tags"].empty());
  }
  CHECK(rules[0]["name"] == "YamlSyntax");
  const DiagInfo* snippet = FindDiagInfo("GWC6007");
  REQUIRE(snippet != nullptr);
  const json& security = rules[static_cast<size_t>(snippet->code)];
  CHECK(security["id"] == "GWC6007");
  CHECK(security["properties"]["security-severity"] == "7.5");
  CHECK_THAT(security["properties"]["tags"].dump(), Contains("\"security\""));
}

TEST_CASE("sarif: every result has rule, message, location and fingerprint", "[render][sarif]") {
  Fixture f;
  f.diags.push_back(
      Make(DiagCode::kRequiredMissing, Severity::kError, "", Span{f.route->id(), 0, 0}));
  const json run = Sarif(f)["runs"][0];
  const json& rules = run["tool"]["driver"]["rules"];
  const json& results = run["results"];
  REQUIRE(results.size() == 4);  // the diagnostic without a file is a notification
  for (const json& result : results) {
    INFO(result.dump());
    std::string rule_id = result["ruleId"];
    CHECK(rules[result["ruleIndex"].get<size_t>()]["id"] == rule_id);
    CHECK_FALSE(result["message"]["text"].get<std::string>().empty());
    const json& physical = result["locations"][0]["physicalLocation"];
    CHECK_FALSE(physical["artifactLocation"]["uri"].get<std::string>().empty());
    const json& region = physical["region"];
    CHECK(region["startLine"] >= 1);
    CHECK(region["startColumn"] >= 1);
    CHECK(region["endLine"] >= region["startLine"]);
    CHECK(region["endColumn"] >= 1);
    CHECK_FALSE(
        result["partialFingerprints"]["primaryLocationLineHash"].get<std::string>().empty());
  }
  const json& first = results[0];
  CHECK(first["level"] == "error");
  CHECK(first["locations"][0]["physicalLocation"]["artifactLocation"] ==
        json({{"uri", "manifests/route.yaml"}, {"uriBaseId", "SRCROOT"}}));
  CHECK(first["locations"][0]["physicalLocation"]["region"] ==
        json({{"startLine", 10}, {"startColumn", 26}, {"endLine", 10}, {"endColumn", 35}}));
  CHECK(first["locations"][0]["logicalLocations"][0]["fullyQualifiedName"] ==
        "spec.rules[0].backendRefs[0].name");
  CHECK(first["relatedLocations"][0]["message"]["text"] == "the route is declared here");
  CHECK(first["relatedLocations"][0]["physicalLocation"]["region"]["startLine"] == 4);
  CHECK(results[2]["level"] == "note");
  // An empty span still covers one character; an empty message falls back.
  CHECK(results[3]["locations"][0]["physicalLocation"]["region"]["endColumn"] == 2);
  CHECK(results[3]["message"]["text"] == "A required field is missing.");

  const json& notes = run["invocations"][0]["toolExecutionNotifications"];
  REQUIRE(notes.size() == 1);
  CHECK(notes[0]["associatedRule"]["id"] == "GWC7002");
  CHECK(notes[0]["message"]["text"] == "no input files");
}

TEST_CASE("sarif: fingerprints are FNV-1a 64 and count repeats", "[render][sarif]") {
  Fixture f;
  f.diags.push_back(f.diags[0]);
  f.diags.back().span = SpanOf(*f.route, "kind");  // moved: same fingerprint
  f.diags.push_back(f.diags[0]);
  f.diags.back().message += "!";
  const json log = Sarif(f);
  const json& results = log["runs"][0]["results"];
  auto hash = [&](size_t i) {
    return results[i]["partialFingerprints"]["primaryLocationLineHash"].get<std::string>();
  };
  // FNV-1a 64 of "GWC4012\0manifests/route.yaml\0<field path>\0<message>".
  CHECK(hash(0) == "d57a4209ed22c014:1");
  CHECK(hash(3) == "d57a4209ed22c014:2");
  CHECK(hash(4).substr(0, 16) != "d57a4209ed22c014");
  // The same input renders the same fingerprints, also without a working dir.
  RenderOptions no_dir = Options();
  no_dir.working_directory.clear();
  CHECK(Sarif(f, no_dir)["runs"][0]["results"][0]["partialFingerprints"] ==
        results[0]["partialFingerprints"]);
}

TEST_CASE("sarif: artifact URIs are relative, encoded and never empty", "[render][sarif]") {
  SourceSet sources;
  std::vector<std::string> paths = {"/work/repo/sub dir/a.yaml", "./b.yaml", "<stdin>",
                                    "/elsewhere/c.yaml", "/work/repository/d.yaml"};
  std::vector<Diagnostic> diags;
  for (const std::string& path : paths) {
    const SourceFile* file = sources.Add(path, "x: 1\n");
    diags.push_back(Make(DiagCode::kUnknownField, Severity::kError, "x", {file->id(), 0, 1}));
  }
  std::ostringstream out;
  RenderSarif(diags, sources, Options(), out);
  const json log = json::parse(out.str());
  const json& results = log["runs"][0]["results"];
  auto uri = [&](size_t i) {
    return results[i]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"];
  };
  CHECK(uri(0) == "sub%20dir/a.yaml");
  CHECK(uri(1) == "b.yaml");
  CHECK(uri(2) == "%3Cstdin%3E");
  CHECK(uri(3) == "file:///elsewhere/c.yaml");
  CHECK(uri(4) == "file:///work/repository/d.yaml");

  RenderOptions no_dir = Options();
  no_dir.working_directory.clear();
  std::ostringstream bare;
  RenderSarif(diags, sources, no_dir, bare);
  const json run = json::parse(bare.str())["runs"][0];
  CHECK_FALSE(run["invocations"][0].contains("workingDirectory"));
  CHECK_FALSE(run.contains("originalUriBaseIds"));
  CHECK(run["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"] ==
        json({{"uri", "file:///work/repo/sub%20dir/a.yaml"}}));
}

// A small XML 1.0 checker: balanced tags, quoted attributes, known entities,
// only allowed control characters. Returns the element names in order.
std::vector<std::string> CheckXml(const std::string& xml) {
  std::vector<std::string> stack;
  std::vector<std::string> elements;
  CHECK(std::none_of(xml.begin(), xml.end(), [](char c) {
    return static_cast<unsigned char>(c) < 0x20 && c != '\t' && c != '\n' && c != '\r';
  }));
  const std::regex entity("&(amp|lt|gt|quot|apos|#[0-9]+);");
  size_t i = 0;
  REQUIRE(xml.rfind("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n", 0) == 0);
  i = xml.find("?>") + 2;
  while (i < xml.size()) {
    size_t lt = xml.find('<', i);
    std::string text = xml.substr(i, lt == std::string::npos ? std::string::npos : lt - i);
    for (size_t amp = text.find('&'); amp != std::string::npos; amp = text.find('&', amp + 1)) {
      std::smatch m;
      std::string tail = text.substr(amp);
      REQUIRE(std::regex_search(tail, m, entity, std::regex_constants::match_continuous));
    }
    REQUIRE(text.find('>') == std::string::npos);
    if (lt == std::string::npos) break;
    size_t gt = lt + 1;
    bool quoted = false;
    while (gt < xml.size() && (quoted || xml[gt] != '>')) {
      if (xml[gt] == '"') quoted = !quoted;
      REQUIRE((!quoted || xml[gt] != '<'));
      ++gt;
    }
    REQUIRE(gt < xml.size());
    std::string tag = xml.substr(lt + 1, gt - lt - 1);
    if (tag[0] == '/') {
      REQUIRE_FALSE(stack.empty());
      REQUIRE(stack.back() == tag.substr(1));
      stack.pop_back();
    } else {
      std::string name = tag.substr(0, tag.find_first_of(" /"));
      elements.push_back(name);
      if (tag.back() != '/') stack.push_back(name);
      REQUIRE((!stack.empty() || elements.size() == 1));
    }
    i = gt + 1;
  }
  CHECK(stack.empty());
  return elements;
}

TEST_CASE("junit: one test case per file, errors fail it, XML is well-formed", "[render][junit]") {
  Fixture f;
  f.diags.push_back(Make(DiagCode::kUnknownField, Severity::kError,
                         "bad <key> & \"q\" \x01 \xFF end", SpanOf(*f.other, "kind")));
  std::string xml = Render(OutputFormat::kJunit, f.diags, f.sources, Options());
  std::vector<std::string> elements = CheckXml(xml);
  REQUIRE(elements.size() >= 2);
  CHECK(elements[0] == "testsuites");
  CHECK(elements[1] == "testsuite");
  CHECK(std::count(elements.begin(), elements.end(), "testcase") == 3);
  CHECK(std::count(elements.begin(), elements.end(), "failure") == 3);
  CHECK_THAT(xml, Contains("<testsuite name=\"gwc lint\" tests=\"3\" failures=\"3\""));
  CHECK_THAT(xml, Contains("<testcase name=\"manifests/route.yaml\" "
                           "classname=\"manifests/route.yaml\">"));
  CHECK_THAT(xml, Contains("<testcase name=\"(no file)\""));
  // Warnings and infos are output, not failures.
  CHECK_THAT(xml, Contains("<system-out>manifests/route.yaml:6:29: warning[GWC2001]"));
  CHECK_THAT(xml, Contains("manifests/route.yaml:8:2: info[GWC1001]: tab used"));
  CHECK_THAT(xml, Contains("bad &lt;key&gt; &amp; \"q\" \xEF\xBF\xBD \xEF\xBF\xBD end"));
  CHECK_THAT(xml, Contains("message=\"1 error: bad &lt;key&gt; &amp; &quot;q&quot;"));
}

TEST_CASE("junit: files without findings pass", "[render][junit]") {
  Fixture f;
  std::string xml = Render(OutputFormat::kJunit, {}, f.sources, Options());
  CheckXml(xml);
  CHECK_THAT(xml, Contains("tests=\"2\" failures=\"0\""));
  CHECK_THAT(xml, Contains("<testcase name=\"other.yaml\" classname=\"other.yaml\"/>"));
  CHECK(xml.find("<failure") == std::string::npos);
}

TEST_CASE("github: workflow commands with escaped properties and data", "[render][github]") {
  Fixture f;
  const SourceFile* odd = f.sources.Add("/work/repo/a,b:c.yaml", "x: 1\n");
  f.diags.push_back(
      Make(DiagCode::kLimit, Severity::kWarning, "100% full\r\nnext line", {odd->id(), 0, 1}));
  std::vector<std::string> lines =
      Lines(Render(OutputFormat::kGithub, f.diags, f.sources, Options()));
  REQUIRE(lines.size() == 5);
  CHECK(lines[0] ==
        "::error file=manifests/route.yaml,line=10,col=26,endLine=10,endColumn=35,"
        "title=GWC4012 backend-not-found::backend Service \"orders-v3\" not found in namespace "
        "\"shop\"%0Ain HTTPRoute shop/orders at spec.rules[0].backendRefs[0].name"
        "%0Anote: manifests/route.yaml:4:9: the route is declared here"
        "%0Ahelp: create the Service or fix the name");
  CHECK(lines[1].rfind("::warning file=manifests/route.yaml,line=6,col=29,", 0) == 0);
  CHECK(lines[2].rfind("::notice file=manifests/route.yaml,line=8,col=2,", 0) == 0);
  CHECK(lines[3] == "::error title=GWC7002 config-invalid::no input files");
  CHECK(lines[4] ==
        "::warning file=a%2Cb%3Ac.yaml,line=1,col=1,endLine=1,endColumn=2,"
        "title=GWC2007 limit::100%25 full%0D%0Anext line");
}

TEST_CASE("every format renders an empty list", "[render]") {
  Fixture f;
  CHECK(Render(OutputFormat::kText, {}, f.sources, Options()).empty());
  CHECK(Render(OutputFormat::kGithub, {}, f.sources, Options()).empty());
  json report = json::parse(Render(OutputFormat::kJson, {}, f.sources, Options()));
  CHECK(report["diagnostics"] == json::array());
  json log = json::parse(Render(OutputFormat::kSarif, {}, f.sources, Options()));
  CHECK(log["runs"][0]["results"] == json::array());
  CHECK(log["runs"][0]["tool"]["driver"]["rules"].size() == AllDiagInfos().size());
}

}  // namespace
}  // namespace gwc

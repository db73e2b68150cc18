// Copyright 2026 The gwc Authors.
//
// The Gateway API CRD validation rules of the route kinds as native checks:
// HTTPRoute (H1-H21, the filter-list rules F1-F34 and the experimental rule
// name, ExternalAuth and sessionPersistence rules), GRPCRoute (R1-R4, M1-M3,
// GF1-GF13), and the parentRefs and backendRef rules of TLSRoute, TCPRoute
// and UDPRoute, plus TLSRoute's IP-hostname rule. The filter-list rules run
// twice per rule, on rules[].filters and on every rules[].backendRefs[].filters.
//
// Deliberate differences from the CRDs:
// - parentRefs use the experimental port-aware form of H1/H2 in every
//   channel (see rules::CheckRefListSections).
// - H5-H8 have no exists_one loophole: every RequestRedirect or URLRewrite
//   with path type ReplacePrefixMatch, in the rule's filters or in any
//   backendRef's filters, needs exactly one PathPrefix match.
// - HTTPRoute and GRPCRoute hostnames that are IP addresses are reported
//   (GWC3025); the specification forbids them but only TLSRoute's CRD checks.
// - H11 (path type is Exact, PathPrefix or RegularExpression) restates the
//   field's enum; the schema validator already reports it (GWC2005).
// Rules about fields whose `type` or `protocol` discriminator is absent are
// skipped: those fields are required, and the schema validator reports them.

#include <array>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "compiler/check/report.h"
#include "compiler/check/rules.h"
#include "compiler/check/rules_support.h"

namespace gwc {

namespace {

using rules::FieldOf;
using rules::IntOf;
using rules::ItemsOf;
using rules::MapOf;
using rules::Quoted;
using rules::TextAt;
using rules::TextOf;

enum class RouteKind { kHttp, kGrpc, kTls, kTcp, kUdp };

constexpr rules::RefListRule kParentRefRule = {
    .list_field = "parentRefs",
    .noun = "parent",
    .default_group = rules::kGatewayGroup,
    .default_kind = "Gateway",
    .port_aware = true,
};

// A filter type, the configuration field it needs, and whether the type may
// appear only once per filter list.
struct FilterKind {
  std::string_view type;
  std::string_view field;
  bool unique;
};

constexpr std::array<FilterKind, 8> kHttpFilterKinds = {{
    {"RequestHeaderModifier", "requestHeaderModifier", true},
    {"ResponseHeaderModifier", "responseHeaderModifier", true},
    {"RequestMirror", "requestMirror", false},
    {"RequestRedirect", "requestRedirect", true},
    {"URLRewrite", "urlRewrite", true},
    {"ExtensionRef", "extensionRef", false},
    {"CORS", "cors", true},
    {"ExternalAuth", "externalAuth", false},  // experimental channel
}};

constexpr std::array<FilterKind, 4> kGrpcFilterKinds = {{
    {"RequestHeaderModifier", "requestHeaderModifier", true},
    {"ResponseHeaderModifier", "responseHeaderModifier", true},
    {"RequestMirror", "requestMirror", false},
    {"ExtensionRef", "extensionRef", false},
}};

using FilterKinds = std::span<const FilterKind>;

bool HasFilterField(FilterKinds kinds, std::string_view field) {
  for (const FilterKind& kind : kinds) {
    if (kind.field == field) return true;
  }
  return false;
}

// ---- backend references ------------------------------------------------------

// H9, R4, F25 and the TLS/TCP/UDP and ExternalAuth copies: a reference to a
// core Service (group "" and kind Service, the defaults) needs a port.
void CheckServicePort(const Object& obj, const Node* ref, std::string_view what,
                      DiagnosticSink* diags) {
  if (!ref || !ref->IsMap()) return;
  if (!TextAt(ref, "group").empty() || TextAt(ref, "kind", "Service") != "Service") return;
  if (FieldOf(ref, "port")) return;
  ReportMissing(diags, DiagCode::kBackendPortRequired, obj, ref, "port",
                std::string(what) + " to Service " + Quoted(TextAt(ref, "name")) +
                    " has no port; a Service reference must have a port (the Service port, "
                    "not the target port)");
}

// ---- filter lists: F1-F6 (GF1-GF2) -------------------------------------------

// F2-F6 / GF1-GF2: RequestHeaderModifier, ResponseHeaderModifier,
// RequestRedirect, URLRewrite and CORS at most once per list.
void CheckFilterRepeats(const Object& obj, const Node* filters, FilterKinds kinds,
                        DiagnosticSink* diags) {
  std::vector<const Node*> first(kinds.size(), nullptr);
  for (const Node* filter : ItemsOf(filters)) {
    const Node* type = FieldOf(filter, "type");
    for (size_t k = 0; k < kinds.size(); ++k) {
      if (!kinds[k].unique || TextOf(type) != kinds[k].type) continue;
      if (!first[k]) {
        first[k] = type;
        break;
      }
      Report(diags, DiagCode::kFilterRepeated, obj, type,
             "filter type " + std::string(kinds[k].type) + " cannot be repeated in one filter list",
             {Related(first[k], "the first " + std::string(kinds[k].type) + " filter")});
      break;
    }
  }
}

// F1: RequestRedirect and URLRewrite not in the same list (reported once, at
// the later of the two).
void CheckRedirectRewriteExclusive(const Object& obj, const Node* filters, DiagnosticSink* diags) {
  const Node* redirect = nullptr;
  const Node* rewrite = nullptr;
  for (const Node* filter : ItemsOf(filters)) {
    const Node* type = FieldOf(filter, "type");
    std::string_view text = TextOf(type);
    if (text == "RequestRedirect" && !redirect) redirect = type;
    if (text == "URLRewrite" && !rewrite) rewrite = type;
    if (redirect && rewrite) {
      const Node* later = type;
      const Node* earlier = later == redirect ? rewrite : redirect;
      Report(diags, DiagCode::kRedirectAndRewrite, obj, later,
             "a filter list may specify either a RequestRedirect or a URLRewrite filter, but "
             "not both",
             {Related(earlier, "the other filter")});
      return;
    }
  }
}

// ---- filter lists: F7-F20 (GF3-GF10), the union discriminator ----------------

void CheckFilterDiscriminator(const Object& obj, const Node* filter, FilterKinds kinds,
                              DiagnosticSink* diags) {
  const Node* type = FieldOf(filter, "type");
  if (!type) return;
  std::string_view type_text = TextOf(type);
  for (const FilterKind& kind : kinds) {
    const Node* config = FieldOf(filter, kind.field);
    std::string field(kind.field);
    if (config && type_text != kind.type) {
      Report(diags, DiagCode::kFilterConfigMismatch, obj, config,
             "filter." + field + " must not be set when the filter type is not " +
                 std::string(kind.type) + " (type is " + Quoted(type_text) + ")",
             {Related(type, "the filter type")});
    } else if (!config && type_text == kind.type) {
      ReportMissing(
          diags, DiagCode::kFilterConfigMismatch, obj, filter, kind.field,
          "filter." + field + " must be specified for filter type " + std::string(kind.type));
    }
  }
}

// ---- filter configurations: F21-F34, ExternalAuth -----------------------------

// F21-F23: '*' only alone in allowOrigins, allowMethods and allowHeaders.
void CheckCorsWildcards(const Object& obj, const Node* cors, DiagnosticSink* diags) {
  struct CorsList {
    std::string_view field;
    std::string_view others;
  };
  constexpr CorsList kLists[] = {
      {"allowOrigins", "origins"}, {"allowMethods", "methods"}, {"allowHeaders", "headers"}};
  for (const CorsList& list : kLists) {
    std::span<Node* const> items = ItemsOf(FieldOf(cors, list.field));
    if (items.size() < 2) continue;
    for (const Node* item : items) {
      if (!item->IsScalar() || item->text != "*") continue;
      Report(diags, DiagCode::kCorsWildcardMixed, obj, item,
             std::string(list.field) + " cannot contain '*' alongside other " +
                 std::string(list.others));
      break;
    }
  }
}

// F24-F26 (GF11-GF13).
void CheckMirror(const Object& obj, const Node* mirror, DiagnosticSink* diags) {
  const Node* percent = FieldOf(mirror, "percent");
  const Node* fraction = FieldOf(mirror, "fraction");
  if (percent && fraction) {
    Report(diags, DiagCode::kMirrorFraction, obj, fraction,
           "only one of percent or fraction may be specified in a RequestMirror filter",
           {Related(percent, "percent is also set")});
  }
  const Node* numerator = FieldOf(fraction, "numerator");
  const Node* denominator = FieldOf(fraction, "denominator");
  std::optional<int64_t> num = IntOf(numerator);
  std::optional<int64_t> den = denominator ? IntOf(denominator) : std::optional<int64_t>(100);
  if (num && den && *num > *den) {
    Report(diags, DiagCode::kMirrorFraction, obj, numerator,
           "fraction numerator " + std::to_string(*num) + " is greater than its denominator " +
               std::to_string(*den) + (denominator ? "" : " (the default)") +
               "; numerator must be less than or equal to denominator");
  }
  CheckServicePort(obj, MapOf(mirror, "backendRef"), "requestMirror backendRef", diags);
}

// F27-F34: a path modifier's type and the field it sets must agree.
void CheckPathModifier(const Object& obj, const Node* path, DiagnosticSink* diags) {
  const Node* type = FieldOf(path, "type");
  if (!type) return;
  std::string_view type_text = TextOf(type);
  constexpr std::array<std::string_view, 2> kTypes = {"ReplaceFullPath", "ReplacePrefixMatch"};
  constexpr std::array<std::string_view, 2> kFields = {"replaceFullPath", "replacePrefixMatch"};
  for (size_t i = 0; i < kTypes.size(); ++i) {
    const Node* field = FieldOf(path, kFields[i]);
    std::string quoted_type = "'" + std::string(kTypes[i]) + "'";
    if (type_text == kTypes[i] && !field) {
      ReportMissing(
          diags, DiagCode::kPathModifierMismatch, obj, path, kFields[i],
          std::string(kFields[i]) + " must be specified when type is set to " + quoted_type);
    } else if (field && type_text != kTypes[i]) {
      Report(diags, DiagCode::kPathModifierMismatch, obj, field,
             "type must be " + quoted_type + " when " + std::string(kFields[i]) +
                 " is set (type is " + Quoted(type_text) + ")",
             {Related(type, "the path modifier type")});
    }
  }
}

// ExternalAuth (experimental): protocol GRPC <-> grpc block, HTTP <-> http
// block, and the backendRef port rule.
void CheckExternalAuth(const Object& obj, const Node* auth, DiagnosticSink* diags) {
  CheckServicePort(obj, MapOf(auth, "backendRef"), "externalAuth backendRef", diags);
  const Node* protocol = FieldOf(auth, "protocol");
  if (!protocol) return;
  std::string_view protocol_text = TextOf(protocol);
  constexpr std::array<std::string_view, 2> kProtocols = {"GRPC", "HTTP"};
  constexpr std::array<std::string_view, 2> kBlocks = {"grpc", "http"};
  for (size_t i = 0; i < kProtocols.size(); ++i) {
    const Node* block = FieldOf(auth, kBlocks[i]);
    std::string quoted_protocol = "'" + std::string(kProtocols[i]) + "'";
    if (protocol_text == kProtocols[i] && !block) {
      ReportMissing(diags, DiagCode::kExternalAuthConfig, obj, auth, kBlocks[i],
                    std::string(kBlocks[i]) + " must be specified when protocol is set to " +
                        quoted_protocol);
    } else if (block && protocol_text != kProtocols[i]) {
      Report(diags, DiagCode::kExternalAuthConfig, obj, block,
             "protocol must be " + quoted_protocol + " when " + std::string(kBlocks[i]) +
                 " is set (protocol is " + Quoted(protocol_text) + ")",
             {Related(protocol, "the external auth protocol")});
    }
  }
}

// The rules attached to each configuration block present on a filter
// (whatever its type: the CRD attaches them to the blocks).
void CheckFilterConfigs(const Object& obj, const Node* filter, FilterKinds kinds,
                        DiagnosticSink* diags) {
  if (HasFilterField(kinds, "cors")) CheckCorsWildcards(obj, MapOf(filter, "cors"), diags);
  if (HasFilterField(kinds, "requestMirror")) {
    if (const Node* mirror = MapOf(filter, "requestMirror")) CheckMirror(obj, mirror, diags);
  }
  for (std::string_view field : {"requestRedirect", "urlRewrite"}) {
    if (!HasFilterField(kinds, field)) continue;
    CheckPathModifier(obj, MapOf(MapOf(filter, field), "path"), diags);
  }
  if (HasFilterField(kinds, "externalAuth")) {
    if (const Node* auth = MapOf(filter, "externalAuth")) CheckExternalAuth(obj, auth, diags);
  }
}

// Every filter-list rule, for one list (rules[].filters or
// rules[].backendRefs[].filters).
void CheckFilterList(const Object& obj, const Node* filters, FilterKinds kinds,
                     DiagnosticSink* diags) {
  CheckFilterRepeats(obj, filters, kinds, diags);
  if (HasFilterField(kinds, "requestRedirect") && HasFilterField(kinds, "urlRewrite")) {
    CheckRedirectRewriteExclusive(obj, filters, diags);
  }
  for (const Node* filter : ItemsOf(filters)) {
    if (!filter->IsMap()) continue;
    CheckFilterDiscriminator(obj, filter, kinds, diags);
    CheckFilterConfigs(obj, filter, kinds, diags);
  }
}

// Port rule and filter lists of every backendRef of a rule.
void CheckBackendRefs(const Object& obj, const Node* backend_refs, FilterKinds kinds,
                      DiagnosticSink* diags) {
  for (const Node* ref : ItemsOf(backend_refs)) {
    if (!ref->IsMap()) continue;
    CheckServicePort(obj, ref, "backendRef", diags);
    if (!kinds.empty()) CheckFilterList(obj, FieldOf(ref, "filters"), kinds, diags);
  }
}

// ---- HTTPRoute rule-level rules ------------------------------------------------

// H4: no rule-level RequestRedirect together with backendRefs.
void CheckRedirectWithBackends(const Object& obj, const Node* filters, const Node* backend_refs,
                               DiagnosticSink* diags) {
  if (ItemsOf(backend_refs).empty()) return;
  for (const Node* filter : ItemsOf(filters)) {
    const Node* type = FieldOf(filter, "type");
    const Node* redirect = FieldOf(filter, "requestRedirect");
    if (!redirect && TextOf(type) != "RequestRedirect") continue;
    Report(diags, DiagCode::kRedirectWithBackends, obj, type ? type : redirect,
           "a RequestRedirect filter must not be used together with backendRefs (the redirect "
           "answers every request the rule matches)",
           {Related(backend_refs, "the rule's backendRefs")});
  }
}

// A RequestRedirect or URLRewrite whose path type is ReplacePrefixMatch.
struct PrefixRewrite {
  const Node* path_type;
  std::string_view filter_type;
  bool in_backend_ref;
};

void CollectPrefixRewrites(const Node* filters, bool in_backend_ref,
                           std::vector<PrefixRewrite>* out) {
  constexpr std::array<std::string_view, 2> kFields = {"requestRedirect", "urlRewrite"};
  constexpr std::array<std::string_view, 2> kTypes = {"RequestRedirect", "URLRewrite"};
  for (const Node* filter : ItemsOf(filters)) {
    for (size_t i = 0; i < kFields.size(); ++i) {
      const Node* type = FieldOf(MapOf(MapOf(filter, kFields[i]), "path"), "type");
      if (TextOf(type) == "ReplacePrefixMatch") out->push_back({type, kTypes[i], in_backend_ref});
    }
  }
}

// Why a rule's matches are not "exactly one match, of path type PathPrefix"
// (after defaulting: absent matches, path or path type all mean PathPrefix).
std::string PrefixMatchProblem(const Node* rule) {
  const Node* matches = FieldOf(rule, "matches");
  if (!matches || !matches->IsSeq()) return {};
  if (matches->size != 1) return "the rule has " + std::to_string(matches->size) + " matches";
  std::string_view type = TextAt(MapOf(matches->values[0], "path"), "type", "PathPrefix");
  if (type == "PathPrefix") return {};
  return "its match has path type " + std::string(type);
}

// H5-H8, without the upstream exists_one loophole.
void CheckReplacePrefixMatch(const Object& obj, const Node* rule, DiagnosticSink* diags) {
  std::vector<PrefixRewrite> rewrites;
  CollectPrefixRewrites(FieldOf(rule, "filters"), false, &rewrites);
  for (const Node* ref : ItemsOf(FieldOf(rule, "backendRefs"))) {
    CollectPrefixRewrites(FieldOf(ref, "filters"), true, &rewrites);
  }
  if (rewrites.empty()) return;
  std::string problem = PrefixMatchProblem(rule);
  if (problem.empty()) return;
  for (const PrefixRewrite& rewrite : rewrites) {
    Report(diags, DiagCode::kReplacePrefixNeedsPrefix, obj, rewrite.path_type,
           std::string(rewrite.in_backend_ref ? "within backendRefs, a " : "a ") +
               std::string(rewrite.filter_type) +
               " filter with path.replacePrefixMatch needs exactly one match, of path type "
               "PathPrefix, but " +
               problem,
           {Related(FieldOf(rule, "matches"), "the rule's matches")});
  }
}

// H10.
void CheckTimeouts(const Object& obj, const Node* timeouts, DiagnosticSink* diags) {
  const Node* request = FieldOf(timeouts, "request");
  const Node* backend = FieldOf(timeouts, "backendRequest");
  if (!request || !backend) return;
  std::optional<int64_t> request_ms = rules::ParseGepDuration(TextOf(request));
  std::optional<int64_t> backend_ms = rules::ParseGepDuration(TextOf(backend));
  if (!request_ms || !backend_ms || *request_ms == 0 || *backend_ms <= *request_ms) return;
  Report(diags, DiagCode::kTimeoutOrder, obj, backend,
         "backendRequest timeout " + std::string(TextOf(backend)) +
             " is longer than request timeout " + std::string(TextOf(request)) +
             "; backendRequest timeout cannot be longer than request timeout (unless request "
             "is 0s, which disables it)",
         {Related(request, "the request timeout")});
}

// ---- H12-H21: Exact and PathPrefix path values --------------------------------

bool IsPathChar(unsigned char c) {
  if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) return true;
  return std::string_view("-._~!$&'()*+,;=:@/").find(static_cast<char>(c)) !=
         std::string_view::npos;
}

bool IsHex(char c) {
  return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

// H21: the first character outside RFC 3986 pchar and '/', described for a
// message; empty if there is none. '#' is left to H18.
std::string FirstInvalidPathChar(std::string_view value) {
  for (size_t i = 0; i < value.size(); ++i) {
    auto c = static_cast<unsigned char>(value[i]);
    if (IsPathChar(c) || c == '#') continue;
    if (c == '%') {
      if (i + 2 < value.size() && IsHex(value[i + 1]) && IsHex(value[i + 2])) {
        i += 2;
        continue;
      }
      return "'%' not followed by two hex digits";
    }
    if (c >= 0x80) return "a non-ASCII character";
    if (c < 0x20 || c == 0x7f) return "a control character";
    if (c == ' ') return "a space";
    return "'" + std::string(1, static_cast<char>(c)) + "'";
  }
  return {};
}

std::vector<std::string> PathValueProblems(std::string_view value) {
  std::vector<std::string> problems;
  if (value.empty() || value.front() != '/') {
    problems.push_back("must start with '/' (an absolute path)");
  }
  for (std::string_view part : {"//", "/./", "/../", "%2f", "%2F", "#"}) {
    if (value.find(part) != std::string_view::npos) {
      problems.push_back("must not contain '" + std::string(part) + "'");
    }
  }
  for (std::string_view suffix : {"/..", "/."}) {
    if (value.ends_with(suffix))
      problems.push_back("must not end with '" + std::string(suffix) + "'");
  }
  std::string invalid = FirstInvalidPathChar(value);
  if (!invalid.empty()) {
    problems.push_back("must only contain URL path characters, found " + invalid +
                       " (allowed: letters, digits, -._~!$&'()*+,;=:@/ and %XX escapes)");
  }
  return problems;
}

void CheckPathMatch(const Object& obj, const Node* path, DiagnosticSink* diags) {
  std::string_view type = TextAt(path, "type", "PathPrefix");
  if (!path || (type != "Exact" && type != "PathPrefix")) return;
  const Node* value = FieldOf(path, "value");
  if (!value || !value->IsScalar()) return;  // absent: the default "/"
  std::vector<std::string> problems = PathValueProblems(value->text);
  if (problems.empty()) return;
  std::string joined;
  for (const std::string& problem : problems) {
    if (!joined.empty()) joined += ", ";
    joined += problem;
  }
  Report(diags, DiagCode::kPathValue, obj, value,
         "path value " + Quoted(value->text) + " of type " + std::string(type) + " " + joined);
}

// ---- GRPCRoute method matches: M1-M3 -----------------------------------------

bool IsIdentStart(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_'; }
bool IsIdentChar(char c) { return IsIdentStart(c) || (c >= '0' && c <= '9'); }

bool IsIdentifier(std::string_view text) {
  if (text.empty() || !IsIdentStart(text.front())) return false;
  for (char c : text) {
    if (!IsIdentChar(c)) return false;
  }
  return true;
}

// ^(?i)\.?[a-z_][a-z_0-9]*(\.[a-z_][a-z_0-9]*)*$
bool IsGrpcServiceName(std::string_view text) {
  if (!text.empty() && text.front() == '.') text.remove_prefix(1);
  while (true) {
    size_t dot = text.find('.');
    if (!IsIdentifier(text.substr(0, dot))) return false;
    if (dot == std::string_view::npos) return true;
    text.remove_prefix(dot + 1);
  }
}

void CheckGrpcMethodMatch(const Object& obj, const Node* method, DiagnosticSink* diags) {
  if (!method) return;
  const Node* service = FieldOf(method, "service");
  const Node* name = FieldOf(method, "method");
  if (!service && !name) {
    ReportMissing(diags, DiagCode::kGrpcMethodMatch, obj, method, "service",
                  "a gRPC method match must specify one or both of 'service' or 'method'");
    return;
  }
  if (TextAt(method, "type", "Exact") != "Exact") return;
  if (service && !IsGrpcServiceName(TextOf(service))) {
    Report(diags, DiagCode::kGrpcMethodMatch, obj, service,
           "service " + Quoted(TextOf(service)) +
               " must only contain valid characters: a dotted name of identifiers such as "
               "helloworld.Greeter (letters, digits and '_', not starting with a digit)");
  }
  if (name && !IsIdentifier(TextOf(name))) {
    Report(diags, DiagCode::kGrpcMethodMatch, obj, name,
           "method " + Quoted(TextOf(name)) +
               " must only contain valid characters: an identifier such as SayHello (letters, "
               "digits and '_', not starting with a digit; no '/')");
  }
}

// ---- route-level rules ---------------------------------------------------------

// H3 / R3. HTTPRoute rules without matches get one default match; GRPCRoute
// rules without matches count as none.
void CheckTotalMatches(const Object& obj, const Node* rule_list, bool absent_is_one,
                       DiagnosticSink* diags) {
  size_t total = 0;
  for (const Node* rule : ItemsOf(rule_list)) {
    if (!rule->IsMap()) continue;
    const Node* matches = FieldOf(rule, "matches");
    if (!matches) {
      total += absent_is_one ? 1 : 0;
    } else if (matches->IsSeq()) {
      total += matches->size;
    }
  }
  if (total <= 128) return;
  Report(diags, DiagCode::kTooManyMatches, obj, rule_list,
         "the route has " + std::to_string(total) +
             " matches across all rules; while 16 rules and 64 matches per rule are allowed, "
             "the total number of matches across all rules in a route must not exceed 128");
}

// Experimental: rule names, where set, unique within the route.
void CheckRuleNames(const Object& obj, const Node* rule_list, DiagnosticSink* diags) {
  std::vector<const Node*> names;
  for (const Node* rule : ItemsOf(rule_list)) {
    const Node* name = FieldOf(rule, "name");
    if (!name || !name->IsScalar()) continue;
    for (const Node* earlier : names) {
      if (earlier->text != name->text) continue;
      Report(diags, DiagCode::kRuleNameDuplicate, obj, name,
             "rule name " + Quoted(name->text) +
                 " is already used by an earlier rule; rule name must be unique within the "
                 "route",
             {Related(earlier, "first used here")});
      break;
    }
    names.push_back(name);
  }
}

// GWC3025: hostnames that are IP addresses.
void CheckHostnamesNotIp(const Object& obj, const Node* hostnames, RouteKind kind,
                         DiagnosticSink* diags) {
  for (const Node* hostname : ItemsOf(hostnames)) {
    if (!hostname->IsScalar() || !rules::IsIpLikeHostname(hostname->text)) continue;
    std::string message = "hostname " + Quoted(hostname->text) + " is an IP address; ";
    if (kind == RouteKind::kTls) {
      message += "hostnames cannot contain an IP";
    } else {
      message +=
          "route hostnames must be DNS names (the Gateway API specification forbids IP "
          "addresses here, but the " +
          std::string(obj.kind) + " CRD does not catch it)";
    }
    Report(diags, DiagCode::kHostnameIp, obj, hostname, std::move(message));
  }
}

void CheckHttpRule(const Object& obj, const Node* rule, DiagnosticSink* diags) {
  const Node* filters = FieldOf(rule, "filters");
  const Node* backend_refs = FieldOf(rule, "backendRefs");
  CheckFilterList(obj, filters, kHttpFilterKinds, diags);
  CheckBackendRefs(obj, backend_refs, kHttpFilterKinds, diags);
  CheckRedirectWithBackends(obj, filters, backend_refs, diags);
  CheckReplacePrefixMatch(obj, rule, diags);
  CheckTimeouts(obj, MapOf(rule, "timeouts"), diags);
  for (const Node* match : ItemsOf(FieldOf(rule, "matches"))) {
    CheckPathMatch(obj, MapOf(match, "path"), diags);
  }
  rules::CheckSessionPersistence(obj, MapOf(rule, "sessionPersistence"), diags);
}

void CheckGrpcRule(const Object& obj, const Node* rule, DiagnosticSink* diags) {
  CheckFilterList(obj, FieldOf(rule, "filters"), kGrpcFilterKinds, diags);
  CheckBackendRefs(obj, FieldOf(rule, "backendRefs"), kGrpcFilterKinds, diags);
  for (const Node* match : ItemsOf(FieldOf(rule, "matches"))) {
    CheckGrpcMethodMatch(obj, MapOf(match, "method"), diags);
  }
  rules::CheckSessionPersistence(obj, MapOf(rule, "sessionPersistence"), diags);
}

bool RouteKindOf(std::string_view kind, RouteKind* out) {
  constexpr std::array<std::pair<std::string_view, RouteKind>, 5> kKinds = {{
      {"HTTPRoute", RouteKind::kHttp},
      {"GRPCRoute", RouteKind::kGrpc},
      {"TLSRoute", RouteKind::kTls},
      {"TCPRoute", RouteKind::kTcp},
      {"UDPRoute", RouteKind::kUdp},
  }};
  for (const auto& [name, value] : kKinds) {
    if (kind == name) {
      *out = value;
      return true;
    }
  }
  return false;
}

}  // namespace

void CheckRouteRules(const Object& obj, Channel channel, DiagnosticSink* diags) {
  RouteKind kind;
  if (obj.group != rules::kGatewayGroup || !RouteKindOf(obj.kind, &kind)) return;
  const Node* spec = MapOf(obj.root, "spec");
  if (!spec) return;
  const bool experimental = channel == Channel::kExperimental;
  rules::RefListRule parent_rule = kParentRefRule;
  parent_rule.port_aware = experimental;
  rules::CheckRefListSections(obj, FieldOf(spec, "parentRefs"), parent_rule, diags);
  const Node* rule_list = FieldOf(spec, "rules");
  if (experimental) CheckRuleNames(obj, rule_list, diags);
  if (kind == RouteKind::kHttp || kind == RouteKind::kGrpc || kind == RouteKind::kTls) {
    CheckHostnamesNotIp(obj, FieldOf(spec, "hostnames"), kind, diags);
  }
  if (kind == RouteKind::kHttp || kind == RouteKind::kGrpc) {
    CheckTotalMatches(obj, rule_list, kind == RouteKind::kHttp, diags);
  }
  for (const Node* rule : ItemsOf(rule_list)) {
    if (!rule->IsMap()) continue;
    if (kind == RouteKind::kHttp) {
      CheckHttpRule(obj, rule, diags);
    } else if (kind == RouteKind::kGrpc) {
      CheckGrpcRule(obj, rule, diags);
    } else {
      CheckBackendRefs(obj, FieldOf(rule, "backendRefs"), {}, diags);
    }
  }
}

}  // namespace gwc

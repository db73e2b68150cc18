// Copyright 2026 The gwc Authors.
//
// RegularExpression matches compiled with RE2, the dialect of Envoy-based
// gateways. Expressions RE2 rejects are errors; when the reason is a PCRE-only
// feature (backreferences, lookaround, atomic groups, possessive
// quantifiers, conditionals) the message names the construct.

#include <string>

#include "compiler/check/report.h"
#include "compiler/check/rules.h"
#include "compiler/model/regex.h"

namespace gwc {

namespace {

// The first PCRE-only construct in `re`, or empty.
std::string PcreOnlyConstruct(std::string_view re) {
  for (size_t i = 0; i + 1 < re.size(); ++i) {
    if (re[i] == '\\') {
      char c = re[i + 1];
      if (c >= '1' && c <= '9') return std::string("backreference \\") + c;
      if (c == 'k' && i + 2 < re.size() && (re[i + 2] == '<' || re[i + 2] == '{' || re[i + 2] == '\'')) {
        return "named backreference \\k<...>";
      }
      if (c == 'G') return "\\G anchor";
      ++i;  // skip the escaped character
      continue;
    }
    std::string_view rest = re.substr(i);
    if (rest.substr(0, 3) == "(?=") return "lookahead (?=...)";
    if (rest.substr(0, 3) == "(?!") return "negative lookahead (?!...)";
    if (rest.substr(0, 4) == "(?<=") return "lookbehind (?<=...)";
    if (rest.substr(0, 4) == "(?<!") return "negative lookbehind (?<!...)";
    if (rest.substr(0, 3) == "(?>") return "atomic group (?>...)";
    if (rest.substr(0, 3) == "(?(") return "conditional (?(...)...)";
    if ((re[i] == '*' || re[i] == '+' || re[i] == '?' || re[i] == '}') && re[i + 1] == '+' &&
        i > 0 && re[i - 1] != '\\') {
      return std::string("possessive quantifier ") + re[i] + "+";
    }
  }
  return "";
}

void CheckRegex(const Object& obj, const Node* value, std::string_view what,
                DiagnosticSink* diags) {
  if (!value || !value->IsScalar()) return;
  std::string error = Re2Error(value->text);
  if (error.empty()) return;
  std::string construct = PcreOnlyConstruct(value->text);
  if (!construct.empty()) {
    Report(diags, DiagCode::kRegexNotRe2, obj, value,
           std::string(what) + " uses a " + construct + ", which RE2 does not support");
    return;
  }
  Report(diags, DiagCode::kRegexInvalid, obj, value,
         std::string(what) + " is not a valid regular expression: " + error);
}

bool IsRegexType(const Node* match) {
  return match && match->IsMap() && match->Str("type") == "RegularExpression";
}

void CheckNameValueList(const Object& obj, const Node* list, std::string_view what,
                        DiagnosticSink* diags) {
  if (!list || !list->IsSeq()) return;
  for (uint32_t i = 0; i < list->size; ++i) {
    if (IsRegexType(list->values[i])) CheckRegex(obj, list->values[i]->Get("value"), what, diags);
  }
}

void CheckMatch(const Object& obj, const Node* match, DiagnosticSink* diags) {
  if (!match || !match->IsMap()) return;
  const Node* path = match->Get("path");
  if (IsRegexType(path)) CheckRegex(obj, path->Get("value"), "path regular expression", diags);
  const Node* method = match->Get("method");
  if (obj.kind == "GRPCRoute" && IsRegexType(method)) {
    CheckRegex(obj, method->Get("service"), "gRPC service regular expression", diags);
    CheckRegex(obj, method->Get("method"), "gRPC method regular expression", diags);
  }
  CheckNameValueList(obj, match->Get("headers"), "header regular expression", diags);
  CheckNameValueList(obj, match->Get("queryParams"), "query parameter regular expression", diags);
}

}  // namespace

void CheckRouteRegexes(const Object& obj, DiagnosticSink* diags) {
  if (obj.kind != "HTTPRoute" && obj.kind != "GRPCRoute") return;
  const Node* spec = obj.root->Get("spec");
  const Node* rules = spec ? spec->Get("rules") : nullptr;
  if (!rules || !rules->IsSeq()) return;
  for (uint32_t r = 0; r < rules->size; ++r) {
    const Node* matches = rules->values[r]->Get("matches");
    if (!matches || !matches->IsSeq()) continue;
    for (uint32_t m = 0; m < matches->size; ++m) CheckMatch(obj, matches->values[m], diags);
  }
}

}  // namespace gwc

// Copyright 2026 The gwc Authors.
//
// Checks controller annotation names and values against the table in
// model/controller_annotations.def. The table drives everything: the prefix of a key
// selects the controller, the name selects the entry, and the entry's status
// and kind decide what is reported.

#include "compiler/check/ingress_annotations.h"

#include <algorithm>
#include <cstdint>
#include <limits>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "compiler/base/strings.h"
#include "compiler/check/report.h"
#include "compiler/model/controller_annotations.h"
#include "compiler/model/scalar.h"

namespace gwc {

namespace {

using Kind = AnnotationKind;
using Status = AnnotationStatus;
using Prefix = AnnotationPrefix;
using PrefixInfo = AnnotationPrefixInfo;

constexpr size_t kNotClose = std::numeric_limits<size_t>::max();
constexpr size_t kMaxDistance = 2;
constexpr size_t kMinSubstring = 4;

// How close a typed name is to a known one (lower is closer): the edit
// distance when it is at most 2, otherwise 3 + the length difference when one
// contains the other, otherwise kNotClose.
size_t Closeness(std::string_view typed, std::string_view known) {
  size_t distance = EditDistance(typed, known);
  if (distance <= kMaxDistance) return distance;
  std::string_view shorter = typed.size() < known.size() ? typed : known;
  std::string_view longer = typed.size() < known.size() ? known : typed;
  if (shorter.size() < kMinSubstring || longer.find(shorter) == std::string_view::npos) {
    return kNotClose;
  }
  return kMaxDistance + 1 + longer.size() - shorter.size();
}

// The closest current or deprecated name under `prefix`, or "" if none is close.
std::string_view ClosestName(Prefix prefix, std::string_view name) {
  std::string_view best;
  size_t best_score = kNotClose;
  for (const AnnotationInfo& a : ControllerAnnotations()) {
    if (a.prefix != prefix || a.status == Status::kRemoved || IsAnnotationFamily(a)) continue;
    size_t score = Closeness(name, a.name);
    if (score < best_score) {
      best = a.name;
      best_score = score;
    }
  }
  return best;
}

std::string Join(std::string_view prefix, std::string_view name) {
  return std::string(prefix) + std::string(name);
}

// A full key to suggest for an unknown `name` under `p`: the closest name under
// the same prefix, else the same name under another prefix, else "".
std::string Suggestion(const PrefixInfo& p, std::string_view name) {
  if (std::string_view closest = ClosestName(p.prefix, name); !closest.empty()) {
    return Join(p.text, closest);
  }
  for (const PrefixInfo& other : ControllerAnnotationPrefixes()) {
    const AnnotationInfo* a = FindControllerAnnotation(other.prefix, name);
    if (a && a->status != Status::kRemoved) return Join(other.text, name);
  }
  return "";
}

void ReportUnknown(const Object& obj, const Node* entry, const PrefixInfo& p, std::string_view name,
                   DiagnosticSink* diags) {
  const Key* key = KeyOf(entry);
  std::string message = "annotation '" + std::string(key->text) + "' is not one " +
                        std::string(p.controller) + " knows; it is ignored";
  std::string suggestion = Suggestion(p, name);
  if (suggestion.empty()) {
    ReportKey(diags, DiagCode::kAnnotationPrefix, obj, entry, std::move(message));
    return;
  }
  ReportKey(diags, DiagCode::kAnnotationPrefix, obj, entry,
         message + "; did you mean '" + suggestion + "'?", {}, "rename it to " + suggestion);
}

void ReportStatus(const Object& obj, const Node* entry, const PrefixInfo& p, const AnnotationInfo& a,
                  DiagnosticSink* diags) {
  const Key* key = KeyOf(entry);
  std::string annotation = "annotation '" + std::string(key->text) + "'";
  std::string replacement = a.replacement.empty() ? "" : Join(p.text, a.replacement);
  if (a.status == Status::kDeprecated) {
    ReportKey(diags, DiagCode::kAnnotationPrefix, obj, entry,
           annotation + " is deprecated; use '" + replacement + "' instead", {},
           "rename it to " + replacement);
  } else if (replacement.empty()) {
    ReportKey(diags, DiagCode::kAnnotationPrefix, obj, entry,
           annotation + " was removed from " + std::string(p.controller) +
               " and is ignored; nothing replaces it",
           {}, "remove it");
  } else {
    ReportKey(diags, DiagCode::kAnnotationPrefix, obj, entry,
           annotation + " was removed from " + std::string(p.controller) + " and is ignored; use " +
               replacement + " instead",
           {}, "use " + replacement);
  }
}

// ---- values --------------------------------------------------------------

bool AllDigits(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

bool IsInt(std::string_view s) { return AllDigits(s.substr(!s.empty() && s[0] == '-' ? 1 : 0)); }

bool IsSize(std::string_view s) {
  if (!s.empty() && std::string_view("kKmMgG").find(s.back()) != std::string_view::npos) {
    s.remove_suffix(1);
  }
  return AllDigits(s);
}

// NGINX time: one or more numbers, each with an optional unit (ms, s, m, h,
// d, w, M, y), optionally separated by spaces: "60s", "1m 30s", "500ms", "60".
bool IsDuration(std::string_view s) {
  if (s.empty()) return false;
  while (!s.empty()) {
    size_t digits = std::min(s.find_first_not_of("0123456789"), s.size());
    if (digits == 0) return false;
    s.remove_prefix(digits);
    if (s.substr(0, 2) == "ms") {
      s.remove_prefix(2);
    } else if (!s.empty() && std::string_view("smhdwMy").find(s[0]) != std::string_view::npos) {
      s.remove_prefix(1);
    }
    s.remove_prefix(std::min(s.find_first_not_of(' '), s.size()));
  }
  return true;
}

bool IsIpv4(std::string_view s) {
  for (int part = 0; part < 4; ++part) {
    size_t end = std::min(s.find('.'), s.size());
    std::string_view octet = s.substr(0, end);
    if (!AllDigits(octet) || octet.size() > 3 || std::stoi(std::string(octet)) > 255) return false;
    if (part < 3 && end == s.size()) return false;
    s.remove_prefix(std::min(end + 1, s.size()));
  }
  return s.empty();
}

bool IsIpv6(std::string_view s) {
  return s.find(':') != std::string_view::npos &&
         s.find_first_not_of("0123456789abcdefABCDEF:.") == std::string_view::npos;
}

// An address or a CIDR: 10.0.0.0/8, 192.168.1.1, 2001:db8::/32.
bool IsCidr(std::string_view s) {
  size_t slash = s.find('/');
  std::string_view address = s.substr(0, slash);
  if (slash != std::string_view::npos) {
    std::string_view bits = s.substr(slash + 1);
    if (!AllDigits(bits) || bits.size() > 3 || std::stoi(std::string(bits)) > 128) return false;
  }
  return IsIpv4(address) || IsIpv6(address);
}

std::string_view Trim(std::string_view s) {
  size_t begin = std::min(s.find_first_not_of(' '), s.size());
  size_t end = s.find_last_not_of(' ');
  return end == std::string_view::npos ? std::string_view() : s.substr(begin, end + 1 - begin);
}

// Whether every `separator`-separated item of `list` satisfies `item_ok`.
template <typename Pred>
bool AllItems(std::string_view list, char separator, Pred item_ok) {
  while (true) {
    size_t end = std::min(list.find(separator), list.size());
    if (!item_ok(list.substr(0, end))) return false;
    if (end == list.size()) return true;
    list.remove_prefix(end + 1);
  }
}

bool IsCidrList(std::string_view s) {
  return AllItems(s, ',', [](std::string_view item) { return IsCidr(Trim(item)); });
}

bool InEnum(std::string_view values, std::string_view s) {
  return !AllItems(values, '|', [s](std::string_view v) { return v != s; });
}

bool ValueOk(const AnnotationInfo& a, std::string_view s) {
  switch (a.kind) {
    case Kind::kBool:
      return s == "true" || s == "false";
    case Kind::kInt:
      return IsInt(s);
    case Kind::kSize:
      return IsSize(s);
    case Kind::kSeconds:
      return AllDigits(s);
    case Kind::kDuration:
      return IsDuration(s);
    case Kind::kCidrList:
      return IsCidrList(s);
    case Kind::kEnum:
      return InEnum(a.values, s);
    case Kind::kString:
      return true;
  }
  return true;
}

std::string EnumList(std::string_view values) {
  std::string out;
  AllItems(values, '|', [&out](std::string_view v) {
    out += (out.empty() ? "\"" : ", \"") + std::string(v) + "\"";
    return true;
  });
  return out;
}

std::string Expected(const AnnotationInfo& a) {
  switch (a.kind) {
    case Kind::kBool:
      return "\"true\" or \"false\"";
    case Kind::kInt:
      return "a decimal integer";
    case Kind::kSize:
      return "an NGINX size such as 1000, 8k or 1m";
    case Kind::kSeconds:
      return "a number of seconds without a unit, such as 60";
    case Kind::kDuration:
      return "an NGINX time such as 60s, 1m or 500ms";
    case Kind::kCidrList:
      return "a comma-separated list of IP addresses or CIDRs";
    case Kind::kEnum:
      return "one of " + EnumList(a.values);
    case Kind::kString:
      break;
  }
  return "a string";
}

void CheckValue(const Object& obj, const Key* key, const Node* value, const AnnotationInfo& a,
                DiagnosticSink* diags) {
  if (!value->IsScalar() || ResolveScalar(*value) != ScalarType::kString) return;
  if (ValueOk(a, value->text)) return;
  Report(diags, DiagCode::kAnnotationValue, obj, value,
         "annotation '" + std::string(key->text) + "' expects " + Expected(a) + ", not \"" +
             std::string(value->text) + "\"");
}

void CheckAnnotation(const Object& obj, const Key* key, const Node* value, DiagnosticSink* diags) {
  const PrefixInfo* p = key->IsScalar() ? ControllerPrefixOf(key->text) : nullptr;
  if (!p) return;
  std::string_view name = key->text.substr(p->text.size());
  const AnnotationInfo* a = FindControllerAnnotation(p->prefix, name);
  if (!a) {
    ReportUnknown(obj, value, *p, name, diags);
    return;
  }
  if (a->status != Status::kCurrent) ReportStatus(obj, value, *p, *a, diags);
  if (a->status != Status::kRemoved) CheckValue(obj, key, value, *a, diags);
}

}  // namespace

void CheckIngressAnnotations(const Object& ingress, DiagnosticSink* diags) {
  const Node* anns = ingress.Annotations();
  if (!anns || !anns->IsMap()) return;
  for (uint32_t i = 0; i < anns->size; ++i) {
    CheckAnnotation(ingress, anns->KeyAt(i), anns->ValueAt(i), diags);
  }
}

}  // namespace gwc

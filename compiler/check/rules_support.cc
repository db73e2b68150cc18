// Copyright 2026 The gwc Authors.
//
// Shared pieces of the native Gateway API validation rules: field access,
// durations, IP literals, the reference-list rule and sessionPersistence.

#include "compiler/check/rules_support.h"

#include <vector>

#include "compiler/check/report.h"
#include "compiler/model/scalar.h"

namespace gwc::rules {

// ---- tolerant field access ------------------------------------------------

const Node* FieldOf(const Node* map, std::string_view key) {
  if (!map || !map->IsMap()) return nullptr;
  const Node* value = map->Get(key);
  if (!value || value->IsNull()) return nullptr;
  return value;
}

const Node* MapOf(const Node* map, std::string_view key) {
  const Node* value = FieldOf(map, key);
  return value && value->IsMap() ? value : nullptr;
}

std::span<Node* const> ItemsOf(const Node* seq) {
  if (!seq || !seq->IsSeq() || seq->size == 0) return {};
  return {seq->values, seq->size};
}

std::string_view TextOf(const Node* node) {
  return node && node->IsScalar() ? node->text : std::string_view();
}

std::string_view TextAt(const Node* map, std::string_view key, std::string_view fallback) {
  const Node* value = FieldOf(map, key);
  return value ? TextOf(value) : fallback;
}

std::optional<int64_t> IntOf(const Node* node) {
  if (!node || !node->IsScalar()) return std::nullopt;
  return ScalarInt(*node);
}

bool SameScalar(const Node* a, const Node* b) {
  if (!a || !b) return a == b;
  std::optional<int64_t> ia = IntOf(a);
  std::optional<int64_t> ib = IntOf(b);
  if (ia && ib) return *ia == *ib;
  return a->IsScalar() && b->IsScalar() && a->text == b->text;
}

std::string Quoted(std::string_view text) {
  std::string out;
  out.reserve(text.size() + 2);
  out.push_back('"');
  out.append(text);
  out.push_back('"');
  return out;
}

// ---- IP literals ----------------------------------------------------------

namespace {

bool IsDigit(char c) { return c >= '0' && c <= '9'; }
bool IsHexDigit(char c) { return IsDigit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'); }

void SetProblem(std::string* problem, std::string text) {
  if (problem) *problem = std::move(text);
}

std::vector<std::string_view> Split(std::string_view text, char separator) {
  std::vector<std::string_view> parts;
  size_t start = 0;
  while (true) {
    size_t end = text.find(separator, start);
    if (end == std::string_view::npos) {
      parts.push_back(text.substr(start));
      return parts;
    }
    parts.push_back(text.substr(start, end - start));
    start = end + 1;
  }
}

bool ParseIpv4Part(std::string_view part, bool allow_leading_zeros, std::string* problem) {
  if (part.empty()) {
    SetProblem(problem, "has an empty part between dots");
    return false;
  }
  for (char c : part) {
    if (!IsDigit(c)) {
      SetProblem(problem, "part " + Quoted(part) + " is not a decimal number");
      return false;
    }
  }
  if (part.size() > 3) {
    SetProblem(problem, "part " + Quoted(part) + " is greater than 255");
    return false;
  }
  if (part.size() > 1 && part[0] == '0' && !allow_leading_zeros) {
    SetProblem(problem, "part " + Quoted(part) +
                            " has a leading zero (ambiguous: some parsers read it as octal)");
    return false;
  }
  int value = 0;
  for (char c : part) value = value * 10 + (c - '0');
  if (value > 255) {
    SetProblem(problem, "part " + Quoted(part) + " is greater than 255");
    return false;
  }
  return true;
}

bool ParseIpv4(std::string_view text, bool allow_leading_zeros, std::string* problem) {
  std::vector<std::string_view> parts = Split(text, '.');
  if (parts.size() != 4) {
    SetProblem(problem, "has " + std::to_string(parts.size()) +
                            " dot-separated parts; an IPv4 address has 4");
    return false;
  }
  for (std::string_view part : parts) {
    if (!ParseIpv4Part(part, allow_leading_zeros, problem)) return false;
  }
  return true;
}

// Parses the colon-separated groups on one side of "::" (or the whole
// address). `may_end_in_ipv4`: the last group may be an embedded IPv4
// address, which counts as two groups. Adds the group count to `*groups`.
bool ParseIpv6Groups(std::string_view text, bool may_end_in_ipv4, int* groups,
                     std::string* problem) {
  if (text.empty()) return true;
  std::vector<std::string_view> parts = Split(text, ':');
  for (size_t i = 0; i < parts.size(); ++i) {
    std::string_view part = parts[i];
    bool last = i + 1 == parts.size();
    if (last && may_end_in_ipv4 && part.find('.') != std::string_view::npos) {
      std::string why;
      if (!ParseIpv4(part, /*allow_leading_zeros=*/false, &why)) {
        SetProblem(problem, "embedded IPv4 part " + Quoted(part) + " " + why);
        return false;
      }
      *groups += 2;
      continue;
    }
    if (part.empty()) {
      SetProblem(problem, "has an empty group between colons");
      return false;
    }
    if (part.size() > 4) {
      SetProblem(problem, "group " + Quoted(part) + " has more than 4 hex digits");
      return false;
    }
    for (char c : part) {
      if (!IsHexDigit(c)) {
        SetProblem(problem, "group " + Quoted(part) + " is not hexadecimal");
        return false;
      }
    }
    ++*groups;
  }
  return true;
}

bool ParseIpv6(std::string_view text, std::string* problem) {
  size_t gap = text.find("::");
  if (gap == std::string_view::npos) {
    int groups = 0;
    if (!ParseIpv6Groups(text, true, &groups, problem)) return false;
    if (groups != 8) {
      SetProblem(problem,
                 "has " + std::to_string(groups) + " groups; an IPv6 address without '::' has 8");
      return false;
    }
    return true;
  }
  std::string_view head = text.substr(0, gap);
  std::string_view tail = text.substr(gap + 2);
  if (tail.find("::") != std::string_view::npos) {
    SetProblem(problem, "'::' may appear only once");
    return false;
  }
  int groups = 0;
  if (!ParseIpv6Groups(head, /*may_end_in_ipv4=*/false, &groups, problem) ||
      !ParseIpv6Groups(tail, /*may_end_in_ipv4=*/true, &groups, problem)) {
    return false;
  }
  if (groups > 7) {
    SetProblem(problem, "has " + std::to_string(groups) +
                            " groups besides '::'; with '::' at most 7 are allowed");
    return false;
  }
  return true;
}

}  // namespace

IpFamily ParseIpLiteral(std::string_view text, std::string* problem) {
  if (text.empty()) {
    SetProblem(problem, "is empty");
    return IpFamily::kNone;
  }
  if (text.find('%') != std::string_view::npos) {
    SetProblem(problem, "has a zone index ('%'), which is not part of an address");
    return IpFamily::kNone;
  }
  if (text.find('/') != std::string_view::npos) {
    SetProblem(problem, "has a prefix length ('/'); a CIDR range is not an address");
    return IpFamily::kNone;
  }
  if (text.find(':') != std::string_view::npos) {
    return ParseIpv6(text, problem) ? IpFamily::kV6 : IpFamily::kNone;
  }
  return ParseIpv4(text, /*allow_leading_zeros=*/false, problem) ? IpFamily::kV4 : IpFamily::kNone;
}

bool IsIpLikeHostname(std::string_view text) {
  return ParseIpLiteral(text) != IpFamily::kNone ||
         ParseIpv4(text, /*allow_leading_zeros=*/true, nullptr);
}

// ---- "same parent" reference lists -----------------------------------------

namespace {

// One entry of a reference list, with the rule's defaults applied.
struct RefEntry {
  const Node* node = nullptr;
  std::string_view group;
  std::string_view kind;
  std::string_view name;
  std::string_view ns;
  const Node* section = nullptr;  // null when absent or ""
  const Node* port = nullptr;     // null when absent or 0
};

RefEntry ReadRefEntry(const Node* ref, const RefListRule& rule) {
  RefEntry entry;
  entry.node = ref;
  entry.group = TextAt(ref, "group", rule.default_group);
  entry.kind = TextAt(ref, "kind", rule.default_kind);
  entry.name = TextAt(ref, "name");
  entry.ns = TextAt(ref, "namespace");
  const Node* section = FieldOf(ref, "sectionName");
  if (section && !TextOf(section).empty()) entry.section = section;
  const Node* port = FieldOf(ref, "port");
  std::optional<int64_t> port_value = IntOf(port);
  if (port && !(port_value && *port_value == 0)) entry.port = port;
  return entry;
}

bool SameParent(const RefEntry& a, const RefEntry& b) {
  return a.group == b.group && a.kind == b.kind && a.name == b.name && a.ns == b.ns;
}

bool SameSlot(const RefEntry& a, const RefEntry& b, bool port_aware) {
  bool same_section = (!a.section && !b.section) ||
                      (a.section && b.section && TextOf(a.section) == TextOf(b.section));
  if (!port_aware) return same_section;
  return same_section && SameScalar(a.port, b.port);
}

std::string DescribeParent(const RefEntry& entry) {
  std::string text(entry.kind.empty() ? std::string_view("object") : entry.kind);
  text.push_back(' ');
  if (!entry.ns.empty()) text.append(entry.ns).push_back('/');
  text.append(entry.name);
  return text;
}

std::string RuleSubject(const RefListRule& rule) {
  return rule.port_aware ? "sectionName or port" : "sectionName";
}

std::string RuleTail(const RefListRule& rule, std::string_view verb) {
  return RuleSubject(rule) + " must be " + std::string(verb) + " when " +
         std::string(rule.list_field) + " includes 2 or more references to the same " +
         std::string(rule.noun);
}

void ReportDuplicateRef(const Object& obj, const RefEntry& later, const RefEntry& earlier,
                        const RefListRule& rule, DiagnosticSink* diags) {
  std::string slot;
  if (later.section) slot += ", sectionName " + Quoted(TextOf(later.section));
  if (rule.port_aware && later.port) slot += ", port " + std::string(TextOf(later.port));
  Report(diags, DiagCode::kParentRefsSection, obj, later.node,
         "this reference repeats an earlier reference to the same " + std::string(rule.noun) +
             " (" + DescribeParent(later) + slot + "); " + RuleTail(rule, "unique"),
         {Related(earlier.node, "the earlier reference")});
}

void ReportMixedRef(const Object& obj, const RefEntry& later, const RefEntry& earlier,
                    const RefListRule& rule, DiagnosticSink* diags) {
  std::string what;
  if (!later.section != !earlier.section) {
    what = later.section ? "sets sectionName but an earlier one does not"
                         : "has no sectionName but an earlier one sets it";
  } else {
    what = later.port ? "sets port but an earlier one does not"
                      : "has no port but an earlier one sets it";
  }
  Report(diags, DiagCode::kParentRefsSection, obj, later.node,
         "this reference to " + DescribeParent(later) + " " + what + "; " +
             RuleTail(rule, "specified"),
         {Related(earlier.node, "the other reference to the same " + std::string(rule.noun))});
}

bool SameSettedness(const RefEntry& a, const RefEntry& b, bool port_aware) {
  if (!a.section != !b.section) return false;
  return !port_aware || !a.port == !b.port;
}

}  // namespace

void CheckRefListSections(const Object& obj, const Node* refs, const RefListRule& rule,
                          DiagnosticSink* diags) {
  std::vector<RefEntry> seen;
  for (const Node* ref : ItemsOf(refs)) {
    if (!ref->IsMap()) continue;
    RefEntry entry = ReadRefEntry(ref, rule);
    const RefEntry* duplicate = nullptr;
    const RefEntry* mixed = nullptr;
    for (const RefEntry& earlier : seen) {
      if (!SameParent(entry, earlier)) continue;
      if (SameSlot(entry, earlier, rule.port_aware)) {
        duplicate = &earlier;
        break;
      }
      if (!mixed && !SameSettedness(entry, earlier, rule.port_aware)) mixed = &earlier;
    }
    if (duplicate) {
      ReportDuplicateRef(obj, entry, *duplicate, rule, diags);
    } else if (mixed) {
      ReportMixedRef(obj, entry, *mixed, rule, diags);
    }
    seen.push_back(entry);
  }
}

// ---- sessionPersistence -----------------------------------------------------

void CheckSessionPersistence(const Object& obj, const Node* session, DiagnosticSink* diags) {
  if (!session || !session->IsMap()) return;
  const Node* cookie = FieldOf(session, "cookieConfig");
  const Node* type = FieldOf(session, "type");
  std::string_view type_text = type ? TextOf(type) : std::string_view("Cookie");
  if (cookie && type_text != "Cookie") {
    Report(diags, DiagCode::kSessionPersistence, obj, cookie,
           "cookieConfig can only be set with type Cookie (type is " + Quoted(type_text) + ")",
           {Related(type, "the session persistence type")});
  }
  const Node* lifetime = FieldOf(cookie, "lifetimeType");
  if (TextOf(lifetime) == "Permanent" && !FieldOf(session, "absoluteTimeout")) {
    ReportMissing(diags, DiagCode::kSessionPersistence, obj, session, "absoluteTimeout",
                  "absoluteTimeout must be specified when cookie lifetimeType is Permanent");
  }
}

}  // namespace gwc::rules

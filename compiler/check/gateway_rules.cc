// Copyright 2026 The gwc Authors.
//
// The Gateway API CRD validation rules of Gateway and ListenerSet as native
// checks: address values and uniqueness (G1-G3 and the IPAddress format
// oneOf), infrastructure label and annotation keys (G4-G7), and the listener
// rules (G8-G11, G13, G14). The rules see defaulted objects, so an absent
// address type means IPAddress and an absent listener tls.mode means
// Terminate; both defaults are applied here rather than relied upon.
//
// Not checked here:
// - G12 (listener names unique) and G15 (tls.frontend.perPort ports unique)
//   restate the x-kubernetes-list-map keys of those lists; the schema
//   validator's generic list-map check already reports them (GWC2008).
// - G16 is a status-only rule.
// - GatewayClass has one rule, GC1 (controllerName is immutable). It is a
//   transition rule (self == oldSelf) that needs the stored object, so it
//   cannot be checked offline.

#include <initializer_list>
#include <string>
#include <string_view>
#include <vector>

#include "compiler/check/report.h"
#include "compiler/check/rules.h"
#include "compiler/check/rules_support.h"

namespace gwc {

namespace {

using rules::FieldOf;
using rules::ItemsOf;
using rules::MapOf;
using rules::Quoted;
using rules::TextAt;
using rules::TextOf;

bool IsLowerAlnum(char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'); }
bool IsAlnum(char c) { return IsLowerAlnum(c) || (c >= 'A' && c <= 'Z'); }

// ---- shared shape checks ----------------------------------------------------

// Why `label` is not an RFC 1123 label as the CRD regexes spell it
// ([a-z0-9]([-a-z0-9]*[a-z0-9])?, no length limit); empty if it is one.
std::string LabelProblem(std::string_view label) {
  if (label.empty()) return "has an empty label (a leading, trailing or doubled '.')";
  for (char c : label) {
    if (!IsLowerAlnum(c) && c != '-') {
      std::string shown(1, c);
      if (c == ':') return "contains ':' (a port is not part of a hostname)";
      if (c >= 'A' && c <= 'Z') return "contains uppercase letter '" + shown + "'";
      return "contains character '" + shown + "', which is not allowed";
    }
  }
  if (label.front() == '-' || label.back() == '-') {
    return "has label " + Quoted(label) + ", which must start and end with a letter or digit";
  }
  return {};
}

// Why `text` is not a dot-separated sequence of RFC 1123 labels.
std::string SubdomainProblem(std::string_view text) {
  size_t start = 0;
  while (true) {
    size_t dot = text.find('.', start);
    std::string_view label =
        text.substr(start, dot == std::string_view::npos ? std::string_view::npos : dot - start);
    std::string problem = LabelProblem(label);
    if (!problem.empty()) return problem;
    if (dot == std::string_view::npos) return {};
    start = dot + 1;
  }
}

// Why `text` is not a hostname with an optional leading "*." label.
std::string WildcardHostnameProblem(std::string_view text) {
  if (text.substr(0, 2) == "*.") text.remove_prefix(2);
  if (text.find('*') != std::string_view::npos) {
    return "has a '*' that is not a leading \"*.\" label";
  }
  return SubdomainProblem(text);
}

// ---- G1-G3: spec.addresses --------------------------------------------------

void CheckAddressValue(const Object& obj, std::string_view type, const Node* value,
                       DiagnosticSink* diags) {
  std::string_view text = TextOf(value);
  if (type == "IPAddress") {
    std::string problem;
    if (rules::ParseIpLiteral(text, &problem) != rules::IpFamily::kNone) return;
    Report(diags, DiagCode::kAddressValue, obj, value,
           "address value " + Quoted(text) + " is not an IP address (" + problem +
               "); an address of type IPAddress (the default) must be a literal IPv4 or "
               "IPv6 address");
  } else if (type == "Hostname" && !text.empty()) {
    std::string problem = WildcardHostnameProblem(text);
    if (problem.empty()) return;
    Report(diags, DiagCode::kAddressValue, obj, value,
           "hostname address value " + Quoted(text) + " " + problem +
               "; the value must be empty or a valid hostname such as example.com or "
               "*.example.com");
  }
}

struct SeenAddress {
  std::string_view type;
  const Node* value;
};

void CheckAddressUnique(const Object& obj, std::string_view type, const Node* value,
                        std::vector<SeenAddress>* seen, DiagnosticSink* diags) {
  if (type != "IPAddress" && type != "Hostname") return;
  for (const SeenAddress& earlier : *seen) {
    if (earlier.type == type && TextOf(earlier.value) == TextOf(value)) {
      Report(diags, DiagCode::kAddressDuplicate, obj, value,
             "address " + Quoted(TextOf(value)) + " is listed twice; " + std::string(type) +
                 " values must be unique",
             {Related(earlier.value, "first listed here")});
      return;
    }
  }
  seen->push_back({type, value});
}

void CheckAddresses(const Object& obj, const Node* addresses, DiagnosticSink* diags) {
  std::vector<SeenAddress> seen;
  for (const Node* address : ItemsOf(addresses)) {
    const Node* value = FieldOf(address, "value");
    if (!value || !value->IsScalar()) continue;
    std::string_view type = TextAt(address, "type", "IPAddress");
    CheckAddressValue(obj, type, value, diags);
    CheckAddressUnique(obj, type, value, &seen, diags);
  }
}

// ---- G4-G7: spec.infrastructure label and annotation keys -------------------

// Why the name segment of a key is invalid: 1-63 characters, alphanumeric at
// both ends, [-A-Za-z0-9_.] inside.
std::string KeyNameProblem(std::string_view name) {
  if (name.empty()) return "has an empty name segment";
  if (name.size() > 63) {
    return "has a name segment of " + std::to_string(name.size()) +
           " characters (at most 63 are allowed)";
  }
  for (char c : name) {
    if (!IsAlnum(c) && c != '-' && c != '_' && c != '.') {
      return "has character '" + std::string(1, c) + "' in its name segment";
    }
  }
  if (!IsAlnum(name.front()) || !IsAlnum(name.back())) {
    return "has a name segment that does not start and end with a letter or digit";
  }
  return {};
}

// Why `key` is not "[dns-subdomain/]name"; empty if valid.
std::string InfrastructureKeyProblem(std::string_view key) {
  size_t slash = key.find('/');
  if (slash == std::string_view::npos) return KeyNameProblem(key);
  std::string_view prefix = key.substr(0, slash);
  if (prefix.size() >= 253) {
    return "has a prefix of " + std::to_string(prefix.size()) +
           " characters; the prefix must be a DNS subdomain shorter than 253 characters";
  }
  std::string prefix_problem = prefix.empty() ? "is empty" : SubdomainProblem(prefix);
  if (!prefix_problem.empty()) return "has a prefix that " + prefix_problem;
  return KeyNameProblem(key.substr(slash + 1));
}

void CheckInfrastructureKeys(const Object& obj, const Node* map, std::string_view what,
                             DiagnosticSink* diags) {
  if (!map || !map->IsMap()) return;
  for (uint32_t i = 0; i < map->size; ++i) {
    const Key* key = map->KeyAt(i);
    if (!key->IsScalar()) continue;
    std::string problem = InfrastructureKeyProblem(key->text);
    if (problem.empty()) continue;
    ReportKey(diags, DiagCode::kInfrastructureKey, obj, map->ValueAt(i),
           std::string(what) + " key " + Quoted(key->text) + " " + problem + "; " +
               std::string(what) +
               " keys must be an optional DNS subdomain prefix (shorter than 253 characters) "
               "and '/', followed by a name segment of up to 63 characters");
  }
}

void CheckInfrastructure(const Object& obj, const Node* infrastructure, DiagnosticSink* diags) {
  CheckInfrastructureKeys(obj, MapOf(infrastructure, "labels"), "label", diags);
  CheckInfrastructureKeys(obj, MapOf(infrastructure, "annotations"), "annotation", diags);
}

// ---- G8-G11, G14: one listener ----------------------------------------------

bool IsOneOf(std::string_view text, std::initializer_list<std::string_view> options) {
  for (std::string_view option : options) {
    if (text == option) return true;
  }
  return false;
}

// A collection field counts as set when it has entries; a present value of
// the wrong type counts as set too (the schema validator reports the type).
bool HasEntries(const Node* node) {
  if (!node) return false;
  return (node->IsSeq() || node->IsMap()) ? node->size > 0 : true;
}

// G14: a terminating tls block needs certificateRefs or options.
void CheckTerminateHasCertificates(const Object& obj, const Node* tls, DiagnosticSink* diags) {
  if (!tls->IsMap() || TextAt(tls, "mode", "Terminate") != "Terminate") return;
  if (HasEntries(FieldOf(tls, "certificateRefs")) || HasEntries(FieldOf(tls, "options"))) return;
  ReportMissing(diags, DiagCode::kListenerTlsCertificates, obj, tls, "certificateRefs",
                "certificateRefs or options must be specified when tls mode is Terminate "
                "(the default mode)");
}

// G8-G10 and G14.
void CheckListenerTls(const Object& obj, const Node* listener, std::string_view protocol,
                      DiagnosticSink* diags) {
  const Node* tls = FieldOf(listener, "tls");
  if (IsOneOf(protocol, {"HTTP", "TCP", "UDP"})) {
    if (tls) {
      Report(diags, DiagCode::kListenerTlsNotAllowed, obj, tls,
             "tls must not be specified for protocol " + std::string(protocol) +
                 " (tls is not allowed for protocols HTTP, TCP and UDP)");
    }
    return;  // without a tls block there is nothing more to check
  }
  if (protocol == "TLS" && !tls) {
    ReportMissing(diags, DiagCode::kListenerTlsMode, obj, listener, "tls",
                  "tls mode must be set for protocol TLS: the listener has no tls block");
    return;
  }
  if (!tls) return;
  const Node* mode = FieldOf(tls, "mode");
  std::string_view mode_text = mode ? TextOf(mode) : std::string_view("Terminate");
  if (protocol == "HTTPS" && !mode_text.empty() && mode_text != "Terminate") {
    Report(diags, DiagCode::kListenerTlsMode, obj, mode,
           "tls mode must be Terminate for protocol HTTPS (found " + std::string(mode_text) + ")");
  } else if (protocol == "TLS" && mode && mode_text.empty()) {
    Report(diags, DiagCode::kListenerTlsMode, obj, mode,
           "tls mode must be set for protocol TLS (found an empty mode)");
  }
  CheckTerminateHasCertificates(obj, tls, diags);
}

// G11.
void CheckListenerHostname(const Object& obj, const Node* listener, std::string_view protocol,
                           DiagnosticSink* diags) {
  if (!IsOneOf(protocol, {"TCP", "UDP"})) return;
  const Node* hostname = FieldOf(listener, "hostname");
  if (TextOf(hostname).empty()) return;
  Report(diags, DiagCode::kListenerHostnameNotAllowed, obj, hostname,
         "hostname must not be specified for protocol " + std::string(protocol) + " (found " +
             Quoted(TextOf(hostname)) + "); TCP and UDP listeners cannot match host names");
}

// ---- G13: listener port/protocol/hostname uniqueness ------------------------

struct ListenerKey {
  const Node* listener;
  const Node* port;
  std::string_view protocol;
  const Node* hostname;  // null when absent (absent and "" differ, as upstream)
};

bool SameListenerKey(const ListenerKey& a, const ListenerKey& b) {
  if (!rules::SameScalar(a.port, b.port) || a.protocol != b.protocol) return false;
  if (!a.hostname || !b.hostname) return !a.hostname && !b.hostname;
  return TextOf(a.hostname) == TextOf(b.hostname);
}

// The node a duplicate-listener finding points at: hostname, else name.
const Node* ListenerAnchor(const ListenerKey& key) {
  if (key.hostname) return key.hostname;
  const Node* name = FieldOf(key.listener, "name");
  return name ? name : key.listener;
}

std::string DescribeListenerKey(const ListenerKey& key) {
  std::string text =
      "port " + std::string(TextOf(key.port)) + ", protocol " + std::string(key.protocol) + ", ";
  text += key.hostname ? "hostname " + Quoted(TextOf(key.hostname)) : "no hostname";
  return text;
}

// Listeners without a port are skipped: port is required (the schema
// validator reports it), and ListenerSet's copy of the rule skips them too.
void CheckListenerUniqueness(const Object& obj, const Node* listeners, DiagnosticSink* diags) {
  std::vector<ListenerKey> seen;
  for (const Node* listener : ItemsOf(listeners)) {
    const Node* port = FieldOf(listener, "port");
    if (!port || !port->IsScalar()) continue;
    ListenerKey key{listener, port, TextAt(listener, "protocol"), FieldOf(listener, "hostname")};
    for (const ListenerKey& earlier : seen) {
      if (!SameListenerKey(key, earlier)) continue;
      Report(diags, DiagCode::kListenerDuplicate, obj, ListenerAnchor(key),
             "listener " + Quoted(TextAt(listener, "name")) + " repeats listener " +
                 Quoted(TextAt(earlier.listener, "name")) + " (" + DescribeListenerKey(key) +
                 "); the combination of port, protocol and hostname must be unique for each "
                 "listener",
             {Related(ListenerAnchor(earlier), "the earlier listener")});
      break;
    }
    seen.push_back(key);
  }
}

void CheckListeners(const Object& obj, const Node* listeners, DiagnosticSink* diags) {
  for (const Node* listener : ItemsOf(listeners)) {
    if (!listener->IsMap()) continue;
    std::string_view protocol = TextAt(listener, "protocol");
    CheckListenerTls(obj, listener, protocol, diags);
    CheckListenerHostname(obj, listener, protocol, diags);
  }
  CheckListenerUniqueness(obj, listeners, diags);
}

}  // namespace

void CheckGatewayRules(const Object& obj, DiagnosticSink* diags) {
  if (obj.group != rules::kGatewayGroup) return;
  const Node* spec = MapOf(obj.root, "spec");
  if (!spec) return;
  if (obj.kind == "Gateway") {
    CheckAddresses(obj, FieldOf(spec, "addresses"), diags);
    CheckInfrastructure(obj, MapOf(spec, "infrastructure"), diags);
    CheckListeners(obj, FieldOf(spec, "listeners"), diags);
  } else if (obj.kind == "ListenerSet") {
    CheckListeners(obj, FieldOf(spec, "listeners"), diags);
  }
  // GatewayClass: only GC1, a transition rule; see the file comment.
}

}  // namespace gwc

// Copyright 2026 The gwc Authors.
//
// Helpers shared by the native Gateway API validation rules
// (gateway_rules.cc, route_rules.cc and policy_rules.cc): tolerant field
// access over possibly malformed trees, GEP-2257 durations, IP literals,
// the "same parent / same target" reference-list rule and the
// sessionPersistence rules. Only what more than one of those files needs
// lives here.

#ifndef GWC_CHECK_RULES_SUPPORT_H_
#define GWC_CHECK_RULES_SUPPORT_H_

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "compiler/base/diag.h"
#include "compiler/model/scalar.h"
#include "compiler/model/node.h"
#include "compiler/model/object.h"

namespace gwc::rules {

inline constexpr std::string_view kGatewayGroup = "gateway.networking.k8s.io";
inline constexpr std::string_view kExperimentalGroup = "gateway.networking.x-k8s.io";

// ---- tolerant field access ------------------------------------------------

// The value at `key` of the mapping `map`; nullptr when `map` is null or not
// a mapping, or the key is absent or YAML null (the API server drops nulls).
const Node* FieldOf(const Node* map, std::string_view key);
// The mapping at `key`, or nullptr if absent or of another type.
const Node* MapOf(const Node* map, std::string_view key);
// The items of a sequence; empty when `seq` is null or not a sequence.
std::span<Node* const> ItemsOf(const Node* seq);
// Scalar text of `node`; empty when absent or not a scalar.
std::string_view TextOf(const Node* node);
// TextOf(FieldOf(map, key)), or `fallback` when the field is absent (a
// schema default the rules would see).
std::string_view TextAt(const Node* map, std::string_view key, std::string_view fallback = {});
// The integer value of a scalar under YAML 1.1 rules, or nullopt.
std::optional<int64_t> IntOf(const Node* node);
// True if both scalars hold the same value: equal integers, or equal text
// when either is not an integer. Two absent nodes are equal.
bool SameScalar(const Node* a, const Node* b);
// `"text"` for messages.
std::string Quoted(std::string_view text);

using ::gwc::ParseGepDuration;  // model/scalar.h

// ---- IP literals ----------------------------------------------------------

enum class IpFamily : uint8_t { kNone, kV4, kV6 };

// Parses a literal IPv4 address (dotted quad, no leading zeros) or IPv6
// address (RFC 4291 text form, with "::" compression and an optional
// trailing embedded IPv4). Zones ("%eth0") and prefix lengths ("/24") are
// not addresses. On failure returns kNone and, if `problem` is given, a
// short reason ("has 3 dot-separated parts; an IPv4 address has 4").
IpFamily ParseIpLiteral(std::string_view text, std::string* problem = nullptr);
// True if a hostname is an IP address: a literal as above, or a dotted quad
// whose parts carry leading zeros ("010.0.0.1", which some parsers read as
// octal and which is never meant as a DNS name).
bool IsIpLikeHostname(std::string_view text);

// ---- "same parent" reference lists -----------------------------------------

// How to compare the entries of a reference list (route parentRefs,
// BackendTLSPolicy targetRefs).
struct RefListRule {
  std::string_view list_field;     // "parentRefs" or "targetRefs", for messages
  std::string_view noun;           // "parent" or "target", for messages
  std::string_view default_group;  // what an absent group means
  std::string_view default_kind;   // what an absent kind means
  bool port_aware;                 // also compare `port` (the experimental-channel form)
};

// The Gateway API rule for a list of references (H1/H2, R1/R2, B1/B2 and the
// TLSRoute/TCPRoute/UDPRoute copies), reported as GWC3009. References are to
// the same parent when group, kind, name and namespace agree; absent and ""
// count as equal for namespace (and for group/kind after applying the
// defaults above). Such references must agree on whether sectionName is set
// (and, port-aware, whether port is set), and each (sectionName[, port])
// combination must be unique. One finding per offending entry, on the later
// entry, with a related span at the earlier one.
void CheckRefListSections(const Object& obj, const Node* refs, const RefListRule& rule,
                          DiagnosticSink* diags);

// ---- sessionPersistence -----------------------------------------------------

// The experimental sessionPersistence rules (HTTPRoute and GRPCRoute
// rules[].sessionPersistence, XBackendTrafficPolicy spec.sessionPersistence),
// reported as GWC3028: cookieConfig only with type Cookie (the default), and
// cookieConfig.lifetimeType Permanent requires absoluteTimeout.
void CheckSessionPersistence(const Object& obj, const Node* session, DiagnosticSink* diags);

}  // namespace gwc::rules

#endif  // GWC_CHECK_RULES_SUPPORT_H_

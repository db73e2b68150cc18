// Copyright 2026 The gwc Authors.
//
// Gateway API hostname semantics (SEMANTICS.md (b)): a leading "*." label
// matches one or more labels; an empty hostname means "any". Used by the
// attachment and precedence analyzers.

#ifndef GWC_MODEL_HOSTNAME_H_
#define GWC_MODEL_HOSTNAME_H_

#include <optional>
#include <string>
#include <string_view>

namespace gwc {

bool IsWildcardHostname(std::string_view h);

// Whether the hostname pattern (possibly "*.x") matches the concrete host.
bool HostnameMatches(std::string_view pattern, std::string_view host);

// Ingress host semantics: a leading "*." matches exactly one label
// ("*.foo.com" matches "a.foo.com", not "a.b.foo.com" or "foo.com").
bool IngressHostnameMatches(std::string_view pattern, std::string_view host);

// The intersection of a listener hostname and a route hostname (either may
// be empty = any): the more specific of the two when one contains the other,
// nullopt when they are disjoint.
std::optional<std::string> IntersectHostnames(std::string_view listener, std::string_view route);

// `host` as a part of a listener name (a Gateway API section name):
// lower-case letters, digits and '-' ("*.Shop.com" -> "wildcard-shop-com").
std::string ListenerSlug(std::string_view host);

}  // namespace gwc

#endif  // GWC_MODEL_HOSTNAME_H_

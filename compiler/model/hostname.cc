// Copyright 2026 The gwc Authors.
//
// Wildcard matching and intersection of hostnames.

#include "compiler/model/hostname.h"

namespace gwc {

bool IsWildcardHostname(std::string_view h) { return h.size() >= 2 && h.substr(0, 2) == "*."; }

bool HostnameMatches(std::string_view pattern, std::string_view host) {
  if (pattern.empty()) return true;
  if (!IsWildcardHostname(pattern)) return pattern == host;
  std::string_view suffix = pattern.substr(1);  // ".example.com"
  return host.size() > suffix.size() && host.substr(host.size() - suffix.size()) == suffix &&
         host.substr(0, host.size() - suffix.size()).find_first_not_of('.') !=
             std::string_view::npos;
}

std::optional<std::string> IntersectHostnames(std::string_view listener, std::string_view route) {
  if (listener.empty()) return std::string(route);
  if (route.empty()) return std::string(listener);
  bool lw = IsWildcardHostname(listener), rw = IsWildcardHostname(route);
  if (!lw && !rw) return listener == route ? std::optional<std::string>(listener) : std::nullopt;
  if (lw && !rw) return HostnameMatches(listener, route) ? std::optional<std::string>(route) : std::nullopt;
  if (!lw && rw) return HostnameMatches(route, listener) ? std::optional<std::string>(listener) : std::nullopt;
  if (listener == route) return std::string(listener);
  // Both wildcards: "*.a.b" is inside "*.b".
  if (HostnameMatches(listener, route.substr(2))) return std::string(route);
  if (HostnameMatches(route, listener.substr(2))) return std::string(listener);
  return std::nullopt;
}

bool IngressHostnameMatches(std::string_view pattern, std::string_view host) {
  if (pattern == host) return true;
  if (pattern.substr(0, 2) != "*.") return false;
  size_t dot = host.find('.');
  return dot != std::string_view::npos && dot > 0 && host.substr(dot) == pattern.substr(1);
}

std::string ListenerSlug(std::string_view host) {
  std::string out;
  for (char c : host) {
    if (c == '*') out += "wildcard";
    else if (c == '.') out += '-';
    else if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-') out += c;
    else if (c >= 'A' && c <= 'Z') out += static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

}  // namespace gwc

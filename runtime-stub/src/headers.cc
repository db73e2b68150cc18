// Copyright 2026 The gwc Authors.

#include "runtime-stub/src/headers.h"

#include <algorithm>
#include <cctype>
#include <utility>
#include <vector>

namespace gwrt {

// ASCII only: header names are tokens (RFC 9110 5.1), and the C library's
// tolower consults the locale on every call.
namespace {

enum class Verb { kSet, kAdd, kRemove, kReplace, kAddIfAbsent, kRename };

Verb VerbOf(gwb::FilterType type) {
  using T = gwb::FilterType;
  switch (type) {
    case T::kRequestHeaderSet:
    case T::kResponseHeaderSet: return Verb::kSet;
    case T::kRequestHeaderAdd:
    case T::kResponseHeaderAdd:
    case T::kQueryAppend: return Verb::kAdd;
    case T::kRequestHeaderRemove:
    case T::kResponseHeaderRemove:
    case T::kQueryRemove: return Verb::kRemove;
    case T::kRequestHeaderReplace:
    case T::kResponseHeaderReplace:
    case T::kQueryReplace: return Verb::kReplace;
    case T::kRequestHeaderAddIfAbsent:
    case T::kResponseHeaderAddIfAbsent:
    case T::kQueryAddIfAbsent: return Verb::kAddIfAbsent;
    default: return Verb::kRename;
  }
}

// One edit on name/value pairs; `same` compares names. Header adds join
// values with a comma (one field); query appends add another parameter.
template <typename Same>
void Edit(Verb verb, std::string_view a, std::string_view b, bool join_values, Same same, Headers* pairs) {
  auto named = [&](std::string_view n) { return [&, n](const auto& p) { return same(p.first, n); }; };
  auto it = std::find_if(pairs->begin(), pairs->end(), named(a));
  // Overwrites the first pair of the name and drops the others: a set
  // leaves one value, whatever copies the request carried.
  auto overwrite = [&] {
    it->second = std::string(b);
    pairs->erase(std::remove_if(std::next(it), pairs->end(), named(a)), pairs->end());
  };
  switch (verb) {
    case Verb::kRemove: pairs->erase(std::remove_if(pairs->begin(), pairs->end(), named(a)), pairs->end()); return;
    case Verb::kSet:
      if (it == pairs->end()) pairs->emplace_back(std::string(a), std::string(b));
      else overwrite();
      return;
    case Verb::kAdd:
      if (it != pairs->end() && join_values) it->second += "," + std::string(b);
      else pairs->emplace_back(std::string(a), std::string(b));
      return;
    case Verb::kReplace:
      if (it != pairs->end()) overwrite();
      return;
    case Verb::kAddIfAbsent:
      if (it == pairs->end()) pairs->emplace_back(std::string(a), std::string(b));
      return;
    case Verb::kRename:
      if (it != pairs->end()) {
        std::string value = std::move(it->second);
        pairs->erase(std::remove_if(pairs->begin(), pairs->end(), named(a)), pairs->end());
        Edit(Verb::kSet, b, value, join_values, same, pairs);
      }
      return;
  }
}

bool ExactName(std::string_view x, std::string_view y) { return x == y; }

}  // namespace

void ApplyHeaderEdit(gwb::FilterType type, std::string_view a, std::string_view b, Headers* headers) {
  Edit(VerbOf(type), a, b, true, SameName, headers);
}

void ApplyQueryEdit(gwb::FilterType type, std::string_view a, std::string_view b, std::string* path) {
  size_t q = path->find('?');
  Headers params;
  if (q != std::string::npos) {
    std::string_view query = std::string_view(*path).substr(q + 1);
    while (!query.empty()) {
      std::string_view item = query.substr(0, query.find('&'));
      query.remove_prefix(std::min(query.size(), item.size() + 1));
      if (item.empty()) continue;
      size_t eq = item.find('=');
      params.emplace_back(std::string(item.substr(0, eq)),
                          eq == std::string_view::npos ? std::string() : std::string(item.substr(eq + 1)));
    }
    path->resize(q);
  }
  Edit(VerbOf(type), a, b, false, ExactName, &params);
  for (size_t i = 0; i < params.size(); ++i) {
    *path += (i ? "&" : "?") + params[i].first + (params[i].second.empty() ? "" : "=" + params[i].second);
  }
}

bool QueryValue(std::string_view path, std::string_view name, std::string_view* value) {
  size_t q = path.find('?');
  if (q == std::string_view::npos) return false;
  std::string_view query = path.substr(q + 1);
  while (!query.empty()) {
    std::string_view item = query.substr(0, query.find('&'));
    query.remove_prefix(std::min(query.size(), item.size() + 1));
    size_t eq = item.find('=');
    if (item.substr(0, eq) == name) {
      *value = eq == std::string_view::npos ? std::string_view() : item.substr(eq + 1);
      return true;
    }
  }
  return false;
}

}  // namespace gwrt

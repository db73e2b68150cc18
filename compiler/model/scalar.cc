// Copyright 2026 The gwc Authors.
//
// YAML 1.1 scalar resolution as the Kubernetes YAML reader applies it:
// booleans y/yes/on/true (and negatives) in three casings, integers in
// decimal, 0x hex, 0b binary and leading-zero octal with '_' separators,
// floats with '.', exponent, .inf and .nan.

#include "compiler/model/scalar.h"

#include <array>
#include <cctype>
#include <climits>
#include <utility>
#include <cerrno>
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <string>

namespace gwc {

namespace {

constexpr std::array<std::string_view, 11> kTrue = {"y", "Y", "yes", "Yes", "YES", "on", "On", "ON",
                                                    "true", "True", "TRUE"};
constexpr std::array<std::string_view, 11> kFalse = {"n", "N", "no", "No", "NO", "off", "Off", "OFF",
                                                     "false", "False", "FALSE"};

bool InList(std::string_view s, const std::array<std::string_view, 11>& list) {
  for (std::string_view v : list) {
    if (v == s) return true;
  }
  return false;
}

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

// Parses a YAML 1.1 integer; returns false if `s` is not one.
bool ParseInt(std::string_view s, int64_t* out) {
  if (s.empty()) return false;
  bool neg = false;
  if (s[0] == '-' || s[0] == '+') {
    neg = s[0] == '-';
    s.remove_prefix(1);
  }
  if (s.empty()) return false;
  int base = 10;
  if (s.size() > 2 && s[0] == '0' && (s[1] == 'x' || s[1] == 'X')) {
    base = 16;
    s.remove_prefix(2);
  } else if (s.size() > 2 && s[0] == '0' && (s[1] == 'b' || s[1] == 'B')) {
    base = 2;
    s.remove_prefix(2);
  } else if (s.size() > 2 && s[0] == '0' && (s[1] == 'o' || s[1] == 'O')) {
    base = 8;
    s.remove_prefix(2);
  } else if (s.size() > 1 && s[0] == '0') {
    base = 8;
    s.remove_prefix(1);
  }
  std::string digits;
  for (char c : s) {
    if (c == '_') continue;
    int d = IsDigit(c) ? c - '0' : (c >= 'a' && c <= 'f') ? c - 'a' + 10 : (c >= 'A' && c <= 'F') ? c - 'A' + 10 : 99;
    if (d >= base) return false;
    digits.push_back(c);
  }
  if (digits.empty()) return false;
  errno = 0;
  char* end = nullptr;
  unsigned long long v = std::strtoull(digits.c_str(), &end, base);
  if (errno != 0 || *end != '\0' || v > static_cast<unsigned long long>(INT64_MAX)) return false;
  *out = neg ? -static_cast<int64_t>(v) : static_cast<int64_t>(v);
  return true;
}

bool IsFloat(std::string_view s) {
  if (s == ".inf" || s == ".Inf" || s == ".INF" || s == "+.inf" || s == "-.inf" || s == "+.Inf" ||
      s == "-.Inf" || s == "+.INF" || s == "-.INF" || s == ".nan" || s == ".NaN" || s == ".NAN") {
    return true;
  }
  size_t i = 0;
  if (i < s.size() && (s[i] == '-' || s[i] == '+')) ++i;
  size_t int_digits = 0, frac_digits = 0;
  while (i < s.size() && (IsDigit(s[i]) || s[i] == '_')) ++i, ++int_digits;
  bool dot = i < s.size() && s[i] == '.';
  if (dot) {
    ++i;
    while (i < s.size() && (IsDigit(s[i]) || s[i] == '_')) ++i, ++frac_digits;
  }
  if (int_digits + frac_digits == 0) return false;
  bool exp = i < s.size() && (s[i] == 'e' || s[i] == 'E');
  if (exp) {
    ++i;
    if (i < s.size() && (s[i] == '-' || s[i] == '+')) ++i;
    size_t exp_digits = 0;
    while (i < s.size() && IsDigit(s[i])) ++i, ++exp_digits;
    if (exp_digits == 0) return false;
  }
  // Like the Kubernetes reader, digits alone that are no valid integer
  // (such as 08) still read as a float.
  return i == s.size();
}

}  // namespace

std::string_view ScalarTypeName(ScalarType t) {
  switch (t) {
    case ScalarType::kNull:
      return "null";
    case ScalarType::kBool:
      return "boolean";
    case ScalarType::kInt:
      return "integer";
    case ScalarType::kFloat:
      return "number";
    case ScalarType::kString:
      return "string";
  }
  return "string";
}

ScalarType ResolvePlain(std::string_view s) {
  if (s.empty() || s == "~" || s == "null" || s == "Null" || s == "NULL") return ScalarType::kNull;
  // Most scalars are words: only text starting like a boolean or a number
  // needs the slower checks below.
  char c = s[0];
  bool bool_start = std::strchr("yYnNoOtTfF", c) != nullptr;
  bool number_start = (c >= '0' && c <= '9') || c == '-' || c == '+' || c == '.';
  if (!bool_start && !number_start) return ScalarType::kString;
  if (bool_start && (InList(s, kTrue) || InList(s, kFalse))) return ScalarType::kBool;
  if (!number_start) return ScalarType::kString;
  int64_t ignored;
  if (ParseInt(s, &ignored)) return ScalarType::kInt;
  if (IsFloat(s)) return ScalarType::kFloat;
  return ScalarType::kString;
}

ScalarType ResolveScalar(const Node& node) {
  if (node.kind != NodeKind::kScalar) return ScalarType::kString;
  switch (node.tag) {
    case YamlTag::kStr:
      return ScalarType::kString;
    case YamlTag::kInt:
      return ScalarType::kInt;
    case YamlTag::kFloat:
      return ScalarType::kFloat;
    case YamlTag::kBool:
      return ScalarType::kBool;
    case YamlTag::kNull:
      return ScalarType::kNull;
    default:
      break;
  }
  if (node.style != ScalarStyle::kPlain) return ScalarType::kString;
  return ResolvePlain(node.text);
}

std::optional<bool> ScalarBool(const Node& node) {
  if (ResolveScalar(node) != ScalarType::kBool) return std::nullopt;
  return InList(node.text, kTrue);
}

std::optional<int64_t> ScalarInt(const Node& node) {
  ScalarType t = ResolveScalar(node);
  int64_t v = 0;
  if (t == ScalarType::kInt && ParseInt(node.text, &v)) return v;
  if (t == ScalarType::kFloat) {
    // JSON writers emit 80.0 for integral numbers; the API server accepts it.
    std::optional<double> d = ScalarNumber(node);
    if (d && std::isfinite(*d) && *d == std::floor(*d) && std::fabs(*d) < 9e18) {
      return static_cast<int64_t>(*d);
    }
  }
  return std::nullopt;
}

std::optional<double> ScalarNumber(const Node& node) {
  ScalarType t = ResolveScalar(node);
  if (t == ScalarType::kInt) {
    int64_t v = 0;
    if (ParseInt(node.text, &v)) return static_cast<double>(v);
    return std::nullopt;
  }
  if (t != ScalarType::kFloat) return std::nullopt;
  std::string s;
  for (char c : node.text) {
    if (c != '_') s.push_back(c);
  }
  if (s.find("inf") != std::string::npos || s.find("Inf") != std::string::npos ||
      s.find("INF") != std::string::npos) {
    return s[0] == '-' ? -HUGE_VAL : HUGE_VAL;
  }
  if (s.find('n') != std::string::npos || s.find('N') != std::string::npos) return NAN;
  return std::strtod(s.c_str(), nullptr);
}

// ---- GEP-2257 durations ---------------------------------------------------

namespace {


// Reads one "<1-5 digits><unit>" component at `*pos`; adds its length in
// milliseconds to `*total`.
bool ReadDurationComponent(std::string_view text, size_t* pos, int64_t* total) {
  size_t start = *pos;
  int64_t number = 0;
  while (*pos < text.size() && IsDigit(text[*pos]) && *pos - start < 5) {
    number = number * 10 + (text[*pos] - '0');
    ++*pos;
  }
  if (*pos == start || *pos >= text.size()) return false;
  char unit = text[*pos];
  int64_t scale = 0;
  if (unit == 'h') {
    scale = 3'600'000;
  } else if (unit == 's') {
    scale = 1000;
  } else if (unit == 'm') {
    bool millis = *pos + 1 < text.size() && text[*pos + 1] == 's';
    scale = millis ? 1 : 60'000;
    if (millis) ++*pos;
  } else {
    return false;
  }
  ++*pos;
  *total += number * scale;
  return true;
}

}  // namespace

std::optional<int64_t> ParseGepDuration(std::string_view text) {
  size_t pos = 0;
  int64_t total = 0;
  int components = 0;
  while (pos < text.size()) {
    if (++components > 4 || !ReadDurationComponent(text, &pos, &total)) return std::nullopt;
  }
  if (components == 0) return std::nullopt;
  return total;
}

std::optional<int64_t> ParseQuantity(std::string_view text) {
  size_t digits = 0;
  while (digits < text.size() && digits < 18 && std::isdigit(static_cast<unsigned char>(text[digits]))) ++digits;
  if (digits == 0) return std::nullopt;
  int64_t n = std::stoll(std::string(text.substr(0, digits)));
  std::string_view suffix = text.substr(digits);
  static constexpr std::pair<std::string_view, int64_t> kSuffixes[] = {
      {"", 1},           {"k", 1000},        {"M", 1000000},      {"G", 1000000000},   {"T", 1000000000000},
      {"Ki", 1LL << 10}, {"Mi", 1LL << 20},  {"Gi", 1LL << 30},   {"Ti", 1LL << 40},   {"Pi", 1LL << 50}};
  for (const auto& [name, scale] : kSuffixes) {
    if (suffix != name) continue;
    if (n > INT64_MAX / scale) return std::nullopt;
    return n * scale;
  }
  return std::nullopt;
}

}  // namespace gwc

// Copyright 2026 The gwc Authors.

#include "compiler/model/conflict_order.h"

#include <algorithm>
#include <cctype>

#include "compiler/model/node.h"

namespace gwc {

namespace {

// Reads `n` decimal digits at text[*at]; false when they are not digits.
bool Digits(std::string_view text, size_t* at, size_t n, int64_t* value) {
  if (*at + n > text.size()) return false;
  *value = 0;
  for (size_t i = 0; i < n; ++i) {
    char c = text[*at + i];
    if (c < '0' || c > '9') return false;
    *value = *value * 10 + (c - '0');
  }
  *at += n;
  return true;
}

bool Expect(std::string_view text, size_t* at, char c) {
  if (*at >= text.size() || std::tolower(static_cast<unsigned char>(text[*at])) != c) return false;
  ++*at;
  return true;
}

// Days from 1970-01-01 to the given civil date (proleptic Gregorian).
int64_t DaysFromCivil(int64_t y, int64_t m, int64_t d) {
  y -= m <= 2;
  const int64_t era = (y >= 0 ? y : y - 399) / 400;
  const int64_t yoe = y - era * 400;
  const int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

int64_t DaysInMonth(int64_t y, int64_t m) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
  return m == 2 && leap ? 29 : kDays[m - 1];
}

}  // namespace

std::optional<Instant> ParseTimestamp(std::string_view text) {
  size_t at = 0;
  int64_t year, month, day, hour, minute, second;
  if (!Digits(text, &at, 4, &year) || !Expect(text, &at, '-') || !Digits(text, &at, 2, &month) ||
      !Expect(text, &at, '-') || !Digits(text, &at, 2, &day) || !Expect(text, &at, 't') ||
      !Digits(text, &at, 2, &hour) || !Expect(text, &at, ':') || !Digits(text, &at, 2, &minute) ||
      !Expect(text, &at, ':') || !Digits(text, &at, 2, &second)) {
    return std::nullopt;
  }
  if (month < 1 || month > 12 || day < 1 || day > DaysInMonth(year, month) || hour > 23 || minute > 59 ||
      second > 60) {
    return std::nullopt;
  }
  int64_t nanos = 0;
  if (at < text.size() && text[at] == '.') {
    ++at;
    size_t digits = 0;
    for (; at < text.size() && std::isdigit(static_cast<unsigned char>(text[at])); ++at, ++digits) {
      if (digits < 9) nanos = nanos * 10 + (text[at] - '0');
    }
    if (digits == 0) return std::nullopt;
    for (size_t i = digits; i < 9; ++i) nanos *= 10;
  }
  int64_t offset = 0;  // seconds east of UTC
  if (Expect(text, &at, 'z')) {
  } else if (at < text.size() && (text[at] == '+' || text[at] == '-')) {
    int sign = text[at++] == '-' ? -1 : 1;
    int64_t oh, om;
    if (!Digits(text, &at, 2, &oh) || !Expect(text, &at, ':') || !Digits(text, &at, 2, &om) || oh > 23 ||
        om > 59) {
      return std::nullopt;
    }
    offset = sign * (oh * 3600 + om * 60);
  } else {
    return std::nullopt;
  }
  if (at != text.size()) return std::nullopt;
  int64_t seconds = DaysFromCivil(year, month, day) * 86400 + hour * 3600 + minute * 60 + second - offset;
  return Instant{seconds, static_cast<int32_t>(nanos)};
}

std::optional<Instant> CreationTime(const Object& o) {
  if (!o.metadata) return std::nullopt;
  return ParseTimestamp(o.metadata->Str("creationTimestamp"));
}

int CompareNsName(std::string_view a_ns, std::string_view a_name, std::string_view b_ns,
                  std::string_view b_name) {
  if (a_ns == b_ns) return a_name.compare(b_name);
  // Byte i of "ns/name".
  auto at = [](std::string_view ns, std::string_view name, size_t i) -> unsigned char {
    return i < ns.size() ? ns[i] : i == ns.size() ? '/' : name[i - ns.size() - 1];
  };
  const size_t a_size = a_ns.size() + 1 + a_name.size(), b_size = b_ns.size() + 1 + b_name.size();
  for (size_t i = 0; i < std::min(a_size, b_size); ++i) {
    unsigned char x = at(a_ns, a_name, i), y = at(b_ns, b_name, i);
    if (x != y) return x < y ? -1 : 1;
  }
  return a_size == b_size ? 0 : a_size < b_size ? -1 : 1;
}

bool WinsConflict(std::optional<Instant> a_time, std::string_view a_ns, std::string_view a_name,
                  std::optional<Instant> b_time, std::string_view b_ns, std::string_view b_name) {
  if (a_time.has_value() != b_time.has_value()) return a_time.has_value();
  if (a_time != b_time) return *a_time < *b_time;
  return CompareNsName(a_ns, a_name, b_ns, b_name) < 0;
}

}  // namespace gwc

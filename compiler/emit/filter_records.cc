// Copyright 2026 The gwc Authors.

#include "compiler/emit/filter_records.h"

#include <algorithm>
#include <string>

namespace gwc {

gwb::FilterRecord FilterRecordOf(ArtifactWriter* w, gwb::FilterType type, std::string_view a, std::string_view b) {
  gwb::FilterRecord f{};
  f.type = type;
  f.backend = gwb::kNone;
  f.a = w->AddString(a);
  f.b = w->AddString(b);
  return f;
}

namespace {

std::string Joined(const std::vector<std::string>& v) {
  std::string out;
  for (const std::string& s : v) out += (out.empty() ? "" : ",") + s;
  return out;
}

// Kong reads an origin with regex characters as a regex.
bool RegexOrigin(const std::string& origin) {
  return origin != "*" && origin.find_first_of("[]()*+?\\^$|{}") != std::string::npos;
}

}  // namespace

void AppendCorsRecords(ArtifactWriter* w, const ir::Cors& c, std::vector<gwb::FilterRecord>* out) {
  for (const std::string& o : c.allow_origins) {
    if (c.vendor_lists && RegexOrigin(o)) {
      gwb::FilterRecord rec = FilterRecordOf(w, gwb::FilterType::kCorsOrigin, o, o);
      rec.flags = gwb::kFilterRegex;
      out->push_back(rec);
    } else {
      out->push_back(FilterRecordOf(w, gwb::FilterType::kCorsOrigin, o));
    }
  }
  out->push_back(FilterRecordOf(w, gwb::FilterType::kCorsMethods, Joined(c.allow_methods)));
  out->push_back(FilterRecordOf(w, gwb::FilterType::kCorsHeaders, Joined(c.allow_headers)));
  out->push_back(FilterRecordOf(w, gwb::FilterType::kCorsExpose, Joined(c.expose_headers)));
  gwb::FilterRecord policy = FilterRecordOf(w, gwb::FilterType::kCorsPolicy);
  policy.num = static_cast<uint32_t>(std::max(c.max_age, 0));
  policy.code = static_cast<uint16_t>(c.preflight_status);
  policy.flags = (c.allow_credentials ? gwb::kFilterCredentials : 0) |
                 (c.echo_request_headers ? gwb::kCorsEchoRequestHeaders : 0) | (c.send_max_age ? 0 : gwb::kCorsNoMaxAge) |
                 (c.vendor_lists ? gwb::kCorsVerbatim : 0) | (c.echo_wildcards ? gwb::kCorsEchoWildcards : 0);
  out->push_back(policy);
}

}  // namespace gwc

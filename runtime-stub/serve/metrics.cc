// Copyright 2026 The gwc Authors.
//
// Counting and the Prometheus text exposition (metrics.h).

#include "runtime-stub/serve/metrics.h"

#include <cinttypes>
#include <cstdio>

namespace gwrt::serve {
namespace {

// A label value with Prometheus's three escapes.
std::string Escape(const std::string& v) {
  std::string out;
  for (char c : v) {
    if (c == '\\') out += "\\\\";
    else if (c == '"') out += "\\\"";
    else if (c == '\n') out += "\\n";
    else out += c;
  }
  return out;
}

std::string Number(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.9g", v);
  return buf;
}

}  // namespace

void Metrics::Request(const std::string& route, const std::string& backend, int code, double seconds,
                      const std::string& denied) {
  size_t bucket = 0;
  while (bucket < kBuckets.size() && seconds > kBuckets[bucket]) ++bucket;
  std::lock_guard<std::mutex> lock(mu_);
  ++requests_[{route, backend, code}];
  if (!denied.empty()) ++denials_[denied];
  ++latency_[bucket];
  latency_sum_ += seconds;
  ++latency_count_;
}

void Metrics::Reload(bool ok) { ++(ok ? reloads_ok_ : reloads_refused_); }
void Metrics::Mirror(MirrorResult result) {
  ++(result == MirrorResult::kSent ? mirrors_sent_ : result == MirrorResult::kFailed ? mirrors_failed_ : mirrors_dropped_);
}
void Metrics::UpstreamError() { ++upstream_errors_; }

std::string Metrics::Prometheus(uint64_t table_digest) const {
  std::string out;
  auto help = [&](const char* name, const char* type, const char* text) {
    out += std::string("# HELP ") + name + " " + text + "\n# TYPE " + name + " " + type + "\n";
  };
  std::lock_guard<std::mutex> lock(mu_);
  help("gwrt_requests_total", "counter", "Requests answered, by route, backend and status code.");
  for (const auto& [key, n] : requests_) {
    const auto& [route, backend, code] = key;
    out += "gwrt_requests_total{route=\"" + Escape(route) + "\",backend=\"" + Escape(backend) + "\",code=\"" +
           std::to_string(code) + "\"} " + std::to_string(n) + "\n";
  }
  help("gwrt_request_duration_seconds", "histogram", "Time from reading a request to answering it.");
  uint64_t cumulative = 0;
  for (size_t i = 0; i <= kBuckets.size(); ++i) {
    cumulative += latency_[i];
    std::string le = i < kBuckets.size() ? Number(kBuckets[i]) : "+Inf";
    out += "gwrt_request_duration_seconds_bucket{le=\"" + le + "\"} " + std::to_string(cumulative) + "\n";
  }
  out += "gwrt_request_duration_seconds_sum " + Number(latency_sum_) + "\n";
  out += "gwrt_request_duration_seconds_count " + std::to_string(latency_count_) + "\n";
  help("gwrt_policy_denials_total", "counter", "Requests a policy refused, by reason.");
  for (const auto& [reason, n] : denials_) {
    out += "gwrt_policy_denials_total{reason=\"" + Escape(reason) + "\"} " + std::to_string(n) + "\n";
  }
  help("gwrt_table_reloads_total", "counter", "Attempts to replace the table, by result.");
  out += "gwrt_table_reloads_total{result=\"ok\"} " + std::to_string(reloads_ok_.load()) + "\n";
  out += "gwrt_table_reloads_total{result=\"refused\"} " + std::to_string(reloads_refused_.load()) + "\n";
  help("gwrt_mirror_requests_total", "counter", "Mirrored requests: sent, failed, or dropped (queue full).");
  out += "gwrt_mirror_requests_total{result=\"sent\"} " + std::to_string(mirrors_sent_.load()) + "\n";
  out += "gwrt_mirror_requests_total{result=\"failed\"} " + std::to_string(mirrors_failed_.load()) + "\n";
  out += "gwrt_mirror_requests_total{result=\"dropped\"} " + std::to_string(mirrors_dropped_.load()) + "\n";
  help("gwrt_upstream_errors_total", "counter", "Requests whose backend could not be reached or timed out.");
  out += "gwrt_upstream_errors_total " + std::to_string(upstream_errors_.load()) + "\n";
  help("gwrt_table_info", "gauge", "The table serving now, by its input digest.");
  char digest[24];
  std::snprintf(digest, sizeof digest, "%016" PRIx64, table_digest);
  out += std::string("gwrt_table_info{input_digest=\"") + digest + "\"} 1\n";
  return out;
}

}  // namespace gwrt::serve

// Copyright 2026 The gwc Authors.
//
// What `gwrt serve` counts, and its Prometheus text form (version 0.0.4)
// for the admin port's /metrics: requests by route, backend and status
// code; a latency histogram; policy denials by reason; table reloads by
// outcome; mirrors sent and dropped. Labels carry names from the table
// and gwrt's own reason words, never a request's header or query values,
// so no credential can reach the metrics.

#ifndef GWRT_SERVE_METRICS_H_
#define GWRT_SERVE_METRICS_H_

#include <array>
#include <atomic>
#include <cstdint>
#include <map>
#include <mutex>
#include <string>
#include <tuple>

namespace gwrt::serve {

enum class MirrorResult { kSent, kFailed, kDropped };

class Metrics {
 public:
  // One answered request. `route` is "ns/name" or empty (none matched),
  // `backend` "ns/name:port" or empty, `denied` a policy's reason or empty.
  void Request(const std::string& route, const std::string& backend, int code, double seconds,
               const std::string& denied);
  void Reload(bool ok);
  void Mirror(MirrorResult result);
  void UpstreamError();

  // The exposition text; `table_digest` labels gwrt_table_info.
  std::string Prometheus(uint64_t table_digest) const;

 private:
  static constexpr std::array<double, 14> kBuckets = {0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01,
                                                      0.025,  0.05,    0.1,    0.25,  0.5,    1,     2.5};
  mutable std::mutex mu_;
  std::map<std::tuple<std::string, std::string, int>, uint64_t> requests_;
  std::map<std::string, uint64_t> denials_;
  std::array<uint64_t, kBuckets.size() + 1> latency_{};  // the last: above every bucket
  double latency_sum_ = 0;
  uint64_t latency_count_ = 0;
  std::atomic<uint64_t> reloads_ok_{0}, reloads_refused_{0};
  std::atomic<uint64_t> mirrors_sent_{0}, mirrors_failed_{0}, mirrors_dropped_{0}, upstream_errors_{0};
};

}  // namespace gwrt::serve

#endif  // GWRT_SERVE_METRICS_H_

// Copyright 2026 The gwc Authors.
//
// `gwrt serve`'s access log: one JSON object per line, written whole under
// a lock. What goes in is the caller's choice; serve.cc logs paths without
// their query and no header values, so client credentials never reach it.

#ifndef GWRT_SERVE_ACCESS_LOG_H_
#define GWRT_SERVE_ACCESS_LOG_H_

#include <cstdio>
#include <mutex>
#include <string>

#include <nlohmann/json_fwd.hpp>

namespace gwrt::serve {

class AccessLog {
 public:
  AccessLog() = default;
  AccessLog(const AccessLog&) = delete;
  AccessLog& operator=(const AccessLog&) = delete;
  ~AccessLog();

  // "-": stdout, "off": nothing, else a file appended to. False when the
  // file cannot be opened.
  bool Open(const std::string& where);
  bool enabled() const { return file_ != nullptr; }
  // Writes `entry` as one line (invalid UTF-8 replaced) and flushes.
  void Write(const nlohmann::json& entry);

 private:
  std::mutex mu_;
  FILE* file_ = nullptr;
  bool owned_ = false;
};

// The current time as "2026-12-07T01:28:49.321Z".
std::string UtcTimestamp();

}  // namespace gwrt::serve

#endif  // GWRT_SERVE_ACCESS_LOG_H_

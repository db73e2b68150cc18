// Copyright 2026 The gwc Authors.
//
// The access log's file handling (access_log.h).

#include "runtime-stub/serve/access_log.h"

#include <chrono>
#include <ctime>
#include <nlohmann/json.hpp>

namespace gwrt::serve {

AccessLog::~AccessLog() {
  if (owned_) std::fclose(file_);
}

bool AccessLog::Open(const std::string& where) {
  if (where == "off") return true;
  file_ = where == "-" ? stdout : std::fopen(where.c_str(), "a");
  owned_ = file_ && file_ != stdout;
  return file_ != nullptr;
}

void AccessLog::Write(const nlohmann::json& entry) {
  std::string line = entry.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
  std::lock_guard<std::mutex> lock(mu_);
  std::fputs(line.c_str(), file_);
  std::fflush(file_);
}

std::string UtcTimestamp() {
  auto now = std::chrono::system_clock::now();
  std::time_t secs = std::chrono::system_clock::to_time_t(now);
  auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(now.time_since_epoch()).count() % 1000;
  std::tm tm{};
  gmtime_r(&secs, &tm);
  char buf[64];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", tm.tm_year + 1900, tm.tm_mon + 1,
                tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec, static_cast<int>(ms));
  return buf;
}

}  // namespace gwrt::serve

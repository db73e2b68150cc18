// Copyright 2026 The gwc Authors.
//
// Rate-limit counters in Redis (hiredis), so several `gwrt serve`
// processes enforce one limit together. Take is one Lua script run
// atomically by the server: it reads every counter of the request and,
// when all are below their limits, increments them all (each key expires
// with its window). Connections are pooled; when Redis cannot be reached
// or answers late, calls return false at once for the next second (the
// PolicyState's fail mode decides the request) and then try again.
// Redis Cluster is not supported (a request's keys may hash to several
// slots).

#ifndef GWRT_SERVE_REDIS_STORE_H_
#define GWRT_SERVE_REDIS_STORE_H_

#include <atomic>
#include <chrono>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "gwrt/policy.h"

struct redisContext;

namespace gwrt::serve {

class RedisRateLimitStore : public RateLimitStore {
 public:
  // Reads "redis://HOST:PORT" or "redis://HOST:PORT/DB". Returns null with
  // `error` when the URL has another form. The server need not be up yet.
  static std::unique_ptr<RedisRateLimitStore> Create(const std::string& url, std::string* error);
  ~RedisRateLimitStore() override;

  bool Usage(std::span<const CounterKey> keys, uint64_t* counts) override;
  bool Add(std::span<const CounterKey> keys) override;
  bool Take(std::span<const CounterKey> keys, std::span<const uint64_t> limits, int64_t now, uint64_t* used,
            size_t* exceeded) override;

  // Whether a connection can be made now (a PING answered).
  bool Reachable();

 private:
  RedisRateLimitStore(std::string host, int port, int db) : host_(std::move(host)), port_(port), db_(db) {}

  // A pooled or new connection; null while Redis is considered down.
  redisContext* Acquire();
  // Returns `c` to the pool, or closes it and starts the quiet second
  // when `failed`.
  void Release(redisContext* c, bool failed);

  const std::string host_;
  const int port_;
  const int db_;
  std::mutex mu_;
  std::vector<redisContext*> idle_;
  std::atomic<int64_t> down_until_ms_{0};  // steady clock
};

}  // namespace gwrt::serve

#endif  // GWRT_SERVE_REDIS_STORE_H_

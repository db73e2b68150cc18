// Copyright 2026 The gwc Authors.
//
// The mutable side of policies: the clock and the rate-limit counters a
// runtime keeps between requests. A Router is read-only; every Decide that
// runs policies takes a PolicyState (or the Router's own). Counters live
// in a RateLimitStore: LocalRateLimitStore in this process, or a store
// shared by several runtimes (gwrt serve --ratelimit-store redis://...).

#ifndef GWRT_POLICY_H_
#define GWRT_POLICY_H_

#include <cstdint>
#include <ctime>
#include <memory>
#include <mutex>
#include <optional>
#include <span>
#include <vector>
#include <cstddef>

namespace gwrt {

// One counter: a limiter's key value in one window. `id` hashes the
// limiter's counter id, the key value and the window's start; the counter
// may be forgotten after `expires_s` (Unix seconds).
struct CounterKey {
  uint64_t id;
  int64_t expires_s;
};

class RateLimitStore {
 public:
  virtual ~RateLimitStore() = default;
  // Fills counts[i] with the requests counted so far under keys[i].
  // Returns false when the store cannot answer (the state's fail mode
  // decides what happens to the request).
  virtual bool Usage(std::span<const CounterKey> keys, uint64_t* counts) = 0;
  // Counts one request under every key. False when the store is unreachable.
  virtual bool Add(std::span<const CounterKey> keys) = 0;
  // Kong's rule for one request at Unix time `now`: when every counter is
  // below its limit, counts the request under all of them; else counts
  // nothing and sets `exceeded` to the first one used up (keys.size() when
  // none). `used` receives the counts after. False when the store cannot
  // answer. The default reads (Usage) then adds (Add); stores that can do
  // both at once override it.
  virtual bool Take(std::span<const CounterKey> keys, std::span<const uint64_t> limits, int64_t now, uint64_t* used,
                    size_t* exceeded);
};

// Counters in this process's memory, safe to share between threads: an
// open-addressing table under one lock. Counters of ended windows are
// dropped as the clock moves on.
class LocalRateLimitStore : public RateLimitStore {
 public:
  bool Usage(std::span<const CounterKey> keys, uint64_t* counts) override;
  bool Add(std::span<const CounterKey> keys) override;
  bool Take(std::span<const CounterKey> keys, std::span<const uint64_t> limits, int64_t now, uint64_t* used,
            size_t* exceeded) override;

 private:
  struct Counter {
    uint64_t id;  // 0: a free slot (an id of 0 is stored as 1)
    uint64_t count;
    int64_t expires_s;
  };
  // The counter of `key`, made (count 0) when missing and `make` is set;
  // else null. `mu_` held.
  Counter* Find(const CounterKey& key, bool make);
  void Rehash(size_t slots, int64_t now);  // drops counters expired at `now`
  void Sweep(int64_t now);

  std::mutex mu_;
  std::vector<Counter> slots_;  // a power of two, at most half full
  size_t live_ = 0;
  int64_t swept_s_ = 0;
};

// What a rule's policies decided, without the rest of the decision.
struct PolicyVerdict {
  int status = 0;                // 0: the request goes on; else the answer
  const char* denied = nullptr;  // the reason of a denial (docs/runtime.md)
  bool rate_limited = false;
};

class PolicyState {
 public:
  // Local counters, the system clock, fail open.
  PolicyState();
  // Counters in `store`. When it cannot answer, `fail_open` lets requests
  // through uncounted; otherwise they are refused (status 503).
  PolicyState(std::unique_ptr<RateLimitStore> store, bool fail_open);
  ~PolicyState();

  // Unix seconds: the pinned clock when set, else the system's.
  int64_t Now() const { return pinned_ ? *pinned_ : static_cast<int64_t>(time(nullptr)); }
  void PinClock(int64_t unix_seconds) { pinned_ = unix_seconds; }
  void Advance(int64_t seconds) {
    if (pinned_) *pinned_ += seconds;
  }
  RateLimitStore& store() { return *store_; }
  bool fail_open() const { return fail_open_; }

 private:
  std::unique_ptr<RateLimitStore> store_;
  bool fail_open_ = true;
  std::optional<int64_t> pinned_;
};

}  // namespace gwrt

#endif  // GWRT_POLICY_H_

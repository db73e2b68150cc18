// Copyright 2026 The gwc Authors.
//
// The Redis rate-limit store (redis_store.h).

#include "runtime-stub/serve/redis_store.h"

#include <hiredis/hiredis.h>

#include <algorithm>
#include <cstdio>
#include <ctime>
#include <cstring>

namespace gwrt::serve {
namespace {

constexpr timeval kConnectTimeout{0, 200 * 1000};
constexpr timeval kCommandTimeout{0, 250 * 1000};
constexpr int64_t kQuietMs = 1000;

// KEYS: the counters. ARGV: their limits, then the seconds each has left
// (relative, so the server's clock does not matter). Returns {exceeded,
// used...}: exceeded is the 0-based index of the first counter at its
// limit (nothing counted), or #KEYS (all counted).
constexpr const char* kTakeScript = R"lua(
local n = #KEYS
local used = {}
for i = 1, n do used[i] = tonumber(redis.call('GET', KEYS[i]) or '0') end
for i = 1, n do
  if used[i] >= tonumber(ARGV[i]) then
    table.insert(used, 1, i - 1)
    return used
  end
end
for i = 1, n do
  used[i] = redis.call('INCR', KEYS[i])
  if used[i] == 1 then redis.call('EXPIRE', KEYS[i], ARGV[n + i]) end
end
table.insert(used, 1, n)
return used
)lua";

int64_t NowMs() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now().time_since_epoch())
      .count();
}

std::string KeyName(const CounterKey& k) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "gwrt:rl:%016llx", static_cast<unsigned long long>(k.id));
  return buf;
}

// Runs one command given as separate arguments. Null when the connection
// failed (the reply of a command Redis refused is returned, typed ERROR).
redisReply* Command(redisContext* c, const std::vector<std::string>& args) {
  std::vector<const char*> argv;
  std::vector<size_t> lens;
  for (const std::string& a : args) {
    argv.push_back(a.data());
    lens.push_back(a.size());
  }
  return static_cast<redisReply*>(redisCommandArgv(c, static_cast<int>(args.size()), argv.data(), lens.data()));
}

// A counter's time to live: what is left of its window, at least a second.
int64_t SecondsLeft(const CounterKey& k, int64_t now) { return std::max<int64_t>(1, k.expires_s - now); }

bool ParseDecimal(const std::string& text, int limit, int* out) {
  if (text.empty() || text.size() > 5 || text.find_first_not_of("0123456789") != std::string::npos) return false;
  *out = std::stoi(text);
  return *out <= limit;
}

}  // namespace

std::unique_ptr<RedisRateLimitStore> RedisRateLimitStore::Create(const std::string& url, std::string* error) {
  static constexpr std::string_view kScheme = "redis://";
  std::string rest = url.substr(0, kScheme.size()) == kScheme ? url.substr(kScheme.size()) : "";
  std::string db_text = "0";
  if (size_t slash = rest.find('/'); slash != std::string::npos) {
    db_text = rest.substr(slash + 1);
    rest.resize(slash);
  }
  size_t colon = rest.rfind(':');
  int port = 0, db = 0;
  if (rest.empty() || colon == std::string::npos || colon == 0 || rest.find('@') != std::string::npos ||
      !ParseDecimal(rest.substr(colon + 1), 65535, &port) || port == 0 || !ParseDecimal(db_text, 15, &db)) {
    *error = "expected redis://HOST:PORT or redis://HOST:PORT/DB (no password), got '" + url + "'";
    return nullptr;
  }
  return std::unique_ptr<RedisRateLimitStore>(new RedisRateLimitStore(rest.substr(0, colon), port, db));
}

RedisRateLimitStore::~RedisRateLimitStore() {
  for (redisContext* c : idle_) redisFree(c);
}

redisContext* RedisRateLimitStore::Acquire() {
  if (NowMs() < down_until_ms_.load(std::memory_order_relaxed)) return nullptr;
  {
    std::lock_guard<std::mutex> lock(mu_);
    if (!idle_.empty()) {
      redisContext* c = idle_.back();
      idle_.pop_back();
      return c;
    }
  }
  redisContext* c = redisConnectWithTimeout(host_.c_str(), port_, kConnectTimeout);
  bool ok = c && !c->err && redisSetTimeout(c, kCommandTimeout) == REDIS_OK;
  if (ok && db_ != 0) {
    redisReply* r = Command(c, {"SELECT", std::to_string(db_)});
    ok = r && r->type != REDIS_REPLY_ERROR;
    if (r) freeReplyObject(r);
  }
  if (!ok) {
    if (c) redisFree(c);
    down_until_ms_ = NowMs() + kQuietMs;
    return nullptr;
  }
  return c;
}

void RedisRateLimitStore::Release(redisContext* c, bool failed) {
  if (!failed) {
    std::lock_guard<std::mutex> lock(mu_);
    idle_.push_back(c);
    return;
  }
  // The other pooled connections went to the same server: after a restart
  // they are all dead, so they go too, and the next call connects afresh.
  std::vector<redisContext*> pooled;
  {
    std::lock_guard<std::mutex> lock(mu_);
    pooled.swap(idle_);
  }
  redisFree(c);
  for (redisContext* p : pooled) redisFree(p);
  down_until_ms_ = NowMs() + kQuietMs;
}

bool RedisRateLimitStore::Reachable() {
  redisContext* c = Acquire();
  if (!c) return false;
  redisReply* r = Command(c, {"PING"});
  bool ok = r && r->type != REDIS_REPLY_ERROR;
  if (r) freeReplyObject(r);
  Release(c, !ok);
  return ok;
}

bool RedisRateLimitStore::Usage(std::span<const CounterKey> keys, uint64_t* counts) {
  redisContext* c = Acquire();
  if (!c) return false;
  std::vector<std::string> args = {"MGET"};
  for (const CounterKey& k : keys) args.push_back(KeyName(k));
  redisReply* r = Command(c, args);
  bool ok = r && r->type == REDIS_REPLY_ARRAY && r->elements == keys.size();
  for (size_t i = 0; ok && i < keys.size(); ++i) {
    const redisReply* e = r->element[i];
    counts[i] = e->type == REDIS_REPLY_STRING ? std::strtoull(e->str, nullptr, 10) : 0;
  }
  if (r) freeReplyObject(r);
  Release(c, !ok);
  return ok;
}

bool RedisRateLimitStore::Add(std::span<const CounterKey> keys) {
  redisContext* c = Acquire();
  if (!c) return false;
  bool ok = true;
  for (const CounterKey& k : keys) {
    std::string key = KeyName(k);
    redisReply* incr = Command(c, {"INCR", key});
    redisReply* expire = incr ? Command(c, {"EXPIRE", key, std::to_string(SecondsLeft(k, time(nullptr)))}) : nullptr;
    ok = ok && incr && expire && incr->type == REDIS_REPLY_INTEGER;
    if (incr) freeReplyObject(incr);
    if (expire) freeReplyObject(expire);
    if (!ok) break;
  }
  Release(c, !ok);
  return ok;
}

bool RedisRateLimitStore::Take(std::span<const CounterKey> keys, std::span<const uint64_t> limits, int64_t now,
                               uint64_t* used, size_t* exceeded) {
  redisContext* c = Acquire();
  if (!c) return false;
  std::vector<std::string> args = {"EVAL", kTakeScript, std::to_string(keys.size())};
  for (const CounterKey& k : keys) args.push_back(KeyName(k));
  for (uint64_t limit : limits) args.push_back(std::to_string(limit));
  for (const CounterKey& k : keys) args.push_back(std::to_string(SecondsLeft(k, now)));
  redisReply* r = Command(c, args);
  bool ok = r && r->type == REDIS_REPLY_ARRAY && r->elements == keys.size() + 1;
  for (size_t i = 0; ok && i <= keys.size(); ++i) ok = r->element[i]->type == REDIS_REPLY_INTEGER;
  if (ok) {
    *exceeded = static_cast<size_t>(r->element[0]->integer);
    for (size_t i = 0; i < keys.size(); ++i) used[i] = static_cast<uint64_t>(r->element[i + 1]->integer);
  }
  if (r) freeReplyObject(r);
  Release(c, !ok);
  return ok;
}

}  // namespace gwrt::serve

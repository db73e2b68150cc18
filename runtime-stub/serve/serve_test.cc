// Copyright 2026 The gwc Authors.
//
// Unit tests of gwrt serve's parts that need no sockets: flag forms,
// the metrics text, and table replacement (a corrupt file never replaces
// a good one). ci/serve_test.py tests the whole server through sockets.

#include <catch2/catch.hpp>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>

#include "runtime-stub/serve/live_table.h"
#include "runtime-stub/serve/metrics.h"
#include "runtime-stub/serve/redis_store.h"
#include "runtime-stub/serve/upstreams.h"

namespace gwrt::serve {
namespace {

std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

void WriteFile(const std::string& path, const std::string& bytes) {
  std::ofstream(path, std::ios::binary | std::ios::trunc) << bytes;
}

TEST_CASE("serve: --upstream forms", "[serve]") {
  UpstreamMap map;
  std::string error;
  REQUIRE(map.Add("shop/orders:8080=127.0.0.1:9001", &error));
  REQUIRE(map.Add("shop/cart=localhost:9002", &error));
  REQUIRE(map.Find("shop", "orders", 8080) != nullptr);
  CHECK(map.Find("shop", "orders", 8080)->ToString() == "127.0.0.1:9001");
  CHECK(map.Find("shop", "orders", 9090) == nullptr);  // another port of the Service
  CHECK(map.Find("shop", "cart", 1)->ToString() == "localhost:9002");
  CHECK(map.Find("other", "cart", 1) == nullptr);
  for (const char* bad : {"shop/orders", "orders=127.0.0.1:1", "shop/orders:x=127.0.0.1:1", "shop/orders=127.0.0.1",
                          "shop/orders=127.0.0.1:0", "shop/orders=127.0.0.1:70000", "/orders=h:1", "shop/=h:1"}) {
    INFO(bad);
    CHECK_FALSE(map.Add(bad, &error));
    CHECK(error.find("--upstream expects") != std::string::npos);
  }
}

TEST_CASE("serve: headers a proxy does not pass on", "[serve]") {
  for (const char* h : {"Connection", "keep-alive", "Transfer-Encoding", "TE", "Upgrade", "Host", "content-length"}) {
    CHECK(ProxyDropsHeader(h));
  }
  for (const char* h : {"Content-Type", "apikey", "x-connection", "Hostname"}) CHECK_FALSE(ProxyDropsHeader(h));
}

TEST_CASE("serve: headers the Connection header names are not passed on", "[serve]") {
  Headers in = {{"Connection", "keep-alive, X-Secret ,x-hop"}, {"x-secret", "1"}, {"X-Hop", "2"},
                {"x-kept", "3"}, {"Keep-Alive", "timeout=5"}, {"Host", "a"}};
  Headers out = Forwardable(in);
  REQUIRE(out.size() == 1);
  CHECK(out[0].first == "x-kept");
}

TEST_CASE("serve: redis store URLs", "[serve]") {
  std::string error;
  CHECK(RedisRateLimitStore::Create("redis://127.0.0.1:6379", &error) != nullptr);
  CHECK(RedisRateLimitStore::Create("redis://localhost:6380/3", &error) != nullptr);
  for (const char* bad : {"127.0.0.1:6379", "redis://", "redis://host", "redis://host:0", "redis://:secret@host:1",
                          "redis://host:6379/16", "http://host:6379"}) {
    INFO(bad);
    CHECK(RedisRateLimitStore::Create(bad, &error) == nullptr);
    CHECK(error.find("expected redis://HOST:PORT") != std::string::npos);
  }
}

TEST_CASE("serve: redis store down answers false at once", "[serve]") {
  std::string error;
  // Port 1 on loopback: nothing listens, the connection is refused.
  auto store = RedisRateLimitStore::Create("redis://127.0.0.1:1", &error);
  REQUIRE(store);
  CounterKey key{42, 4102444800};
  uint64_t limit = 5, used = 0;
  size_t exceeded = 0;
  CHECK_FALSE(store->Reachable());
  CHECK_FALSE(store->Take({&key, 1}, {&limit, 1}, 0, &used, &exceeded));
  CHECK_FALSE(store->Add({&key, 1}));
  CHECK_FALSE(store->Usage({&key, 1}, &used));
}

TEST_CASE("serve: metrics text", "[serve]") {
  Metrics m;
  m.Request("shop/a", "shop/svc:80", 200, 0.0002, "");
  m.Request("shop/a", "shop/svc:80", 200, 0.003, "");
  m.Request("shop/\"b\"", "", 401, 3.5, "key-missing");
  m.Reload(true);
  m.Reload(false);
  m.Mirror(MirrorResult::kDropped);
  std::string text = m.Prometheus(0xabcdef);
  CHECK(text.find("gwrt_requests_total{route=\"shop/a\",backend=\"shop/svc:80\",code=\"200\"} 2\n") != std::string::npos);
  CHECK(text.find("gwrt_requests_total{route=\"shop/\\\"b\\\"\",backend=\"\",code=\"401\"} 1\n") != std::string::npos);
  CHECK(text.find("gwrt_request_duration_seconds_bucket{le=\"0.00025\"} 1\n") != std::string::npos);
  CHECK(text.find("gwrt_request_duration_seconds_bucket{le=\"0.005\"} 2\n") != std::string::npos);
  CHECK(text.find("gwrt_request_duration_seconds_bucket{le=\"2.5\"} 2\n") != std::string::npos);
  CHECK(text.find("gwrt_request_duration_seconds_bucket{le=\"+Inf\"} 3\n") != std::string::npos);
  CHECK(text.find("gwrt_request_duration_seconds_count 3\n") != std::string::npos);
  CHECK(text.find("gwrt_policy_denials_total{reason=\"key-missing\"} 1\n") != std::string::npos);
  CHECK(text.find("gwrt_table_reloads_total{result=\"refused\"} 1\n") != std::string::npos);
  CHECK(text.find("gwrt_mirror_requests_total{result=\"dropped\"} 1\n") != std::string::npos);
  CHECK(text.find("gwrt_table_info{input_digest=\"0000000000abcdef\"} 1\n") != std::string::npos);
}

TEST_CASE("serve: a table file that fails verification never replaces the one serving", "[serve]") {
  std::string good = ReadFile(std::string(GWC_SOURCE_DIR) + "/testdata/artifacts/shop.gwb");
  std::string other = ReadFile(std::string(GWC_SOURCE_DIR) + "/testdata/artifacts/policies-kong.gwb");
  REQUIRE(!good.empty());
  REQUIRE(!other.empty());
  std::string path = (std::filesystem::temp_directory_path() / "gwrt-live-table-test.gwb").string();
  WriteFile(path, good);
  LiveTable live(path, {});
  std::string error;
  CHECK(live.Current() == nullptr);
  REQUIRE(live.Load(&error));
  std::shared_ptr<const Table> first = live.Current();
  CHECK_FALSE(live.FileChanged());

  std::string flipped = good;
  flipped[flipped.size() / 2] ^= 0x40;  // a checksum no longer matches
  for (const std::string& bad : {good.substr(0, 100), flipped, std::string("not a table")}) {
    WriteFile(path, bad);
    CHECK(live.FileChanged());
    CHECK_FALSE(live.Load(&error));
    CHECK(error.rfind(path + ": ", 0) == 0);
    CHECK(live.Current() == first);
    CHECK_FALSE(live.FileChanged());  // looked at: not retried until it changes again
  }
  WriteFile(path, other);
  REQUIRE(live.Load(&error));
  CHECK(live.Current() != first);
  CHECK(live.Current()->input_digest() != first->input_digest());
  // A request that started on the first table still holds it, intact.
  gwrt::Request req;
  req.host = "shop.example.com";
  CHECK(first->router->Decide(req).status == 301);  // shop.gwb redirects http to https
  std::remove(path.c_str());
}

}  // namespace
}  // namespace gwrt::serve

// Copyright 2026 The gwc Authors.
//
// Request and decision JSON with nlohmann/json.

#include "runtime-stub/json/decision_json.h"

#include <nlohmann/json.hpp>

namespace gwrt {

namespace {

bool ReadHeaders(const nlohmann::json& j, Headers* out) {
  if (!j.is_object()) return false;
  for (const auto& [name, value] : j.items()) {
    if (!value.is_string()) return false;
    out->emplace_back(name, value.get<std::string>());
  }
  return true;
}

nlohmann::json HeadersJson(const Headers& headers) {
  nlohmann::json out = nlohmann::json::object();
  for (const auto& [name, value] : headers) out[name] = value;
  return out;
}

}  // namespace

bool SplitUrl(const std::string& url, Request* req) {
  size_t sep = url.find("://");
  if (sep == std::string::npos) return false;
  req->scheme = url.substr(0, sep);
  if (req->scheme != "http" && req->scheme != "https") return false;
  size_t path = url.find('/', sep + 3);
  req->host = url.substr(sep + 3, path == std::string::npos ? std::string::npos : path - sep - 3);
  req->path = path == std::string::npos ? "/" : url.substr(path);
  size_t colon = req->host.rfind(':');
  req->port = req->scheme == "https" ? 443 : 80;
  if (colon != std::string::npos && req->host.find(']', colon) == std::string::npos) {
    std::string digits = req->host.substr(colon + 1);
    if (digits.empty() || digits.size() > 5 || digits.find_first_not_of("0123456789") != std::string::npos) {
      return false;
    }
    req->port = std::stoi(digits);
  }
  return !req->host.empty();
}

bool RequestFromJson(const nlohmann::json& j, Request* req, std::string* error) {
  if (!j.is_object()) {
    *error = "a request is a JSON object";
    return false;
  }
  auto text = [&](const char* key, std::string* out) {
    if (!j.contains(key)) return true;
    if (!j[key].is_string()) {
      *error = std::string("\"") + key + "\" must be a string";
      return false;
    }
    *out = j[key].get<std::string>();
    return true;
  };
  std::string url;
  if (!text("url", &url) || !text("gateway", &req->gateway) || !text("method", &req->method) ||
      !text("scheme", &req->scheme) || !text("host", &req->host) || !text("path", &req->path) ||
      !text("sni", &req->sni)) {
    return false;
  }
  if (!url.empty() && !SplitUrl(url, req)) {
    *error = "\"url\" is not an absolute http or https URL: " + url;
    return false;
  }
  if (j.contains("port")) {
    if (!j["port"].is_number_integer() || j["port"].get<int64_t>() < 1 || j["port"].get<int64_t>() > 65535) {
      *error = "\"port\" must be an integer in 1..65535";
      return false;
    }
    req->port = j["port"].get<int>();
  }
  if (j.contains("headers") && !ReadHeaders(j["headers"], &req->headers)) {
    *error = "\"headers\" must map names to strings";
    return false;
  }
  if (j.contains("backendResponseHeaders") &&
      !ReadHeaders(j["backendResponseHeaders"], &req->backend_response_headers)) {
    *error = "\"backendResponseHeaders\" must map names to strings";
    return false;
  }
  if (j.contains("clientIP")) {
    if (!j["clientIP"].is_string()) {
      *error = "\"clientIP\" must be an address string";
      return false;
    }
    req->client_ip = j["clientIP"].get<std::string>();
  }
  if (j.contains("bodyBytes")) {
    if (!j["bodyBytes"].is_number_integer() || j["bodyBytes"].get<int64_t>() < 0) {
      *error = "\"bodyBytes\" must be a whole number of bytes";
      return false;
    }
    req->body_bytes = j["bodyBytes"].get<int64_t>();
  }
  if (j.contains("grpc")) {
    if (!j["grpc"].is_boolean()) {
      *error = "\"grpc\" must be true or false";
      return false;
    }
    req->grpc = j["grpc"].get<bool>();
  }
  if (j.contains("sample")) {
    if (!j["sample"].is_number()) {
      *error = "\"sample\" must be a number in [0, 1)";
      return false;
    }
    req->sample = j["sample"].get<double>();
  }
  return true;
}

nlohmann::json DecisionToJson(const Decision& d) {
  nlohmann::json j;
  j["status"] = d.status;
  if (!d.reason.empty()) j["reason"] = d.reason;
  if (d.rule < 0) return j;
  j["gateway"] = d.gateway;
  j["listener"] = d.listener;
  j["route"] = {{"kind", d.route_kind}, {"name", d.route}, {"rule", d.rule}};
  if (!d.rule_name.empty()) j["route"]["ruleName"] = d.rule_name;
  nlohmann::json candidates = nlohmann::json::array();
  for (const BackendChoice& b : d.candidates) {
    nlohmann::json c = {{"backend", b.ns + "/" + b.name + ":" + std::to_string(b.port)},
                        {"weight", b.weight}};
    if (!b.problem.empty()) c["problem"] = b.problem;
    if (!b.tls_sni.empty()) c["tlsServerName"] = b.tls_sni;
    candidates.push_back(c);
  }
  j["candidates"] = candidates;
  if (d.chosen >= 0 && d.upstream) {  // a candidate that cannot serve is in `candidates` only
    const BackendChoice& b = d.candidates[d.chosen];
    j["backend"] = b.ns + "/" + b.name + ":" + std::to_string(b.port);
  } else {
    j["backend"] = nullptr;
  }
  j["upstream"] = d.upstream;
  if (d.upstream) {
    j["request"] = {{"method", d.method}, {"host", d.host}, {"path", d.path},
                    {"headers", HeadersJson(d.request_headers)}};
  }
  if (!d.response_headers.empty()) j["responseHeaders"] = HeadersJson(d.response_headers);
  if (!d.location.empty()) j["redirect"] = d.location;
  if (!d.mirrors.empty()) {
    nlohmann::json mirrors = nlohmann::json::array();
    for (const MirrorTarget& m : d.mirrors) {
      mirrors.push_back({{"backend", m.ns + "/" + m.name + ":" + std::to_string(m.port)},
                         {"percent", m.percent}});
    }
    j["mirrors"] = mirrors;
  }
  if (!d.policy.empty()) {
    nlohmann::json steps = nlohmann::json::array();
    for (const PolicyStep& s : d.policy) steps.push_back({{"op", s.op}, {"result", s.result}});
    j["policy"] = {{"steps", steps}};
    if (!d.consumer.empty()) j["policy"]["consumer"] = d.consumer;
    if (!d.denied.empty()) j["policy"]["denied"] = d.denied;
    if (d.rate_limited) j["policy"]["rateLimited"] = true;
  }
  if (d.request_timeout_ms) j["timeouts"]["requestMs"] = *d.request_timeout_ms;
  if (d.backend_timeout_ms) j["timeouts"]["backendRequestMs"] = *d.backend_timeout_ms;
  return j;
}

}  // namespace gwrt

// Copyright 2026 The gwc Authors.
//
// The JSON forms of requests and decisions (docs/runtime.md), shared by
// `gwrt match`/`replay` and `gwc test --format json`. Kept out of the
// runtime library so embedding the matcher needs no JSON library.

#ifndef GWRT_JSON_DECISION_JSON_H_
#define GWRT_JSON_DECISION_JSON_H_

#include <string>

#include <nlohmann/json_fwd.hpp>

#include "gwrt/router.h"

namespace gwrt {

// Reads a request object: either "url" ("https://host:8443/path?q") or
// "scheme", "host", "port", "path"; plus "method", "headers" (object of
// name → value), "gateway", "grpc", "sample", "backendResponseHeaders".
// Returns false with `error` set when a field has the wrong type or the URL
// cannot be read.
bool RequestFromJson(const nlohmann::json& j, Request* req, std::string* error);

// Splits an absolute http(s) URL into scheme, host (with any port), port
// and path. Returns false when it is not one.
bool SplitUrl(const std::string& url, Request* req);

nlohmann::json DecisionToJson(const Decision& d);

}  // namespace gwrt

#endif  // GWRT_JSON_DECISION_JSON_H_

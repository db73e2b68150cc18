// Copyright 2026 The gwc Authors.
//
// gwrt: the runtime's command line: verify .gwb files, print their
// container (`dump`), answer one request (`match`) or a stream of them
// (`replay`, JSON lines in and out) with decision JSON (docs/runtime.md),
// or serve HTTP as a gateway (`serve`, docs/serve.md).
// Exit codes as for gwc: 0 ok, 2 usage error, invalid artifact or request.

#include <cstdio>
#include <cstring>
#include <fstream>
#include <iostream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>

#include "runtime-stub/json/decision_json.h"
#include "runtime-stub/serve/serve.h"
#include "gwrt/artifact.h"
#include "gwrt/jwks.h"
#include "gwrt/router.h"

namespace {

constexpr int kExitOk = 0;
constexpr int kExitInvalid = 2;

int Usage() {
  std::fprintf(stderr,
               "usage: gwrt verify FILE...   check every offset, length and checksum\n"
               "       gwrt dump FILE        print the header and the section table\n"
               "       gwrt disasm FILE      print every policy program\n"
               "       gwrt isa              print the policy instruction set (Markdown)\n"
               "       gwrt match FILE URL [-X METHOD] [-H 'Name: value']... [--gateway NS/NAME] [--grpc]\n"
               "       gwrt match FILE --request JSON\n"
               "                             print the decision for one request as JSON\n"
               "       gwrt replay FILE [REQUESTS.jsonl|-]\n"
               "                             one decision (JSON line) per request line\n"
               "       gwrt serve FILE [--listen HOST:PORT] [--admin HOST:PORT] [--upstream NS/NAME[:PORT]=HOST:PORT]...\n"
               "                  [--gateway NS/NAME] [--gateway-port N] [--ratelimit-store redis://HOST:PORT[/DB]]\n"
               "                  [--ratelimit-fail open|closed] [--access-log -|off|FILE] [--threads N]\n"
               "                  [--drain-seconds N]\n"
               "                             an HTTP/1.1 gateway on loopback (docs/serve.md)\n"
               "every command: --jwks URL=FILE (repeatable) gives the key set a remote JWKS URL stands for\n");
  return kExitInvalid;
}

std::unique_ptr<gwrt::Artifact> OpenOrReport(const char* path) {
  gwrt::VerifyError error;
  auto artifact = gwrt::Artifact::Open(path, &error);
  if (!artifact) std::fprintf(stderr, "gwrt: %s: %s\n", path, error.ToString().c_str());
  return artifact;
}

// The key sets of the --jwks flags (gwrt/jwks.h), for every Router made.
gwrt::RemoteJwks remote_jwks;

// Removes every "--jwks URL=FILE" from argv, reading the files into
// remote_jwks; false (reported) when one cannot be read.
bool TakeJwksFlags(int* argc, char** argv) {
  int kept = 1;
  for (int i = 1; i < *argc; ++i) {
    std::string error;
    if (std::strcmp(argv[i], "--jwks") != 0) {
      argv[kept++] = argv[i];
    } else if (i + 1 == *argc || !gwrt::AddRemoteJwks(argv[++i], &remote_jwks, &error)) {
      std::fprintf(stderr, "gwrt: %s\n", error.empty() ? "--jwks needs URL=FILE" : error.c_str());
      return false;
    }
  }
  *argc = kept;
  argv[kept] = nullptr;
  return true;
}

// Verifies the route sections too when the file has a route table.
// Warns about remote JWKS the table names and --jwks did not give.
std::unique_ptr<gwrt::Router> RouterOrReport(const char* path, const gwrt::Artifact& artifact,
                                             bool compile_regexes = false) {
  gwrt::VerifyError error;
  auto router = gwrt::Router::Create(artifact, remote_jwks, &error);
  if (router && compile_regexes && !router->CompileRegexes(&error)) router.reset();
  if (!router) {
    std::fprintf(stderr, "gwrt: %s: %s\n", path, error.ToString().c_str());
    return router;
  }
  std::istringstream lines(gwrt::MissingJwksWarning(router->MissingJwks()));
  for (std::string line; std::getline(lines, line);) std::fprintf(stderr, "gwrt: %s: warning: %s\n", path, line.c_str());
  return router;
}

int Verify(int argc, char** argv) {
  int status = kExitOk;
  for (int i = 2; i < argc; ++i) {
    auto artifact = OpenOrReport(argv[i]);
    bool has_routes = artifact && !artifact->Section(gwb::SectionId::kRoutes).empty();
    if (!artifact || (has_routes && !RouterOrReport(argv[i], *artifact, /*compile_regexes=*/true))) {
      status = kExitInvalid;
      continue;
    }
    std::printf("%s: ok (format %u.%u, %zu sections, %zu bytes)\n", argv[i],
                artifact->header().major, artifact->header().minor, artifact->sections().size(),
                artifact->size());
  }
  return status;
}

int Dump(const char* path) {
  auto artifact = OpenOrReport(path);
  if (!artifact) return kExitInvalid;
  const gwb::Header& h = artifact->header();
  std::printf("format %u.%u\nflags 0x%x\nbytes %llu\ninput digest %016llx\nsections %u\n",
              h.major, h.minor, h.flags, static_cast<unsigned long long>(h.file_size),
              static_cast<unsigned long long>(h.input_digest), h.section_count);
  for (const gwb::SectionEntry& e : artifact->sections()) {
    const gwb::SectionInfo* info = gwb::FindSection(e.id);
    std::printf("  %-12s id %-3u offset 0x%-8llx bytes %llu", info ? info->name : "(unknown)",
                e.id, static_cast<unsigned long long>(e.offset),
                static_cast<unsigned long long>(e.size));
    if (info && info->record_bytes) {
      gwb::RecordsHeader rh{};
      std::memcpy(&rh, artifact->Section(info->id).data(), sizeof rh);
      std::printf(", records %u", rh.count);
    }
    std::printf("\n");
  }
  return kExitOk;
}

// Reads `gwrt match` arguments after FILE into a request.
bool ParseMatchArgs(int argc, char** argv, gwrt::Request* req) {
  bool have_url = false;
  for (int i = 3; i < argc; ++i) {
    std::string arg = argv[i];
    bool has_value = i + 1 < argc;
    if (arg == "--request" && has_value) {
      std::string error;
      nlohmann::json j = nlohmann::json::parse(argv[++i], nullptr, /*allow_exceptions=*/false);
      if (j.is_discarded() || !gwrt::RequestFromJson(j, req, &error)) {
        std::fprintf(stderr, "gwrt: --request: %s\n", j.is_discarded() ? "not JSON" : error.c_str());
        return false;
      }
      have_url = true;
    } else if (arg == "-X" && has_value) {
      req->method = argv[++i];
    } else if (arg == "-H" && has_value) {
      std::string h = argv[++i];
      size_t colon = h.find(':');
      if (colon == std::string::npos) {
        std::fprintf(stderr, "gwrt: -H expects 'Name: value', got '%s'\n", h.c_str());
        return false;
      }
      size_t v = h.find_first_not_of(' ', colon + 1);
      req->headers.emplace_back(h.substr(0, colon), v == std::string::npos ? "" : h.substr(v));
    } else if (arg == "--gateway" && has_value) {
      req->gateway = argv[++i];
    } else if (arg == "--grpc") {
      req->grpc = true;
    } else if (!have_url && gwrt::SplitUrl(arg, req)) {
      have_url = true;
    } else {
      std::fprintf(stderr, "gwrt: unexpected argument '%s'\n", arg.c_str());
      return false;
    }
  }
  if (!have_url) std::fprintf(stderr, "gwrt: match needs a URL or --request\n");
  return have_url;
}

int Match(int argc, char** argv) {
  auto artifact = OpenOrReport(argv[2]);
  if (!artifact) return kExitInvalid;
  auto router = RouterOrReport(argv[2], *artifact);
  if (!router) return kExitInvalid;
  gwrt::Request req;
  if (!ParseMatchArgs(argc, argv, &req)) return kExitInvalid;
  std::cout << gwrt::DecisionToJson(router->Decide(req)).dump(2) << "\n";
  return kExitOk;
}

int Replay(const char* path, const char* requests) {
  auto artifact = OpenOrReport(path);
  if (!artifact) return kExitInvalid;
  auto router = RouterOrReport(path, *artifact);
  if (!router) return kExitInvalid;
  std::ifstream file;
  std::istream* in = &std::cin;
  if (requests && std::string(requests) != "-") {
    file.open(requests);
    if (!file) {
      std::fprintf(stderr, "gwrt: cannot read '%s'\n", requests);
      return kExitInvalid;
    }
    in = &file;
  }
  std::string line;
  int status = kExitOk;
  for (size_t n = 1; std::getline(*in, line); ++n) {
    if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
    gwrt::Request req;
    std::string error;
    nlohmann::json j = nlohmann::json::parse(line, nullptr, /*allow_exceptions=*/false);
    if (j.is_discarded() || !gwrt::RequestFromJson(j, &req, &error)) {
      std::fprintf(stderr, "gwrt: %s:%zu: %s\n", requests ? requests : "-", n,
                   j.is_discarded() ? "not a JSON object" : error.c_str());
      std::cout << nlohmann::json{{"error", j.is_discarded() ? "not JSON" : error}}.dump() << "\n";
      status = kExitInvalid;
      continue;
    }
    std::cout << gwrt::DecisionToJson(router->Decide(req)).dump() << "\n";
  }
  return status;
}

}  // namespace

int Disasm(const char* path) {
  auto artifact = OpenOrReport(path);
  auto router = artifact ? RouterOrReport(path, *artifact) : nullptr;
  if (!router) return kExitInvalid;
  std::fputs(router->Disassemble().c_str(), stdout);
  return kExitOk;
}

int main(int argc, char** argv) {
  if (argc == 2 && std::string(argv[1]) == "isa") {
    std::fputs(gwrt::InstructionSetMarkdown().c_str(), stdout);
    return kExitOk;
  }
  if (argc < 3) return Usage();
  std::string command = argv[1];
  // serve reads its --jwks files itself, again at every reload.
  if (command != "serve" && !TakeJwksFlags(&argc, argv)) return kExitInvalid;
  if (argc < 3) return Usage();
  if (command == "disasm" && argc == 3) return Disasm(argv[2]);
  if (command == "verify") return Verify(argc, argv);
  if (command == "dump" && argc == 3) return Dump(argv[2]);
  if (command == "match") return Match(argc, argv);
  if (command == "serve") {
    gwrt::serve::ServeOptions options;
    std::string error;
    if (!gwrt::serve::ParseServeOptions(argc, argv, 2, &options, &error)) {
      std::fprintf(stderr, "gwrt: %s\n", error.c_str());
      return Usage();
    }
    return gwrt::serve::Serve(options);
  }
  if (command == "replay" && argc <= 4) return Replay(argv[2], argc == 4 ? argv[3] : nullptr);
  return Usage();
}

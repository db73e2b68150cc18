// Copyright 2026 The gwc Authors.
//
// Path expansion, parallel reading and parsing, and object extraction.

#include "compiler/frontend/loader.h"

#include "compiler/base/parallel.h"
#include "compiler/frontend/text_encoding.h"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <functional>
#include <iostream>
#include <iterator>
#include <mutex>
#include <thread>
#include <unordered_map>
#include <sstream>

namespace gwc {

namespace fs = std::filesystem;

namespace {

bool HasYamlExtension(const fs::path& p) {
  std::string ext = p.extension().string();
  return ext == ".yaml" || ext == ".yml" || ext == ".json";
}

void ReportUnreadable(SourceSet* sources, DiagnosticSink* diags, const std::string& path,
                      const std::string& why) {
  const SourceFile* f = sources->Add(path, "");
  Diagnostic d;
  d.code = DiagCode::kUnreadable;
  d.severity = Severity::kError;
  d.message = "cannot read '" + path + "': " + why;
  d.span = Span{f->id(), 0, 0};
  diags->Add(std::move(d));
}

bool ReadFile(const std::string& path, std::string* out, std::string* error) {
  if (path == "-") {
    std::ostringstream ss;
    ss << std::cin.rdbuf();
    *out = ss.str();
    return true;
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    *error = std::strerror(errno);
    return false;
  }
  in.seekg(0, std::ios::end);
  std::streamoff size = in.tellg();
  if (size < 0) {  // not seekable (a pipe given as /dev/stdin)
    in.seekg(0);
    out->assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
    return true;
  }
  out->resize(static_cast<size_t>(size));
  in.seekg(0);
  in.read(out->data(), size);
  if (!in) {
    *error = "read failed";
    return false;
  }
  return true;
}

bool GlobMatch(std::string_view pattern, std::string_view text) {
  if (pattern.empty()) return text.empty();
  if (pattern.substr(0, 2) == "**") {
    std::string_view rest = pattern.substr(2);
    if (!rest.empty() && rest[0] == '/') rest.remove_prefix(1);
    for (size_t i = 0; i <= text.size(); ++i) {
      if (GlobMatch(rest, text.substr(i))) return true;
    }
    return false;
  }
  if (pattern[0] == '*') {
    for (size_t i = 0; i <= text.size(); ++i) {
      if (i > 0 && text[i - 1] == '/') break;
      if (GlobMatch(pattern.substr(1), text.substr(i))) return true;
    }
    return false;
  }
  if (text.empty()) return false;
  if (pattern[0] == '?' ? text[0] != '/' : pattern[0] == text[0]) {
    return GlobMatch(pattern.substr(1), text.substr(1));
  }
  return false;
}

}  // namespace

const SourceFile* ReadSourceFile(const std::string& path, SourceSet* sources) {
  std::string text, error;
  if (!ReadFile(path, &text, &error)) return nullptr;
  return sources->Add(path, NormalizeEncoding(std::move(text)));
}

bool MatchesAnyGlob(const std::string& path, const std::vector<std::string>& globs) {
  std::string_view p = path;
  if (p.substr(0, 2) == "./") p.remove_prefix(2);
  for (const std::string& g : globs) {
    std::string_view pattern = g;
    if (pattern.substr(0, 2) == "./") pattern.remove_prefix(2);
    if (GlobMatch(pattern, p)) return true;
  }
  return false;
}

std::vector<std::string> ExpandPaths(const std::vector<std::string>& paths, DiagnosticSink* diags,
                                     SourceSet* sources) {
  std::vector<std::string> out;
  for (const std::string& p : paths) {
    if (p == "-") {
      out.push_back(p);
      continue;
    }
    std::error_code ec;
    fs::file_status st = fs::status(p, ec);
    if (ec || !fs::exists(st)) {
      ReportUnreadable(sources, diags, p, "no such file or directory");
      continue;
    }
    if (!fs::is_directory(st)) {
      out.push_back(p);
      continue;
    }
    std::vector<std::string> found;
    auto opts = fs::directory_options::skip_permission_denied;
    for (auto it = fs::recursive_directory_iterator(p, opts, ec);
         !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
      const fs::path& entry = it->path();
      std::string name = entry.filename().string();
      if (it->is_directory() && name.size() > 1 && name[0] == '.') {
        it.disable_recursion_pending();  // .git and friends
        continue;
      }
      if (it->is_regular_file() && HasYamlExtension(entry)) found.push_back(entry.string());
    }
    if (ec) ReportUnreadable(sources, diags, p, ec.message());
    std::sort(found.begin(), found.end());
    out.insert(out.end(), found.begin(), found.end());
  }
  return out;
}

size_t LoadInputs(const std::vector<std::string>& paths, const LoadOptions& options,
                  LoadedInputs* out, DiagnosticSink* diags) {
  std::vector<std::string> files = ExpandPaths(paths, diags, &out->sources);
  if (!options.exclude.empty()) {
    files.erase(std::remove_if(files.begin(), files.end(),
                               [&](const std::string& f) {
                                 return f != "-" && MatchesAnyGlob(f, options.exclude);
                               }),
                files.end());
  }
  std::vector<std::string> texts(files.size());
  std::vector<std::string> errors(files.size());
  std::vector<char> ok(files.size(), 0);
  // stdin cannot be read from a worker thread safely alongside others; read it first.
  for (size_t i = 0; i < files.size(); ++i) {
    if (files[i] == "-") ok[i] = ReadFile("-", &texts[i], &errors[i]);
  }
  ParallelFor(files.size(), options.threads, [&](size_t i) {
    if (files[i] != "-") ok[i] = ReadFile(files[i], &texts[i], &errors[i]);
  });
  // Register in path order so file ids, and with them the output, are deterministic.
  std::vector<const SourceFile*> sources(files.size(), nullptr);
  for (size_t i = 0; i < files.size(); ++i) {
    if (!ok[i]) {
      ReportUnreadable(&out->sources, diags, files[i], errors[i]);
      continue;
    }
    sources[i] = out->sources.Add(files[i] == "-" ? "<stdin>" : files[i],
                                  NormalizeEncoding(std::move(texts[i])));
  }
  out->files.resize(files.size());
  std::vector<std::vector<Object>> per_file(files.size());
  // One arena per worker thread: big shared blocks instead of many small ones.
  std::mutex arenas_mu;
  std::unordered_map<std::thread::id, Arena*> arena_of;
  auto thread_arena = [&]() {
    std::lock_guard<std::mutex> lock(arenas_mu);
    Arena*& a = arena_of[std::this_thread::get_id()];
    if (!a) {
      out->arenas.push_back(std::make_unique<Arena>());
      a = out->arenas.back().get();
    }
    return a;
  };
  ParallelFor(files.size(), options.threads, [&](size_t i) {
    if (!sources[i]) return;
    out->files[i] = ParseYaml(*sources[i], options.limits, diags, thread_arena());
    for (const ParsedDocument& doc : out->files[i].documents) {
      ExtractObjects(*sources[i], out->files[i].arena, doc.root, &per_file[i], diags);
    }
    if (options.on_object) {
      for (Object& o : per_file[i]) options.on_object(&o);
    }
  });
  for (auto& objs : per_file) {
    for (Object& o : objs) {
      o.ordinal = static_cast<uint32_t>(out->objects.size());
      out->objects.push_back(o);
    }
  }
  return files.size();
}

}  // namespace gwc

// Copyright 2026 The gwc Authors.
//
// Loading and swapping the served table (live_table.h).

#include "runtime-stub/serve/live_table.h"

#include <sys/stat.h>

#include <fstream>
#include <sstream>

namespace gwrt::serve {

LiveTable::Stamp LiveTable::StampNow() const {
  struct stat st{};
  Stamp s;
  if (stat(path_.c_str(), &st) != 0) return s;
  s.dev = st.st_dev;
  s.ino = st.st_ino;
  s.size = st.st_size;
  s.mtime_ns = static_cast<int64_t>(st.st_mtim.tv_sec) * 1000000000 + st.st_mtim.tv_nsec;
  return s;
}

bool LiveTable::FileChanged() const {
  Stamp now = StampNow();
  std::lock_guard<std::mutex> lock(mu_);
  return !(now == loaded_);
}

bool LiveTable::Load(std::string* error) {
  Stamp before = StampNow();
  {
    std::lock_guard<std::mutex> lock(mu_);
    loaded_ = before;
  }
  auto table = std::make_shared<Table>();
  std::ifstream in(path_, std::ios::binary);
  if (!in) {
    *error = path_ + ": cannot be read";
    return false;
  }
  std::ostringstream bytes;
  bytes << in.rdbuf();
  std::string copy = std::move(bytes).str();
  // A writer still at work: the stamp moves, and the next check loads again.
  if (!(StampNow() == before)) {
    std::lock_guard<std::mutex> lock(mu_);
    loaded_ = Stamp{};
  }
  RemoteJwks remote;
  for (const std::string& spec : jwks_) {
    if (!AddRemoteJwks(spec, &remote, error)) return false;
  }
  VerifyError verify;
  table->artifact = Artifact::Copy(copy, &verify);
  if (table->artifact) table->router = Router::Create(*table->artifact, remote, &verify);
  if (table->router && !table->router->CompileRegexes(&verify)) table->router.reset();
  if (!table->router) {
    *error = path_ + ": " + verify.ToString();
    return false;
  }
  std::lock_guard<std::mutex> lock(mu_);
  current_ = std::move(table);
  return true;
}

std::shared_ptr<const Table> LiveTable::Current() const {
  std::lock_guard<std::mutex> lock(mu_);
  return current_;
}

}  // namespace gwrt::serve

// Copyright 2026 The gwc Authors.
//
// The table `gwrt serve` answers from, replaceable while requests use it.
// A load reads the whole file into memory (so a file rewritten in place
// can never change or truncate the bytes a request is reading), verifies
// it completely, compiles its regexes, and only then swaps it in. Requests
// hold the table they started with until they finish; a file that fails
// verification is refused and the current table keeps serving.

#ifndef GWRT_SERVE_LIVE_TABLE_H_
#define GWRT_SERVE_LIVE_TABLE_H_

#include <sys/types.h>

#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "gwrt/artifact.h"
#include "gwrt/router.h"

namespace gwrt::serve {

// One verified table (the Artifact owns a copy of the file's bytes).
struct Table {
  std::unique_ptr<Artifact> artifact;
  std::unique_ptr<Router> router;
  uint64_t input_digest() const { return artifact->header().input_digest; }
};

class LiveTable {
 public:
  // `jwks`: "URL=FILE" key sets for remote JWKS endpoints (gwrt/jwks.h),
  // read again at every load so that rotated keys are picked up.
  LiveTable(std::string path, std::vector<std::string> jwks) : path_(std::move(path)), jwks_(std::move(jwks)) {}

  // Reads, verifies and swaps in the file. Returns true when the new table
  // serves; false with `error` ("<path>: section ..., field ...") when the
  // file (or a --jwks file) is unreadable or invalid, and the current
  // table (if any) stays.
  bool Load(std::string* error);

  // Whether the file looks different (inode, size or modification time)
  // from the one the last Load read: the cue to load again.
  bool FileChanged() const;

  // The table serving now; null before the first successful Load.
  std::shared_ptr<const Table> Current() const;

  const std::string& path() const { return path_; }

 private:
  struct Stamp {
    dev_t dev = 0;
    ino_t ino = 0;
    off_t size = -1;
    int64_t mtime_ns = -1;
    bool operator==(const Stamp&) const = default;
  };
  Stamp StampNow() const;

  const std::string path_;
  const std::vector<std::string> jwks_;
  mutable std::mutex mu_;
  std::shared_ptr<const Table> current_;
  Stamp loaded_;  // the stamp of the file the last Load attempt read
};

}  // namespace gwrt::serve

#endif  // GWRT_SERVE_LIVE_TABLE_H_

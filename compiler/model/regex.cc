// Copyright 2026 The gwc Authors.

#include "compiler/model/regex.h"

#include <re2/re2.h>

namespace gwc {

std::string Re2Spelling(std::string_view re) {
  std::string out;
  for (size_t i = 0; i < re.size(); ++i) {
    out.push_back(re[i]);
    if (re[i] == '\\' && i + 1 < re.size()) {
      out.push_back(re[++i]);
    } else if (re.substr(i, 3) == "(?<" && i + 3 < re.size() && re[i + 3] != '=' && re[i + 3] != '!') {
      out += "?P<";
      i += 2;
    }
  }
  return out;
}

std::string Re2Error(std::string_view re) {
  RE2::Options opts;
  opts.set_log_errors(false);
  RE2 compiled(Re2Spelling(re), opts);
  return compiled.ok() ? "" : compiled.error();
}

}  // namespace gwc

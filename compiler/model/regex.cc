// Copyright 2026 The gwc Authors.

#include "compiler/model/regex.h"

#include <re2/re2.h>

namespace gwc {

std::string Re2Spelling(std::string_view re) {
  std::string out;
  bool in_class = false;  // inside [...], where "(?<" is three characters
  for (size_t i = 0; i < re.size(); ++i) {
    if (re.substr(i, 2) == "\\Q") {  // literal text up to \E
      size_t end = re.find("\\E", i + 2);
      end = end == std::string_view::npos ? re.size() : end + 2;
      out.append(re.substr(i, end - i));
      i = end - 1;
      continue;
    }
    out.push_back(re[i]);
    if (re[i] == '\\' && i + 1 < re.size()) {
      out.push_back(re[++i]);
    } else if (in_class) {
      in_class = re[i] != ']';
    } else if (re[i] == '[') {
      in_class = true;
      // A ']' right after '[' or '[^' is a member, not the end.
      if (i + 1 < re.size() && re[i + 1] == '^') out.push_back(re[++i]);
      if (i + 1 < re.size() && re[i + 1] == ']') out.push_back(re[++i]);
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

// Copyright 2026 The gwc Authors.
//
// Input text normalisation before parsing: UTF-16 input (with a byte-order
// mark) is transcoded to UTF-8 and a UTF-8 byte-order mark is dropped, so
// spans, line numbers and printed source lines all refer to one UTF-8 text.

#ifndef GWC_FRONTEND_TEXT_ENCODING_H_
#define GWC_FRONTEND_TEXT_ENCODING_H_

#include <string>

namespace gwc {

// Returns `text` as UTF-8 without a byte-order mark. Text without a BOM is
// returned unchanged (invalid UTF-8 is left for the parser to report).
// Unpaired UTF-16 surrogates become U+FFFD.
std::string NormalizeEncoding(std::string text);

}  // namespace gwc

#endif  // GWC_FRONTEND_TEXT_ENCODING_H_

// Copyright 2026 The gwc Authors.
//
// Filter records (docs/format.md, "Filters") made from the IR, shared by
// the route table (route and backend filters) and the policy assembler
// (CORS and transform records that policy programs name).

#ifndef GWC_EMIT_FILTER_RECORDS_H_
#define GWC_EMIT_FILTER_RECORDS_H_

#include <string_view>
#include <vector>

#include "compiler/emit/artifact_writer.h"
#include "compiler/ir/ir.h"

namespace gwc {

// A record of `type` with strings `a` and `b`, no backend, other fields 0.
gwb::FilterRecord FilterRecordOf(ArtifactWriter* w, gwb::FilterType type, std::string_view a = {},
                                 std::string_view b = {});

// The CORS records of `cors`: one kCorsOrigin per origin, the lists, then
// the kCorsPolicy record.
void AppendCorsRecords(ArtifactWriter* w, const ir::Cors& cors, std::vector<gwb::FilterRecord>* out);

}  // namespace gwc

#endif  // GWC_EMIT_FILTER_RECORDS_H_

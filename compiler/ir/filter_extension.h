// Copyright 2026 The gwc Authors.
//
// The plugin interface of a vendor filter: an HTTPRoute rule's
// `ExtensionRef` filter names an object of the vendor's (group, kind), and
// the vendor's plugin says what it does to a request. Without a plugin
// for the kind, or when the object is missing or cannot be read, the rule
// fails closed (500), as the specification requires.

#ifndef GWC_IR_FILTER_EXTENSION_H_
#define GWC_IR_FILTER_EXTENSION_H_

#include <string_view>

#include "compiler/ir/ir.h"
#include "compiler/model/object.h"

namespace gwc {

class FilterExtension {
 public:
  virtual ~FilterExtension() = default;
  virtual std::string_view group() const = 0;
  virtual std::string_view kind() const = 0;
  // Adds what `filter` (an object of this group and kind) does to
  // `filters`. Returns false when it holds nothing gwc can model.
  virtual bool Lower(const Object& filter, ir::Filters* filters) const = 0;
};

}  // namespace gwc

#endif  // GWC_IR_FILTER_EXTENSION_H_

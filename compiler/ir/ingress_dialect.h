// Copyright 2026 The gwc Authors.
//
// The plugin interface of an Ingress controller dialect: what one
// controller (named by IngressClass spec.controller) does differently from
// the Ingress specification's reading. The core lowering reads every path
// the way the specification does (Exact, element-wise Prefix,
// ImplementationSpecific as Prefix) and hands each host's rules to the
// dialect, which rewrites them into what its controller programs: regex
// locations, rewrites, redirects, canary weights. The same lowering feeds
// `gwc compile` (the original configuration) and `gwc migrate` (which
// writes the IR back out as Gateway API), so a dialect also says what
// became of every annotation it owns.

#ifndef GWC_IR_INGRESS_DIALECT_H_
#define GWC_IR_INGRESS_DIALECT_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "compiler/ir/ir.h"
#include "compiler/model/index.h"

namespace gwc {

// One path of an Ingress on one host, as written.
struct IngressPath {
  const Object* ingress = nullptr;
  const Node* node = nullptr;  // the spec.rules[].http.paths[] entry
  std::string_view type;       // pathType ("ImplementationSpecific" when absent)
  std::string value;           // path ("/" when absent)
  uint32_t index = 0;          // position among the Ingress's paths (spec order)
};

// A rule of the IR and the Ingress it came from.
struct IngressRule {
  const Object* ingress = nullptr;
  ir::Rule rule;
};

// The index of a rule a dialect adds (an app-root redirect, a canary's
// header rule): the lowering numbers it after the Ingress's own paths.
inline constexpr uint32_t kAddedRule = UINT32_MAX;

// What became of one annotation in the IR (and so in a migration).
enum class AnnotationFate {
  kTranslated,  // lowered with the controller's meaning
  kPartial,     // lowered, but the result differs in a way `detail` says
  kIgnored,     // read by the controller but with no effect on routing that gwc models
  kUnknown,     // not an annotation of this controller
};

struct AnnotationNote {
  std::string key;
  AnnotationFate fate = AnnotationFate::kIgnored;
  std::string detail;  // for kPartial and kIgnored: what differs or is not modelled
};

class IngressDialect {
 public:
  virtual ~IngressDialect() = default;

  // The IngressClass spec.controller this dialect models.
  virtual std::string_view controller() const = 0;
  // The prefix of the annotations it reads ("nginx.ingress.kubernetes.io/"),
  // by which a class whose IngressClass is not in the input is recognised.
  virtual std::string_view annotation_prefix() const = 0;

  // Rewrites the rules of one host. `paths` are every path on `host` ("" for
  // rules without host) of the class's Ingresses, oldest Ingress first;
  // `(*rules)[i]` arrives holding the specification's reading of `paths[i]`
  // (one match, one backend). The dialect may change matches, filters and
  // backends, clear a rule's matches to drop it (a canary folded into
  // another) and append rules (index kAddedRule). Notes for the user go to
  // `warnings`.
  virtual void LowerHost(const Index& index, const std::string& host,
                         const std::vector<IngressPath>& paths, std::vector<IngressRule>* rules,
                         std::vector<std::string>* warnings) const = 0;

  // The status plain-HTTP requests for `host` of `ingress` get instead of
  // being served, or nullopt when they are served: a 3xx redirects them to
  // https, another (Kong's 426) is the answer itself. `host_has_tls`: some
  // Ingress of the class lists the host under spec.tls.
  virtual std::optional<int> HttpsRedirect(const Object& ingress, bool host_has_tls) const = 0;

  // The ports `ingress` is served on for plain HTTP (`https` false) or
  // HTTPS; empty: 80 and 443.
  virtual std::vector<int> Ports(const Object& ingress, bool https) const = 0;

  // Whether rules without host also answer a named host's requests that
  // its own rules do not match (Kong: one route table); false: a named
  // host is its own server (nginx).
  virtual bool HostlessRulesBackNamedHosts() const = 0;

  // Whether `ingress`'s defaultBackend also answers hosts that no rule of
  // any Ingress names (the specification's reading); false: only the
  // Ingress's own hosts.
  virtual bool DefaultBackendIsCatchAll(const Object& ingress) const = 0;

  // What the lowering made of each annotation of `ingress` this dialect owns.
  virtual std::vector<AnnotationNote> Annotations(const Object& ingress) const = 0;

  // Whether hosts no tls entry names are served over HTTPS too, with the
  // controller's default certificate (ingress-nginx); false: plain HTTP only.
  virtual bool ServesEveryHostOverHttps() const { return false; }

  // Another host whose requests `ingress` redirects to `host` with this
  // status (ingress-nginx's from-to-www-redirect: www.example.com to
  // example.com or the other way round), or nullopt. The lowering adds it
  // only when no rule of the class names that host.
  virtual std::optional<std::pair<std::string, int>> AliasRedirect(const Object& ingress,
                                                                  std::string_view host) const {
    (void)ingress, (void)host;
    return std::nullopt;
  }
};

}  // namespace gwc

#endif  // GWC_IR_INGRESS_DIALECT_H_

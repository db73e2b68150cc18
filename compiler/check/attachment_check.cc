// Copyright 2026 The gwc Authors.
//
// Route attachment as a conformant controller decides it (SEMANTICS.md (c)):
// each parentRef selects listeners by sectionName and port; a listener
// accepts the route if its allowedRoutes admits the route's kind and
// namespace and the hostnames intersect. The findings carry the status
// reason the route would get: NoMatchingParent, NotAllowedByListeners,
// NoMatchingListenerHostname. ListenerSets need their Gateway's
// allowedListeners.

#include <array>
#include <map>
#include <set>
#include <string>

#include "compiler/model/admission.h"
#include "compiler/model/hostname.h"
#include "compiler/check/check.h"
#include "compiler/model/index.h"
#include "compiler/check/report.h"
#include "compiler/model/gateway_api.h"
#include "compiler/model/rule_validity.h"

namespace gwc {

namespace {

void ReportNoListener(const Object& route, const ObjectRef& ref, DiagnosticSink* diags) {
  const Node* at = ref.node->Get("sectionName");
  if (!at) at = ref.node->Get("port");
  std::string what;
  if (!ref.section.empty()) what += "sectionName '" + std::string(ref.section) + "'";
  if (ref.port) what += std::string(what.empty() ? "" : " and ") + "port " + std::to_string(*ref.port);
  Report(diags, DiagCode::kNoMatchingParent, route, at ? at : ref.node,
         std::string(ref.kind) + " " + std::string(ref.ns) + "/" + std::string(ref.name) +
             " has no listener with " + what);
}

void CheckParentRef(const Index& index, const Object& route, const ObjectRef& ref,
                    DiagnosticSink* diags) {
  if (ref.name.empty() || ref.group != kGatewayApiGroup) return;
  if (ref.kind != "Gateway" && ref.kind != "ListenerSet") return;
  const Object* parent = nullptr;
  std::vector<Listener> selected = ListenersSelectedBy(index, ref, &parent);
  if (!parent) {
    Resolution r = index.Resolve(ref.group, ref.kind, ref.ns, ref.name);
    if (r == Resolution::kMissing) {
      Report(diags, DiagCode::kParentNotFound, route, ref.node->Get("name"),
             std::string(ref.kind) + " " + std::string(ref.ns) + "/" + std::string(ref.name) +
                 " is not in the input or the inventory");
    } else if (r == Resolution::kNotInInput) {
      Report(diags, DiagCode::kNotInInput, route, ref.node,
             std::string(ref.kind) + " " + std::string(ref.ns) + "/" + std::string(ref.name) +
                 " cannot be checked: the input has no " + std::string(ref.kind) + " objects",
             {}, "list it in an --inventory file if it lives elsewhere");
    }
    return;
  }
  ParentAttachment a = AttachToParent(index, route, ref);
  if (a.reason == "NoMatchingParent") {
    if (!ref.section.empty() || ref.port) ReportNoListener(route, ref, diags);
    return;
  }
  if (a.accepted || a.reason == kUnknownAdmission) return;  // unknown: Namespace labels not in the input
  bool admitted_somewhere = a.reason != "NotAllowedByListeners";
  std::string parent_name = parent->Display();
  if (!admitted_somewhere) {
    Report(diags, DiagCode::kNotAllowedByListeners, route, ref.node->Get("name"),
           "no listener of " + parent_name + " admits " + route.Display() +
               " (allowedRoutes: namespace or kind not allowed)",
           {Related(selected.front().node, "listener '" + std::string(selected.front().name) + "'")});
  } else {
    std::vector<const Node*> hostnames = HostnamesOf(route);
    Report(diags, DiagCode::kNoMatchingListenerHostname, route,
           hostnames.empty() ? ref.node : hostnames.front()->parent,
           "none of the route's hostnames intersects a hostname of the listeners of " +
               parent_name + " it attaches to",
           {Related(selected.front().node->Get("hostname"),
                    "listener hostname '" + std::string(selected.front().hostname) + "'")});
  }
}

void CheckListenerSetParent(const Index& index, const Object& ls, DiagnosticSink* diags) {
  const Node* spec = ls.root->Get("spec");
  const Node* parent = spec ? spec->Get("parentRef") : nullptr;
  if (!parent || !parent->IsMap()) return;
  ObjectRef ref = ReadRef(parent, kGatewayApiGroup, "Gateway", ls.ns);
  const Object* gw = index.Find(ref.group, ref.kind, ref.ns, ref.name);
  if (!gw) {
    Resolution r = index.Resolve(ref.group, ref.kind, ref.ns, ref.name);
    if (r == Resolution::kMissing) {
      Report(diags, DiagCode::kParentNotFound, ls, parent->Get("name"),
             "Gateway " + std::string(ref.ns) + "/" + std::string(ref.name) + " is not in the input");
    } else if (r == Resolution::kNotInInput) {
      Report(diags, DiagCode::kNotInInput, ls, parent,
             "Gateway " + std::string(ref.ns) + "/" + std::string(ref.name) +
                 " cannot be checked: the input has no Gateway objects");
    }
    return;
  }
  std::string from;
  bool ok = ListenerSetAdmitted(index, *gw, ls, &from);
  if (!ok) {
    Report(diags, DiagCode::kListenerSetNotAllowed, ls, parent->Get("name"),
           gw->Display() + " does not allow ListenerSets from namespace '" + std::string(ls.ns) +
               "' (spec.allowedListeners.namespaces.from is " + from + ")");
  }
}

// HTTPRoutes and GRPCRoutes claiming one hostname on one listener.
class KindConflicts {
 public:
  void Add(const Index& index, const Object& route) {
    if (route.kind != "HTTPRoute" && route.kind != "GRPCRoute") return;
    if (RouteRefused(route)) return;  // never stored: it competes with nothing
    std::vector<const Node*> hostnames = HostnamesOf(route);
    for (const ObjectRef& ref : ParentRefsOf(route)) {
      const Object* parent = nullptr;
      for (const Listener& l : ListenersSelectedBy(index, ref, &parent)) {
        for (const Node* h : hostnames) {
          auto host = IntersectHostnames(l.hostname, h->text);
          if (!host) continue;
          std::string key = parent->Display() + '\x1f' + std::string(l.name) + '\x1f' + *host;
          claims_[key][route.kind == "GRPCRoute"].push_back({&route, h});
        }
      }
    }
  }
  void Report(DiagnosticSink* diags) const {
    std::set<const Object*> reported;
    for (const auto& [key, by_kind] : claims_) {
      if (by_kind[0].empty() || by_kind[1].empty()) continue;
      const Claim& http = by_kind[0].front();
      const Claim& grpc = by_kind[1].front();
      const Claim& later = http.route->ordinal > grpc.route->ordinal ? http : grpc;
      const Claim& earlier = &later == &http ? grpc : http;
      if (!reported.insert(later.route).second) continue;
      gwc::Report(diags, DiagCode::kHttpGrpcHostnameConflict, *later.route, later.hostname,
                  "this " + std::string(later.route->kind) + " and " + earlier.route->Display() +
                      " share hostname '" + std::string(later.hostname->text) +
                      "' on one listener; implementations may accept only the older route",
                  {Related(earlier.hostname, "the other route's hostname")});
    }
  }

 private:
  struct Claim {
    const Object* route;
    const Node* hostname;
  };
  std::map<std::string, std::array<std::vector<Claim>, 2>> claims_;
};

}  // namespace

void CheckAttachment(const Index& index, DiagnosticSink* diags) {
  KindConflicts conflicts;
  for (const Object& o : index.objects()) {
    if (o.group != kGatewayApiGroup) continue;
    if (IsRouteKind(o.kind)) {
      for (const ObjectRef& ref : ParentRefsOf(o)) CheckParentRef(index, o, ref, diags);
      conflicts.Add(index, o);
    } else if (o.kind == "ListenerSet") {
      CheckListenerSetParent(index, o, diags);
    }
  }
  conflicts.Report(diags);
}

}  // namespace gwc

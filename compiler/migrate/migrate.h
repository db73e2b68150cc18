// Copyright 2026 The gwc Authors.
//
// Ingress and Istio → Gateway API. The inputs are first lowered into the
// route IR (Ingresses through their controller's dialect, Istio Gateways
// and VirtualServices by the Istio plugin: what the controller really
// routes); the migration writes that IR back out as Gateway API
// resources, so what the output routes is what the input routed, except
// where the target cannot say it, and each such place is in the report:
//
//  * one Gateway per IngressClass (named after the class), or per Istio
//    Gateway (same namespace and name, class "istio"), with a listener per
//    host and port, HTTPS listeners carrying their TLS Secrets;
//  * one HTTPRoute per namespace and host, holding the rules of every
//    Ingress (or VirtualService) on that host, each rule keeping its own
//    source's annotations, attached to the host's listeners by
//    sectionName, oldest source's rules first; a separate route where
//    plain HTTP only redirects;
//  * ReferenceGrants for Secrets in another namespace than the Gateway
//    and for Services in another namespace than their route;
//  * for the envoy-gateway target, what standard Gateway API cannot say as
//    Envoy Gateway resources (HTTPRouteFilter for regex path rewrites and
//    fixed answers, BackendTrafficPolicy and SecurityPolicy for rate and
//    body limits and address lists); for the kong target, KongPlugins
//    (rate-limiting, ip-restriction, request-size-limiting,
//    request-termination) attached to their rule by ExtensionRef.
// Output order and names depend only on the input's content.

#ifndef GWC_MIGRATE_MIGRATE_H_
#define GWC_MIGRATE_MIGRATE_H_

#include <map>
#include <string>
#include <vector>

#include "compiler/ir/ir.h"
#include "compiler/ir/lower_ingress.h"
#include "compiler/model/index.h"

namespace gwc {

enum class MigrationTarget { kStandard, kEnvoyGateway, kKong };

struct MigrateOptions {
  MigrationTarget target = MigrationTarget::kStandard;
  // "ns/name": attach every route to this existing Gateway (no Gateway is
  // written); empty: write one Gateway per IngressClass.
  std::string gateway;
  // Namespace of the Gateways written; empty: the Ingresses' namespace
  // when they all share one, else "default".
  std::string gateway_namespace;
};

// What became of one feature of one input object.
enum class Fate { kTranslated, kPartial, kLost, kUnknown };

struct FateEntry {
  std::string object;  // "Ingress shop/legacy-admin"
  std::string item;    // annotation key or field path
  Fate fate = Fate::kTranslated;
  std::string detail;  // what differs or why it is lost
};

struct MigratedResource {
  std::string ns, kind, name;
  std::string text;  // one YAML document, a comment naming its sources first
};

struct Migration {
  std::vector<MigratedResource> resources;  // by namespace, then kind, then name
  std::vector<FateEntry> report;            // by object, then item
  // Each IR gateway of the input ("ingress/<class>") → the Gateway its
  // routes attach to in the output ("ns/name").
  std::map<std::string, std::string> gateways;
};

// Migrates what `program` holds: what LowerIngresses made of the
// Ingresses of `index` with `lowering`, and the gateways and first-match
// routes of other sources (Istio), which keep their names. `notes` is
// what their lowering recorded, added to the report. Never fails: what
// cannot be written is in the report.
Migration Migrate(const Index& index, const ir::Program& program, const IngressLowering& lowering,
                  const std::vector<FateEntry>& notes, const MigrateOptions& options);

std::string_view FateName(Fate fate);
// A lowering's note as a report fate: what the controller reads but gwc
// does not model is lost.
Fate FateOf(AnnotationFate fate);  // "translated", "partial", "lost", "unknown"

}  // namespace gwc

#endif  // GWC_MIGRATE_MIGRATE_H_

// Copyright 2026 The gwc Authors.
//
// `gwrt disasm`: every policy program as text, one instruction a line with
// its operands spelled out from the records they name, and `gwrt isa`:
// the instruction set of opcodes.def as Markdown (docs/bytecode-opcodes.md).
// Secrets never appear: credentials are counted, JWT keys shown by
// algorithm and size, HMAC secrets not at all.

#include <map>
#include <string>

#include "runtime-stub/src/tables.h"

namespace gwrt {

namespace {

const char* PhaseName(gwb::Phase p) {
  switch (p) {
    case gwb::Phase::kAny: return "any";
    case gwb::Phase::kIpFilter: return "ip filter";
    case gwb::Phase::kCors: return "cors";
    case gwb::Phase::kAuthenticate: return "authenticate";
    case gwb::Phase::kAuthorize: return "authorize";
    case gwb::Phase::kRateLimit: return "rate limit";
    case gwb::Phase::kRequestSize: return "request size";
    case gwb::Phase::kRequestTransform: return "request transform";
    case gwb::Phase::kResponseTransform: return "response transform";
  }
  return "?";
}

const char* OperandName(gwb::OperandKind k) {
  switch (k) {
    case gwb::OperandKind::kNone: return "-";
    case gwb::OperandKind::kCount: return "count";
    case gwb::OperandKind::kSkip: return "skip";
    case gwb::OperandKind::kCidrSet: return "CidrSets index";
    case gwb::OperandKind::kFilters: return "first Filters record";
    case gwb::OperandKind::kAuthConfig: return "AuthConfigs index";
    case gwb::OperandKind::kStrRefs: return "first StrRefs record";
    case gwb::OperandKind::kLimiters: return "first Limiters record";
    case gwb::OperandKind::kAuthzRules: return "first AuthzRules record";
    case gwb::OperandKind::kJwtProvider: return "JwtProviders index";
    case gwb::OperandKind::kJwtProviders: return "first JwtProviders record";
    case gwb::OperandKind::kBytes: return "bytes";
    case gwb::OperandKind::kConsumer: return "Consumers index";
  }
  return "?";
}

class Printer {
 public:
  explicit Printer(const Router::Tables& t) : t_(t) {}

  std::string Program(uint32_t p) {
    gwb::List code = t_.programs[p].code;
    std::string out;
    for (uint32_t pc = 0; pc < code.count; ++pc) {
      const gwb::Instruction& in = t_.code[code.first + pc];
      const gwb::OpInfo* op = gwb::FindOp(static_cast<uint8_t>(in.op));
      char head[48];
      std::snprintf(head, sizeof head, "  %3u  %-18s ", pc, op->name);
      out += head + Operands(in, pc) + "\n";
    }
    return out;
  }

 private:
  std::string S(gwb::Str s) const { return std::string(t_.Str(s)); }
  std::string Refs(gwb::List l) const {
    std::string out;
    for (uint32_t i = l.first; i < l.first + l.count; ++i) out += (out.empty() ? "" : ", ") + S(t_.str_refs[i]);
    return "[" + out + "]";
  }
  std::string Cidrs(uint32_t set) const {
    const gwb::CidrSetRecord& s = t_.cidr_sets[set];
    return std::to_string(s.cidrs.count) + " ranges, status " + std::to_string(s.status);
  }

  std::string Operands(const gwb::Instruction& in, uint32_t pc) const {
    using O = gwb::Opcode;
    switch (in.op) {
      case O::kIpDeny:
      case O::kIpAllow: return "set " + std::to_string(in.y) + " (" + Cidrs(in.y) + ")";
      case O::kCors:
      case O::kRequestEdit:
      case O::kResponseEdit: return "filters " + std::to_string(in.y) + "+" + std::to_string(in.x);
      case O::kKeyAuth:
      case O::kBasicAuth: {
        const gwb::AuthConfigRecord& c = t_.auth_configs[in.y];
        return "config " + std::to_string(in.y) + ": headers " + Refs(c.header_names) + ", query " +
               Refs(c.query_names) + ", " + std::to_string(c.credentials.count) + " credentials" +
               (c.flags & gwb::kAuthHideCredentials ? ", hide" : "") +
               (c.forward_header.length ? ", forward as " + S(c.forward_header) : "");
      }
      case O::kJwt:
      case O::kJwtAny: {
        std::string out;
        for (uint32_t p = in.y; p < in.y + std::max<uint32_t>(in.x, 1); ++p) out += (out.empty() ? "" : "; or ") + Provider(p);
        return out + (in.flags & gwb::kJwtTokenOptional ? "; no token passes" : "");
      }
      case O::kAclAllow:
      case O::kAclDeny: return "groups " + Refs({in.y, in.x});
      case O::kAuthorize: return std::to_string(in.x) + " rules, default " + (in.flags & gwb::kAuthorizeDefaultAllow ? "allow" : "deny");
      case O::kRateLimit: {
        std::string out;
        for (uint32_t i = in.y; i < in.y + in.x; ++i) {
          const gwb::LimiterRecord& l = t_.limiters[i];
          out += (out.empty() ? "" : "; ") + std::to_string(l.limit) + " per " + std::to_string(l.window_s) + "s";
        }
        return out;
      }
      case O::kMaxBody: return std::to_string(in.y) + " bytes";
      case O::kSkipUnlessConsumer:
        return "to " + std::to_string(pc + 1 + in.x) + " unless consumer " + S(t_.consumers[in.y].name);
      case O::kSkip: return "to " + std::to_string(pc + 1 + in.x);
    }
    return "";
  }

  std::string Provider(uint32_t i) const {
    const gwb::JwtProviderRecord& p = t_.jwt_providers[i];
    std::string keys;
    for (uint32_t k = p.keys.first; k < p.keys.first + p.keys.count; ++k) {
      const gwb::JwtKeyRecord& key = t_.jwt_keys[k];
      std::string_view material = t_.key_material.substr(key.material_offset, key.material_length);
      keys += (keys.empty() ? "" : ", ") +
              (key.alg == gwb::JwtAlg::kRemoteJwks ? "JWKS " + std::string(material) : std::string(JwtAlgName(key.alg))) +
              (key.kid.length ? " '" + S(key.kid) + "'" : "");
    }
    return "provider " + std::to_string(i) + ": issuer '" + S(p.issuer) + "', audiences " + Refs(p.audiences) +
           ", keys [" + keys + "]";
  }

  const Router::Tables& t_;
};

}  // namespace

std::string Router::Disassemble() const {
  const Tables& t = *t_;
  std::map<uint32_t, std::vector<std::string>> rules_of;  // program -> the rules that run it
  for (size_t r = 0; r < t.rule_programs.size(); ++r) {
    if (t.rule_programs[r] == gwb::kNone) continue;
    const gwb::RuleRecord& rule = t.rules[r];
    const gwb::RouteRecord& route = t.routes[rule.route];
    rules_of[t.rule_programs[r]].push_back(std::string(t.Str(route.ns)) + "/" + std::string(t.Str(route.name)) +
                                           " rule " + std::to_string(rule.index));
  }
  Printer printer(t);
  std::string out;
  for (uint32_t p = 0; p < t.programs.size(); ++p) {
    out += "program " + std::to_string(p) + " (";
    const std::vector<std::string>& rules = rules_of[p];
    for (size_t i = 0; i < rules.size(); ++i) out += (i ? ", " : "") + rules[i];
    out += "):\n" + printer.Program(p);
  }
  return out;
}

std::string InstructionSetMarkdown() {
  std::string out =
      "<!-- Generated by `gwrt isa` from runtime-stub/format/opcodes.def; do not edit. -->\n"
      "# Policy bytecode: instruction set\n\n"
      "Every instruction is 8 bytes: opcode (u8), flags (u8), x (u16), y (u32). "
      "See [bytecode.md](bytecode.md) for the VM, the phases and the verifier.\n\n"
      "| code | opcode | phase | x | y | what it does |\n|---:|---|---|---|---|---|\n";
  for (const gwb::OpInfo& op : gwb::kOps) {
    out += "| " + std::to_string(static_cast<int>(op.op)) + " | `" + op.name + "` | " + PhaseName(op.phase) + " | " +
           OperandName(op.x) + " | " + OperandName(op.y) + " | " + op.doc + " |\n";
  }
  return out;
}

}  // namespace gwrt

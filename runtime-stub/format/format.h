// Copyright 2026 The gwc Authors.
//
// The .gwb artifact's fixed layout, shared by the writer (compiler/emit)
// and the reader (runtime-stub/src): header, section table, string and list
// references, and section ids from sections.def. docs/format.md is the
// specification; this header mirrors it and asserts every size. Header-only,
// no dependencies beyond the C++ standard library.

#ifndef GWB_FORMAT_FORMAT_H_
#define GWB_FORMAT_FORMAT_H_

#include <bit>
#include <cstddef>
#include <cstdint>

namespace gwb {

static_assert(std::endian::native == std::endian::little,
              "the .gwb format is little-endian and read in place");

inline constexpr uint8_t kMagic[8] = {0x89, 'G', 'W', 'B', '\r', '\n', 0x1a, '\n'};
inline constexpr uint16_t kMajorVersion = 5;
inline constexpr uint16_t kMinorVersion = 0;
inline constexpr uint32_t kNone = 0xFFFFFFFFu;
// Sections start on a cache line, and so (after their 64-byte header) do
// record arrays: a 64-byte hash slot is one line, never two.
inline constexpr uint64_t kSectionAlignment = 64;

// Header flags.
inline constexpr uint32_t kFlagHasPolicies = 1u << 0;
inline constexpr uint32_t kKnownHeaderFlags = kFlagHasPolicies;
// Section table entry flags.
inline constexpr uint32_t kSectionRequired = 1u << 0;
inline constexpr uint32_t kKnownSectionFlags = kSectionRequired;

enum class SectionId : uint32_t {
#define GWB_SECTION(id, name, record_bytes, part) k##name = id,
#include "runtime-stub/format/sections.def"
#undef GWB_SECTION
};

// Which tables a section belongs to (sections.def).
enum class SectionPart : uint8_t { kRoutes, kPolicies };

struct SectionInfo {
  SectionId id;
  const char* name;
  uint32_t record_bytes;  // 0: raw bytes
  SectionPart part;
};

inline constexpr SectionInfo kSections[] = {
#define GWB_SECTION(id, name, record_bytes, part) {SectionId::k##name, #name, record_bytes, SectionPart::k##part},
#include "runtime-stub/format/sections.def"
#undef GWB_SECTION
};

// The section's entry in kSections, or nullptr for an id this version does
// not know.
inline const SectionInfo* FindSection(uint32_t id) {
  for (const SectionInfo& s : kSections) {
    if (static_cast<uint32_t>(s.id) == id) return &s;
  }
  return nullptr;
}

struct Header {
  uint8_t magic[8];
  uint16_t major;
  uint16_t minor;
  uint32_t flags;
  uint64_t file_size;
  uint64_t section_table_offset;
  uint32_t section_count;
  uint32_t zero;
  uint64_t input_digest;     // XXH3-64 of the canonical input
  uint64_t header_checksum;  // XXH3-64 of bytes [0, 48)
  uint64_t table_checksum;   // XXH3-64 of the section table
};
static_assert(sizeof(Header) == 64);
static_assert(offsetof(Header, header_checksum) == 48);
inline constexpr size_t kHeaderChecksummedBytes = offsetof(Header, header_checksum);

struct SectionEntry {
  uint32_t id;
  uint32_t flags;
  uint64_t offset;    // from the start of the file
  uint64_t size;      // bytes
  uint64_t checksum;  // XXH3-64 of the section's bytes
};
static_assert(sizeof(SectionEntry) == 32);

// A record section starts with this.
struct RecordsHeader {
  uint32_t count;
  uint32_t zero[15];
};
static_assert(sizeof(RecordsHeader) == kSectionAlignment);

// A string: bytes [offset, offset + length) of the Strings section.
struct Str {
  uint32_t offset;
  uint32_t length;
};
static_assert(sizeof(Str) == 8);

// Elements [first, first + count) of the section a field names.
struct List {
  uint32_t first;
  uint32_t count;
};
static_assert(sizeof(List) == 8);

// ---- records of the route table sections (docs/format.md, "Sections") ----

enum class Protocol : uint8_t { kHttp = 1, kHttps = 2, kTls = 3, kTcp = 4, kUdp = 5 };
enum class PathKind : uint8_t { kExact = 1, kPrefix = 2, kRegex = 3 };
enum class PredicateWhere : uint8_t { kHeader = 1, kQuery = 2 };
enum class PredicateHow : uint8_t { kExact = 1, kRegex = 2 };
enum class RouteKind : uint8_t { kHttpRoute = 1, kGrpcRoute = 2, kIngress = 3, kVirtualService = 4 };
inline constexpr uint8_t kMatchGrpcOnly = 1u << 0;  // MatchRecord.flags

// Why a backend cannot take traffic (BackendRecord.problem; 0 = it can).
enum class BackendProblem : uint8_t {
  kNone = 0,
  kNotFound = 1,          // BackendNotFound
  kRefNotPermitted = 2,   // cross-namespace without a ReferenceGrant
  kInvalidKind = 3,       // unsupported group/kind
  kUnsupportedProtocol = 4,
  kBackendTlsInvalid = 5,  // its BackendTLSPolicy has no valid CA certificate
};

// FilterRecord.type. `a`, `b` are strings, `code`, `num`, `den`, `backend`
// numbers; docs/format.md gives each type's use of the fields.
enum class FilterType : uint8_t {
  kRequestHeaderSet = 1,   // a name, b value
  kRequestHeaderAdd = 2,   // a name, b value
  kRequestHeaderRemove = 3,  // a name
  kResponseHeaderSet = 4,
  kResponseHeaderAdd = 5,
  kResponseHeaderRemove = 6,
  kRedirect = 7,        // code status; flags kFilterHas*: a scheme, b hostname, num port
  kRedirectPath = 8,    // a value; flags kFilterPrefix: replace the matched prefix
  kRewriteHost = 9,     // a hostname
  kRewritePath = 10,    // a value; flags kFilterPrefix, or kFilterRegex with b the pattern
  kMirror = 11,         // backend (Backends index), num/den share
  kCorsOrigin = 12,     // a origin pattern (one record per allowOrigins entry)
  kCorsMethods = 13,    // a comma-separated list
  kCorsHeaders = 14,    // a comma-separated list
  kCorsExpose = 15,     // a comma-separated list
  kCorsPolicy = 16,     // num maxAge seconds; flags kFilterCredentials
  kFail = 17,           // code: answer with this status (unresolvable filter)
  // Only in policy programs (RequestEdit, ResponseEdit): Kong's
  // request/response-transformer verbs. Replace changes a header or
  // parameter only when present, AddIfAbsent adds one only when absent,
  // Rename moves a to b, Append adds another value.
  kRequestHeaderReplace = 18,
  kRequestHeaderAddIfAbsent = 19,
  kRequestHeaderRename = 20,
  kQueryRemove = 21,      // a name
  kQueryRename = 22,      // a from, b to
  kQueryReplace = 23,     // a name, b value
  kQueryAddIfAbsent = 24,
  kQueryAppend = 25,
  kResponseHeaderReplace = 26,
  kResponseHeaderAddIfAbsent = 27,
  kResponseHeaderRename = 28,
};
inline constexpr uint8_t kLastFilterType = 28;
inline constexpr uint8_t kFilterHasScheme = 1u << 0;
inline constexpr uint8_t kFilterHasHostname = 1u << 1;
inline constexpr uint8_t kFilterHasPort = 1u << 2;
inline constexpr uint8_t kFilterNoQuery = 1u << 3;  // kRedirect: the Location has no query
inline constexpr uint8_t kFilterPrefix = 1u << 0;
inline constexpr uint8_t kFilterRegex = 1u << 1;  // kRewritePath: every match of b becomes a
inline constexpr uint8_t kFilterCredentials = 1u << 0;  // kCorsPolicy flags:
inline constexpr uint8_t kCorsEchoRequestHeaders = 1u << 1;  // no allowHeaders: echo the request's
inline constexpr uint8_t kCorsNoMaxAge = 1u << 2;            // no Access-Control-Max-Age
inline constexpr uint8_t kCorsVerbatim = 1u << 3;  // lists as written; origin "*" answered "*"
inline constexpr uint8_t kCorsEchoWildcards = 1u << 4;  // a "*" list answers with what was asked, always
// kCorsOrigin flags kFilterRegex: `b` is an RE2 pattern the whole Origin must match.
// kCorsPolicy `code`: the preflight answer's status (0: 204).

struct GatewayRecord {
  Str ns, name;
  List listeners;
};
struct ListenerRecord {
  Str name, hostname;
  uint16_t port;
  Protocol protocol;
  uint8_t flags;
  uint32_t gateway;
  uint32_t route_hosts;  // HostTables index: route hostnames -> PathTables ranges
  uint32_t zero;
};
struct PortRecord {
  uint32_t gateway;
  uint16_t port;
  Protocol protocol;
  uint8_t zero;
  uint32_t listener_hosts;  // HostTables index: listener hostnames -> Listeners
};
// A hash table of hostnames: exact keys "a.example.com" and wildcard keys
// stored without their "*" (".example.com").
// Values are Lists: a Listeners range of one (a port's listener table) or
// the PathTables of a request hostname's tiers, most specific route
// hostname first (a listener's route-host table).
struct HostTableRecord {
  uint32_t slots_first, slots_count;  // HostSlots range (power of two)
  List catch_all;                     // value when no key matches; count 0: none
  uint32_t flags;                     // kHostTableSingleLabel
  uint32_t zero;
  uint64_t key_lengths;  // bit min(n, 63) set when a key has n bytes: other lengths need no probe
};
// Every slot section has a tag section of one byte per slot: 0 for an
// empty slot, else SlotTag of the slot's hash. A probe reads the tags
// (1 byte a slot: small enough to stay in cache) and a slot only when its
// tag is the key's, so most probes that find nothing read no slot at all.
constexpr uint8_t SlotTag(uint64_t hash) { return static_cast<uint8_t>(hash >> 57) | 0x80; }
// The key_lengths bit of a key of n bytes.
constexpr uint64_t KeyLengthBit(size_t n) { return uint64_t{1} << (n < 63 ? n : 63); }
// Wildcard keys match exactly one label (Ingress), not one or more.
inline constexpr uint32_t kHostTableSingleLabel = 1u << 0;
// The slot count of a hash table stored as bits: 0 for none, else
// 1 << (bits - 1).
constexpr uint32_t SlotCountOf(uint8_t bits) { return bits ? uint32_t{1} << (bits - 1) : 0; }
// A path table: the routes of one hostname tier. Its Exact paths and its
// PathPrefix values (and the literal prefixes of its regexes) are hash
// tables of PathSlots keyed by the path: "/a/b", the value's segments each
// after a '/'. A lookup hashes every element prefix of the request path
// once (up to `max_depth` segments) and probes them all at once; "/", the
// prefix of every path, lives in the record itself.
struct PathTableRecord {
  uint32_t exact_slots_first, prefix_slots_first;  // ExactSlots and PrefixSlots ranges
  uint8_t exact_slots_bits, prefix_slots_bits;     // their slot counts (SlotCountOf)
  uint16_t max_depth;                              // segments of the deepest prefix key
  List root_candidates;                            // PathPrefix "/"
  List root_regexes;                               // regexes with no literal segment
  uint32_t zero;

  uint32_t exact_slots_count() const { return SlotCountOf(exact_slots_bits); }
  uint32_t prefix_slots_count() const { return SlotCountOf(prefix_slots_bits); }
};
// A slot of a host table; empty when key.offset is kNone. `hash` is
// XXH3-64 of the key and `head` its first bytes (zero after its end), so a
// probe rejects other keys by the hash and compares a key of up to
// kHostHeadBytes without reading the string pool. In a listener's route
// host table `value` is the virtual host's PathTables range and `tiers`
// holds copies of its first two records, so the lookup reads them from
// the slot's second line instead of PathTables (zero elsewhere).
struct HostSlotRecord {
  uint64_t hash;
  Str key;
  List value;
  uint8_t head[40];
  PathTableRecord tiers[2];
};
inline constexpr size_t kHostHeadBytes = sizeof(HostSlotRecord::head);
inline constexpr size_t kHostInlineTiers = sizeof(HostSlotRecord::tiers) / sizeof(PathTableRecord);
// A slot of an exact-path or prefix table: 32 bytes, two to a cache line,
// holding what a probe that finds its key reads. The tag (the key's hash)
// picks the slots worth comparing; `key_length` (at most kLongKey) and
// `head`, the key's first bytes (zero after its end), decide for a key
// that fits the head, the rest of a longer one is in the string pool.
// `first` is the candidates' first match with its conditional flag, so a
// hit that needs no condition reads nothing else. An empty slot is zero
// but for `first` (kNone). The slot's other fields are the PathKeyRecord
// of the same index.
struct PathSlotRecord {
  uint8_t head[24];
  uint32_t first;        // the first candidate's match; kNone when the list is empty
  uint16_t key_length;   // min(key bytes, kLongKey)
  uint8_t flags;         // kPathSlotFirstConditional
  uint8_t zero;
};
inline constexpr uint32_t kPathSlotFirstConditional = 1u << 0;
inline constexpr uint16_t kLongKey = 0xFFFF;
inline constexpr size_t kPathHeadBytes = sizeof(PathSlotRecord::head);
// The rest of a path slot, read only past its first candidate: the key,
// every candidate, and (prefix slots) the regexes whose literal prefix's
// whole segments are the key. Empty slot: key.offset kNone, lists empty.
struct PathKeyRecord {
  Str key;
  List candidates;
  List regexes;  // ExactKeys: empty
};
struct RegexRecord {
  Str pattern, literal_prefix;
  List candidates;
  uint32_t rank;  // precedence among the path table's regexes (0 first)
  uint32_t zero;
};
// A match in a candidate list. `conditional` is 0 when the match has no
// method, no predicates and is not gRPC-only, so any HTTP request that
// reaches it is accepted without reading the match record.
struct CandidateRecord {
  uint32_t match;
  uint32_t conditional;
};
struct MatchRecord {
  uint32_t rule;
  PathKind path_kind;
  uint8_t flags;        // kMatchGrpcOnly
  uint16_t path_chars;  // characters of the path value as written (precedence)
  Str method, path;
  List predicates;
};
struct PredicateRecord {
  PredicateWhere where;
  PredicateHow how;
  uint16_t zero;
  Str name, value;
};
struct RuleRecord {
  uint32_t route, index;
  Str name;
  List filters, backends;
  uint32_t request_timeout_ms, backend_timeout_ms;  // kNone: unset
};
struct RouteRecord {
  RouteKind kind;
  uint8_t zero[3];
  Str ns, name;
};
struct FilterRecord {
  FilterType type;
  uint8_t flags;
  uint16_t code;
  uint32_t backend;
  uint32_t num, den;
  Str a, b;
};
struct BackendRecord {
  Str ns, name;
  uint16_t port;
  BackendProblem problem;
  uint8_t zero;
  uint32_t weight;
  List filters;
  Str tls_hostname;  // SNI of the gateway→backend TLS (BackendTLSPolicy); empty: plain
};

// ---- records of the policy sections (docs/bytecode.md) ----

enum class Opcode : uint8_t {
#define GWB_OP(code, name, phase, x, y, doc) k##name = code,
#include "runtime-stub/format/opcodes.def"
#undef GWB_OP
};
// Where an opcode may appear; a program's phases never decrease.
enum class Phase : uint8_t {
  kAny = 0,
  kIpFilter,
  kCors,
  kAuthenticate,
  kAuthorize,
  kRateLimit,
  kRequestSize,
  kRequestTransform,
  kResponseTransform,
};
// What an operand is, hence what the verifier checks.
enum class OperandKind : uint8_t {
  kNone,        // must be 0
  kCount,       // x: how many records y's list holds (at least 1)
  kSkip,        // x: instructions to skip; the target stays inside the program
  kCidrSet,     // y: CidrSets index
  kFilters,     // y: first Filters record (x of them), all of the opcode's types
  kAuthConfig,  // y: AuthConfigs index
  kStrRefs,     // y: first StrRefs record (x of them)
  kLimiters,    // y: first Limiters record (x of them)
  kAuthzRules,  // y: first AuthzRules record (x of them)
  kJwtProvider, // y: JwtProviders index
  kJwtProviders, // y: first JwtProviders record (x of them)
  kBytes,       // y: any value
  kConsumer,    // y: Consumers index
};
struct OpInfo {
  Opcode op;
  const char* name;
  Phase phase;
  OperandKind x, y;
  const char* doc;
};
inline constexpr OpInfo kOps[] = {
#define GWB_OP(code, name, phase, x, y, doc) \
  {Opcode::k##name, #name, Phase::k##phase, OperandKind::k##x, OperandKind::k##y, doc},
#include "runtime-stub/format/opcodes.def"
#undef GWB_OP
};
// The opcode's entry in kOps, or nullptr for a code this version lacks.
inline const OpInfo* FindOp(uint8_t code) {
  for (const OpInfo& o : kOps) {
    if (static_cast<uint8_t>(o.op) == code) return &o;
  }
  return nullptr;
}
inline constexpr uint32_t kMaxProgramLength = 4096;  // instructions
// What one run can carry, so the VM needs no allocation for it: windows of
// one RateLimit instruction, and per program the instructions that leave
// something to apply later (RequestEdit, ResponseEdit, and credentials to
// hide: KeyAuth, BasicAuth).
inline constexpr uint32_t kMaxLimitWindows = 16;
inline constexpr uint32_t kMaxDeferredPerProgram = 8;

struct Instruction {
  Opcode op;
  uint8_t flags;
  uint16_t x;
  uint32_t y;
};
inline constexpr uint8_t kMaxBodyNeedsLength = 1u << 0;  // MaxBody flags
inline constexpr uint8_t kAclHideGroups = 1u << 0;       // AclAllow/AclDeny: no X-Consumer-Groups
inline constexpr uint8_t kAuthorizeDefaultAllow = 1u << 0;  // Authorize: no rule matched -> allow
inline constexpr uint8_t kJwtTokenOptional = 1u << 0;  // Jwt/JwtAny: a request without a token passes
// A rule's program: Instructions [code.first, code.first + code.count).
struct ProgramRecord {
  List code;
};
// RulePrograms holds one u32 per Rules record: its Programs index or kNone.
// A set of client address ranges and the status that answers a match.
struct CidrSetRecord {
  List cidrs;  // Cidrs
  uint16_t status;
  uint16_t zero;
  uint32_t zero2;
};
struct CidrRecord {
  uint8_t family;  // 4 or 6
  uint8_t bits;    // prefix length, at most 32 or 128
  uint16_t zero;
  uint8_t address[16];  // network byte order; IPv4 in the first 4, bits past the prefix 0
};
struct ConsumerRecord {
  Str name, custom_id;
  List groups;  // StrRefs: ACL group names
};
enum class AuthKind : uint8_t { kKey = 1, kBasic = 2 };
inline constexpr uint8_t kAuthHideCredentials = 1u << 0;  // remove the credential before forwarding
inline constexpr uint8_t kAuthConsumerHeaders = 1u << 1;  // X-Consumer-Username, -Custom-ID (Kong)
inline constexpr uint8_t kAuthSkipOptions = 1u << 2;      // OPTIONS requests pass unauthenticated
// Credentials are SHA-256 digests, never the secret: of the key (KeyAuth),
// of "user:" followed by the 20-byte SHA-1 of the password (BasicAuth).
// Sorted by digest within a config, so a lookup is a binary search.
struct AuthConfigRecord {
  AuthKind kind;
  uint8_t flags;
  uint16_t status;                        // the answer when credentials are missing or wrong (401)
  List header_names, query_names;         // StrRefs: where a key may be (Basic: headers tried in order)
  List credentials;                       // Credentials
  Str realm;                              // WWW-Authenticate realm; empty: no header
  Str forward_header;                     // the consumer's name goes to the backend in it; empty: none
  uint32_t anonymous;                     // Consumers index used when no credential is given; kNone: 401
  uint32_t zero, zero2;
};
struct CredentialRecord {
  uint8_t digest[32];
  uint32_t consumer;
  uint32_t zero;
};
// What a limiter counts requests by.
enum class LimitKey : uint8_t { kIp = 1, kConsumer = 2, kCredential = 3, kHeader = 4, kPath = 5, kShared = 6 };
inline constexpr uint8_t kLimitKongHeaders = 1u << 0;   // RateLimit-* and X-RateLimit-*-<Window>
inline constexpr uint8_t kLimitDraftHeaders = 1u << 1;  // X-RateLimit-Limit/Remaining/Reset (Envoy)
inline constexpr uint8_t kLimitFallbackIp = 1u << 2;    // no consumer/header: count by client address
// One window of a rate limit. `counter` names its counters in a store
// shared by replicas; requests a selector does not pick are not counted.
struct LimiterRecord {
  uint64_t limit;     // requests per window
  uint32_t window_s;  // 1, 60, 3600, 86400, ...
  LimitKey key;
  uint8_t flags;
  uint16_t status;  // 429
  Str key_name;     // kHeader: the header; selector header when match is set
  Str match;        // non-empty: only requests whose key_name header equals it
  uint32_t cidr_set;  // CidrSets: only clients in it; kNone: every client
  uint32_t counter;   // stable id of this limiter's counters
};

// One rule of an ordered authorization list (Envoy Gateway's
// SecurityPolicy authorization): it matches when the client is in the set
// (kNone: any client) and the method is one of `methods` (empty: any).
enum class AuthzAction : uint8_t { kAllow = 1, kDeny = 2 };
struct AuthzRuleRecord {
  AuthzAction action;
  uint8_t zero;
  uint16_t zero2;
  uint32_t cidr_set;
  List methods;  // StrRefs
};

// JWT validation (RFC 7519) for one provider: where tokens are, the keys
// that may sign them, and which claims must hold. Keys live in the raw
// KeyMaterial section: HMAC secrets as bytes, RSA and EC public keys as
// DER SubjectPublicKeyInfo; `gwrt dump` never prints that section. A
// kRemoteJwks record stands for the keys of a remote JWKS endpoint; its
// material is the URL, whose document the runtime is given (`--jwks`).
inline constexpr uint8_t kJwtVerifyExp = 1u << 0;       // exp required in the future
inline constexpr uint8_t kJwtVerifyNbf = 1u << 1;       // nbf, when present, in the past
inline constexpr uint8_t kJwtKeyByClaim = 1u << 2;      // key_claim's value names the key (Kong); else kid
inline constexpr uint8_t kJwtSubjectConsumer = 1u << 3; // the sub claim names the consumer (Envoy Gateway)
inline constexpr uint8_t kJwtConsumerHeaders = 1u << 4; // X-Consumer-Username, ... (Kong)
inline constexpr uint8_t kJwtSkipOptions = 1u << 5;     // OPTIONS requests pass unauthenticated
inline constexpr uint8_t kJwtExpInclusive = 1u << 6;    // a token expires at exp itself (Kong), not after it
inline constexpr uint8_t kJwtRequireExp = 1u << 7;      // with kJwtVerifyExp: a token without exp is malformed
struct JwtProviderRecord {
  uint8_t flags;
  uint8_t zero;
  uint16_t status;              // 401
  List header_names;            // StrRefs: "Bearer " is stripped from their values
  List query_names;             // StrRefs
  List keys;                    // JwtKeys
  Str issuer;                   // empty: any
  List audiences;               // StrRefs; empty: any
  List claim_headers;           // StrRefs pairs: claim ("a.b" nests), header
  Str key_claim;                // kJwtKeyByClaim: the claim naming the key ("iss")
  uint32_t max_lifetime_s;      // exp - now above this answers 403; 0: no limit
  uint32_t clock_skew_s;        // slack for exp and nbf
  uint32_t anonymous;           // Consumers index when no token is given; kNone: 401
  uint32_t zero2, zero3;
};
enum class JwtAlg : uint8_t { kHs256 = 1, kHs384, kHs512, kRs256, kRs384, kRs512, kEs256, kEs384, kRemoteJwks };
struct JwtKeyRecord {
  JwtAlg alg;
  uint8_t zero;
  uint16_t zero2;
  uint32_t consumer;  // Consumers index of the key's owner; kNone: from the token
  Str kid;            // kid (or kJwtKeyByClaim value) it answers to; empty: any
  uint32_t material_offset, material_length;  // bytes of KeyMaterial
};

// Each record type has exactly the size sections.def gives its section.
template <typename Record>
constexpr bool RecordFits(SectionId id) {
  for (const SectionInfo& s : kSections) {
    if (s.id == id) return s.record_bytes == sizeof(Record);
  }
  return false;
}
static_assert(RecordFits<GatewayRecord>(SectionId::kGateways));
static_assert(RecordFits<ListenerRecord>(SectionId::kListeners));
static_assert(RecordFits<PortRecord>(SectionId::kPorts));
static_assert(RecordFits<HostSlotRecord>(SectionId::kHostSlots));
static_assert(RecordFits<PathTableRecord>(SectionId::kPathTables));
static_assert(RecordFits<PathSlotRecord>(SectionId::kExactSlots));
static_assert(RecordFits<PathSlotRecord>(SectionId::kPrefixSlots));
static_assert(RecordFits<PathKeyRecord>(SectionId::kExactKeys));
static_assert(RecordFits<PathKeyRecord>(SectionId::kPrefixKeys));
static_assert(RecordFits<RegexRecord>(SectionId::kRegexes));
static_assert(RecordFits<CandidateRecord>(SectionId::kCandidates));
static_assert(RecordFits<MatchRecord>(SectionId::kMatches));
static_assert(RecordFits<PredicateRecord>(SectionId::kPredicates));
static_assert(RecordFits<RuleRecord>(SectionId::kRules));
static_assert(RecordFits<RouteRecord>(SectionId::kRoutes));
static_assert(RecordFits<HostTableRecord>(SectionId::kHostTables));
static_assert(RecordFits<FilterRecord>(SectionId::kFilters));
static_assert(RecordFits<BackendRecord>(SectionId::kBackends));
static_assert(RecordFits<ProgramRecord>(SectionId::kPrograms));
static_assert(RecordFits<Instruction>(SectionId::kInstructions));
static_assert(RecordFits<uint32_t>(SectionId::kRulePrograms));
static_assert(RecordFits<CidrSetRecord>(SectionId::kCidrSets));
static_assert(RecordFits<CidrRecord>(SectionId::kCidrs));
static_assert(RecordFits<ConsumerRecord>(SectionId::kConsumers));
static_assert(RecordFits<Str>(SectionId::kStrRefs));
static_assert(RecordFits<AuthConfigRecord>(SectionId::kAuthConfigs));
static_assert(RecordFits<CredentialRecord>(SectionId::kCredentials));
static_assert(RecordFits<LimiterRecord>(SectionId::kLimiters));
static_assert(RecordFits<AuthzRuleRecord>(SectionId::kAuthzRules));
static_assert(RecordFits<JwtProviderRecord>(SectionId::kJwtProviders));
static_assert(RecordFits<JwtKeyRecord>(SectionId::kJwtKeys));

}  // namespace gwb

#endif  // GWB_FORMAT_FORMAT_H_

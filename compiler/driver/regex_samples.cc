// Copyright 2026 The gwc Authors.
//
// A small parser of the usual regex syntax into a tree, and a generator
// that walks the tree once per "variant" (which alternative, how many
// repetitions, which character of a class); RE2 keeps the samples that
// really match.

#include "compiler/driver/regex_samples.h"

#include <re2/re2.h>

#include <algorithm>
#include <bitset>
#include <set>

namespace gwc {

namespace {

struct Rx {
  enum Kind { kLiteral, kClass, kConcat, kAlt, kRepeat } kind = kConcat;
  std::string text;      // kLiteral: the characters; kClass: candidates, preferred first
  std::vector<Rx> kids;  // kConcat, kAlt; kRepeat: one
  int min = 0, max = -1;  // kRepeat; max -1: unbounded
};

using CharSet = std::bitset<128>;

// Characters tried for a class, in order: path-friendly ones first.
constexpr std::string_view kPreferred =
    "a0b1-_xz9AZ/.~"
    "cdefghijklmnopqrstuvwyBCDEFGHIJKLMNOPQRSTUVWXY2345678!$&'()*+,;=:@%";

std::string Candidates(const CharSet& set) {
  std::string out;
  for (char c : kPreferred) {
    if (set[static_cast<unsigned char>(c)] && out.size() < 3) out += c;
  }
  return out;
}

class Parser {
 public:
  explicit Parser(const std::string& p) : p_(p) {}

  bool Parse(Rx* out) {
    *out = Alternation();
    return ok_ && i_ == p_.size();
  }

 private:
  bool More() const { return i_ < p_.size(); }

  Rx Alternation() {
    Rx alt;
    alt.kind = Rx::kAlt;
    alt.kids.push_back(Concat());
    while (ok_ && More() && p_[i_] == '|') {
      ++i_;
      alt.kids.push_back(Concat());
    }
    return alt.kids.size() == 1 ? alt.kids.front() : alt;
  }

  Rx Concat() {
    Rx cat;
    while (ok_ && More() && p_[i_] != '|' && p_[i_] != ')') {
      Rx atom = Atom();
      Quantify(&atom);
      cat.kids.push_back(std::move(atom));
    }
    return cat;
  }

  void Quantify(Rx* atom) {
    while (ok_ && More()) {
      int min = 0, max = -1;
      char c = p_[i_];
      if (c == '*') {
        ++i_;
      } else if (c == '+') {
        min = 1, ++i_;
      } else if (c == '?') {
        max = 1, ++i_;
      } else if (c == '{' && Braces(&min, &max)) {
      } else {
        return;
      }
      if (More() && p_[i_] == '?') ++i_;  // lazy: same strings
      Rx rep;
      rep.kind = Rx::kRepeat;
      rep.min = min, rep.max = max;
      rep.kids.push_back(std::move(*atom));
      *atom = std::move(rep);
    }
  }

  // {n}, {n,}, {n,m}; false (nothing consumed) when '{' is a literal.
  bool Braces(int* min, int* max) {
    size_t j = i_ + 1;
    auto number = [&](int* n) {
      size_t start = j;
      *n = 0;
      while (j < p_.size() && isdigit(static_cast<unsigned char>(p_[j])) && *n < 1000) *n = *n * 10 + (p_[j++] - '0');
      return j > start;
    };
    if (!number(min)) return false;
    *max = *min;
    if (j < p_.size() && p_[j] == ',') {
      ++j;
      if (!number(max)) *max = -1;
    }
    if (j >= p_.size() || p_[j] != '}') return false;
    i_ = j + 1;
    return true;
  }

  Rx Literal(std::string s) {
    Rx r;
    r.kind = Rx::kLiteral;
    r.text = std::move(s);
    return r;
  }

  Rx Class(const CharSet& set) {
    Rx r;
    r.kind = Rx::kClass;
    r.text = Candidates(set);
    if (r.text.empty()) ok_ = false;
    return r;
  }

  Rx Atom() {
    char c = p_[i_++];
    switch (c) {
      case '(': return Group();
      case '[': return Bracket();
      case '.': {
        CharSet any;
        any.set();
        any[static_cast<unsigned char>('\n')] = false;
        return Class(any);
      }
      case '^':
      case '$': return Rx{};  // zero width
      case '\\': return Escape();
      case '*':
      case '+':
      case '?':
        ok_ = false;
        return Rx{};
      default: return Literal(std::string(1, c));
    }
  }

  Rx Group() {
    if (More() && p_[i_] == '?') {
      ++i_;
      if (More() && p_[i_] == 'P') {  // (?P<name>...)
        size_t close = p_.find('>', i_);
        if (close == std::string::npos) return Fail();
        i_ = close + 1;
      } else {
        while (More() && (isalpha(static_cast<unsigned char>(p_[i_])) || p_[i_] == '-')) ++i_;  // flags
        if (More() && p_[i_] == ')') {  // (?i): flags for what follows
          ++i_;
          return Rx{};
        }
        if (!More() || p_[i_] != ':') return Fail();
        ++i_;
      }
    }
    Rx inner = Alternation();
    if (!More() || p_[i_] != ')') return Fail();
    ++i_;
    return inner;
  }

  Rx Fail() {
    ok_ = false;
    return Rx{};
  }

  // \d \w \s and their negations as sets; false for other escapes.
  static bool PerlClass(char c, CharSet* set) {
    CharSet s;
    for (int ch = 0; ch < 128; ++ch) {
      bool in = c == 'd' || c == 'D' ? isdigit(ch) : c == 'w' || c == 'W' ? (isalnum(ch) || ch == '_')
                : c == 's' || c == 'S' ? (ch == ' ' || ch == '\t' || ch == '\n' || ch == '\r' || ch == '\f')
                                       : false;
      s[static_cast<size_t>(ch)] = in;
    }
    if (std::string_view("dwsDWS").find(c) == std::string_view::npos) return false;
    if (isupper(static_cast<unsigned char>(c))) s.flip();
    *set = s;
    return true;
  }

  Rx Escape() {
    if (!More()) return Fail();
    char c = p_[i_++];
    CharSet set;
    if (PerlClass(c, &set)) return Class(set);
    if (c == 'b' || c == 'B' || c == 'A' || c == 'z') return Rx{};
    if (c == 'Q') {
      size_t end = p_.find("\\E", i_);
      std::string text = p_.substr(i_, end == std::string::npos ? std::string::npos : end - i_);
      i_ = end == std::string::npos ? p_.size() : end + 2;
      return Literal(text);
    }
    if (isalnum(static_cast<unsigned char>(c))) return Fail();  // \x41, \pL, ...: not read
    return Literal(std::string(1, c));
  }

  Rx Bracket() {
    CharSet set;
    bool negate = More() && p_[i_] == '^';
    if (negate) ++i_;
    bool first = true;
    while (ok_ && More() && (p_[i_] != ']' || first)) {
      first = false;
      char lo = p_[i_++];
      if (lo == '\\' && More()) {
        CharSet perl;
        if (PerlClass(p_[i_], &perl)) {
          set |= perl;
          ++i_;
          continue;
        }
        lo = p_[i_++];
      }
      char hi = lo;
      if (i_ + 1 < p_.size() && p_[i_] == '-' && p_[i_ + 1] != ']') {
        hi = p_[i_ + 1];
        if (hi == '\\' && i_ + 2 < p_.size()) hi = p_[++i_ + 1];
        i_ += 2;
      }
      for (int ch = static_cast<unsigned char>(lo); ch <= static_cast<unsigned char>(hi) && ch < 128; ++ch) {
        set[static_cast<size_t>(ch)] = true;
      }
    }
    if (!More()) return Fail();
    ++i_;  // ']'
    if (negate) set.flip();
    set[static_cast<size_t>('\n')] = false;
    return Class(set);
  }

  const std::string& p_;
  size_t i_ = 0;
  bool ok_ = true;
};

void Generate(const Rx& r, unsigned variant, std::string* out) {
  switch (r.kind) {
    case Rx::kLiteral: *out += r.text; break;
    case Rx::kClass: *out += r.text[(variant / 2) % r.text.size()]; break;
    case Rx::kConcat:
      for (const Rx& k : r.kids) Generate(k, variant, out);
      break;
    case Rx::kAlt: Generate(r.kids[variant % r.kids.size()], variant / static_cast<unsigned>(r.kids.size()), out); break;
    case Rx::kRepeat: {
      int n = r.min + static_cast<int>(variant % 3);
      if (r.max >= 0) n = std::min(n, r.max);
      for (int k = 0; k < n; ++k) Generate(r.kids.front(), variant + static_cast<unsigned>(k), out);
      break;
    }
  }
}

}  // namespace

std::vector<std::string> RegexSamples(const std::string& pattern, size_t max_samples) {
  RE2::Options options;
  options.set_log_errors(false);
  RE2 re(pattern, options);
  Rx tree;
  if (!re.ok() || !Parser(pattern).Parse(&tree)) return {};
  std::set<std::string> found;
  for (unsigned variant = 0; variant < 24; ++variant) {
    std::string s;
    Generate(tree, variant, &s);
    if (s.size() <= 256 && RE2::FullMatch(s, re)) found.insert(s);
  }
  std::vector<std::string> out(found.begin(), found.end());
  std::stable_sort(out.begin(), out.end(), [](const std::string& a, const std::string& b) { return a.size() < b.size(); });
  if (out.size() > max_samples) out.resize(max_samples);
  return out;
}

}  // namespace gwc

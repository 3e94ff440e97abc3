// REDUNDANT (lint.hpp): a term that a sibling in the same list already covers.
//
// In an OR list, B is redundant when another term A finds every record B finds: the same
// term twice (whatever the tag's spelling), or a single word A that is one of B's words
// (sleep[ti] covers "sleep deprivation"[ti]), or a truncated word A* whose stem starts one
// of B's words (tumor*[tiab] covers tumor[tiab], tumors[tiab] and "tumor growth"[tiab]).
// In an AND list it is the other way round: a single word B is redundant when another
// term A already requires it ("wearable device"[ti] requires device[tiab]).
// Fields: the same tag, or [ti] inside [tiab]. Only text tags are compared word by word;
// other tags (MeSH, types, dates) and untagged terms only for duplicates. The work is
// linear in the number of words: a 100,000-term OR list is checked in milliseconds.
#include "synth/query/lint.hpp"
#include "synth/util/text.hpp"

#include <fmt/format.h>

#include <set>
#include <string>
#include <unordered_map>
#include <utility>

namespace synth::query {

namespace {

struct TermWord
{
  std::string stem; // lower case, without '*'
  bool truncated = false;
};

std::vector<TermWord> term_words(const Node& term)
{
  std::vector<TermWord> out;
  const std::string lower = util::to_lower(term.text);
  for (auto w : util::split(lower, ' ')) {
    if (w.empty()) {
      continue;
    }
    bool truncated = w.back() == '*';
    if (truncated) {
      w.remove_suffix(1);
    }
    if (!w.empty()) {
      out.push_back(TermWord{std::string(w), truncated});
    }
  }
  return out;
}

bool text_tag(const Node& term)
{
  return term.tag_info != nullptr && term.tag_info->kind == TagKind::text && term.kind == Node::Kind::term;
}

// The tags whose terms cover a term tagged `tag`: itself, and [tiab] for [ti].
std::vector<const TagInfo*> covering_tags(const TagInfo* tag)
{
  std::vector<const TagInfo*> out{tag};
  if (tag != nullptr && tag->tag == Tag::ti) {
    out.push_back(&tag_info(Tag::tiab));
  }
  return out;
}

// A tag and a stem as one hash key.
std::string key_of(const TagInfo* tag, std::string_view stem)
{
  std::string key(tag == nullptr ? std::string_view() : tag->name);
  key += '\x1f';
  key += stem;
  return key;
}

std::string where(const Node& n) { return fmt::format("line {}, column {}", n.line, n.col); }

class Index
{
public:
  void add(const Node& term)
  {
    if (!text_tag(term)) {
      return;
    }
    auto words = term_words(term);
    if (words.size() != 1) {
      return;
    }
    auto key = key_of(term.tag_info, words[0].stem);
    if (words[0].truncated) {
      m_stems.emplace(key, &term);
      m_stem_lengths.insert(words[0].stem.size());
    } else {
      m_words.emplace(key, &term);
    }
  }

  // A single-word term other than `self`, on `tag` or a tag that covers it, that matches
  // every word `w` matches. (In an AND list: a term that a term with `w` requires.)
  const Node* cover(const TagInfo* tag, const TermWord& w, const Node* self) const
  {
    for (const auto* t : covering_tags(tag)) {
      if (!w.truncated) {
        if (auto it = m_words.find(key_of(t, w.stem)); it != m_words.end() && it->second != self) {
          return it->second;
        }
      }
      for (std::size_t len : m_stem_lengths) {
        if (len > w.stem.size()) {
          break;
        }
        auto key = key_of(t, std::string_view(w.stem).substr(0, len));
        if (auto it = m_stems.find(key); it != m_stems.end() && it->second != self) {
          return it->second;
        }
      }
    }
    return nullptr;
  }

private:
  std::unordered_map<std::string, const Node*> m_words;
  std::unordered_map<std::string, const Node*> m_stems;
  std::set<std::size_t> m_stem_lengths; // the lengths of the stems, shortest first
};

} // namespace

void lint_redundant(const std::vector<const Node*>& operands, Op op, LintContext& ctx)
{
  if (operands.size() < 2) {
    return;
  }
  std::set<const Node*> reported;
  auto report = [&](const Node& redundant, std::string message) {
    if (reported.insert(&redundant).second) {
      ctx.out.push_back(finding("REDUNDANT", redundant.line, redundant.col, std::move(message),
                                "remove it, or keep it on purpose: it does not change what is found"));
    }
  };
  // the same term twice
  std::unordered_map<std::string, const Node*> seen;
  for (const Node* t : operands) {
    if (t->kind != Node::Kind::term) {
      continue;
    }
    auto key = key_of(t->tag_info, util::to_lower(t->text));
    auto [it, fresh] = seen.emplace(key, t);
    if (!fresh) {
      report(*t, fmt::format("'{}' is in this {} list twice (also at {})", operand_label(*t),
                             op == Op::op_or ? "OR" : "AND", where(*it->second)));
    }
  }
  Index index;
  for (const Node* t : operands) {
    index.add(*t);
  }
  for (const Node* t : operands) {
    if (!text_tag(*t) || reported.count(t) != 0) {
      continue;
    }
    for (const auto& w : term_words(*t)) {
      if (op == Op::op_or) {
        if (const Node* by = index.cover(t->tag_info, w, t)) {
          report(*t, fmt::format("'{}' is redundant: '{}' ({}) already finds every record it finds", operand_label(*t),
                                 operand_label(*by), where(*by)));
          break;
        }
      } else if (const Node* needed = index.cover(t->tag_info, w, t); needed != nullptr && reported.count(t) == 0) {
        report(*needed, fmt::format("'{}' is redundant in this AND list: '{}' ({}) already requires it",
                                    operand_label(*needed), operand_label(*t), where(*t)));
      }
    }
  }
}

} // namespace synth::query

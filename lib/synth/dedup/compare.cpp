#include "synth/dedup/compare.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cstdlib>

namespace synth::dedup {

namespace {

bool word_prefix(const std::string& shorter, const std::string& longer)
{
  return shorter.size() <= longer.size() && longer.compare(0, shorter.size(), shorter) == 0;
}

bool ordered_prefix_match(const std::vector<std::string>& shorter,
                          const std::vector<std::string>& longer)
{
  std::size_t j = 0;
  for (const auto& w : shorter) {
    while (j < longer.size() && !word_prefix(w, longer[j]) && !word_prefix(longer[j], w)) {
      ++j;
    }
    if (j == longer.size()) {
      return false;
    }
    ++j;
  }
  return true;
}

// 2: same first author; 1: first author of one is an author of the other, or a prefix
// (truncated names); 0: unknown; -1: different.
int author_agreement(const Features& a, const Features& b)
{
  if (a.first_author.empty() || b.first_author.empty()) {
    return 0;
  }
  if (a.first_author == b.first_author) {
    return 2;
  }
  const auto& sa = a.first_author.size() < b.first_author.size() ? a.first_author : b.first_author;
  const auto& lb = a.first_author.size() < b.first_author.size() ? b.first_author : a.first_author;
  if (sa.size() >= 4 && word_prefix(sa, lb)) {
    return 1;
  }
  auto in = [](const std::string& name, const std::vector<std::string>& list) {
    return std::find(list.begin(), list.end(), name) != list.end();
  };
  if (in(a.first_author, b.authors) || in(b.first_author, a.authors)) {
    return 1;
  }
  return -1;
}

int journal_agreement(const Features& a, const Features& b)
{
  bool any_a = !a.journal.empty() || !a.journal_abbrev.empty();
  bool any_b = !b.journal.empty() || !b.journal_abbrev.empty();
  if (!any_a || !any_b) {
    return 0;
  }
  for (const auto* x : {&a.journal, &a.journal_abbrev}) {
    for (const auto* y : {&b.journal, &b.journal_abbrev}) {
      if (!x->empty() && !y->empty() && journal_match(*x, *y)) {
        return 1;
      }
    }
  }
  return -1;
}

int field_agreement(const std::string& a, const std::string& b)
{
  if (a.empty() || b.empty()) {
    return 0;
  }
  return a == b ? 1 : -1;
}

} // namespace

double dice(const std::vector<std::uint32_t>& a, const std::vector<std::uint32_t>& b)
{
  if (a.empty() && b.empty()) {
    return 1.0;
  }
  std::size_t i = 0;
  std::size_t j = 0;
  std::size_t common = 0;
  while (i < a.size() && j < b.size()) {
    if (a[i] == b[j]) {
      ++common;
      ++i;
      ++j;
    } else if (a[i] < b[j]) {
      ++i;
    } else {
      ++j;
    }
  }
  return 2.0 * static_cast<double>(common) / static_cast<double>(a.size() + b.size());
}

bool journal_match(const std::vector<std::string>& a, const std::vector<std::string>& b)
{
  if (a.empty() || b.empty()) {
    return false;
  }
  return a.size() <= b.size() ? ordered_prefix_match(a, b) : ordered_prefix_match(b, a);
}

std::string veto_reason(const Record& a, const Features& fa, const Record& b,
                        const Features& fb, const Options& options)
{
  if (fa.kind != fb.kind) {
    bool conf_pair = (fa.kind == Kind::conference && fb.kind == Kind::article)
                     || (fa.kind == Kind::article && fb.kind == Kind::conference);
    // An abstract indexed as a journal article by one database and as a conference
    // abstract by another is one item: same year and same first page.
    bool same_place = !fa.first_page.empty() && fa.first_page == fb.first_page
                      && fa.year != 0 && fa.year == fb.year;
    if (!(conf_pair && (options.merge_conference_with_article || same_place))) {
      return fmt::format("{} vs {}", kind_name(fa.kind), kind_name(fb.kind));
    }
  }
  if (!fa.part.empty() && !fb.part.empty() && fa.part != fb.part) {
    return fmt::format("different parts ({} vs {})", fa.part, fb.part);
  }
  if (!a.doi.empty() && !b.doi.empty() && a.doi != b.doi) {
    return "different doi";
  }
  if (!a.pmid.empty() && !b.pmid.empty() && a.pmid != b.pmid) {
    return "different pmid";
  }
  if (field_agreement(fa.volume, fb.volume) < 0) {
    return "different volume";
  }
  if (field_agreement(fa.first_page, fb.first_page) < 0) {
    return "different pages";
  }
  if (fa.year != 0 && fb.year != 0 && std::abs(fa.year - fb.year) > 1) {
    bool same_id = (!a.doi.empty() && a.doi == b.doi) || (!a.pmid.empty() && a.pmid == b.pmid);
    if (!same_id || dice(fa.bigrams, fb.bigrams) < 0.9) {
      return fmt::format("years {} and {}", fa.year, fb.year);
    }
  }
  return {};
}

Comparison compare(const Record& a, const Features& fa, const Record& b, const Features& fb,
                   const Options& options)
{
  Comparison c;
  if (auto why = veto_reason(a, fa, b, fb, options); !why.empty()) {
    c.veto = true;
    c.evidence = std::move(why);
    return c;
  }
  const double t = dice(fa.bigrams, fb.bigrams);
  const bool titled = !fa.title.empty() && !fb.title.empty();
  const int author = author_agreement(fa, fb);
  const int year = fa.year == 0 || fb.year == 0 ? 0 : fa.year == fb.year ? 2 : 1;
  const int journal = journal_agreement(fa, fb);
  const int volume = field_agreement(fa.volume, fb.volume);
  const int pages = field_agreement(fa.first_page, fb.first_page);
  const std::size_t words = std::min(fa.words.size(), fb.words.size());
  const bool doi = !a.doi.empty() && a.doi == b.doi;
  const bool pmid = !a.pmid.empty() && a.pmid == b.pmid;

  c.score = 0.6 * (titled ? t : 0.5) + 0.1 * (author > 0) + 0.1 * (year == 2)
            + 0.1 * (journal > 0) + 0.05 * (volume > 0) + 0.05 * (pages > 0);

  auto field_evidence = [&] {
    std::string e = titled ? fmt::format("title {:.2f}", t) : std::string("no title");
    if (year == 2) {
      e += ", year";
    } else if (year == 1) {
      e += ", year within one";
    }
    if (author == 2) {
      e += ", first author";
    } else if (author == 1) {
      e += ", author";
    }
    if (journal > 0) {
      e += ", journal";
    }
    if (volume > 0) {
      e += ", volume";
    }
    if (pages > 0) {
      e += ", pages";
    }
    return e;
  };

  if (doi || pmid) {
    std::string id = doi && pmid ? "doi, pmid" : doi ? "doi" : "pmid";
    if (!titled || t >= 0.6) {
      c.verdict = Verdict::same;
      c.score = 1.0 + c.score;
      c.evidence = id;
    } else {
      // Same identifier, different title: a translated title, or a supplement DOI shared
      // by many abstracts. A person decides.
      c.verdict = Verdict::uncertain;
      c.evidence = fmt::format("{}; {}", id, field_evidence());
    }
    return c;
  }
  if (!titled) {
    return c;
  }
  const bool corroborated = journal > 0 || volume > 0 || pages > 0;
  if (fa.recurring || fb.recurring) {
    // Editorials and columns repeat their titles: only pages can tell them apart.
    if (t >= 0.97 && year == 2 && author >= 0 && pages > 0 && (volume > 0 || journal > 0)) {
      c.verdict = Verdict::same;
      c.evidence = "fields: " + field_evidence();
    } else if (t >= 0.9 && year >= 1) {
      c.verdict = Verdict::uncertain;
      c.evidence = "recurring title; " + field_evidence();
    }
    return c;
  }
  const bool same = (t >= 0.97 && author >= 1 && year >= 1 && words >= 3
                     && (corroborated || (year == 2 && words >= 5)))
                    || (t >= 0.93 && author == 2 && year == 2 && pages > 0
                        && (volume > 0 || journal > 0))
                    || (t >= 0.99 && words >= 6 && author == 0 && year == 2
                        && (pages > 0 || (volume > 0 && journal > 0)));
  if (same) {
    c.verdict = Verdict::same;
    c.evidence = "fields: " + field_evidence();
    return c;
  }
  const bool uncertain = (t >= 0.85 && year >= 1 && author >= 0)
                         || (t >= 0.7 && author >= 1 && year >= 1 && (pages > 0 || volume > 0));
  if (uncertain) {
    c.verdict = Verdict::uncertain;
    c.evidence = "fields: " + field_evidence();
  }
  return c;
}

} // namespace synth::dedup

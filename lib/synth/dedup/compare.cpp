#include "synth/dedup/compare.hpp"

#include "synth/util/text.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cstdlib>

namespace synth::dedup {

namespace {

int field_agreement(std::uint64_t a, std::uint64_t b)
{
  if (a == 0 || b == 0) {
    return 0;
  }
  return a == b ? 1 : -1;
}

// A volume conflict, unless one database gave the supplement number as the volume ("1"
// for "16 (Suppl. 1)").
bool volume_conflict(const Features& fa, const Features& fb)
{
  return field_agreement(fa.volume, fb.volume) < 0 && !(fa.supplement != 0 && fa.supplement == fb.volume)
         && !(fb.supplement != 0 && fb.supplement == fa.volume);
}

// Page 1 starts every paper of proceedings or e-journals that number pages per paper.
bool is_numbered_page(std::uint64_t page_key) { return page_key > 2; }

// One citation: the same first page, year, first author and journal, and a title of
// `min_words` significant words or more that is the same (`title()` >= 0.99, computed only
// when everything else agrees). Whatever else the two records say differently is a data
// error: a supplement's volume lost by one export ("1" for "64 (Supplement 1)", 6 words),
// or two DOIs registered for one abstract (8 words: multi-part studies differ in pages,
// errata and comments in title and kind).
template <typename Title>
bool same_citation(const Features& fa, const Features& fb, std::size_t min_words, Title&& title)
{
  return fa.first_page != 0 && fa.first_page == fb.first_page && fa.year != 0 && fa.year == fb.year && !fa.recurring
         && !fb.recurring && std::min(fa.words.size(), fb.words.size()) >= min_words && author_agreement(fa, fb) == 2
         && journal_agreement(fa, fb) > 0 && title() >= 0.99;
}

Veto veto_of(const Features& fa, const Features& fb, const Options& options)
{
  // Kinds differ only by the databases' publication types (Scopus "Note" or "Letter",
  // PubMed "letter", against an article): a label, no veto by itself (see below).
  bool label_conflict = false;
  if (fa.kind != fb.kind) {
    bool conf_pair = (fa.kind == Kind::conference && fb.kind == Kind::article)
                     || (fa.kind == Kind::article && fb.kind == Kind::conference);
    // An abstract indexed as a journal article by one database and as a conference
    // abstract by another is one item: same year and same first page.
    bool same_place = fa.first_page != 0 && fa.first_page == fb.first_page && fa.year != 0 && fa.year == fb.year;
    const bool own_evidence = (fa.kind != Kind::article && !fa.labelled) || (fb.kind != Kind::article && !fb.labelled);
    if (own_evidence) {
      return Veto::kind; // a notice or comment by its title, against anything else
    }
    label_conflict = !(conf_pair && (options.merge_conference_with_article || same_place));
  }
  if (fa.part != 0 && fb.part != 0 && fa.part != fb.part) {
    return Veto::part;
  }
  double t = -1;
  auto title = [&] {
    if (t < 0) {
      t = fa.title.empty() || fb.title.empty() ? 0.0 : title_similarity(fa, fb);
    }
    return t;
  };
  if (fa.doi_key != 0 && fb.doi_key != 0 && !fa.same_doi(fb) && !same_citation(fa, fb, 8, title)) {
    return Veto::doi;
  }
  if (fa.pmid_key != 0 && fb.pmid_key != 0 && !fa.same_pmid(fb)) {
    return Veto::pmid;
  }
  const bool same_id = fa.same_doi(fb) || fa.same_pmid(fb);
  if (fa.year != 0 && fb.year != 0 && std::abs(fa.year - fb.year) > 1) {
    if (!same_id || title() < 0.9) {
      return Veto::years;
    }
  }
  if (same_id && (title() >= 0.9 || title_contained(fa, fb, 3))) {
    // Identifier and title agree: a volume or page conflict is a data error, and a
    // publication type is what one database called the item.
    return Veto::none;
  }
  if (volume_conflict(fa, fb) && !same_citation(fa, fb, 6, title)) {
    return Veto::volume;
  }
  if (page_agreement(fa, fb) < 0) {
    return Veto::pages;
  }
  return label_conflict ? Veto::label : Veto::none;
}

std::string describe(Veto v, const Features& fa, const Features& fb)
{
  switch (v) {
  case Veto::none:
    return {};
  case Veto::kind:
    return fmt::format("{} vs {}", kind_name(fa.kind), kind_name(fb.kind));
  case Veto::label:
    return fmt::format("typed {} vs {}", kind_name(fa.kind), kind_name(fb.kind));
  case Veto::part:
    return fmt::format("different parts ({} vs {})", fa.part, fb.part);
  case Veto::doi:
    return "different doi";
  case Veto::pmid:
    return "different pmid";
  case Veto::years:
    return fmt::format("years {} and {}", fa.year, fb.year);
  case Veto::volume:
    return "different volume";
  case Veto::pages:
    return "different pages";
  }
  return {};
}

} // namespace

namespace {
Comparison compare_fields(const Record& a, const Features& fa, const Features& fb);
} // namespace

bool reviewable(Veto v, const Features& fa, const Features& fb)
{
  if (v == Veto::label) {
    return true;
  }
  if (v == Veto::doi) {
    // A reprint keeps its length: both page ranges known and as long as each other.
    const bool same_length = fa.first_page != 0 && fb.first_page != 0 && fa.last_page > fa.first_page
                             && fb.last_page > fb.first_page
                             && fa.last_page - fa.first_page == fb.last_page - fb.first_page;
    if (!same_length) {
      return false;
    }
  }
  if (v == Veto::pages || v == Veto::volume || v == Veto::doi) {
    // Pages or volume conflict while everything else agrees strongly: one item with a page
    // or volume typo in one database (943-945 against 2-8, an article number against 1-6,
    // a supplement's pages), or a reprint, or the parts of a study. Two DOIs under one
    // title, first author and journal a year apart, on as many pages: a journal that
    // printed the article twice (Liu 2009 and 2010, J Inf Technol). A person decides.
    return !fa.recurring && !fb.recurring && fa.year != 0 && fb.year != 0 && std::abs(fa.year - fb.year) <= 1
           && std::min(fa.words.size(), fb.words.size()) >= 5 && author_agreement(fa, fb) == 2
           && journal_agreement(fa, fb) > 0 && title_similarity(fa, fb) >= 0.97;
  }
  return v == Veto::kind && (fa.same_doi(fb) || fa.same_pmid(fb)) && !fa.title.empty() && !fb.title.empty()
         && (title_similarity(fa, fb) >= 0.9 || title_contained(fa, fb, 3));
}

bool vetoed(const Features& fa, const Features& fb, const Options& options)
{
  return veto_of(fa, fb, options) != Veto::none;
}

Veto veto_kind(const Features& fa, const Features& fb, const Options& options) { return veto_of(fa, fb, options); }

bool disagree_on(Veto field, const Features& fa, const Features& fb)
{
  switch (field) {
  case Veto::volume:
    return volume_conflict(fa, fb);
  case Veto::pages:
    return page_agreement(fa, fb) < 0;
  case Veto::label:
    return fa.kind != fb.kind && (fa.kind == Kind::article || fa.labelled) && (fb.kind == Kind::article || fb.labelled);
  default:
    return false;
  }
}

std::string veto_reason(const Record& /*a*/, const Features& fa, const Record& /*b*/, const Features& fb,
                        const Options& options)
{
  return describe(veto_of(fa, fb, options), fa, fb);
}

Comparison compare(const Record& a, const Features& fa, const Record& /*b*/, const Features& fb, const Options& options)
{
  Comparison c;
  const Veto v = veto_of(fa, fb, options);
  if ((v == Veto::kind || v == Veto::pages || v == Veto::volume || v == Veto::doi) && reviewable(v, fa, fb)) {
    // A notice by its title and a record of another kind under one identifier (the
    // notice's record in another database: PubMed gives an erratum its article's title;
    // or the notice carrying its article's DOI), or a pages or volume conflict between
    // records that agree on everything else. Never merged by rule; a person decides.
    c = compare_fields(a, fa, fb);
    c.verdict = Verdict::uncertain;
    c.evidence = fmt::format("{}; {}", describe(v, fa, fb), c.evidence);
    return c;
  }
  if (v != Veto::none && v != Veto::label) {
    c.veto = true;
    c.evidence = describe(v, fa, fb);
    return c;
  }
  if (v == Veto::label) {
    // Only the publication types disagree: the fields decide whether a person should look,
    // never whether the records are merged.
    c = compare_fields(a, fa, fb);
    if (c.verdict != Verdict::different) {
      c.verdict = Verdict::uncertain;
      c.evidence = fmt::format("{}; {}", describe(v, fa, fb), c.evidence);
    }
    return c; // veto_kind() still keeps any chain of other pairs from joining them
  }
  return compare_fields(a, fa, fb);
}

namespace {

// How two records' fields agree: computed once per pair, read by each rule below.
struct Agreement
{
  const Features& fa;
  const Features& fb;
  bool titled = false;
  double t = 0;
  int author = 0;
  int year = 0; // 2: same, 1: one apart (or one unknown: 0)
  int journal = 0;
  int volume = 0;
  int pages = 0;
  bool range = false;
  std::size_t words = 0;

  bool contained(std::size_t min_words) const { return titled && title_contained(fa, fb, min_words); }

  // "title 0.98, year, first author, journal, volume, pages"
  std::string evidence() const
  {
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
  }
};

Comparison verdict(Verdict v, double score, std::string evidence)
{
  Comparison c;
  c.verdict = v;
  c.score = score;
  c.evidence = std::move(evidence);
  return c;
}

// One DOI or PMID: the same item when the titles agree or one holds the other.
Comparison by_identifier(const Agreement& g, const std::string& id, double score)
{
  if (!g.titled || g.t >= 0.6) {
    return verdict(Verdict::same, 1.0 + score, id);
  }
  if (g.contained(3)) {
    // "Title" and "Title: subtitle" under one identifier.
    return verdict(Verdict::same, 1.0 + score, id + "; title contained");
  }
  // Same identifier, different title: a translated title, or a supplement DOI shared by many
  // abstracts. A person decides.
  return verdict(Verdict::uncertain, score, fmt::format("{}; {}", id, g.evidence()));
}

// Editorials and columns repeat their titles: only pages can tell them apart. Front matter is
// numbered i, ii ... again in every issue: a different issue or last page tells two columns
// apart where the first page cannot.
Comparison by_recurring_title(const Record& a, const Agreement& g, double score)
{
  const auto& fa = g.fa;
  const auto& fb = g.fb;
  const bool issue = fa.issue != 0 && fa.issue == fb.issue;
  const bool conflict = (fa.issue != 0 && fb.issue != 0 && fa.issue != fb.issue)
                        || (fa.last_page != 0 && fb.last_page != 0 && fa.last_page != fb.last_page);
  const bool placed = g.volume > 0 || g.journal > 0;
  if (g.t >= 0.97 && g.year == 2 && g.author >= 0 && (g.pages > 0 || (g.pages == 0 && issue)) && !conflict && placed) {
    return verdict(Verdict::same, score, "fields: " + g.evidence());
  }
  if (g.t >= 0.9 && g.range && g.year == 2 && g.author >= 1 && !conflict && placed) {
    // A typo in the title, but one page range of one volume in one year, by one author.
    return verdict(Verdict::same, score, fmt::format("place: {} {}", g.evidence(), util::trim(a.pages)));
  }
  if (g.t >= 0.9 && g.year >= 1) {
    return verdict(Verdict::uncertain, score, "recurring title; " + g.evidence());
  }
  return verdict(Verdict::different, score, "");
}

// Title, authors, year, journal, volume and pages, without a shared identifier.
Comparison by_fields(const Record& a, const Agreement& g, double score)
{
  const auto& fa = g.fa;
  const auto& fb = g.fb;
  const double t = g.t;
  const bool corroborated = g.journal > 0 || g.volume > 0 || g.pages > 0;
  // Another container (a book chapter against a journal article, the journal and the book
  // not matching): title, year and first author are not enough, the volume or pages must
  // agree too. (Two names of one conference, "AMCIS 2017 Proceedings" and "Americas
  // Conference on Information Systems", often do not match: no bar between two articles.)
  const bool other_container = fa.in_book != fb.in_book && g.journal <= 0;
  const bool placed = g.volume > 0 || g.pages > 0;
  const bool same =
    (t >= 0.97 && g.author >= 1 && g.year >= 1 && g.words >= 3
     && (other_container ? placed : corroborated || (g.year == 2 && g.words >= 5)))
    || (t >= 0.93 && g.author == 2 && g.year == 2 && g.pages > 0 && (g.volume > 0 || g.journal > 0))
    || (t >= 0.99 && g.words >= 6 && g.author == 0 && g.year == 2 && (g.pages > 0 || (g.volume > 0 && g.journal > 0)));
  if (same) {
    return verdict(Verdict::same, score, "fields: " + g.evidence());
  }
  // The place of publication: one page range of one volume of one journal in one year,
  // by one first author, is one item, whatever each database did to its title (a
  // subtitle or group name added or cut, another translation).
  const bool place = g.range && g.year == 2 && g.author >= 1 && (g.journal > 0 || g.volume > 0);
  if (place && (t >= 0.7 || g.contained(2))) {
    return verdict(
      Verdict::same, score,
      fmt::format("place: {} {}{}", g.evidence(), util::trim(a.pages), t < 0.7 ? ", title contained" : ""));
  }
  if (place && g.author == 2 && g.journal > 0 && g.volume > 0 && is_numbered_page(fa.first_page)
      && (fa.translated || fb.translated)) {
    return verdict(Verdict::same, score,
                   fmt::format("place: {} {}, title translated", g.evidence(), util::trim(a.pages)));
  }
  // One title inside the other (a kicker or a subtitle that one database cut: "How did it
  // ... Upwork's CEO on how an introverted engineer learned to lead" against "Upwork's CEO
  // on how ..."), the same first author, year and journal, and no volume or pages that
  // disagree (those veto above): one item, when the shorter title is long enough to be
  // specific (6 significant words).
  if (g.author == 2 && g.year == 2 && g.journal > 0 && g.contained(6)) {
    return verdict(Verdict::same, score, "fields: " + g.evidence() + ", title contained");
  }
  // First authors that differ although the title, year, journal and volume or pages agree:
  // a name an export garbled beyond the rules above, or two letters under one heading. A
  // person decides; a name alone does not keep the pair from review.
  const bool author_only = t >= 0.95 && g.year == 2 && g.author < 0 && g.journal > 0 && (g.volume > 0 || g.pages > 0);
  const bool uncertain = author_only || (t >= 0.85 && g.year >= 1 && g.author >= 0)
                         || (t >= 0.7 && g.author >= 1 && g.year >= 1 && (g.pages > 0 || g.volume > 0))
                         || (g.contained(3) && g.author >= 1 && g.year >= 1);
  if (uncertain) {
    return verdict(Verdict::uncertain, score, "fields: " + g.evidence());
  }
  return verdict(Verdict::different, score, "");
}

Comparison compare_fields(const Record& a, const Features& fa, const Features& fb)
{
  Agreement g{fa, fb};
  g.titled = !fa.title.empty() && !fb.title.empty();
  g.t = g.titled ? title_similarity(fa, fb) : 0.0;
  const bool doi = fa.same_doi(fb);
  const bool pmid = fa.same_pmid(fb);
  g.range = same_page_range(fa, fb);
  const bool copy = fa.fingerprint != 0 && fa.fingerprint == fb.fingerprint && fa.title == fb.title;
  if (g.titled && !doi && !pmid && !g.range && !copy && g.t < 0.7 && !g.contained(3)) {
    return Comparison{}; // most candidate pairs: no rule below can apply (each needs one of these)
  }
  g.author = author_agreement(fa, fb);
  g.year = fa.year == 0 || fb.year == 0 ? 0 : fa.year == fb.year ? 2 : 1;
  g.journal = journal_agreement(fa, fb);
  g.volume = field_agreement(fa.volume, fb.volume);
  g.pages = page_agreement(fa, fb);
  g.words = std::min(fa.words.size(), fb.words.size());

  const double score = 0.6 * (g.titled ? g.t : 0.5) + 0.1 * (g.author > 0) + 0.1 * (g.year == 2) + 0.1 * (g.journal > 0)
                       + 0.05 * (g.volume > 0) + 0.05 * (g.pages > 0);
  if (copy) {
    return verdict(Verdict::same, 1.0 + score, "identical");
  }
  if (doi || pmid) {
    return by_identifier(g, doi && pmid ? "doi, pmid" : doi ? "doi" : "pmid", score);
  }
  if (!g.titled) {
    return verdict(Verdict::different, score, "");
  }
  if (fa.recurring || fb.recurring) {
    return by_recurring_title(a, g, score);
  }
  return by_fields(a, g, score);
}

} // namespace

} // namespace synth::dedup

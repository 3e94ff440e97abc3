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

Comparison compare_fields(const Record& a, const Features& fa, const Features& fb)
{
  Comparison c;
  const bool titled = !fa.title.empty() && !fb.title.empty();
  const double t = titled ? title_similarity(fa, fb) : 0.0;
  const bool doi = fa.same_doi(fb);
  const bool pmid = fa.same_pmid(fb);
  const bool range = same_page_range(fa, fb);
  auto contained = [&](std::size_t min_words) { return titled && title_contained(fa, fb, min_words); };
  const bool copy = fa.fingerprint != 0 && fa.fingerprint == fb.fingerprint && fa.title == fb.title;
  if (titled && !doi && !pmid && !range && !copy && t < 0.7 && !contained(3)) {
    return c; // most candidate pairs: no rule below can apply (each needs one of these)
  }
  const int author = author_agreement(fa, fb);
  const int year = fa.year == 0 || fb.year == 0 ? 0 : fa.year == fb.year ? 2 : 1;
  const int journal = journal_agreement(fa, fb);
  const int volume = field_agreement(fa.volume, fb.volume);
  const int pages = page_agreement(fa, fb);
  const std::size_t words = std::min(fa.words.size(), fb.words.size());

  c.score = 0.6 * (titled ? t : 0.5) + 0.1 * (author > 0) + 0.1 * (year == 2) + 0.1 * (journal > 0)
            + 0.05 * (volume > 0) + 0.05 * (pages > 0);

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

  if (copy) {
    c.verdict = Verdict::same;
    c.score = 1.0 + c.score;
    c.evidence = "identical";
    return c;
  }
  if (doi || pmid) {
    std::string id = doi && pmid ? "doi, pmid" : doi ? "doi" : "pmid";
    if (!titled || t >= 0.6) {
      c.verdict = Verdict::same;
      c.score = 1.0 + c.score;
      c.evidence = id;
    } else if (contained(3)) {
      // "Title" and "Title: subtitle" under one identifier.
      c.verdict = Verdict::same;
      c.score = 1.0 + c.score;
      c.evidence = id + "; title contained";
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
    // Front matter is numbered i, ii ... again in every issue: a different issue or last
    // page tells two columns apart where the first page cannot.
    const bool issue = fa.issue != 0 && fa.issue == fb.issue;
    const bool conflict = (fa.issue != 0 && fb.issue != 0 && fa.issue != fb.issue)
                          || (fa.last_page != 0 && fb.last_page != 0 && fa.last_page != fb.last_page);
    if (t >= 0.97 && year == 2 && author >= 0 && (pages > 0 || (pages == 0 && issue)) && !conflict
        && (volume > 0 || journal > 0)) {
      c.verdict = Verdict::same;
      c.evidence = "fields: " + field_evidence();
    } else if (t >= 0.9 && range && year == 2 && author >= 1 && !conflict && (volume > 0 || journal > 0)) {
      // A typo in the title, but one page range of one volume in one year, by one author.
      c.verdict = Verdict::same;
      c.evidence = fmt::format("place: {} {}", field_evidence(), util::trim(a.pages));
    } else if (t >= 0.9 && year >= 1) {
      c.verdict = Verdict::uncertain;
      c.evidence = "recurring title; " + field_evidence();
    }
    return c;
  }
  // Another container (a book chapter against a journal article, the journal and the book
  // not matching): title, year and first author are not enough, the volume or pages must
  // agree too. (Two names of one conference, "AMCIS 2017 Proceedings" and "Americas
  // Conference on Information Systems", often do not match: no bar between two articles.)
  const bool other_container = fa.in_book != fb.in_book && journal <= 0;
  const bool placed = volume > 0 || pages > 0;
  const bool same =
    (t >= 0.97 && author >= 1 && year >= 1 && words >= 3
     && (other_container ? placed : corroborated || (year == 2 && words >= 5)))
    || (t >= 0.93 && author == 2 && year == 2 && pages > 0 && (volume > 0 || journal > 0))
    || (t >= 0.99 && words >= 6 && author == 0 && year == 2 && (pages > 0 || (volume > 0 && journal > 0)));
  if (same) {
    c.verdict = Verdict::same;
    c.evidence = "fields: " + field_evidence();
    return c;
  }
  // The place of publication: one page range of one volume of one journal in one year,
  // by one first author, is one item, whatever each database did to its title (a
  // subtitle or group name added or cut, another translation).
  const bool place = range && year == 2 && author >= 1 && (journal > 0 || volume > 0);
  if (place && (t >= 0.7 || contained(2))) {
    c.verdict = Verdict::same;
    c.evidence =
      fmt::format("place: {} {}{}", field_evidence(), util::trim(a.pages), t < 0.7 ? ", title contained" : "");
    return c;
  }
  if (place && author == 2 && journal > 0 && volume > 0 && is_numbered_page(fa.first_page)
      && (fa.translated || fb.translated)) {
    c.verdict = Verdict::same;
    c.evidence = fmt::format("place: {} {}, title translated", field_evidence(), util::trim(a.pages));
    return c;
  }
  // One title inside the other (a kicker or a subtitle that one database cut: "How did it
  // ... Upwork's CEO on how an introverted engineer learned to lead" against "Upwork's CEO
  // on how ..."), the same first author, year and journal, and no volume or pages that
  // disagree (those veto above): one item, when the shorter title is long enough to be
  // specific (6 significant words).
  if (author == 2 && year == 2 && journal > 0 && contained(6)) {
    c.verdict = Verdict::same;
    c.evidence = "fields: " + field_evidence() + ", title contained";
    return c;
  }
  // First authors that differ although the title, year, journal and volume or pages agree:
  // a name an export garbled beyond the rules above, or two letters under one heading. A
  // person decides; a name alone does not keep the pair from review.
  const bool author_only = t >= 0.95 && year == 2 && author < 0 && journal > 0 && (volume > 0 || pages > 0);
  const bool uncertain = author_only || (t >= 0.85 && year >= 1 && author >= 0)
                         || (t >= 0.7 && author >= 1 && year >= 1 && (pages > 0 || volume > 0))
                         || (contained(3) && author >= 1 && year >= 1);
  if (uncertain) {
    c.verdict = Verdict::uncertain;
    c.evidence = "fields: " + field_evidence();
  }
  return c;
}

} // namespace

} // namespace synth::dedup

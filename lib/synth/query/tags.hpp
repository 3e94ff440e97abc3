#pragma once
// PubMed's field tags, as its help lists them ("Search Field Descriptions and Tags"), and
// the platform-neutral fields they search.
//
// A tag is recognised in its short form ([tiab]) and its long forms ([Title/Abstract]),
// in any case, with the spaces inside the brackets ignored at both ends. Two suffixes
// change a tag's meaning: `:noexp` on a MeSH tag ([mh:noexp], [MeSH Terms:noexp],
// [majr:noexp], [sh:noexp]) turns off the explosion to narrower headings, and `:~N` on
// [ti], [tiab] and [ad] ([tiab:~2], [Title/Abstract:~2]) makes a quoted phrase a proximity
// search: its words in any order with at most N words between them.
//
// The fields (Field, FieldSet) say what a tag searches in words every platform has, so
// that a strategy can be compared and, later, translated: [tiab] searches the title, the
// abstract and the author keywords; [mh] the controlled-vocabulary headings.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace synth::query {

// What a search can look at, whatever the platform calls it.
enum class Field : std::uint8_t {
  title,
  abstract,
  keywords,   // author keywords, PubMed's "other terms"
  text_words, // PubMed [tw]: title, abstract, keywords, headings, types, substances ...
  all_fields, // every field
  heading,    // controlled vocabulary (MeSH, CINAHL Headings, Emtree ...)
  subheading, // MeSH qualifiers (therapy, diagnosis ...)
  substance,  // supplementary concepts, substance names, registry numbers
  pharmacological_action,
  author,
  author_first,
  author_last,
  author_full,
  author_identifier,
  investigator,
  corporate_author,
  editor,
  affiliation,
  journal,
  journal_identifier,
  volume,
  issue,
  pages,
  location_identifier,
  article_identifier,
  record_identifier, // PMID
  isbn,
  book,
  language,
  publication_type,
  publisher,
  place_of_publication,
  secondary_source,
  grant,
  conflict_of_interest,
  personal_name_subject,
  transliterated_title,
  filter, // PubMed's filters and subsets ([sb], [filter])
  date_publication,
  date_entry,
  date_create,
  date_mesh,
  date_completion,
  date_modification,
  heading_word, // the words of the headings (Ovid .hw.), not the headings as wholes
};

// A set of fields (a bit each).
class FieldSet
{
public:
  FieldSet() = default;
  FieldSet(std::initializer_list<Field> fields);
  bool has(Field f) const { return (m_bits >> static_cast<unsigned>(f)) & 1U; }
  void add(Field f) { m_bits |= std::uint64_t{1} << static_cast<unsigned>(f); }
  bool empty() const { return m_bits == 0; }
  // Every field of this set is in `other`.
  bool subset_of(const FieldSet& other) const { return (m_bits & ~other.m_bits) == 0; }
  bool operator==(const FieldSet&) const = default;

private:
  std::uint64_t m_bits = 0;
};

// PubMed's tags, one value per canonical short tag.
enum class Tag : std::uint8_t {
  tiab,
  ti,
  ab,
  tw,
  all,
  ad,
  aid,
  au,
  first_au,
  lastau,
  fau,
  auid,
  cn,
  ed,
  ir,
  fir,
  book,
  cois,
  crdt,
  dcom,
  edat,
  lr,
  mhda,
  dp,
  rn,
  filter,
  gr,
  isbn,
  ip,
  ta,
  jid,
  la,
  lid,
  majr,
  mh,
  sh,
  nm,
  ot,
  pg,
  ps,
  pa,
  pl,
  pmid,
  pt,
  pubn,
  si,
  tt,
  vi,
};

// What kind of value a tag searches: how terms on it are read and checked.
enum class TagKind : std::uint8_t {
  text,       // words of titles, abstracts, keywords, affiliations
  heading,    // a controlled-vocabulary heading ([mh] [majr])
  subheading, // a MeSH qualifier alone ([sh])
  date,       // a date or a date range
  author,     // a name
  value,      // a whole value: language, type, journal, filter, substance ...
  identifier, // PMID, DOI, grant number, volume, pages ...
};

struct TagInfo
{
  Tag tag;
  std::string_view name;      // canonical short form: "tiab"
  std::string_view long_name; // PubMed's long form: "Title/Abstract"
  TagKind kind;
  FieldSet fields;
  bool proximity = false; // [tag:~N] allowed (ti, tiab, ad)
  bool noexp = false;     // [tag:noexp] allowed (MeSH tags)
  bool in_pubmed = true;  // false for [ab]: PubMed has no abstract-only search
};

// A tag as written inside the brackets, recognised.
struct TagMatch
{
  const TagInfo* info = nullptr;
  bool noexp = false;     // ":noexp"
  bool proximity = false; // ":~..." was written
  std::string distance;   // the text after "~", as written ("2", "0.5")
};

// Recognises the text inside [ ]: nullopt when it is no PubMed tag, nor a known tag with
// a known suffix. A ":~N" suffix is returned as written (distance), whether or not the
// tag allows it, so that the linter can say what is wrong with it.
std::optional<TagMatch> match_tag(std::string_view written);

// Every tag, in PubMed help's order (for documentation and tests).
const std::vector<TagInfo>& all_tags();
const TagInfo& tag_info(Tag tag);

} // namespace synth::query

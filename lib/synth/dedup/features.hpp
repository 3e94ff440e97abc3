#pragma once
// The normalised view of a record that dedup compares: folded title and its character
// bigrams, first-author family name, journal words, numeric volume and pages, and the
// kind of item (article, notice, comment, conference abstract). Pure, no I/O.
#include "synth/core/record.hpp"
#include "synth/dedup/normalise.hpp"

#include <cstdint>
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

namespace synth::dedup {

// What a record is, as far as merging is concerned. A notice (erratum, corrigendum,
// retraction) or a comment/reply recognised from its own evidence (its title) is a record
// of its own even when it shares the DOI of the article it is about, and is never merged
// with an article. A kind that only the database's publication type gives (Scopus "Note",
// "Letter", "Erratum"; PubMed "letter") is a label: it keeps a pair out of a merge on
// fields alone (the pair goes to review), never out of a merge on a shared DOI or PMID
// and title.
enum class Kind { article, conference, erratum, retraction, comment };

const char* kind_name(Kind kind);

// One form of a title: the whole title, or a translation found in it (title_variants).
struct TitleForm
{
  std::vector<std::uint16_t> bigrams; // sorted character bigrams of the folded form without spaces
  std::vector<std::uint32_t> words;   // hashes of its significant words (stop words dropped), in order
};

struct Features
{
  // What the veto reads comes first and is numeric: checking a candidate pair (most are
  // vetoed) then touches one cache line of each record. Keys and numbers are 0 when unknown.
  Kind kind = Kind::article;
  bool labelled = false;   // `kind` comes from the publication type alone
  bool in_book = false;    // typed book or book chapter (a container other than a journal)
  bool recurring = false;  // editorial, column or notice whose title repeats
  bool translated = false; // translated_title(), or a language other than English
  std::uint8_t part = 0;   // 2 of "Part II" / "part 2"
  int year = 0;
  std::uint64_t doi_key = 0;              // hash of `doi` (equal keys are confirmed on `doi`)
  std::uint64_t pmid_key = 0;             // hash of the PMID
  std::uint64_t volume = 0;               // volume_number() + 1
  std::uint64_t first_page = 0;           // 1112 + 1 of "1112-9", 123 + 1 of "e123"
  std::uint64_t last_page = 0;            // 1119 + 1 of "1112-9"; 0 for a single page
  std::vector<std::uint64_t> page_starts; // first page (+ 1) of every range of a list of ranges
  bool article_number = false;            // pages are an article number ("e12724"), not a place in an issue
  std::uint64_t issue = 0;                // hash of the folded issue
  std::uint64_t supplement = 0;           // number_key of N in an issue "Suppl. N" / "Supplement N"
  // Hash of every field above and of the title, authors and journal, when the record has a
  // title of six significant words, or a shorter title and two of authors, year, journal,
  // volume, pages, identifier (a recurring title needs authors or pages): equal for the
  // copies of one record, as when the same export is imported twice. 0 for a record with
  // too little to tell it from another.
  std::uint64_t fingerprint = 0;

  std::string title;                  // folded clean_title(): lower case, no accents, no punctuation
  std::vector<std::uint16_t> bigrams; // of `title`, as in TitleForm
  std::vector<std::uint32_t> words;   // of `title`, as in TitleForm
  std::vector<TitleForm> variants;    // translations given beside the title; usually empty
  std::string doi;                    // canonical_doi()
  std::string pmid;
  std::string first_author;           // folded family name of the first author, no spaces
                                      // ("debotton"); '?' where the export lost a letter
  std::string first_author_last;      // its last word ("botton" of "De Botton")
  std::string first_given;            // first given name, folded, when it is a name, not an
                                      // initial: finds "Lee, Jooa Julia" written "Jooa Julia, Lee"
  std::string first_initials;         // first letters of the first author's given names ("fx" of "F X")
  std::vector<std::uint32_t> authors; // hashes of the last word of each family name (at most 12)
  // Folded journal words, stop words and numbers dropped, shared by the records of one
  // journal (never null).
  std::shared_ptr<const std::vector<std::string>> journal;
  std::shared_ptr<const std::vector<std::string>> journal_abbrev;

  bool same_doi(const Features& o) const { return doi_key != 0 && doi_key == o.doi_key && doi == o.doi; }
  bool same_pmid(const Features& o) const { return pmid_key != 0 && pmid_key == o.pmid_key && pmid == o.pmid; }
};

// Journal names repeat across records: their folded words are computed once per name.
// One cache per thread.
class JournalCache
{
public:
  std::shared_ptr<const std::vector<std::string>> words(const std::string& journal);

private:
  std::unordered_map<std::string, std::shared_ptr<const std::vector<std::string>>> m_words;
};

// Computes the features of one record.
Features features(const Record& record);
Features features(const Record& record, JournalCache& journals);

// A page or volume number as Features holds it: the number + 1, 0 for "" or more than 18 digits.
std::uint64_t number_key(std::string_view digits);

// 32-bit FNV-1a of a word: what TitleForm::words and Features::authors hold.
std::uint32_t word_hash(std::string_view word);

// Kind from the record's own evidence: the title words of notices ("Erratum", "Correction
// to", "...: Correction.", "Corrigendum", "Retraction:", "Comment on", "Reply to",
// "Response to" ...). Kind::article when the title says nothing.
Kind title_kind(const Record& record, const std::string& folded_title);

// Kind that Record.type alone gives (erratum, retraction, comment or letter, conference).
Kind label_kind(const Record& record);

// title_kind(), else label_kind().
Kind record_kind(const Record& record, const std::string& folded_title);

} // namespace synth::dedup

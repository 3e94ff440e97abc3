#include "synth/core/normalise.hpp"

#include "synth/util/text.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <utility>

namespace synth {

using util::iequals;
using util::to_lower;
using util::trim;

namespace {
int hex_value(char c)
{
  if (c >= '0' && c <= '9') {
    return c - '0';
  }
  if (c >= 'a' && c <= 'f') {
    return c - 'a' + 10;
  }
  return -1;
}

// Decodes %XX of printable ASCII (a DOI never needs more); anything else stays as written.
std::string percent_decoded(const std::string& s)
{
  if (s.find('%') == std::string::npos) {
    return s;
  }
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '%' && i + 2 < s.size() && hex_value(s[i + 1]) >= 0 && hex_value(s[i + 2]) >= 0) {
      int c = hex_value(s[i + 1]) * 16 + hex_value(s[i + 2]);
      if (c > 0x20 && c < 0x7f) {
        out += static_cast<char>(c);
        i += 2;
        continue;
      }
    }
    out += s[i];
  }
  return out;
}
} // namespace

std::string normalise_doi(std::string_view text)
{
  auto s = trim(text);
  auto pos = s.find("10.");
  if (pos == std::string_view::npos) {
    return {};
  }
  s = s.substr(pos);
  // A DOI ends at white space; exports sometimes append a second DOI or a period.
  auto end = s.find_first_of(" \t\r\n");
  if (end != std::string_view::npos) {
    s = s.substr(0, end);
  }
  while (!s.empty() && (s.back() == '.' || s.back() == ',' || s.back() == ';')) {
    s.remove_suffix(1);
  }
  std::string out = to_lower(s);
  // Percent-encoding from resolver URLs: "%2f" -> "/", "%28" -> "(", "%3c" -> "<".
  out = percent_decoded(out);
  if (out.find('/') == std::string::npos) {
    return {};
  }
  return out;
}

namespace {
struct Language
{
  const char* code;   // ISO 639-2/B
  const char* alpha2; // ISO 639-1
  const char* alt;    // ISO 639-2/T where it differs, else ""
  const char* name;   // English name
};
constexpr std::array<Language, 88> k_languages{{
  {"eng", "en", "", "english"},
  {"ger", "de", "deu", "german"},
  {"fre", "fr", "fra", "french"},
  {"spa", "es", "", "spanish"},
  {"ita", "it", "", "italian"},
  {"por", "pt", "", "portuguese"},
  {"dut", "nl", "nld", "dutch"},
  {"rus", "ru", "", "russian"},
  {"chi", "zh", "zho", "chinese"},
  {"jpn", "ja", "", "japanese"},
  {"kor", "ko", "", "korean"},
  {"pol", "pl", "", "polish"},
  {"swe", "sv", "", "swedish"},
  {"nor", "no", "", "norwegian"},
  {"dan", "da", "", "danish"},
  {"fin", "fi", "", "finnish"},
  {"cze", "cs", "ces", "czech"},
  {"hun", "hu", "", "hungarian"},
  {"tur", "tr", "", "turkish"},
  {"gre", "el", "ell", "greek"},
  {"heb", "he", "", "hebrew"},
  {"ara", "ar", "", "arabic"},
  {"per", "fa", "fas", "persian"},
  {"hrv", "hr", "", "croatian"},
  {"srp", "sr", "", "serbian"},
  {"slv", "sl", "", "slovenian"},
  {"slo", "sk", "slk", "slovak"},
  {"rum", "ro", "ron", "romanian"},
  {"bul", "bg", "", "bulgarian"},
  {"ukr", "uk", "", "ukrainian"},
  {"lit", "lt", "", "lithuanian"},
  {"lav", "lv", "", "latvian"},
  {"est", "et", "", "estonian"},
  {"ice", "is", "isl", "icelandic"},
  {"ind", "id", "", "indonesian"},
  {"tha", "th", "", "thai"},
  {"vie", "vi", "", "vietnamese"},
  {"hin", "hi", "", "hindi"},
  {"afr", "af", "", "afrikaans"},
  {"cat", "ca", "", "catalan"},
  {"lat", "la", "", "latin"},
  {"mul", "", "", "multiple languages"},
  {"und", "", "", "undetermined"},
  {"wel", "cy", "cym", "welsh"},
  {"bos", "bs", "", "bosnian"},
  {"geo", "ka", "kat", "georgian"},
  {"arm", "hy", "hye", "armenian"},
  {"alb", "sq", "sqi", "albanian"},
  {"mac", "mk", "mkd", "macedonian"},
  {"may", "ms", "msa", "malay"},
  {"ben", "bn", "", "bengali"},
  {"urd", "ur", "", "urdu"},
  {"tam", "ta", "", "tamil"},
  {"swa", "sw", "", "swahili"},
  {"tgl", "tl", "", "tagalog"},
  {"gle", "ga", "", "irish"},
  {"baq", "eu", "eus", "basque"},
  {"glg", "gl", "", "galician"},
  {"bel", "be", "", "belarusian"},
  {"kaz", "kk", "", "kazakh"},
  {"aze", "az", "", "azerbaijani"},
  {"mon", "mn", "", "mongolian"},
  {"nep", "ne", "", "nepali"},
  {"epo", "eo", "", "esperanto"},
  {"mao", "mi", "mri", "maori"},
  {"san", "sa", "", "sanskrit"},
  {"pan", "pa", "", "punjabi"},
  {"mar", "mr", "", "marathi"},
  {"tel", "te", "", "telugu"},
  {"kan", "kn", "", "kannada"},
  {"mal", "ml", "", "malayalam"},
  {"sin", "si", "", "sinhala"},
  {"bur", "my", "mya", "burmese"},
  {"khm", "km", "", "khmer"},
  {"amh", "am", "", "amharic"},
  {"yor", "yo", "", "yoruba"},
  {"zul", "zu", "", "zulu"},
  {"mlt", "mt", "", "maltese"},
  {"ltz", "lb", "", "luxembourgish"},
  {"yid", "yi", "", "yiddish"},
  {"gla", "gd", "", "scottish gaelic"},
  {"fil", "", "", "filipino"},
  {"dut", "", "", "flemish"},
  {"dut", "", "", "netherlandish"},
  {"nor", "nb", "nob", "norwegian bokmal"},
  {"nor", "nn", "nno", "norwegian nynorsk"},
  {"mul", "", "", "multiple"},
  {"und", "", "", "unknown"},
}};
} // namespace

std::string normalise_language(std::string_view text)
{
  auto s = to_lower(trim(text));
  if (s.empty()) {
    return {};
  }
  // "English; French" or "eng, fre": the first language.
  auto cut = s.find_first_of(";,/");
  if (cut != std::string::npos) {
    s = std::string(trim(std::string_view(s).substr(0, cut)));
  }
  auto lookup = [](std::string_view t) -> const char* {
    for (const auto& lang : k_languages) {
      if (t == lang.code || (*lang.alpha2 && t == lang.alpha2) || (*lang.alt && t == lang.alt) || t == lang.name) {
        return lang.code;
      }
    }
    return nullptr;
  };
  if (const char* code = lookup(s)) {
    return code;
  }
  // "eng ger" (several codes), "English (US)", "Chinese Simplified": the first word.
  if (auto space = s.find_first_of(" ("); space != std::string::npos) {
    if (const char* code = lookup(trim(std::string_view(s).substr(0, space)))) {
      return code;
    }
  }
  return s;
}

std::string language_alpha2(std::string_view text)
{
  auto code = normalise_language(text);
  for (const auto& lang : k_languages) {
    if (code == lang.code && *lang.alpha2) {
      return lang.alpha2;
    }
  }
  return {};
}

namespace {
// Ordered from most to least specific: the first type found wins.
const std::array<std::pair<const char*, const char*>, 66> k_type_map{{
  {"retraction of publication", "retraction"},
  {"retraction notice", "retraction"},
  {"retracted publication", "journal-article"},
  {"retraction", "retraction"},
  {"published erratum", "erratum"},
  {"erratum", "erratum"},
  {"correction", "erratum"},
  {"corrigendum", "erratum"},
  {"comment", "comment"},
  {"commentary", "comment"},
  {"letter", "letter"},
  {"editorial", "editorial"},
  {"news", "news"},
  {"newspaper article", "news"},
  {"note", "comment"},
  {"preprint", "preprint"},
  {"posted-content", "preprint"},
  {"unpb", "preprint"},
  {"conference abstract", "conference"},
  {"conference paper", "conference"},
  {"conference review", "conference"},
  {"congress", "conference"},
  {"meeting abstract", "conference"},
  {"proceedings paper", "conference"},
  {"proceedings-article", "conference"},
  {"inproceedings", "conference"},
  {"conference proceeding", "conference"},
  {"conf", "conference"},
  {"cpaper", "conference"},
  {"abst", "conference"},
  {"conference", "conference"},
  {"meeting", "conference"},
  {"thesis", "dissertation"},
  {"dissertation", "dissertation"},
  {"phdthesis", "dissertation"},
  {"mastersthesis", "dissertation"},
  {"thes", "dissertation"},
  {"book chapter", "book-chapter"},
  {"book-chapter", "book-chapter"},
  {"chapter", "book-chapter"},
  {"chap", "book-chapter"},
  {"incollection", "book-chapter"},
  {"inbook", "book-chapter"},
  {"book section", "book-chapter"},
  {"book", "book"},
  {"edited book", "book"},
  {"ebook", "book"},
  {"edbook", "book"},
  {"monograph", "book"},
  {"systematic review", "review"},
  {"short survey", "review"},
  {"meta-analysis", "review"},
  {"review", "review"},
  {"journal article", "journal-article"},
  {"journal paper", "journal-article"},
  {"journal-article", "journal-article"},
  {"article", "journal-article"},
  {"jour", "journal-article"},
  {"jfull", "journal-article"},
  {"ejour", "journal-article"},
  {"research article", "journal-article"},
  {"review article", "review"},
  {"original article", "journal-article"},
  {"clinical trial", "journal-article"},
  {"randomized controlled trial", "journal-article"},
  {"case reports", "journal-article"},
}};
} // namespace

std::string normalise_publication_type(const std::vector<std::string>& given)
{
  std::vector<std::string> lowered;
  lowered.reserve(given.size());
  bool known = false; // some type other than "generic" was given
  for (const auto& g : given) {
    auto l = to_lower(trim(g));
    // RIS "GEN" and EndNote "Generic": the writer knew no type.
    if (l.empty() || l == "gen" || l == "generic") {
      continue;
    }
    known = true;
    // PubMed's "Consensus Development Conference[, NIH]" labels a consensus statement
    // published as an article, not a conference abstract: it says nothing of the type.
    if (l.starts_with("consensus development conference")) {
      continue;
    }
    lowered.push_back(std::move(l));
  }
  // The most specific type wins: entries are tried in order, each as an exact label or
  // (for labels of five letters or more) inside a longer one ("Journal: Conference
  // Abstract", "Letter to the editor").
  for (const auto& [name, type] : k_type_map) {
    const std::string_view n(name);
    for (const auto& g : lowered) {
      if (g == n || (n.size() >= 5 && g.find(n) != std::string::npos)) {
        return type;
      }
    }
  }
  return known ? std::string("other") : std::string();
}

Author parse_author(std::string_view text)
{
  auto s = trim(text);
  Author a;
  if (s.empty()) {
    return a;
  }
  if (auto comma = s.find(','); comma != std::string_view::npos) {
    a.family = std::string(trim(s.substr(0, comma)));
    a.given = util::collapse_space(trim(s.substr(comma + 1)));
    return a;
  }
  const std::string collapsed = util::collapse_space(s);
  auto words = util::split(collapsed, ' ');
  std::vector<std::string> w(words.begin(), words.end());
  if (w.size() == 1) {
    a.family = w[0];
    return a;
  }
  // MEDLINE style "Topor A" / "Topor AB": the last word is initials (all capitals, short).
  const auto& last = w.back();
  bool initials = last.size() <= 3 && std::all_of(last.begin(), last.end(), [](char c) {
                    return std::isupper(static_cast<unsigned char>(c)) || c == '.';
                  });
  if (initials) {
    a.given = last;
    w.pop_back();
    a.family = util::join(w, " ");
    return a;
  }
  // "Alain Topor", "Jan de Jong": family name is the last word plus lower-case particles.
  std::size_t k = w.size() - 1;
  while (k > 1 && std::islower(static_cast<unsigned char>(w[k - 1][0]))) {
    --k;
  }
  a.family = util::join(std::vector<std::string>(w.begin() + static_cast<long>(k), w.end()), " ");
  a.given = util::join(std::vector<std::string>(w.begin(), w.begin() + static_cast<long>(k)), " ");
  return a;
}

DateParts parse_date(std::string_view text)
{
  DateParts d;
  auto s = trim(text);
  // Tokens of digits and letters; `glued` marks tokens that were part of a word mixing
  // both ("F1000Res", "2nd"), which are never a year.
  std::vector<std::string> tokens;
  std::vector<bool> glued;
  std::string cur;
  bool word_mixed = false;
  std::size_t word_start = 0;
  auto flush = [&] {
    if (!cur.empty()) {
      tokens.push_back(cur);
      glued.push_back(false);
      cur.clear();
    }
  };
  auto end_word = [&] {
    flush();
    if (word_mixed) {
      for (std::size_t i = word_start; i < glued.size(); ++i) {
        glued[i] = true;
      }
    }
    word_mixed = false;
    word_start = tokens.size();
  };
  for (char c : s) {
    if (std::isalnum(static_cast<unsigned char>(c))) {
      if (!cur.empty()
          && (std::isdigit(static_cast<unsigned char>(cur.back())) != 0)
               != (std::isdigit(static_cast<unsigned char>(c)) != 0)) {
        flush();
        word_mixed = true;
      }
      cur += c;
    } else {
      end_word();
    }
  }
  end_word();
  // Year: the first 4-digit token between 1000 and 2999 that stands alone.
  std::size_t year_at = tokens.size();
  for (std::size_t i = 0; i < tokens.size(); ++i) {
    if (tokens[i].size() == 4 && !glued[i] && std::isdigit(static_cast<unsigned char>(tokens[i][0]))) {
      int y = std::atoi(tokens[i].c_str());
      if (y >= 1000 && y <= 2999) {
        d.year = y;
        year_at = i;
        break;
      }
    }
  }
  if (!d.year) {
    return d;
  }
  d.iso = fmt::format("{:04d}", *d.year);
  int month = 0;
  int day = 0;
  // A month name right after the year ("F1000Res. 2018 Jan 25") reads forwards too.
  const bool month_follows = year_at + 1 < tokens.size()
                             && !std::isdigit(static_cast<unsigned char>(tokens[year_at + 1][0]))
                             && month_number(tokens[year_at + 1]) > 0;
  if (year_at == 0 || month_follows) {
    // 2013/11/30, 2013 Nov 30, 2013-11
    if (tokens.size() > year_at + 1) {
      month = month_number(tokens[year_at + 1]);
      if (month && tokens.size() > year_at + 2 && std::isdigit(static_cast<unsigned char>(tokens[year_at + 2][0]))
          && tokens[year_at + 2].size() <= 2) {
        day = std::atoi(tokens[year_at + 2].c_str());
      }
    }
  } else {
    // Nov 2013, 30 Nov 2013, 11/30/2013
    if (year_at >= 2 && std::isdigit(static_cast<unsigned char>(tokens[0][0]))
        && std::isdigit(static_cast<unsigned char>(tokens[1][0]))) {
      month = month_number(tokens[0]);
      day = std::atoi(tokens[1].c_str());
    } else {
      for (std::size_t i = 0; i < year_at; ++i) {
        if (!std::isdigit(static_cast<unsigned char>(tokens[i][0]))) {
          month = month_number(tokens[i]);
        } else if (tokens[i].size() <= 2) {
          day = std::atoi(tokens[i].c_str());
        }
      }
    }
  }
  if (month) {
    // A day that the month does not have (2013 Feb 30) is left out: the month stands.
    const util::CalendarDate date{*d.year, month, day >= 1 && day <= util::days_in_month(*d.year, month) ? day : 0};
    d.iso = date.iso();
  }
  return d;
}

void finish_record(Record& r)
{
  r.doi = normalise_doi(r.doi);
  r.language = normalise_language(r.language);
  util::collapse_space_in_place(r.title);
  util::collapse_space_in_place(r.abstract);
  util::collapse_space_in_place(r.journal);
  if (r.type.empty()) {
    r.type = normalise_publication_type(r.publication_types);
  }
  if (!r.year && !r.date.empty()) {
    r.year = parse_date(r.date).year;
  }
  // A known year is the least precise date.
  if (r.date.empty() && r.year) {
    r.date = fmt::format("{:04d}", *r.year);
  }
}

} // namespace synth

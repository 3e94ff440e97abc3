#include "synth/screen/language.hpp"

#include "synth/core/normalise.hpp"

#include <cld2/public/compact_lang_det.h>
#include <cld2/public/encodings.h>

namespace synth::screen {

namespace {

// MEDLINE puts a title translated into English in square brackets ("[The beriberi
// heart]."): its language says nothing about the article's.
bool translated_title(std::string_view title)
{
  while (!title.empty() && (title.back() == '.' || title.back() == ' ')) {
    title.remove_suffix(1);
  }
  while (!title.empty() && title.front() == ' ') {
    title.remove_prefix(1);
  }
  return title.size() > 2 && title.front() == '[' && title.back() == ']';
}

} // namespace

DetectedLanguage detect_language(std::string_view title, std::string_view abstract)
{
  if (translated_title(title)) {
    title = {};
  }
  // The start of the abstract is enough for CLD2 (it is reliable from a few hundred
  // characters); the rest would only cost time on a million records.
  if (abstract.size() > k_detect_abstract_bytes) {
    std::size_t cut = k_detect_abstract_bytes;
    while (cut > 0 && (static_cast<unsigned char>(abstract[cut]) & 0xC0) == 0x80) {
      --cut; // not inside a UTF-8 sequence
    }
    abstract = abstract.substr(0, cut);
  }
  std::string text;
  text.reserve(title.size() + abstract.size() + 2);
  text.append(title);
  text.append("\n");
  text.append(abstract);
  CLD2::Language language3[3];
  int percent3[3] = {0, 0, 0};
  double scores3[3] = {0, 0, 0};
  int text_bytes = 0;
  bool reliable = false;
  int valid = 0;
  CLD2::CLDHints hints = {nullptr, nullptr, CLD2::UNKNOWN_ENCODING, CLD2::UNKNOWN_LANGUAGE};
  CLD2::Language lang =
    CLD2::ExtDetectLanguageSummaryCheckUTF8(text.data(), static_cast<int>(text.size()), true, &hints, 0, language3,
                                            percent3, scores3, nullptr, &text_bytes, &reliable, &valid);
  if (valid < static_cast<int>(text.size()) && valid > 0) {
    // Invalid UTF-8 from there on: detect on the valid prefix.
    lang = CLD2::ExtDetectLanguageSummaryCheckUTF8(text.data(), valid, true, &hints, 0, language3, percent3, scores3,
                                                   nullptr, &text_bytes, &reliable, &valid);
  }
  DetectedLanguage out;
  if (lang == CLD2::UNKNOWN_LANGUAGE || text_bytes == 0) {
    return out;
  }
  std::string code = CLD2::LanguageCode(lang);
  // CLD2 gives ISO 639-1 codes mostly ("en", "de"), some with a script ("zh-Hant").
  if (auto dash = code.find('-'); dash != std::string::npos) {
    code.resize(dash);
  }
  out.language = normalise_language(code);
  out.confidence = percent3[0] / 100.0;
  // CLD2 calls a few words reliable ("Objetos paradoxais desiguais"): a detection from a
  // short title alone may not decide anything.
  out.reliable = reliable && text_bytes >= k_min_reliable_bytes;
  return out;
}

} // namespace synth::screen

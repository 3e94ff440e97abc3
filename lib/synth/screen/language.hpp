#pragma once
// Language detection of a record without a language field (libcld2, Compact Language
// Detector 2) from its title and abstract.
#include <cstddef>
#include <string>
#include <string_view>

namespace synth::screen {

struct DetectedLanguage
{
  std::string language;  // ISO 639-2/B ("eng", "ger"); empty when nothing was detected
  double confidence = 0; // share of the text in that language, 0..1 (CLD2 percent / 100)
  bool reliable = false; // CLD2's is_reliable, on at least k_min_reliable_bytes of text
};

// Detection reads the title and at most this many bytes of the abstract.
inline constexpr std::size_t k_detect_abstract_bytes = 1000;
// Below this many bytes of text a detection is never reliable (a short title alone).
inline constexpr int k_min_reliable_bytes = 64;

// Detects the language of the text (title and abstract joined). Short texts (a title
// alone) are often not reliable: `reliable` says so. Invalid UTF-8 is tolerated. A title in
// square brackets (MEDLINE's English translation of a title) is not used.
DetectedLanguage detect_language(std::string_view title, std::string_view abstract);

} // namespace synth::screen

#pragma once
// Unpaywall's answer for one DOI (GET https://api.unpaywall.org/v2/{doi}?email=...,
// docs/fulltext.md): whether the work is open access and where, read into the few fields
// a retrieval list needs. The rest of the answer (every OA location, journal data) is not
// kept.
#include <string>
#include <string_view>

namespace synth::formats {

struct UnpaywallAnswer
{
  std::string doi;       // as Unpaywall spells it (lower case)
  bool is_oa = false;    // is_oa
  std::string oa_status; // gold | hybrid | bronze | green | closed ("" when absent)
  // best_oa_location (empty when the work is closed):
  std::string best_url;    // its url (the PDF when there is one, else the landing page)
  std::string pdf_url;     // its url_for_pdf
  std::string landing_url; // its url_for_landing_page
  std::string license;     // its license ("cc-by", "cc-by-nc-nd", "publisher-specific-oa" ...)
  std::string host_type;   // its host_type: publisher | repository
  std::string version;     // its version: publishedVersion | acceptedVersion | submittedVersion
  std::string updated;     // the answer's "updated" (when Unpaywall last saw the work)
};

// Reads one answer. `label` names the text in errors (the cache file, or the request).
// Text that is not JSON: synth::Error "LABEL:LINE:COL: malformed JSON: ..."; JSON that is
// not an Unpaywall DOI answer (no doi or is_oa, or a field of the wrong type):
// synth::Error "LABEL: not an Unpaywall answer: ...".
UnpaywallAnswer read_unpaywall_answer(std::string_view text, const std::string& label);

} // namespace synth::formats

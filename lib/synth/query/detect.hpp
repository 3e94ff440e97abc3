#pragma once
// Recognising the syntax a strategy is written in, so that nothing is misread: a strategy
// in Ovid's, EBSCOhost's, Web of Science's, Scopus's, ProQuest's or the Cochrane Library's
// syntax is named as such, never parsed as if it were PubMed's (docs/search.md).
//
// Each line is scanned for marks that only one platform's syntax makes, e.g.
//   Ovid        exp Schizophrenia/   schizophreni$.ti,ab.   adj3   1 or 2   or/1-4   limit 3 to
//   EBSCOhost   TI ( ... )   MH "Heart Arrest+"   N5   S1 AND S2
//   WoS         TS=( ... )   TI="..."   NEAR/5
//   Scopus      TITLE-ABS-KEY( ... )   PUBYEAR >   W/3   PRE/3
//   ProQuest    noft( ... )   ti( ... )   MAINSUBJECT.EXACT( ... )
//   Cochrane    term:ti,ab,kw   MeSH descriptor: [...]   [mh "..."]
// and for PubMed's own field tags. Recognition reads lines, not a parse: it cannot fail.
#include <string>
#include <string_view>
#include <vector>

namespace synth::query {

enum class Syntax { pubmed, ovid, ebsco, wos, scopus, proquest, cochrane };

// "PubMed", "Ovid", "EBSCOhost", "Web of Science", "Scopus", "ProQuest", "Cochrane Library".
std::string_view syntax_name(Syntax syntax);
// The `database:` value that names the platform ("ovid", "ebsco", "wos" ...).
std::string_view syntax_key(Syntax syntax);

// One mark of a platform's syntax, where it was written.
struct SyntaxMark
{
  Syntax syntax = Syntax::ovid;
  int line = 0;
  int col = 0;
  std::string text;   // as written: ".ti,ab.", "exp", "TI="
  bool strong = true; // false for marks that a PubMed strategy could hold by mistake ($, N5)
};

struct Recognition
{
  // The syntax the strategy is written in: PubMed unless another platform's marks
  // outnumber the lines with PubMed field tags (or there are no PubMed tags at all).
  Syntax syntax = Syntax::pubmed;
  // Every mark of another platform, in the order written.
  std::vector<SyntaxMark> marks;
  int pubmed_lines = 0;  // lines with a PubMed field tag
  int foreign_lines = 0; // lines with a mark of another platform
};

// One line of the strategy as written in the file.
struct TextLine
{
  std::string_view text;
  int number = 0; // 1-based line of the file
};

Recognition recognise(const std::vector<TextLine>& lines);

} // namespace synth::query

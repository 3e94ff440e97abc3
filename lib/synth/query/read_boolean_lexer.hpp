#pragma once
// The lexer of one search line of EBSCOhost, ProQuest, Web of Science, Scopus and the
// Cochrane Library (read_boolean_lexer.cpp): its tokens, read by each platform's table
// (platforms_table.hpp), for the parser of read_boolean.cpp, and the date code as the
// platform writes it, which both use. Internal to lib/synth/query.
#include "synth/query/ast.hpp"
#include "synth/query/lexer.hpp"
#include "synth/query/platforms_table.hpp"

#include <cstddef>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace synth::query::ovid_detail {

struct BTok
{
  enum class Kind { word, phrase, lparen, rparen, field, heading_code, heading, op, ref, suffix, limit, end };
  Kind kind = Kind::end;
  std::string text; // word or phrase as written; heading: its name; op: as written
  FieldSet fields;  // field, suffix
  platforms_detail::Bind bind = platforms_detail::Bind::op_and;
  int n = 0; // op: the words allowed between (near); ref: the line number
  bool implicit = false;
  // heading_code (EBSCOhost's MH, ProQuest's MESH.EXACT) and heading ([mh "x"])
  Vocabulary vocabulary = Vocabulary::mesh;
  bool explode = false;
  bool major = false;
  bool plus_explodes = false; // EBSCOhost: "Heading+" explodes
  bool loose = false;         // phrase: Scopus's "..." (plurals and spelling variants)
  std::vector<Limit> limits;  // limit: EBSCOhost's DT 1990-2013
  int col = 0;
};

// A year range as the platform writes its date code: `DT 1990-2013`, `PY=(1990-2013)`,
// `PD(19900101-20131231)`.
std::string date_written(const platforms_detail::PlatformTable& t, std::string_view from, std::string_view to);

// The tokens of one search line (`s` starts at column col0 of file line `line`), ending
// with an end token.
class Lexer
{
public:
  Lexer(std::string_view s, int line, int col0, const platforms_detail::PlatformTable& table, Vocabulary vocabulary)
    : m_s(s), m_line(line), m_col0(col0), m_t(table), m_vocabulary(vocabulary)
  {
  }

  std::vector<BTok> run();

private:
  int col() const { return m_col0 + count_chars(m_s.substr(0, m_i)); }

  void push(BTok t) { m_out.push_back(std::move(t)); }

  void suffix();
  FieldSet codes(std::string_view list, int at) const;
  static std::vector<Field> field_names_of(const FieldSet& fs);
  void phrase();
  void braces();
  void mesh_bracket(int at, bool descriptor = false);
  bool ebsco_heading(std::string_view upper, BTok& t) const;
  void word();
  void year_comparison(BTok& t);
  void date_limit(BTok& t);
  void function(std::string_view raw, const std::string& upper, BTok& t);
  bool operator_word(std::string_view raw, const std::string& upper, BTok& t);

  std::string_view m_s;
  std::size_t m_i = 0;
  int m_line;
  int m_col0;
  const platforms_detail::PlatformTable& m_t;
  Vocabulary m_vocabulary;
  std::vector<BTok> m_out;
};

} // namespace synth::query::ovid_detail

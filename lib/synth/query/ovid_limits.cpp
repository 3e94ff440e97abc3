// Ovid: the limits of a `limit N to ...` line (ovid_detail.hpp).
#include "synth/query/lexer.hpp"
#include "synth/query/ovid_detail.hpp"
#include "synth/util/text.hpp"

#include <fmt/format.h>

namespace synth::query::ovid_detail {

namespace {

Limit read_limit(const std::string& p, int line, int col)
{
  Limit l;
  auto lower = util::to_lower(p);
  if (lower.rfind("yr", 0) == 0 && lower.find('=') != std::string::npos) {
    auto value = std::string(util::trim(std::string_view(p).substr(p.find('=') + 1)));
    value.erase(std::remove(value.begin(), value.end(), '"'), value.end());
    auto dash = value.find('-');
    auto from = std::string(util::trim(std::string_view(value).substr(0, dash)));
    auto to = dash == std::string::npos ? from : std::string(util::trim(std::string_view(value).substr(dash + 1)));
    if (util::iequals(to, "current")) {
      to.clear();
    }
    auto year = [](const std::string& y) {
      return y.empty() || (y.size() == 4 && std::all_of(y.begin(), y.end(), is_digit));
    };
    if (from.empty() || !year(from) || !year(to)) {
      stop("DATE", line, col, fmt::format("bad year range `{}`, expected yr=\"1990-2013\" or yr=\"2005 -Current\"", p));
    }
    l.kind = Limit::Kind::publication_date;
    l.from = from;
    l.to = to;
    return l;
  }
  if (lower.size() > 9 && lower.substr(lower.size() - 9) == " language") {
    l.kind = Limit::Kind::language;
    l.languages.emplace_back(util::trim(std::string_view(lower).substr(0, lower.size() - 9)));
    return l;
  }
  l.kind = Limit::Kind::other;
  lower.erase(std::remove(lower.begin(), lower.end(), '"'), lower.end());
  l.text = lower;
  return l;
}

} // namespace

std::vector<Limit> read_limits(std::string_view spec, int line, int spec_col)
{
  std::vector<Limit> out;
  // the parts, split at " and " outside quotes
  std::vector<std::string> parts;
  std::string cur;
  bool quoted = false;
  for (std::size_t k = 0; k < spec.size(); ++k) {
    if (spec[k] == '"') {
      quoted = !quoted;
    }
    if (!quoted && k + 5 <= spec.size() && util::iequals(spec.substr(k, 5), " and ")) {
      parts.push_back(cur);
      cur.clear();
      k += 4;
      continue;
    }
    cur += spec[k];
  }
  parts.push_back(cur);
  for (const auto& part : parts) {
    auto p = std::string(util::trim(part));
    if (p.empty()) {
      stop("SYNTAX", line, spec_col, "empty limit, expected e.g. english language or yr=\"1990-2013\"");
    }
    out.push_back(read_limit(p, line, spec_col));
  }
  return out;
}

} // namespace synth::query::ovid_detail

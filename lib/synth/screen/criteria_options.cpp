// Option lines of a criteria file: `reviewers:`, `tiebreaker:`, `detect-language:`, `stages:`,
// `stopping-target:`, `stopping-confidence:`.
#include "synth/core/error.hpp"
#include "synth/screen/criteria.hpp"
#include "synth/screen/criteria_lexer.hpp"
#include "synth/util/text.hpp"

#include <fmt/format.h>

#include <charconv>

namespace synth::screen::detail {

namespace {

std::vector<std::string> list_of(std::string_view value)
{
  std::vector<std::string> out;
  for (auto part : util::split(value, ',')) {
    auto item = util::trim(part);
    if (!item.empty()) {
      out.emplace_back(item);
    }
  }
  return out;
}

} // namespace

bool parse_option_line(std::string_view line, int line_number, const std::string& label, Options& options)
{
  std::size_t i = 0;
  while (i < line.size()
         && ((line[i] >= 'a' && line[i] <= 'z') || (line[i] >= 'A' && line[i] <= 'Z') || line[i] == '-')) {
    ++i;
  }
  std::size_t colon = i;
  while (colon < line.size() && (line[colon] == ' ' || line[colon] == '\t')) {
    ++colon;
  }
  if (i == 0 || colon >= line.size() || line[colon] != ':') {
    return false;
  }
  std::string name = util::to_lower(line.substr(0, i));
  std::string_view rest = line.substr(colon + 1);
  if (auto hash = rest.find('#'); hash != std::string_view::npos) {
    rest = rest.substr(0, hash);
  }
  std::string_view value = util::trim(rest);
  int value_col = count_chars(line.substr(0, line.size() - rest.size())) + 1;
  for (std::size_t k = 0; k < rest.size() && (rest[k] == ' ' || rest[k] == '\t'); ++k) {
    ++value_col;
  }
  auto fail = [&](int col, const std::string& what, const std::string& expected) {
    throw Error(fmt::format("{}:{}:{}: {}, expected {}", label, line_number, col, what, expected));
  };
  if (name == "reviewers") {
    options.reviewers = list_of(value);
    if (options.reviewers.empty()) {
      fail(value_col, "no reviewers", "names separated by commas, e.g. reviewers: AT, BS");
    }
  } else if (name == "tiebreaker") {
    if (value.empty() || value.find(',') != std::string_view::npos) {
      fail(value_col, "one name needed", "the reviewer who resolves conflicts, e.g. consensus");
    }
    options.tiebreaker = std::string(value);
  } else if (name == "detect-language") {
    auto words = util::split(value, ' ');
    std::vector<std::string_view> w;
    for (auto x : words) {
      if (!x.empty()) {
        w.push_back(x);
      }
    }
    if (w.size() == 1 && util::iequals(w[0], "off")) {
      options.detect_language = DetectLanguage::off;
    } else if (w.size() == 1 && util::iequals(w[0], "flag")) {
      options.detect_language = DetectLanguage::flag;
    } else if (!w.empty() && w.size() <= 2 && util::iequals(w[0], "exclude-when-confident")) {
      options.detect_language = DetectLanguage::exclude_when_confident;
      if (w.size() == 2) {
        double c = 0;
        auto [ptr, ec] = std::from_chars(w[1].data(), w[1].data() + w[1].size(), c);
        if (ec != std::errc() || ptr != w[1].data() + w[1].size() || c <= 0 || c > 1) {
          int col = value_col + count_chars(value.substr(0, static_cast<std::size_t>(w[1].data() - value.data())));
          fail(col, fmt::format("'{}' is not a confidence", w[1]), "a number above 0 and at most 1, e.g. 0.9");
        }
        options.confidence = c;
      }
    } else {
      fail(value_col, fmt::format("unknown value '{}'", value), "off, flag or exclude-when-confident [THRESHOLD]");
    }
  } else if (name == "stages") {
    options.stages.clear();
    for (const auto& item : list_of(value)) {
      auto stage = parse_stage(item);
      if (!stage || *stage == Stage::automatic) {
        int col = value_col + count_chars(value.substr(0, value.find(item)));
        fail(col, fmt::format("unknown human stage '{}'", item), "title, abstract, title-abstract or full-text");
      }
      options.stages.push_back(*stage);
    }
    if (options.stages.empty()) {
      fail(value_col, "no stages", "title, abstract, title-abstract or full-text");
    }
  } else if (name == "stopping-target" || name == "stopping-confidence") {
    double v = 0;
    auto [ptr, ec] = std::from_chars(value.data(), value.data() + value.size(), v);
    if (value.empty() || ec != std::errc() || ptr != value.data() + value.size() || !(v > 0) || !(v < 1)) {
      fail(value_col, fmt::format("'{}' is not a {}", value, name == "stopping-target" ? "recall" : "confidence"),
           "a number above 0 and below 1, e.g. 0.95");
    }
    (name == "stopping-target" ? options.stopping_target : options.stopping_confidence) = v;
  } else {
    fail(1, fmt::format("unknown option '{}'", name),
         "reviewers, tiebreaker, detect-language, stages, stopping-target or stopping-confidence");
  }
  return true;
}

} // namespace synth::screen::detail

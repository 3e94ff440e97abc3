#pragma once
// The response bodies of a VCR cassette (R vcr / vcrpy YAML), for tests and benchmarks that
// read recorded answers: each `string:` scalar under `body:`, single-quoted (folded: a line
// break is a space, an empty line a newline, '' a quote) or a literal block (`|`). The
// subset of YAML those recorders write for text bodies; tests/e2e/vcr_cassette.py is the
// Python twin (which also reads !!binary bodies).
#include <string>
#include <string_view>
#include <vector>

namespace synth::test {

inline std::vector<std::string> vcr_bodies(std::string_view yaml)
{
  std::vector<std::string> out;
  std::size_t pos = 0;
  while ((pos = yaml.find("\n", pos)) != std::string_view::npos) {
    ++pos;
    auto line_end = yaml.find('\n', pos);
    auto line = yaml.substr(pos, line_end == std::string_view::npos ? std::string_view::npos : line_end - pos);
    auto indent = line.find_first_not_of(' ');
    if (indent == std::string_view::npos || line.substr(indent, 8) != "string: ") {
      continue;
    }
    auto rest = line.substr(indent + 8);
    std::string body;
    if (!rest.empty() && rest[0] == '\'') {
      std::size_t i = pos + indent + 9; // after the opening quote
      bool line_start = false;
      while (i < yaml.size()) {
        char c = yaml[i];
        if (c == '\'') {
          if (i + 1 < yaml.size() && yaml[i + 1] == '\'') {
            body += '\'';
            i += 2;
            continue;
          }
          break;
        }
        if (c == '\n') {
          while (!body.empty() && body.back() == ' ' && !line_start) {
            body.pop_back();
          }
          std::size_t empties = 0;
          ++i;
          for (;;) {
            auto j = i;
            while (j < yaml.size() && yaml[j] == ' ') {
              ++j;
            }
            if (j < yaml.size() && yaml[j] == '\n') {
              ++empties;
              i = j + 1;
              continue;
            }
            i = j;
            break;
          }
          body += empties ? std::string(empties, '\n') : std::string(" ");
          continue;
        }
        body += c;
        ++i;
      }
      pos = i;
    } else if (!rest.empty() && rest[0] == '|') {
      std::size_t i = line_end == std::string_view::npos ? yaml.size() : line_end + 1;
      std::size_t block = std::string_view::npos;
      while (i < yaml.size()) {
        auto e = yaml.find('\n', i);
        auto l = yaml.substr(i, e == std::string_view::npos ? std::string_view::npos : e - i);
        auto ind = l.find_first_not_of(' ');
        if (ind != std::string_view::npos && ind <= indent) {
          break;
        }
        if (block == std::string_view::npos && ind != std::string_view::npos) {
          block = ind;
        }
        body += std::string(l.size() > block && block != std::string_view::npos ? l.substr(block) : std::string_view());
        body += '\n';
        if (e == std::string_view::npos) {
          i = yaml.size();
          break;
        }
        i = e + 1;
      }
      pos = i == 0 ? 0 : i - 1;
    } else {
      continue;
    }
    out.push_back(std::move(body));
  }
  return out;
}

} // namespace synth::test

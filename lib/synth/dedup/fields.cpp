// Identifiers and numbers as databases write them (normalise.hpp: canonical_doi,
// normalise_pages, parse_pages, volume_number).
#include "synth/dedup/normalise.hpp"

#include "synth/util/text.hpp"

#include <algorithm>
#include <array>

namespace synth::dedup {

namespace {

std::string digits_of(std::string_view s)
{
  // The first run of digits, without leading zeros.
  std::size_t i = 0;
  while (i < s.size() && (s[i] < '0' || s[i] > '9')) {
    ++i;
  }
  std::size_t j = i;
  while (j < s.size() && s[j] >= '0' && s[j] <= '9') {
    ++j;
  }
  while (i + 1 < j && s[i] == '0') {
    ++i;
  }
  return std::string(s.substr(i, j - i));
}

// "r3" for a page numbered "iii" (kept apart from page 3), "" when `s` is not one.
std::string roman_page(std::string_view s)
{
  std::size_t i = 0;
  while (i < s.size() && !std::isalnum(static_cast<unsigned char>(s[i]))) {
    ++i; // "-", "--", the bytes of an en dash, space
  }
  std::string letters;
  for (; i < s.size() && std::isalpha(static_cast<unsigned char>(s[i])); ++i) {
    char c = static_cast<char>(std::tolower(static_cast<unsigned char>(s[i])));
    if (std::string_view("ivxlcdm").find(c) == std::string_view::npos) {
      return {};
    }
    letters += c;
  }
  if (letters.empty() || letters.size() > 8) {
    return {};
  }
  auto value = [](char c) {
    switch (c) {
    case 'i':
      return 1;
    case 'v':
      return 5;
    case 'x':
      return 10;
    case 'l':
      return 50;
    case 'c':
      return 100;
    case 'd':
      return 500;
    default:
      return 1000;
    }
  };
  int n = 0;
  for (std::size_t k = 0; k < letters.size(); ++k) {
    int v = value(letters[k]);
    n += k + 1 < letters.size() && v < value(letters[k + 1]) ? -v : v;
  }
  return n > 0 ? "r" + std::to_string(n) : std::string();
}

// 1..12 for "jan".."dec" (also "june", "july", "sept"), else 0.
int month_number(std::string_view w)
{
  static constexpr std::array<std::string_view, 12> months = {"jan", "feb", "mar", "apr", "may", "jun",
                                                              "jul", "aug", "sep", "oct", "nov", "dec"};
  if (w.size() < 3 || !(w.size() == 3 || w == "june" || w == "july" || w == "sept")) {
    return 0;
  }
  auto it = std::find(months.begin(), months.end(), w.substr(0, 3));
  return it == months.end() ? 0 : static_cast<int>(it - months.begin()) + 1;
}

// A page range that a spreadsheet turned into a date: "01-Sep" was 1-9, "Jun-12" 6-12.
// "" when `lower` is not one; "?" when it holds a month otherwise (not pages).
std::string undo_date(const std::string& lower)
{
  auto t = util::trim(lower);
  auto dash = t.find('-');
  if (dash != std::string_view::npos) {
    auto a = t.substr(0, dash);
    auto b = t.substr(dash + 1);
    auto digits = [](std::string_view d) {
      return !d.empty() && d.size() <= 2
             && std::all_of(d.begin(), d.end(), [](char c) { return c >= '0' && c <= '9'; });
    };
    if (digits(a) && month_number(b) > 0) {
      return std::string(a) + "-" + std::to_string(month_number(b));
    }
    if (month_number(a) > 0 && digits(b)) {
      return std::to_string(month_number(a)) + "-" + std::string(b);
    }
  }
  std::string run;
  for (std::size_t i = 0; i <= t.size(); ++i) {
    if (i < t.size() && t[i] >= 'a' && t[i] <= 'z') {
      run += t[i];
      continue;
    }
    if (month_number(run) > 0) {
      return "?";
    }
    run.clear();
  }
  return {};
}

} // namespace

std::string canonical_doi(std::string_view doi)
{
  auto pos = doi.find("10.");
  if (pos == std::string_view::npos) {
    return {};
  }
  std::string out;
  for (std::size_t i = pos; i < doi.size(); ++i) {
    char c = doi[i];
    auto hex = [](char h) {
      return h >= '0' && h <= '9' ? h - '0' : (h | 0x20) >= 'a' && (h | 0x20) <= 'f' ? (h | 0x20) - 'a' + 10 : -1;
    };
    if (c == '%' && i + 2 < doi.size() && hex(doi[i + 1]) >= 0 && hex(doi[i + 2]) >= 0) {
      c = static_cast<char>(hex(doi[i + 1]) * 16 + hex(doi[i + 2]));
      i += 2;
    }
    if (c == ' ' || c == '\t') {
      break;
    }
    out += static_cast<char>(c >= 'A' && c <= 'Z' ? c + 32 : c);
  }
  while (!out.empty() && (out.back() == '.' || out.back() == ',' || out.back() == ';')) {
    out.pop_back();
  }
  return out.find('/') == std::string::npos ? std::string() : out;
}

std::pair<std::string, std::string> normalise_pages(std::string_view pages)
{
  auto dash = pages.find_first_of("-\xe2");
  std::string_view first = pages.substr(0, dash);
  std::string_view rest = dash == std::string_view::npos ? std::string_view{} : pages.substr(dash);
  std::string a = digits_of(first);
  std::string b = digits_of(rest);
  if (a.empty()) {
    // Front matter: "ii", "iii--xi".
    a = roman_page(first);
    b = roman_page(rest);
    return {a, b == a ? std::string() : b};
  }
  if (!a.empty() && !b.empty() && b.size() < a.size()) {
    std::string full(a, 0, a.size() - b.size()); // 1112-9 -> 1119
    full.append(b);
    b = std::move(full);
  }
  if (b == a) {
    b.clear();
  }
  return {a, b};
}

PageRange parse_pages(std::string_view pages)
{
  PageRange out;
  auto undone = undo_date(util::to_lower(pages));
  if (undone == "?") {
    return out;
  }
  if (!undone.empty()) {
    auto [a, b] = normalise_pages(undone);
    out.first = std::move(a);
    out.last = std::move(b);
    return out;
  }
  std::vector<std::string> starts;
  for (auto piece : util::split(pages, ',')) {
    for (auto part : util::split(piece, ';')) {
      for (auto range : util::split(part, '+')) {
        auto [a, b] = normalise_pages(range);
        if (a.empty()) {
          continue;
        }
        if (out.first.empty()) {
          out.first = a;
          out.last = b;
        }
        starts.push_back(std::move(a));
      }
    }
  }
  std::sort(starts.begin(), starts.end());
  starts.erase(std::unique(starts.begin(), starts.end()), starts.end());
  if (starts.size() > 1) {
    out.starts = std::move(starts);
  }
  return out;
}

std::string volume_number(std::string_view volume, int year)
{
  auto v = util::trim(volume);
  if (util::istarts_with(v, "vol")) {
    while (!v.empty() && !(v.front() >= '0' && v.front() <= '9')) {
      v.remove_prefix(1);
    }
  }
  std::size_t n = 0;
  while (n < v.size() && v[n] >= '0' && v[n] <= '9') {
    ++n;
  }
  if (n == 0 || (n < v.size() && v[n] != ' ' && v[n] != '(')) {
    return {};
  }
  auto digits = digits_of(v.substr(0, n));
  if (year >= 1800 && digits.size() == 4) {
    int value = std::stoi(digits);
    if (value >= year - 1 && value <= year + 1) {
      return {};
    }
  }
  return digits;
}

} // namespace synth::dedup

#include "synth/dedup/blocking.hpp"

#include <algorithm>
#include <functional>
#include <string>
#include <string_view>
#include <utility>

namespace synth::dedup {

namespace {

std::uint64_t key_hash(char tag, std::string_view text)
{
  // FNV-1a with the tag first: keys of different kinds never collide by construction
  // of the tag, and a rare hash collision only adds a comparison.
  std::uint64_t h = 1469598103934665603ULL;
  auto mix = [&h](unsigned char c) {
    h ^= c;
    h *= 1099511628211ULL;
  };
  mix(static_cast<unsigned char>(tag));
  for (char c : text) {
    mix(static_cast<unsigned char>(c));
  }
  return h;
}

std::string join_words(const std::vector<std::string>& words, std::size_t from, std::size_t n)
{
  std::string out;
  for (std::size_t i = from; i < from + n && i < words.size(); ++i) {
    out += words[i];
    out += ' ';
  }
  return out;
}

} // namespace

std::vector<std::uint64_t> candidate_pairs(const std::vector<Record>& records,
                                           const std::vector<Features>& features,
                                           std::size_t max_block, std::size_t window)
{
  std::vector<std::pair<std::uint64_t, std::uint32_t>> keys;
  keys.reserve(records.size() * 5);
  for (std::uint32_t i = 0; i < records.size(); ++i) {
    const auto& r = records[i];
    const auto& f = features[i];
    if (!r.doi.empty()) {
      keys.emplace_back(key_hash('D', r.doi), i);
    }
    if (!r.pmid.empty()) {
      keys.emplace_back(key_hash('P', r.pmid), i);
    }
    if (!f.words.empty()) {
      keys.emplace_back(key_hash('T', join_words(f.words, 0, 3)), i);
      if (f.words.size() >= 4) {
        keys.emplace_back(key_hash('L', join_words(f.words, f.words.size() - 3, 3)), i);
      }
    }
    if (!f.first_author.empty() && f.year != 0) {
      keys.emplace_back(key_hash('A', f.first_author + ' ' + std::to_string(f.year)), i);
    }
    if (!f.first_page.empty() && !f.volume.empty()) {
      keys.emplace_back(key_hash('G', f.volume + ' ' + f.first_page), i);
    }
  }
  std::sort(keys.begin(), keys.end());

  std::vector<std::uint64_t> pairs;
  pairs.reserve(records.size() * 2);
  auto add = [&pairs](std::uint32_t a, std::uint32_t b) {
    if (a > b) {
      std::swap(a, b);
    }
    if (a != b) {
      pairs.push_back(static_cast<std::uint64_t>(a) << 32 | b);
    }
  };
  std::vector<std::uint32_t> block;
  for (std::size_t s = 0; s < keys.size();) {
    std::size_t e = s;
    block.clear();
    while (e < keys.size() && keys[e].first == keys[s].first) {
      block.push_back(keys[e].second);
      ++e;
    }
    s = e;
    if (block.size() < 2) {
      continue;
    }
    if (block.size() <= max_block) {
      for (std::size_t x = 0; x < block.size(); ++x) {
        for (std::size_t y = x + 1; y < block.size(); ++y) {
          add(block[x], block[y]);
        }
      }
      continue;
    }
    std::sort(block.begin(), block.end(), [&](std::uint32_t a, std::uint32_t b) {
      const auto& ta = features[a].title;
      const auto& tb = features[b].title;
      return ta != tb ? ta < tb : records[a].id < records[b].id;
    });
    for (std::size_t x = 0; x < block.size(); ++x) {
      for (std::size_t y = x + 1; y < block.size() && y <= x + window; ++y) {
        add(block[x], block[y]);
      }
    }
  }
  std::sort(pairs.begin(), pairs.end());
  pairs.erase(std::unique(pairs.begin(), pairs.end()), pairs.end());
  return pairs;
}

} // namespace synth::dedup

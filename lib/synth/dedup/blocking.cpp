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

std::uint64_t mix(std::uint64_t h, std::uint64_t v)
{
  return (h ^ (v + 0x9e3779b97f4a7c15ULL + (h << 6) + (h >> 2))) * 1099511628211ULL;
}

std::uint64_t words_hash(char tag, const std::vector<std::uint32_t>& words, std::size_t from, std::size_t n)
{
  std::uint64_t h = key_hash(tag, {});
  for (std::size_t i = from; i < from + n && i < words.size(); ++i) {
    h = (h ^ words[i]) * 1099511628211ULL;
  }
  return h;
}

} // namespace

std::vector<std::uint64_t> candidate_pairs(const std::vector<Record>& records, const std::vector<Features>& features,
                                           std::size_t max_block, std::size_t window)
{
  std::vector<std::pair<std::uint64_t, std::uint32_t>> keys;
  keys.reserve(records.size() * 5);
  for (std::uint32_t i = 0; i < records.size(); ++i) {
    const auto& f = features[i];
    if (f.doi_key != 0) {
      keys.emplace_back(f.doi_key * 31 + 'D', i);
    }
    if (f.pmid_key != 0) {
      keys.emplace_back(f.pmid_key * 31 + 'P', i);
    }
    if (f.fingerprint != 0) {
      keys.emplace_back(f.fingerprint * 31 + 'X', i); // copies, even in a large title block
    }
    auto title_keys = [&](const std::vector<std::uint32_t>& words) {
      if (!words.empty()) {
        keys.emplace_back(words_hash('T', words, 0, 3), i);
        if (words.size() >= 4) {
          keys.emplace_back(words_hash('L', words, words.size() - 3, 3), i);
        }
      }
    };
    title_keys(f.words);
    for (const auto& v : f.variants) {
      title_keys(v.words);
    }
    if (!f.first_author_last.empty() && f.year != 0) {
      keys.emplace_back(mix(key_hash('A', f.first_author_last), static_cast<std::uint64_t>(f.year)), i);
    }
    if (f.first_page != 0 && f.volume != 0) {
      keys.emplace_back(mix(mix(key_hash('G', {}), f.volume), f.first_page), i);
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

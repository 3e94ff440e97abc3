#include "synth/dedup/dedup.hpp"

#include "synth/core/error.hpp"
#include "synth/dedup/blocking.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <numeric>
#include <thread>
#include <unordered_map>
#include <unordered_set>

namespace synth::dedup {

namespace {

struct Edge
{
  std::uint32_t i = 0;
  std::uint32_t j = 0;
  Verdict verdict = Verdict::different;
  double score = 0;
  std::string evidence;
};

// Runs fn(begin, end) over [0, n) on two threads when there is enough work.
template <typename Fn>
void parallel_ranges(std::size_t n, Fn fn)
{
  if (n < 20000) {
    fn(0, n);
    return;
  }
  std::size_t half = n / 2;
  std::thread t([&] { fn(0, half); });
  fn(half, n);
  t.join();
}

std::uint64_t pair_key(std::uint32_t a, std::uint32_t b)
{
  return a < b ? (static_cast<std::uint64_t>(a) << 32 | b) : (static_cast<std::uint64_t>(b) << 32 | a);
}

class Clusters
{
public:
  explicit Clusters(std::size_t n) : m_parent(n), m_members(n)
  {
    std::iota(m_parent.begin(), m_parent.end(), 0u);
    for (std::uint32_t i = 0; i < n; ++i) {
      m_members[i] = {i};
    }
  }
  std::uint32_t find(std::uint32_t x)
  {
    while (m_parent[x] != x) {
      m_parent[x] = m_parent[m_parent[x]];
      x = m_parent[x];
    }
    return x;
  }
  const std::vector<std::uint32_t>& members(std::uint32_t root) const { return m_members[root]; }
  void unite(std::uint32_t ra, std::uint32_t rb)
  {
    if (m_members[ra].size() < m_members[rb].size()) {
      std::swap(ra, rb);
    }
    m_parent[rb] = ra;
    auto& to = m_members[ra];
    auto& from = m_members[rb];
    to.insert(to.end(), from.begin(), from.end());
    from.clear();
    from.shrink_to_fit();
  }

private:
  std::vector<std::uint32_t> m_parent;
  std::vector<std::vector<std::uint32_t>> m_members;
};

} // namespace

Result deduplicate(const std::vector<Record>& input, const Options& options,
                   const std::vector<ReviewDecision>& decisions)
{
  // Work in synth-id order so that the result does not depend on the input order.
  std::vector<Record> sorted_copy;
  const std::vector<Record>* recs = &input;
  if (!std::is_sorted(input.begin(), input.end(), [](const Record& a, const Record& b) { return a.id < b.id; })) {
    sorted_copy = input;
    std::sort(sorted_copy.begin(), sorted_copy.end(), [](const Record& a, const Record& b) { return a.id < b.id; });
    recs = &sorted_copy;
  }
  const auto& records = *recs;
  const std::size_t n = records.size();
  std::unordered_map<std::int64_t, std::uint32_t> index_of;
  index_of.reserve(n);
  for (std::uint32_t i = 0; i < n; ++i) {
    if (!index_of.emplace(records[i].id, i).second) {
      throw Error(fmt::format("dedup: record id {} appears twice", records[i].id));
    }
  }

  using clock = std::chrono::steady_clock;
  auto t0 = clock::now();
  auto lap = [&t0](double& into) {
    auto t = clock::now();
    into = std::chrono::duration<double>(t - t0).count();
    t0 = t;
  };
  Timing timing;
  std::vector<Features> feats(n);
  parallel_ranges(n, [&](std::size_t b, std::size_t e) {
    JournalCache journals;
    for (std::size_t i = b; i < e; ++i) {
      feats[i] = features(records[i], journals);
    }
  });

  lap(timing.features);
  auto pairs = candidate_pairs(records, feats, options.max_block, options.window);
  lap(timing.blocking);
  Result result;
  result.records = n;
  result.comparisons = pairs.size();

  std::vector<Edge> edges_lo;
  std::vector<Edge> edges_hi;
  parallel_ranges(pairs.size(), [&](std::size_t b, std::size_t e) {
    auto& out = b == 0 ? edges_lo : edges_hi;
    for (std::size_t k = b; k < e; ++k) {
      auto i = pair_first(pairs[k]);
      auto j = pair_second(pairs[k]);
      if (auto v = veto_kind(feats[i], feats[j], options); v != Veto::none && !reviewable(v, feats[i], feats[j])) {
        continue; // most pairs: no need to say why
      }
      auto c = compare(records[i], feats[i], records[j], feats[j], options);
      if (c.verdict != Verdict::different) {
        out.push_back(Edge{i, j, c.verdict, c.score, std::move(c.evidence)});
      }
    }
  });
  std::vector<Edge> edges = std::move(edges_lo);
  edges.insert(edges.end(), std::make_move_iterator(edges_hi.begin()), std::make_move_iterator(edges_hi.end()));
  pairs.clear();
  pairs.shrink_to_fit();
  lap(timing.comparing);

  // Review decisions: "same" becomes the strongest edge, "different" a cannot-link.
  std::unordered_set<std::uint64_t> cannot_link;
  std::unordered_set<std::uint64_t> decided;
  for (const auto& d : decisions) {
    auto ia = index_of.find(d.a);
    auto ib = index_of.find(d.b);
    if (ia == index_of.end() || ib == index_of.end() || d.a == d.b) {
      continue; // a decision about records no longer in the project
    }
    ++result.decisions_applied;
    auto key = pair_key(ia->second, ib->second);
    decided.insert(key);
    if (d.same) {
      edges.push_back(
        Edge{std::min(ia->second, ib->second), std::max(ia->second, ib->second), Verdict::same, 3.0, "review: same"});
    } else {
      cannot_link.insert(key);
    }
  }

  std::vector<std::uint32_t> order(edges.size());
  std::iota(order.begin(), order.end(), 0u);
  std::sort(order.begin(), order.end(), [&](std::uint32_t x, std::uint32_t y) {
    const auto& a = edges[x];
    const auto& b = edges[y];
    if (a.score != b.score) {
      return a.score > b.score;
    }
    return pair_key(a.i, a.j) < pair_key(b.i, b.j);
  });

  Clusters clusters(n);
  std::vector<std::int32_t> joined_by(n, -1); // best accepted edge of each record
  // A volume or pages conflict between x (in cluster A) and y (in cluster B) is forgiven
  // when the clusters already hold that same conflict: a member z of B that x matches
  // without a veto although z disagrees on that field with y (B's own members, joined by
  // identifier and title, show that this work's pages vary between sources: pages 51 and 52
  // of one supplement abstract), or although z disagrees with x in the same way (x was
  // already accepted with that conflict: volume "3" against "30"); and the same from A's
  // side. Each conflicting field must be forgiven; a conflict that no member shows still
  // blocks (multi-part studies: same title, another volume or other pages). Publication
  // types are such a field: a cluster that holds a Scopus "Note" joined by DOI and title to
  // PubMed's article also takes a third database's article without the DOI.
  auto shown = [&](Veto f, std::uint32_t x, std::uint32_t y, const std::vector<std::uint32_t>& y_side) {
    for (auto z : y_side) {
      if (z != y && !vetoed(feats[x], feats[z], options)
          && (disagree_on(f, feats[z], feats[y]) || disagree_on(f, feats[x], feats[z]))) {
        return true;
      }
    }
    return false;
  };
  auto can_join = [&](std::uint32_t ra, std::uint32_t rb) {
    const auto& ma = clusters.members(ra);
    const auto& mb = clusters.members(rb);
    for (auto x : ma) {
      for (auto y : mb) {
        if (cannot_link.count(pair_key(x, y)) != 0) {
          return false;
        }
        Veto v = veto_kind(feats[x], feats[y], options);
        if (v == Veto::none) {
          continue;
        }
        if (v == Veto::volume || v == Veto::pages || v == Veto::label) {
          bool ok = true;
          for (Veto f : {Veto::volume, Veto::pages, Veto::label}) {
            if (ok && disagree_on(f, feats[x], feats[y])) {
              ok = shown(f, x, y, mb) || shown(f, y, x, ma);
            }
          }
          if (ok) {
            continue;
          }
        }
        return false;
      }
    }
    return true;
  };
  // A reviewer's "same" overrides every rule: only another of the reviewers' own
  // "different" decisions can keep the two clusters apart.
  auto reviewer_allows = [&](std::uint32_t ra, std::uint32_t rb) {
    for (auto x : clusters.members(ra)) {
      for (auto y : clusters.members(rb)) {
        if (cannot_link.count(pair_key(x, y)) != 0) {
          return false;
        }
      }
    }
    return true;
  };
  for (auto k : order) {
    const auto& e = edges[k];
    if (e.verdict != Verdict::same) {
      continue;
    }
    auto ra = clusters.find(e.i);
    auto rb = clusters.find(e.j);
    if (ra == rb) {
      continue;
    }
    const bool reviewed = e.score >= 3.0; // review edges sort first
    if (reviewed ? !reviewer_allows(ra, rb) : !can_join(ra, rb)) {
      if (reviewed) {
        ++result.decisions_vetoed;
      }
      continue;
    }
    clusters.unite(ra, rb);
    for (auto x : {e.i, e.j}) {
      if (joined_by[x] < 0) {
        joined_by[x] = static_cast<std::int32_t>(k);
      }
    }
  }

  feats.clear();
  feats.shrink_to_fit(); // the members and merged records below need the memory
  result.members.resize(n);
  std::vector<std::uint32_t> kept_of(n);
  for (std::uint32_t i = 0; i < n; ++i) {
    const auto& m = clusters.members(clusters.find(i));
    kept_of[i] = *std::min_element(m.begin(), m.end()); // smallest synth id (ids sorted)
  }
  for (std::uint32_t i = 0; i < n; ++i) {
    auto& mem = result.members[i];
    mem.record_id = records[i].id;
    mem.cluster_id = records[kept_of[i]].id;
    mem.kept = kept_of[i] == i;
    if (joined_by[i] >= 0) {
      const auto& e = edges[static_cast<std::size_t>(joined_by[i])];
      auto other = e.i == i ? e.j : e.i;
      mem.evidence = fmt::format("{}: {}", records[other].id, e.evidence);
    }
    if (mem.kept) {
      ++result.unique;
      if (clusters.members(clusters.find(i)).size() > 1) {
        std::vector<std::uint32_t> m = clusters.members(clusters.find(i));
        std::sort(m.begin(), m.end());
        std::vector<const Record*> ptrs;
        for (auto x : m) {
          ptrs.push_back(&records[x]);
        }
        result.merged.push_back(merge_records(ptrs));
      }
    }
  }

  // One pair per two clusters, the best (a person decides once for the clusters: "same"
  // joins them), and none for two clusters that a "different" decision already keeps apart.
  std::unordered_set<std::uint64_t> asked;
  for (auto k : order) {
    const auto& e = edges[k];
    if (e.verdict != Verdict::uncertain || decided.count(pair_key(e.i, e.j)) != 0 || kept_of[e.i] == kept_of[e.j]
        || !asked.insert(pair_key(kept_of[e.i], kept_of[e.j])).second) {
      continue;
    }
    bool apart = false;
    for (auto x : clusters.members(clusters.find(e.i))) {
      for (auto y : clusters.members(clusters.find(e.j))) {
        apart = apart || cannot_link.count(pair_key(x, y)) != 0;
      }
    }
    if (!apart) {
      result.uncertain.push_back(UncertainPair{records[e.i].id, records[e.j].id, e.score, e.evidence});
    }
  }
  std::sort(result.uncertain.begin(), result.uncertain.end(), [](const UncertainPair& a, const UncertainPair& b) {
    if (a.score != b.score) {
      return a.score > b.score;
    }
    return std::pair(a.a, a.b) < std::pair(b.a, b.b);
  });
  lap(timing.clustering);
  result.timing = timing;
  if (sorted_copy.empty()) {
    return result;
  }
  // Members in input order.
  std::vector<Membership> in_order(n);
  for (std::size_t k = 0; k < n; ++k) {
    in_order[k] = result.members[index_of.at(input[k].id)];
  }
  result.members = std::move(in_order);
  return result;
}

} // namespace synth::dedup

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

// The records in synth-id order, so that the result does not depend on the input order:
// the input itself when it is already sorted, else a sorted copy kept in `copy`.
const std::vector<Record>& in_id_order(const std::vector<Record>& input, std::vector<Record>& copy)
{
  auto by_id = [](const Record& a, const Record& b) { return a.id < b.id; };
  if (std::is_sorted(input.begin(), input.end(), by_id)) {
    return input;
  }
  copy = input;
  std::sort(copy.begin(), copy.end(), by_id);
  return copy;
}

std::unordered_map<std::int64_t, std::uint32_t> index_by_id(const std::vector<Record>& records)
{
  std::unordered_map<std::int64_t, std::uint32_t> index_of;
  index_of.reserve(records.size());
  for (std::uint32_t i = 0; i < records.size(); ++i) {
    if (!index_of.emplace(records[i].id, i).second) {
      throw Error(fmt::format("dedup: record id {} appears twice", records[i].id));
    }
  }
  return index_of;
}

std::vector<Features> features_of(const std::vector<Record>& records)
{
  std::vector<Features> feats(records.size());
  parallel_ranges(records.size(), [&](std::size_t b, std::size_t e) {
    JournalCache journals;
    for (std::size_t i = b; i < e; ++i) {
      feats[i] = features(records[i], journals);
    }
  });
  return feats;
}

// Compares the candidate pairs; keeps those that are not plainly different.
std::vector<Edge> compare_pairs(const std::vector<Record>& records, const std::vector<Features>& feats,
                                const std::vector<std::uint64_t>& pairs, const Options& options)
{
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
  return edges;
}

// The reviewers' decisions: "same" becomes the strongest edge, "different" a cannot-link.
struct Decided
{
  std::unordered_set<std::uint64_t> cannot_link;
  std::unordered_set<std::uint64_t> pairs; // every decided pair, either way
};

Decided apply_decisions(const std::vector<ReviewDecision>& decisions,
                        const std::unordered_map<std::int64_t, std::uint32_t>& index_of, std::vector<Edge>& edges,
                        Result& result)
{
  Decided decided;
  for (const auto& d : decisions) {
    auto ia = index_of.find(d.a);
    auto ib = index_of.find(d.b);
    if (ia == index_of.end() || ib == index_of.end() || d.a == d.b) {
      continue; // a decision about records no longer in the project
    }
    ++result.decisions_applied;
    auto key = pair_key(ia->second, ib->second);
    decided.pairs.insert(key);
    if (d.same) {
      edges.push_back(
        Edge{std::min(ia->second, ib->second), std::max(ia->second, ib->second), Verdict::same, 3.0, "review: same"});
    } else {
      decided.cannot_link.insert(key);
    }
  }
  return decided;
}

// The edges' indexes, strongest first (ties by pair, so the order is stable).
std::vector<std::uint32_t> strongest_first(const std::vector<Edge>& edges)
{
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
  return order;
}

// Joins records along the "same" edges, strongest first, unless the two clusters may not join.
class Joiner
{
public:
  Joiner(const std::vector<Features>& feats, const Options& options, const Decided& decided)
    : m_feats(feats), m_options(options), m_decided(decided), clusters(feats.size()), joined_by(feats.size(), -1)
  {
  }

  void run(const std::vector<Edge>& edges, const std::vector<std::uint32_t>& order, Result& result)
  {
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
  }

  // Whether a reviewer's "different" keeps any member of one cluster from any of the other.
  bool kept_apart(std::uint32_t ra, std::uint32_t rb)
  {
    for (auto x : clusters.members(ra)) {
      for (auto y : clusters.members(rb)) {
        if (m_decided.cannot_link.count(pair_key(x, y)) != 0) {
          return true;
        }
      }
    }
    return false;
  }

private:
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
  bool shown(Veto f, std::uint32_t x, std::uint32_t y, const std::vector<std::uint32_t>& y_side) const
  {
    for (auto z : y_side) {
      if (z != y && !vetoed(m_feats[x], m_feats[z], m_options)
          && (disagree_on(f, m_feats[z], m_feats[y]) || disagree_on(f, m_feats[x], m_feats[z]))) {
        return true;
      }
    }
    return false;
  }

  bool can_join(std::uint32_t ra, std::uint32_t rb)
  {
    const auto& ma = clusters.members(ra);
    const auto& mb = clusters.members(rb);
    for (auto x : ma) {
      for (auto y : mb) {
        if (m_decided.cannot_link.count(pair_key(x, y)) != 0) {
          return false;
        }
        Veto v = veto_kind(m_feats[x], m_feats[y], m_options);
        if (v == Veto::none) {
          continue;
        }
        if (v == Veto::volume || v == Veto::pages || v == Veto::label) {
          bool ok = true;
          for (Veto f : {Veto::volume, Veto::pages, Veto::label}) {
            if (ok && disagree_on(f, m_feats[x], m_feats[y])) {
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
  }

  // A reviewer's "same" overrides every rule: only another of the reviewers' own
  // "different" decisions can keep the two clusters apart.
  bool reviewer_allows(std::uint32_t ra, std::uint32_t rb) { return !kept_apart(ra, rb); }

  const std::vector<Features>& m_feats;
  const Options& m_options;
  const Decided& m_decided;

public:
  Clusters clusters;
  std::vector<std::int32_t> joined_by; // each record's first accepted edge
};

// Each record's cluster (kept: the smallest synth id), the evidence that joined it, and the
// merged record of each cluster of more than one.
std::vector<std::uint32_t> collect_members(const std::vector<Record>& records, const std::vector<Edge>& edges,
                                           Joiner& joiner, Result& result)
{
  const std::size_t n = records.size();
  auto& clusters = joiner.clusters;
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
    if (joiner.joined_by[i] >= 0) {
      const auto& e = edges[static_cast<std::size_t>(joiner.joined_by[i])];
      auto other = e.i == i ? e.j : e.i;
      mem.evidence = fmt::format("{}: {}", records[other].id, e.evidence);
    }
    if (!mem.kept) {
      continue;
    }
    ++result.unique;
    if (clusters.members(clusters.find(i)).size() > 1) {
      std::vector<std::uint32_t> m = clusters.members(clusters.find(i));
      std::sort(m.begin(), m.end());
      std::vector<const Record*> ptrs;
      ptrs.reserve(m.size());
      for (auto x : m) {
        ptrs.push_back(&records[x]);
      }
      result.merged.push_back(merge_records(ptrs));
    }
  }
  return kept_of;
}

// One pair per two clusters, the best (a person decides once for the clusters: "same"
// joins them), and none for two clusters that a "different" decision already keeps apart.
void collect_uncertain(const std::vector<Record>& records, const std::vector<Edge>& edges,
                       const std::vector<std::uint32_t>& order, const std::vector<std::uint32_t>& kept_of,
                       const Decided& decided, Joiner& joiner, Result& result)
{
  auto& clusters = joiner.clusters;
  std::unordered_set<std::uint64_t> asked;
  for (auto k : order) {
    const auto& e = edges[k];
    if (e.verdict != Verdict::uncertain || decided.pairs.count(pair_key(e.i, e.j)) != 0 || kept_of[e.i] == kept_of[e.j]
        || !asked.insert(pair_key(kept_of[e.i], kept_of[e.j])).second) {
      continue;
    }
    if (!joiner.kept_apart(clusters.find(e.i), clusters.find(e.j))) {
      result.uncertain.push_back(UncertainPair{records[e.i].id, records[e.j].id, e.score, e.evidence});
    }
  }
  std::sort(result.uncertain.begin(), result.uncertain.end(), [](const UncertainPair& a, const UncertainPair& b) {
    if (a.score != b.score) {
      return a.score > b.score;
    }
    return std::pair(a.a, a.b) < std::pair(b.a, b.b);
  });
}

} // namespace

Result deduplicate(const std::vector<Record>& input, const Options& options,
                   const std::vector<ReviewDecision>& decisions)
{
  std::vector<Record> sorted_copy;
  const auto& records = in_id_order(input, sorted_copy);
  const auto index_of = index_by_id(records);

  using clock = std::chrono::steady_clock;
  auto t0 = clock::now();
  auto lap = [&t0](double& into) {
    auto t = clock::now();
    into = std::chrono::duration<double>(t - t0).count();
    t0 = t;
  };
  Result result;
  result.records = records.size();

  auto feats = features_of(records);
  lap(result.timing.features);
  auto pairs = candidate_pairs(records, feats, options.max_block, options.window);
  lap(result.timing.blocking);
  result.comparisons = pairs.size();
  auto edges = compare_pairs(records, feats, pairs, options);
  pairs.clear();
  pairs.shrink_to_fit();
  lap(result.timing.comparing);

  const auto decided = apply_decisions(decisions, index_of, edges, result);
  const auto order = strongest_first(edges);
  Joiner joiner(feats, options, decided);
  joiner.run(edges, order, result);
  feats.clear();
  feats.shrink_to_fit(); // the members and merged records below need the memory
  const auto kept_of = collect_members(records, edges, joiner, result);
  collect_uncertain(records, edges, order, kept_of, decided, joiner, result);
  lap(result.timing.clustering);
  if (sorted_copy.empty()) {
    return result;
  }
  // Members in input order.
  std::vector<Membership> in_order(input.size());
  for (std::size_t k = 0; k < input.size(); ++k) {
    in_order[k] = result.members[index_of.at(input[k].id)];
  }
  result.members = std::move(in_order);
  return result;
}

} // namespace synth::dedup

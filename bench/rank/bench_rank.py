#!/usr/bin/python3
"""Benchmark of prioritised screening (issue 12; not a test): `synth simulate` and the
scikit-learn peer (peer_sklearn.py: ASReview's ELAS u4 and u3 rebuilt) side by side on the
labelled sets of the fixtures, with the same priors, and the time of a 5,000-record
simulation to 100 % recall for synth (pinned to each core in turn, two runs each; the slowest
run is compared) and the u4 peer (one run, not pinned; CPU seconds).

  bench/rank/bench_rank.py [--synth build/synth] [--seeds 10] [--peer-seeds N]
                           [--sets ADHD,NSAIDS,...] [--model svm|ensemble|nb|nbsvm] [--no-peer] [--no-timing]
                           [--peer-tfidf KEY=VALUE ...] [--peer-svm-c C] [--label label_included]
                           [--same-model none|fold,batches,c-rule]

--label COLUMN runs both on another 0/1 column (the Cohen sets and Nagtegaal 2019 also have
label_abstract_screening, the title-abstract inclusions); sets without it are skipped, and the
ref column (issue 12's figures, for the final-inclusion label) is left empty.

--same-model also runs synth's SVM set up as the u4 peer (build/bench/rank/bench_same_model:
words without synth's spelling folding, retrained after every decision, C 0.11 throughout;
"none") or with some of synth's departures put back (a comma list of fold, batches, c-rule),
and prints its mean WSS@95 beside u4's, the runs whose WSS@95 equals u4's to 1e-9, and the
most records between its 95 % point and u4's in one run (when some run differs).

Fixtures: SYNTH_FIXTURES (default ../shared/fixtures beside the checkout). The peer runs until
95 % recall for the WSS@95 table (the figure compared) and until 100 % for the timing.
"""
import argparse
import csv
import json
import os
import resource
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
FIXTURES = os.environ.get("SYNTH_FIXTURES", os.path.join(ROOT, "..", "shared", "fixtures"))
SETS = [
    ("ADHD", "cohen_2006/ADHD.csv", 69),
    ("NSAIDS", "cohen_2006/NSAIDS.csv", 72),
    ("ProtonPumpInhibitors", "cohen_2006/ProtonPumpInhibitors.csv", 44),
    ("Triptans", "cohen_2006/Triptans.csv", 59),
    ("UrinaryIncontinence", "cohen_2006/UrinaryIncontinence.csv", 48),
    ("Nagtegaal_2019", "asreview/Nagtegaal_2019.csv", 74),
    ("Bannach-Brown_2019", "asreview/Bannach-Brown_2019.csv", 44),
    ("Kitchenham_2010", "asreview/Kitchenham_2010.csv", 68),
]
# Debian's python3-sklearn lives in the system Python.
PEER_PYTHON = os.environ.get("PEER_PYTHON", "/usr/bin/python3")
ENV = dict(os.environ, OMP_NUM_THREADS="1", OPENBLAS_NUM_THREADS="1", MKL_NUM_THREADS="1")


def child_cpu():
    r = resource.getrusage(resource.RUSAGE_CHILDREN)
    return r.ru_utime + r.ru_stime


def timed(cmd, core=None):
    """Output and CPU seconds of `cmd`; on one core (pinned) when `core` is given."""
    t = child_cpu()
    pin = (lambda: os.sched_setaffinity(0, {core})) if core is not None else None
    out = subprocess.run(cmd, capture_output=True, text=True, env=ENV, check=True, preexec_fn=pin).stdout
    return out, child_cpu() - t


LABEL = "label_included"  # --label


def synth_sim(synth, path, seeds, model="svm", label=None, core=None):
    out, cpu = timed([synth, "--json", "simulate", path, "--seeds", str(seeds), "--model", model,
                      "--label", label or LABEL], core)
    return json.loads(out), cpu


PEER_CACHE = {}


PEER_TFIDF = []  # --peer-tfidf: TF-IDF options changed in the u4 peer (a tried variant)
PEER_SVM_C = [None]  # --peer-svm-c: the u4 peer's C when changed (a tried variant)


def peer(path, model, priors, until, label=None):
    """Runs of the peer, from --peer-cache when they were measured before (key: set, model,
    priors, until); the cache only saves time while tuning, the table says when it was used."""
    changes = PEER_TFIDF if model == "u4" else []
    svm_c = PEER_SVM_C[0] if model == "u4" else None
    label = label or LABEL
    key = "%s|%s|%s|%s" % (os.path.basename(path), model, priors, until) + "".join("|" + c for c in changes)
    if label != "label_included":
        key += "|label=" + label
    if svm_c is not None:
        key += "|svm_c=%g" % svm_c
    if key in PEER_CACHE:
        return PEER_CACHE[key]["runs"], PEER_CACHE[key]["cpu"]
    cmd = [PEER_PYTHON, os.path.join(HERE, "peer_sklearn.py"), path, "--model", model, "--until", str(until),
           "--label", label]
    for p in priors:
        cmd += ["--priors", "%d,%d" % p]
    for c in changes:
        cmd += ["--tfidf", c]
    if svm_c is not None:
        cmd += ["--svm-c", "%g" % svm_c]
    out, cpu = timed(cmd)
    runs = [json.loads(l) for l in out.splitlines() if l.strip()]
    PEER_CACHE[key] = {"runs": runs, "cpu": cpu}
    return runs, cpu


def mean(xs):
    return sum(xs) / len(xs) if xs else float("nan")


def deciding(runs):
    """The rows of the records that set WSS@95 in `runs` (the relevant record found at 95 %
    recall), most frequent first: "88x10" when row 88 did in all ten runs; "+N" counts the runs
    of rows beyond the first three."""
    counts = {}
    for r in runs:
        key = r.get("record_95", "?")
        counts[key] = counts.get(key, 0) + 1
    top = sorted(counts.items(), key=lambda kc: (-kc[1], str(kc[0])))
    return " ".join("%sx%d" % kc for kc in top[:3]) + (" +%d" % sum(c for _, c in top[3:]) if len(top) > 3 else "")


def timing_set(tmp):
    """5,000 records: the Cohen sets and Nagtegaal 2019 in file order, each labelled by its own
    review's final inclusions (a timing set, not a review)."""
    out = os.path.join(tmp, "timing_5000.csv")
    csv.field_size_limit(1 << 30)
    rows = []
    for _, rel, _ in SETS[:6]:
        with open(os.path.join(FIXTURES, "screening", rel), newline="", encoding="utf-8") as f:
            for r in csv.DictReader(f):
                rows.append((r["title"], r.get("abstract", ""), r["label_included"]))
    with open(out, "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["title", "abstract", "label_included"])
        w.writerows(rows[:5000])
    return out


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--synth", default=os.path.join(ROOT, "build", "synth"))
    ap.add_argument("--seeds", type=int, default=10)
    ap.add_argument("--peer-seeds", type=int, default=None, help="runs of the peer (default: --seeds)")
    ap.add_argument("--sets", default=",".join(s[0] for s in SETS))
    ap.add_argument("--model", default="svm", help="synth's ranking model (synth simulate --model)")
    ap.add_argument("--no-peer", action="store_true")
    ap.add_argument("--no-timing", action="store_true")
    ap.add_argument("--peer-cache", help="JSON file keeping the peer's runs between invocations")
    ap.add_argument("--peer-tfidf", action="append", default=[],
                    help="KEY=VALUE: run the u4 peer with this TF-IDF option or feature changed (peer_sklearn.py --tfidf)")
    ap.add_argument("--peer-svm-c", type=float, default=None, help="run the u4 peer with this C (peer_sklearn.py --svm-c)")
    ap.add_argument("--label", default="label_included", help="the 0/1 column simulated (synth simulate --label)")
    ap.add_argument("--same-model", default=None,
                    help="none, or a comma list of fold,batches,c-rule: also run synth's SVM set up as u4 (bench_same_model)")
    a = ap.parse_args()
    PEER_TFIDF.extend(a.peer_tfidf)
    PEER_SVM_C[0] = a.peer_svm_c
    global LABEL
    LABEL = a.label
    if a.peer_cache and os.path.exists(a.peer_cache):
        with open(a.peer_cache, encoding="utf-8") as f:
            PEER_CACHE.update(json.load(f))
        print("peer runs read from %s where measured before (not re-measured in this run)" % a.peer_cache)
    if not a.no_peer and subprocess.run([PEER_PYTHON, "-c", "import sklearn"], capture_output=True).returncode != 0:
        print("peer skipped: scikit-learn is not installed for %s (SYNTH_BENCH_PEERS=1 scripts/setup installs "
              "python3-sklearn)" % PEER_PYTHON)
        a.no_peer = True
    peer_seeds = a.peer_seeds or a.seeds
    wanted = a.sets.split(",")
    print("seeds: synth %d (model %s), peer %s; WSS@95 mean in %%; label %s; reference: issue 12, best of u4/u3%s" %
          (a.seeds, a.model, "none" if a.no_peer else peer_seeds, LABEL,
           "" if LABEL == "label_included" else " (for label_included: not shown)"))
    if PEER_TFIDF or a.peer_svm_c is not None:
        print("u4 peer changed: %s (not ASReview's u4)" % ", ".join(
            PEER_TFIDF + ([] if a.peer_svm_c is None else ["C %g" % a.peer_svm_c])))
    print("%-21s %6s %5s  %6s %6s %6s %5s  %-14s %8s %8s %8s" % (
        "set", "N", "rel", "synth", "u4", "u3", "ref", "stop ok/runs", "saved", "synth s", "peer s"))
    decided = []
    same = []
    same_flags = []
    if a.same_model is not None:
        parts = [p for p in a.same_model.split(",") if p and p != "none"]
        bad = [p for p in parts if p not in ("fold", "batches", "c-rule")]
        if bad:
            ap.error("--same-model: unknown %s (none, or a comma list of fold, batches, c-rule)" % ", ".join(bad))
        same_flags = ["--" + p for p in parts]
    for name, rel, ref in SETS:
        if name not in wanted:
            continue
        path = os.path.join(FIXTURES, "screening", rel)
        if not os.path.exists(path):
            print("%-21s skipped: %s absent" % (name, path))
            continue
        with open(path, newline="", encoding="utf-8") as f:
            header = [h.strip().lower() for h in next(csv.reader(f))]
        if LABEL.lower() not in header:
            print("%-21s skipped: no column %s" % (name, LABEL))
            continue
        doc, cpu = synth_sim(a.synth, path, a.seeds, a.model)
        priors = [(r["prior_relevant"], r["prior_irrelevant"]) for r in doc["runs"]][:peer_seeds]
        u4 = u3 = float("nan")
        peer_cpu = 0.0
        r4 = r3 = []
        if not a.no_peer:
            r4, c4 = peer(path, "u4", priors, 0.95)
            r3, c3 = peer(path, "u3", priors, 0.95)
            u4, u3, peer_cpu = mean([r["wss_95"] for r in r4]), mean([r["wss_95"] for r in r3]), c4 + c3
        decided.append((name, deciding(doc["runs"][:peer_seeds]), deciding(r4), deciding(r3)))
        if a.same_model is not None:
            tool = os.path.join(os.path.dirname(a.synth), "bench", "rank", "bench_same_model")
            out, _ = timed([tool, path, "--label", LABEL, "--seeds", str(peer_seeds)] + same_flags)
            sm = json.loads(out)
            diffs = [abs(x["wss_95"] - y["wss_95"]) for x, y in zip(sm["runs"], r4)]
            equal = sum(1 for d in diffs if d < 1e-9)
            apart = round(max(diffs, default=0) * sm["records"])  # records between the two 95 % points
            same.append((name, 100 * sm["mean"]["wss_95"], 100 * u4, equal, len(sm["runs"]), apart,
                         deciding(sm["runs"])))
        st = doc["stopping"]
        synth_wss = mean([r["wss_95"] for r in doc["runs"][:peer_seeds]]) if peer_seeds < a.seeds else doc["mean"]["wss_95"]
        print("%-21s %6d %5d  %6.1f %6.1f %6.1f %5s  %5d/%-8d %7.1f%% %8.2f %8.2f" % (
            name, doc["records"], doc["relevant"], 100 * synth_wss, 100 * u4, 100 * u3,
            ref if LABEL == "label_included" else "-",
            st["runs_meeting_target"], st["runs"], 100 * st["work_saved_mean"], cpu, peer_cpu), flush=True)
        if peer_seeds < a.seeds:
            print("%-21s synth mean over all %d seeds: %.1f" % ("", a.seeds, 100 * doc["mean"]["wss_95"]))
    # WSS@95 is where one record is found: the relevant record that brings recall to 95 %.
    # When the same row decides every run, the mean over the seeds is that record's position.
    print("the record that sets WSS@95 (data row x runs):")
    print("%-21s %-24s %-24s %s" % ("set", "synth", "u4", "u3"))
    for name, ds, d4, d3 in decided:
        print("%-21s %-24s %-24s %s" % (name, ds, d4 or "-", d3 or "-"), flush=True)
    if same:
        print("synth's SVM set up as u4 (bench_same_model %s): WSS@95 mean in %%; runs equal to u4's" %
              (" ".join(same_flags) or "without synth's departures: no folding, every decision, C 0.11"))
        print("%-21s %8s %6s  %-10s %-11s %s" % ("set", "variant" if same_flags else "as u4", "u4", "equal",
                                                "most apart", "deciding rows"))
        for name, m, m4, equal, n, apart, ds in same:
            print("%-21s %8.1f %6.1f  %3d/%-6d %-11s %s" % (name, m, m4, equal, n, apart if n and equal < n else "-", ds),
                  flush=True)
    if a.peer_cache:
        with open(a.peer_cache, "w", encoding="utf-8") as f:
            json.dump(PEER_CACHE, f)
    if a.no_timing:
        return 0
    with tempfile.TemporaryDirectory() as tmp:
        path = timing_set(tmp)
        # synth is timed on each core of this machine, twice, pinned: on a shared machine a
        # core can be slowed by what runs beside it (measured here the same evening: 3.2 to
        # 3.5 s CPU on one core and 5.9 to 6.2 s on the other, then the other way round).
        # The slowest run is compared with the peer; the fastest is printed beside it.
        per_core = {}
        for core in sorted(os.sched_getaffinity(0)):
            for _ in range(2):
                doc, t = synth_sim(a.synth, path, 1, a.model, "label_included", core)
                per_core.setdefault(core, []).append(t)
        cpu = max(max(ts) for ts in per_core.values())
        run = doc["runs"][0]
        print("timing: %d records, %d relevant, 1 run to 100 %% recall: synth %.2f s CPU at the slowest, %.2f s at "
              "the fastest (screened %d)" % (doc["records"], doc["relevant"], cpu,
                                            min(min(ts) for ts in per_core.values()), max(run["stop_screened"], 0)),
              flush=True)
        print("timing: synth pinned to each core, two runs each: %s" % "; ".join(
            "core %d: %s s" % (c, ", ".join("%.2f" % t for t in ts)) for c, ts in per_core.items()), flush=True)
        if not a.no_peer:
            r4, c4 = peer(path, "u4", [(run["prior_relevant"], run["prior_irrelevant"])], 1.0, "label_included")
            print("timing: peer u4 %.2f s CPU (screened %d); synth is %.1fx faster" % (
                c4, r4[0]["screened"], c4 / cpu if cpu > 0 else float("inf")))
    return 0


if __name__ == "__main__":
    sys.exit(main())

#!/usr/bin/env python3
"""Benchmark of `synth search` (issue 3): fetch 10,000 PubMed records from the replay server
enforcing NCBI's 3 requests/s, then replay them from the cache with --offline.

Prints: requests, elapsed, bound (= requests / 3 per second), ratio elapsed/bound
(target <= 1.2), 429 count (target 0); records/s parsed and stored from the cache.

usage: SYNTH=build/synth SYNTH_FIXTURES=../shared/fixtures bench/search/bench_search.py [--records N] [--batch-size B]
"""
import argparse
import json
import os
import shutil
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "..", "tests", "e2e"))
from replay_server import ReplayServer, fixtures_dir, run_synth  # noqa: E402

QUERY = "database: pubmed\nname: benchmark\n---\nknee*[tiab] OR hip*[tiab]\n"


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--records", type=int, default=10000)
    ap.add_argument("--batch-size", type=int, default=500)
    ap.add_argument("--rate", type=int, default=3)
    args = ap.parse_args()
    if not os.environ.get("SYNTH"):
        sys.exit("set SYNTH to the synth binary")
    fix = fixtures_dir()
    tmp = tempfile.mkdtemp(prefix="synth-bench-search-")
    try:
        project = os.path.join(tmp, "review")
        run_synth(["init", project], cwd=tmp).check_returncode()
        with open(os.path.join(project, "bench.query"), "w") as fh:
            fh.write(QUERY)
        pool = [os.path.join(fix, "pubmed/p1m_ortho/pubmed_result_292.xml"),
                os.path.join(fix, "pubmed/nlm_medsamp/medsamp2017.xml")]
        with ReplayServer(tmp, ["--pubmed-pool"] + pool + ["--pubmed-clone", str(args.records),
                                                           "--enforce-rate", str(args.rate)]) as s:
            env = {"SYNTH_PUBMED_URL": s.url, "NCBI_API_KEY": ""}
            t0 = time.monotonic()
            r = run_synth(["--json", "search", "bench.query", "--batch-size", str(args.batch_size)], cwd=project,
                          env=env, timeout=3600)
            elapsed = time.monotonic() - t0
            stats = s.stats()
        if r.returncode != 0:
            sys.exit("synth search failed: " + r.stderr)
        out = json.loads(r.stdout)["searches"][0]
        requests = stats["requests"]
        bound = requests / float(args.rate)
        print("fetch: %d records (%d hits reported), batch size %d" % (out["records_retrieved"], out["hits_reported"],
                                                                      args.batch_size))
        print("requests:        %d" % requests)
        print("elapsed:         %.2f s" % elapsed)
        print("bound:           %.2f s (requests / %d per second)" % (bound, args.rate))
        print("ratio:           %.2f (elapsed / bound, target <= 1.2)" % (elapsed / bound))
        print("429 answers:     %d (target 0)" % stats["rate_limited"])

        offline = os.path.join(tmp, "offline")
        run_synth(["init", offline], cwd=tmp).check_returncode()
        shutil.copy(os.path.join(project, "bench.query"), offline)
        shutil.rmtree(os.path.join(offline, "cache"), ignore_errors=True)
        shutil.copytree(os.path.join(project, "cache"), os.path.join(offline, "cache"))
        t0 = time.monotonic()
        r = run_synth(["--json", "search", "bench.query", "--offline", "--batch-size", str(args.batch_size)],
                      cwd=offline, env={"SYNTH_PUBMED_URL": "http://127.0.0.1:9/"}, timeout=3600)
        t = time.monotonic() - t0
        if r.returncode != 0:
            sys.exit("synth search --offline failed: " + r.stderr)
        n = json.loads(r.stdout)["searches"][0]["records_new"]
        print("offline replay:  %d records parsed and stored in %.2f s = %.0f records/s" % (n, t, n / t))
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()

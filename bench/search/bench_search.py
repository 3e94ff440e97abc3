#!/usr/bin/env python3
"""Benchmark of `synth search` (issue 3).

1. Fetch: 10,000 PubMed records from the replay server (tests/e2e/replay_server.py) while
   it enforces NCBI's limit of 3 requests a second (a request over it gets 429), for each
   efetch batch size asked. Target: elapsed <= 1.2 x the bound that rate sets (requests / 3
   per second), no 429, and no request beyond the minimum for the batch size (1 esearch +
   ceil(records / batch) efetch POSTs).
2. Offline: the same search replayed from the cache alone (--offline) into a new store:
   records parsed and stored per second, wall clock and CPU time (the machine may be
   shared: CPU time is the steadier figure).

usage: SYNTH=build/synth SYNTH_FIXTURES=../shared/fixtures bench/search/bench_search.py
           [--records N] [--batch-sizes 250,500,1000] [--rate 3] [--offline-runs 3]
"""
import argparse
import json
import math
import os
import resource
import shutil
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "..", "tests", "e2e"))
from replay_server import PUBMED_POOL, ReplayServer, fixtures_dir, run_synth  # noqa: E402

QUERY = "database: pubmed\nname: benchmark\n---\nknee*[tiab] OR hip*[tiab]\n"


def new_project(tmp, name):
    project = os.path.join(tmp, name)
    run_synth(["init", project], cwd=tmp).check_returncode()
    with open(os.path.join(project, "bench.query"), "w") as fh:
        fh.write(QUERY)
    return project


def max_in_window(times, window=1.0):
    """The most requests the server saw start within any `window` seconds."""
    best, j = 0, 0
    for i, t in enumerate(times):
        while t - times[j] >= window:
            j += 1
        best = max(best, i - j + 1)
    return best


def fetch(tmp, pool, args, batch):
    project = new_project(tmp, "fetch-%d" % batch)
    with ReplayServer(tmp, ["--pubmed-pool"] + pool + ["--pubmed-clone", str(args.records),
                                                       "--enforce-rate", str(args.rate)]) as s:
        env = {"SYNTH_PUBMED_URL": s.url, "NCBI_API_KEY": ""}
        t0 = time.monotonic()
        r = run_synth(["--json", "search", "bench.query", "--batch-size", str(batch)], cwd=project, env=env,
                      timeout=3600)
        elapsed = time.monotonic() - t0
        stats = s.stats()
    if r.returncode != 0:
        sys.exit("synth search failed: " + r.stderr)
    out = json.loads(r.stdout)["searches"][0]
    requests = stats["requests"]
    minimum = 1 + math.ceil(out["records_retrieved"] / batch)
    bound = requests / float(args.rate)
    return {"batch": batch, "records": out["records_retrieved"], "hits": out["hits_reported"],
            "requests": requests, "minimum": minimum, "elapsed": elapsed, "bound": bound,
            "ratio": elapsed / bound, "rate_limited": stats["rate_limited"],
            "peak": max_in_window([x["t"] for x in stats["log"]]), "project": project}


def offline(tmp, source_project, batch, runs):
    best = None
    for i in range(runs):
        project = new_project(tmp, "offline-%d-%d" % (batch, i))
        shutil.rmtree(os.path.join(project, "cache"), ignore_errors=True)
        shutil.copytree(os.path.join(source_project, "cache"), os.path.join(project, "cache"))
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        t0 = time.monotonic()
        r = run_synth(["--json", "search", "bench.query", "--offline", "--batch-size", str(batch)], cwd=project,
                      env={"SYNTH_PUBMED_URL": "http://127.0.0.1:9/"}, timeout=3600)
        wall = time.monotonic() - t0
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        if r.returncode != 0:
            sys.exit("synth search --offline failed: " + r.stderr)
        cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
        n = json.loads(r.stdout)["searches"][0]["records_new"]
        if best is None or wall < best[1]:
            best = (n, wall, cpu)
    return best


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--records", type=int, default=10000)
    ap.add_argument("--batch-sizes", default="250,500,1000", help="efetch batch sizes to measure (500 is the default)")
    ap.add_argument("--rate", type=int, default=3)
    ap.add_argument("--offline-runs", type=int, default=3, help="offline replays; the fastest is shown")
    args = ap.parse_args()
    # SYNTH=build/synth as the README writes it: relative to where the bench is started,
    # and the runs below start synth from temporary folders.
    default_binary = os.path.join(HERE, "..", "..", "build", "synth")
    binary = os.environ.get("SYNTH") or (default_binary if os.path.exists(default_binary) else "")
    if not binary:
        sys.exit("set SYNTH to the synth binary")
    os.environ["SYNTH"] = os.path.abspath(binary)
    fix = fixtures_dir()
    pool = [os.path.join(fix, p) for p in PUBMED_POOL]
    batches = [int(b) for b in args.batch_sizes.split(",")]
    tmp = tempfile.mkdtemp(prefix="synth-bench-search-")
    try:
        print("synth search: %d PubMed records from the replay server enforcing %d requests/s" % (args.records, args.rate))
        print()
        print("%-7s %9s %9s %10s %10s %7s %6s %12s" % ("batch", "requests", "minimum", "elapsed s", "bound s",
                                                       "ratio", "429s", "peak req/s"))
        results = [fetch(tmp, pool, args, b) for b in batches]
        for x in results:
            print("%-7d %9d %9d %10.2f %10.2f %7.2f %6d %12d" % (x["batch"], x["requests"], x["minimum"], x["elapsed"],
                                                                  x["bound"], x["ratio"], x["rate_limited"], x["peak"]))
        print()
        print("bound = requests / %d per second; target: ratio <= 1.2, no 429, requests = minimum" % args.rate)
        for x in results:
            ok = x["ratio"] <= 1.2 and x["rate_limited"] == 0 and x["requests"] == x["minimum"] and x["records"] == args.records
            print("batch %-5d %s (%d records stored, %d hits reported)" % (x["batch"], "PASS" if ok else "FAIL",
                                                                          x["records"], x["hits"]))
        default = next((x for x in results if x["batch"] == 500), results[0])
        n, wall, cpu = offline(tmp, default["project"], default["batch"], args.offline_runs)
        print()
        print("offline replay (--offline, batch %d, best of %d): %d records parsed and stored" % (
            default["batch"], args.offline_runs, n))
        print("  wall clock: %.2f s = %.0f records/s" % (wall, n / wall))
        print("  CPU time:   %.2f s = %.0f records/s" % (cpu, n / cpu if cpu else float("inf")))
        print("  vs fetching at %d requests/s with batch %d: %.0f records/s, so parsing and storing is %.0fx faster"
              % (args.rate, default["batch"], default["records"] / default["elapsed"],
                 (n / wall) / (default["records"] / default["elapsed"])))
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()

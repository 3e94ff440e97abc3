#!/usr/bin/env python3
"""Benchmark of parsing and storing OpenAlex pages offline (issue 13; target >= 5,000 works/s).

The works of the recorded OpenAlex answers ($SYNTH_FIXTURES/openalex) are cloned with new ids
into a pool of N works served by tests/e2e/replay_server.py; `synth search` fetches them once
(pages of 200, cursor paging) into a project's cache; then `synth search --offline` replays
the cache into a fresh store, each run timed: works parsed (abstract rebuilt), evaluated
against the strategy and stored per second, wall clock and CPU time (the machine may be
shared: CPU time is the steadier figure).

usage: SYNTH=build/synth SYNTH_FIXTURES=../shared/fixtures bench/openalex/bench_openalex.py [--works N] [--runs 3]
"""
import argparse
import json
import os
import resource
import shutil
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "..", "tests", "e2e"))
from replay_server import OPENALEX_POOL, ReplayServer, fixtures_dir, run_synth  # noqa: E402

QUERY = "database: openalex\nname: benchmark\n---\nbiodiversity OR finance OR citation OR species\n"


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--works", type=int, default=20000)
    ap.add_argument("--runs", type=int, default=3)
    args = ap.parse_args()
    # SYNTH=build/synth as the docs write it: relative to where the bench is started (the
    # runs below start synth from temporary folders), as bench/search does.
    default_binary = os.path.join(HERE, "..", "..", "build", "synth")
    binary = os.environ.get("SYNTH") or (default_binary if os.path.exists(default_binary) else "")
    if not binary:
        sys.exit("set SYNTH to the synth binary")
    os.environ["SYNTH"] = os.path.abspath(binary)
    fix = fixtures_dir()
    tmp = tempfile.mkdtemp(prefix="synth-bench-openalex-")
    try:
        online = os.path.join(tmp, "online")
        run_synth(["init", online], cwd=tmp)
        with open(os.path.join(online, "b.query"), "w") as fh:
            fh.write(QUERY)
        with ReplayServer(tmp, ["--openalex-pool"] + [os.path.join(fix, p) for p in OPENALEX_POOL] +
                          ["--openalex-clone", str(args.works)]) as s:
            r = run_synth(["--json", "search", "b.query"], cwd=online, env={"SYNTH_OPENALEX_URL": s.url})
            if r.returncode != 0:
                sys.exit(r.stderr)
        fetched = json.loads(r.stdout)["searches"][0]
        print("fetched: %d works retrieved (%d matched the strategy) in %d requests"
              % (fetched["records_retrieved"], fetched["records_matched"], fetched["requests"]))
        for i in range(args.runs):
            p = os.path.join(tmp, "offline%d" % i)
            run_synth(["init", p], cwd=tmp)
            shutil.rmtree(os.path.join(p, "cache"))
            shutil.copytree(os.path.join(online, "cache"), os.path.join(p, "cache"))
            shutil.copy(os.path.join(online, "b.query"), p)
            before = resource.getrusage(resource.RUSAGE_CHILDREN)
            t = time.perf_counter()
            r = run_synth(["--json", "search", "b.query", "--offline"], cwd=p)
            wall = time.perf_counter() - t
            after = resource.getrusage(resource.RUSAGE_CHILDREN)
            if r.returncode != 0:
                sys.exit(r.stderr)
            cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
            n = json.loads(r.stdout)["searches"][0]["records_retrieved"]
            print("offline run %d: %d works parsed and evaluated, %d stored: %.2f s wall (%.0f works/s), "
                  "%.2f s CPU (%.0f works/s)" % (i + 1, n, json.loads(r.stdout)["searches"][0]["records_new"], wall,
                                                 n / wall, cpu, n / cpu))
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()

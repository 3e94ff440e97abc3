#!/usr/bin/env python3
"""Import benchmarks (issue 2). Not a test: prints figures.

1. PubMed XML: builds a ~100 MB file by repeating the real records of
   pubmed_result_292.xml with new PMIDs, imports it into a fresh store with synth, and runs
   Biopython's Entrez.read on the same file (Debian's python3-biopython, the peer). Prints
   time, peak RSS, records/s and the ratio. Also imports a quarter-size file to show that
   peak memory does not grow with the file.
2. RIS: builds a file of ~200,000 records from the real zotero_export.ris (new AN ids) and
   prints records/s into the store.

Usage: bench/import/bench_import.py [--synth build/synth] [--mb 100] [--ris 200000] [--no-peer]
"""
import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
FIXTURES = os.environ.get("SYNTH_FIXTURES", os.path.join(ROOT, "..", "shared", "fixtures"))


def timed(cmd, cwd=None):
    """Runs cmd under /usr/bin/time; returns (seconds, peak RSS in MB, stdout)."""
    out = subprocess.run(["/usr/bin/time", "-f", "TIME %e %M", *cmd], cwd=cwd, capture_output=True, text=True)
    if out.returncode != 0:
        sys.exit("failed: %s\n%s\n%s" % (" ".join(cmd), out.stdout, out.stderr))
    line = [l for l in out.stderr.splitlines() if l.startswith("TIME ")][-1]
    _, secs, kb = line.split()
    return float(secs), int(kb) / 1024.0, out.stdout


def build_pubmed(path, target_mb):
    with open(os.path.join(FIXTURES, "pubmed/p1m_ortho/pubmed_result_292.xml"), encoding="utf-8") as f:
        text = f.read()
    head = text[: text.index("<PubmedArticle>")]
    articles = re.findall(r"<PubmedArticle>.*?</PubmedArticle>", text, re.S)
    pmid_re = re.compile(r'(<PMID Version="1">)(\d+)(</PMID>)')
    count = 0
    size = len(head)
    next_pmid = 90000000
    with open(path, "w", encoding="utf-8") as out:
        out.write(head)
        while size < target_mb * 1024 * 1024:
            for a in articles:
                next_pmid += 1
                new = pmid_re.sub(lambda m: m.group(1) + str(next_pmid) + m.group(3), a, count=1)
                new = re.sub(r'(<ArticleId IdType="pubmed">)\d+(</ArticleId>)', r"\g<1>%d\g<2>" % next_pmid, new, count=1)
                out.write(new)
                out.write("\n")
                size += len(new) + 1
                count += 1
        out.write("</PubmedArticleSet>\n")
    return count


def build_ris(path, n):
    with open(os.path.join(FIXTURES, "exports/asysd/zotero_export.ris"), encoding="utf-8-sig") as f:
        text = f.read().replace("\r\n", "\n")
    records = [r.strip("\n") for r in text.split("ER  - ") if "TY  - " in r]
    with open(path, "w", encoding="utf-8") as out:
        for i in range(n):
            r = records[i % len(records)]
            out.write(r.strip() + "\nAN  - bench-%d\nER  - \n\n" % i)
    return n


def import_into_fresh(synth, work, name, path):
    project = os.path.join(work, name)
    subprocess.run([synth, "init", project], check=True, capture_output=True)
    return timed([synth, "-q", "import", path], cwd=project)


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--synth", default=os.path.join(ROOT, "build", "synth"))
    p.add_argument("--mb", type=float, default=100)
    p.add_argument("--ris", type=int, default=200000)
    p.add_argument("--no-peer", action="store_true")
    args = p.parse_args()
    synth = os.path.abspath(args.synth)
    work = tempfile.mkdtemp(prefix="synth-bench-import-")
    try:
        big = os.path.join(work, "pubmed_big.xml")
        n = build_pubmed(big, args.mb)
        small = os.path.join(work, "pubmed_quarter.xml")
        n_small = build_pubmed(small, args.mb / 4)
        mb = os.path.getsize(big) / 1e6
        secs, rss, _ = import_into_fresh(synth, work, "big", big)
        secs_q, rss_q, _ = import_into_fresh(synth, work, "quarter", small)
        print("pubmed-xml  file %.1f MB, %d records" % (mb, n))
        print("  synth import      %6.2f s  %8.0f records/s  %6.1f MB/s  peak RSS %6.1f MB" % (secs, n / secs, mb / secs, rss))
        print("  synth import 1/4  %6.2f s  (%d records)  peak RSS %6.1f MB  (memory ratio full/quarter %.2f)"
              % (secs_q, n_small, rss_q, rss / rss_q))
        if not args.no_peer:
            peer = "from Bio import Entrez\nwith open(%r, 'rb') as h:\n    d = Entrez.read(h)\nprint(len(d['PubmedArticle']))" % big
            psecs, prss, pout = timed(["/usr/bin/python3", "-c", peer])
            print("  biopython Entrez.read %6.2f s  peak RSS %6.1f MB  (%s records)" % (psecs, prss, pout.strip()))
            print("  ratio: synth is %.1fx faster, uses %.1fx less memory" % (psecs / secs, prss / rss))
        ris = os.path.join(work, "big.ris")
        n_ris = build_ris(ris, args.ris)
        rsecs, rrss, _ = import_into_fresh(synth, work, "ris", ris)
        print("ris         file %.1f MB, %d records" % (os.path.getsize(ris) / 1e6, n_ris))
        print("  synth import      %6.2f s  %8.0f records/s  peak RSS %6.1f MB" % (rsecs, n_ris / rsecs, rrss))
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""Import benchmarks (issue 2). Not a test: prints figures, the targets and whether they hold.

1. PubMed XML: builds a ~100 MB file by repeating the real records of
   pubmed_result_292.xml with new PMIDs, imports it into a fresh store with synth, and runs
   Biopython's Entrez.read on the same file (the peer, in this same run). Prints time, CPU,
   peak RSS, records/s and the ratio. Also imports a quarter-size file: peak memory must not
   grow with the file.
   Targets: at least 20x faster than Entrez.read; peak RSS under 150 MB.
2. RIS: builds a file of 200,000 records from the real zotero_export.ris (each copy gets an
   accession number of its own, so every record is new to the store) and imports it.
   Target: at least 100,000 records a second into the store.
3. RIS of 1 GB (issue 15), built the same way at run time in the temporary folder: peak
   memory must be bounded by the batches in flight, not by the file (target under 300 MB;
   1.09 GB before files were streamed), at the same records/s.
4. Decompression bombs (issue 15): a 46 MB .gz of zeros (46 gzip members of 1 GB of zeros
   each: 46 GB unpacked) and a gzip of one repeated line of text. Each must end quickly with
   an error (exit 1), in little memory. Before: 373 s, 11.9 GB and "0 records".

The peer is Debian's python3-biopython:  sudo apt-get install -y --no-install-recommends python3-biopython
Without it the peer is skipped, saying so. The machine's load average is printed: timings
taken while other work runs on the same cores are slower, for synth and the peer alike.

Usage: bench/import/bench_import.py [--synth build/synth] [--mb 100] [--ris 200000] [--ris-gb 1]
                                    [--no-peer] [--runs 3] [--only pubmed,ris,big,bomb]
"""
import argparse
import os
import zlib
import re
import shutil
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
FIXTURES = os.environ.get("SYNTH_FIXTURES", os.path.join(ROOT, "..", "shared", "fixtures"))
INSTALL_PEER = "sudo apt-get install -y --no-install-recommends python3-biopython"


def timed(cmd, cwd=None, expect=0):
    """Runs cmd under /usr/bin/time; returns (wall s, peak RSS MB, CPU s, stdout)."""
    out = subprocess.run(["/usr/bin/time", "-f", "TIME %e %M %U %S", *cmd], cwd=cwd, capture_output=True, text=True)
    if out.returncode != expect:
        sys.exit("failed (exit %d, expected %d): %s\n%s\n%s" % (out.returncode, expect, " ".join(cmd), out.stdout, out.stderr))
    line = [l for l in out.stderr.splitlines() if l.startswith("TIME ")][-1]
    _, secs, kb, user, system = line.split()
    return float(secs), int(kb) / 1024.0, float(user) + float(system), out.stdout


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


def build_ris(path, n=None, target_bytes=None):
    """n records, or as many as make target_bytes; returns the number of records."""
    with open(os.path.join(FIXTURES, "exports/asysd/zotero_export.ris"), encoding="utf-8-sig") as f:
        text = f.read().replace("\r\n", "\n")
    records = [r.strip("\n") for r in text.split("ER  - ") if "TY  - " in r]
    # Each copy gets an accession number of its own (the real one, WOS:..., is dropped):
    # every record is new to the store, as in a real export.
    records = ["\n".join(l for l in r.split("\n") if not l.startswith("AN  - ")).strip() for r in records]
    size = 0
    i = 0
    with open(path, "w", encoding="utf-8") as out:
        while (n is not None and i < n) or (target_bytes is not None and size < target_bytes):
            chunk = records[i % len(records)] + "\nAN  - bench-%d\nER  - \n\n" % i
            out.write(chunk)
            size += len(chunk.encode("utf-8"))
            i += 1
    return i


def build_bombs(work):
    """A 46 MB .gz of zeros (46 members of 1 GB each) and a gzip of one repeated RIS line."""
    zeros = os.path.join(work, "zeros.ris.gz")
    c = zlib.compressobj(9, zlib.DEFLATED, 31)
    block = bytes(1 << 20)
    member = b"".join(c.compress(block) for _ in range(1024)) + c.flush()
    with open(zeros, "wb") as out:
        for _ in range(46):
            out.write(member)
    text = os.path.join(work, "text.ris.gz")
    c = zlib.compressobj(9, zlib.DEFLATED, 31)
    line = b"TI  - the same title again and again, a line that compresses a thousand times\n" * 13000
    with open(text, "wb") as out:
        out.write(c.compress(b"TY  - JOUR\n"))
        for _ in range(1024):  # 1 GB unpacked from about 1 MB
            out.write(c.compress(line))
        out.write(c.flush())
    return zeros, text


def import_into_fresh(synth, work, name, path, runs):
    """Best of `runs` imports, each into a fresh store: (wall, RSS, CPU)."""
    best = None
    for i in range(runs):
        project = os.path.join(work, "%s-%d" % (name, i))
        subprocess.run([synth, "init", project], check=True, capture_output=True)
        secs, rss, cpu, _ = timed([synth, "-q", "import", path], cwd=project)
        shutil.rmtree(project, ignore_errors=True)
        if best is None or secs < best[0]:
            best = (secs, rss, cpu)
    return best


def have_peer():
    return subprocess.run(["/usr/bin/python3", "-c", "import Bio.Entrez"], capture_output=True).returncode == 0


def verdict(ok):
    return "target met" if ok else "TARGET MISSED"


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--synth", default=os.path.join(ROOT, "build", "synth"))
    p.add_argument("--mb", type=float, default=100)
    p.add_argument("--ris", type=int, default=200000)
    p.add_argument("--runs", type=int, default=3, help="imports per file; the fastest counts (noise of a shared machine)")
    p.add_argument("--no-peer", action="store_true")
    p.add_argument("--ris-gb", type=float, default=1.0, help="size of the large RIS file, GB")
    p.add_argument("--only", default="pubmed,ris,big,bomb", help="which parts to run (comma separated)")
    args = p.parse_args()
    parts = set(args.only.split(","))
    synth = os.path.abspath(args.synth)
    if not os.path.exists(synth):
        sys.exit("bench: %s not found (build first, or --synth PATH)" % synth)
    work = tempfile.mkdtemp(prefix="synth-bench-import-")
    try:
        print("load average %s (2 cores shared: figures vary with other work)" % " ".join("%.2f" % x for x in os.getloadavg()))
        if "pubmed" in parts:
            bench_pubmed(synth, work, args)
        if "ris" in parts:
            ris = os.path.join(work, "big.ris")
            n_ris = build_ris(ris, n=args.ris)
            rsecs, rrss, rcpu = import_into_fresh(synth, work, "ris", ris, args.runs)
            os.remove(ris)
            rate = n_ris / rsecs
            print("ris         %d records" % n_ris)
            print("  synth import          %6.2f s (CPU %5.2f s)  %8.0f records/s  peak RSS %6.1f MB: %s (target 100,000/s)"
                  % (rsecs, rcpu, rate, rrss, verdict(rate >= 100000)))
        if "big" in parts:
            ris = os.path.join(work, "huge.ris")
            n_big = build_ris(ris, target_bytes=int(args.ris_gb * (1 << 30)))
            gb = os.path.getsize(ris) / (1 << 30)
            bsecs, brss, bcpu = import_into_fresh(synth, work, "huge", ris, 1)
            os.remove(ris)
            rate = n_big / bsecs
            print("ris         file %.2f GB, %d records" % (gb, n_big))
            print("  synth import          %6.2f s (CPU %5.2f s)  %8.0f records/s  peak RSS %6.1f MB: memory %s (target under 300 MB), speed %s (target 100,000/s)"
                  % (bsecs, bcpu, rate, brss, verdict(brss < 300), verdict(rate >= 100000)))
        if "bomb" in parts:
            zeros, text = build_bombs(work)
            for name, path in (("zeros", zeros), ("text", text)):
                project = os.path.join(work, "bomb-" + name)
                subprocess.run([synth, "init", project], check=True, capture_output=True)
                out = subprocess.run(["/usr/bin/time", "-f", "TIME %e %M %U %S", synth, "import", path],
                                     cwd=project, capture_output=True, text=True)
                line = [l for l in out.stderr.splitlines() if l.startswith("TIME ")][-1]
                _, secs, kb, _, _ = line.split()
                message = [l for l in out.stderr.splitlines() if l.startswith("synth: error")]
                print("gzip bomb   %s: %.1f MB .gz" % (name, os.path.getsize(path) / (1 << 20)))
                print("  synth import          %6.2f s  peak RSS %6.1f MB  exit %d: %s"
                      % (float(secs), int(kb) / 1024.0, out.returncode, message[0] if message else "(no error)"))
                print("  %s (target: exit 1 within seconds, under 300 MB)"
                      % verdict(out.returncode == 1 and float(secs) < 30 and int(kb) / 1024.0 < 300))
    finally:
        shutil.rmtree(work, ignore_errors=True)


def bench_pubmed(synth, work, args):
    big = os.path.join(work, "pubmed_big.xml")
    n = build_pubmed(big, args.mb)
    small = os.path.join(work, "pubmed_quarter.xml")
    n_small = build_pubmed(small, args.mb / 4)
    mb = os.path.getsize(big) / 1e6
    secs, rss, cpu = import_into_fresh(synth, work, "big", big, args.runs)
    secs_q, rss_q, _ = import_into_fresh(synth, work, "quarter", small, args.runs)
    print("pubmed-xml  file %.1f MB, %d records" % (mb, n))
    print("  synth import          %6.2f s (CPU %5.2f s)  %8.0f records/s  %6.1f MB/s  peak RSS %6.1f MB"
          % (secs, cpu, n / secs, mb / secs, rss))
    print("  synth import 1/4      %6.2f s  (%d records)  peak RSS %6.1f MB  (memory full/quarter %.2f)"
          % (secs_q, n_small, rss_q, rss / rss_q))
    print("  memory: %s (peak %.1f MB, target under 150 MB, not growing with the file)"
          % (verdict(rss < 150 and rss / rss_q < 1.5), rss))
    if args.no_peer:
        print("  biopython: skipped (--no-peer)")
    elif not have_peer():
        print("  biopython: skipped, python3-biopython is not installed: %s" % INSTALL_PEER)
    else:
        peer = "from Bio import Entrez\nwith open(%r, 'rb') as h:\n    d = Entrez.read(h)\nprint(len(d['PubmedArticle']))" % big
        psecs, prss, pcpu, pout = timed(["/usr/bin/python3", "-c", peer])
        ratio = psecs / secs
        print("  biopython Entrez.read %6.2f s (CPU %5.2f s)  peak RSS %6.1f MB  (%s records)"
              % (psecs, pcpu, prss, pout.strip()))
        print("  ratio: synth is %.1fx faster (CPU: %.1fx), uses %.1fx less memory: %s (target 20x)"
              % (ratio, pcpu / cpu, prss / rss, verdict(ratio >= 20)))
    os.remove(big)
    os.remove(small)


if __name__ == "__main__":
    main()

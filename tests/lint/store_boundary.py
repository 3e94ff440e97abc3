#!/usr/bin/env python3
"""The store boundary (issue 14): SQL lives in lib/synth/store/. A file outside it that runs a
statement or a schema (Store::prepare/exec/migrate or the sqlite3 API) fails this check, unless it is one of the
files listed below, which still hold the tables their module owns and move to store/ next.
A listed file that no longer runs SQL fails too, so that the list only shrinks."""
import os
import re
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
SQL = re.compile(r"(\.|->)(prepare|exec|migrate)\(|\bsqlite3_\w+\(")
# Still to move (each owns tables of its module: dedup_*, screen_*; the importer's batched
# updates).
NOT_YET_MOVED = {
    "lib/synth/dedup/store_io.cpp",
    "lib/synth/project/importer.cpp",
    "lib/synth/screen/screen.cpp",
    "lib/synth/screen/store_io.cpp",
    "lib/synth/screen/summary.cpp",
}


def main():
    found = set()
    for top in ("lib", "cmd"):
        for folder, _, files in os.walk(os.path.join(ROOT, top)):
            for name in files:
                if not name.endswith((".cpp", ".hpp")):
                    continue
                path = os.path.join(folder, name)
                rel = os.path.relpath(path, ROOT)
                if rel.startswith("lib/synth/store/"):
                    continue
                with open(path, encoding="utf-8") as f:
                    for number, line in enumerate(f, 1):
                        if SQL.search(line) and not line.lstrip().startswith("//"):
                            found.add(rel)
                            if rel not in NOT_YET_MOVED:
                                print("%s:%d: SQL outside lib/synth/store/: %s" % (rel, number, line.strip()))
    stale = sorted(NOT_YET_MOVED - found)
    for rel in stale:
        print("%s: runs no SQL any more; take it off NOT_YET_MOVED in %s" % (rel, os.path.relpath(__file__, ROOT)))
    new = sorted(found - NOT_YET_MOVED)
    if new or stale:
        return 1
    print("store boundary: no SQL outside lib/synth/store/ except %d files still to move" % len(NOT_YET_MOVED))
    return 0


if __name__ == "__main__":
    sys.exit(main())

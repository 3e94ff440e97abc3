#!/usr/bin/env python3
"""The store boundary (issue 14): SQL lives in lib/synth/store/. A file outside it that runs a
statement or a schema (Store::prepare/exec/migrate or the sqlite3 API) fails this check, unless it is one of the
files listed in NOT_YET_MOVED (empty since every module's tables moved to store/; a file may be
listed there only while it is being moved). A listed file that no longer runs SQL fails too."""
import os
import re
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
SQL = re.compile(r"(\.|->)(prepare|exec|migrate|handle)\(|\bsqlite3_\w+\(|#include <sqlite3\.h>")
NOT_YET_MOVED = set()


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
    if NOT_YET_MOVED:
        print("store boundary: no SQL outside lib/synth/store/ except %d files still to move" % len(NOT_YET_MOVED))
    else:
        print("store boundary: no SQL outside lib/synth/store/")
    return 0


if __name__ == "__main__":
    sys.exit(main())

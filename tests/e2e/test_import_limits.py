"""synth import on hostile and unusual input, and a real kill -9 of a real import (issue 15,
issue 10): nothing unbounded, nothing left behind that a re-run keeps."""
import os
import signal
import sqlite3
import subprocess
import time
import zlib

from synth_e2e import SYNTH, SynthTestCase, fixture, main


def build_ris(path, target_bytes):
    """Copies of the real zotero_export.ris records, each with an accession number of its own."""
    with open(fixture("exports/asysd/zotero_export.ris"), encoding="utf-8-sig") as f:
        text = f.read().replace("\r\n", "\n")
    records = [r.strip("\n") for r in text.split("ER  - ") if "TY  - " in r]
    records = ["\n".join(l for l in r.split("\n") if not l.startswith("AN  - ")).strip() for r in records]
    size = 0
    n = 0
    with open(path, "w", encoding="utf-8") as out:
        while size < target_bytes:
            chunk = records[n % len(records)] + "\nAN  - kill-%d\nER  - \n\n" % n
            out.write(chunk)
            size += len(chunk.encode("utf-8"))
            n += 1
    return n


class ImportLimitsTest(SynthTestCase):
    def setUp(self):
        super().setUp()
        self.require_fixtures()
        self.project = self.new_project()

    def imp(self, *args, check=0, **kw):
        return self.run_synth("import", *args, cwd=self.project, check=check, **kw)

    def raw_file(self, search_id=1):
        return os.path.join(self.project, "synth.raw", "%d.txt" % search_id)

    def test_a_killed_import_leaves_nothing_that_a_rerun_keeps(self):
        big = os.path.join(self.tmp, "big.ris")
        n = build_ris(big, 80 << 20)
        proc = subprocess.Popen([SYNTH, "import", big], cwd=self.project, env=self.env,
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        # Kill it outright once the archive holds a few MB of its records (about 5 % in).
        deadline = time.time() + 300
        while time.time() < deadline and proc.poll() is None:
            if os.path.exists(self.raw_file()) and os.path.getsize(self.raw_file()) >= (4 << 20):
                break
            time.sleep(0.005)
        self.assertIsNone(proc.poll(), "the import ended before it could be killed")
        proc.send_signal(signal.SIGKILL)
        self.assertEqual(proc.wait(), -signal.SIGKILL)
        left = os.path.getsize(self.raw_file())
        self.assertGreater(left, 0)  # what the killed run wrote, belonging to no record
        self.assertEqual(self.json_of("status", cwd=self.project)["records"], 0)
        check = self.run_synth("check", cwd=self.project, check=1)
        self.assertIn("synth.raw/1.txt: %s bytes of a search that is not in the store (left by an interrupted command)"
                      % format(left, ","), check.stderr)
        # The re-run gets the same search id and starts its file empty.
        out = self.imp(big).stdout
        self.assertIn("%s records (ris)" % format(n, ","), out)
        self.assertIn("raw archive: %s records in 1 file, every byte belongs to one record of the store"
                      % format(n, ","), self.run_synth("check", cwd=self.project, check=0).stdout)
        db = sqlite3.connect(os.path.join(self.project, "synth.db"))
        (count, total), = db.execute("SELECT count(*), sum(raw_size) FROM records")
        db.close()
        self.assertEqual(count, n)
        self.assertEqual(os.path.getsize(self.raw_file()), total)

    def test_check_repair_cuts_leftovers_and_never_a_record(self):
        self.imp(fixture("exports/citesource/valid_data/psycinfo_64.ris"))
        size = os.path.getsize(self.raw_file())
        half = b"TY  - JOUR\nTI  - half a record of a killed run\n"
        with open(self.raw_file(), "ab") as f:
            f.write(half)
        with open(os.path.join(self.project, "synth.raw", "7.txt"), "wb") as f:
            f.write(b"x" * 100)
        check = self.run_synth("check", cwd=self.project, check=1)
        self.assertIn("synth.raw/1.txt: %d bytes after the last record (left by an interrupted command)" % len(half),
                      check.stderr)
        self.assertIn("synth.raw/7.txt: 100 bytes of a search that is not in the store", check.stderr)
        self.assertIn("synth check --repair", check.stderr)
        self.run_synth("check", "--repair", cwd=self.project, check=0)
        self.assertEqual(os.path.getsize(self.raw_file()), size)
        self.assertFalse(os.path.exists(os.path.join(self.project, "synth.raw", "7.txt")))
        # A record's text cut short is reported, and --repair does not touch it.
        with open(self.raw_file(), "r+b") as f:
            f.truncate(size - 10)
        check = self.run_synth("check", "--repair", cwd=self.project, check=1)
        self.assertIn("their raw text is lost", check.stderr)

    def test_standard_input_and_pipes_are_streams(self):
        path = fixture("exports/citesource/valid_data/psycinfo_64.ris")
        with open(path, "rb") as f:
            proc = subprocess.run([SYNTH, "import", "-", "--source", "PsycINFO"], cwd=self.project, env=self.env,
                                  stdin=f, capture_output=True, text=True)
        self.assertEqual(proc.returncode, 0, proc.stderr)
        self.assertIn("stdin: 64 records (ris): 64 from PsycINFO", proc.stdout)
        # Process substitution: a pipe named /dev/fd/N. Before: "record has no TY tag".
        other = fixture("exports/citesource/valid_data/pubmed_46.ris")
        proc = subprocess.run(["bash", "-c", '"$0" import <(cat "$1")', SYNTH, other], cwd=self.project,
                              env=self.env, capture_output=True, text=True)
        self.assertEqual(proc.returncode, 0, proc.stderr)
        self.assertIn("46 records (ris)", proc.stdout)
        # The same content again through a pipe: recognised at the end, nothing added.
        with open(path, "rb") as f:
            proc = subprocess.run([SYNTH, "import", "-", "--source", "PsycINFO"], cwd=self.project, env=self.env,
                                  stdin=f, capture_output=True, text=True)
        self.assertIn("already imported", proc.stdout)
        self.assertEqual(self.json_of("status", cwd=self.project)["records"], 110)

    def test_hostile_input_ends_with_an_error_quickly(self):
        started = time.time()
        proc = self.imp("/dev/zero", "--format", "ris", check=1, timeout=60)
        self.assertIn("synth: error: /dev/zero:1: NUL byte in the text", proc.stderr)
        bomb = os.path.join(self.tmp, "bomb.ris.gz")
        c = zlib.compressobj(9, zlib.DEFLATED, 31)
        line = b"TI  - one line again and again and again and again and again\n" * 16384
        with open(bomb, "wb") as f:
            for _ in range(64):  # 64 MB unpacked from about 100 kB
                f.write(c.compress(line))
            f.write(c.flush())
        proc = self.imp(bomb, check=1, timeout=60)
        self.assertIn("bomb.ris.gz: gzip data expands more than 100 times", proc.stderr)
        self.assertLess(time.time() - started, 60)
        self.assertEqual(self.json_of("status", cwd=self.project)["records"], 0)

    def test_values_checked_where_they_enter(self):
        query = os.path.join(self.project, "queries", "psycinfo.query")
        with open(query, "w") as f:
            f.write("database: PsycINFO\nname: test\n---\nqualitative[tiab]\n")
        path = fixture("exports/citesource/valid_data/psycinfo_64.ris")
        # Before: stored as 9223372036854775807.
        proc = self.imp(path, "--query", query, "--hits", "99999999999999999999", check=2)
        self.assertIn("synth: error: --hits: '99999999999999999999' is not a number of hits", proc.stderr)
        proc = self.imp(path, "--query", query, "--hits", "-3", check=2)
        self.assertIn("--hits: '-3' is not a number of hits", proc.stderr)
        self.imp(path, "--query", query, "--hits", "64")

    def test_ovid_export_and_lenient_messages(self):
        ovid = os.path.join(self.tmp, "psycinfo_ovid.ris")
        with open(fixture("exports/ovid_mckeown/ovid_3001_to_3130_psycinfo.ris"), "rb") as f:
            data = f.read()
        # Ovid writes NL and a link line after the last ER too.
        with open(ovid, "wb") as f:
            f.write(data + b"NL  - Riv Psichiatr\r\n\r\nLink to the Ovid Full Text or citation: https://example\r\n")
        out = self.imp(ovid).stdout  # without --lenient
        self.assertIn("130 records (ris): 130 from APA PsycInfo", out)
        out = self.imp("--lenient", fixture("exports/citesource/valid_data/pubmed_46.ris")).stdout
        self.assertIn("pubmed_46.ris: nothing skipped (--lenient)", out)
        empty = os.path.join(self.tmp, "empty.ris")
        open(empty, "w").close()
        proc = self.imp(empty, check=1)
        self.assertIn("synth: error: %s: the file is empty" % empty, proc.stderr)
        proc = self.imp("--lenient", empty, check=0)
        self.assertIn("the file is empty; nothing imported (--lenient)", proc.stderr)


if __name__ == "__main__":
    main()

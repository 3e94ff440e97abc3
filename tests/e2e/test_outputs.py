"""Outputs never touch the project's own files, replace other files only when the command
succeeded, and a write that fails is an error (issue 15): -o, --review and stdout."""
import hashlib
import os
import re
import sqlite3
import subprocess
import threading

from synth_e2e import SYNTH, SynthTestCase, fixture, main

ECONLIT = "exports/citesource/wildfire_stages/econlit_3.ris"


def digest(path):
    with open(path, "rb") as f:
        return hashlib.sha256(f.read()).hexdigest()


class OutputsTest(SynthTestCase):
    def setUp(self):
        super().setUp()
        self.require_fixtures()
        self.project = self.new_project()
        self.run_synth("import", fixture(ECONLIT), "--source", "EconLit", cwd=self.project, check=0)

    def synth(self, *args, check=None):
        return self.run_synth(*args, cwd=self.project, check=check)

    def test_export_onto_the_store_is_refused_and_the_store_is_intact(self):
        before = digest(os.path.join(self.project, "synth.db"))
        proc = self.synth("export", "-o", "synth.db", check=1)
        self.assertEqual(proc.stderr, "synth: error: synth.db is this project's store; choose another output file\n")
        self.assertEqual(digest(os.path.join(self.project, "synth.db")), before)
        self.assertEqual(self.json_of("status", cwd=self.project)["records"], 3)
        proc = self.synth("prisma", "-o", "synth.db", check=1)
        self.assertIn("synth.db is this project's store; choose another output file", proc.stderr)
        self.assertEqual(self.json_of("status", cwd=self.project)["records"], 3)

    def test_every_project_file_is_refused_by_name(self):
        os.makedirs(os.path.join(self.project, "decisions"), exist_ok=True)
        with open(os.path.join(self.project, "decisions", "title.csv"), "w") as f:
            f.write("record,decision,reviewer\n")
        cases = {
            "synth.db-wal": "is this project's store (its write-ahead log)",
            "synth.db-shm": "is this project's store (its shared-memory file)",
            "criteria.txt": "is this project's criteria file",
            os.path.join("synth.raw", "1.txt"): "is in this project's raw archive (synth.raw/)",
            os.path.join("decisions", "title.csv"): "is in this project's decisions folder (decisions/)",
            os.path.join("cache", "x.json"): "is in this project's response cache (cache/)",
            # the same file by another spelling: absolute, with a detour
            os.path.join(self.project, "queries", "..", "synth.db"): "is this project's store",
        }
        for target, what in cases.items():
            path = os.path.join(self.project, target)
            before = digest(path) if os.path.isfile(path) else None
            for command in (["export", "-o", target], ["prisma", "-o", target], ["dedup", "--review", target]):
                proc = self.synth(*command, check=1)
                self.assertEqual(proc.stderr, "synth: error: %s %s; choose another output file\n" % (target, what),
                                 command)
                self.assertEqual(digest(path) if os.path.isfile(path) else None, before, command)
        # --project from elsewhere: the same file by the project's path
        proc = self.run_synth("--project", self.project, "export", "-o", os.path.join(self.project, "synth.db"),
                              check=1)
        self.assertIn("is this project's store", proc.stderr)

    def test_an_existing_file_is_replaced_only_when_the_command_succeeds(self):
        out = os.path.join(self.tmp, "records.csv")
        with open(out, "w") as f:
            f.write("keep me\n")
        proc = self.synth("export", "--only", "included", "-o", out, check=1)  # no screening yet
        self.assertIn("no screening result in this project yet", proc.stderr)
        with open(out) as f:
            self.assertEqual(f.read(), "keep me\n")
        self.synth("export", "-o", out, check=0)
        with open(out, encoding="utf-8") as f:
            rows = f.read().splitlines()
        self.assertEqual(len(rows), 1 + 3)  # header and the three EconLit records
        self.assertEqual([n for n in os.listdir(self.tmp) if ".tmp" in n], [])

    def test_a_directory_as_output_is_an_error_and_leaves_nothing(self):
        proc = self.synth("export", "-o", self.tmp, check=1)
        self.assertEqual(proc.stderr, "synth: error: %s: cannot write: it is a directory; name a file\n" % self.tmp)
        self.assertEqual([n for n in os.listdir(self.tmp) if ".tmp" in n], [])

    def test_a_full_disk_is_an_error(self):
        if not os.path.exists("/dev/full"):
            self.skipTest("no /dev/full on this system")
        proc = self.synth("export", "-o", "/dev/full", check=1)
        self.assertEqual(proc.stderr, "synth: error: /dev/full: cannot write: No space left on device\n")
        self.assertTrue(os.path.exists("/dev/full") and not os.path.isfile("/dev/full"))  # still the device
        for command in (["export"], ["export", "--format", "ris"], ["prisma"], ["status"]):
            with open("/dev/full", "w") as full:
                proc = subprocess.run([SYNTH, *command], cwd=self.project, env=self.env, stdout=full,
                                      stderr=subprocess.PIPE, text=True, timeout=120)
            self.assertEqual(proc.returncode, 1, command)
            self.assertIn("synth: error: cannot write to standard output: No space left on device", proc.stderr,
                          command)

    def test_a_locked_store_is_named_with_a_hint(self):
        db = os.path.join(self.project, "synth.db")
        holder = sqlite3.connect(db, isolation_level=None)
        holder.execute("BEGIN EXCLUSIVE")
        try:
            proc = self.synth("import", fixture(ECONLIT), "--source", "Other", check=1)
        finally:
            holder.execute("ROLLBACK")
            holder.close()
        self.assertIn("synth: error: %s: database is locked" % db, proc.stderr)
        self.assertIn("hint: another synth command is running on this project", proc.stderr)
        self.assertEqual(self.json_of("status", cwd=self.project)["records"], 3)

    def test_quiet_silences_warnings_not_errors(self):
        # A real export whose first record lost its TY line: --lenient skips it with a
        # warning, which -q silences; the error without --lenient still shows.
        with open(fixture(ECONLIT), encoding="utf-8-sig") as f:
            text = f.read().replace("\r\n", "\n")
        cut = re.sub(r"^TY  - .*\n", "", text, count=1, flags=re.M)
        path = os.path.join(self.tmp, "cut.ris")
        with open(path, "w", encoding="utf-8") as f:
            f.write(cut)
        loud = self.run_synth("import", path, "--lenient", "--source", "Loud", cwd=self.project, check=0)
        self.assertIn("synth: warning: %s:1: skipped: record has no TY tag" % path, loud.stderr)
        quiet = self.run_synth("-q", "import", path, "--lenient", "--source", "Quiet", cwd=self.project, check=0)
        self.assertEqual(quiet.stderr, "")
        error = self.run_synth("-q", "import", path, "--source", "Strict", cwd=self.project, check=1)
        self.assertEqual(error.stderr, "synth: error: %s:1: record has no TY tag\n" % path)


if __name__ == "__main__":
    main()

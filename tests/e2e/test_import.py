"""synth init / import / export / status as a new user runs them (issue 2)."""
import csv
import io
import json
import os
import re
import shutil
import sqlite3

from synth_e2e import SynthTestCase, fixture, main


class ImportTest(SynthTestCase):
    def setUp(self):
        super().setUp()
        self.require_fixtures()
        self.project = self.new_project()

    def imp(self, *args, check=0):
        return self.run_synth("import", *args, cwd=self.project, check=check)

    def status(self):
        return self.json_of("status", cwd=self.project)

    def test_pubmed_files_report_their_counts(self):
        cases = [
            ("pubmed/p1m_ortho/pubmed_result_292.xml", "292 records (pubmed-xml): 292 from PubMed"),
            ("pubmed/p1m_ortho/pubmed_legacy_csv_4443.csv", "4,443 records (csv): 4,443 from PubMed"),
            ("pubmed/nlm_medsamp/medsamp2017.xml", "95 records (pubmed-xml): 95 from PubMed"),
        ]
        for rel, expected in cases:
            out = self.imp(fixture(rel)).stdout
            self.assertIn(expected, out)
        # The nbib file repeats the XML's PMIDs: read 200, none of them new.
        out = self.imp(fixture("pubmed/p1m_ortho/citations_200.nbib")).stdout
        self.assertIn("200 records (nbib): 200 from PubMed; 200 already in the store", out)

    def test_gzip_and_fresh_nbib(self):
        out = self.imp(fixture("pubmed/nlm_medsamp/pubmedsample18n0001.xml.gz")).stdout
        self.assertIn("177 records (pubmed-xml): 177 from PubMed", out)
        other = self.new_project("other")
        out = self.run_synth("import", fixture("pubmed/p1m_ortho/citations_200.nbib"), cwd=other, check=0).stdout
        self.assertIn("200 records (nbib): 200 from PubMed", out)

    def test_same_file_twice_is_not_doubled(self):
        f = fixture("exports/citesource/valid_data/psycinfo_64.ris")
        self.imp(f)
        out = self.imp(f).stdout
        self.assertIn("already imported", out)
        self.assertEqual(self.status()["records"], 64)

    def test_malformed_files_fail_and_leave_the_store_unchanged(self):
        self.imp(fixture("exports/citesource/valid_data/pubmed_46.ris"))
        before = self.status()
        truncated = os.path.join(self.tmp, "truncated.xml")
        with open(fixture("pubmed/p1m_ortho/pubmed_result_292.xml"), "rb") as f:
            data = f.read()
        with open(truncated, "wb") as f:
            f.write(data[: len(data) // 2])
        latin1 = os.path.join(self.tmp, "latin1.ris")
        with open(latin1, "wb") as f:
            f.write(b"TY  - JOUR\nTI  - Caf\xe9 society\nER  - \n")
        cases = [
            (fixture("exports/jabref/RisImporterCorrupted.ris"), ":2: record has no TY tag"),
            (fixture("exports/jabref/MedlineImporterTestMalformedEntry.xml"), ":4: malformed XML in PubmedArticle"),
            (truncated, "unexpected end of file inside PubmedArticle"),
            (latin1, "latin1.ris:2: not valid UTF-8 (byte 0xE9)"),
        ]
        for path, message in cases:
            # Imported together with a good file: the good one must not land either.
            proc = self.imp(fixture("exports/citesource/valid_data/psycinfo_64.ris"), path, check=1)
            self.assertIn("synth: error: ", proc.stderr)
            self.assertIn(message, proc.stderr)
            self.assertEqual(self.status(), before, path)
        proc = self.imp("--format", "ovid", fixture("exports/jabref/OvidImporterTest2Invalid.txt"), check=1)
        self.assertRegex(proc.stderr, r"OvidImporterTest2Invalid.txt:\d+: ")
        self.assertEqual(self.status(), before)

    def test_lenient_keeps_good_records_and_lists_bad_ones(self):
        bad = os.path.join(self.tmp, "mixed.ris")
        with open(bad, "w") as f:
            f.write("TY  - JOUR\nTI  - one\nER  - \nJF  - no type\nER  - \nTY  - JOUR\nTI  - two\nER  - \n")
        self.imp(bad, check=1)
        proc = self.imp("--lenient", bad)
        self.assertIn("mixed.ris:4: skipped: record has no TY tag", proc.stderr)
        self.assertEqual(self.status()["records"], 2)

    def test_export_csv_and_ris_round_trip(self):
        self.imp(fixture("pubmed/p1m_ortho/pubmed_result_292.xml"))
        out = self.run_synth("export", "--format", "csv", cwd=self.project, check=0).stdout
        rows = list(csv.DictReader(io.StringIO(out)))
        self.assertEqual(len(rows), 292)
        for column in ("record_id", "cluster_id", "source", "source_record_id", "doi", "pmid", "title", "year",
                       "journal", "authors", "language", "publication_types", "stage", "decision", "reason"):
            self.assertIn(column, rows[0])
        self.assertEqual(rows[0]["pmid"], "30514039")
        self.assertEqual(rows[0]["record_id"], rows[0]["cluster_id"])
        ris = os.path.join(self.tmp, "out.ris")
        self.run_synth("export", "--format", "ris", "-o", ris, cwd=self.project, check=0)
        other = self.new_project("other")
        self.run_synth("import", ris, cwd=other, check=0)
        a = [json.loads(l) for l in self.run_synth("export", "--format", "jsonl", cwd=self.project, check=0).stdout.splitlines()]
        b = [json.loads(l) for l in self.run_synth("export", "--format", "jsonl", cwd=other, check=0).stdout.splitlines()]
        self.assertEqual(len(a), len(b))
        for x, y in zip(a, b):
            for key in ("file", "line"):
                x.pop(key), y.pop(key)
            self.assertEqual(x, y)

    def test_each_broken_file_fails_at_its_line_and_lenient_lists_what_it_skipped(self):
        self.imp(fixture("exports/citesource/valid_data/pubmed_46.ris"))
        before = self.status()
        source = fixture("pubmed/p1m_ortho/pubmed_result_292.xml")
        with open(source, "rb") as f:
            data = f.read()
        cut = data[: len(data) // 2]
        truncated = os.path.join(self.tmp, "truncated.xml")
        with open(truncated, "wb") as f:
            f.write(cut)
        complete = cut.count(b"</PubmedArticle>")  # the records before the cut
        cut_line = cut.count(b"\n") + 1            # where the file ends
        latin1 = os.path.join(self.tmp, "latin1.ris")
        with open(latin1, "wb") as f:
            f.write(b"TY  - JOUR\nTI  - Caf\xe9 society\nER  - \n")
        # file, the error (after "FILE:"), lenient: records kept and the lines skipped
        cases = [
            (fixture("exports/jabref/RisImporterCorrupted.ris"), "2: record has no TY tag", (0, [2])),
            (fixture("exports/jabref/MedlineImporterTestMalformedEntry.xml"),
             "4: malformed XML in PubmedArticle: start-end tags mismatch", (0, [4])),
            (fixture("exports/jabref/MedlineImporterTestMinimalEntry.xml"), "2: PubmedArticle has no PMID", (0, [2])),
            (fixture("exports/jabref/MedlinePlainImporterStringOutOfBounds.txt"),
             '3: line is not a MEDLINE tag line ("TAG - value"): "SO  invalid line"', (1, [3])),
            (truncated, "%d: unexpected end of file inside PubmedArticle" % cut_line, (complete, [cut_line])),
            # Not skippable: the file's encoding, or its format, is wrong as a whole.
            (latin1, "2: not valid UTF-8 (byte 0xE9)", None),
            (fixture("exports/jabref/OvidImporterTest2Invalid.txt"), "1: cannot tell the format of this file", None),
        ]
        for path, message, lenient in cases:
            with self.subTest(path=os.path.basename(path)):
                proc = self.imp(path, check=1)
                self.assertIn("synth: error: %s:%s" % (path, message), proc.stderr)
                self.assertEqual(self.status(), before)
                if lenient is None:
                    proc = self.imp("--lenient", path, check=1)
                    self.assertIn("synth: error: %s:%s" % (path, message), proc.stderr)
                    self.assertEqual(self.status(), before)
                    continue
                records, lines = lenient
                project = self.new_project("lenient-%s" % os.path.basename(path))
                proc = self.run_synth("--json", "import", "--lenient", path, cwd=project, check=0)
                report = json.loads(proc.stdout)["imports"][0]
                self.assertEqual(report["records"], records)
                self.assertEqual([s["line"] for s in report["skipped"]], lines)
                for line in lines:
                    self.assertIn("%s:%d: skipped: " % (path, line), proc.stderr)
                self.assertEqual(self.json_of("status", cwd=project)["records"], records)

    def test_every_record_of_a_file_is_kept_even_when_it_repeats_an_id(self):
        # An EndNote export listing some records twice: 821 TY lines, 97 of them repeat
        # an accession number seen before in the file. PRISMA counts what the database
        # gave; dedup, not the import, removes the copies.
        f = fixture("exports/asysd/endnote_ris_export_821.txt")
        out = self.imp(f).stdout
        self.assertIn("821 records (ris)", out)
        self.assertIn("97 repeat an id seen earlier in the file (kept for dedup)", out)
        self.assertEqual(self.status()["records"], 821)
        self.assertIn("already imported", self.imp(f).stdout)
        self.assertEqual(self.status()["records"], 821)

    def test_the_format_comes_from_the_content_and_can_be_forced(self):
        renamed = {
            "refs.txt": "exports/synthesisr/scopus.ris",          # RIS without .ris
            "export.xml": "pubmed/p1m_ortho/citations_92.nbib",   # MEDLINE text named .xml
            "pubmed.ris": "pubmed/nlm_medsamp/medsamp2017.xml",   # XML named .ris
            "savedrecs": "exports/revtools/restoration_WoS.ciw",  # no extension at all
        }
        expected = {"refs.txt": "92 records (ris)", "export.xml": "92 records (nbib)",
                    "pubmed.ris": "95 records (pubmed-xml)", "savedrecs": "247 records (wos)"}
        for name, rel in renamed.items():
            path = os.path.join(self.tmp, name)
            shutil.copy(fixture(rel), path)
            self.assertIn(expected[name], self.imp(path).stdout)
        # Forced, the format is not second-guessed: MEDLINE read as RIS fails at a line.
        nbib = fixture("pubmed/p1m_ortho/citations_200.nbib")
        proc = self.imp("--format", "ris", nbib, check=1)
        self.assertRegex(proc.stderr, r"synth: error: %s:\d+: " % re.escape(nbib))
        self.assertIn("200 records (nbib)", self.imp("--format", "nbib", nbib).stdout)

    def test_first_pubmed_record_is_the_same_from_xml_and_nbib(self):
        other = self.new_project("nbib")
        self.imp(fixture("pubmed/p1m_ortho/pubmed_result_292.xml"))
        self.run_synth("import", fixture("pubmed/p1m_ortho/citations_200.nbib"), cwd=other, check=0)
        xml = json.loads(self.run_synth("export", "--format", "jsonl", cwd=self.project, check=0).stdout.splitlines()[0])
        nbib = json.loads(self.run_synth("export", "--format", "jsonl", cwd=other, check=0).stdout.splitlines()[0])
        for key in ("title", "authors", "journal", "year", "date", "doi", "pmid", "language", "source",
                    "source_record_id", "volume", "issue", "pages", "issn"):
            self.assertEqual(xml[key], nbib[key], key)
        self.assertEqual(xml["pmid"], "30514039")
        self.assertEqual(xml["language"], "chi")
        self.assertEqual(xml["authors"][0], {"family": "Lai", "given": "Zhen"})

    def test_json_quiet_verbose_project_and_exit_codes(self):
        init = self.json_of("init", "second")
        self.assertTrue(init["store"].endswith(os.path.join("second", "synth.db")))
        second = os.path.join(self.tmp, "second")
        # --project from anywhere; --json gives one document.
        f = fixture("exports/revtools/restoration_pubmed.nbib")
        report = json.loads(self.run_synth("--project", second, "--json", "import", f, check=0).stdout)
        self.assertEqual(report["imports"][0]["records"], 104)
        self.assertEqual(report["imports"][0]["format"], "nbib")
        self.assertEqual(report["imports"][0]["sources"], {"PubMed": 104})
        self.assertEqual(self.json_of("--project", second, "status")["records"], 104)
        lines = self.run_synth("--project", second, "export", "--format", "jsonl", check=0).stdout.splitlines()
        self.assertEqual(len(lines), 104)
        self.assertEqual(json.loads(lines[0])["source"], "PubMed")
        # -q: nothing on stderr; -v: a line per file.
        g = fixture("exports/revtools/restoration_scopus.ris")
        self.assertEqual(self.run_synth("--project", second, "-q", "import", g, check=0).stderr, "")
        proc = self.run_synth("--project", second, "-v", "import", fixture("exports/synthesisr/scielo.ris"), check=0)
        self.assertIn("synth: info: ", proc.stderr)
        # Exit codes: 1 for bad data, 2 for usage (unknown flag or command, no file, no project).
        proc = self.run_synth("--project", second, "import", os.path.join(self.tmp, "nothing.ris"), check=1)
        self.assertIn("nothing.ris: no such file", proc.stderr)
        self.run_synth("--project", second, "import", "--no-such-flag", g, check=2)
        self.run_synth("--project", second, "import", check=2)
        self.run_synth("--project", second, "export", "--format", "xml", check=2)
        proc = self.run_synth("--project", second, "imprt", g, check=2)
        self.assertIn("unknown command 'imprt'", proc.stderr)
        self.run_synth("--project", os.path.join(self.tmp, "nowhere"), "status", check=2)
        proc = self.run_synth("init", "second", check=1)
        self.assertIn("already a synth project", proc.stderr)

    def test_the_store_is_wal_versioned_and_keeps_where_each_record_came_from(self):
        f = fixture("pubmed/p1m_ortho/pubmed_result_292.xml")
        self.imp(f)
        db = sqlite3.connect(os.path.join(self.project, "synth.db"))
        self.assertEqual(db.execute("PRAGMA journal_mode").fetchone()[0], "wal")
        self.assertEqual(db.execute("SELECT version FROM schema_versions WHERE module = 'core'").fetchone()[0], 2)
        search_id, kind, file, file_hash, fmt, retrieved = db.execute(
            "SELECT id, kind, file, file_hash, format, records_retrieved FROM searches").fetchone()
        self.assertEqual((kind, file, fmt, retrieved), ("import", f, "pubmed-xml", 292))
        self.assertRegex(file_hash, r"^[0-9a-f]{16}$")
        rows = db.execute("SELECT search_id, file, line, record_index, raw_offset, raw_size FROM records ORDER BY id").fetchall()
        self.assertEqual(len(rows), 292)
        self.assertEqual(rows[1][:4], (search_id, f, 140, 2))
        # The record as received: its text in the raw archive beside the store.
        with open(os.path.join(self.project, "synth.raw", "%d.txt" % search_id), "rb") as a:
            a.seek(rows[1][4])
            raw = a.read(rows[1][5]).decode()
        self.assertTrue(raw.startswith("<PubmedArticle>") and raw.endswith("</PubmedArticle>"))
        with open(f, encoding="utf-8") as x:
            self.assertEqual(x.read().splitlines()[139].strip(), "<PubmedArticle>")
        db.close()

    def test_usage_errors_exit_2(self):
        self.assertEqual(self.run_synth("import", cwd=self.project).returncode, 2)
        self.assertEqual(self.run_synth("import", "--format", "docx", "x", cwd=self.project).returncode, 2)
        proc = self.run_synth("status", cwd=self.tmp)
        self.assertEqual(proc.returncode, 2)
        self.assertIn("not a synth project", proc.stderr)
        self.assertIn("synth init", proc.stderr)


if __name__ == "__main__":
    main()

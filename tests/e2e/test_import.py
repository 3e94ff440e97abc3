"""synth init / import / export / status as a new user runs them (issue 2)."""
import csv
import io
import json
import os
import shutil

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

    def test_usage_errors_exit_2(self):
        self.assertEqual(self.run_synth("import", cwd=self.project).returncode, 2)
        self.assertEqual(self.run_synth("import", "--format", "docx", "x", cwd=self.project).returncode, 2)
        proc = self.run_synth("status", cwd=self.tmp)
        self.assertEqual(proc.returncode, 2)
        self.assertIn("not a synth project", proc.stderr)
        self.assertIn("synth init", proc.stderr)


if __name__ == "__main__":
    main()

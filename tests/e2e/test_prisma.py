"""End-to-end tests of `synth prisma` (DESIGN.md section 8): the 2015 review's reported flow
read from its PRISMA2020 CSV, the arithmetic checks, --expect, --format csv round trip, and
the flow computed from a real store."""
import json
import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import unittest

SYNTH = os.environ.get("SYNTH")
SOURCE = os.environ.get("SYNTH_SOURCE_DIR", os.path.join(os.path.dirname(__file__), "..", ".."))
FLOW = os.path.join(SOURCE, "examples", "ljungberg-2015", "flow.csv")


def run(*args, cwd=None):
    return subprocess.run([SYNTH, *args], capture_output=True, text=True, cwd=cwd)


class PrismaCounts(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.mkdtemp(prefix="synth-prisma-")

    def tearDown(self):
        shutil.rmtree(self.tmp, ignore_errors=True)

    def write(self, name, text):
        path = os.path.join(self.tmp, name)
        with open(path, "w", encoding="utf-8") as f:
            f.write(text)
        return path

    def test_ljungberg_json(self):
        r = run("prisma", "--counts", FLOW, "--format", "json")
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertEqual(r.stderr, "")
        flow = json.loads(r.stdout)
        self.assertEqual(flow["database_results"], 5587)
        self.assertEqual(flow["records_screened"], 5587)
        self.assertEqual(flow["records_excluded"], 5531)
        self.assertEqual(flow["title_excluded"], 5445)
        self.assertEqual(flow["abstract_excluded"], 86)
        self.assertEqual(flow["abstract_screened"], 142)
        self.assertEqual(flow["dbr_sought_reports"], 56)
        self.assertEqual(flow["dbr_assessed"], 56)
        self.assertEqual(sum(e["n"] for e in flow["dbr_excluded"]), 35)
        self.assertEqual(flow["dbr_excluded_total"], 35)
        self.assertEqual(flow["new_studies"], 21)
        self.assertEqual(flow["citations_results"], 0)
        # The seven databases are named; the paper gives only their total.
        self.assertEqual([d["label"] for d in flow["database_specific_results"]],
                         ["Medline", "CINAHL", "PsycINFO", "PsycARTICLES", "SSCI",
                          "Sociological Abstracts", "Social Services Abstracts"])
        self.assertTrue(all(d["n"] is None for d in flow["database_specific_results"]))

    def test_global_json_flag(self):
        r = run("--json", "prisma", "--counts", FLOW)
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertEqual(json.loads(r.stdout)["records_excluded"], 5531)

    def test_ljungberg_text(self):
        r = run("prisma", "--counts", FLOW)
        self.assertEqual(r.returncode, 0, r.stderr)
        lines = r.stdout.splitlines()
        numbered = [l for l in lines if l and l[-1].isdigit()]
        self.assertGreater(len(numbered), 10)
        self.assertEqual(len({len(l) for l in numbered}), 1, "numbers are right-aligned")
        for label, n in [("Records identified from databases", "5,587"), ("on title", "5,445"),
                         ("on abstract", "86"), ("Reports assessed for eligibility", "56"),
                         ("New studies included in review", "21")]:
            self.assertTrue(any(label in l and l.endswith(" " + n) for l in lines), (label, n, r.stdout))
        self.assertIn("    Sociological Abstracts", lines)

    def test_inconsistent_counts_are_refused_naming_the_boxes(self):
        with open(FLOW, encoding="utf-8") as f:
            text = f.read()
        bad = self.write("bad.csv", text.replace(",records_screened.html,5587", ",records_screened.html,5577"))
        r = run("prisma", "--counts", bad)
        self.assertEqual(r.returncode, 1)
        self.assertEqual(r.stdout, "")
        self.assertIn(f"synth: error: {bad}: records_screened (5,577) != database_results (5,587) = 5,587", r.stderr)
        self.assertIn(f"{bad}: dbr_sought_reports (56) != records_screened (5,577) - records_excluded (5,531) = 46",
                      r.stderr)

    def test_csv_round_trip(self):
        out = os.path.join(self.tmp, "out.csv")
        r = run("prisma", "--counts", FLOW, "--format", "csv", "-o", out)
        self.assertEqual(r.returncode, 0, r.stderr)
        with open(out, encoding="utf-8") as f:
            header = f.readline().strip()
        self.assertEqual(header, "data,node,box,description,boxtext,tooltips,url,n")
        a = json.loads(run("prisma", "--counts", FLOW, "--format", "json").stdout)
        b = json.loads(run("prisma", "--counts", out, "--format", "json").stdout)
        self.assertEqual(a, b)

    def test_expect_pass(self):
        r = run("prisma", "--counts", FLOW, "--expect", FLOW, "--format", "json")
        self.assertEqual(r.returncode, 0, r.stderr)
        expected = self.write("expected.json", json.dumps(
            {"database_results": 5587, "records_screened": 5587, "records_excluded": 5531, "new_studies": 21,
             "dbr_excluded": [{"label": "Not the population of interest or insufficient focus on the subject",
                               "n": 35}]}))
        # The whole flow as printed, and an expectation naming only some boxes, both pass.
        full_path = self.write("full.json", r.stdout)
        r = run("prisma", "--counts", FLOW, "--expect", full_path)
        self.assertEqual(r.returncode, 0, r.stderr)
        r = run("prisma", "--counts", FLOW, "--expect", expected)
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertIn("flow matches", r.stderr)

    def test_expect_fail_lists_differing_boxes(self):
        full = json.loads(run("prisma", "--counts", FLOW, "--format", "json").stdout)
        full["records_excluded"] = 5530
        full["dbr_excluded"] = [{"label": "Not the population of interest", "n": 35}]
        path = self.write("expected.json", json.dumps(full))
        r = run("prisma", "--counts", FLOW, "--expect", path)
        self.assertEqual(r.returncode, 1)
        self.assertIn(f"synth: error: {path}: the flow differs in 2 boxes:", r.stderr)
        self.assertIn("records_excluded: expected 5,530, got 5,531", r.stderr)
        self.assertIn("dbr_excluded: expected Not the population of interest, 35, got "
                      "Not the population of interest or insufficient focus on the subject, 35", r.stderr)
        self.assertNotIn("records_screened", r.stderr)

    def test_usage_errors(self):
        self.assertEqual(run("prisma", "--format", "pdf", "--counts", FLOW).returncode, 2)
        self.assertEqual(run("prisma", "--counts", os.path.join(self.tmp, "missing.csv")).returncode, 2)

    def test_flow_from_store(self):
        project = os.path.join(self.tmp, "review")
        r = run("init", project)
        self.assertEqual(r.returncode, 0, r.stderr)
        db = sqlite3.connect(os.path.join(project, "synth.db"))
        ids = {}
        for search_id, source, n in [(1, "PubMed", 6), (2, "PsycINFO", 4)]:
            db.execute("INSERT INTO searches (id, kind, database, run_at, tool_version) VALUES (?, 'import', ?, "
                       "'2026-01-01T00:00:00Z', 'test')", (search_id, source))
            for i in range(n):
                cur = db.execute("INSERT INTO records (search_id, source, source_id, title) VALUES (?, ?, ?, ?)",
                                 (search_id, source, f"{source}-{i}", f"title {i}"))
                ids[(source, i)] = cur.lastrowid
        # PsycINFO 0 and 1 duplicate PubMed 0 and 1.
        for i in range(2):
            db.execute("INSERT INTO clusters VALUES (?, ?, 1, '')", (ids[("PubMed", i)], ids[("PubMed", i)]))
            db.execute("INSERT INTO clusters VALUES (?, ?, 0, 'doi')", (ids[("PsycINFO", i)], ids[("PubMed", i)]))
        decisions = [(("PubMed", 0), "automatic", "exclude", "Not in English"),
                     (("PubMed", 1), "title-abstract", "exclude", "Off topic"),
                     (("PubMed", 2), "title-abstract", "exclude", "Off topic"),
                     (("PubMed", 3), "full-text", "exclude", "Not qualitative"),
                     (("PubMed", 4), "full-text", "include", ""),
                     (("PubMed", 5), "full-text", "include", ""),
                     (("PsycINFO", 2), "full-text", "exclude", "Report not retrieved"),
                     (("PsycINFO", 3), "full-text", "include", "")]
        for key, stage, decision, reason in decisions:
            db.execute("INSERT INTO screening (record_id, stage, decision, reason) VALUES (?, ?, ?, ?)",
                       (ids[key], stage, decision, reason))
        db.commit()
        db.close()
        r = run("--project", project, "prisma", "--format", "json")
        self.assertEqual(r.returncode, 0, r.stderr)
        flow = json.loads(r.stdout)
        self.assertEqual(flow["database_results"], 10)
        self.assertEqual(flow["database_specific_results"],
                         [{"label": "PubMed", "n": 6}, {"label": "PsycINFO", "n": 4}])
        self.assertEqual(flow["duplicates"], 2)
        self.assertEqual(flow["excluded_automatic"], 1)
        self.assertEqual(flow["records_screened"], 7)
        self.assertEqual(flow["records_excluded"], 2)
        self.assertNotIn("title_excluded", flow)
        self.assertEqual(flow["dbr_sought_reports"], 5)
        self.assertEqual(flow["dbr_notretrieved_reports"], 1)
        self.assertEqual(flow["dbr_assessed"], 4)
        self.assertEqual(flow["dbr_excluded"], [{"label": "Not qualitative", "n": 1}])
        self.assertEqual(flow["new_studies"], 3)
        # The same flow as an expectation passes; the store is the one of the project.
        expected = self.write("expected.json", r.stdout)
        r = run("--project", project, "prisma", "--expect", expected, "--format", "svg", "-o",
                os.path.join(self.tmp, "flow.svg"))
        self.assertEqual(r.returncode, 0, r.stderr)
        with open(os.path.join(self.tmp, "flow.svg"), encoding="utf-8") as f:
            self.assertIn("Records screened (n\u00a0=\u00a07)", f.read())

    def test_no_project(self):
        r = run("prisma", cwd=self.tmp)
        self.assertEqual(r.returncode, 2)
        self.assertIn("synth init", r.stderr)


if __name__ == "__main__":
    if not SYNTH or not os.path.exists(SYNTH):
        print("SYNTH is not set to the built binary; skipping")
        sys.exit(77)
    unittest.main()

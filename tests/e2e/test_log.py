"""synth log: the search log (PRISMA-S) as text and JSON after a search."""
import json
import os
import re
import shutil
import sys
import tempfile
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from replay_server import CROSSREF_CURSOR_CHAIN, PUBMED_POOL, ReplayServer, fixtures_dir, run_synth, synth_binary  # noqa: E402

FIX = fixtures_dir()
SRC = os.environ.get("SYNTH_SOURCE_DIR", os.path.join(os.path.dirname(__file__), "..", ".."))
QUERY = "database: pubmed\nname: knees\n---\n#1 knee*[tiab]\n#2 #1 AND arthroplasty[tiab]\n"


class Log(unittest.TestCase):
    def setUp(self):
        if not synth_binary() or not os.path.isdir(FIX):
            self.skipTest("SYNTH binary or fixtures absent")
        self.tmp = tempfile.mkdtemp(prefix="synth-e2e-log-")
        self.project = os.path.join(self.tmp, "review")
        self.assertEqual(run_synth(["init", self.project], cwd=self.tmp).returncode, 0)
        with open(os.path.join(self.project, "knees.query"), "w", encoding="utf-8") as fh:
            fh.write(QUERY)

    def tearDown(self):
        shutil.rmtree(self.tmp, ignore_errors=True)

    def test_empty_log(self):
        r = run_synth(["log"], cwd=self.project)
        self.assertEqual((r.returncode, r.stdout), (0, "no searches or imports yet\n"))
        r = run_synth(["--json", "log"], cwd=self.project)
        self.assertEqual(json.loads(r.stdout), {"searches": [], "stops": []})

    def test_log_after_a_search(self):
        with ReplayServer(self.tmp, ["--pubmed-pool", os.path.join(FIX, PUBMED_POOL[0])]) as s:
            r = run_synth(["search", "knees.query", "--batch-size", "100"], cwd=self.project,
                          env={"SYNTH_PUBMED_URL": s.url, "NCBI_API_KEY": "secret123"})
        self.assertEqual(r.returncode, 0, r.stderr)
        # The pool holds 292 articles; the server answers every term with all of them.
        self.assertEqual(r.stdout, "knees.query: PubMed: 292 hits, 292 records retrieved, 292 new\n")
        doc = json.loads(run_synth(["--json", "log"], cwd=self.project).stdout)["searches"]
        self.assertEqual(len(doc), 1)
        e = doc[0]
        self.assertEqual((e["kind"], e["database"], e["query_file"]), ("search", "PubMed", "knees.query"))
        self.assertEqual(e["query_text"], QUERY)
        self.assertEqual(e["query_sent"], "(knee*[tiab]) AND arthroplasty[tiab]")
        self.assertEqual((e["hits_reported"], e["records_retrieved"], e["records_new"]), (292, 292, 292))
        self.assertIsNone(e["records_matched"])
        self.assertRegex(e["run_at"], r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$")
        version = run_synth(["--version"], cwd=self.project).stdout.split()[-1]
        self.assertEqual(e["tool_version"], version)
        text = run_synth(["log"], cwd=self.project).stdout
        self.assertRegex(text, r"^#1 \d{4}-\d\d-\d\dT\S+ search PubMed\n")
        self.assertIn("  query sent:   (knee*[tiab]) AND arthroplasty[tiab]\n", text)
        self.assertIn("  hits:         292\n", text)
        self.assertNotIn("secret123", text + json.dumps(doc))

    def test_an_import_with_query_logs_the_hand_run_strategy(self):
        # PRISMA-S for a database without API: the strategy as run by hand, with the
        # records of its export.
        qdir = os.path.join(self.project, "queries")
        os.makedirs(qdir, exist_ok=True)
        for name in ("psycinfo.query", "medline.query"):
            shutil.copy(os.path.join(SRC, "queries", name), qdir)
        exports = os.path.join(FIX, "exports", "citesource", "valid_data")
        r = run_synth(["import", os.path.join(exports, "psycinfo_64.ris"), "--query", "queries/psycinfo.query",
                       "--hits", "64"], cwd=self.project)
        self.assertEqual(r.returncode, 0, r.stderr)
        # A PubMed strategy run in PubMed's web interface and exported: the same source name
        # as `synth search` gives it, so PRISMA counts one PubMed.
        r = run_synth(["import", os.path.join(exports, "pubmed_46.ris"), "--query", "queries/medline.query"],
                      cwd=self.project)
        self.assertEqual(r.returncode, 0, r.stderr)
        log = json.loads(run_synth(["--json", "log"], cwd=self.project).stdout)["searches"]
        self.assertEqual(len(log), 2)
        psy, med = log
        with open(os.path.join(qdir, "psycinfo.query"), encoding="utf-8") as fh:
            text = fh.read()
        self.assertEqual((psy["kind"], psy["database"], psy["query_file"]), ("import", "PsycINFO", "queries/psycinfo.query"))
        self.assertEqual(psy["query_text"], text)
        # run by hand: the strategy exactly as written, never rewritten into PubMed's syntax
        self.assertEqual(psy["query_sent"], text[text.index("---\n") + 4:].rstrip("\n"))
        # (in EBSCOhost's syntax, as it is run there)
        self.assertTrue(psy["query_sent"].startswith('S1 TI ( "mental illness" ) OR AB ( "mental illness" ) OR'))
        self.assertTrue(psy["query_sent"].endswith("\nS4 S1 AND S2 AND S3"))
        self.assertEqual(psy["records_retrieved"], 64)
        self.assertRegex(psy["run_at"], r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$")
        self.assertTrue(psy["tool_version"])
        self.assertEqual(psy["hits_reported"], 64)  # --hits: what the database showed
        self.assertEqual(med["database"], "PubMed")
        self.assertEqual(med["records_retrieved"], 46)
        self.assertIsNone(med["hits_reported"])  # not given: never invented
        text_log = run_synth(["log", "--full"], cwd=self.project).stdout
        self.assertIn(" import PsycINFO\n", text_log)
        self.assertIn("  query file:   queries/psycinfo.query\n", text_log)
        self.assertIn("  query text:\n    # queries/psycinfo.query", text_log)
        self.assertIn("\n    S4 S1 AND S2 AND S3\n", text_log)
        self.assertIn("  hits:         64\n", text_log)
        self.assertIn("  strategy:\n    S1 TI ( \"mental illness\" ) OR AB ( \"mental illness\" ) OR TI ( psychiatry ) OR "
                      "AB ( psychiatry ) OR TI ( \"mental health services\" ) OR AB ( \"mental health services\" )\n"
                      "    S2 TI ( \"helping relation*\" )", text_log)
        # --hits without --query: a usage error, nothing imported.
        r = run_synth(["import", os.path.join(exports, "pubmed_46.ris"), "--hits", "46"], cwd=self.project)
        self.assertEqual(r.returncode, 2)
        self.assertIn("synth: error: --hits needs --query", r.stderr)

    def test_crossref_log_shows_both_counts(self):
        with open(os.path.join(self.project, "widgets.query"), "w", encoding="utf-8") as fh:
            fh.write("database: crossref\n---\nwidget* NOT gadget[ti]\n")
        chain = [os.path.join(FIX, p) for p in CROSSREF_CURSOR_CHAIN]
        with ReplayServer(self.tmp, ["--crossref-chain"] + chain + ["--crossref-chain-exact"]) as s:
            r = run_synth(["search", "widgets.query", "--rows", "20"], cwd=self.project,
                          env={"SYNTH_CROSSREF_URL": s.url})
        self.assertEqual(r.returncode, 0, r.stderr)
        e = json.loads(run_synth(["--json", "log"], cwd=self.project).stdout)["searches"][0]
        self.assertEqual((e["database"], e["hits_reported"], e["records_retrieved"]), ("Crossref", 60, 60))
        self.assertEqual(e["query_sent"], "query.bibliographic=widget&filter=type:journal-article")
        self.assertEqual(e["records_matched"], e["records_new"])
        self.assertLessEqual(e["records_matched"], 60)
        text = run_synth(["log"], cwd=self.project).stdout
        self.assertIn("  hits:         60\n  retrieved:    60\n  matched:      %d\n" % e["records_matched"], text)


if __name__ == "__main__":
    unittest.main()

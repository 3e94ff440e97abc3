"""synth log: the search log (PRISMA-S) as text and JSON after a search."""
import json
import os
import re
import shutil
import sys
import tempfile
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from replay_server import PUBMED_POOL, ReplayServer, fixtures_dir, run_synth, synth_binary  # noqa: E402

FIX = fixtures_dir()
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
        self.assertEqual(json.loads(r.stdout), {"searches": []})

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


if __name__ == "__main__":
    unittest.main()

"""synth search against a replay of the Crossref REST API: cursor deep paging over real
recorded /works items, local evaluation of the strategy, both counts logged."""
import json
import os
import re
import shutil
import sqlite3
import sys
import tempfile
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from replay_server import CROSSREF_PAGES, ReplayServer, fixtures_dir, run_synth, synth_binary  # noqa: E402

FIX = fixtures_dir()
QUERY = """# widgets, for the replay server's recorded Crossref pages
database: crossref
name: widgets
---
widget*
"""


def pool():
    """The distinct works of the recorded pages, and the DOIs whose title or abstract has a
    word starting with 'widget' (checked here with a plain regex)."""
    items, seen = [], set()
    for rel in CROSSREF_PAGES:
        with open(os.path.join(FIX, rel), encoding="utf-8") as fh:
            for it in json.load(fh)["message"]["items"]:
                if it["DOI"].lower() not in seen:
                    seen.add(it["DOI"].lower())
                    items.append(it)
    match = set()
    for it in items:
        text = " ".join(it.get("title", [])) + " " + re.sub(r"<[^>]+>", " ", it.get("abstract", ""))
        if re.search(r"\bwidget", text, re.I):
            match.add(it["DOI"].lower())
    return items, match


class CrossrefSearch(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        if not synth_binary() or not os.path.isdir(FIX):
            raise unittest.SkipTest("SYNTH binary or fixtures absent")
        cls.items, cls.match = pool()

    def setUp(self):
        self.tmp = tempfile.mkdtemp(prefix="synth-e2e-crossref-")
        self.project = os.path.join(self.tmp, "review")
        self.assertEqual(run_synth(["init", self.project], cwd=self.tmp).returncode, 0)
        with open(os.path.join(self.project, "widgets.query"), "w", encoding="utf-8") as fh:
            fh.write(QUERY)

    def tearDown(self):
        shutil.rmtree(self.tmp, ignore_errors=True)

    def server(self, *extra):
        return ReplayServer(self.tmp, ["--crossref-pages"] + [os.path.join(FIX, p) for p in CROSSREF_PAGES] + list(extra))

    def search(self, url, *args):
        env = {"SYNTH_CROSSREF_URL": url, "SYNTH_EMAIL": "librarian@example.org", "SYNTH_RETRY_BASE_MS": "50",
               "SYNTH_HTTP_TIMEOUT": "5"}
        return run_synth(["search", "widgets.query", "--rows", "7"] + list(args), cwd=self.project, env=env)

    def dois(self):
        con = sqlite3.connect(os.path.join(self.project, "synth.db"))
        try:
            rows = con.execute("SELECT source, source_id, doi FROM records").fetchall()
        finally:
            con.close()
        self.assertTrue(all(src == "Crossref" and sid == doi for src, sid, doi in rows))
        return [doi for _, _, doi in rows]

    def test_cursor_paging_and_local_matching(self):
        self.assertGreater(len(self.match), 0)
        self.assertLess(len(self.match), len(self.items))
        with self.server() as s:
            r = self.search(s.url)
            stats = s.stats()
            self.assertEqual(s.unmatched(), [])
        self.assertEqual(r.returncode, 0, r.stderr)
        dois = self.dois()
        self.assertEqual(len(dois), len(set(dois)))
        self.assertEqual(set(dois), self.match)
        pages = [x for x in stats["log"] if x["path"] == "/works"]
        self.assertEqual(len(pages), -(-len(self.items) // 7) + (1 if len(self.items) % 7 == 0 else 0))
        cursors = [dict(x["params"])["cursor"] for x in pages]
        self.assertEqual(cursors[0], "*")
        self.assertEqual(len(set(cursors)), len(cursors))
        self.assertEqual(dict(pages[0]["params"])["mailto"], "librarian@example.org")
        self.assertEqual(dict(pages[0]["params"])["query.bibliographic"], "widget")
        log = json.loads(run_synth(["log", "--json"], cwd=self.project).stdout)["searches"]
        self.assertEqual(len(log), 1)
        self.assertEqual(log[0]["database"], "Crossref")
        self.assertEqual(log[0]["hits_reported"], len(self.items))
        self.assertEqual(log[0]["records_retrieved"], len(self.items))
        self.assertEqual(log[0]["records_matched"], len(self.match))
        self.assertEqual(log[0]["records_new"], len(self.match))
        self.assertIn("query.bibliographic=widget", log[0]["query_sent"])
        for root, _, files in os.walk(self.project):
            for f in files:
                with open(os.path.join(root, f), "rb") as fh:
                    self.assertNotIn(b"librarian@example.org", fh.read(), f)

    def test_faults_and_offline_replay(self):
        with self.server("--fault", "works:malformed:1", "--fault", "works:429:1:1", "--fault", "works:500:1") as s:
            r = self.search(s.url)
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertEqual(set(self.dois()), self.match)
        r = self.search("http://127.0.0.1:9/", "--offline")
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertEqual(len(self.dois()), len(self.match))
        log = json.loads(run_synth(["log", "--json"], cwd=self.project).stdout)["searches"]
        self.assertEqual([x["records_new"] for x in log], [len(self.match), 0])
        self.assertEqual([x["records_matched"] for x in log], [len(self.match)] * 2)


if __name__ == "__main__":
    unittest.main()

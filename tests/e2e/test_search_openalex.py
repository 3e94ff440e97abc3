"""synth search against a replay of the OpenAlex API built on real recorded answers
(openalexpro_vcr cassettes): the strategy sent as title_and_abstract.search, cursor paging,
the strategy evaluated locally (kept = exactly the works it matches, each once), long OR
lists split and unioned, 401 / 429 / 5xx, SIGKILL then re-run, offline replay, and the API
key kept out of everything written."""
import json
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from replay_server import (OPENALEX_POOL, ReplayServer, fixtures_dir, fold, oa_abstract, openalex_pool_works,  # noqa: E402
                           run_synth, synth_binary)
from synth_e2e import main  # noqa: E402

FIX = fixtures_dir()
KEY = "oa-secret-key-4242"
QUERY = """# the recorded OpenAlex search (biodiversity AND finance, up to 2010)
database: openalex
name: biodiversity finance
date-to: 2010-01-01
---
biodiversity AND finance
"""
SPLIT = """database: openalex
date-to: 2010-01-01
---
#1 biodiversity OR ecosystem OR "natural capital" OR conservation OR species
#2 finance OR financial OR investment OR banking OR payment OR market
#3 #1 AND #2
"""


def pool():
    return openalex_pool_works()


def has(work, word):
    """The word (or phrase) on word boundaries in the title or in the abstract, folded."""
    w = " " + " ".join(fold(word).split()) + " "
    return w in fold(work.get("title") or "") or w in fold(oa_abstract(work))


def early(work):
    return (work.get("publication_date") or "9999") <= "2010-01-01"


class OpenAlexSearch(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        if not synth_binary() or not os.path.isdir(os.path.join(FIX, "openalex")):
            raise unittest.SkipTest("SYNTH binary or fixtures absent")
        cls.works = pool()
        cls.want = {i for i, w in cls.works.items() if early(w) and has(w, "biodiversity") and has(w, "finance")}

    def setUp(self):
        self.tmp = tempfile.mkdtemp(prefix="synth-e2e-openalex-")
        self.n = 0

    def tearDown(self):
        shutil.rmtree(self.tmp, ignore_errors=True)

    def project(self, query=QUERY):
        self.n += 1
        p = os.path.join(self.tmp, "review%d" % self.n)
        self.assertEqual(run_synth(["init", p], cwd=self.tmp).returncode, 0)
        with open(os.path.join(p, "oa.query"), "w", encoding="utf-8") as fh:
            fh.write(query)
        return p

    def server(self, *extra):
        return ReplayServer(self.tmp, ["--openalex-pool"] + [os.path.join(FIX, p) for p in OPENALEX_POOL] + list(extra))

    def env(self, url, **more):
        e = {"SYNTH_OPENALEX_URL": url, "SYNTH_EMAIL": "librarian@example.org", "OPENALEX_API_KEY": KEY,
             "SYNTH_RETRY_BASE_MS": "50", "SYNTH_HTTP_TIMEOUT": "5", "SYNTH_RETRIES": "3"}
        e.update(more)
        return e

    def search(self, p, url, *args, **more):
        return run_synth(["search", "oa.query"] + list(args), cwd=p, env=self.env(url, **more))

    def stored(self, p):
        con = sqlite3.connect(os.path.join(p, "synth.db"))
        try:
            return sorted(con.execute("SELECT source, source_id, doi, title, abstract FROM records").fetchall())
        finally:
            con.close()

    def log(self, p):
        return json.loads(run_synth(["--json", "log"], cwd=p).stdout)["searches"]

    def assert_no_key(self, p, *outputs):
        for text in outputs:
            self.assertNotIn(KEY, text)
        for root, _, files in os.walk(p):
            for f in files:
                with open(os.path.join(root, f), "rb") as fh:
                    self.assertNotIn(KEY.encode(), fh.read(), os.path.join(root, f))

    def test_kept_are_exactly_the_matching_works_once(self):
        self.assertTrue(0 < len(self.want) < len(self.works))
        p = self.project()
        with self.server() as s:
            r = self.search(p, s.url)
            reqs = [x for x in s.stats()["log"] if x["path"] == "/works"]
            self.assertEqual(s.unmatched(), [])
        self.assertEqual(r.returncode, 0, r.stderr)
        rows = self.stored(p)
        ids = [sid for _, sid, _, _, _ in rows]
        self.assertEqual(len(ids), len(set(ids)))
        self.assertEqual(set(ids), self.want)
        self.assertTrue(all(src == "OpenAlex" for src, *_ in rows))
        # the abstract is rebuilt from abstract_inverted_index
        some = next(i for i in self.want if self.works[i].get("abstract_inverted_index"))
        self.assertIn(oa_abstract(self.works[some])[:60], dict((sid, ab) for _, sid, _, _, ab in rows)[some])
        # what was sent: the strategy as a search, the date as a filter, per_page 200, cursor=*
        params = dict(reqs[0]["params"])
        self.assertEqual(params["filter"], "title_and_abstract.search:biodiversity AND finance,"
                                           "to_publication_date:2010-01-01")
        self.assertEqual(params["per_page"], "200")
        self.assertEqual(params["cursor"], "*")
        self.assertEqual(params["mailto"], "librarian@example.org")
        log = self.log(p)[0]
        self.assertEqual(log["database"], "OpenAlex")
        self.assertEqual(log["records_matched"], len(self.want))
        self.assertGreater(log["records_retrieved"], len(self.want))  # OpenAlex matched word forms too
        self.assertEqual(log["details"]["openalex_matched"], log["records_retrieved"])
        self.assertEqual(log["details"]["strategy_matched"], len(self.want))
        self.assertEqual(r.stdout, "oa.query: OpenAlex: %d hits, %d records retrieved, %d matched the strategy, %d new\n"
                         % (log["hits_reported"], log["records_retrieved"], len(self.want), len(self.want)))
        self.assert_no_key(p, r.stdout, r.stderr)
        # offline: the cache replays; nothing doubles
        before = self.stored(p)
        r = self.search(p, "http://127.0.0.1:9/", "--offline")
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertEqual(self.stored(p), before)
        self.assertEqual(self.log(p)[1]["records_new"], 0)

    def test_paging_and_a_split_or_list_give_the_union_once(self):
        want = {i for i, w in self.works.items() if early(w)
                and any(has(w, t) for t in ("biodiversity", "ecosystem", "natural capital", "conservation", "species"))
                and any(has(w, t) for t in ("finance", "financial", "investment", "banking", "payment", "market"))}
        p = self.project(SPLIT)
        with self.server() as s:
            r = self.search(p, s.url, SYNTH_OPENALEX_MAX_SEARCH="120", SYNTH_OPENALEX_PER_PAGE="25")
            reqs = [dict(x["params"]) for x in s.stats()["log"] if x["path"] == "/works"]
        self.assertEqual(r.returncode, 0, r.stderr)
        searches = {q["filter"] for q in reqs}
        self.assertGreater(len(searches), 1)
        self.assertTrue(all(len(f.split(",")[0]) <= len("title_and_abstract.search:") + 120 for f in searches))
        self.assertTrue(any(q["cursor"] not in ("*",) for q in reqs))  # paged
        ids = [sid for _, sid, _, _, _ in self.stored(p)]
        self.assertEqual(len(ids), len(set(ids)))
        self.assertEqual(set(ids), want)
        log = self.log(p)[0]
        self.assertEqual(log["details"]["searches"], len(searches))
        self.assertEqual(log["query_sent"].count("filter="), len(searches))

    def test_401_is_a_clear_error_and_leaves_the_store(self):
        p = self.project()
        with self.server("--fault", "works:oa401:1") as s:
            r = self.search(p, s.url)
        self.assertEqual(r.returncode, 1)
        self.assertIn("OpenAlex refused the request: HTTP 401", r.stderr)
        self.assertIn("Invalid or missing API key", r.stderr)
        self.assertIn("OPENALEX_API_KEY", r.stderr)
        self.assertEqual(self.stored(p), [])
        self.assertEqual(self.log(p), [])
        self.assert_no_key(p, r.stdout, r.stderr)

    def test_429_and_5xx_are_retried_to_the_same_records(self):
        p = self.project()
        with self.server("--fault", "works:429:2:1", "--fault", "works:503:1") as s:
            r = self.search(p, s.url)
            self.assertEqual(s.stats()["faults_served"], 3)
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertEqual({sid for _, sid, *_ in self.stored(p)}, self.want)

    def test_a_spent_daily_budget_stops_then_the_next_run_completes(self):
        p = self.project()
        with self.server("--fault", "works:budget429:1:0:1") as s:
            r = self.search(p, s.url, SYNTH_OPENALEX_PER_PAGE="25")
            self.assertEqual(r.returncode, 1)
            self.assertIn("daily request budget is spent", r.stderr)
            self.assertIn("resets in 40000 s", r.stderr)
            self.assertEqual(len([x for x in s.stats()["log"] if x["path"] == "/works"]), 2)  # not retried
            self.assertEqual(self.stored(p), [])
            r = self.search(p, s.url, SYNTH_OPENALEX_PER_PAGE="25")
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertEqual({sid for _, sid, *_ in self.stored(p)}, self.want)
        self.assertEqual(len(self.log(p)), 1)

    def test_sigkill_mid_search_then_rerun_gives_the_same_store(self):
        ref = self.project()
        with self.server() as s:
            self.assertEqual(self.search(ref, s.url, SYNTH_OPENALEX_PER_PAGE="20").returncode, 0)
        p = self.project()
        with self.server("--fault", "works:delay:1:4000:2") as s:
            env = dict(os.environ, **self.env(s.url, SYNTH_OPENALEX_PER_PAGE="20"))
            proc = subprocess.Popen([synth_binary(), "search", "oa.query"], cwd=p, env=env,
                                    stdout=subprocess.PIPE, stderr=subprocess.PIPE)
            deadline = time.time() + 30
            while s.stats()["faults_served"] < 1 and time.time() < deadline:
                time.sleep(0.05)
            proc.send_signal(signal.SIGKILL)
            proc.communicate()
            self.assertEqual(self.stored(p), [])
            r = self.search(p, s.url, SYNTH_OPENALEX_PER_PAGE="20")
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertEqual(self.stored(p), self.stored(ref))
        self.assertEqual(len(self.log(p)), 1)


if __name__ == "__main__":
    main()

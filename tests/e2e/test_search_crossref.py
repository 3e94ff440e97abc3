"""synth search against a replay of the Crossref REST API: cursor deep paging over real
recorded /works items, local evaluation of the strategy, both counts logged."""
import json
import os
import re
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from replay_server import (CROSSREF_CURSOR_CHAIN, CROSSREF_PAGES, CROSSREF_WORKSCONTAINER_CHAIN,  # noqa: E402
                           ReplayServer, fixtures_dir, run_synth, synth_binary)

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


def chain_items(rels):
    """The works of a recorded chain's pages in order, each DOI once."""
    out, seen = [], set()
    for rel in rels:
        with open(os.path.join(FIX, rel), encoding="utf-8") as fh:
            for it in json.load(fh)["message"]["items"]:
                if it["DOI"].lower() not in seen:
                    seen.add(it["DOI"].lower())
                    out.append(it)
    return out


def matching(items, pattern):
    found = set()
    for it in items:
        text = " ".join(it.get("title", [])) + " " + re.sub(r"<[^>]+>", " ", it.get("abstract", ""))
        if re.search(pattern, text, re.I):
            found.add(it["DOI"].lower())
    return found


class RecordedChains(unittest.TestCase):
    """Real cursor chains recorded from api.crossref.org, served with Crossref's scroll
    semantics: the next-cursor repeats from page to page, each request moves it on."""

    @classmethod
    def setUpClass(cls):
        if not synth_binary() or not os.path.isdir(FIX):
            raise unittest.SkipTest("SYNTH binary or fixtures absent")
        cls.widgets = chain_items(CROSSREF_CURSOR_CHAIN)

    def setUp(self):
        self.tmp = tempfile.mkdtemp(prefix="synth-e2e-chain-")

    def tearDown(self):
        shutil.rmtree(self.tmp, ignore_errors=True)

    def project(self, name, query=QUERY):
        p = os.path.join(self.tmp, name)
        self.assertEqual(run_synth(["init", p], cwd=self.tmp).returncode, 0)
        with open(os.path.join(p, "widgets.query"), "w", encoding="utf-8") as fh:
            fh.write(query)
        return p

    def server(self, chain=CROSSREF_CURSOR_CHAIN, *extra):
        return ReplayServer(self.tmp, ["--crossref-chain"] + [os.path.join(FIX, p) for p in chain] + list(extra))

    def search(self, project, url, *args, rows="20"):
        env = {"SYNTH_CROSSREF_URL": url, "SYNTH_RETRY_BASE_MS": "50", "SYNTH_HTTP_TIMEOUT": "5"}
        return run_synth(["search", "widgets.query", "--rows", rows] + list(args), cwd=project, env=env)

    def stored(self, project):
        con = sqlite3.connect(os.path.join(project, "synth.db"))
        try:
            return con.execute("SELECT source, source_id, doi, title FROM records ORDER BY source_id").fetchall()
        finally:
            con.close()

    def log(self, project):
        return json.loads(run_synth(["--json", "log"], cwd=project).stdout)["searches"]

    def test_every_recorded_work_once_and_the_reported_count(self):
        p = self.project("a")
        with self.server() as s:
            r = self.search(p, s.url)
            pages = [x for x in s.stats()["log"] if x["path"] == "/works"]
        self.assertEqual(r.returncode, 0, r.stderr)
        dois = [doi for _, _, doi, _ in self.stored(p)]
        self.assertEqual(sorted(dois), sorted(it["DOI"].lower() for it in self.widgets))
        self.assertEqual(len(dois), 60)
        # The recorded chain stops after 3 of the 23 pages of its 454 hits: synth logs the
        # count Crossref reported, says the chain was short, and read it a second time
        # from cursor=* in case a page had been skipped.
        log = self.log(p)[0]
        self.assertEqual((log["hits_reported"], log["records_retrieved"], log["records_matched"]), (454, 60, 60))
        self.assertIn("warning: widgets.query: Crossref reported 454 hits but its cursor ended after 60 works", r.stderr)
        self.assertEqual(log["details"]["rate_limit"], "5/1s")
        self.assertEqual(log["details"]["concurrency_limit"], "1")
        self.assertEqual([dict(x["params"])["cursor"] == "*" for x in pages].count(True), 2)
        self.assertEqual(r.stdout, "widgets.query: Crossref: 454 hits, 60 records retrieved, 60 matched the strategy, 60 new\n")
        # Offline, the cache replays the same chain: same store, nothing doubled.
        before = self.stored(p)
        r = self.search(p, "http://127.0.0.1:9/", "--offline")
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertEqual(self.stored(p), before)
        self.assertEqual(self.log(p)[1]["records_retrieved"], 60)

    def test_workscontainer_chain_with_local_matching(self):
        items = chain_items(CROSSREF_WORKSCONTAINER_CHAIN)
        want = matching(items, r"\b(patient|syndrome)")
        self.assertTrue(0 < len(want) < len(items))
        p = self.project("w", "database: crossref\n---\npatient* OR syndrome\n")
        with self.server(CROSSREF_WORKSCONTAINER_CHAIN, "--crossref-chain-exact") as s:
            r = self.search(p, s.url, rows="5")
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertEqual(r.stderr, "")
        self.assertEqual({doi for _, _, doi, _ in self.stored(p)}, want)
        log = self.log(p)[0]
        self.assertEqual(log["hits_reported"], len(items))
        self.assertEqual(log["records_retrieved"], len(items))
        self.assertEqual(log["records_matched"], len(want))

    def test_a_lost_page_or_an_expired_cursor_loses_nothing(self):
        reference = self.project("ref")
        with self.server(CROSSREF_CURSOR_CHAIN, "--crossref-chain-exact") as s:
            self.assertEqual(self.search(reference, s.url).returncode, 0)
            self.assertEqual(len([x for x in s.stats()["log"] if x["path"] == "/works"]), 4)
        self.assertEqual(self.log(reference)[0]["details"].get("cursor_restarts"), None)
        # A 500 on the second page: the scroll had moved on, the retry got the third page,
        # the chain ended with 40 of the 60 works it reported.
        p = self.project("lost")
        with self.server(CROSSREF_CURSOR_CHAIN, "--crossref-chain-exact", "--fault", "works:500:1::1") as s:
            r = self.search(p, s.url)
            self.assertEqual(s.stats()["faults_served"], 1)
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertEqual(self.stored(p), self.stored(reference))
        self.assertEqual(self.log(p)[0]["details"]["cursor_restarts"], 1)
        # An interrupted search resumed after its cursor expired: the cached pages replay,
        # Crossref refuses the old cursor (404), the chain is read again from cursor=*.
        p = self.project("expired")
        with self.server(CROSSREF_CURSOR_CHAIN, "--crossref-chain-exact") as s:
            self.assertEqual(self.search(p, s.url).returncode, 0)
            cache = os.path.join(p, "cache")
            for f in os.listdir(cache):
                if f.endswith(".json"):
                    with open(os.path.join(cache, f), encoding="utf-8") as fh:
                        side = json.load(fh)
                    if side.get("key_params") == [["page", "2"]]:
                        os.remove(os.path.join(cache, f[:-5] + ".body"))
            os.remove(os.path.join(p, "synth.db"))
            self.assertEqual(run_synth(["init", p], cwd=self.tmp).returncode, 0)
            s.control([], expire_cursors=True)
            r = self.search(p, s.url)
            refused = [x for x in s.stats()["log"] if x["path"] == "/works"]
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertEqual(self.stored(p), self.stored(reference))
        self.assertEqual(self.log(p)[0]["details"]["cursor_restarts"], 1)
        self.assertGreater(len(refused), 0)

    def test_sigkill_mid_chain_then_rerun_gives_the_same_store(self):
        reference = self.project("ref")
        with self.server(CROSSREF_CURSOR_CHAIN, "--crossref-chain-exact") as s:
            self.assertEqual(self.search(reference, s.url).returncode, 0)
        p = self.project("killed")
        with self.server(CROSSREF_CURSOR_CHAIN, "--crossref-chain-exact", "--fault", "works:delay:2:400") as s:
            env = dict(os.environ, SYNTH_CROSSREF_URL=s.url, SYNTH_HTTP_TIMEOUT="5")
            proc = subprocess.Popen([synth_binary(), "search", "widgets.query", "--rows", "20"], cwd=p, env=env,
                                    stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            cache = os.path.join(p, "cache")
            deadline = time.time() + 30
            bodies = []
            while time.time() < deadline:
                bodies = [f for f in os.listdir(cache) if f.endswith(".body")] if os.path.isdir(cache) else []
                if bodies:
                    break
                time.sleep(0.02)
            time.sleep(0.1)  # the next page is on its way: the scroll moves, the answer is lost
            proc.send_signal(signal.SIGKILL)
            proc.wait()
            self.assertLess(len([f for f in os.listdir(cache) if f.endswith(".body")]), 3, "killed too late")
            self.assertEqual(self.stored(p), [])
            r = self.search(p, s.url)
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertEqual(self.stored(p), self.stored(reference))

    def test_a_strategy_without_text_terms_is_refused_before_sending(self):
        p = self.project("noterms", "database: crossref\n---\nhumans[mh] NOT widget[tiab]\n")
        with self.server() as s:
            r = self.search(p, s.url)
            self.assertEqual(s.stats()["requests"], 0)
        self.assertEqual(r.returncode, 1)
        self.assertTrue(r.stderr.startswith("synth: error: widgets.query: no term Crossref can search"), r.stderr)

    def test_count_only_asks_for_no_items(self):
        p = self.project("count")
        with self.server() as s:
            r = self.search(p, s.url, "--count-only")
            req = s.stats()["log"]
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertEqual(r.stdout, "widgets.query: Crossref: 454 hits for the terms "
                                   "(the strategy is applied to the works when they are fetched)\n")
        self.assertEqual(len(req), 1)
        params = dict(req[0]["params"])
        self.assertEqual(params["rows"], "0")
        self.assertNotIn("cursor", params)
        self.assertEqual(self.stored(p), [])


if __name__ == "__main__":
    unittest.main()

"""synth search when the server misbehaves: every fault ends with the same records, either
in one run or after a clear error and a second run; SIGKILL mid-search then re-run gives
the same store; an enforced 3 requests/s provokes no 429."""
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
from replay_server import PUBMED_POOL, ReplayServer, fixtures_dir, run_synth, synth_binary  # noqa: E402
from test_search_pubmed import expected_pmids  # noqa: E402

FIX = fixtures_dir()
SRC = os.environ.get("SYNTH_SOURCE_DIR", os.path.join(os.path.dirname(__file__), "..", ".."))
FAST = {"SYNTH_RETRY_BASE_MS": "50", "SYNTH_HTTP_TIMEOUT": "1", "SYNTH_RETRIES": "4",
        "NCBI_API_KEY": "secret123"}


def store_rows(project):
    con = sqlite3.connect(os.path.join(project, "synth.db"))
    try:
        recs = con.execute("SELECT source, source_id, doi, title, abstract FROM records ORDER BY source, source_id").fetchall()
        runs = con.execute("SELECT kind, database, query_sent, hits_reported, records_retrieved, records_new "
                           "FROM searches ORDER BY id").fetchall()
        return recs, runs
    finally:
        con.close()


class Faults(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        if not synth_binary() or not os.path.isdir(FIX):
            raise unittest.SkipTest("SYNTH binary or fixtures absent")
        cls.expected = expected_pmids()

    def setUp(self):
        self.tmp = tempfile.mkdtemp(prefix="synth-e2e-faults-")
        self.n = 0

    def tearDown(self):
        shutil.rmtree(self.tmp, ignore_errors=True)

    def new_project(self):
        self.n += 1
        p = os.path.join(self.tmp, "review%d" % self.n)
        self.assertEqual(run_synth(["init", p], cwd=self.tmp).returncode, 0)
        shutil.copy(os.path.join(SRC, "queries", "medline.query"), p)
        return p

    def server(self, *extra):
        return ReplayServer(self.tmp, ["--pubmed-pool"] + [os.path.join(FIX, p) for p in PUBMED_POOL] + list(extra))

    def search(self, project, url, *args, env=None):
        e = dict(FAST, SYNTH_PUBMED_URL=url)
        e.update(env or {})
        if "--batch-size" not in args:
            args = ("--batch-size", "100") + args
        return run_synth(["search", "medline.query"] + list(args), cwd=project, env=e)

    def pmids(self, project):
        return {sid for _, sid, _, _, _ in store_rows(project)[0]}

    def test_each_fault_is_retried_to_the_same_records(self):
        faults = ["esearch:429:1:1", "efetch:429:2:1", "esearch:500:1", "efetch:502:1", "efetch:503:2",
                  "efetch:delay:1:2500", "efetch:truncate:1", "efetch:malformed:1", "esearch:malformed:1",
                  "esearch:ncbi_rate:1", "efetch:ncbi_rate:1", "efetch:close:1"]
        # One server (gzip on) for all faults, each scripted before its search.
        with self.server("--gzip") as s:
            for fault in faults:
                with self.subTest(fault=fault):
                    project = self.new_project()
                    match, kind, count = fault.split(":")[:3]
                    arg = fault.split(":")[3] if fault.count(":") > 2 else None
                    served = s.stats()["faults_served"]
                    s.control([{"match": match, "kind": kind, "count": int(count), "arg": arg}])
                    r = self.search(project, s.url)
                    stats = s.stats()
                    self.check_fault_outcome(project, r, stats["faults_served"] - served, int(count))

    def check_fault_outcome(self, project, r, served, count):
        """The search completed with every record once, after the fault was served."""
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertEqual(served, count)
        self.assertEqual(self.pmids(project), self.expected)
        recs, runs = store_rows(project)
        self.assertEqual(len(recs), len(self.expected))
        self.assertEqual(len(runs), 1)
        self.assertEqual(runs[0][3], len(self.expected))

    def test_persistent_failure_is_a_clear_error_then_the_next_run_completes(self):
        project = self.new_project()
        with self.server("--fault", "efetch:503:100") as s:
            r = self.search(project, s.url, env={"SYNTH_RETRIES": "2"})
            self.assertEqual(r.returncode, 1)
            self.assertRegex(r.stderr, r"^synth: error: network: POST http://127\.0\.0\.1:\d+/efetch\.fcgi\?db=pubmed&id=\d+")
            self.assertIn("HTTP 503 (gave up after 3 attempts)", r.stderr)
            self.assertNotIn("secret123", r.stderr)
            self.assertEqual(store_rows(project), ([], []))
        with self.server() as s:
            r = self.search(project, s.url)
            self.assertEqual(r.returncode, 0, r.stderr)
            log = s.stats()["log"]
        self.assertEqual(self.pmids(project), self.expected)
        # The second run resumed: the result set came from the store, no new esearch.
        self.assertEqual([x for x in log if x["path"].endswith("esearch.fcgi")], [])

    def test_malformed_twice_stops_then_completes(self):
        project = self.new_project()
        with self.server("--fault", "efetch:malformed:2") as s:
            r = self.search(project, s.url)
        self.assertEqual(r.returncode, 1)
        self.assertRegex(r.stderr, r"^synth: error: .*cache/[0-9a-f]{32}\.body")
        with self.server() as s:
            self.assertEqual(self.search(project, s.url).returncode, 0)
        self.assertEqual(self.pmids(project), self.expected)

    def test_sigkill_mid_search_then_rerun_gives_the_same_store(self):
        reference = self.new_project()
        with self.server() as s:
            self.assertEqual(self.search(reference, s.url, "--batch-size", "20").returncode, 0)
        project = self.new_project()
        with self.server("--fault", "efetch:delay:8:300") as s:
            env = dict(os.environ, **FAST, SYNTH_PUBMED_URL=s.url)
            proc = subprocess.Popen([synth_binary(), "search", "medline.query", "--batch-size", "20"], cwd=project,
                                    env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            cache = os.path.join(project, "cache")
            deadline = time.time() + 60
            while time.time() < deadline:
                bodies = [f for f in os.listdir(cache) if f.endswith(".body")] if os.path.isdir(cache) else []
                if len(bodies) >= 4:
                    break
                time.sleep(0.05)
            proc.send_signal(signal.SIGKILL)
            proc.wait()
            self.assertLess(len(bodies), 1 + -(-len(self.expected) // 20), "killed too late to test resuming")
            self.assertEqual(store_rows(project)[0], [])
            r = self.search(project, s.url, "--batch-size", "20")
            self.assertEqual(r.returncode, 0, r.stderr)
        self.assertEqual(store_rows(project), store_rows(reference))

    def test_enforced_rate_of_three_per_second_provokes_no_429(self):
        project = self.new_project()
        with self.server("--enforce-rate", "3") as s:
            r = self.search(project, s.url, "--batch-size", "25", env={"NCBI_API_KEY": ""})
            stats = s.stats()
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertGreaterEqual(stats["requests"], 10)
        self.assertEqual(stats["rate_limited"], 0)
        self.assertEqual(self.pmids(project), self.expected)


if __name__ == "__main__":
    unittest.main()

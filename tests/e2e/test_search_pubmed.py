"""synth search against a replay of E-utilities on 127.0.0.1 (real PubmedArticle records)."""
import json
import os
import pty
import re
import shutil
import subprocess
import sqlite3
import sys
import tempfile
import unittest
import xml.etree.ElementTree as ET

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from replay_server import PUBMED_POOL, ReplayServer, State, fixtures_dir, run_synth, synth_binary  # noqa: E402

FIX = fixtures_dir()
SRC = os.environ.get("SYNTH_SOURCE_DIR", os.path.join(os.path.dirname(__file__), "..", ".."))
FAST = {"SYNTH_RETRY_BASE_MS": "50", "SYNTH_HTTP_TIMEOUT": "5", "SYNTH_EMAIL": "librarian@example.org",
        "NCBI_API_KEY": "secret123"}


def expected_pmids(y0=1990, y1=2013):
    """PMIDs of the pool whose PubDate year (Year, else MedlineDate) is within y0..y1."""
    out = set()
    for rel in PUBMED_POOL:
        root = ET.parse(os.path.join(FIX, rel)).getroot()
        for art in root.iter("PubmedArticle"):
            pmid = art.find("MedlineCitation/PMID").text
            pd = art.find(".//Article/Journal/JournalIssue/PubDate")
            text = "".join(pd.itertext()) if pd is not None else ""
            m = re.search(r"\d{4}", text)
            if m and y0 <= int(m.group(0)) <= y1:
                out.add(pmid)
    return out


def expected_pmids_by_date(first=(1990, 1, 1), last=(2013, 11, 30)):
    """PMIDs of the pool whose PubDate (a missing month or day counting as the first) is
    within first..last, as the replay server reads them with --pubmed-dates full."""
    out = set()
    for rel in PUBMED_POOL:
        with open(os.path.join(FIX, rel), encoding="utf-8-sig") as fh:
            text = fh.read()
        for m in re.finditer(r"<PubmedArticle>.*?</PubmedArticle>", text, re.S):
            pmid = re.search(r"<PMID[^>]*>(\d+)</PMID>", m.group(0)).group(1)
            if first <= State.pub_date(m.group(0)) <= last:
                out.add(pmid)
    return out


def read_tty(fd):
    data = b""
    while True:
        try:
            chunk = os.read(fd, 65536)
        except OSError:
            break
        if not chunk:
            break
        data += chunk
    return data.decode("utf-8", "replace")


def db_records(project):
    con = sqlite3.connect(os.path.join(project, "synth.db"))
    try:
        return con.execute("SELECT source, source_id, title FROM records ORDER BY source, source_id").fetchall()
    finally:
        con.close()


class PubMedSearch(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        if not synth_binary() or not os.path.isdir(FIX):
            raise unittest.SkipTest("SYNTH binary or fixtures absent")
        cls.expected = expected_pmids()

    def setUp(self):
        self.tmp = tempfile.mkdtemp(prefix="synth-e2e-pubmed-")
        self.project = os.path.join(self.tmp, "review")
        r = run_synth(["init", self.project], cwd=self.tmp)
        self.assertEqual(r.returncode, 0, r.stderr)
        os.makedirs(os.path.join(self.project, "queries"), exist_ok=True)
        shutil.copy(os.path.join(SRC, "queries", "medline.query"), os.path.join(self.project, "queries"))

    def tearDown(self):
        shutil.rmtree(self.tmp, ignore_errors=True)

    def server(self, *extra):
        return ReplayServer(self.tmp, ["--pubmed-pool"] + [os.path.join(FIX, p) for p in PUBMED_POOL] + list(extra))

    def search(self, url, *args, env=None):
        e = dict(FAST, SYNTH_PUBMED_URL=url)
        e.update(env or {})
        return run_synth(["search", "queries/medline.query"] + list(args), cwd=self.project, env=e)

    def log(self):
        r = run_synth(["log", "--json"], cwd=self.project)
        self.assertEqual(r.returncode, 0, r.stderr)
        return json.loads(r.stdout)["searches"]

    def test_stores_every_record_once_and_logs_the_count(self):
        with self.server() as s:
            r = self.search(s.url)
            self.assertEqual(r.returncode, 0, r.stderr)
            stats = s.stats()
            self.assertEqual(s.unmatched(), [])
        recs = db_records(self.project)
        self.assertEqual({sid for src, sid, _ in recs if src == "PubMed"}, self.expected)
        self.assertEqual(len(recs), len(self.expected))
        log = self.log()
        self.assertEqual(len(log), 1)
        self.assertEqual(log[0]["kind"], "search")
        self.assertEqual(log[0]["database"], "PubMed")
        self.assertEqual(log[0]["hits_reported"], len(self.expected))
        self.assertEqual(log[0]["records_retrieved"], len(self.expected))
        self.assertEqual(log[0]["records_new"], len(self.expected))
        with open(os.path.join(self.project, "queries", "medline.query"), encoding="utf-8") as fh:
            self.assertEqual(log[0]["query_text"], fh.read())
        self.assertIn('english[la] AND ("1990/01/01"[dp] : "2013/11/30"[dp])', log[0]["query_sent"])
        # What went over the wire: tool/email/api_key sent, ids POSTed, a synth User-Agent.
        esearch = [x for x in stats["log"] if x["path"].endswith("esearch.fcgi")]
        efetch = [x for x in stats["log"] if x["path"].endswith("efetch.fcgi")]
        self.assertEqual(len(esearch), 1)
        self.assertEqual(len(efetch), -(-len(self.expected) // 500))
        self.assertTrue(all(x["method"] == "POST" for x in efetch))
        params = dict(esearch[0]["params"])
        self.assertEqual((params["tool"], params["email"], params["api_key"]), ("synth", "librarian@example.org", "secret123"))
        self.assertTrue(esearch[0]["user_agent"].startswith("synth/"), esearch[0]["user_agent"])
        version = run_synth(["--version"], cwd=self.project).stdout.split()[-1]
        self.assertTrue(esearch[0]["user_agent"].startswith("synth/%s " % version), esearch[0]["user_agent"])
        self.assertIn("gzip", esearch[0]["accept_encoding"])
        # The secret is nowhere but on the wire.
        for text in (r.stdout, r.stderr, json.dumps(log)):
            self.assertNotIn("secret123", text)
        for root, _, files in os.walk(self.project):
            for f in files:
                with open(os.path.join(root, f), "rb") as fh:
                    data = fh.read()
                self.assertNotIn(b"secret123", data, f)
                self.assertNotIn(b"librarian@example.org", data, f)

    def test_rerun_adds_nothing_and_offline_replays_the_cache(self):
        with self.server() as s:
            self.assertEqual(self.search(s.url, "--batch-size", "100").returncode, 0)
            first = db_records(self.project)
            r = self.search(s.url, "--batch-size", "100")
            self.assertEqual(r.returncode, 0, r.stderr)
            before = s.stats()["requests"]
        # Server gone: --offline replays every answer from cache/.
        r = self.search("http://127.0.0.1:9/", "--offline", "--batch-size", "100")
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertEqual(db_records(self.project), first)
        log = self.log()
        self.assertEqual([x["records_new"] for x in log], [len(self.expected), 0, 0])
        self.assertEqual([x["hits_reported"] for x in log], [len(self.expected)] * 3)
        self.assertEqual(before, 1 + -(-len(self.expected) // 100))  # the re-run came from the cache
        # A different batch size is a different request: a clear cache miss offline.
        r = self.search("http://127.0.0.1:9/", "--offline", "--batch-size", "50")
        self.assertEqual(r.returncode, 1)
        self.assertRegex(r.stderr, r"^synth: error: cache miss for POST http://127\.0\.0\.1:9/efetch\.fcgi\?db=pubmed&id=")
        self.assertIn("(run without --offline to fetch it)", r.stderr)
        self.assertNotIn("secret123", r.stderr)
        self.assertEqual(len(self.log()), 3)  # nothing half-written

    def test_count_only(self):
        with self.server() as s:
            r = self.search(s.url, "--count-only")
            self.assertEqual(r.returncode, 0, r.stderr)
            req = s.stats()["log"]
        self.assertEqual(r.stdout, "queries/medline.query: PubMed: %d hits\n" % len(self.expected))
        self.assertEqual(len(req), 1)
        self.assertEqual(dict(req[0]["params"])["rettype"], "count")
        self.assertEqual(db_records(self.project), [])

    def test_more_hits_than_one_result_set_are_sliced_by_date(self):
        # The server caps result sets at 40 ids; synth must slice [dp] until each is under it.
        with self.server() as s:
            r = self.search(s.url, env={"SYNTH_ESEARCH_RETMAX": "40"})
            self.assertEqual(r.returncode, 0, r.stderr)
            esearch = [x for x in s.stats()["log"] if x["path"].endswith("esearch.fcgi")]
        self.assertEqual({sid for _, sid, _ in db_records(self.project)}, self.expected)
        self.assertGreater(len(esearch), 2)
        log = self.log()
        self.assertEqual(log[0]["hits_reported"], len(self.expected))
        self.assertGreater(log[0]["details"]["slices"], 2)
        self.assertNotIn("warning", r.stderr)

    def test_bad_query_file_sends_nothing(self):
        bad = os.path.join(self.project, "queries", "x.query")
        with open(bad, "w", encoding="utf-8") as fh:
            fh.write("database: pubmed\n---\n#1 (asthma[tiab] OR copd[tiab]\n#2 #1 AND child*[tiab]\n")
        with self.server() as s:
            r = run_synth(["search", "queries/x.query"], cwd=self.project, env=dict(FAST, SYNTH_PUBMED_URL=s.url))
            self.assertEqual(s.stats()["requests"], 0)
        self.assertEqual(r.returncode, 1)
        self.assertRegex(r.stderr, r"^queries/x\.query:3:\d+: error \[PAREN\]: ")
        self.assertIn("\nsynth: error: 1 error in the query files", r.stderr)
        self.assertEqual(r.stdout, "")

    def write_query(self, name, text):
        with open(os.path.join(self.project, "queries", name), "w", encoding="utf-8") as fh:
            fh.write(text)

    def test_a_long_term_is_posted(self):
        words = " OR ".join('"%s %d"[tiab]' % (w, i) for i, w in enumerate(["helping relation*"] * 80))
        self.write_query("long.query", "database: pubmed\ndate-from: 1990\ndate-to: 2013-11-30\n---\n" + words + "\n")
        with self.server() as s:
            r = run_synth(["search", "queries/long.query"], cwd=self.project, env=dict(FAST, SYNTH_PUBMED_URL=s.url))
            esearch = [x for x in s.stats()["log"] if x["path"].endswith("esearch.fcgi")]
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertEqual([x["method"] for x in esearch], ["POST"])
        self.assertEqual(dict(esearch[0]["params"])["term"], self.log()[0]["query_sent"])
        self.assertEqual({sid for _, sid, _ in db_records(self.project)}, self.expected)

    def test_query_file_errors_name_file_line_and_column_and_send_nothing(self):
        head = "# strategy\ndatabase: pubmed\nname: x\n---\n#1 asthma[tiab]\n#2 copd[tiab]\n"
        cases = {
            "paren.query": (head + "#3 (#1 OR #2 AND child*[tiab]\n",
                            "queries/paren.query:7:4: error [PAREN]: unbalanced parenthesis: expected ')' before end "
                            "of line 7"),
            "tag.query": (head + "#3 #1 OR copd[tiabx]\n",
                          "queries/tag.query:7:14: error [TAG-UNKNOWN]: unknown field tag [tiabx], expected a PubMed "
                          "tag such as [tiab]"),
            "ref.query": (head + "#3 #1 OR #2 OR #5\n",
                          "queries/ref.query:7:16: error [REF-MISSING]: #5 refers to a line that does not exist"),
        }
        with self.server() as s:
            for name, (text, message) in cases.items():
                self.write_query(name, text)
                with self.subTest(name=name):
                    for args in (["search", "queries/" + name], ["search", "queries/medline.query", "queries/" + name]):
                        r = run_synth(args, cwd=self.project, env=dict(FAST, SYNTH_PUBMED_URL=s.url))
                        self.assertEqual(r.returncode, 1, r.stderr)
                        self.assertTrue(r.stderr.startswith(message), r.stderr)
                        self.assertIn("synth: error: 1 error in the query files (first in queries/%s): nothing was "
                                      "sent\n" % name, r.stderr)
                        self.assertEqual(r.stdout, "")
                    # --check is the linter: the finding and the verdict on stdout, exit 1
                    r = run_synth(["search", "--check", "queries/" + name], cwd=self.project)
                    self.assertEqual(r.returncode, 1, r.stderr)
                    self.assertTrue(r.stdout.startswith(message), r.stdout)
                    self.assertIn("\nqueries/%s: refused (PubMed, 1 error): nothing would be sent\n" % name, r.stdout)
                    self.assertEqual(r.stderr, "synth: error: 1 of 1 query file refused: nothing would be sent for it\n"
                                               "hint: each finding says where and what to change\n")
            self.assertEqual(s.stats()["requests"], 0)
        self.assertEqual(self.log(), [])

    def test_a_hand_run_strategy_among_the_files_stops_everything_before_sending(self):
        shutil.copy(os.path.join(SRC, "queries", "cinahl.query"), os.path.join(self.project, "queries"))
        with self.server() as s:
            r = self.search(s.url, "queries/cinahl.query")
            self.assertEqual(s.stats()["requests"], 0)
        self.assertEqual(r.returncode, 1)
        self.assertTrue(r.stderr.startswith("synth: error: queries/cinahl.query: database 'CINAHL' has no API"), r.stderr)
        self.assertIn("hint: run the strategy by hand, export the records, then: synth import FILE --query "
                      "queries/cinahl.query", r.stderr)
        self.assertEqual(self.log(), [])

    def test_refresh_asks_again_and_reports_what_is_new(self):
        # An update search: the first run sees the orthopaedics export only; later PubMed
        # holds the NLM sample too.
        with ReplayServer(self.tmp, ["--pubmed-pool", os.path.join(FIX, PUBMED_POOL[0])]) as s:
            self.assertEqual(self.search(s.url).returncode, 0)
        first = {sid for _, sid, _ in db_records(self.project)}
        self.assertLess(len(first), len(self.expected))
        with self.server() as s:
            r = self.search(s.url)  # replays the cache: nothing asked, nothing new
            self.assertEqual(s.stats()["requests"], 0)
            self.assertEqual(r.returncode, 0, r.stderr)
            r = self.search(s.url, "--refresh")
            self.assertGreater(s.stats()["requests"], 1)
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertEqual({sid for _, sid, _ in db_records(self.project)}, self.expected)
        log = self.log()
        self.assertEqual([x["records_new"] for x in log], [len(first), 0, len(self.expected) - len(first)])
        self.assertEqual([x["hits_reported"] for x in log], [len(first), len(first), len(self.expected)])

    def test_check_needs_no_network_and_no_project(self):
        elsewhere = os.path.join(self.tmp, "not-a-project")
        os.makedirs(elsewhere)
        queries = sorted(os.listdir(os.path.join(SRC, "queries")))
        files = [os.path.join(SRC, "queries", f) for f in queries if f.endswith(".query")]
        self.assertEqual(len(files), 8)
        with self.server() as s:
            r = run_synth(["search", "--check"] + files, cwd=elsewhere, env=dict(FAST, SYNTH_PUBMED_URL=s.url))
            self.assertEqual(s.stats()["requests"], 0)
        self.assertEqual(r.returncode, 0, r.stderr)
        lines = r.stdout.splitlines()
        self.assertEqual(len(lines), 8)  # no finding on any shipped strategy: one verdict each
        self.assertTrue(any(": ok (PubMed): " in x and x.endswith('english[la] AND ("1990/01/01"[dp] : "2013/11/30"[dp])')
                            for x in lines), lines)
        self.assertTrue(any(": ok (Crossref): query.bibliographic=mental illness psychiatry" in x for x in lines), lines)
        # the hand-run files of the 2015 review are in their platforms' own syntax
        self.assertTrue(any(x.endswith("cinahl.query: ok (CINAHL, run by hand then synth import --query; EBSCOhost "
                                       "syntax): logged as written, 4 lines") for x in lines), lines)
        self.assertTrue(any(x.endswith("ssci.query: ok (SSCI, run by hand then synth import --query; Web of Science "
                                       "syntax): logged as written, 4 lines") for x in lines), lines)
        self.assertTrue(any(x.endswith("sociological-abstracts.query: ok (Sociological Abstracts, run by hand then "
                                       "synth import --query; ProQuest syntax): logged as written, 4 lines")
                            for x in lines), lines)
        self.assertEqual(os.listdir(elsewhere), [])

    def test_the_api_key_is_never_shown_even_verbose_or_in_errors(self):
        secret = FAST["NCBI_API_KEY"]
        with self.server("--fault", "efetch:ncbi_rate:1") as s:
            r = self.search(s.url, "-v", "--batch-size", "100")
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertIn("synth: fetch  POST ", r.stderr)
        self.assertIn("synth: retry 1 in ", r.stderr)
        # A server that quotes the request back in an error, and NCBI's rate-limit body that
        # names the key, with no retries left.
        for fault, env in (("esearch:echo400:1", {}), ("esearch:ncbi_rate:5", {"SYNTH_RETRIES": "0"})):
            with self.subTest(fault=fault):
                with self.server("--fault", fault) as s:
                    r = run_synth(["-v", "search", "--refresh", "queries/medline.query"], cwd=self.project,
                                  env=dict(FAST, SYNTH_PUBMED_URL=s.url, **env))
                self.assertEqual(r.returncode, 1, r.stderr)
                self.assertIn("synth: error: ", r.stderr)
                self.assertNotIn(secret, r.stderr + r.stdout)
                self.assertNotIn("librarian@example.org", r.stderr + r.stdout)
        r = run_synth(["-v", "log", "--full"], cwd=self.project)
        r2 = run_synth(["--json", "log"], cwd=self.project)
        self.assertNotIn(secret, r.stdout + r.stderr + r2.stdout)
        for root, _, files in os.walk(self.project):
            for f in files:
                with open(os.path.join(root, f), "rb") as fh:
                    self.assertNotIn(secret.encode(), fh.read(), f)
                self.assertNotIn(secret, f)

    def test_a_progress_line_only_when_stderr_is_a_terminal(self):
        with self.server() as s:
            env = dict(os.environ, **FAST, SYNTH_PUBMED_URL=s.url)
            master, slave = pty.openpty()
            p = subprocess.run([synth_binary(), "search", "queries/medline.query", "--batch-size", "100"],
                               cwd=self.project, env=env, stdout=subprocess.PIPE, stderr=slave, timeout=120)
            os.close(slave)
            tty = read_tty(master)
            os.close(master)
            self.assertEqual(p.returncode, 0, tty)
            r = self.search(s.url, "--refresh", "--batch-size", "100")
        n = len(self.expected)
        self.assertIn("\rsynth: PubMed records 0/%d" % n, tty)
        self.assertIn("\rsynth: PubMed records 100/%d" % n, tty)
        self.assertIn("\rsynth: PubMed records {:,}/{:,}".format(n, n), tty)
        self.assertEqual(p.stdout.decode().count("\n"), 1)  # results on stdout, untouched
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertEqual(r.stderr, "")  # not a terminal: quiet

    def test_slices_within_a_year_give_the_union(self):
        # Whole dates: with at most 25 ids a result set, 2002 (30 records) is split into months.
        want = expected_pmids_by_date((2000, 1, 1), (2004, 12, 31))
        self.write_query("five.query", "database: pubmed\ndate-from: 2000\ndate-to: 2004\n---\nknee*[tiab]\n")
        with self.server("--pubmed-dates", "full") as s:
            r = run_synth(["search", "queries/five.query"], cwd=self.project,
                          env=dict(FAST, SYNTH_PUBMED_URL=s.url, SYNTH_ESEARCH_RETMAX="25"))
            terms = [dict(x["params"])["term"] for x in s.stats()["log"] if x["path"].endswith("esearch.fcgi")]
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertNotIn("warning", r.stderr)
        self.assertEqual({sid for _, sid, _ in db_records(self.project)}, want)
        within_a_year = [m.groups() for m in (re.search(r'\("(\d{4})/(\d\d/\d\d)"\[dp\] : "\1/(\d\d/\d\d)"\[dp\]\)$', t)
                                                for t in terms) if m]
        self.assertTrue(any((a, b) != ("01/01", "12/31") for _, a, b in within_a_year), terms)
        log = self.log()[0]
        self.assertEqual(log["hits_reported"], len(want))
        self.assertEqual(log["details"]["slices"], len(terms))


if __name__ == "__main__":
    unittest.main()

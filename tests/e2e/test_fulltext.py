"""synth fulltext and synth export --only sought against the replay of real recorded Unpaywall
answers (paper-qa's vcrpy cassettes in $SYNTH_FIXTURES/unpaywall): the records that reached
full-text screening are looked up by DOI; what a user checks in the retrieval list (OA status,
URLs, licence, "not found", "not checked" for a record without DOI) matches the recording; a
re-run asks nothing again; 5xx answers are retried; --offline replays from cache/; no email
is a clear error."""
import csv
import glob
import io
import json
import os
import shutil
import sqlite3
import sys
import tempfile
import unittest
import urllib.parse

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from replay_server import ReplayServer, fixtures_dir, run_synth, synth_binary  # noqa: E402
import vcr_cassette  # noqa: E402
from synth_e2e import main  # noqa: E402

FIX = fixtures_dir()
CASSETTES = sorted(glob.glob(os.path.join(FIX, "unpaywall/paperqa_cassettes/*.yaml")))
EMAIL = "librarian@example.org"
NOT_IN_UNPAYWALL = "10.9999/not.in.unpaywall.1"
EXCLUDED_DOI = "10.9999/excluded.at.title-abstract"


def recorded():
    """DOI -> the recorded Unpaywall answer (parsed), for every /v2/{doi} request recorded."""
    out = {}
    for path in CASSETTES:
        for it in vcr_cassette.interactions(path):
            if "api.unpaywall.org/v2/" in it["uri"] and "/v2/search" not in it["uri"] and it["status"] == 200:
                doc = json.loads(it["body"].decode("utf-8"))
                out[doc["doi"]] = doc
    return out


class Fulltext(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        if not synth_binary() or not CASSETTES:
            raise unittest.SkipTest("SYNTH binary or fixtures (unpaywall/paperqa_cassettes) absent")
        cls.answers = recorded()

    def setUp(self):
        self.tmp = tempfile.mkdtemp(prefix="synth-e2e-fulltext-")
        self.project = self.make_project("review")

    def tearDown(self):
        shutil.rmtree(self.tmp, ignore_errors=True)

    def make_project(self, name):
        """A project whose records went through screening: every recorded DOI, a DOI Unpaywall
        does not know and a record without DOI reach full text; one record is excluded before."""
        project = os.path.join(self.tmp, name)
        self.assertEqual(run_synth(["init", project], cwd=self.tmp).returncode, 0)
        lines = []
        for n, doi in enumerate(sorted(self.answers) + [NOT_IN_UNPAYWALL, EXCLUDED_DOI, ""]):
            lines.append("TY  - JOUR\nTI  - Study number %d\nPY  - 2015\n%sER  - \n" % (
                n, "DO  - %s\n" % doi if doi else ""))
        refs = os.path.join(self.tmp, name + ".ris")
        with open(refs, "w", encoding="utf-8") as fh:
            fh.write("\n".join(lines))
        r = run_synth(["import", refs, "--source", "Embase"], cwd=project)
        self.assertEqual(r.returncode, 0, r.stderr)
        with open(os.path.join(project, "criteria.txt"), "w", encoding="utf-8") as fh:
            fh.write("stages: title-abstract, full-text\n")
        rows = list(csv.DictReader(io.StringIO(run_synth(["export"], cwd=project).stdout)))
        with open(os.path.join(project, "decisions", "ta.csv"), "w", encoding="utf-8") as fh:
            fh.write("record,stage,decision,reason,reviewer\n")
            for row in rows:
                excluded = row["doi"] == EXCLUDED_DOI
                fh.write("%s,title-abstract,%s,%s,AT\n" % (row["record_id"], "exclude" if excluded else "include",
                                                           "Off topic" if excluded else ""))
        r = run_synth(["screen"], cwd=project)
        self.assertEqual(r.returncode, 0, r.stderr)
        return project

    def fulltext(self, url, *args, project=None, email=EMAIL):
        env = {"SYNTH_UNPAYWALL_URL": url, "SYNTH_RETRY_BASE_MS": "50", "SYNTH_HTTP_TIMEOUT": "5"}
        if email:
            env["SYNTH_EMAIL"] = email
        return run_synth(["fulltext"] + list(args), cwd=project or self.project, env=env)

    def retrieval_list(self, project=None):
        r = run_synth(["export", "--only", "sought", "--format", "csv"], cwd=project or self.project)
        self.assertEqual(r.returncode, 0, r.stderr)
        return {row["title"]: row for row in csv.DictReader(io.StringIO(r.stdout))}

    def server(self, *more):
        return ReplayServer(self.tmp, ["--unpaywall"] + CASSETTES + list(more))

    def check_list(self, rows):
        by_doi = {row["doi"]: row for row in rows.values()}
        self.assertEqual(len(rows), len(self.answers) + 2)  # the excluded record is not sought
        self.assertNotIn(EXCLUDED_DOI, by_doi)
        for doi, doc in self.answers.items():
            row = by_doi[doi]
            best = doc.get("best_oa_location") or {}
            self.assertEqual(row["fulltext"], "found", doi)
            self.assertEqual(row["is_oa"], "yes" if doc["is_oa"] else "no", doi)
            self.assertEqual(row["oa_status"], doc["oa_status"], doi)
            self.assertEqual(row["best_url"], best.get("url") or "", doi)
            self.assertEqual(row["pdf_url"], best.get("url_for_pdf") or "", doi)
            self.assertEqual(row["license"], best.get("license") or "", doi)
            self.assertEqual(row["host_type"], best.get("host_type") or "", doi)
            self.assertRegex(row["checked_at"], r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$")
        # what a user reads in the recording, spelled out
        self.assertEqual((by_doi["10.1016/j.xgen.2025.100814"]["oa_status"],
                          by_doi["10.1016/j.xgen.2025.100814"]["license"]), ("gold", "cc-by"))
        self.assertEqual(by_doi["10.1073/pnas.1414271111"]["pdf_url"],
                         "https://www.pnas.org/content/pnas/111/45/E4832.full.pdf")
        self.assertEqual((by_doi["10.1023/a:1007154515475"]["is_oa"], by_doi["10.1023/a:1007154515475"]["oa_status"],
                          by_doi["10.1023/a:1007154515475"]["best_url"]), ("no", "closed", ""))
        self.assertEqual(by_doi[NOT_IN_UNPAYWALL]["fulltext"], "not found")
        self.assertEqual(by_doi[NOT_IN_UNPAYWALL]["is_oa"], "")
        no_doi = by_doi[""]
        self.assertEqual((no_doi["fulltext"], no_doi["is_oa"], no_doi["best_url"]), ("not checked", "", ""))

    def test_retrieval_list_from_recorded_answers(self):
        self.assertEqual(len(self.answers), 5)
        with self.server() as s:
            r = self.fulltext(s.url)
            log = s.stats()["log"]
        self.assertEqual(r.returncode, 0, r.stderr)
        n_oa = sum(1 for d in self.answers.values() if d["is_oa"])
        self.assertEqual(r.stdout, "Full text (Unpaywall): %d records sought for retrieval; %d open access, %d closed, "
                         "1 not found in Unpaywall, 1 not checked (no DOI)\n" % (
                             len(self.answers) + 2, n_oa, len(self.answers) - n_oa))
        asked = sorted(urllib.parse.unquote(x["path"]) for x in log)
        self.assertEqual(asked, sorted("/v2/" + d for d in list(self.answers) + [NOT_IN_UNPAYWALL]))
        self.assertTrue(all(dict(x["params"]).get("email") == EMAIL for x in log))
        self.check_list(self.retrieval_list())
        # the email goes to Unpaywall only: not to the store, the cache's sidecars or the output
        db = sqlite3.connect(os.path.join(self.project, "synth.db"))
        try:
            requests = [q for (q,) in db.execute("SELECT request FROM fulltext_checks")]
        finally:
            db.close()
        self.assertTrue(any(q.startswith("GET ") and "/v2/10.1073/pnas.1414271111" in q for q in requests), requests)
        for path in glob.glob(os.path.join(self.project, "cache", "*")) + [os.path.join(self.project, "synth.db")]:
            with open(path, "rb") as fh:
                self.assertNotIn(EMAIL.encode(), fh.read(), path)
        self.assertNotIn(EMAIL, r.stdout + r.stderr)

        # a re-run asks nothing again; --refresh asks everything again
        with self.server() as s:
            r = self.fulltext(s.url, "--json")
            self.assertEqual(s.stats()["requests"], 0)
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertEqual(json.loads(r.stdout)["skipped"], len(self.answers) + 1)
        self.assertEqual(json.loads(r.stdout)["checked"], 0)
        with self.server() as s:
            r = self.fulltext(s.url, "--refresh")
            self.assertEqual(s.stats()["requests"], len(self.answers) + 1)
        self.assertEqual(r.returncode, 0, r.stderr)
        self.check_list(self.retrieval_list())

    def test_server_errors_are_retried(self):
        with self.server("--fault", "/v2/:503:2", "--fault", "/v2/10.1073:500:1") as s:
            r = self.fulltext(s.url)
            stats = s.stats()
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertEqual(stats["faults_served"], 3)
        self.assertEqual(stats["requests"], len(self.answers) + 1 + 3)
        self.check_list(self.retrieval_list())

    def test_offline_replay(self):
        with self.server() as s:
            self.assertEqual(self.fulltext(s.url).returncode, 0)
        online = self.retrieval_list()
        # another project with the same records and the first one's cache/, no server at all
        other = self.make_project("replayed")
        shutil.rmtree(os.path.join(other, "cache"))
        shutil.copytree(os.path.join(self.project, "cache"), os.path.join(other, "cache"))
        r = self.fulltext("http://127.0.0.1:9/", "--offline", project=other)
        self.assertEqual(r.returncode, 0, r.stderr)
        replayed = self.retrieval_list(other)
        drop = ("checked_at", "record_id", "cluster_id")
        self.assertEqual({t: {k: v for k, v in row.items() if k not in drop} for t, row in replayed.items()},
                         {t: {k: v for k, v in row.items() if k not in drop} for t, row in online.items()})
        self.check_list(replayed)
        # offline without the answers: a clear error, nothing recorded
        empty = self.make_project("empty")
        r = self.fulltext("http://127.0.0.1:9/", "--offline", project=empty)
        self.assertEqual(r.returncode, 1)
        self.assertIn("cache miss for GET http://127.0.0.1:9/v2/", r.stderr)

    def test_errors(self):
        r = self.fulltext("http://127.0.0.1:9/", email="")
        self.assertEqual(r.returncode, 1)
        self.assertIn("synth: error: Unpaywall requires an email address with every request: SYNTH_EMAIL is not set",
                      r.stderr)
        bare = os.path.join(self.tmp, "bare")
        self.assertEqual(run_synth(["init", bare], cwd=self.tmp).returncode, 0)
        r = self.fulltext("http://127.0.0.1:9/", project=bare)
        self.assertEqual(r.returncode, 1)
        self.assertIn("no screening result in this project yet", r.stderr)
        self.assertEqual(self.fulltext("http://127.0.0.1:9/", "--offline", "--refresh").returncode, 2)
        # before synth fulltext, the retrieval list says "not checked" everywhere
        rows = self.retrieval_list()
        self.assertEqual(len(rows), len(self.answers) + 2)
        self.assertEqual({row["fulltext"] for row in rows.values()}, {"not checked"})
        self.assertEqual({row["checked_at"] for row in rows.values()}, {""})


if __name__ == "__main__":
    main()

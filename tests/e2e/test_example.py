"""The example review (examples/helpful-relationships) end to end, as the README's first
command runs it: scripts/demo with the built binary (no apt, no build) in a temporary folder,
offline. Checks the flow it prints and writes against the example's expected flow, that one
changed decision changes exactly the boxes it should, that dedup finds the same studies
across the exports, and that the committed PubMed cache is what synth records from the
hand-written E-utilities answers (without secrets)."""
import csv
import json
import os
import shutil
import subprocess
import sys
import tempfile
import unittest
import xml.etree.ElementTree as ET

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from synth_e2e import FIXTURES, SOURCE_DIR, SYNTH, main  # noqa: E402

EXAMPLE = os.path.join(SOURCE_DIR, "examples", "helpful-relationships")
DEMO = os.path.join(SOURCE_DIR, "scripts", "demo")
S09 = "10.5555/synth.prj.2012.302"  # "What helps? ...": excluded at full text by reviewer AT


def read_json(path):
    with open(path, encoding="utf-8") as f:
        return json.load(f)


class Example(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        if not SYNTH or not os.path.exists(SYNTH):
            raise unittest.SkipTest("SYNTH does not name the built binary")
        cls.tmp = tempfile.mkdtemp(prefix="synth-e2e-example-")
        cls.demo = os.path.join(cls.tmp, "demo")
        env = {k: v for k, v in os.environ.items() if not k.startswith("SYNTH_") and k != "NCBI_API_KEY"}
        # No network: a PubMed URL nothing listens on, so only the cache can answer.
        env.update(SYNTH=SYNTH, SYNTH_DEMO_DIR=cls.demo, HOME=cls.tmp, SYNTH_PUBMED_URL="http://127.0.0.1:9/")
        if FIXTURES:
            env["SYNTH_FIXTURES"] = FIXTURES  # the demo's OpenAlex part replays recorded answers
        cls.env = env
        cls.result = subprocess.run([DEMO], env=env, capture_output=True, text=True, timeout=600)

    @classmethod
    def tearDownClass(cls):
        shutil.rmtree(getattr(cls, "tmp", ""), ignore_errors=True)

    def synth(self, *args, cwd, check=0):
        r = subprocess.run([SYNTH, *args], cwd=cwd, env=self.env, capture_output=True, text=True, timeout=300)
        if check is not None:
            self.assertEqual(r.returncode, check, "synth %s\n%s" % (" ".join(args), r.stderr))
        return r

    def test_demo_runs_the_review_and_matches_the_expected_flow(self):
        self.assertEqual(self.result.returncode, 0, self.result.stdout[-3000:] + self.result.stderr[-3000:])
        out = self.result.stdout
        for line in ["queries/pubmed.query: PubMed: 12 hits, 12 records retrieved, 12 new",
                     "exports/cinahl.ris: 10 records (ris): 10 from CINAHL",
                     "exports/citation-searching.bib: 4 records (bibtex): 4 from Citation searching"]:
            self.assertIn(line, out)
        self.assertIn("flow matches", self.result.stderr)
        # The flow as text, as a user reads it.
        lines = out.splitlines()
        for label, n in [("Records identified from databases", "46"), ("PubMed", "12"), ("CINAHL", "10"),
                         ("Duplicate records removed", "15"), ("Marked as ineligible by automation tools", "5"),
                         ("Records screened on title", "26"), ("Records excluded on title", "10"),
                         ("Abstracts screened", "16"), ("Records excluded on abstract", "5"),
                         ("Reports not retrieved", "1"), ("Reports assessed for eligibility", "10"),
                         ("Under 50% of participants with SMI", "2"),
                         ("Records identified from citation searching", "4"),
                         ("New studies included in review", "7")]:
            self.assertTrue(any(l.strip().startswith(label) and l.endswith(" " + n) for l in lines), (label, n))
        # Outputs written in the folder the demo names.
        self.assertIn("the example review is in %s" % self.demo, out)
        flow = read_json(os.path.join(self.demo, "flow.json"))
        self.assertEqual(flow, read_json(os.path.join(EXAMPLE, "expected-flow.json")))
        self.assertEqual(flow["database_specific_results"],
                         [{"label": "PubMed", "n": 12}, {"label": "CINAHL", "n": 10}, {"label": "PsycINFO", "n": 9},
                          {"label": "Web of Science", "n": 8}, {"label": "Sociological Abstracts", "n": 7}])
        self.assertEqual(flow["records_pending"] + flow["reports_pending"], 0)
        with open(os.path.join(self.demo, "flow.csv"), encoding="utf-8") as f:
            rows = {r["data"]: r["n"] for r in csv.DictReader(f)}
        self.assertEqual(rows["new_studies"], "7")
        self.assertEqual(rows["dbr_excluded"],
                         "Under 50% of participants with SMI, 2; Insufficient focus on relationships with professionals, 2")
        svg = ET.parse(os.path.join(self.demo, "prisma.svg")).getroot()
        ns = "{http://www.w3.org/2000/svg}"
        boxes = {g.get("id"): " ".join("".join(t.itertext()) for t in g.iter(ns + "text")) for g in svg.iter(ns + "g")}
        self.assertEqual(boxes["records_screened"], "Records screened on title (n\u00a0=\u00a026)")
        self.assertIn("Citation searching (n\u00a0=\u00a04)", boxes["website_results"])
        self.assertIn("New studies included in review (n\u00a0=\u00a07)", boxes["new_studies"])
        if shutil.which("rsvg-convert"):
            with open(os.path.join(self.demo, "prisma.png"), "rb") as f:
                self.assertEqual(f.read(8), b"\x89PNG\r\n\x1a\n")

    def test_demo_openalex_search_and_chase_online_then_offline(self):
        if not FIXTURES or not os.path.isdir(os.path.join(FIXTURES, "openalex", "openalexpro_vcr")):
            self.skipTest("skipped: fixtures (openalex) absent")
        self.assertEqual(self.result.returncode, 0, self.result.stdout[-3000:] + self.result.stderr[-3000:])
        import sqlite3
        from test_chase import recorded
        from test_search_openalex import early, has
        pool, seeds = recorded()
        want = {i for i, w in pool.items() if early(w) and has(w, "biodiversity") and has(w, "finance")}
        seed_ids = {s["id"].rsplit("/", 1)[-1] for s in seeds}
        chased = set()
        for s in seeds:
            chased |= {r.rsplit("/", 1)[-1] for r in s["referenced_works"] if r.rsplit("/", 1)[-1] in pool}
        for wid, w in pool.items():
            if any(r.rsplit("/", 1)[-1] in seed_ids for r in w.get("referenced_works") or []):
                chased.add(wid)
        chased -= seed_ids
        self.assertTrue(want and chased)
        stored = {}
        for run in ("online", "offline"):
            db = sqlite3.connect(os.path.join(self.demo, "openalex", run, "synth.db"))
            try:
                stored[run] = sorted(db.execute("SELECT source, source_id, doi, title FROM records").fetchall())
            finally:
                db.close()
            flow = read_json(os.path.join(self.demo, "openalex", run, "flow.json"))
            log = json.loads(self.synth("--json", "log", cwd=os.path.join(self.demo, "openalex", run)).stdout)
            oa = [x for x in log["searches"] if x["database"] == "OpenAlex"]
            self.assertEqual(len(oa), 1)
            self.assertEqual(oa[0]["records_matched"], len(want), run)
            # PRISMA counts what the database returned (OpenAlex's own search, word forms)
            self.assertEqual(flow["database_results"], oa[0]["records_retrieved"], run)
            self.assertEqual(flow["citations_results"], len(chased), run)
        self.assertEqual({sid for src, sid, _, _ in stored["online"] if src == "OpenAlex"}, want)
        self.assertEqual({sid for src, sid, _, _ in stored["online"] if src == "Citation searching"}, chased)
        self.assertEqual(stored["offline"], stored["online"])
        out = self.result.stdout
        self.assertIn("queries/openalex.query: OpenAlex: %d hits, %d records retrieved, %d matched the strategy, %d new"
                      % (oa[0]["records_retrieved"], oa[0]["records_retrieved"], len(want), len(want)), out)
        self.assertEqual(out.count("Citation searching (OpenAlex): 2 of 2 seeds resolved; ") , 2)
        self.assertIn("%d records, %d new" % (len(chased), len(chased)), out)
        self.assertIn("$ synth search --offline queries/openalex.query", out)

    def test_one_changed_decision_changes_exactly_its_boxes(self):
        self.assertEqual(self.result.returncode, 0, self.result.stderr[-3000:])
        review = os.path.join(self.tmp, "changed")
        shutil.copytree(self.demo, review)
        before = read_json(os.path.join(review, "flow.json"))
        path = os.path.join(review, "decisions", "full-text.csv")
        with open(path, encoding="utf-8") as f:
            text = f.read()
        old = S09 + ",full-text,exclude,Insufficient focus on relationships with professionals,AT"
        self.assertIn(old, text)
        with open(path, "w", encoding="utf-8") as f:
            f.write(text.replace(old, S09 + ",full-text,include,,AT"))
        self.synth("screen", cwd=review)
        after = json.loads(self.synth("prisma", "--format", "json", cwd=review).stdout)
        changed = {k for k in before if before[k] != after.get(k)} | (set(after) - set(before))
        self.assertEqual(changed, {"dbr_excluded", "dbr_excluded_total", "new_studies", "new_reports"})
        self.assertEqual(after["dbr_excluded_total"], before["dbr_excluded_total"] - 1)
        self.assertEqual(after["new_studies"], before["new_studies"] + 1)
        self.assertEqual(after["new_reports"], before["new_reports"] + 1)
        self.assertEqual(after["dbr_excluded"], [{"label": "Under 50% of participants with SMI", "n": 2},
                                                 {"label": "Insufficient focus on relationships with professionals",
                                                  "n": 1}])
        # CI's check fails, naming those boxes and no other.
        r = self.synth("prisma", "--expect", os.path.join(EXAMPLE, "expected-flow.json"), cwd=review, check=1)
        self.assertIn("the flow differs in 3 boxes", r.stderr)
        self.assertIn("new_studies: expected 7, got 8", r.stderr)
        self.assertIn("new_reports: expected 7, got 8", r.stderr)
        self.assertIn("dbr_excluded: expected", r.stderr)

    def test_dedup_finds_each_study_across_the_exports(self):
        self.assertEqual(self.result.returncode, 0, self.result.stderr[-3000:])
        out = self.synth("export", "--format", "csv", cwd=self.demo).stdout
        clusters = {}
        for r in csv.DictReader(out.splitlines()):
            clusters.setdefault(r["cluster_id"], []).append(r)
        self.assertEqual(len(clusters), 34)

        def sources_of(pred):
            found = [c for c in clusters.values() if any(pred(r) for r in c)]
            self.assertEqual(len(found), 1)
            return sorted(r["source"] for r in found[0])

        # "Topor A" (Web of Science), "Topor, Alain" (PsycINFO), "Alain Topor" without DOI and
        # with the abbreviated journal (citation searching), pages 1112-9 (PubMed).
        self.assertEqual(sources_of(lambda r: r["pmid"] == "99100109"),
                         ["Citation searching", "PsycINFO", "PubMed", "Web of Science"])
        # Title Case and no DOI in CINAHL.
        self.assertEqual(sources_of(lambda r: r["pmid"] == "99100106"), ["CINAHL", "PubMed"])
        # No DOI in Sociological Abstracts.
        self.assertEqual(sources_of(lambda r: r["pmid"] == "99100103"),
                         ["PubMed", "Sociological Abstracts", "Web of Science"])
        # Same subject, different studies: never merged.
        self.assertEqual(sources_of(lambda r: r["title"].startswith("Staff perceptions")), ["CINAHL", "PubMed"])
        self.assertEqual(sources_of(lambda r: r["title"].startswith("Peer support workers")), ["Sociological Abstracts"])

    def test_committed_cache_is_what_synth_records_without_secrets(self):
        out = os.path.join(self.tmp, "recorded")
        env = dict(self.env, NCBI_API_KEY="secret123", SYNTH_EMAIL="librarian@example.org")
        env.pop("SYNTH_PUBMED_URL")
        r = subprocess.run([sys.executable, os.path.join(EXAMPLE, "pubmed-replay", "record-cache"), "--synth", SYNTH,
                            "--out", out], env=env, capture_output=True, text=True, timeout=300)
        self.assertEqual(r.returncode, 0, r.stderr)
        committed = os.path.join(EXAMPLE, "cache")
        self.assertEqual(sorted(os.listdir(out)), sorted(os.listdir(committed)))
        for name in os.listdir(out):
            with open(os.path.join(out, name), "rb") as f:
                data = f.read()
            self.assertNotIn(b"secret123", data, name)
            self.assertNotIn(b"librarian@example.org", data, name)
            with open(os.path.join(committed, name), "rb") as f:
                ref = f.read()
            if name.endswith(".body"):
                self.assertEqual(data, ref, name)
            else:  # the sidecar: same request, fetched at another time from another port
                a, b = json.loads(data), json.loads(ref)
                self.assertEqual((a["method"], a["params"], a["cache_name"]), (b["method"], b["params"], b["cache_name"]))


if __name__ == "__main__":
    main()

"""synth chase against the replay of the recorded OpenAlex chase of two works (oa_snowball.yml):
seeds resolved by DOI, references (openalex: filter) and citing works (cites: filter), each
work stored once with every seed and direction, listed what OpenAlex does not return, counted
by PRISMA as citation searching, logged, and a re-run doubles nothing."""
import json
import os
import shutil
import sqlite3
import sys
import tempfile
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from replay_server import OPENALEX_POOL, ReplayServer, fixtures_dir, openalex_pool_works, run_synth, synth_binary  # noqa: E402
import vcr_cassette  # noqa: E402
from synth_e2e import main  # noqa: E402

FIX = fixtures_dir()
SNOWBALL = os.path.join(FIX, "openalex/openalexpro_vcr/oa_snowball.yml")


def short(url):
    return url.rsplit("/", 1)[-1]


def recorded():
    """The pool the server holds, and the two seeds of the recorded chase (its openalex: answer)."""
    pool, seeds = openalex_pool_works(), []
    for it in vcr_cassette.interactions(SNOWBALL):
        if "openalex%3A" in it["uri"] and "cursor" in it["uri"]:
            seeds = json.loads(it["body"].decode("utf-8"))["results"]
    return pool, seeds


def ris(works, extra=""):
    out = []
    for w in works:
        out.append("TY  - JOUR\nTI  - %s\nDO  - %s\nPY  - %s\nER  - \n" % (
            w["title"], w["doi"].replace("https://doi.org/", ""), w["publication_year"]))
    return "\n".join(out) + extra


class Chase(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        if not synth_binary() or not os.path.exists(SNOWBALL):
            raise unittest.SkipTest("SYNTH binary or fixtures absent")
        cls.pool, cls.seeds = recorded()

    def setUp(self):
        self.tmp = tempfile.mkdtemp(prefix="synth-e2e-chase-")
        self.project = os.path.join(self.tmp, "review")
        self.assertEqual(run_synth(["init", self.project], cwd=self.tmp).returncode, 0)

    def tearDown(self):
        shutil.rmtree(self.tmp, ignore_errors=True)

    def chase(self, url, *args):
        env = {"SYNTH_OPENALEX_URL": url, "SYNTH_EMAIL": "librarian@example.org", "OPENALEX_API_KEY": "k-secret-77",
               "SYNTH_RETRY_BASE_MS": "50", "SYNTH_HTTP_TIMEOUT": "5"}
        return run_synth(["chase"] + list(args), cwd=self.project, env=env)

    def expected(self):
        seed_ids = {short(s["id"]) for s in self.seeds}
        links = {}
        missing = set()
        for s in self.seeds:
            for r in s["referenced_works"]:
                if short(r) in self.pool:
                    links.setdefault(short(r), set()).add((short(s["id"]), "backward"))
                else:
                    missing.add(short(r))
        for wid, w in self.pool.items():
            for r in w.get("referenced_works") or []:
                if short(r) in seed_ids:
                    links.setdefault(wid, set()).add((short(r), "forward"))
        for sid in seed_ids:
            links.pop(sid, None)
        return links, missing

    def test_both_ways_from_a_file_of_seeds(self):
        self.assertEqual(len(self.seeds), 2)
        links, missing = self.expected()
        self.assertTrue(any(len({s for s, _ in v}) == 2 for v in links.values()), "no work reached from both seeds")
        seeds_file = os.path.join(self.tmp, "seeds.ris")
        with open(seeds_file, "w", encoding="utf-8") as fh:
            fh.write(ris(self.seeds, "\nTY  - JOUR\nTI  - A study OpenAlex does not hold\nDO  - 10.9999/nowhere.1\n"
                                     "ER  - \n"))
        with ReplayServer(self.tmp, ["--openalex-pool"] + [os.path.join(FIX, p) for p in OPENALEX_POOL]) as s:
            r = self.chase(s.url, "--backward", "--forward", "--from", seeds_file)
            filters = [dict(x["params"])["filter"] for x in s.stats()["log"] if x["path"] == "/works"]
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertNotIn("k-secret-77", r.stdout + r.stderr)
        self.assertTrue(any(f.startswith("doi:") for f in filters))
        self.assertTrue(any(f.startswith("openalex:") for f in filters))
        self.assertTrue(any(f.startswith("cites:") for f in filters))
        self.assertIn("seed not found in OpenAlex: doi:10.9999/nowhere.1", r.stderr)
        if missing:
            self.assertIn("%d references not returned by OpenAlex" % len(missing) if len(missing) > 1
                          else "1 reference not returned by OpenAlex", r.stderr)
        db = sqlite3.connect(os.path.join(self.project, "synth.db"))
        try:
            recs = dict(db.execute("SELECT source_id, id FROM records WHERE source = 'Citation searching'").fetchall())
            self.assertEqual(db.execute("SELECT count(*) FROM records").fetchone()[0], len(recs))
            rows = db.execute("SELECT r.source_id, l.seed, l.direction, l.request FROM chase_links l "
                              "JOIN records r ON r.id = l.record_id").fetchall()
            (details,), = db.execute("SELECT details FROM searches WHERE database = 'Citation searching'").fetchall()
        finally:
            db.close()
        self.assertEqual(set(recs), set(links))
        got = {}
        for sid, seed, direction, request in rows:
            self.assertRegex(seed, r"^W\d+ \(doi:10\.")  # the OpenAlex id, then the seed as given
            got.setdefault(sid, set()).add((seed.split(" ")[0], direction))
            self.assertTrue(request.startswith("GET "), request)
            self.assertNotIn("k-secret-77", request)
        self.assertEqual(got, links)
        details = json.loads(details)
        self.assertEqual(details["prisma_group"], "citations")
        self.assertEqual(details["seeds"], 3)
        self.assertEqual(details["seeds_resolved"], 2)
        self.assertEqual(details["references_not_returned"], len(missing))
        self.assertEqual(sorted(details["references_not_returned_ids"]), sorted(missing))
        self.assertEqual(r.stdout, "Citation searching (OpenAlex): 2 of 3 seeds resolved; %d backward, %d forward; "
                         "%d records, %d new\n" % (
                             sum(1 for v in links.values() if any(d == "backward" for _, d in v)),
                             sum(1 for v in links.values() if any(d == "forward" for _, d in v)),
                             len(links), len(links)))
        # PRISMA: the other-methods column
        flow = json.loads(run_synth(["--json", "prisma"], cwd=self.project).stdout)
        self.assertEqual(flow["citations_results"], len(links))
        self.assertEqual(flow["database_results"], 0)
        log = json.loads(run_synth(["--json", "log"], cwd=self.project).stdout)["searches"]
        self.assertEqual(log[0]["database"], "Citation searching")
        self.assertEqual(log[0]["details"]["method"], "citation chase")
        # offline re-run: the cache replays, nothing is doubled
        r = self.chase("http://127.0.0.1:9/", "--backward", "--forward", "--from", seeds_file, "--offline")
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertIn("%d records, 0 new" % len(links), r.stdout)
        db = sqlite3.connect(os.path.join(self.project, "synth.db"))
        try:
            self.assertEqual(db.execute("SELECT count(*) FROM records").fetchone()[0], len(links))
        finally:
            db.close()

    def test_backward_only_and_usage(self):
        links, _ = self.expected()
        seeds_file = os.path.join(self.tmp, "seeds.ris")
        with open(seeds_file, "w", encoding="utf-8") as fh:
            fh.write(ris(self.seeds))
        r = self.chase("http://127.0.0.1:9/", "--from", seeds_file)
        self.assertEqual(r.returncode, 2)
        self.assertIn("--backward, --forward or both", r.stderr)
        with ReplayServer(self.tmp, ["--openalex-pool"] + [os.path.join(FIX, p) for p in OPENALEX_POOL]) as s:
            r = self.chase(s.url, "--backward", "--from", seeds_file)
        self.assertEqual(r.returncode, 0, r.stderr)
        db = sqlite3.connect(os.path.join(self.project, "synth.db"))
        try:
            directions = {d for (d,) in db.execute("SELECT direction FROM chase_links")}
            n = db.execute("SELECT count(*) FROM records").fetchone()[0]
        finally:
            db.close()
        self.assertEqual(directions, {"backward"})
        self.assertEqual(n, sum(1 for v in links.values() if any(d == "backward" for _, d in v)))

    def test_no_included_records_is_a_clear_error(self):
        r = self.chase("http://127.0.0.1:9/", "--backward")
        self.assertEqual(r.returncode, 1)
        self.assertIn("no included records to chase from", r.stderr)


if __name__ == "__main__":
    main()

"""End-to-end tests of `synth dedup`: import, dedup, re-run, second copy, review file."""
import csv
import io
import json
import os
import sqlite3
import subprocess
import sys
import tempfile
import unittest

SYNTH = os.environ.get("SYNTH")
FIXTURES = os.environ.get("SYNTH_FIXTURES", "")
SPECIAL = os.path.join(FIXTURES, "dedup/bib-dedupe/special_cases/records_pre_merged.csv")

RECORDS = """id,title,author,year,journal,volume,pages,doi
a1,Helping relationships in mental health services,"Topor, Alain",2013,Psychiatr Q,86,471-95,10.1007/s11126-015-9347-5
a2,Peer support for people with severe mental illness,"Davidson, Larry",2012,Psychiatr Serv,63,,
a3,Shared decision making in psychiatry,"Hamann, J",2006,Acta Psychiatr Scand,114,265-73,
"""
COPY = """id,title,author,year,journal,volume,pages,doi
b1,HELPING RELATIONSHIPS IN MENTAL HEALTH SERVICES.,"Topor, A.",2013,Psychiatric Quarterly,86,471-495,
b2,Peer support for people with severe mental illness: a review,"Davidson, L",2013,,,,
"""
# An update search: one more copy of a1, one copy of a3 and a new study.
UPDATE = """id,title,author,year,journal,volume,pages,doi
c1,Helping relationships in mental health services,"Topor, Alain",2013,Psychiatr Q,86,471-495,10.1007/S11126-015-9347-5
c2,Shared decision making in psychiatry.,"Hamann, Johannes",2006,Acta Psychiatrica Scandinavica,114,265-273,
c3,Recovery colleges: a qualitative study,"Perkins, R",2018,BJPsych Bull,42,1-5,
"""


class DedupTest(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory()
        self.dir = self.tmp.name
        env = {k: v for k, v in os.environ.items() if not k.startswith("SYNTH_")}
        env["HOME"] = self.dir
        self.env = env
        self.synth("init", ".")

    def tearDown(self):
        self.tmp.cleanup()

    def synth(self, *args, ok=True):
        p = subprocess.run([SYNTH, *args], cwd=self.dir, env=self.env, capture_output=True, text=True)
        if ok and p.returncode != 0:
            self.fail(f"synth {' '.join(args)} failed ({p.returncode}): {p.stderr}")
        return p

    def write(self, name, text):
        path = os.path.join(self.dir, name)
        with open(path, "w", encoding="utf-8") as f:
            f.write(text)
        return path

    def clusters(self):
        db = sqlite3.connect(os.path.join(self.dir, "synth.db"))
        rows = db.execute("SELECT record_id, cluster_id, kept, evidence FROM clusters ORDER BY record_id").fetchall()
        db.close()
        return rows

    def dedup_json(self, *args):
        return json.loads(self.synth("--json", "dedup", *args).stdout)

    def test_special_cases_twice_and_second_copy(self):
        if not os.path.exists(SPECIAL):
            self.skipTest("fixture absent: %s" % SPECIAL)
        self.synth("import", SPECIAL, "--source", "A")
        first = self.dedup_json()
        self.assertEqual(first["records"], 12)
        self.assertEqual(first["unique_records"], 9)
        self.assertEqual(first["duplicates_removed"], 3)
        before = self.clusters()
        self.dedup_json()
        self.assertEqual(self.clusters(), before)
        # The same file under another source name: every record of it is a duplicate.
        self.synth("import", SPECIAL, "--source", "B")
        second = self.dedup_json()
        self.assertEqual(second["records"], 24)
        self.assertEqual(second["unique_records"], 9)
        after = {r[0]: r for r in self.clusters()}
        for rid, cid, kept, _ in before:
            self.assertEqual(after[rid][1], cid)
        for rid in range(13, 25):
            self.assertEqual(after[rid][2], 0, f"record {rid} of the copy should be a duplicate")

    def test_second_copy_of_real_exports(self):
        files = [os.path.join(FIXTURES, f) for f in ("exports/ovid_mckeown/ovid_1_to_1000_medline_cctr.ris",
                                                      "pubmed/p1m_ortho/pubmed_result_292.xml",
                                                      "exports/asysd/endnote_ris_export_821.txt",
                                                      "dedup/bib-dedupe/digital_work/records_pre_merged.csv")]
        if not all(os.path.exists(f) for f in files):
            self.skipTest("fixtures absent")
        for f in files:
            self.synth("import", f, "--source", "first " + os.path.basename(f))
        first = self.dedup_json()
        for f in files:
            self.synth("import", f, "--source", "again " + os.path.basename(f))
        second = self.dedup_json()
        self.assertEqual(second["records"], 2 * first["records"])
        self.assertEqual(second["unique_records"], first["unique_records"])
        db = sqlite3.connect(os.path.join(self.dir, "synth.db"))
        kept = db.execute("SELECT count(*) FROM clusters c JOIN records r ON r.id = c.record_id "
                          "WHERE r.source LIKE 'again %' AND c.kept = 1").fetchone()[0]
        db.close()
        self.assertEqual(kept, 0, "every record of the second copy is a duplicate")

    def test_text_output_and_review_round_trip(self):
        self.synth("import", self.write("a.csv", RECORDS), "--source", "A")
        self.synth("import", self.write("b.csv", COPY), "--source", "B")
        p = self.synth("dedup")
        self.assertIn("records                      5\n", p.stdout)
        self.assertIn("unique records               4\n", p.stdout)
        self.assertIn("duplicates removed           1\n", p.stdout)
        self.assertIn("uncertain pairs              1\n", p.stdout)

        review = os.path.join(self.dir, "review.csv")
        res = self.dedup_json("--review", review)
        self.assertEqual(res["review_rows"], 1)
        with open(review, encoding="utf-8") as f:
            lines = f.read().splitlines()
        self.assertTrue(lines[0].startswith("pair_id,decision,score,evidence,a_id,a_source,a_title"))
        self.assertTrue(lines[1].startswith("2-5,,"), lines[1])

        # A bad decision names file and line and changes nothing.
        self.write("review.csv", lines[0] + "\n" + lines[1].replace("2-5,,", "2-5,maybe,", 1) + "\n")
        p = self.synth("dedup", "--review", review, ok=False)
        self.assertEqual(p.returncode, 1)
        self.assertIn(f"synth: error: {review}:2: decision must be same, different or empty (got 'maybe')", p.stderr)

        self.write("review.csv", lines[0] + "\n" + lines[1].replace("2-5,,", "2-5,same,", 1) + "\n")
        res = self.dedup_json("--review", review)
        self.assertEqual(res["decisions_read"], 1)
        self.assertEqual(res["unique_records"], 3)
        self.assertEqual(res["uncertain_pairs"], 0)
        # The decision is kept in the store: a plain re-run gives the same clusters.
        self.assertEqual(self.dedup_json()["unique_records"], 3)
        rows = {r[0]: r for r in self.clusters()}
        self.assertEqual(rows[5][1], 2)
        self.assertEqual(rows[5][3], "2: review: same")

    def export_rows(self):
        out = self.synth("export", "--format", "csv").stdout
        return {r["source_record_id"]: r for r in csv.DictReader(io.StringIO(out))}

    def test_export_and_status_show_the_clusters(self):
        self.synth("import", self.write("a.csv", RECORDS), "--source", "A")
        self.synth("import", self.write("b.csv", COPY), "--source", "B")
        status = json.loads(self.synth("--json", "status").stdout)
        self.assertFalse(status["deduplicated"])
        self.assertIn("duplicates   not yet run (synth dedup)", self.synth("status").stdout)
        self.synth("dedup")
        rows = self.export_rows()
        # The duplicate shares its kept record's cluster id; every other record is its own.
        self.assertEqual(rows["b1"]["cluster_id"], rows["a1"]["record_id"])
        for rid in ("a1", "a2", "a3", "b2"):
            self.assertEqual(rows[rid]["cluster_id"], rows[rid]["record_id"], rid)
        status = json.loads(self.synth("--json", "status").stdout)
        self.assertTrue(status["deduplicated"])
        self.assertEqual(status["records"], 5)
        self.assertEqual(status["unique_records"], 4)
        self.assertEqual(status["duplicates"], 1)
        self.assertEqual(status["uncertain_pairs"], 1)
        text = self.synth("status").stdout
        self.assertRegex(text, r"\nduplicates +1  removed\n")
        self.assertRegex(text, r"\nunique +4\n")
        self.assertRegex(text, r"\nuncertain +1 .*synth dedup --review FILE")

    def test_an_update_keeps_clusters_and_decisions(self):
        self.synth("import", self.write("a.csv", RECORDS), "--source", "A")
        self.synth("import", self.write("b.csv", COPY), "--source", "B")
        review = os.path.join(self.dir, "review.csv")
        self.dedup_json("--review", review)
        with open(review, encoding="utf-8") as f:
            lines = f.read().splitlines()
        self.write("review.csv", lines[0] + "\n" + lines[1].replace("2-5,,", "2-5,different,", 1) + "\n")
        decided = self.dedup_json("--review", review)
        self.assertEqual(decided["unique_records"], 4)
        self.assertEqual(decided["uncertain_pairs"], 0)
        before = {r[0]: r[1] for r in self.clusters()}

        self.synth("import", self.write("c.csv", UPDATE), "--source", "C")
        after = self.dedup_json()
        self.assertEqual(after["records"], 8)
        self.assertEqual(after["unique_records"], 5)  # c3 is the only new study
        self.assertEqual(after["uncertain_pairs"], 0)  # the decision still holds
        clusters = {r[0]: r[1] for r in self.clusters()}
        for rid, cid in before.items():
            self.assertEqual(clusters[rid], cid, f"record {rid} changed cluster")
        rows = self.export_rows()
        self.assertEqual(rows["c1"]["cluster_id"], rows["a1"]["record_id"])
        self.assertEqual(rows["c2"]["cluster_id"], rows["a3"]["record_id"])
        self.assertEqual(rows["c3"]["cluster_id"], rows["c3"]["record_id"])
        self.assertNotEqual(rows["b2"]["cluster_id"], rows["a2"]["cluster_id"])


if __name__ == "__main__":
    if not SYNTH:
        print("SYNTH not set", file=sys.stderr)
        sys.exit(77)
    unittest.main()

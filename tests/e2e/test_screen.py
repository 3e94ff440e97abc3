"""End-to-end tests of `synth screen` (issue 5): real binary, temporary project, real fixtures."""
import csv
import json
import os
import shutil
import subprocess
import sys
import tempfile
import unittest

SYNTH = os.environ.get("SYNTH", "")
FIXTURES = os.environ.get("SYNTH_FIXTURES", "")
SOURCE = os.environ.get("SYNTH_SOURCE_DIR", os.path.join(os.path.dirname(__file__), "..", ".."))
MEDSAMP = ["medsamp2014.xml", "medsamp2017.xml", "pubmedsample18n0001.xml.gz"]


def have_fixtures():
    return FIXTURES and os.path.isdir(FIXTURES)


class Project:
    def __init__(self):
        self.dir = tempfile.mkdtemp(prefix="synth-e2e-screen-")
        self.env = {k: v for k, v in os.environ.items() if not k.startswith("SYNTH_")}
        self.env["HOME"] = self.dir

    def run(self, *args, expect=0):
        proc = subprocess.run([SYNTH, "--project", self.dir, *args], capture_output=True, text=True,
                              env=self.env, cwd=self.dir)
        if expect is not None and proc.returncode != expect:
            raise AssertionError("synth %s: exit %d, expected %d\nstdout:\n%s\nstderr:\n%s" % (
                " ".join(args), proc.returncode, expect, proc.stdout, proc.stderr))
        return proc

    def json(self, *args):
        return json.loads(self.run("--json", *args).stdout)

    def write(self, rel, text):
        path = os.path.join(self.dir, rel)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "w", encoding="utf-8") as f:
            f.write(text)
        return path

    def close(self):
        shutil.rmtree(self.dir, ignore_errors=True)


def reasons(doc, stage):
    for s in doc["stages"]:
        if s["stage"] == stage:
            return {r["reason"]: r["records"] for r in s["excluded_by_reason"]}
    return {}


class ScreenTest(unittest.TestCase):
    def setUp(self):
        if not SYNTH:
            self.skipTest("SYNTH not set")
        self.p = Project()
        subprocess.run([SYNTH, "init", self.p.dir], capture_output=True, check=True, env=self.p.env)

    def tearDown(self):
        self.p.close()

    def import_medsamp(self):
        for f in MEDSAMP:
            self.p.run("import", os.path.join(FIXTURES, "pubmed", "nlm_medsamp", f))

    def test_medsamp_english_1990_peer_reviewed(self):
        if not have_fixtures():
            self.skipTest("fixtures absent")
        self.import_medsamp()
        shutil.copy(os.path.join(SOURCE, "examples", "criteria", "ljungberg-2015.criteria"),
                    os.path.join(self.p.dir, "criteria.txt"))
        doc = self.p.json("screen")
        # Counted with python xml.etree from the three files (first occurrence of a PMID):
        # 178 unique; first <Language> neither eng nor und: 20; then PubDate year < 1990: 17;
        # then Comment/Letter/Editorial/News/Newspaper Article/Congresses/Published Erratum/
        # Retraction of Publication: 13.
        self.assertEqual(doc["records"], 178)
        self.assertEqual(reasons(doc, "automatic"), {
            "Not in English": 20, "Published before 1990": 17, "Not a peer-reviewed journal article": 13})
        self.assertEqual(doc["excluded"], 50)
        self.assertEqual(doc["pending"], 128)
        # Re-running changes nothing.
        again = self.p.json("screen")
        self.assertEqual(again["stages"], doc["stages"])
        status = self.p.json("status")
        automatic = {c["stage"]: c for c in status["screening"]}["automatic"]
        self.assertEqual(automatic["excluded_by_reason"], {
            "Not in English": 20, "Published before 1990": 17, "Not a peer-reviewed journal article": 13})
        self.assertEqual(automatic["passed"], 128)

    def test_cohen_labels_give_the_same_counts(self):
        if not have_fixtures():
            self.skipTest("fixtures absent")
        labelled = os.path.join(FIXTURES, "screening", "cohen_2006", "NSAIDS.csv")
        self.p.run("import", "--source", "PubMed", "--format", "csv", labelled)
        with open(labelled, encoding="utf-8", newline="") as f:
            rows = list(csv.DictReader(f))
        lines = ["record,stage,decision,reason,reviewer"]
        for r in rows:
            tiab = r["label_abstract_screening"] == "1"
            lines.append("pmid:%s,title-abstract,%s,,AC" % (r["pubmedID"], "include" if tiab else "exclude"))
            if tiab:
                final = r["label_included"] == "1"
                lines.append("pmid:%s,full-text,%s,%s,AC" % (
                    r["pubmedID"], "include" if final else "exclude", "" if final else "Excluded at full text"))
        self.p.write("decisions/nsaids.csv", "\n".join(lines) + "\n")
        doc = self.p.json("screen")
        # From NSAIDS.csv: 393 records; abstract label 0: 305; 1 then final 0: 47; both 1: 41.
        self.assertEqual(doc["records"], 393)
        self.assertEqual(doc["included"], 41)
        self.assertEqual(reasons(doc, "title-abstract"), {"": 305})
        self.assertEqual(reasons(doc, "full-text"), {"Excluded at full text": 47})
        status = self.p.json("status")
        stages = {c["stage"]: c for c in status["screening"]}
        self.assertEqual(stages["title-abstract"]["reached"], 393)
        self.assertEqual(stages["title-abstract"]["excluded"], 305)
        self.assertEqual(stages["full-text"]["reached"], 88)
        self.assertEqual(stages["full-text"]["passed"], 41)
        self.assertEqual(stages["full-text"]["excluded"], 47)
        self.assertEqual(stages["full-text"]["excluded_by_reason"], {"Excluded at full text": 47})
        self.assertEqual(stages["full-text"]["pending"], 0)

    def test_bad_decision_file_applies_nothing(self):
        if not have_fixtures():
            self.skipTest("fixtures absent")
        self.p.run("import", os.path.join(FIXTURES, "pubmed", "nlm_medsamp", "medsamp2017.xml"))
        export = self.p.run("export", "--format", "csv").stdout
        pmids = [r["pmid"] for r in csv.DictReader(export.splitlines()) if r["pmid"]][:3]
        self.p.write("decisions/title.csv", "record,stage,decision,reason,reviewer\n"
                     "pmid:%s,title,exclude,,AT\n" % pmids[0])
        first = self.p.json("screen")
        self.assertEqual(first["excluded"], 1)
        self.p.write("decisions/title.csv", "record,stage,decision,reason,reviewer\n"
                     "pmid:%s,title,exclude,,AT\n"
                     "pmid:%s,title,exclude,,AT\n"
                     "pmid:999,title,exclude,,AT\n" % (pmids[0], pmids[1]))
        bad = self.p.run("screen", expect=1)
        self.assertIn("decisions/title.csv:4: unknown record 'pmid:999'", bad.stderr)
        self.assertEqual(bad.stdout, "")
        status = self.p.json("status")
        excluded = sum(c["excluded"] for c in status["screening"])
        self.assertEqual(excluded, 1)  # the previous result, nothing of the bad file

    def test_conflicts_and_kappa(self):
        if not have_fixtures():
            self.skipTest("fixtures absent")
        self.p.run("import", os.path.join(FIXTURES, "pubmed", "nlm_medsamp", "medsamp2017.xml"))
        export = self.p.run("export", "--format", "csv").stdout
        pmids = [r["pmid"] for r in csv.DictReader(export.splitlines()) if r["pmid"]][:4]
        a = ["include", "include", "exclude", "exclude"]
        b = ["include", "exclude", "exclude", "exclude"]
        self.p.write("decisions/at.csv", "record,stage,decision,reason,reviewer\n" + "".join(
            "pmid:%s,title,%s,,AT\n" % (m, d) for m, d in zip(pmids, a)))
        self.p.write("decisions/bs.csv", "record,stage,decision,reason,reviewer\n" + "".join(
            "pmid:%s,title,%s,,BS\n" % (m, d) for m, d in zip(pmids, b)))
        doc = self.p.json("screen", "--conflicts")
        self.assertEqual(len(doc["conflicts"]), 1)
        self.assertEqual(doc["conflicts"][0]["stage"], "title")
        ag = doc["agreement"][0]
        # AT/BS: po = 3/4; AT include 2/4, BS include 1/4: pe = .5*.25 + .5*.75 = .5; kappa = .5
        self.assertAlmostEqual(ag["kappa"], 0.5)
        text = self.p.run("screen", "--conflicts").stdout
        self.assertIn("\ttitle\tAT include, BS exclude\t", text)
        self.p.write("decisions/consensus.csv", "record,stage,decision,reason,reviewer\n"
                     "pmid:%s,title,include,,consensus\n" % pmids[1])
        doc = self.p.json("screen")
        self.assertEqual(doc["conflicts"], [])

    def test_criteria_error_names_line_and_column(self):
        self.p.write("criteria.txt", "automatic exclude \"Old\" when year < 1990\n"
                     "automatic exclude \"Type\" when type in letter, opinion\n")
        proc = self.p.run("screen", expect=1)
        self.assertIn("synth: error: criteria.txt:2:47: unknown publication type 'opinion'", proc.stderr)


if __name__ == "__main__":
    if not SYNTH:
        print("SYNTH not set: skipped")
        sys.exit(77)
    unittest.main()

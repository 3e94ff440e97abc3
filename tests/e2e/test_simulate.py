"""End-to-end tests of `synth simulate` (issue 12): the real binary on the labelled sets of
the fixtures (Cohen 2006, ASReview). Expected counts are read from the CSV files themselves."""
import csv
import json
import os
import sys
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from synth_e2e import SynthTestCase, fixture  # noqa: E402


def labels(path, label):
    csv.field_size_limit(1 << 30)
    with open(path, newline="", encoding="utf-8") as f:
        return [r[label].strip() == "1" for r in csv.DictReader(f)]


class SimulateTest(SynthTestCase):
    def sim(self, *args):
        return self.json_of("simulate", *args)

    def check_shape(self, doc, path, label, seeds):
        y = labels(path, label)
        n, rel = len(y), sum(y)
        self.assertEqual(doc["records"], n)
        self.assertEqual(doc["relevant"], rel)
        self.assertEqual(doc["seeds"], seeds)
        self.assertEqual(len(doc["runs"]), seeds)
        m = doc["mean"]
        self.assertTrue(-0.05 <= m["wss_95"] <= 0.95, m)
        self.assertTrue(0 <= m["wss_100"] <= 1, m)
        self.assertTrue(0 <= m["rrf_10"] <= 1, m)
        self.assertTrue(0 < m["atd"] <= 1, m)
        st = doc["stopping"]
        self.assertEqual(st["runs"], seeds)
        self.assertTrue(0 <= st["runs_meeting_target"] <= seeds)
        self.assertTrue(0 <= st["recall_min"] <= 1)
        self.assertTrue(0 <= st["work_saved_mean"] < 1)
        for r in doc["runs"]:
            # The priors are one relevant and one irrelevant row of the file.
            self.assertTrue(1 <= r["prior_relevant"] <= n and 1 <= r["prior_irrelevant"] <= n)
            self.assertLessEqual(r["stop_screened"], n)
            # The record that set WSS@95 is a relevant row of the file.
            self.assertTrue(y[r["record_95"] - 1], r)
            self.assertTrue(0 <= r["stop_recall"] <= 1)
        return st

    def test_cohen_set(self):
        self.require_fixtures()
        path = fixture("screening/cohen_2006/NSAIDS.csv")
        doc = self.sim(path, "--seeds", "4")
        st = self.check_shape(doc, path, "label_included", 4)
        # Ranking beats reading in file order (WSS 0 on average) by far on this set,
        # and the stopping rule keeps its stated recall in most runs.
        self.assertGreater(doc["mean"]["wss_95"], 0.3)
        self.assertGreaterEqual(st["runs_meeting_target"], 3)
        # The same seeds give the same runs.
        self.assertEqual(self.sim(path, "--seeds", "4")["runs"], doc["runs"])
        # Seeds choose different priors.
        self.assertGreater(len({(r["prior_relevant"], r["prior_irrelevant"]) for r in doc["runs"]}), 1)

    def test_asreview_set_and_label(self):
        self.require_fixtures()
        path = fixture("screening/asreview/Nagtegaal_2019.csv")
        doc = self.sim(path, "--seeds", "2", "--label", "label_abstract_screening")
        self.check_shape(doc, path, "label_abstract_screening", 2)
        self.assertGreater(doc["mean"]["wss_95"], 0.2)

    def test_text_output(self):
        self.require_fixtures()
        path = fixture("screening/cohen_2006/UrinaryIncontinence.csv")
        y = labels(path, "label_included")
        n, rel = len(y), sum(y)
        out = self.run_synth("simulate", path, "--seeds", "2", check=0).stdout
        self.assertIn("%d records, %d relevant (label_included)" % (n, rel), out)
        self.assertIn("seed  wss@95  row@95  wss@100", out)
        self.assertIn("stopping rule (recall >= 95 % with 95 % confidence)", out)
        # Each seed's row@95 is the record_95 of the JSON document: a relevant row of the file.
        doc = self.sim(path, "--seeds", "2")
        rows = [int(line.split()[2]) for line in out.splitlines() if line.split()[:1] in (["1"], ["2"])]
        self.assertEqual(rows, [r["record_95"] for r in doc["runs"]])
        self.assertTrue(all(y[r - 1] for r in rows))

    def test_models(self):
        self.require_fixtures()
        path = fixture("screening/cohen_2006/UrinaryIncontinence.csv")
        svm = self.sim(path, "--seeds", "3")
        nb = self.sim(path, "--seeds", "3", "--model", "nb")
        ens = self.sim(path, "--seeds", "3", "--model", "ensemble")
        nbsvm = self.sim(path, "--seeds", "3", "--model", "nbsvm")
        self.assertEqual([svm["model"], nb["model"], ens["model"], nbsvm["model"]], ["svm", "nb", "ensemble", "nbsvm"])
        for doc in (nb, ens, nbsvm):
            self.check_shape(doc, path, "label_included", 3)
            # The same seeds choose the same priors whatever the model ranks with.
            self.assertEqual([(r["prior_relevant"], r["prior_irrelevant"]) for r in doc["runs"]],
                             [(r["prior_relevant"], r["prior_irrelevant"]) for r in svm["runs"]])
        # The models rank differently. On this set the naive Bayes found 95 % of the relevant
        # records sooner than the SVM with one C; the SVM whose C follows the share of relevant
        # records finds them sooner (docs/rank.md).
        self.assertGreater(svm["mean"]["wss_95"], nb["mean"]["wss_95"])
        p = self.run_synth("simulate", path, "--model", "forest", check=2)
        self.assertIn("--model must be one of svm, ensemble, nb, nbsvm, not 'forest'", p.stderr)

    def test_bad_input(self):
        path = os.path.join(self.tmp, "set.csv")
        with open(path, "w", encoding="utf-8") as f:
            f.write("title,abstract,label_included\nA trial,of something,1\nAnother,,0\nThird,x,maybe\n")
        p = self.run_synth("simulate", path, check=1)
        self.assertIn("set.csv:4: label_included is \"maybe\", expected 0 or 1", p.stderr)
        p = self.run_synth("simulate", path, "--label", "included", check=1)
        self.assertIn("set.csv:1: no column \"included\"", p.stderr)
        p = self.run_synth("simulate", os.path.join(self.tmp, "absent.csv"), check=1)
        self.assertIn("absent.csv", p.stderr)
        self.run_synth("simulate", path, "--seeds", "0", check=2)


if __name__ == "__main__":
    unittest.main()

"""End-to-end test of the stopping rule in the workflow (issue 12, docs/screen.md): a real
labelled set (Cohen 2006, NSAIDS) imported as a project, title-abstract decisions written by
one reviewer in the ranked order synth gives (`synth export --pending`, retrained on the
decisions so far) with the set's own labels, until `synth status` says the rule is met.
Then `synth screen --stop-by-rule`: refused before, accepted after; its CSV rows, the
counts of `synth screen`, `synth status` and `synth prisma` (JSON, CSV, text, SVG) and the
search-log entry; a second run doubles nothing. Expected counts come from the CSV itself."""
import csv
import json
import os
import re
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from synth_e2e import SynthTestCase, fixture, main  # noqa: E402

REASON = "not screened: stopping rule met (recall >= 95 %, 95 % confidence)"
BATCH = 20


class StoppingRuleTest(SynthTestCase):
    def synth(self, *args, check=0):
        return self.run_synth("--project", self.project, *args, check=check)

    def doc(self, *args):
        return json.loads(self.synth("--json", *args).stdout)

    def write(self, rel, text):
        with open(os.path.join(self.project, rel), "w", encoding="utf-8") as f:
            f.write(text)

    def setUp(self):
        super().setUp()
        self.require_fixtures()
        self.labelled = fixture("screening/cohen_2006/NSAIDS.csv")
        if not os.path.exists(self.labelled):
            self.skipTest("skipped: fixture absent: %s" % self.labelled)
        self.project = self.new_project()
        with open(self.labelled, encoding="utf-8", newline="") as f:
            self.rows = list(csv.DictReader(f))
        self.label = {r["pubmedID"]: r["label_abstract_screening"] == "1" for r in self.rows}
        self.synth("import", "--source", "PubMed", "--format", "csv", self.labelled)
        self.write("criteria.txt", "reviewers: AT\nstages: title-abstract, full-text\n"
                                   "stopping-target: 0.95\nstopping-confidence: 0.95\n")

    def pending_ranked(self):
        """The records waiting at title-abstract, best first: (synth id, PMID)."""
        out = self.synth("export", "--pending", "title-abstract", "--format", "csv").stdout
        return [(int(r["record_id"]), r["pmid"]) for r in csv.DictReader(out.splitlines())]

    def stopping(self):
        states = [s for s in self.doc("status")["stopping"] if s["stage"] == "title-abstract"]
        self.assertEqual(len(states), 1, states)
        return states[0]

    def test_stop_by_rule(self):
        ids = {}
        decided = []  # (id, relevant) in the order decided
        lines = ["record,stage,decision,reason,reviewer,note,time"]
        self.synth("screen")
        refused = 0
        state = None
        while True:
            ranked = self.pending_ranked()
            self.assertTrue(ranked, "every record screened before the rule was met")
            for rid, pmid in ranked[:BATCH]:
                ids[rid] = pmid
                rel = self.label[pmid]
                decided.append((rid, rel))
                lines.append("%d,title-abstract,%s,,AT,,2026-12-03T10:00:00Z" % (rid, "include" if rel else "exclude"))
            self.write("decisions/title-abstract-AT.csv", "\n".join(lines) + "\n")
            self.synth("screen")
            state = self.stopping()
            self.assertEqual(state["screened"], len(decided))
            self.assertEqual(state["relevant"], sum(1 for _, r in decided if r))
            self.assertEqual(state["records"], len(self.rows))
            self.assertEqual(state["unscreened"], len(self.rows) - len(decided))
            self.assertEqual((state["target"], state["confidence"]), (0.95, 0.95))
            if state["met"]:
                break
            # Not met: refused with the p-value, nothing written.
            r = self.synth("screen", "--stop-by-rule", "--stage", "title-abstract", "--reviewer", "AT", check=1)
            self.assertIn("the stopping rule is not met at title-abstract for AT: p = %.3g" % state["p_value"], r.stderr)
            self.assertGreaterEqual(state["p_value"], 0.05)
            self.assertFalse(os.path.exists(os.path.join(self.project, "decisions/title-abstract-stopping-rule.csv")))
            refused += 1
            if refused == 1:
                text = self.synth("status").stdout
                self.assertIn("stopping     title-abstract AT: %d screened, %d relevant, %d unscreened; recall >= 95 %% "
                              "with 95 %% confidence: not met, p = %.3g"
                              % (state["screened"], state["relevant"], state["unscreened"], state["p_value"]), text)
        self.assertGreater(refused, 0)
        self.assertLess(state["p_value"], 0.05)
        self.assertIn("recall >= 95 %% with 95 %% confidence: met, p = %.3g" % state["p_value"], self.synth("status").stdout)
        self.assertEqual(self.doc("log")["stops"], [])

        r = self.synth("screen", "--stop-by-rule", "--stage", "title-abstract", "--reviewer", "AT")
        self.assertIn("wrote decisions/title-abstract-stopping-rule.csv: %d unscreened records excluded by consensus"
                      % state["unscreened"], r.stdout)
        path = os.path.join(self.project, "decisions/title-abstract-stopping-rule.csv")
        with open(path, encoding="utf-8") as f:
            first = f.read()
        rows = list(csv.DictReader(first.splitlines()))
        self.assertEqual(first.splitlines()[0], "record,stage,decision,reason,reviewer,note,time")
        all_ids = {r["record_id"] for r in csv.DictReader(
            self.synth("export", "--format", "csv").stdout.splitlines())}
        self.assertEqual(len(all_ids), len(self.rows))
        self.assertEqual({r["record"] for r in rows}, all_ids - {str(i) for i, _ in decided})
        for row in rows:
            self.assertEqual((row["stage"], row["decision"], row["reason"], row["reviewer"]),
                             ("title-abstract", "exclude", REASON, "consensus"))

        # synth screen, status and prisma count them as excluded at title-abstract.
        screened = self.doc("screen")
        self.assertEqual(screened["pending"], sum(1 for _, rel in decided if rel))  # waiting at full-text
        ta = {s["stage"]: s for s in self.doc("status")["screening"]}["title-abstract"]
        self.assertEqual(ta["pending"], 0)
        excluded_by_at = sum(1 for _, rel in decided if not rel)
        by_reason = {e["reason"]: e["records"] for e in ta["excluded_by_reason"]}
        self.assertEqual(by_reason, {REASON: len(rows), "": excluded_by_at})
        flow = self.doc("prisma")
        self.assertEqual(flow["records_screened"], len(self.rows))
        self.assertEqual(flow["records_excluded"], excluded_by_at + len(rows))
        self.assertEqual(flow["records_pending"], 0)
        # ... and prisma names the unscreened ones with their reason, in every format.
        self.assertEqual(flow["records_not_screened"], [{"label": REASON, "n": len(rows)}])
        out = os.path.join(self.tmp, "flow.csv")
        self.synth("prisma", "--format", "csv", "-o", out)
        with open(out, encoding="utf-8") as f:
            cells = [c for line in csv.reader(f) for c in line]
        self.assertIn(str(excluded_by_at + len(rows)), cells)
        self.assertIn("%s, %d" % (REASON, len(rows)), cells)
        text = self.synth("prisma").stdout
        self.assertIn("{:,}".format(excluded_by_at + len(rows)), text)
        self.assertRegex(text, r"\n +%s +%s\n" % (re.escape(REASON), "{:,}".format(len(rows))))
        svg = os.path.join(self.tmp, "flow.svg")
        self.synth("prisma", "--format", "svg", "-o", svg)
        with open(svg, encoding="utf-8") as f:
            body = f.read()
        self.assertIn("{:,}".format(excluded_by_at + len(rows)), body)
        # the reason in the excluded box, wrapped over lines: its words in order
        words = " ".join(re.sub(r"<[^>]+>", " ", body).split())
        self.assertIn("not screened: stopping rule met (recall", words)

        # The search log keeps the stop.
        stops = self.doc("log")["stops"]
        self.assertEqual(len(stops), 1)
        s = stops[0]
        self.assertEqual((s["kind"], s["stage"], s["reviewer"]), ("stopping-rule", "title-abstract", "AT"))
        self.assertEqual((s["target"], s["confidence"]), (0.95, 0.95))
        self.assertAlmostEqual(s["p_value"], state["p_value"])
        self.assertEqual((s["screened"], s["relevant"], s["unscreened"]),
                         (state["screened"], state["relevant"], len(rows)))
        self.assertRegex(s["run_at"], r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$")
        log = self.synth("log").stdout
        self.assertIn("stopping rule title-abstract", log)
        self.assertIn("recall >= 95 % with 95 % confidence", log)
        self.assertIn("p-value:      %.3g" % state["p_value"], log)
        self.assertIn("unscreened:   %d (excluded in decisions/title-abstract-stopping-rule.csv)" % len(rows), log)
        # The status line still gives the rule on the reviewer's own decisions.
        self.assertEqual(self.stopping()["p_value"], state["p_value"])

        # Twice: nothing doubled.
        r = self.synth("screen", "--stop-by-rule", "--stage", "title-abstract", "--reviewer", "AT")
        self.assertIn("nothing written", r.stdout)
        with open(path, encoding="utf-8") as f:
            self.assertEqual(f.read(), first)
        self.assertEqual(len(self.doc("log")["stops"]), 1)
        self.assertEqual(self.doc("prisma")["records_excluded"], excluded_by_at + len(rows))

    def test_a_duplicate_cluster_is_one_record(self):
        # 30 records of the set again, from another database: dedup clusters them, and the
        # rule counts unique records; deciding both copies of a record counts it once.
        again = os.path.join(self.tmp, "again.csv")
        with open(again, "w", encoding="utf-8", newline="") as f:
            w = csv.DictWriter(f, fieldnames=list(self.rows[0].keys()))
            w.writeheader()
            w.writerows(self.rows[:30])
        self.synth("import", "--source", "Embase", "--format", "csv", again)
        self.synth("dedup")
        status = self.doc("status")
        self.assertEqual(status["unique_records"], len(self.rows))
        records = list(csv.DictReader(self.synth("export", "--format", "csv").stdout.splitlines()))
        by_pmid = {}
        for r in records:
            by_pmid.setdefault(r["pmid"], []).append(r["record_id"])
        pairs = [ids for ids in by_pmid.values() if len(ids) == 2]
        self.assertEqual(len(pairs), 30)
        # Each of 5 records decided twice, once by each copy's id: the last decision counts,
        # once. Two of them first include then exclude, by either copy first: had the copies
        # been two records, the one the cluster keeps would keep an include in one of them.
        lines = ["record,stage,decision,reason,reviewer"]
        (a0, b0), (a1, b1) = pairs[0], pairs[1]
        lines += ["%s,title-abstract,include,,AT" % a0, "%s,title-abstract,exclude,,AT" % b0,
                  "%s,title-abstract,include,,AT" % b1, "%s,title-abstract,exclude,,AT" % a1]
        for a, b in pairs[2:5]:
            lines += ["%s,title-abstract,exclude,,AT" % a, "%s,title-abstract,exclude,,AT" % b]
        self.write("decisions/title-abstract-AT.csv", "\n".join(lines) + "\n")
        self.synth("screen")
        state = self.stopping()
        self.assertEqual((state["records"], state["screened"], state["relevant"], state["unscreened"]),
                         (len(self.rows), 5, 0, len(self.rows) - 5))

    def test_refusals_and_criteria_errors(self):
        self.synth("screen")
        r = self.synth("screen", "--stop-by-rule", "--stage", "title-abstract", "--reviewer", "AT", check=1)
        self.assertIn("no decision by 'AT' at title-abstract", r.stderr)
        r = self.synth("screen", "--stop-by-rule", "--stage", "title-abstract", check=2)
        self.assertIn("--stop-by-rule needs --stage STAGE and --reviewer NAME", r.stderr)
        self.write("criteria.txt", "reviewers: AT\nstopping-target: 0.95\nstopping-confidence: 1.5\n")
        r = self.synth("screen", check=1)
        self.assertIn("criteria.txt:3:22: '1.5' is not a confidence, expected a number above 0 and below 1", r.stderr)
        r = self.synth("screen", "--stop-by-rule", "--stage", "title-abstract", "--reviewer", "AT", check=1)
        self.assertIn("criteria.txt:3:22:", r.stderr)
        self.write("criteria.txt", "stopping-target: 95\n")
        r = self.synth("screen", check=1)
        self.assertIn("criteria.txt:1:18: '95' is not a recall, expected a number above 0 and below 1", r.stderr)


if __name__ == "__main__":
    main()

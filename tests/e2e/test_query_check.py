"""synth search --check, the linter: findings as file:line:col: severity [CODE]: message; fix,
--json and --strict for CI, other platforms' syntax named, hand-run strategies logged
verbatim, warnings kept with the search, hostile files refused without a crash."""
import json
import os
import shutil
import sys
import tempfile
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from replay_server import PUBMED_POOL, ReplayServer, fixtures_dir, run_synth, synth_binary  # noqa: E402

FIX = fixtures_dir()
NOWHERE = {"SYNTH_PUBMED_URL": "http://127.0.0.1:9/", "SYNTH_CROSSREF_URL": "http://127.0.0.1:9/",
           "SYNTH_RETRIES": "0"}
# 'or' at line 4, column 29
LOWER_OR = "database: pubmed\nname: x\n---\nasthma[tiab] AND copd[tiab] or wheez*[tiab]\n"
OP_CASE = ("queries/x.query:4:29: warning [OP-CASE]: 'or' in lower case is not an operator in PubMed (it is "
           "searched as a word of 'or wheez*[tiab]'); write OR")


class QueryCheck(unittest.TestCase):
    def setUp(self):
        if not synth_binary():
            self.skipTest("SYNTH binary absent")
        self.tmp = tempfile.mkdtemp(prefix="synth-e2e-check-")
        self.project = os.path.join(self.tmp, "review")
        self.assertEqual(run_synth(["init", self.project], cwd=self.tmp).returncode, 0)

    def tearDown(self):
        shutil.rmtree(self.tmp, ignore_errors=True)

    def write(self, name, text):
        path = os.path.join(self.project, "queries", name)
        with open(path, "w", encoding="utf-8") as fh:
            fh.write(text)
        return "queries/" + name

    def test_a_warning_names_file_line_column_code_and_fix(self):
        self.write("x.query", LOWER_OR)
        r = run_synth(["search", "--check", "queries/x.query"], cwd=self.project)
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertEqual(r.stdout, OP_CASE + "\nqueries/x.query: ok (PubMed, 1 warning): asthma[tiab] AND copd[tiab] "
                                             "or wheez*[tiab]\n")
        self.assertEqual(r.stderr, "")
        # --strict: warnings are errors (CI)
        r = run_synth(["search", "--check", "--strict", "queries/x.query"], cwd=self.project)
        self.assertEqual(r.returncode, 1)
        self.assertTrue(r.stdout.startswith(OP_CASE.replace("warning [OP-CASE]", "error [OP-CASE]")), r.stdout)
        self.assertIn("synth: error: 1 of 1 query file refused", r.stderr)

    def test_json_gives_each_files_findings(self):
        self.write("x.query", LOWER_OR)
        self.write("bad.query", "database: pubmed\n---\n#1 “Aspergillus\"[MeSH]\n#2 #1 OR x[ti]\n")
        r = run_synth(["--json", "search", "--check", "queries/x.query", "queries/bad.query"], cwd=self.project)
        self.assertEqual(r.returncode, 1)
        checked = json.loads(r.stdout)["checked"]
        self.assertEqual([c["ok"] for c in checked], [True, False])
        self.assertEqual(checked[0]["findings"], [{
            "code": "OP-CASE", "severity": "warning", "line": 4, "col": 29,
            "message": "'or' in lower case is not an operator in PubMed (it is searched as a word of 'or wheez*[tiab]')",
            "fix": "write OR"}])
        self.assertEqual(checked[0]["query_sent"], "asthma[tiab] AND copd[tiab] or wheez*[tiab]")
        bad = checked[1]
        self.assertIsNone(bad["query_sent"])
        self.assertEqual([(f["code"], f["severity"], f["line"], f["col"]) for f in bad["findings"]],
                         [("QUOTE", "error", 3, 4)])
        self.assertTrue(bad["findings"][0]["message"].startswith("quotes do not pair: the phrase opened at column 4"))

    def test_errors_stop_the_search_before_anything_is_sent(self):
        self.write("x.query", "database: pubmed\n---\nanxiety[tiab] | depression[tiab]\n")
        r = run_synth(["search", "queries/x.query"], cwd=self.project, env=NOWHERE)
        self.assertEqual(r.returncode, 1)
        self.assertEqual(r.stderr.splitlines()[0],
                         "queries/x.query:3:15: error [OP-SYMBOL]: '|' is not an operator in PubMed; write OR")
        self.assertIn("synth: error: 1 error in the query files (first in queries/x.query): nothing was sent", r.stderr)
        self.assertNotIn("network", r.stderr)

    def test_ovid_under_pubmed_is_named_and_verbatim_under_ovid(self):
        text = "database: pubmed\n---\nexp Schizophrenia/\nschizophreni$.ti,ab.\n1 or 2\nlimit 3 to english language\n"
        self.write("ovid.query", text)
        r = run_synth(["search", "queries/ovid.query"], cwd=self.project, env=NOWHERE)
        self.assertEqual(r.returncode, 1)
        self.assertTrue(r.stderr.startswith(
            "queries/ovid.query:3:1: error [FOREIGN-SYNTAX]: this looks like Ovid syntax (line 3: `exp`), not "
            "PubMed's; set `database:` to the platform it was run on (database: ovid): synth then keeps it verbatim\n"),
            r.stderr)
        self.write("ovid.query", text.replace("database: pubmed", "database: ovid"))
        r = run_synth(["search", "--check", "queries/ovid.query"], cwd=self.project)
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertEqual(r.stdout, "queries/ovid.query: ok (ovid, run by hand then synth import --query; Ovid syntax):"
                                   " logged as written, 4 lines\n")

    def test_every_real_ovid_strategy_is_read_as_ovid(self):
        ovid = os.path.join(FIX, "queries", "clef-tar-2017", "ovid")
        if not os.path.isdir(ovid):
            self.skipTest("fixtures absent")
        files = sorted(os.path.join(ovid, f) for f in os.listdir(ovid) if f.endswith(".query"))
        self.assertEqual(len(files), 40)
        r = run_synth(["search", "--check"] + files, cwd=self.tmp)
        # each is read as Ovid reads it: the one with a real defect (a stray `. tw.`) is
        # refused at its line, the 39 others pass
        self.assertEqual(r.returncode, 1, r.stderr)
        self.assertIn("1 of 40 query files refused", r.stderr)
        lines = r.stdout.splitlines()
        self.assertEqual(len(lines), 41)
        ok = [ln for ln in lines if ": ok (ovid, run by hand then synth import --query; Ovid syntax): logged as written, "
              in ln]
        self.assertEqual(len(ok), 39)
        self.assertTrue(any(ln.endswith("CD009593.query:13:51: error [STRAY]: stray '.' at `. tw.`, expected a field "
                                        "code like .ti,ab. with no space after its '.'; remove the space after the '.'")
                            for ln in lines), lines)
        self.assertTrue(any("CD009593.query: refused (ovid" in ln for ln in lines), lines)

    def test_a_hand_run_ebsco_strategy_is_logged_verbatim(self):
        exports = os.path.join(FIX, "exports", "citesource", "valid_data")
        if not os.path.isdir(exports):
            self.skipTest("fixtures absent")
        strategy = 'S1 (MH "Heart Arrest+")\nS2 TI ( "cardiac arrest" ) OR AB ( "cardiac arrest" )\nS3 S1 OR S2'
        self.write("cinahl.query", "database: CINAHL\nname: arrest\n---\n" + strategy + "\n")
        r = run_synth(["search", "--check", "queries/cinahl.query"], cwd=self.project)
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertIn("(CINAHL, run by hand then synth import --query; EBSCOhost syntax): logged as written, 3 lines",
                      r.stdout)
        r = run_synth(["import", os.path.join(exports, "psycinfo_64.ris"), "--query", "queries/cinahl.query",
                       "--hits", "64"], cwd=self.project)
        self.assertEqual(r.returncode, 0, r.stderr)
        log = json.loads(run_synth(["--json", "log"], cwd=self.project).stdout)["searches"]
        self.assertEqual(log[0]["query_sent"], strategy)
        text = run_synth(["log"], cwd=self.project).stdout
        self.assertIn('  strategy:\n    S1 (MH "Heart Arrest+")\n    S2 TI ( "cardiac arrest" ) OR AB ( "cardiac '
                      'arrest" )\n    S3 S1 OR S2\n', text)
        self.assertNotIn("(MH AND", text)

    def test_warnings_are_sent_and_kept_with_the_search(self):
        if not os.path.isdir(FIX):
            self.skipTest("fixtures absent")
        self.write("x.query", LOWER_OR)
        with ReplayServer(self.tmp, ["--pubmed-pool", os.path.join(FIX, PUBMED_POOL[0])]) as s:
            r = run_synth(["search", "queries/x.query", "--batch-size", "100"], cwd=self.project,
                          env={"SYNTH_PUBMED_URL": s.url, "SYNTH_RETRY_BASE_MS": "50"})
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertTrue(r.stderr.startswith(OP_CASE + "\n"), r.stderr)
        e = json.loads(run_synth(["--json", "log"], cwd=self.project).stdout)["searches"][0]
        self.assertEqual(e["query_sent"], "asthma[tiab] AND copd[tiab] or wheez*[tiab]")
        self.assertEqual([(f["code"], f["line"], f["col"]) for f in e["details"]["findings"]], [("OP-CASE", 4, 29)])
        text = run_synth(["log"], cwd=self.project).stdout
        self.assertIn("  finding:      4:29: warning [OP-CASE]: 'or' in lower case is not an operator in PubMed", text)

    def test_hostile_files_are_refused_at_their_line_without_a_crash(self):
        lines = ["database: pubmed", "---", "#1 a[tiab]"] + ["#%d #%d OR #%d" % (n, n - 1, n - 1) for n in range(2, 40)]
        self.write("doubling.query", "\n".join(lines) + "\n")
        self.write("deep.query", "database: pubmed\n---\n" + "(" * 100000 + "a" + ")" * 100000 + "\n")
        r = run_synth(["search", "--check", "queries/doubling.query", "queries/deep.query"], cwd=self.project)
        self.assertEqual(r.returncode, 1, r.stderr)
        self.assertIn("queries/doubling.query:23:1: error [LIMIT]: #21 expands to more than 8000000 characters",
                      r.stdout)
        self.assertIn("queries/deep.query:3:1001: error [NESTING]: parentheses nested deeper than 1000", r.stdout)
        self.assertIn("synth: error: 2 of 2 query files refused", r.stderr)


if __name__ == "__main__":
    unittest.main()

"""synth translate: an Ovid MEDLINE strategy of a Cochrane review written for PubMed (the
file passes `synth search --check`), -o, --json, a strategy with an error refused at its
line, a target synth does not write refused as a usage error; the 2015 review's Medline
strategy written for EBSCOhost, ProQuest, Web of Science, Scopus and Cochrane."""
import json
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from synth_e2e import SOURCE_DIR, SynthTestCase, fixture, main  # noqa: E402


def ovid(name):
    return fixture("queries/clef-tar-2017/ovid/%s.query" % name)


class Translate(SynthTestCase):
    def test_ovid_to_pubmed_passes_the_pubmed_check(self):
        self.require_fixtures()
        out = self.run_synth("translate", ovid("CD008081"), "--to", "pubmed", check=0).stdout
        self.assertTrue(out.startswith("# Translated by synth from "))
        lines = out.splitlines()
        body = lines[lines.index("---") + 1:]
        self.assertEqual(len(body), 20)
        self.assertEqual(body[0], '#1 "tomography"[mh:noexp]')
        self.assertEqual(body[6], '#7 "macular edema"[mh]')
        self.assertEqual(body[19], "#20 #6 AND #13 AND #19")
        # (macula$ adj3 oedema).tw.: truncation in a proximity, written as AND with a note
        self.assertEqual(body[7], "#8 (macula*[tiab] AND oedema[tiab])")
        self.assertIn("#   #8: proximity (adj3) written as AND: widened (PubMed's proximity takes no wildcards)",
                      lines)
        self.assertIn("database: pubmed", lines)
        path = os.path.join(self.tmp, "cd008081-pubmed.query")
        proc = self.run_synth("translate", ovid("CD008081"), "--to", "pubmed", "-o", path, check=0)
        self.assertEqual(proc.stdout, "")
        with open(path, encoding="utf-8") as fh:
            self.assertEqual(fh.read(), out)
        check = self.run_synth("search", "--check", path)
        self.assertEqual(check.returncode, 0, check.stdout + check.stderr)
        self.assertNotIn("error", check.stdout + check.stderr)

    def test_json_gives_lines_trees_and_notes(self):
        self.require_fixtures()
        doc = json.loads(self.run_synth("translate", ovid("CD008081"), "--to", "pubmed", "--json", check=0).stdout)
        self.assertEqual(doc["from"], "ovid")
        self.assertEqual(doc["to"], "pubmed")
        self.assertEqual(len(doc["lines"]), 20)
        first = doc["lines"][0]
        self.assertEqual(first["source"], "tomography/")
        self.assertEqual(first["source_line"], 6)
        self.assertEqual(first["tree"]["heading"], {"vocabulary": "MeSH", "explode": False, "major": False,
                                                    "subheading": ""})
        near = doc["lines"][3]["tree"]["children"][0]
        self.assertEqual(near["ops"][0], {"near": {"max_words_between": 1, "ordered": False}})
        self.assertIn({"line": 8, "note": "proximity (adj3) written as AND: widened (PubMed's proximity takes no "
                                          "wildcards)"}, doc["notes"])

    def test_back_to_ovid(self):
        self.require_fixtures()
        path = os.path.join(self.tmp, "p.query")
        self.run_synth("translate", ovid("CD007427"), "--to", "pubmed", "-o", path, check=0)
        out = self.run_synth("translate", path, "--to", "ovid", check=0).stdout
        body = out.splitlines()[out.splitlines().index("---") + 1:]
        self.assertEqual(len(body), 95)
        self.assertEqual(body[5], "or/1-5")
        self.assertEqual(body[93], "limit 93 to english language")
        self.assertEqual(body[94], 'limit 94 to yr="2005 -Current"')

    def test_an_error_is_refused_at_its_line(self):
        self.require_fixtures()
        proc = self.run_synth("translate", ovid("CD009593"), "--to", "pubmed", check=1)
        self.assertIn("CD009593.query:13:51: stray '.' at `. tw.`", proc.stderr)
        self.assertEqual(proc.stdout, "")

    def test_a_target_synth_does_not_write(self):
        self.require_fixtures()
        proc = self.run_synth("translate", ovid("CD008081"), "--to", "embase", check=2)
        self.assertIn("--to", proc.stderr)

    def medline(self):
        return os.path.join(SOURCE_DIR, "queries", "medline.query")

    def body(self, out):
        return out.split("---\n", 1)[1].splitlines()

    def test_medline_to_ebsco(self):
        out = self.run_synth("translate", self.medline(), "--to", "ebsco", check=0).stdout
        body = self.body(out)
        self.assertEqual(len(body), 4)
        # [tiab] is title, abstract and author keywords: TI, AB and KW on EBSCOhost
        self.assertTrue(body[0].startswith('S1 TI ( "mental illness" ) OR AB ( "mental illness" ) OR KW ( '
                                           '"mental illness" )'), body[0])
        self.assertIn('TI ( "helping relation*" )', body[1])
        self.assertEqual(body[3], "S4 S1 AND S2 AND S3")
        self.assertIn("database: ebsco\n", out)
        self.assertIn("x-translated-from: ", out)

    def test_medline_to_every_hand_run_platform(self):
        last = {
            "proquest": "S4 S1 AND S2 AND S3",
            "wos": "#4 #1 AND #2 AND #3",
            "cochrane": "#4 #1 AND #2 AND #3",
        }
        for target, expected in last.items():
            body = self.body(self.run_synth("translate", self.medline(), "--to", target, check=0).stdout)
            self.assertEqual(body[-1], expected, target)
        wos = self.body(self.run_synth("translate", self.medline(), "--to", "wos", check=0).stdout)
        self.assertTrue(wos[0].startswith('#1 TS=("mental illness")'), wos[0])
        scopus = self.run_synth("translate", self.medline(), "--to", "scopus", check=0).stdout
        body = self.body(scopus)
        self.assertEqual(len(body), 1)  # one query, the lines written out
        self.assertTrue(body[0].startswith('(TITLE-ABS-KEY("mental illness") OR '), body[0])
        self.assertIn('loose phrase', scopus)

    def test_ovid_to_ebsco_json(self):
        self.require_fixtures()
        doc = json.loads(self.run_synth("translate", ovid("CD008081"), "--to", "ebsco", "--json", check=0).stdout)
        self.assertEqual(doc["to"], "ebsco")
        self.assertEqual(len(doc["lines"]), len([ln for ln in doc["text"].split("---\n", 1)[1].splitlines()]))


    def shipped(self, name):
        return os.path.join(SOURCE_DIR, "queries", name)

    def test_cinahl_to_pubmed_and_ovid(self):
        out = self.run_synth("translate", self.shipped("cinahl.query"), "--to", "pubmed", check=0).stdout
        self.assertIn("(EBSCOhost syntax) to PubMed syntax", out)
        body = self.body(out)
        self.assertEqual(len(body), 4)
        # TI ( x ) OR AB ( x ): one term in title or abstract, written once; PubMed has no
        # title-and-abstract field without author keywords: [tiab], widened (noted)
        self.assertEqual(body[0], '#1 "mental illness"[tiab] OR psychiatry[tiab] OR "mental health services"[tiab]')
        self.assertNotIn("[ti]", out)
        self.assertIn("#   #1: [tiab] also searches author keywords: widened", out)
        self.assertEqual(body[3], "#4 #1 AND #2 AND #3")
        ovid_out = self.run_synth("translate", self.shipped("cinahl.query"), "--to", "ovid", check=0).stdout
        ovid_body = self.body(ovid_out)
        self.assertEqual(len(ovid_body), 4)
        # Ovid has title and abstract exactly: no note on a line (the one note is the header's
        # date window)
        self.assertEqual(ovid_body[0], '"mental illness".ti,ab. or psychiatry.ti,ab. or "mental health services".ti,ab.')
        self.assertIn("# 1 lossy step", ovid_out)
        self.assertIn("#   the file: the header's date window", ovid_out)
        self.assertEqual(ovid_body[3], "and/1-3")

    def test_ssci_to_pubmed(self):
        out = self.run_synth("translate", self.shipped("ssci.query"), "--to", "pubmed", check=0).stdout
        self.assertIn("(Web of Science syntax) to PubMed syntax", out)
        body = self.body(out)
        # TS= is title, abstract and author keywords: PubMed's [tiab]
        self.assertTrue(body[0].startswith('#1 "mental illness"[tiab] OR psychiatry[tiab]'), body[0])
        self.assertEqual(body[3], "#4 #1 AND #2 AND #3")

    def test_sociological_abstracts_to_ebsco(self):
        out = self.run_synth("translate", self.shipped("sociological-abstracts.query"), "--to", "ebsco",
                             check=0).stdout
        body = self.body(out)
        self.assertTrue(body[0].startswith('S1 TI ( "mental illness" ) OR AB ( "mental illness" ) OR TI ( '
                                           'psychiatry )'), body[0])
        self.assertEqual(body[3], "S4 S1 AND S2 AND S3")

    def test_a_platform_error_is_refused_at_its_line(self):
        path = os.path.join(self.tmp, "bad.query")
        with open(path, "w", encoding="utf-8") as fh:
            fh.write("database: SSCI\nsyntax: wos\n---\n#1 TS=(stigma)\n#2 TS=(shame OR guilt\n")
        proc = self.run_synth("translate", path, "--to", "pubmed", check=1)
        self.assertIn("bad.query:5:7: unbalanced parenthesis: expected ')' before the end of the line", proc.stderr)
        self.assertEqual(proc.stdout, "")
        check = self.run_synth("search", "--check", path, check=1)
        self.assertIn("bad.query:5:7: error [PAREN]: unbalanced parenthesis", check.stdout)
        self.assertIn("refused", check.stdout)

    def test_platform_warnings_read_the_tree(self):
        # "NEAR/20" in quotes is words, not Web of Science's operator: one warning, for the
        # NEAR/20 that is one, at its line and column
        path = os.path.join(self.tmp, "near.query")
        with open(path, "w", encoding="utf-8") as fh:
            fh.write('database: SSCI\nsyntax: wos\n---\n#1 TS=("NEAR/20 clinic")\n#2 TS=(stigma NEAR/20 shame)\n')
        check = self.run_synth("search", "--check", path, check=0)
        self.assertIn("near.query:5:15: warning [WOS-NEAR]: NEAR/20 is over 15", check.stdout)
        self.assertNotIn("near.query:4:", check.stdout)
        self.assertIn("1 warning)", check.stdout)

    def test_the_shipped_platform_files_pass_the_check(self):
        for name in ("cinahl.query", "ssci.query", "sociological-abstracts.query",
                     "social-services-abstracts.query"):
            check = self.run_synth("search", "--check", self.shipped(name))
            self.assertEqual(check.returncode, 0, check.stdout + check.stderr)
            self.assertIn(": ok (", check.stdout)

    def write(self, name, text):
        path = os.path.join(self.tmp, name)
        with open(path, "w", encoding="utf-8") as fh:
            fh.write(text)
        return path

    def test_ebsco_dt_is_a_year_limit(self):
        path = self.write("cinahl-dt.query", "database: CINAHL\nsyntax: ebsco\n---\n"
                                             "S1 TI ( stigma ) OR AB ( shame )\nS2 S1 AND DT 1990-2013\n")
        pubmed = self.body(self.run_synth("translate", path, "--to", "pubmed", check=0).stdout)
        self.assertEqual(pubmed[1], '#2 #1 AND ("1990"[dp] : "2013"[dp])')
        ovid_out = self.run_synth("translate", path, "--to", "ovid", check=0).stdout
        self.assertEqual(self.body(ovid_out)[1], 'limit 1 to yr="1990 - 2013"')
        # and back to EBSCOhost as it was written
        back = self.write("back.query", ovid_out)
        ebsco = self.body(self.run_synth("translate", back, "--to", "ebsco", check=0).stdout)
        self.assertEqual(ebsco[1], "S2 S1 AND DT 1990-2013")
        self.assertEqual(self.run_synth("search", "--check", path).returncode, 0)

    def test_ebsco_dt_with_months_is_refused_at_its_column(self):
        path = self.write("months.query", "database: CINAHL\nsyntax: ebsco\n---\n"
                                          "S1 TI ( stigma )\nS2 S1 AND DT 199006-201312\n")
        proc = self.run_synth("translate", path, "--to", "pubmed", check=1)
        self.assertIn("months.query:5:14: `DT 199006-201312` limits to months: synth's publication-date limit keeps "
                      "years only", proc.stderr)
        self.assertEqual(proc.stdout, "")

    def test_whole_years_as_months_and_wos_proquest_limits_read_back(self):
        # DT 199001-201312 is 1990 to 2013 exactly; PY=(...) and PD(...), as synth writes them, read back
        path = self.write("whole.query", "database: CINAHL\nsyntax: ebsco\n---\n"
                                         "S1 TI ( stigma )\nS2 S1 AND DT 199001-201312\n")
        body = self.body(self.run_synth("translate", path, "--to", "pubmed", check=0).stdout)
        self.assertEqual(body[1], '#2 #1 AND ("1990"[dp] : "2013"[dp])')
        for target, written in (("wos", "#2 #1 AND PY=(1990-2013)"), ("proquest", "S2 S1 AND PD(19900101-20131231)")):
            there = self.run_synth("translate", path, "--to", target, check=0).stdout
            self.assertEqual(self.body(there)[1], written)
            out = self.write("to-%s.query" % target, there)
            back = self.body(self.run_synth("translate", out, "--to", "ebsco", check=0).stdout)
            self.assertEqual(back[1], "S2 S1 AND DT 1990-2013")

    def test_wos_tag_without_parentheses_fields_every_word(self):
        path = self.write("wos.query", "database: SSCI\nsyntax: wos\n---\n#1 TI=mental illness OR AB=stigma\n")
        body = self.body(self.run_synth("translate", path, "--to", "pubmed", check=0).stdout)
        self.assertEqual(body[0], "#1 (mental[ti] illness[ti]) OR stigma[tiab]")

    def test_proquest_own_thesaurus_is_not_mesh(self):
        path = self.write("socabs.query", "database: Sociological Abstracts\nsyntax: proquest\n---\n"
                                          'S1 SU.EXACT.EXPLODE("Mental Illness") OR TI(stigma)\n')
        out = self.run_synth("translate", path, "--to", "pubmed", check=0).stdout
        self.assertEqual(self.body(out)[0], '#1 "Mental Illness"[tiab] OR stigma[ti]')
        self.assertIn('Sociological Thesaurus heading "Mental Illness" has no mapping table in synth', out)
        js = json.loads(self.run_synth("translate", path, "--to", "pubmed", "--json", check=0).stdout)
        self.assertIn('"vocabulary": "Sociological Thesaurus"', json.dumps(js))

    def test_json_says_which_phrase_is_scopus_loose_one(self):
        path = self.write("loose.query", 'database: Scopus\nsyntax: scopus\n---\n'
                                         'TITLE-ABS-KEY("mental illness" OR {severe mental illness})\n')
        doc = json.loads(self.run_synth("translate", path, "--to", "pubmed", "--json", check=0).stdout)
        terms = doc["lines"][0]["tree"]["children"][0]["children"]
        self.assertEqual([(t["text"], t["phrase"], t["loose_phrase"]) for t in terms],
                         [("mental illness", True, True), ("severe mental illness", True, False)])

    def test_scopus_limits_read_back_and_ovid_limits_a_line(self):
        # Ovid's two limits to Scopus's one query, and back: PUBYEAR and LANGUAGE() are the
        # tree's limits again (before, PUBYEAR > 1989 was searched as the words "PUBYEAR", ">"
        # and "1989"), and Ovid gets a line for the search and a limit line for each
        path = self.write("ovid.query", "database: ovid\n---\n1 stigma$.ti,ab.\n2 limit 1 to english language\n"
                                        '3 limit 2 to yr="1990 - 2013"\n')
        scopus = self.run_synth("translate", path, "--to", "scopus", check=0).stdout
        self.assertTrue(self.body(scopus)[0].endswith("AND LANGUAGE(english)) AND (PUBYEAR > 1989 AND PUBYEAR < 2014)"))
        out = self.write("scopus.query", scopus)
        back = self.run_synth("translate", out, "--to", "ovid", check=0).stdout
        self.assertEqual(self.body(back), ["stigma$.ti,ab.", "limit 1 to english language",
                                           'limit 2 to yr="1990 - 2013"'])
        pubmed = self.body(self.run_synth("translate", out, "--to", "pubmed", check=0).stdout)
        self.assertEqual(pubmed, ['#1 (stigma*[tiab]) AND english[la] AND ("1990"[dp] : "2013"[dp])'])
        # a year limit ORed is refused at its line and column
        bad = self.write("bad.query", "database: Scopus\nsyntax: scopus\n---\nTITLE(stigma) OR PUBYEAR > 2013\n")
        r = self.run_synth("translate", bad, "--to", "ovid", check=1)
        self.assertIn("bad.query:4:18: a PUBYEAR limit joined by OR: synth reads it ANDed with a search", r.stderr)


if __name__ == "__main__":
    main()

"""End-to-end tests of `synth screen` (issue 5): real binary, temporary project, real fixtures."""
import csv
import gzip
import json
import os
import shutil
import subprocess
import sys
import tempfile
import unittest
import xml.etree.ElementTree as ET

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


def medsamp_expected():
    """Independent of synth: reads NLM's sample files with xml.etree. A PMID met twice
    counts once (the first, as synth's import keeps it); the language is the first
    <Language> ('und' is no language); the year is <PubDate><Year>, else the first four
    characters of <MedlineDate>. Returns pmid -> (language, year, publication types)."""
    seen = {}
    for f in MEDSAMP:
        path = os.path.join(FIXTURES, "pubmed", "nlm_medsamp", f)
        with (gzip.open if f.endswith(".gz") else open)(path, "rb") as fh:
            data = fh.read()
        for cit in ET.fromstring(data).iter("MedlineCitation"):
            art = cit.find("Article")
            pd = art.find("Journal/JournalIssue/PubDate")
            year = pd.findtext("Year") or (pd.findtext("MedlineDate") or "")[:4] or None
            langs = [l.text for l in art.findall("Language")]
            types = [t.text for t in art.findall("PublicationTypeList/PublicationType")]
            seen.setdefault(cit.findtext("PMID"), (langs[0] if langs else None, int(year) if year else None, types))
    return seen


def cohen_decisions(rows, full_text_reason):
    """A decision file from Cohen's labels: title-abstract from label_abstract_screening,
    full-text (of those passed) from label_included, excluded with `full_text_reason`."""
    lines = ["record,stage,decision,reason,reviewer"]
    for r in rows:
        tiab = r["label_abstract_screening"] == "1"
        lines.append("pmid:%s,title-abstract,%s,,AC" % (r["pubmedID"], "include" if tiab else "exclude"))
        if tiab:
            final = r["label_included"] == "1"
            lines.append("pmid:%s,full-text,%s,%s,AC" % (
                r["pubmedID"], "include" if final else "exclude", "" if final else full_text_reason))
    return "\n".join(lines) + "\n"


def excluded_by_reason(export_csv):
    out = {}
    for r in csv.DictReader(export_csv.splitlines()):
        if r["decision"] == "exclude":
            out.setdefault(r["reason"], set()).add(r["pmid"])
    return out


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

    def test_medsamp_english_and_1990_rules_exclude_exactly_those_records(self):
        if not have_fixtures():
            self.skipTest("fixtures absent")
        self.import_medsamp()
        self.p.write("criteria.txt", "automatic exclude \"Not in English\" when language is not eng\n"
                     "automatic exclude \"Published before 1990\" when year < 1990\n")
        doc = self.p.json("screen")
        seen = medsamp_expected()
        non_english = {p for p, (lang, _, _) in seen.items() if lang not in (None, "eng", "und")}
        old = {p for p, (_, year, _) in seen.items() if year is not None and year < 1990} - non_english
        # Counted from the XML as written above: 178 records, 20 not in English, 17 more
        # published before 1990 (20 before 1990 in all, 3 of them not in English).
        self.assertEqual((len(seen), len(non_english), len(old)), (178, 20, 17))
        self.assertEqual(doc["records"], len(seen))
        self.assertEqual(reasons(doc, "automatic"), {"Not in English": 20, "Published before 1990": 17})
        got = excluded_by_reason(self.p.run("export", "--format", "csv").stdout)
        self.assertEqual(got, {"Not in English": non_english, "Published before 1990": old})
        # Missing data never excludes: with the language rule alone, the two records whose
        # language is 'und' (bracketed English translations of their titles, no abstract)
        # go on to the reviewers, flagged with the undecided rule.
        und = {p for p, (lang, _, _) in seen.items() if lang == "und"}
        self.assertEqual(len(und), 2)
        self.p.write("criteria.txt", "detect-language: exclude-when-confident 0.9\n"
                     "automatic exclude \"Not in English\" when language is not eng\n")
        self.p.run("screen")
        rows = {r["pmid"]: r for r in csv.DictReader(self.p.run("export", "--format", "csv").stdout.splitlines())}
        for p in und:
            self.assertEqual(rows[p]["decision"], "pending")
            self.assertIn('automatic: undecided "Not in English" (missing language)', rows[p]["flags"])
        self.assertEqual({p for p, r in rows.items() if r["decision"] == "exclude"}, non_english)

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
        # One JSON shape for a stage in status and screen: reasons as a list, largest first.
        self.assertEqual(automatic["excluded_by_reason"], [
            {"reason": "Not in English", "records": 20}, {"reason": "Published before 1990", "records": 17},
            {"reason": "Not a peer-reviewed journal article", "records": 13}])
        self.assertEqual(automatic, {c["stage"]: c for c in doc["stages"]}["automatic"])
        self.assertEqual(automatic["passed"], 128)
        # The peer-reviewed rule: exactly the comments, letters, editorials, news, congresses
        # and retraction notices left after the English and 1990 rules (from the XML).
        seen = medsamp_expected()
        not_peer = {"Comment", "Letter", "Editorial", "News", "Newspaper Article", "Congresses",
                    "Published Erratum", "Retraction of Publication"}
        expected = {p for p, (lang, year, types) in seen.items()
                    if lang in (None, "eng", "und") and not (year is not None and year < 1990)
                    and set(types) & not_peer}
        got = excluded_by_reason(self.p.run("export", "--format", "csv").stdout)
        self.assertEqual(got["Not a peer-reviewed journal article"], expected)
        kinds = {t for p in expected for t in seen[p][2]}
        for kind in ("Comment", "Letter", "Editorial", "News"):
            self.assertIn(kind, kinds)

    def test_cohen_labels_give_the_same_counts(self):
        if not have_fixtures():
            self.skipTest("fixtures absent")
        labelled = os.path.join(FIXTURES, "screening", "cohen_2006", "NSAIDS.csv")
        self.p.run("import", "--source", "PubMed", "--format", "csv", labelled)
        with open(labelled, encoding="utf-8", newline="") as f:
            rows = list(csv.DictReader(f))
        self.p.write("decisions/nsaids.csv", cohen_decisions(rows, "Excluded at full text"))
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
        self.assertEqual(stages["full-text"]["excluded_by_reason"], [{"reason": "Excluded at full text", "records": 47}])
        self.assertEqual(stages["full-text"]["pending"], 0)
        self.assertEqual(status["included"], 41)

    def test_cohen_all_five_reviews_status_counts_equal_the_labels(self):
        if not have_fixtures():
            self.skipTest("fixtures absent")
        for name in ["ADHD", "NSAIDS", "ProtonPumpInhibitors", "Triptans", "UrinaryIncontinence"]:
            with self.subTest(review=name):
                labelled = os.path.join(FIXTURES, "screening", "cohen_2006", name + ".csv")
                with open(labelled, encoding="utf-8", newline="") as f:
                    rows = list(csv.DictReader(f))
                # The labels' own counts (python csv), to compare with synth status.
                abstract_no = sum(1 for r in rows if r["label_abstract_screening"] != "1")
                final_yes = sum(1 for r in rows if r["label_abstract_screening"] == "1" and r["label_included"] == "1")
                final_no = len(rows) - abstract_no - final_yes
                p = Project()
                try:
                    subprocess.run([SYNTH, "init", p.dir], capture_output=True, check=True, env=p.env)
                    p.run("import", "--source", "PubMed", "--format", "csv", labelled)
                    p.write("decisions/labels.csv", cohen_decisions(rows, "Excluded"))
                    p.run("screen")
                    status = p.json("status")
                    stages = {c["stage"]: c for c in status["screening"]}
                    self.assertEqual(status["unique_records"] if status["deduplicated"] else status["records"], len(rows))
                    self.assertEqual(stages["title-abstract"]["excluded"], abstract_no)
                    self.assertEqual(stages["full-text"]["excluded"], final_no)
                    self.assertEqual(status["included"], final_yes)
                    self.assertEqual(status["pending"], 0)
                finally:
                    p.close()

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

    def test_result_is_a_function_of_the_files(self):
        if not have_fixtures():
            self.skipTest("fixtures absent")
        self.p.run("import", os.path.join(FIXTURES, "pubmed", "nlm_medsamp", "medsamp2017.xml"))
        shutil.copy(os.path.join(SOURCE, "examples", "criteria", "ljungberg-2015.criteria"),
                    os.path.join(self.p.dir, "criteria.txt"))
        self.p.run("screen")
        pending = [r for r in csv.DictReader(self.p.run("export", "--pending", "title").stdout.splitlines())]
        refs = ["pmid:" + r["pmid"] for r in pending[:3]]
        self.p.write("decisions/title.csv", "record,stage,decision,reason,reviewer\n" + "".join(
            "%s,title,exclude,,AT\n%s,title,exclude,,BS\n" % (r, r) for r in refs))
        self.p.run("screen")
        first = self.p.run("export", "--format", "csv").stdout
        status = self.p.json("status")
        # Re-running on the same files changes nothing.
        self.p.run("screen")
        self.assertEqual(self.p.run("export", "--format", "csv").stdout, first)
        self.assertEqual(self.p.json("status")["screening"], status["screening"])
        title = {c["stage"]: c for c in status["screening"]}["title"]
        self.assertEqual(title["excluded"], 3)
        # Editing a file and re-running updates the result: BS now includes the first one.
        self.p.write("decisions/title.csv", "record,stage,decision,reason,reviewer\n" + "".join(
            "%s,title,exclude,,AT\n%s,title,%s,,BS\n" % (r, r, "include" if i == 0 else "exclude")
            for i, r in enumerate(refs)))
        self.p.run("screen")
        title = {c["stage"]: c for c in self.p.json("status")["screening"]}["title"]
        self.assertEqual((title["excluded"], title["conflicts"]), (2, 1))
        # Removing the file removes its decisions.
        os.remove(os.path.join(self.p.dir, "decisions", "title.csv"))
        self.p.run("screen")
        title = {c["stage"]: c for c in self.p.json("status")["screening"]}["title"]
        self.assertEqual(title["excluded"], 0)

    def test_export_for_the_next_reviewer_and_of_the_included(self):
        if not have_fixtures():
            self.skipTest("fixtures absent")
        self.import_medsamp()
        shutil.copy(os.path.join(SOURCE, "examples", "criteria", "ljungberg-2015.criteria"),
                    os.path.join(self.p.dir, "criteria.txt"))
        self.p.run("export", "--only", "included", expect=1)  # before screen: says to run it
        self.p.run("screen")
        batch = list(csv.DictReader(self.p.run("export", "--pending", "title").stdout.splitlines()))
        self.assertEqual(len(batch), 128)
        self.assertTrue(all(r["stage"] == "title" and r["decision"] == "pending" for r in batch))
        self.assertTrue(any(r["abstract"] for r in batch))
        same = self.p.run("export", "--only", "pending", "--stage", "title").stdout
        self.assertEqual(same, self.p.run("export", "--pending", "title").stdout)
        # Two reviewers include two records at title, one at abstract, then at full text.
        a, b = batch[0]["record_id"], batch[1]["record_id"]
        self.p.write("decisions/d.csv", "record,stage,decision,reason,reviewer\n"
                     "{a},title,include,,AT\n{a},title,include,,BS\n{b},title,include,,AT\n{b},title,include,,BS\n"
                     "{a},abstract,include,,AT\n{a},abstract,include,,BS\n".format(a=a, b=b))
        self.p.run("screen")
        abstract = self.p.run("export", "--pending", "abstract", "--format", "ris").stdout
        self.assertEqual(abstract.count("ER  - "), 1)
        self.assertIn("N1  - synth id %s" % b, abstract)
        self.assertIn("N1  - screening: pending at abstract", abstract)
        ft = self.p.run("export", "--pending", "full-text", "--format", "ris").stdout
        self.assertIn("N1  - synth id %s" % a, ft)
        self.assertIn("TI  - ", ft)
        # The flags travel with the record: the qualitative flag raised at abstract.
        ft_csv = list(csv.DictReader(self.p.run("export", "--pending", "full-text").stdout.splitlines()))
        self.assertEqual([r["record_id"] for r in ft_csv], [a])
        for flag in [f for f in ft_csv[0]["flags"].split("; ") if f]:
            self.assertIn("N1  - flag: " + flag, ft)
        self.p.write("extraction/x.csv", "record,participants,smi_participants,qualitative\n%s,12,9,yes\n" % a)
        self.p.write("decisions/f.csv", "record,stage,decision,reason,reviewer\n"
                     "%s,full-text,include,,AT\n%s,full-text,include,,BS\n" % (a, a))
        doc = self.p.json("screen")
        self.assertEqual(doc["included"], 1)
        included = list(csv.DictReader(self.p.run("export", "--only", "included").stdout.splitlines()))
        self.assertEqual([r["record_id"] for r in included], [a])
        self.assertIn("N1  - screening: included", self.p.run("export", "--only", "included", "--format", "ris").stdout)
        excluded = list(csv.DictReader(self.p.run("export", "--only", "excluded", "--stage", "automatic").stdout.splitlines()))
        self.assertEqual(len(excluded), 50)
        self.assertEqual(self.p.json("status")["included"], 1)
        # Usage errors.
        self.assertIn("unknown stage 'titel'", self.p.run("export", "--pending", "titel", expect=2).stderr)
        self.p.run("export", "--only", "included", "--pending", "title", expect=2)

    def test_screening_uses_unique_records_after_dedup(self):
        if not have_fixtures():
            self.skipTest("fixtures absent")
        ortho = os.path.join(FIXTURES, "pubmed", "p1m_ortho")
        self.p.run("import", os.path.join(ortho, "pubmed_result_292.xml"))
        self.p.run("import", "--source", "Ovid MEDLINE", os.path.join(ortho, "citations_200.nbib"),
                   os.path.join(ortho, "citations_92.nbib"))
        self.p.run("dedup")
        dedup = self.p.json("status")
        self.assertEqual(dedup["records"], 584)
        doc = self.p.json("screen")
        self.assertEqual(doc["records"], dedup["unique_records"])
        # A decision naming the Ovid copy of a study applies to the record its cluster keeps.
        rows = list(csv.DictReader(self.p.run("export", "--format", "csv").stdout.splitlines()))
        dup = next(r for r in rows if r["source"] == "Ovid MEDLINE" and r["cluster_id"] != r["record_id"])
        self.p.write("decisions/t.csv", "record,stage,decision,reason,reviewer\n"
                     "Ovid MEDLINE:%s,title-abstract,exclude,,AT\n" % dup["source_record_id"])
        self.p.run("screen")
        rows = {r["record_id"]: r for r in csv.DictReader(self.p.run("export").stdout.splitlines())}
        kept = [r for r in rows.values() if r["cluster_id"] == dup["cluster_id"] and r["decision"]]
        self.assertEqual(len(kept), 1)
        self.assertEqual(kept[0]["decision"], "exclude")
        self.assertEqual(rows[dup["record_id"]]["decision"], "")  # the duplicate itself is not screened

    def test_crossref_records_without_language(self):
        if not have_fixtures():
            self.skipTest("fixtures absent")
        body = os.path.join(FIXTURES, "crossref", "rcrossref_bodies", "cr_works_with_cursor_and_progress_bar__0.json")
        self.p.run("import", "--format", "crossref-json", body)
        self.p.write("criteria.txt", "automatic exclude \"Not in English\" when language is not eng\n")
        doc = self.p.json("screen")
        # No record has a language; with the default (detect-language: flag) none is
        # excluded: each is flagged with its detected language and the undecided rule.
        self.assertEqual((doc["records"], doc["excluded"], doc["languages_detected"]), (30, 0, 30))
        rows = list(csv.DictReader(self.p.run("export").stdout.splitlines()))
        self.assertTrue(all(r["language"] == "" for r in rows))
        self.assertTrue(all("language detected: eng 0." in r["flags"] for r in rows))
        self.assertTrue(all('undecided "Not in English" (missing language)' in r["flags"] for r in rows))


if __name__ == "__main__":
    if not SYNTH:
        print("SYNTH not set: skipped")
        sys.exit(77)
    unittest.main()

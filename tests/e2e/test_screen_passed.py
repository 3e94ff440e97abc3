"""End-to-end tests of `synth screen --passed` (issue 10, item 4): stage lists as decisions.

The wildfire review of CiteSource (fixtures exports/citesource/wildfire_stages): six database
exports, the 128 records kept after title/abstract screening (screened_128.ris) and the 24
included (final_24.ris), run through synth with the stage files as decisions, no script.
"""
import csv
import os
import re
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from synth_e2e import SynthTestCase, fixture, main  # noqa: E402

WILDFIRE = "exports/citesource/wildfire_stages"
DATABASES = ["Dimensions_246.ris", "econlit_3.ris", "envindex_100.ris", "lens_343.ris", "medline_84.ris",
             "wos_278.ris"]
NAGTEGAAL = "screening/asreview/Nagtegaal_2019.csv"


def ris_records(path):
    """The records of an RIS file as lists of (tag, value), read here without synth."""
    records, cur = [], None
    with open(path, encoding="utf-8-sig") as f:
        for line in f:
            m = re.match(r"^([A-Z][A-Z0-9])  -( (.*))?$", line.rstrip("\r\n"))
            if not m:
                continue
            tag, value = m.group(1), (m.group(3) or "").strip()
            if tag == "TY":
                cur = []
            if cur is not None:
                cur.append((tag, value))
            if tag == "ER" and cur is not None:
                records.append(cur)
                cur = None
    return records


def field(rec, tag):
    return next((v for t, v in rec if t == tag), "")


def title_key(title):
    """A title with case, punctuation and spacing ignored (enough to compare these lists)."""
    return re.sub(r"[^0-9a-z]", "", title.lower())


class WildfireStagesTest(SynthTestCase):
    def setUp(self):
        super().setUp()
        self.require_fixtures()
        self.project = self.new_project()

    def synth(self, *args, check=0):
        return self.run_synth("--project", self.project, *args, check=check)

    def import_and_dedup(self):
        for f in DATABASES:
            self.synth("import", fixture(os.path.join(WILDFIRE, f)))
        self.synth("dedup")

    def passed_title_abstract(self, *extra, check=0):
        return self.synth("screen", "--passed", fixture(os.path.join(WILDFIRE, "screened_128.ris")),
                          "--stage", "title-abstract", "--reviewer", "team", *extra, check=check)

    def passed_full_text(self, *extra, check=0):
        return self.synth("screen", "--passed", fixture(os.path.join(WILDFIRE, "final_24.ris")), "--stage",
                          "full-text", "--reviewer", "team", *extra, check=check)

    def test_stage_files_as_decisions_give_the_24_included_studies(self):
        screened = ris_records(fixture(os.path.join(WILDFIRE, "screened_128.ris")))
        final = ris_records(fixture(os.path.join(WILDFIRE, "final_24.ris")))
        self.assertEqual((len(screened), len(final)), (128, 24))
        # Reasoning on the lists themselves: screened_128 names one article twice (DOI
        # 10.1111/jpm.13030, the titles differ only in a hyphen), so it holds 127 items, all
        # of them in the databases: 127 records pass title/abstract, 508 - 127 = 381 are
        # excluded, and at full text 127 - 24 = 103.
        dois = [field(r, "DO").lower() for r in screened if field(r, "DO")]
        self.assertEqual([d for d in set(dois) if dois.count(d) > 1], ["10.1111/jpm.13030"])
        final_titles = {title_key(field(r, "TI")) for r in final}
        self.assertEqual(len(final_titles), 24)
        self.assertTrue(final_titles <= {title_key(field(r, "TI")) for r in screened},
                        "every included record passed title/abstract")

        self.import_and_dedup()
        ta = self.passed_title_abstract()
        self.assertIn("128 records (ris), 128 matched", ta.stdout)
        self.assertIn("wrote decisions/passed-title-abstract-team.csv: 127 include, 381 exclude "
                      "(\"not in screened_128.ris\")", ta.stdout)
        self.assertNotIn("matches no record", ta.stderr)
        self.assertNotIn("match no record", ta.stderr)

        # At full text a reason is required; without one nothing is written.
        no_reason = self.passed_full_text(check=2)
        self.assertIn("--passed at full-text needs --reason", no_reason.stderr)
        self.assertFalse(os.path.exists(os.path.join(self.project, "decisions", "passed-full-text-team.csv")))

        ft = self.passed_full_text("--reason", "Not a systematic review of wildfire impacts")
        self.assertIn("24 records (ris), 24 matched (doi 24)", ft.stdout)
        self.assertIn("24 include, 484 exclude", ft.stdout)

        # The decisions are files of the project: a plain `synth screen` gives the same.
        doc = self.json_of("--project", self.project, "screen")
        self.assertEqual(sorted(doc["decision_files"]), ["decisions/passed-full-text-team.csv",
                                                          "decisions/passed-title-abstract-team.csv"])
        self.assertEqual((doc["records"], doc["included"], doc["excluded"], doc["pending"]), (508, 24, 484, 0))
        with open(os.path.join(self.project, "decisions", "passed-title-abstract-team.csv"), encoding="utf-8") as f:
            rows = list(csv.DictReader(f))
        self.assertEqual(len(rows), 508)
        self.assertEqual(sum(r["decision"] == "include" for r in rows), 127)
        self.assertEqual({r["stage"] for r in rows}, {"title-abstract"})
        self.assertEqual({r["reviewer"] for r in rows}, {"team"})

        prisma = self.json_of("--project", self.project, "prisma", "--format", "json")
        self.assertEqual(prisma["database_results"], 246 + 3 + 100 + 343 + 84 + 278)
        self.assertEqual(prisma["records_screened"], prisma["database_results"] - prisma["duplicates"])
        self.assertEqual(prisma["records_screened"], 508)  # dedup's figure for these six files
        self.assertEqual(prisma["records_excluded"], 381)
        self.assertEqual(prisma["dbr_assessed"], 127)
        self.assertEqual(prisma["dbr_excluded"], [{"label": "Not a systematic review of wildfire impacts", "n": 103}])
        self.assertEqual(prisma["new_studies"], 24)

        # The included records carry the DOIs of final_24.ris (23 of its 24 records have a DO
        # tag; the 24th, a book chapter, has its DOI only in a link).
        export = self.run_synth("--project", self.project, "export", "--only", "included", "--format", "csv",
                                check=0).stdout
        included = list(csv.DictReader(export.splitlines()))
        self.assertEqual(len(included), 24)
        final_dois = {field(r, "DO").lower() for r in final if field(r, "DO")}
        self.assertEqual(len(final_dois), 23)
        self.assertTrue(final_dois <= {r["doi"].lower() for r in included})

    def test_strict_refuses_a_list_with_an_unmatched_record_and_writes_nothing(self):
        # A project holding the MEDLINE export alone: the included studies that MEDLINE did
        # not return (by DOI, or by title for the chapter without one) match nothing.
        medline = ris_records(fixture(os.path.join(WILDFIRE, "medline_84.ris")))
        final = ris_records(fixture(os.path.join(WILDFIRE, "final_24.ris")))
        m_dois = {field(r, "DO").lower() for r in medline if field(r, "DO")}
        m_titles = {title_key(field(r, "TI")) for r in medline}
        missing = [r for r in final
                   if field(r, "DO").lower() not in m_dois and title_key(field(r, "TI")) not in m_titles]
        self.synth("import", fixture(os.path.join(WILDFIRE, "medline_84.ris")))
        self.synth("dedup")
        proc = self.passed_full_text("--reason", "wrong design", "--strict", check=1)
        self.assertIn("final_24.ris: %d records match no record of the project" % len(missing), proc.stderr)
        for r in missing[:3]:
            self.assertIn(field(r, "TI")[:40], proc.stderr)
        self.assertFalse(os.path.exists(os.path.join(self.project, "decisions", "passed-full-text-team.csv")))
        self.assertFalse(self.json_of("--project", self.project, "status")["screened"])

    def test_records_passed_after_an_exclusion_are_named(self):
        # The lists given to the wrong stages: final_24 at title-abstract, screened_128 at
        # full text. Of the 127 records screened_128 passes, the 24 of final_24 passed
        # title-abstract; the other 103 were excluded there, which the command says.
        self.import_and_dedup()
        self.synth("screen", "--passed", fixture(os.path.join(WILDFIRE, "final_24.ris")), "--stage",
                   "title-abstract", "--reviewer", "team")
        doc = self.json_of("--project", self.project, "screen", "--passed",
                           fixture(os.path.join(WILDFIRE, "screened_128.ris")), "--stage", "full-text",
                           "--reviewer", "team", "--reason", "wrong stage")
        self.assertEqual(doc["passed"]["include"], 127)
        self.assertEqual(len(doc["passed"]["excluded_before"]), 103)
        self.assertTrue(all(e.endswith("excluded at title-abstract (not in final_24.ris)")
                            for e in doc["passed"]["excluded_before"]))
        self.assertEqual(doc["included"], 24)

    def test_options_without_passed_are_a_usage_error(self):
        proc = self.synth("screen", "--stage", "full-text", check=2)
        self.assertIn("go with --passed FILE", proc.stderr)


class AsreviewLabelsTest(SynthTestCase):
    """An ASReview-format labelled dataset (asreview/systematic-review-datasets, Nagtegaal
    2019): label_abstract_screening for title/abstract, label_included for full text."""

    def test_labels_decide_each_stage(self):
        self.require_fixtures()
        project = self.new_project()
        path = fixture(NAGTEGAAL)
        with open(path, encoding="utf-8") as f:
            rows = list(csv.DictReader(f))
        by_id = {r["record_id"]: r for r in rows}
        ta = {r["record_id"] for r in rows if r["label_abstract_screening"] == "1"}
        ft = {r["record_id"] for r in rows if r["label_included"] == "1"}
        # Known duplicates (duplicate_record_id) of which both copies passed title/abstract:
        # dedup merges each pair into one record, which passes once.
        both = {r["record_id"] for r in rows
                if r["duplicate_record_id"] and r["record_id"] in ta and r["duplicate_record_id"] in ta}
        self.assertEqual((len(rows), len(ta), len(ft), len(both)), (2019, 392, 101, 3))

        self.run_synth("--project", project, "import", path, check=0)
        self.run_synth("--project", project, "dedup", check=0)
        clusters = {}
        for r in csv.DictReader(self.run_synth("--project", project, "export", "--format", "csv",
                                               check=0).stdout.splitlines()):
            clusters[r["source_record_id"]] = r["cluster_id"]
        for rid in both:
            self.assertEqual(clusters[rid], clusters[by_id[rid]["duplicate_record_id"]])
        # One more pair that the dataset does not mark: rows 1961 and 1962 have the same title
        # and abstract, "behaviors" in one and "behaviours" in the other. dedup merges them
        # since British spellings are folded before endings (2026-12-04); both passed both stages.
        self.assertEqual(by_id["1961"]["title"].replace("behaviors", "behaviours") + ".", by_id["1962"]["title"])
        self.assertTrue({"1961", "1962"} <= ta and {"1961", "1962"} <= ft)
        self.assertEqual(clusters["1961"], clusters["1962"])
        unique = len(set(clusters.values()))

        out = self.run_synth("--project", project, "screen", "--passed", path, "--stage", "title-abstract",
                             "--reviewer", "asreview", check=0)
        self.assertIn("labels in column label_abstract_screening), 392 matched (source id 392)", out.stdout)
        self.assertIn("%d include" % (392 - 3 - 1), out.stdout)
        self.assertIn("(\"not included in Nagtegaal_2019.csv\")", out.stdout)
        doc = self.json_of("--project", project, "screen", "--passed", path, "--stage", "full-text",
                           "--reviewer", "asreview", "--reason", "Not included by the review")
        self.assertEqual(doc["passed"]["label_column"], "label_included")
        self.assertEqual(doc["passed"]["include"], 101 - 1)
        self.assertEqual(doc["passed"]["unmatched"], [])
        self.assertEqual((doc["records"], doc["included"], doc["excluded"]), (unique, 100, unique - 100))


if __name__ == "__main__":
    main()

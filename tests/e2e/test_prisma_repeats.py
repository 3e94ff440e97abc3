"""Records identified per database as reviews report them (issue 10): a database searched with
two strategies counts every record each returned, and the records both returned are counted
under duplicates removed; synth status shows both figures."""
import json
import os
import sqlite3

from synth_e2e import SynthTestCase, fixture, main

DIMENSIONS = "exports/citesource/wildfire_stages/Dimensions_246.ris"


def split_records(path):
    with open(path, encoding="utf-8-sig") as f:
        text = f.read().replace("\r\n", "\n")
    return [r.strip("\n") + "\nER  - \n" for r in text.split("\nER  -") if "TY  - " in r]


class PrismaRepeatsTest(SynthTestCase):
    def setUp(self):
        super().setUp()
        self.require_fixtures()
        self.project = self.new_project()

    def write(self, name, records):
        path = os.path.join(self.tmp, name)
        with open(path, "w", encoding="utf-8") as f:
            f.write("\n".join(records))
        return path

    def test_two_strategies_of_one_database(self):
        records = split_records(fixture(DIMENSIONS))
        self.assertEqual(len(records), 246)
        # Strategy 1 returned records 1-150, strategy 2 records 101-246: 50 returned by both.
        first = self.write("dimensions-strategy-1.ris", records[:150])
        second = self.write("dimensions-strategy-2.ris", records[100:])
        self.run_synth("import", first, "--source", "Dimensions", cwd=self.project, check=0)
        self.run_synth("import", second, "--source", "Dimensions", cwd=self.project, check=0)
        self.run_synth("import", first, "--source", "Dimensions", cwd=self.project, check=0)  # the same file again

        status = self.json_of("status", cwd=self.project)
        self.assertEqual(status["records"], 246)
        self.assertEqual(status["sources"], {"Dimensions": 246})
        self.assertEqual(status["sources_retrieved"], {"Dimensions": 296})
        text = self.run_synth("status", cwd=self.project, check=0).stdout
        self.assertIn("Dimensions", text)
        self.assertIn("246  (296 retrieved by its searches, 50 found twice)", text)

        flow = self.json_of("prisma", cwd=self.project)
        self.assertEqual(flow["database_results"], 296)
        self.assertEqual(flow["database_specific_results"], [{"label": "Dimensions", "n": 296}])
        self.assertEqual(flow["duplicates"], 50)
        self.assertEqual(flow["records_screened"], 246)

        # After dedup the repeats stay counted once among the duplicates.
        self.run_synth("dedup", cwd=self.project, check=0)
        dedup = self.json_of("status", cwd=self.project)
        flow = self.json_of("prisma", cwd=self.project)
        self.assertEqual(flow["database_results"], 296)
        self.assertEqual(flow["duplicates"], 50 + dedup["duplicates"])
        self.assertEqual(flow["records_screened"], dedup["unique_records"])


    def test_prisma_group_names_the_box_whatever_the_source_is_called(self):
        econlit = fixture("exports/citesource/wildfire_stages/econlit_3.ris")
        self.run_synth("import", econlit, "--source", "Backward chasing", "--prisma-group", "citations",
                       cwd=self.project, check=0)
        flow = self.json_of("prisma", cwd=self.project)
        self.assertEqual(flow["citations_results"], 3)
        self.assertEqual(flow["database_results"], 0)
        bad = self.run_synth("import", econlit, "--source", "X", "--prisma-group", "journals", cwd=self.project,
                             check=2)
        self.assertEqual(bad.stderr.splitlines()[0], "synth: error: --prisma-group: unknown group 'journals'")
        # The run's details keep the group and the warnings as a list, as synth search keeps them.
        db = sqlite3.connect(os.path.join(self.project, "synth.db"))
        (details,), = db.execute("SELECT details FROM searches WHERE database = 'Backward chasing'")
        db.close()
        details = json.loads(details)
        self.assertEqual(details["prisma_group"], "citations")
        self.assertEqual(details["warnings"], [])


if __name__ == "__main__":
    main()

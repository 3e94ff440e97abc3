"""Records identified per database as reviews report them (issue 10): a database searched with
two strategies counts every record each returned, and the records both returned are counted
under duplicates removed; synth status shows both figures."""
import os

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


if __name__ == "__main__":
    main()

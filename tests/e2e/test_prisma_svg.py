"""`synth prisma --format svg` writes an SVG that a real renderer (rsvg-convert) accepts, with
the diagram's boxes and numbers; the PNG is written next to the SVG in a temporary folder
(SYNTH_KEEP_PNG=DIR keeps a copy to look at)."""
import os
import shutil
import subprocess
import sys
import tempfile
import unittest
import xml.etree.ElementTree as ET

SYNTH = os.environ.get("SYNTH")
SOURCE = os.environ.get("SYNTH_SOURCE_DIR", os.path.join(os.path.dirname(__file__), "..", ".."))
FLOW = os.path.join(SOURCE, "examples", "ljungberg-2015", "flow.csv")
SVG_NS = "{http://www.w3.org/2000/svg}"

OTHER_METHODS = """data,n
database_results,12345
database_specific_results,"MEDLINE (Ovid), 4000; CINAHL, 3000; PsycINFO, 2345; Sociological Abstracts, 3000"
register_results,55
register_specific_results,"ClinicalTrials.gov, 55"
duplicates,2400
excluded_automatic,1000
records_screened,9000
records_excluded,8800
dbr_sought_reports,200
dbr_notretrieved_reports,5
dbr_assessed,195
dbr_excluded,"Under 50% of participants with a severe mental illness, 100; Insufficient focus on the subject, 60; Not qualitative, 5"
website_results,10
citations_results,20
other_sought_reports,30
other_notretrieved_reports,1
other_assessed,29
other_excluded,"Not qualitative, 25"
new_studies,30
new_reports,34
"""


def png_size(path):
    with open(path, "rb") as f:
        head = f.read(24)
    assert head[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    return int.from_bytes(head[16:20], "big"), int.from_bytes(head[20:24], "big")


class PrismaSvg(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.mkdtemp(prefix="synth-prisma-svg-")

    def tearDown(self):
        shutil.rmtree(self.tmp, ignore_errors=True)

    def render(self, counts, name):
        svg = os.path.join(self.tmp, name + ".svg")
        png = os.path.join(self.tmp, name + ".png")
        r = subprocess.run([SYNTH, "prisma", "--counts", counts, "--format", "svg", "-o", svg],
                           capture_output=True, text=True)
        self.assertEqual(r.returncode, 0, r.stderr)
        r = subprocess.run(["rsvg-convert", "-z", "2", "-o", png, svg], capture_output=True, text=True)
        self.assertEqual(r.returncode, 0, r.stderr)
        keep = os.environ.get("SYNTH_KEEP_PNG")
        if keep:
            os.makedirs(keep, exist_ok=True)
            shutil.copy(png, keep)
        root = ET.parse(svg).getroot()
        width, height = float(root.get("width")), float(root.get("height"))
        self.assertEqual(png_size(png), (round(width * 2), round(height * 2)))
        texts = ["".join(t.itertext()) for t in root.iter(SVG_NS + "text")]
        return root, texts

    def test_ljungberg_diagram(self):
        root, texts = self.render(FLOW, "ljungberg")
        joined = " ".join(texts)  # wrapped lines rejoined at their spaces
        for expected in ["Identification", "Screening", "Included", "Databases (n\u00a0=\u00a05,587)",
                         "Records excluded on title (n\u00a0=\u00a05,445)", "Records excluded on abstract (n\u00a0=\u00a086)",
                         "Reports assessed for eligibility (n\u00a0=\u00a056)", "(n\u00a0=\u00a035)",
                         "New studies included in review (n\u00a0=\u00a021)"]:
            self.assertIn(expected, joined)
        self.assertNotIn("other methods", joined)
        self.assertGreaterEqual(len(list(root.iter(SVG_NS + "polyline"))), 8)

    def test_other_methods_diagram(self):
        counts = os.path.join(self.tmp, "other.csv")
        with open(counts, "w", encoding="utf-8") as f:
            f.write(OTHER_METHODS)
        root, texts = self.render(counts, "other")
        joined = " ".join(texts)  # wrapped lines rejoined at their spaces
        self.assertIn("Identification of new studies via other methods", joined)
        self.assertIn("Citation searching (n\u00a0=\u00a020)", joined)
        self.assertIn("MEDLINE (Ovid) (n\u00a0=\u00a04,000)", joined)


if __name__ == "__main__":
    if not SYNTH or not os.path.exists(SYNTH):
        print("SYNTH is not set to the built binary; skipping")
        sys.exit(77)
    if shutil.which("rsvg-convert") is None:
        print("rsvg-convert is missing (Debian: librsvg2-bin); skipping")
        sys.exit(77)
    unittest.main()

"""examples/ci/review-ci.sh: the CI recipe for a review kept in git, run on the example review
(offline), passing when the flow matches and failing, naming the box, when it drifts."""
import json
import os
import shutil
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from synth_e2e import SOURCE_DIR, SYNTH, SynthTestCase, main  # noqa: E402

SCRIPT = os.path.join(SOURCE_DIR, "examples", "ci", "review-ci.sh")
EXAMPLE = os.path.join(SOURCE_DIR, "examples", "helpful-relationships")


class ReviewCi(SynthTestCase):
    def ci(self, review, work):
        env = dict(self.env, SYNTH=SYNTH, SYNTH_PUBMED_URL="http://127.0.0.1:9/")  # no network: cache only
        return subprocess.run([SCRIPT, review, work], env=env, capture_output=True, text=True, timeout=600)

    def test_example_review_matches_its_flow(self):
        proc = self.ci(EXAMPLE, os.path.join(self.tmp, "work"))
        self.assertEqual(proc.returncode, 0, proc.stdout[-3000:] + proc.stderr[-3000:])
        self.assertIn("$ synth search --offline queries/pubmed.query", proc.stdout)
        self.assertIn('$ synth import exports/wos-ssci.txt --source "Web of Science" --query '
                      'queries/web-of-science.query', proc.stdout)
        self.assertIn("exports/cinahl.ris: 10 records (ris): 10 from CINAHL", proc.stdout)
        self.assertIn("flow matches %s" % os.path.join(EXAMPLE, "expected-flow.json"), proc.stderr)

    def test_a_drifted_flow_fails_naming_the_box(self):
        review = os.path.join(self.tmp, "review")
        shutil.copytree(EXAMPLE, review)
        path = os.path.join(review, "expected-flow.json")
        with open(path, encoding="utf-8") as fh:
            flow = json.load(fh)
        flow["new_studies"] += 1
        with open(path, "w", encoding="utf-8") as fh:
            json.dump(flow, fh)
        proc = self.ci(review, os.path.join(self.tmp, "work"))
        self.assertEqual(proc.returncode, 1, proc.stderr[-3000:])
        self.assertIn("the flow differs in 1 box", proc.stderr)
        self.assertIn("new_studies", proc.stderr)

    def test_a_work_folder_in_use_is_refused(self):
        work = os.path.join(self.tmp, "work")
        os.makedirs(work)
        open(os.path.join(work, "notes.txt"), "w").close()
        proc = self.ci(EXAMPLE, work)
        self.assertEqual(proc.returncode, 2)
        self.assertIn("review-ci: %s is not empty" % work, proc.stderr)
        self.assertEqual(os.listdir(work), ["notes.txt"])


if __name__ == "__main__":
    main()

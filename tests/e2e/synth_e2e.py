"""Shared helpers of the end-to-end tests: run the real synth binary in a temporary project.

Each test gets a fresh folder, an environment without SYNTH_* settings (except what the test
sets) and HOME pointed into the folder. Fixtures come from SYNTH_FIXTURES; tests that need
them are skipped, saying so, when the folder is absent.
"""
import json
import os
import shutil
import subprocess
import sys
import tempfile
import unittest

SYNTH = os.environ.get("SYNTH", "")
FIXTURES = os.environ.get("SYNTH_FIXTURES", "")
SOURCE_DIR = os.environ.get("SYNTH_SOURCE_DIR", os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))))


def fixture(rel):
    return os.path.join(FIXTURES, rel)


def have_fixtures():
    return bool(FIXTURES) and os.path.isdir(FIXTURES)


class SynthTestCase(unittest.TestCase):
    """A test with its own temporary folder; self.run_synth runs the binary there."""

    def setUp(self):
        if not SYNTH or not os.path.exists(SYNTH):
            self.skipTest("SYNTH does not name the built binary")
        self.tmp = tempfile.mkdtemp(prefix="synth-e2e-")
        self.env = {k: v for k, v in os.environ.items() if not k.startswith("SYNTH_") and k != "NCBI_API_KEY"}
        self.env["HOME"] = self.tmp
        self.env["SYNTH_FIXTURES"] = FIXTURES

    def tearDown(self):
        shutil.rmtree(getattr(self, "tmp", ""), ignore_errors=True)

    def require_fixtures(self):
        if not have_fixtures():
            self.skipTest("fixtures folder absent: %r" % FIXTURES)

    def run_synth(self, *args, cwd=None, env=None, check=None, timeout=600):
        """Runs synth; returns CompletedProcess. check=N asserts the exit code."""
        proc = subprocess.run([SYNTH, *args], cwd=cwd or self.tmp, env=env or self.env,
                              capture_output=True, text=True, timeout=timeout)
        if check is not None and proc.returncode != check:
            self.fail("synth %s: exit %d (expected %d)\nstdout:\n%s\nstderr:\n%s"
                      % (" ".join(args), proc.returncode, check, proc.stdout, proc.stderr))
        return proc

    def json_of(self, *args, cwd=None):
        proc = self.run_synth("--json", *args, cwd=cwd, check=0)
        return json.loads(proc.stdout)

    def new_project(self, name="review"):
        self.run_synth("init", name, check=0)
        return os.path.join(self.tmp, name)


def main():
    result = unittest.main(exit=False, verbosity=2).result
    if not result.wasSuccessful():
        sys.exit(1)
    if result.testsRun and len(result.skipped) == result.testsRun:
        sys.exit(77)
    sys.exit(0)

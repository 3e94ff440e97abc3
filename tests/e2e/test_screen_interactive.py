"""synth screen --interactive (issue 12), driven through tmux as a reviewer would: keys sent
with send-keys, the screen read with capture-pane. Skipped when tmux is missing.

Checks: decisions land in decisions/<stage>-<reviewer>.csv at once; a SIGKILL mid-session
loses none; undo removes the last decision and shows its record again; a restart resumes at
the next undecided record; synth screen afterwards gives the same result as the same
decisions written by hand; a terminal it cannot drive is refused with exit 1.
"""
import csv
import io
import json
import os
import pty
import re
import shutil
import signal
import subprocess
import sys
import time
import uuid

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from synth_e2e import SYNTH, SynthTestCase, fixture, main  # noqa: E402

TMUX = shutil.which("tmux")
CRITERIA = """title-abstract flag "Not a clinical study" when not (title-abstract matches patient* OR clinical)
title-abstract flag "Animal study" when title-abstract matches mice OR rats OR animal*
"""


class InteractiveScreen(SynthTestCase):
    def setUp(self):
        super().setUp()
        self.session = None

    def tearDown(self):
        if self.session:
            subprocess.run([TMUX, "-L", self.session, "kill-server"], capture_output=True)
        super().tearDown()

    def project(self):
        self.require_fixtures()
        d = self.new_project()
        self.run_synth("--project", d, "import", fixture("pubmed/nlm_medsamp/medsamp2014.xml"), check=0)
        with open(os.path.join(d, "criteria.txt"), "w", encoding="utf-8") as f:
            f.write(CRITERIA)
        rows = list(csv.DictReader(io.StringIO(self.run_synth("--project", d, "export", "--format", "csv",
                                                              check=0).stdout)))
        self.titles = {r["record_id"]: r["title"] for r in rows}
        self.pmids = {r["record_id"]: r["pmid"] for r in rows}
        return d

    # --- tmux ---------------------------------------------------------------------------------
    def tmux(self, *args):
        return subprocess.run([TMUX, "-L", self.session, *args], capture_output=True, text=True, check=True).stdout

    def start(self, d):
        if not self.session:
            self.session = "synth-e2e-" + uuid.uuid4().hex[:8]
        cmd = "exec env TERM=screen %s --project %s screen --interactive --stage title-abstract --reviewer AT" % (
            SYNTH, d)
        subprocess.run([TMUX, "-L", self.session, "-f", "/dev/null", "new-session", "-d", "-x", "200", "-y", "50",
                        "-s", "s", cmd], check=True, env=self.env)
        self.tmux("set-option", "-t", "s", "remain-on-exit", "on")
        return int(self.tmux("list-panes", "-t", "s", "-F", "#{pane_pid}").strip())

    def screen(self):
        return self.tmux("capture-pane", "-p", "-t", "s")

    def wait_for(self, pattern, timeout=30):
        deadline = time.time() + timeout
        while time.time() < deadline:
            text = self.screen()
            m = re.search(pattern, text)
            if m:
                return text, m
            time.sleep(0.1)
        self.fail("screen never showed %r; it shows:\n%s" % (pattern, self.screen()))

    def wait_dead(self, timeout=30):
        deadline = time.time() + timeout
        while time.time() < deadline:
            if self.tmux("list-panes", "-t", "s", "-F", "#{pane_dead}").strip() == "1":
                return
            time.sleep(0.1)
        self.fail("synth is still running; the screen shows:\n%s" % self.screen())

    def keys(self, *keys):
        self.tmux("send-keys", "-t", "s", *keys)

    def shown_record(self, text):
        """The record whose title starts the screen (line 3: header, blank, title)."""
        line = text.splitlines()[2].strip()
        found = [rid for rid, t in self.titles.items() if t and t.startswith(line[:60])]
        self.assertEqual(len(found), 1, "title line %r matches %d records" % (line, len(found)))
        return found[0]

    def rows(self, d):
        path = os.path.join(d, "decisions", "title-abstract-AT.csv")
        with open(path, encoding="utf-8", newline="") as f:
            return list(csv.DictReader(f))

    def step(self, key, n):
        """Sends a key, waits for the status line to show record n."""
        self.keys(key)
        return self.wait_for(r"record %d/\d+" % n)

    # --- tests --------------------------------------------------------------------------------
    def test_decide_undo_kill_resume_and_same_result_as_by_hand(self):
        if not TMUX:
            self.skipTest("tmux is not installed")
        d = self.project()
        self.start(d)
        text, m = self.wait_for(r"record 1/(\d+)")
        total = int(m.group(1))
        self.assertGreater(total, 10)
        first = self.shown_record(text)
        self.assertIn("stopping p=1.000 not met", text)

        text, _ = self.step("i", 2)
        second = self.shown_record(text)
        self.assertNotEqual(first, second)
        rows = self.rows(d)
        self.assertEqual([(r["record"], r["decision"]) for r in rows], [(first, "include")])
        self.assertEqual((rows[0]["stage"], rows[0]["reviewer"]), ("title-abstract", "AT"))

        # e: the stage's reasons as a numbered list; 2 picks the second.
        self.keys("e")
        self.wait_for(r"2 Animal study")
        self.assertIn("1 Not a clinical study", self.screen())
        text, _ = self.step("2", 3)
        third = self.shown_record(text)
        self.assertEqual(self.rows(d)[-1]["reason"], "Animal study")
        self.assertEqual(self.rows(d)[-1]["record"], second)
        self.assertIn("relevant 1", text)

        # m, then u: the maybe is gone from the file and its record is on screen again.
        text, _ = self.step("m", 4)
        self.assertEqual(len(self.rows(d)), 3)
        text, _ = self.step("u", 3)
        self.assertEqual(self.shown_record(text), third)
        self.assertEqual([r["record"] for r in self.rows(d)], [first, second])

        # Enter after e takes the first reason; then SIGKILL mid-session.
        self.keys("e")
        self.wait_for(r"1 Not a clinical study")
        text, _ = self.step("Enter", 4)
        fourth = self.shown_record(text)
        pid = int(self.tmux("list-panes", "-t", "s", "-F", "#{pane_pid}").strip())
        os.kill(pid, signal.SIGKILL)
        self.wait_dead()
        rows = self.rows(d)
        self.assertEqual([(r["record"], r["decision"], r["reason"]) for r in rows],
                         [(first, "include", ""), (second, "exclude", "Animal study"),
                          (third, "exclude", "Not a clinical study")])

        # Restart: position 4, a record none of the three.
        self.tmux("kill-server")
        self.session = None
        self.start(d)
        text, _ = self.wait_for(r"record 4/%d" % total)
        resumed = self.shown_record(text)
        self.assertNotIn(resumed, (first, second, third))
        self.assertEqual(resumed, fourth)  # the order is a function of the decisions
        self.assertIn("today 3", text)
        self.keys("q")
        self.wait_dead()

        # synth screen reads the session's file as the same decisions written by hand.
        by_session = self.json_of("--project", d, "screen")
        # synth export --pending lists the pending records in the session's ranked order.
        pending = list(csv.DictReader(io.StringIO(self.run_synth(
            "--project", d, "export", "--pending", "title-abstract", "--format", "csv", check=0).stdout)))
        self.assertEqual(len(pending), total - 3)
        self.assertEqual(pending[0]["record_id"], fourth)
        self.assertEqual({r["decision"] for r in pending}, {"pending"})
        self.assertNotEqual([r["record_id"] for r in pending],
                            sorted((r["record_id"] for r in pending), key=int))
        path = os.path.join(d, "decisions", "title-abstract-AT.csv")
        with open(path, "w", encoding="utf-8") as f:
            f.write("record,stage,decision,reason,reviewer\n")
            f.write("pmid:%s,title-abstract,include,,AT\n" % self.pmids[first])
            f.write("pmid:%s,title-abstract,exclude,Animal study,AT\n" % self.pmids[second])
            f.write("pmid:%s,title-abstract,exclude,Not a clinical study,AT\n" % self.pmids[third])
        by_hand = self.json_of("--project", d, "screen")
        for k in ("records", "included", "excluded", "pending", "flagged", "decisions", "stages"):
            self.assertEqual(by_session[k], by_hand[k], k)
        ta = [s for s in by_hand["stages"] if s["stage"] == "title-abstract"][0]
        self.assertEqual(ta["excluded"], 2)

    def test_refuses_a_terminal_it_cannot_drive(self):
        self.require_fixtures()
        d = self.project()
        args = ["--project", d, "screen", "--interactive", "--stage", "title-abstract", "--reviewer", "AT"]
        p = self.run_synth(*args, check=1)
        self.assertIn("needs a terminal", p.stderr)
        # A pseudo-terminal with a TERM the terminfo database does not know.
        master, slave = pty.openpty()
        env = dict(self.env, TERM="no-such-terminal")
        proc = subprocess.run([SYNTH, *args], stdin=slave, stdout=slave, stderr=subprocess.PIPE, env=env,
                              timeout=60, text=True)
        os.close(slave)
        os.close(master)
        self.assertEqual(proc.returncode, 1, proc.stderr)
        self.assertIn("unknown terminal type 'no-such-terminal'", proc.stderr)
        self.assertFalse(os.path.exists(os.path.join(d, "decisions", "title-abstract-AT.csv")))

    def test_usage_errors(self):
        self.require_fixtures()
        d = self.project()
        p = self.run_synth("--project", d, "screen", "--interactive", "--stage", "title-abstract", check=2)
        self.assertIn("--interactive needs --stage STAGE and --reviewer NAME", p.stderr)
        p = self.run_synth("--project", d, "screen", "--interactive", "--stage", "tiabx", "--reviewer", "AT", check=2)
        self.assertIn("unknown stage 'tiabx'", p.stderr)


if __name__ == "__main__":
    main()

"""synth --help, synth COMMAND --help and synth help COMMAND for every command of the table.

The list of commands is read from the command table itself (cmd/commands.cpp), so a command
added there without a help page fails here.
"""
import os
import re
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from synth_e2e import SOURCE_DIR, SynthTestCase, main  # noqa: E402


def table_commands():
    with open(os.path.join(SOURCE_DIR, "cmd", "commands.cpp"), encoding="utf-8") as fh:
        text = fh.read()
    # an entry opens with its name, summary and setup function, on one line or on three
    return re.findall(r'^\s*\{"([a-z-]+)",\s*"[^"]*",\s*setup_\w+,', text, re.M)


class Help(SynthTestCase):
    def test_table_is_read(self):
        names = table_commands()
        self.assertEqual(names[:3], ["init", "search", "import"])
        self.assertIn("check", names)
        self.assertGreaterEqual(len(names), 10)

    def test_overview_lists_every_command_in_table_order(self):
        out = self.run_synth("--help", check=0).stdout
        self.assertIn("Usage: synth [OPTIONS] COMMAND", out)
        self.assertIn("--project DIR", out)
        positions = [out.find("\n  %s " % name) for name in table_commands()]
        self.assertNotIn(-1, positions, out)
        self.assertEqual(positions, sorted(positions))
        self.assertIn("synth help COMMAND", out)
        self.assertIn("Exit status:", out)
        self.assertRegex(out, r"\n  2\s+usage error")
        self.assertIn("Environment:", out)
        self.assertIn("SYNTH_PUBMED_URL", out)
        self.assertIn("NCBI_API_KEY", out)
        self.assertRegex(out, r"Examples:\n  synth ")
        self.assertEqual(self.run_synth("help", check=0).stdout, out)

    def test_every_command_has_a_help_page(self):
        for name in table_commands() + ["help"]:
            with self.subTest(command=name):
                out = self.run_synth(name, "--help", check=0).stdout
                self.assertIn("Usage: synth %s" % name, out)
                self.assertIn("Exit status:\n", out)
                self.assertRegex(out, r"\n  0\s+success\n  1\s+failure")
                self.assertRegex(out, r"\n  2\s+usage error")
                self.assertIn("Environment:\n", out)
                self.assertIn("SYNTH_EMAIL", out)
                self.assertRegex(out, r"Examples:\n  synth .*\b%s\b" % re.escape(name))
                self.assertNotRegex(out, r"\bTEXT\b|\bINT\b|\bUINT\b")
                # synth help COMMAND prints the same page.
                self.assertEqual(self.run_synth("help", name, check=0).stdout, out)

    def test_argument_names(self):
        out = self.run_synth("import", "--help", check=0).stdout
        self.assertIn("Usage: synth import [OPTIONS] FILE...", out)
        self.assertIn("--format FORMAT", out)
        self.assertIn("--query QUERY_FILE", out)
        self.assertIn("--hits N", out)
        out = self.run_synth("prisma", "--help", check=0).stdout
        self.assertIn("-o,--output FILE", out)
        self.assertIn("--format FORMAT=text", out)
        out = self.run_synth("search", "--help", check=0).stdout
        self.assertIn("Usage: synth search [OPTIONS] QUERY_FILE...", out)

    def test_help_of_an_unknown_command(self):
        proc = self.run_synth("help", "serch", check=2)
        self.assertEqual(proc.stdout, "")
        self.assertIn("synth: error: unknown command 'serch'", proc.stderr)
        self.assertIn("hint: one of init, search, import,", proc.stderr)
        self.assertIn("help; see synth --help", proc.stderr)


if __name__ == "__main__":
    main()

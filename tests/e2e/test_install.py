"""cmake --install: the binary, the man pages written from the command table, README and docs;
cpack -G DEB: the same files in a Debian package that declares its dependencies."""
import os
import re
import shutil
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from synth_e2e import SYNTH, SynthTestCase, main  # noqa: E402
from test_help import table_commands  # noqa: E402

BUILD = os.path.dirname(SYNTH) if SYNTH else ""


class Install(SynthTestCase):
    def setUp(self):
        super().setUp()
        if not shutil.which("cmake") or not os.path.isfile(os.path.join(BUILD, "cmake_install.cmake")):
            self.skipTest("cmake or the build folder's install script absent")

    def install(self):
        prefix = os.path.join(self.tmp, "prefix")
        proc = subprocess.run(["cmake", "--install", BUILD, "--prefix", prefix], capture_output=True, text=True)
        self.assertEqual(proc.returncode, 0, proc.stderr)
        return prefix

    def test_install_tree(self):
        prefix = self.install()
        synth = os.path.join(prefix, "bin", "synth")
        proc = subprocess.run([synth, "--version"], capture_output=True, text=True)
        self.assertEqual(proc.returncode, 0, proc.stderr)
        self.assertRegex(proc.stdout, r"^synth \d+\.\d+\.\d+")
        man = os.path.join(prefix, "share", "man", "man1")
        for name in ["synth"] + ["synth-" + c for c in table_commands()]:
            with self.subTest(page=name):
                with open(os.path.join(man, name + ".1"), encoding="utf-8") as fh:
                    page = fh.read()
                self.assertRegex(page, r'(?m)^\.TH %s 1 ' % re.escape(name.upper().replace("-", "\\-")))
                self.assertIn(".SH EXIT STATUS", page)
                self.assertIn(".SH EXAMPLES", page)
                self.assertIn("SYNTH_PUBMED_URL", page)
        with open(os.path.join(man, "synth-import.1"), encoding="utf-8") as fh:
            page = fh.read()
        self.assertIn(".SH NAME\nsynth\\-import \\- Import database exports into the store\n", page)
        for flag in ["format", "source", "query", "hits", "lenient"]:
            self.assertIn("\\fB\\-\\-%s\\fR" % flag, page)
        self.assertIn("\\fB\\-\\-format\\fR \\fIFORMAT\\fR", page)
        self.assertIn("\\fIFILE\\fR...", page)
        doc = os.path.join(prefix, "share", "doc", "synth")
        self.assertTrue(os.path.isfile(os.path.join(doc, "README.md")))
        self.assertTrue(os.path.isfile(os.path.join(doc, "docs", "DESIGN.md")))

    def test_debian_package(self):
        if not shutil.which("cpack") or not shutil.which("dpkg-deb"):
            self.skipTest("cpack or dpkg-deb absent")
        out = os.path.join(self.tmp, "deb")
        proc = subprocess.run(["cpack", "-G", "DEB", "-B", out, "--config", os.path.join(BUILD, "CPackConfig.cmake")],
                              capture_output=True, text=True, timeout=600)
        self.assertEqual(proc.returncode, 0, proc.stdout + proc.stderr)
        debs = [f for f in os.listdir(out) if f.endswith(".deb")]
        self.assertEqual(len(debs), 1, os.listdir(out))
        self.assertRegex(debs[0], r"^synth_\d+\.\d+\.\d+_[a-z0-9]+\.deb$")
        deb = os.path.join(out, debs[0])
        info = subprocess.run(["dpkg-deb", "-f", deb, "Package", "Depends"], capture_output=True, text=True).stdout
        self.assertIn("Package: synth", info)
        for dep in ["libcurl4", "libsqlite3-0", "libpugixml1v5", "libfmt9", "libspdlog1.10", "libutf8proc2",
                    "libcld2-0", "zlib1g"]:
            self.assertRegex(info, r"Depends:.*\b%s\b" % re.escape(dep))
        files = subprocess.run(["dpkg-deb", "-c", deb], capture_output=True, text=True).stdout
        for path in ["./usr/bin/synth", "./usr/share/man/man1/synth.1", "./usr/share/man/man1/synth-import.1",
                     "./usr/share/doc/synth/README.md"]:
            self.assertRegex(files, r"\s%s\n" % re.escape(path))


if __name__ == "__main__":
    main()

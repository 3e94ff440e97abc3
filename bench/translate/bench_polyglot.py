#!/usr/bin/python3
"""`synth translate` beside Polyglot (issue 11; a benchmark, not a test).

  bench/translate/bench_polyglot.py [--synth build/synth] [--examples 2] [--runs 50]
                                    [--bench-translate build/bench/query/bench_translate]

The strategies: the 10 PubMed and 40 Ovid MEDLINE strategies of Cochrane reviews in
$SYNTH_FIXTURES/queries/clef-tar-2017 (default ../shared/fixtures beside the checkout) and
the shipped queries/medline.query. Each strategy that synth reads is written by both tools
for the seven targets they share (pubmed, ovid, ebsco, proquest, wos, scopus, cochrane; the
Polyglot engines are named in peer_polyglot.mjs), line by line: synth's lines from
`synth translate FILE --to T --json`, Polyglot's from the same logical lines (synth's
reading of the file: its `#n` prefixes removed, `#n` references written as bare numbers, as
Polyglot reads them). Printed: per strategy and target, the counts of lines, field tags,
proximity operators (with their distances), truncation and wildcard characters and headings
of each tool, and the differences on the source's constructs, by kind; then the kinds over
all strategies with an example each; then the time of a 300-line strategy to all targets,
Polyglot in node and synth's bench_translate, with the ratio.

The peer: npm install --prefix bench/translate/node @iebh/polyglot (SYNTH_BENCH_PEERS=1
scripts/setup does it). Without node or the package, prints "skipped: ..." and exits 0.
Exit 1 when synth fails to translate, for some target, a strategy it reads (a regression);
a strategy synth refuses at its line (file:line:col) is counted and shown, not an error.
docs/translate-polyglot.md holds the figures of one run and which side is right, by kind.
"""
import argparse
import collections
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
FIXTURES = os.environ.get("SYNTH_FIXTURES", os.path.join(ROOT, "..", "shared", "fixtures"))
PEER = os.path.join(HERE, "peer_polyglot.mjs")
INSTALL = "npm install --prefix bench/translate/node @iebh/polyglot"
TARGETS = ["pubmed", "ovid", "ebsco", "proquest", "wos", "scopus", "cochrane"]

# What each target's output is made of, read from the text written (either tool).
FIELD = {
    "pubmed": r"\[([A-Za-z][A-Za-z /:]*?)(?::~\d+)?\]",
    "ovid": r"\.([a-z]{2}(?:,[a-z]{2})*)\.",
    "ebsco": r"\b(TI|AB|KW|SU|MH|MM|DE|AU|SO|LA|TX|DT)\b",
    "proquest": r"\b((?:TI|AB|IF|SU|AU|PUB|LA|PD|SUBJECT|MESH|MJMESH)(?:,(?:TI|AB|IF|SU))*)\(",
    "wos": r"\b(TS|TI|AB|AU|SO|LA|PY|KP|DT|ALL)=",
    "scopus": r"\b(TITLE-ABS-KEY|TITLE-ABS|TITLE|ABS|KEY|INDEXTERMS|AUTH|SRCTITLE|LANGUAGE|PUBYEAR)\b",
    "cochrane": r":((?:ti|ab|kw|au|so|pt)(?:,(?:ti|ab|kw|au|so|pt))*)\b|\[(mh)\b",
}
PROX = {
    "pubmed": r":~(\d+)\]",
    "ovid": r"\b(?i:adj)(\d*)\b",
    "ebsco": r"\b[NW](\d+)\b",
    "proquest": r"\b(?:NEAR|PRE|N|P|W)/(\d+)",
    "wos": r"\bNEAR/(\d+)",
    "scopus": r"\b(?:W|PRE)/(\d+)",
    "cochrane": r"\bNEAR/(\d+)|\b(NEXT)\b",
}
HEADING = {
    "pubmed": r"\[(?:mh|mesh|majr|mh:noexp|mesh:noexp|majr:noexp|mesh terms)\]",
    "ovid": r"(?:^|[\s(])(?!(?:or|and)/)(?:exp\s+)?\*?[A-Za-z\"][^/()]*?/",
    "ebsco": r"\((?:MH|MM)\s|\bDE\s+\"",
    "proquest": r"\b(?:SUBJECT|MESH|MJMESH)\(",
    "wos": r"(?!)",  # no controlled vocabulary on Web of Science
    "scopus": r"\bINDEXTERMS\(",
    "cochrane": r"\[mh\s",
}
# Explosion as each target spells it: exploded / not exploded.
NOT_EXPLODED = {
    "pubmed": r"noexp",
    "ovid": None,  # exp in front
    "ebsco": None,  # + after the heading
    "cochrane": r"\[mh\s*\^",
}
WORD = re.compile(r"[A-Za-z][A-Za-z0-9\-']+")
OVID_CODES = set("ti ab tw mp kf kw sh hw fs pt au jn la ot nm rn xm ed yr lg so exp adj or and not limit to".split())


def body_lines_for_polyglot(sources, syntax):
    out = []
    for s in sources:
        s = " ".join(s.split())
        if syntax == "pubmed":
            s = re.sub(r"#(\d+)", r"\1", s)  # Polyglot's line references are bare numbers
        out.append(s)
    return out


def strategy_lines(path):
    """The body of a synth query file (after ---), one logical line each, for a file synth refuses."""
    text = open(path, encoding="utf-8").read()
    body = text.split("\n---\n", 1)[1] if "\n---\n" in text else text
    lines = []
    for ln in body.splitlines():
        if not ln.strip() or ln.lstrip().startswith("# "):
            continue
        m = re.match(r"\s*#(\d+)\s+(.*)", ln)
        if m:
            lines.append(m.group(2))
        elif lines and ln[:1].isspace() and not re.match(r"\s*\d+\.?\s", ln):
            lines[-1] += " " + ln.strip()
        else:
            lines.append(ln.strip())
    return lines


def syntax_of(path):
    text = open(path, encoding="utf-8").read().split("\n---\n", 1)[0]
    m = re.search(r"^syntax:\s*(\w+)", text, re.M) or re.search(r"^database:\s*(\w+)", text, re.M)
    return "ovid" if m and m.group(1).lower() == "ovid" else "pubmed"


def features(target, line):
    fields = [m.group(1) or m.group(2) if m.lastindex and m.lastindex > 1 else m.group(1)
              for m in re.finditer(FIELD[target], line)]
    prox = []
    for m in re.finditer(PROX[target], line):
        prox.append(m.group(1) if m.group(1) is not None else (m.group(2) if m.lastindex and m.lastindex > 1 else ""))
    no_refs = re.sub(r"(?<![A-Za-z0-9])(?:#|S)\d+\b", " ", line)
    if target == "ovid":
        no_refs = re.sub(r"\b(?:or|and)/[\d,\- ]+", " ", no_refs)
    trunc = collections.Counter(c for w in re.findall(r"[A-Za-z0-9\-]*[*$?#:][A-Za-z0-9\[\]*]*", no_refs)
                                for c in w if c in "*$?#")
    if target == "proquest":
        trunc["[*n]"] = len(re.findall(r"\[\*\d+\]", line))
    heads = len(re.findall(HEADING[target], line, re.I if target == "pubmed" else 0))
    return {"fields": fields, "prox": prox, "trunc": trunc, "headings": heads}


# Field tags read as the fields they search, so that two spellings of the same fields are not
# a difference (.tw. and .ti,ab. on Ovid MEDLINE; TITLE-ABS and TITLE OR ABS on Scopus).
ATOMS = {
    "pubmed": {"tiab": "ti ab kw", "title/abstract": "ti ab kw", "ti": "ti", "title": "ti", "ab": "ab", "tw": "tw",
               "text word": "tw", "ot": "kw", "tt": "ot", "mesh:noexp": "mh", "mh:noexp": "mh", "mesh": "mh"},
    "ovid": {"tw": "ti ab", "kf": "kw", "kw": "kw"},
    "ebsco": {},
    "proquest": {"if": "kw"},
    "wos": {"ts": "ti ab kw kp"},
    "scopus": {"title-abs-key": "ti ab kw", "title-abs": "ti ab", "title": "ti", "abs": "ab", "key": "kw"},
    "cochrane": {},
}


def field_atoms(target, fields):
    out = set()
    for f in fields:
        for part in ([f] if target in ("pubmed", "scopus") else re.split(r"[,+]", f)):
            part = part.lower().strip()
            out.update(ATOMS[target].get(part, part).split())
    return out


def pubmed_headings(src):
    """(exploded, major, name, subheading) of each MeSH tag: the quoted phrase before the tag,
    or the words back to the previous operator or parenthesis."""
    out = []
    for m in re.finditer(r"\[(mh|mesh|majr|mh:noexp|mesh:noexp|majr:noexp|mesh terms)\]", src, re.I):
        before = src[: m.start()].rstrip()
        if before.endswith('"') or before.endswith("\u201d"):
            q = max(before.rfind('"', 0, len(before) - 1), before.rfind("\u201c"))
            name = before[q + 1: -1]
        else:
            name = re.split(r"\b(?:AND|OR|NOT)\b|[()]", before)[-1]
        name = name.strip().strip('"\u201c\u201d')
        t = m.group(1).lower()
        out.append((not t.endswith("noexp"), t.startswith("majr"), name.split("/")[0].strip(),
                    name.split("/")[1] if "/" in name else ""))
    return out


def source_constructs(syntax, src):
    """The constructs of a source line that the comparison looks at."""
    c = {}
    if syntax == "ovid":
        c["adj"] = [int(n) for n in re.findall(r"\badj(\d+)\b", src, re.I) if int(n) >= 2]
        c["adj_all"] = [int(n) if n else 1 for n in re.findall(r"\badj(\d*)\b", src, re.I)]
        heads = re.findall(r"(?:^|\s|\()(exp\s+)?(\*)?([A-Za-z\"][^/()]*?)/((?:\s*[a-z]{2}\s*,?)*)", src)
        c["headings"] = [(bool(e), bool(s), h.strip(), sub.strip()) for e, s, h, sub in heads]
        c["limited"] = re.findall(r"[A-Za-z]+\$\d", src)
        c["one_char"] = [w for w in re.findall(r"[A-Za-z]+#[A-Za-z]*", src)]
        c["zero_one"] = [w for w in re.findall(r"[A-Za-z]+\?[A-Za-z]*", src)]
        c["limit"] = bool(re.match(r"\s*limit\s+\d+", src, re.I))
        c["combination"] = bool(re.fullmatch(r"[\s\d()]*(?:(?:or|and|not)[\s\d()]+)*", src, re.I)) \
            or bool(re.fullmatch(r"\s*(?:or|and)/[\d,\- ]+", src, re.I))
        c["field"] = ",".join(re.findall(r"\.([a-z]{2}(?:,[a-z]{2})*)\.?\s*$", src)) \
            or ("mp" if not c["headings"] else "")
    else:
        c["adj"] = [int(n) for n in re.findall(r":~(\d+)\]", src)]
        c["adj_all"] = c["adj"]
        c["headings"] = pubmed_headings(src)
        c["limited"] = []
        c["one_char"] = []
        c["zero_one"] = []
        c["limit"] = False
        c["combination"] = bool(re.fullmatch(r"[\s#\d()]*(?:(?:or|and|not)[\s#\d()]+)*", src, re.I))
        tags = re.findall(r"\[([a-z]+)\]", src, re.I)
        c["field"] = ",".join(sorted(set(t.lower() for t in tags if t.lower() not in ("mh", "mesh", "majr"))))
    return c


def words(text):
    return {w.lower() for w in WORD.findall(text) if len(w) > 2}


def explode_flag(target, out_line, heading):
    """True exploded, False not, None: the target does not say (or the heading is not there)."""
    name = re.escape(heading.strip('"')[:20])
    if not re.search(name, out_line, re.I):
        return None
    if target == "ovid":
        return bool(re.search(r"exp\s+\*?\"?" + name, out_line, re.I))
    if target == "ebsco":
        m = re.search(r"\((?:MH|MM)\s+\"?" + name + r"[^)]*\)", out_line, re.I)
        return None if not m else "+" in m.group(0)
    if target == "pubmed":
        m = re.search(name + r"[^\[]*\[(mh|mesh|majr)(:noexp)?\]", out_line, re.I)
        return None if not m else not m.group(2)
    if target == "cochrane":
        m = re.search(r"\[mh\s*(\^)?\s*\"?" + name, out_line, re.I)
        return None if not m else not m.group(1)
    return None


HEADING_KIND = {
    "ebsco": "MeSH heading copied as a CINAHL heading (MH); synth: the words, noted",
    "proquest": "MeSH heading copied as SUBJECT(); synth: the words, noted",
    "wos": "MeSH heading written as ALL= words; synth: title/abstract phrase, noted",
    "scopus": "MeSH heading written as INDEXTERMS(); synth: title/abstract phrase, noted",
}
HEADING_RIGHT = {"ebsco": "synth", "proquest": "neither", "wos": "synth", "scopus": "Polyglot"}


def numbers(prox):
    return {0 if p == "NEXT" else int(p) for p in prox if p}


def compare_line(target, syntax, src, sy, pg):
    """Difference kinds on one line: list of (kind, judged-right, detail)."""
    t_ = target
    c = source_constructs(syntax, src)
    fs, fp = features(target, sy), features(target, pg)
    kinds = []
    if not pg.strip():
        kinds.append(("line lost", "synth", "Polyglot wrote nothing for the line"))
        return kinds
    # Ovid's display of a code ("/du [Diagnostic Use]", ".mp. [mp=title, ...]") is not searched.
    display = re.findall(r"\[([A-Z][^\]]*)\]", src) if syntax == "ovid" else []
    bare = re.sub(r"\[[A-Z][^\]]*\]", " ", src) if syntax == "ovid" else re.sub(r"\[[^\]]*\]", " ", src)
    lost_pg = words(bare) - words(pg) - OVID_CODES
    lost_sy = words(bare) - words(sy) - OVID_CODES
    if display and any(d.split(",")[0].split("=")[0] in pg for d in display) \
            and not any(d.split(",")[0].split("=")[0] in sy for d in display):
        kinds.append(("Ovid's display text [...] kept as search words", "synth", "[%s]" % display[0][:40]))
    if c["combination"] or re.search(r"\.fs\.|\[sh\]", src):
        pass  # floating subheadings: synth writes Ovid's codes (di.fs.) for PubMed's names
    elif lost_pg - lost_sy and not c["limit"]:
        kinds.append(("search words lost", "synth", "Polyglot: " + ", ".join(sorted(lost_pg - lost_sy)[:4])))
    elif lost_sy - lost_pg and not c["limit"]:
        kinds.append(("search words lost", "Polyglot", "synth: " + ", ".join(sorted(lost_sy - lost_pg)[:4])))
    if c["adj"] and target == "pubmed":
        if fs["prox"] and not fp["prox"]:
            kinds.append(("proximity sent to PubMed as AND", "synth",
                          "Polyglot AND, synth [tiab:~%s]" % "/".join(fs["prox"])))
        elif not fs["prox"] and not fp["prox"]:
            kinds.append(("(same) proximity as AND by both: wildcards or three operands", "both", "AND"))
    elif c["adj_all"] and target != "pubmed" and not (target == "ovid" and syntax == "ovid"):
        pn, sn = numbers(fp["prox"]), numbers(fs["prox"])
        wider = [n for n in c["adj_all"] if n in pn and n - 1 not in pn and n - 1 in sn]
        if pn == sn:
            pass
        elif syntax == "ovid" and wider:
            kinds.append(("Ovid adjN written as N words between (one word wider)", "synth",
                          "adj%s: Polyglot %s, synth %s" % (wider[0], wider[0], wider[0] - 1)))
        elif sn and not pn:
            kinds.append(("proximity dropped", "synth", "Polyglot has no proximity operator"))
        elif pn and not sn:
            kinds.append(("proximity dropped", "Polyglot", "synth has no proximity operator"))
        else:
            kinds.append(("proximity distance differs", "see docs",
                          "Polyglot %s, synth %s" % (sorted(pn), sorted(sn))))
    for exp, major, name, sub in c["headings"]:
        if target in ("ebsco", "proquest", "wos", "scopus"):
            as_heading = fp["headings"] if target != "wos" else \
                re.search(r"ALL=\(?\"?" + re.escape(name.strip('"')[:15]), pg, re.I)
            if as_heading and not fs["headings"]:
                kinds.append((HEADING_KIND[target], HEADING_RIGHT[target], "%s%s/" % ("exp " if exp else "", name)))
        elif target in ("pubmed", "ovid", "cochrane"):
            pe, se = explode_flag(target, pg, name), explode_flag(target, sy, name)
            if pe is not None and pe != exp and se == exp:
                kinds.append(("explosion changed", "synth", "%s%s/: Polyglot %s" %
                              ("exp " if exp else "", name, "exploded" if pe else "not exploded")))
            elif se is not None and se != exp and pe == exp:
                kinds.append(("explosion changed", "Polyglot", "%s%s/: synth %s" %
                              ("exp " if exp else "", name, "exploded" if se else "not exploded")))
            if sub and target in ("pubmed", "ovid"):
                code = sub.split(",")[0].strip()
                keeps_pg = re.search(r"/\s*" + code + r"\b|/[A-Za-z ]+\"?\[", pg) is not None
                keeps_sy = re.search(r"/\s*" + code + r"\b|/[A-Za-z ,]+\"?\[", sy) is not None
                if keeps_sy and not keeps_pg:
                    kinds.append(("subheading dropped", "synth",
                                  "%s/%s: Polyglot writes the heading alone" % (name, sub)))
                elif keeps_pg and not keeps_sy:
                    kinds.append(("subheading dropped", "Polyglot",
                                  "%s/%s: synth writes the heading alone" % (name, sub)))
    if c["limited"] and re.search(r"(?:^|\s)(?:\*|\$\d+)(?:\s|$|\))", pg):
        kinds.append(("limited truncation ($n) written as a stray term", "synth", c["limited"][0]))
    for w in c["one_char"] + c["zero_one"]:
        stem = w.split("#")[0].split("?")[0]
        mp = re.search(re.escape(stem) + r"([*$?#])", pg)
        ms = re.search(re.escape(stem) + r"([*$?#])", sy)
        if mp and ms and mp.group(1) != ms.group(1):
            narrowed = mp.group(1) == "?" and "?" in w
            kinds.append(("Ovid ? (zero or one character) written as ? (exactly one)" if narrowed
                          else "wildcard spelled differently", "synth" if narrowed else "see docs",
                          "%s: Polyglot %s, synth %s" % (w, mp.group(1), ms.group(1))))
            break
    left = r"(?:^|[\s)])\s*[,.](?:[a-z]{2}[,.])+(?:\s|$)|[\w*$],(?:[a-z]{2}[,.])+"
    if target != "ovid" and re.search(left, pg) and not re.search(left, sy):
        kinds.append(("Ovid field code left in the output as text", "synth",
                      re.search(r"[,.](?:[a-z]{2}[,.])+", pg).group(0)))
    if syntax == "pubmed" and target == "pubmed" and not c["combination"]:
        tags = lambda x: len(re.findall(r"\[[^\]]*\]", x))
        if tags(sy) > tags(src) and tags(pg) <= tags(src):
            kinds.append(("untagged PubMed term given [tw] (PubMed to PubMed)", "Polyglot",
                          "%d tags in the source, synth %d, Polyglot %d" % (tags(src), tags(sy), tags(pg))))
    if c["combination"] and target == "proquest" and re.fullmatch(r"[\s\d()]*(?:(?:OR|AND|NOT)[\s\d()]+)*", pg.strip()):
        kinds.append(("line references as bare numbers on ProQuest (its history is S1, S2)", "synth", pg.strip()[:40]))
    if c["limit"] and re.search(r"\"limit\s", pg, re.I):
        kinds.append(("limit searched as a phrase", "synth", pg.strip()[:60]))
    if not c["headings"] and not c["combination"] and not c["limit"] and not kinds:
        sf, pf = sorted(field_atoms(t_, fs["fields"])), sorted(field_atoms(t_, fp["fields"]))
        if sf != pf:
            kinds.append((("field tags differ (.%s.)" if syntax == "ovid" else "field tags differ ([%s])") % c["field"],
                          "see docs", "Polyglot %s, synth %s" % ("+".join(pf) or "none", "+".join(sf) or "none")))
    return kinds


def run_synth(synth, path, target):
    p = subprocess.run([synth, "translate", path, "--to", target, "--json"], capture_output=True, text=True)
    if p.returncode != 0:
        return None, p.stderr.strip()
    return json.loads(p.stdout), None


def total(feats, key):
    if key == "trunc":
        c = collections.Counter()
        for f in feats:
            c.update(f["trunc"])
        return " ".join("%s%d" % (k, v) for k, v in sorted(c.items()) if v) or "-"
    if key == "prox":
        c = collections.Counter(p for f in feats for p in f["prox"])
        return " ".join("%s:%d" % (k or "adj", v) for k, v in sorted(c.items())) or "-"
    return sum(len(f[key]) if isinstance(f[key], list) else f[key] for f in feats)


def three_hundred_lines():
    """The strategy of bench/query/bench_translate.cpp (three_hundred_lines), the same text."""
    words = ["schizophreni$", "psychos#s", "bipolar", "depress$", "recover$", "h?ematuria", "relation$2",
             "qualitat$", "interview$", "therap$"]
    heads = ["Schizophrenia", "Psychotic Disorders", "Bipolar Disorder", "Depressive Disorder",
             "Kidney Failure, Chronic", "Nurses"]
    lines, blocks, n = [], [], 0
    while n < 298:
        n += 1
        if n % 10 == 0:
            lines.append("or/%d-%d" % (n - 9, n - 1))
            blocks.append(n)
            continue
        w, h = words[n % 10], heads[n % 6]
        k = n % 5
        if k == 0:
            lines.append("%s.ti,ab." % w)
        elif k == 1:
            lines.append("exp %s/ or *%s/di, th" % (h, h))
        elif k == 2:
            lines.append("((%s or %s) adj3 (care or support$)).tw." % (w, words[(n + 1) % 10]))
        elif k == 3:
            lines.append("(optical adj2 coherence adj2 %s).tw,ot." % w)
        else:
            lines.append("\"%s study\".mp. or %s scale$.ti." % (w, w))
    lines.append("and/" + ",".join(str(b) for b in blocks))
    lines.append("limit %d to english language" % (n + 1))
    return "\n".join(lines) + "\n"


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--synth", default=os.environ.get("SYNTH", os.path.join(ROOT, "build", "synth")))
    ap.add_argument("--bench-translate", default=None,
                    help="synth's bench_translate (default: beside --synth, bench/query/bench_translate)")
    ap.add_argument("--examples", type=int, default=2, help="examples printed per difference kind")
    ap.add_argument("--runs", type=int, default=50)
    ap.add_argument("--quiet", action="store_true", help="no per-strategy lines, only the totals")
    ap.add_argument("--dump", metavar="TEXT", help="print every line whose difference kind contains TEXT")
    args = ap.parse_args()

    node = shutil.which("node")
    if not node:
        print("skipped: node is not installed (Debian: apt-get install nodejs npm; then %s)" % INSTALL)
        return 0
    pg_dir = os.environ.get("POLYGLOT_DIR", os.path.join(HERE, "node"))
    if not os.path.isdir(os.path.join(pg_dir, "node_modules", "@iebh", "polyglot")):
        print("skipped: @iebh/polyglot is not installed in %s: %s" % (pg_dir, INSTALL))
        return 0
    if not os.access(args.synth, os.X_OK):
        print("synth not found at %s (build first, or --synth)" % args.synth, file=sys.stderr)
        return 1
    folder = os.path.join(FIXTURES, "queries", "clef-tar-2017")
    files = []
    for sub in ("ovid", "pubmed"):
        d = os.path.join(folder, sub)
        if os.path.isdir(d):
            files += [os.path.join(d, f) for f in sorted(os.listdir(d)) if f.endswith(".query")]
        else:
            print("fixtures: %s missing (SYNTH_FIXTURES), skipped" % d)
    files.append(os.path.join(ROOT, "queries", "medline.query"))
    version = json.load(open(os.path.join(pg_dir, "node_modules", "@iebh", "polyglot", "package.json")))["version"]
    print("synth translate beside Polyglot %s (node %s) on %d strategies, %d targets" %
          (version, subprocess.run([node, "--version"], capture_output=True, text=True).stdout.strip(),
           len(files), len(TARGETS)))

    synth_out, refused, failures = {}, {}, []
    for path in files:
        name = os.path.relpath(path, FIXTURES if path.startswith(FIXTURES) else ROOT)
        own = syntax_of(path)
        first, err = run_synth(args.synth, path, own)
        if first is None:
            refused[name] = err.splitlines()[0] if err else "exit 1"
            if not re.search(r":\d+:\d+:", refused[name]):
                failures.append("%s: synth translate --to %s failed without a located error: %s"
                                % (name, own, refused[name]))
            continue
        synth_out[name] = {"path": path, "syntax": own, own: first}
        for t in TARGETS:
            if t == own:
                continue
            out, err = run_synth(args.synth, path, t)
            if out is None:
                failures.append("%s: synth reads it (--to %s) but --to %s fails: %s" % (name, own, t, err))
                continue
            synth_out[name][t] = out

    # Polyglot gets synth's logical lines where synth reads the file, the file's own otherwise.
    batch = []
    for path in files:
        name = os.path.relpath(path, FIXTURES if path.startswith(FIXTURES) else ROOT)
        if name in synth_out:
            s = synth_out[name]
            sources = [l["source"] for l in s[s["syntax"]]["lines"]]
            text = "\n".join(body_lines_for_polyglot(sources, s["syntax"]))
        else:
            text = "\n".join(body_lines_for_polyglot(strategy_lines(path), syntax_of(path)))
        batch.append({"name": name, "text": text})
    p = subprocess.run([node, PEER, "translate"], input=json.dumps(batch), capture_output=True, text=True)
    if p.returncode != 0:
        print("Polyglot failed: %s" % p.stderr.strip()[:500], file=sys.stderr)
        return 1
    poly = json.loads(p.stdout)

    kinds = collections.defaultdict(lambda: collections.Counter())  # kind -> target -> lines
    judged = {}
    examples = collections.defaultdict(list)
    strategies_with = collections.defaultdict(set)
    compared_lines = 0
    for name, s in synth_out.items():
        syntax = s["syntax"]
        sources = [l["source"] for l in s[syntax]["lines"]]
        if not args.quiet:
            print("\n%s (%s, %d lines)" % (name, syntax, len(sources)))
            print("  %-9s %-8s %5s %6s %8s  %-22s %-22s %s" % ("target", "tool", "lines", "fields", "headings",
                                                              "proximity", "truncation", "differences"))
        for t in TARGETS:
            if t not in s or "error" in poly.get(name, {}):
                continue
            sy_lines = [l["text"] for l in s[t]["lines"]]
            pg_lines = poly[name][t].split("\n")
            if len(pg_lines) != len(sy_lines):
                kinds["lines out of step (not compared)"][t] += 1
                judged["lines out of step (not compared)"] = "-"
                continue
            here = collections.Counter()
            for i, (src, sy, pg) in enumerate(zip(sources, sy_lines, pg_lines)):
                compared_lines += 1
                for kind, right, detail in compare_line(t, syntax, src, sy, pg):
                    kinds[kind][t] += 1
                    judged[kind] = right
                    here[kind] += 1
                    strategies_with[kind].add(name)
                    if args.dump and args.dump in kind:
                        print("DUMP %s --to %s line %d [%s] %s\n  source:   %s\n  Polyglot: %s\n  synth:    %s" %
                              (name, t, i + 1, kind, detail, src[:200], pg[:200], sy[:200]))
                    if len(examples[kind]) < args.examples and not any(e[1] == t for e in examples[kind]):
                        examples[kind].append((name, t, i + 1, src, pg, sy, detail))
            if not args.quiet:
                fs = [features(t, l) for l in sy_lines]
                fp = [features(t, l) for l in pg_lines]
                for tool, f, n in (("synth", fs, len(sy_lines)), ("Polyglot", fp, len(pg_lines))):
                    diff = ", ".join("%s %d" % (k, v) for k, v in here.most_common()) if tool == "synth" else ""
                    print("  %-9s %-8s %5d %6d %8d  %-22s %-22s %s" % (t if tool == "synth" else "", tool, n,
                          total(f, "fields"), total(f, "headings"), total(f, "prox")[:22], total(f, "trunc")[:22],
                          diff or ("" if tool != "synth" else "none")))

    print("\nRefused by synth at their line (Polyglot translates them as written):")
    for name, err in refused.items():
        print("  %s: %s" % (name, err[:160]))
    print("\nDifference kinds over %d strategies synth reads, %d lines x targets compared"
          " (times: occurrences, one per heading or line; strat: strategies):" %
          (len(synth_out), compared_lines))
    print("  %-78s %6s %5s  %s" % ("kind", "times", "strat", "by target; right by the vendor pages"))
    for kind, by in sorted(kinds.items(), key=lambda kv: -sum(kv[1].values())):
        print("  %-78s %6d %5d  %s; right: %s" % (kind[:78], sum(by.values()), len(strategies_with[kind]),
              " ".join("%s %d" % (t, by[t]) for t in TARGETS if by[t]), judged.get(kind, "-")))
    print("\nExamples (strategy, target, line: source -> Polyglot | synth):")
    for kind in sorted(examples, key=lambda k: -sum(kinds[k].values())):
        print("  %s" % kind)
        for name, t, i, src, pg, sy, detail in examples[kind]:
            print("    %s --to %s line %d: %s" % (name, t, i, detail))
            print("      source:   %s" % src[:150])
            print("      Polyglot: %s" % pg[:150])
            print("      synth:    %s" % sy[:150])

    # Speed: the 300-line strategy of bench_translate, all seven targets.
    bt = args.bench_translate or os.path.join(os.path.dirname(os.path.abspath(args.synth)), "bench", "query",
                                              "bench_translate")
    with tempfile.NamedTemporaryFile("w", suffix=".txt", delete=False) as f:
        f.write(three_hundred_lines())
        strategy = f.name
    try:
        p = subprocess.run([node, PEER, "time", strategy, str(args.runs)], capture_output=True, text=True)
    finally:
        os.unlink(strategy)
    load = os.getloadavg()[0]
    print("\nSpeed: the 300-line Ovid strategy of bench_translate to the seven targets (load average %.2f):" % load)
    if p.returncode != 0:
        print("  Polyglot: failed: %s" % p.stderr.strip()[:300])
        pt = None
    else:
        pt = json.loads(p.stdout)
        print("  Polyglot (node, parse once, compile 7): median %.2f ms (fastest %.2f, slowest %.2f, %d runs, "
              "%d bytes)" %
              (pt["median"], pt["fastest"], pt["slowest"], pt["runs"], pt["bytes"]))
    if os.access(bt, os.X_OK):
        out = subprocess.run([bt, str(args.runs)], capture_output=True, text=True).stdout.strip()
        print("  synth:    %s" % out)
        m = re.search(r"median ([\d.]+) ms", out)
        if m and pt:
            print("  ratio: Polyglot / synth = %.1f (target: synth < 50 ms)" % (pt["median"] / float(m.group(1))))
    else:
        print("  synth: %s not built (ninja -C build bench_translate)" % bt)

    if failures:
        print("\nFAILED: synth could not translate strategies it reads:", file=sys.stderr)
        for f in failures:
            print("  " + f, file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())

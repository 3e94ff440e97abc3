// The Polyglot peer of `synth translate` (bench/translate/bench_polyglot.py runs it):
// @iebh/polyglot, the npm package of the Polyglot Search Translator (Clark et al., JMLA
// 2020), installed beside this script by
//   npm install --prefix bench/translate/node @iebh/polyglot
// (or SYNTH_BENCH_PEERS=1 scripts/setup). POLYGLOT_DIR names another install.
//
//   node peer_polyglot.mjs translate < strategies.json   [{"name", "text"}] -> {name: {target: text}}
//   node peer_polyglot.mjs time FILE [RUNS]              FILE's text to every target, RUNS times (default 50)
//
// Targets are synth's names; each maps to the Polyglot engine nearest to what synth writes:
// the abbreviated PubMed tags, Ovid MEDLINE, CINAHL on EBSCOhost, ProQuest, WoS and Scopus
// advanced search (field tags), the Cochrane Library. html off; line references kept (below).
// Polyglot prints debugging lines to the console on some input; they are silenced while it runs.
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const prefix = process.env.POLYGLOT_DIR || join(here, 'node');
const require = createRequire(join(prefix, 'package.json'));
const polyglot = require('@iebh/polyglot').default;
const { parse } = require('@iebh/polyglot');
const generic = require('@iebh/polyglot/lib/modules/engines/generic.js').default;

export const ENGINES = {
  pubmed: 'PubMed abbreviation',
  ovid: 'Ovid MEDLINE',
  ebsco: 'CINAHL (Ebsco)',
  proquest: 'ProQuest Health and Medical',
  wos: 'WoS Advanced',
  scopus: 'Scopus (advanced search)',
  cochrane: 'Cochrane Library',
};

function quietly(fn) {
  const log = console.log;
  console.log = () => {};
  try {
    return fn();
  } finally {
    console.log = log;
  }
}

// As polyglot.translateAll does: the strategy parsed once, the tree compiled for each engine
// (polyglot.translate would parse it again for each). Line references are kept as the
// target's history numbers (transposeLines off, the web app's unticked "expand lines"), so
// that line n of the output is line n of the strategy, as in synth's output.
function translateAll(text) {
  return quietly(() => {
    const tree = parse(text, {});
    const out = {};
    for (const [target, engine] of Object.entries(ENGINES)) {
      const compiled = generic.compile(structuredClone(tree), { transposeLines: false }, engine);
      out[target] = polyglot.postProcess(compiled, { html: false });
    }
    return out;
  });
}

const [mode, file, runsArg] = process.argv.slice(2);
if (mode === 'translate') {
  const input = JSON.parse(readFileSync(0, 'utf8'));
  const result = {};
  for (const { name, text } of input) {
    try {
      result[name] = translateAll(text);
    } catch (e) {
      result[name] = { error: String(e && e.message ? e.message : e) };
    }
  }
  process.stdout.write(JSON.stringify(result));
} else if (mode === 'time' && file) {
  const text = readFileSync(file, 'utf8');
  const runs = Math.max(1, parseInt(runsArg || '50', 10));
  const ms = [];
  let bytes = 0;
  for (let i = 0; i < runs; ++i) {
    const start = process.hrtime.bigint();
    const out = translateAll(text);
    ms.push(Number(process.hrtime.bigint() - start) / 1e6);
    bytes = Object.values(out).reduce((n, t) => n + t.length, 0);
  }
  ms.sort((a, b) => a - b);
  process.stdout.write(JSON.stringify({ median: ms[Math.floor(ms.length / 2)], fastest: ms[0],
                                        slowest: ms[ms.length - 1], runs, bytes }));
} else {
  process.stderr.write('usage: peer_polyglot.mjs translate < strategies.json | time FILE [RUNS]\n');
  process.exit(2);
}

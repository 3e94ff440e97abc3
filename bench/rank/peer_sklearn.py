#!/usr/bin/python3
"""The scikit-learn peer of `synth simulate`: ASReview's two default models rebuilt with
Debian's python3-sklearn (not ASReview itself), run on the same priors.

  u4 (ELAS u4, ASReview's default): TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True,
      min_df=1, max_df=0.95), LinearSVC(loss="squared_hinge", C=0.11), "balanced" sample
      weights with ratio 9.8 (relevant records weigh 9.8 times the irrelevant ones in all).
  u3 (ELAS u3): TfidfVectorizer(stop_words="english"), MultinomialNB(alpha=3.822),
      balanced ratio 1.2.

Both retrain after every decision and screen the highest-scoring record next (ties: the
lower row), from the priors given (one relevant, one irrelevant; they count as screened).
Usage: peer_sklearn.py DATA.csv --label COLUMN --model u4|u3 --priors R,I [--priors R,I ...]
[--until 0.95|1.0] [--tfidf KEY=VALUE ...]; rows are numbered from 1 as `synth --json simulate`
writes them. Prints one JSON line per run: wss_95, record_95 (the row of the relevant record
whose finding reached 95 % recall, which alone sets wss_95), screened, seconds.
"""
import argparse
import csv
import json
import math
import sys
import time

import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.naive_bayes import MultinomialNB
from sklearn.svm import LinearSVC


def read(path, label):
    csv.field_size_limit(1 << 30)
    texts, y = [], []
    with open(path, newline="", encoding="utf-8") as f:
        for row in csv.DictReader(f):
            row = {k.lower(): v for k, v in row.items()}
            texts.append((row.get("title") or "") + " " + (row.get("abstract") or ""))
            y.append(int(row[label.lower()]))
    return texts, np.array(y)


def balanced_weights(y, ratio):
    n1, n0 = (y == 1).sum(), (y == 0).sum()
    w = np.where(y == 1, 1.0, n1 / (ratio * n0))
    return w * (len(y) / w.sum())


# English function words (articles, pronouns, prepositions, conjunctions, auxiliaries),
# written for this benchmark: `--tfidf stop_words=function` tries a stop-word list that is
# not scikit-learn's (whose list also holds content words such as "system" and "fire").
FUNCTION_WORDS = """
a an the and or nor but if then than so as because while whereas although though unless until
whether of in on at by for from to into onto upon with within without about above below over
under between among through during before after against along across around behind beyond near
off out up down toward towards via per i me my mine we us our ours you your yours he him his she
her hers it its they them their theirs this that these those who whom whose which what where
when why how is are was were be been being am do does did doing done have has had having can
could may might must shall should will would not no also only very too just such both either
neither each every all any some more most other others own same there here again further once
""".split()


def tfidf_options(pairs):
    """--tfidf KEY=VALUE pairs as TfidfVectorizer arguments: min_df=2, max_df=0.5,
    ngram_max=1, sublinear_tf=0, stop_words=function|english|none."""
    out = {}
    for p in pairs:
        k, v = p.split("=", 1)
        if k == "stop_words":
            out[k] = {"function": FUNCTION_WORDS, "english": "english", "none": None}[v]
        elif k == "ngram_max":
            out["ngram_range"] = (1, int(v))
        elif k == "sublinear_tf":
            out[k] = v == "1"
        elif k in ("min_df", "max_df"):
            out[k] = int(v) if v.isdigit() else float(v)
        else:
            raise SystemExit("unknown --tfidf option %s" % k)
    return out


def model_of(name, changes=None):
    if name == "u4":
        opts = dict(ngram_range=(1, 2), sublinear_tf=True, min_df=1, max_df=0.95)
        opts.update(changes or {})
        return TfidfVectorizer(**opts), lambda: LinearSVC(loss="squared_hinge", C=0.11, random_state=0), 9.8, "decision"
    opts = dict(stop_words="english")
    opts.update(changes or {})
    return TfidfVectorizer(**opts), lambda: MultinomialNB(alpha=3.822), 1.2, "proba"


def run(X, y, name, prior, until):
    _, make, ratio, kind = model_of(name)
    n = len(y)
    total = int(y.sum())
    need_95 = math.ceil(0.95 * total - 1e-9)
    need = math.ceil(until * total - 1e-9)
    labelled = np.zeros(n, dtype=bool)
    order = list(prior)
    labelled[order] = True
    found = int(y[order].sum())
    pos_95 = len(order) if found >= need_95 else 0
    record_95 = order[-1] if pos_95 else -1
    while found < need and len(order) < n:
        idx = np.flatnonzero(labelled)
        clf = make()
        clf.fit(X[idx], y[idx], sample_weight=balanced_weights(y[idx], ratio))
        pending = np.flatnonzero(~labelled)
        s = clf.decision_function(X[pending]) if kind == "decision" else clf.predict_proba(X[pending])[:, 1]
        nxt = int(pending[np.argsort(-s, kind="stable")[0]])
        order.append(nxt)
        labelled[nxt] = True
        found += int(y[nxt])
        if not pos_95 and found >= need_95:
            pos_95, record_95 = len(order), nxt
    return {"wss_95": (n - pos_95) / n - 0.05, "record_95": record_95 + 1, "screened": len(order)}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("data")
    ap.add_argument("--label", default="label_included")
    ap.add_argument("--model", choices=["u4", "u3"], required=True)
    ap.add_argument("--priors", action="append", required=True, help="R,I (rows from 1)")
    ap.add_argument("--until", type=float, default=1.0, help="recall at which a run ends")
    ap.add_argument("--tfidf", action="append", default=[], help="KEY=VALUE: a changed TF-IDF option (tried variants)")
    a = ap.parse_args()
    texts, y = read(a.data, a.label)
    vec, _, _, _ = model_of(a.model, tfidf_options(a.tfidf))
    t0 = time.process_time()
    X = vec.fit_transform(texts).tocsr()
    setup = time.process_time() - t0
    for p in a.priors:
        r, i = (int(v) - 1 for v in p.split(","))
        t = time.process_time()
        res = run(X, y, a.model, [r, i], a.until)
        res["seconds"] = time.process_time() - t + setup
        print(json.dumps(res), flush=True)


if __name__ == "__main__":
    sys.exit(main())

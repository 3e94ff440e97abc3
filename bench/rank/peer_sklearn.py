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
[--until 0.95|1.0] [--svm-c C] [--tfidf KEY=VALUE ...]; rows are numbered from 1 as `synth --json simulate`
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
import scipy.sparse as sp
from sklearn.base import clone
from sklearn.decomposition import TruncatedSVD
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.preprocessing import normalize
from sklearn.naive_bayes import MultinomialNB
from sklearn.svm import LinearSVC


def read(path, label):
    """The rows as (title, abstract, keywords) and the labels."""
    csv.field_size_limit(1 << 30)
    rows, y = [], []
    with open(path, newline="", encoding="utf-8") as f:
        for row in csv.DictReader(f):
            row = {k.lower(): v for k, v in row.items()}
            rows.append(tuple(row.get(k) or "" for k in ("title", "abstract", "keywords")))
            y.append(int(row[label.lower()]))
    return rows, np.array(y)


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
    ngram_max=1, sublinear_tf=0, stop_words=function|english|none; and three feature changes
    (kept apart, under "extra"): title_weight=W (a second TF-IDF of the title alone, the same
    options, times W, beside the first), keywords=1 (the keywords column appended to the text:
    the Cohen sets' MeSH terms), lsa=K:W (K latent components of the TF-IDF matrix, truncated
    SVD with random_state 0, each row of unit length times W, beside it); rows are scaled to
    unit length again after each."""
    out = {}
    extra = {}
    for p in pairs:
        k, v = p.split("=", 1)
        if k in ("title_weight", "keywords", "lsa"):
            extra[k] = v
        elif k == "stop_words":
            out[k] = {"function": FUNCTION_WORDS, "english": "english", "none": None}[v]
        elif k == "ngram_max":
            out["ngram_range"] = (1, int(v))
        elif k == "sublinear_tf":
            out[k] = v == "1"
        elif k in ("min_df", "max_df"):
            out[k] = int(v) if v.isdigit() else float(v)
        else:
            raise SystemExit("unknown --tfidf option %s" % k)
    if extra:
        out["extra"] = extra
    return out


def features(vec, rows, extra):
    """The feature matrix: TF-IDF of the title, a space, the abstract (ASReview's text), with
    the changes of `extra` (tfidf_options)."""
    keywords = extra.get("keywords") == "1"
    X = vec.fit_transform([t + " " + a + (" " + k if keywords else "") for t, a, k in rows])
    if "title_weight" in extra:
        title = clone(vec).fit_transform([t for t, _, _ in rows])
        X = normalize(sp.hstack([X, float(extra["title_weight"]) * title]))
    if "lsa" in extra:
        k, w = extra["lsa"].split(":")
        Z = normalize(TruncatedSVD(n_components=int(k), random_state=0).fit_transform(X))
        X = normalize(sp.hstack([X, sp.csr_matrix(float(w) * Z)]))
    return X.tocsr()


def model_of(name, changes=None, c=0.11):
    """The TF-IDF, the classifier (a factory), the balance ratio and the score kind of `name`;
    `c` is u4's C (0.11, ASReview's)."""
    changes = dict(changes or {})
    changes.pop("extra", None)
    if name == "u4":
        opts = dict(ngram_range=(1, 2), sublinear_tf=True, min_df=1, max_df=0.95)
        opts.update(changes)
        return TfidfVectorizer(**opts), lambda: LinearSVC(loss="squared_hinge", C=c, random_state=0), 9.8, "decision"
    opts = dict(stop_words="english")
    opts.update(changes)
    return TfidfVectorizer(**opts), lambda: MultinomialNB(alpha=3.822), 1.2, "proba"


def run(X, y, name, prior, until, changes, c):
    _, make, ratio, kind = model_of(name, changes, c)
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
    ap.add_argument("--svm-c", type=float, default=0.11, help="u4's C (a tried variant; ASReview's is 0.11)")
    ap.add_argument("--tfidf", action="append", default=[], help="KEY=VALUE: a changed TF-IDF option or feature (tried variants; tfidf_options)")
    a = ap.parse_args()
    rows, y = read(a.data, a.label)
    changes = tfidf_options(a.tfidf)
    vec, _, _, _ = model_of(a.model, changes)
    t0 = time.process_time()
    X = features(vec, rows, changes.get("extra", {}))
    setup = time.process_time() - t0
    for p in a.priors:
        r, i = (int(v) - 1 for v in p.split(","))
        t = time.process_time()
        res = run(X, y, a.model, [r, i], a.until, changes, a.svm_c)
        res["seconds"] = time.process_time() - t + setup
        print(json.dumps(res), flush=True)


if __name__ == "__main__":
    sys.exit(main())

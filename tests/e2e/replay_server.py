#!/usr/bin/env python3
"""Replay HTTP server for synth's network tests (python3 stdlib only).

Binds 127.0.0.1:0 and writes its port to --port-file. It answers like E-utilities and the
Crossref REST API from real recorded data:

  cassettes   --cassettes DIR: every DIR/**/*.json is {"request": {"method", "path",
              "params": {name: value}}, "response": {"status", "headers", "body" | "body_file"}}.
              body_file is relative to the cassette, or "$SYNTH_FIXTURES/..." for the shared
              fixtures. Matching: method, path and the sorted params, ignoring
              api_key/email/tool/mailto.
  pubmed pool --pubmed-pool FILE...: real PubmedArticle records. esearch.fcgi answers any
              term with the pool (restricted by the [dp] ranges found in the term: a header
              range and the slices a client adds), Count and at most 10,000 ids from retstart;
              rettype=count gives only the Count. efetch.fcgi returns the articles of the
              requested ids (GET or POST id=...), in the order asked. --pubmed-clone N makes a
              pool of N records by cloning the real ones with new PMIDs (years spread over
              1990-2013) for benchmarks. --pubmed-term-must-contain S: terms without S get 0.
              --pubmed-dates full: [dp] ranges compare whole dates (Year, Month, Day of
              PubDate; a missing month or day counts as the first), so that month and day
              slices split a year; the default compares years only.
  crossref    --crossref-pages FILE...: the items of recorded /works answers (deduplicated by
              DOI) become one result set served at /works with rows and cursor deep paging.
              --crossref-chain FILE...: the recorded pages of one real cursor chain, served
              verbatim as Crossref's scroll cursors behave: cursor=* gives the first page;
              each request with an issued cursor gives the next page (even when the cursor
              is the same as the previous one, and even when a fault then spoils the
              answer); past the last page, an empty page; an unknown cursor, or one issued
              before POST /_control {"expire_cursors": true}, gets 404 cursor-invalid.
              rows=0 gives total-results only. Rate-limit headers are those recorded in
              the fixtures' INDEX.tsv (else 5 per 1s, concurrency 1). The recorded chains
              stop after a few pages of a large total-results; --crossref-chain-exact
              makes total-results the number of works the pages hold.
  openalex    --openalex-pool FILE...: the works of recorded OpenAlex answers (VCR cassettes,
              read by vcr_cassette.py; deduplicated by id) become one pool served at /works:
              filter= (comma-separated) with title_and_abstract.search (AND, OR, parentheses,
              "phrases"; a word matches the words starting with it, as OpenAlex matches word
              forms), title.search, openalex, cites (works whose referenced_works hold one of
              the ids), doi, ids.pmid, from_/to_publication_date, publication_year,
              language and type (values OR-ed with |); any other filter gets 400 as
              recorded. per_page (or per-page, at most 200) and cursor paging: cursor=* then
              meta.next_cursor, null after the last page; without cursor, page 1. Headers:
              the rate headers recorded (x-ratelimit-*). A 401 answer recorded in the files
              is what the fault kind oa401 serves; the fault kind budget429 is a 429 with
              x-ratelimit-remaining: 0 and Retry-After: 40000 (OpenAlex's daily budget spent).
              --openalex-clone N makes a pool of N works by cloning the recorded ones with
              new ids (W9000000000 ...), for benchmarks.
  unpaywall   --unpaywall FILE...: the /v2/{doi} answers of recorded Unpaywall cassettes (VCR,
              read by vcr_cassette.py; answers to /v2/search are left out) served at
              /v2/{doi} (the DOI percent-decoded, any case), with their recorded status,
              headers and body. A DOI not recorded gets 404 with a JSON body of Unpaywall's
              shape ({"HTTP_status_code": 404, "error": true, "message": ...}; made here, not
              recorded); a request without email= gets 422, as Unpaywall answers.
  faults      --fault PATHPART:KIND[:COUNT[:ARG[:SKIP]]] (repeatable) or POST /_control
              {"faults": [{"match", "kind", "count", "arg", "skip"}]}: after SKIP (default 0)
              requests whose path contains PATHPART, the next COUNT such requests get KIND: 429 (Retry-After: ARG seconds, default 1),
              500, 502, 503, delay (ARG ms, then the normal answer), truncate (Content-Length
              larger than the body, then close), malformed (a cut-off body, status 200),
              ncbi_rate (200 with {"error":"API rate limit exceeded","api-key":...} naming
              the request's api_key as NCBI does), close (drop the connection without an
              answer), echo400 (400 whose body quotes the whole request, secrets included).
  rate limit  --enforce-rate N: a request that would be the (N+1)th in the last second gets
              429 (Retry-After: 1) and is counted.
  --gzip      gzip answers when the client accepts it.

GET /_stats gives {"requests", "rate_limited", "unmatched", "faults_served", "log": [...]}; each
log entry has method, path, params, user_agent, accept_encoding and t (seconds since start).
Unmatched requests get 501 and a line in unmatched.log (in --log-dir, default beside the
port file).
"""
import argparse
import collections
import gzip
import json
import os
import re
import sys
import threading
import time
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

SECRET = {"api_key", "email", "tool", "mailto"}
MAX_IDS = 10000


def canon(params):
    return tuple(sorted((k, v) for k, v in params if k not in SECRET))


class State:
    def __init__(self, args):
        self.lock = threading.Lock()
        self.args = args
        self.faults = []  # dicts: match, kind, count, arg
        self.requests = 0
        self.rate_limited = 0
        self.unmatched = 0
        self.faults_served = 0
        self.log = []
        self.window = collections.deque()
        self.cassettes = {}
        self.articles = collections.OrderedDict()  # pmid -> (year, xml)
        self.crossref_items = []
        self.chain = []  # (body bytes, parsed message, headers) of a recorded cursor chain
        self.chain_pos = -1
        self.chain_cursors = set()
        self.oa_works = collections.OrderedDict()  # short id -> work
        self.oa_text = {}  # short id -> folded title and abstract
        self.oa_headers = {}
        self.oa_401 = None
        self.unpaywall = {}  # lower-case doi -> (status, headers, body)
        self.started = time.monotonic()
        log_dir = args.log_dir or os.path.dirname(os.path.abspath(args.port_file))
        self.unmatched_path = os.path.join(log_dir, "unmatched.log")
        for spec in args.fault or []:
            parts = spec.split(":")
            self.faults.append({"match": parts[0], "kind": parts[1],
                                "count": int(parts[2]) if len(parts) > 2 else 1,
                                "arg": (parts[3] or None) if len(parts) > 3 else None,
                                "skip": int(parts[4]) if len(parts) > 4 else 0})
        for d in args.cassettes or []:
            self.load_cassettes(d)
        if args.pubmed_pool:
            self.load_pubmed(args.pubmed_pool, args.pubmed_clone)
        if args.crossref_pages:
            self.load_crossref(args.crossref_pages)
        if args.crossref_chain:
            self.load_chain(args.crossref_chain)
        if args.unpaywall:
            self.load_unpaywall(args.unpaywall)
        if args.openalex_pool:
            self.load_openalex(args.openalex_pool)
            if args.openalex_clone:
                base = list(self.oa_works.items())
                self.oa_works = collections.OrderedDict()
                texts, self.oa_text = self.oa_text, {}
                for i in range(args.openalex_clone):
                    wid, w = base[i % len(base)]
                    new = "W9%09d" % i
                    self.oa_works[new] = dict(w, id="https://openalex.org/" + new)
                    self.oa_text[new] = texts[wid]

    def load_unpaywall(self, files):
        import vcr_cassette
        for path in files:
            for it in vcr_cassette.interactions(path):
                u = urllib.parse.urlsplit(it["uri"])
                if u.hostname != "api.unpaywall.org" or not u.path.startswith("/v2/") or u.path == "/v2/search":
                    continue
                doi = urllib.parse.unquote(u.path[len("/v2/"):]).lower()
                headers = {k: v for k, v in it["headers"].items()
                           if k in ("content-type", "cache-control", "access-control-allow-origin")}
                headers.setdefault("content-type", "application/json")
                self.unpaywall.setdefault(doi, (it["status"], headers, it["body"]))

    def load_openalex(self, files):
        import vcr_cassette
        for path in files:
            for it in vcr_cassette.interactions(path):
                if it["status"] == 401 and self.oa_401 is None:
                    self.oa_401 = (it["headers"], it["body"])
                if it["status"] != 200:
                    continue
                doc = json.loads(it["body"].decode("utf-8"))
                works = doc.get("results") if isinstance(doc, dict) and "results" in doc else [doc]
                for w in works or []:
                    if not isinstance(w, dict) or "id" not in w or "title" not in w:
                        continue
                    wid = w["id"].rsplit("/", 1)[-1]
                    if wid not in self.oa_works:
                        self.oa_works[wid] = w
                        self.oa_text[wid] = (fold(w.get("title") or ""), fold(oa_abstract(w)))
                for k, v in it["headers"].items():
                    if k.startswith("x-ratelimit-limit") or k == "x-ratelimit-remaining" or k == "x-ratelimit-reset":
                        self.oa_headers.setdefault(k, v)

    def load_cassettes(self, root):
        for dirpath, _, files in os.walk(root):
            for f in sorted(files):
                if not f.endswith(".json"):
                    continue
                path = os.path.join(dirpath, f)
                with open(path, encoding="utf-8") as fh:
                    c = json.load(fh)
                req = c["request"]
                key = (req.get("method", "GET"), req["path"], canon(req.get("params", {}).items()))
                resp = c["response"]
                if "body_file" in resp:
                    bf = resp["body_file"]
                    if bf.startswith("$SYNTH_FIXTURES/"):
                        bf = os.path.join(os.environ.get("SYNTH_FIXTURES", ""), bf[len("$SYNTH_FIXTURES/"):])
                    else:
                        bf = os.path.join(os.path.dirname(path), bf)
                    with open(bf, "rb") as fh:
                        body = fh.read()
                else:
                    body = resp.get("body", "").encode("utf-8")
                self.cassettes[key] = (resp.get("status", 200), resp.get("headers", {}), body)

    @staticmethod
    def pub_date(xml):
        """(year, month, day) of an article's PubDate; a missing month or day is 1."""
        m = re.search(r"<PubDate>(.*?)</PubDate>", xml, re.S)
        text = m.group(1) if m else ""
        y = re.search(r"<Year>(\d{4})</Year>", text) or re.search(r"(\d{4})", text)
        if not y:
            return (2000, 1, 1)
        month = re.search(r"<Month>(\w+)</Month>", text)
        if month:
            mt = month.group(1)
            mo = int(mt) if mt.isdigit() else MONTHS.get(mt[:3].lower(), 1)
        else:
            md = re.search(r"\d{4}\s+([A-Za-z]{3})", text)
            mo = MONTHS.get(md.group(1).lower(), 1) if md else 1
        d = re.search(r"<Day>(\d+)</Day>", text)
        return (int(y.group(1)), mo, int(d.group(1)) if d else 1)

    def load_pubmed(self, files, clone):
        real = []
        for path in files:
            opener = gzip.open if path.endswith(".gz") else open
            with opener(path, "rb") as fh:
                text = fh.read().decode("utf-8-sig")
            for m in re.finditer(r"<PubmedArticle>.*?</PubmedArticle>", text, re.S):
                xml = m.group(0)
                pmid = re.search(r"<PMID[^>]*>(\d+)</PMID>", xml).group(1)
                year = re.search(r"<PubDate>.*?(\d{4}).*?</PubDate>", xml, re.S)
                real.append((pmid, int(year.group(1)) if year else 2000, xml))
        if clone:
            for i in range(clone):
                pmid, _, xml = real[i % len(real)]
                new = str(90000000 + i)
                year = 1990 + (i * 24) // clone
                xml2 = re.sub(r"(<PMID[^>]*>)\d+(</PMID>)", r"\g<1>%s\g<2>" % new, xml, count=1)
                xml2 = re.sub(r"(<PubDate>\s*<Year>)\d{4}", r"\g<1>%d" % year, xml2, count=1)
                self.articles[new] = (year, xml2)
        else:
            for pmid, year, xml in real:
                self.articles.setdefault(pmid, (year, xml))
        self.dates = {pmid: self.pub_date(xml) for pmid, (_, xml) in self.articles.items()}

    def load_chain(self, files):
        index = {}
        for path in files:
            tsv = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(path))), "INDEX.tsv")
            if os.path.exists(tsv) and tsv not in index:
                index[tsv] = {}
                with open(tsv, encoding="utf-8") as fh:
                    for line in fh.read().splitlines()[1:]:
                        cols = line.split("\t")
                        if len(cols) >= 8:
                            index[tsv][cols[0]] = json.loads(cols[7] or "{}")
            rel = "/".join(os.path.abspath(path).split(os.sep)[-2:])
            recorded = index.get(tsv, {}).get(rel) or {}
            headers = {"Content-Type": "application/json", "x-rate-limit-limit": "5",
                       "x-rate-limit-interval": "1s", "x-concurrency-limit": "1"}
            for k, v in recorded.items():
                if k.startswith("x-rate-limit") or k == "x-concurrency-limit":
                    headers[k] = v[0] if isinstance(v, list) else v
            with open(path, "rb") as fh:
                body = fh.read()
            self.chain.append((body, json.loads(body.decode("utf-8"))["message"], headers))
        if self.args.crossref_chain_exact:
            total = len({it["DOI"].lower() for _, msg, _ in self.chain for it in msg["items"]})
            for i, (body, msg, headers) in enumerate(self.chain):
                msg["total-results"] = total
                doc = json.loads(body.decode("utf-8"))
                doc["message"] = msg
                self.chain[i] = (json.dumps(doc).encode("utf-8"), msg, headers)

    def load_crossref(self, files):
        seen = set()
        for path in files:
            with open(path, encoding="utf-8") as fh:
                msg = json.load(fh)["message"]
            for item in msg.get("items", [msg]):
                doi = item.get("DOI", "").lower()
                if doi and doi not in seen:
                    seen.add(doi)
                    self.crossref_items.append(item)

    def take_fault(self, path):
        with self.lock:
            for f in self.faults:
                if f["count"] > 0 and f["match"] in path:
                    if f.get("skip", 0) > 0:
                        f["skip"] -= 1
                        continue
                    f["count"] -= 1
                    self.faults_served += 1
                    return dict(f)
        return None

    def over_rate(self):
        n = self.args.enforce_rate
        if not n:
            return False
        with self.lock:
            now = time.monotonic()
            while self.window and now - self.window[0] >= 1.0:
                self.window.popleft()
            if len(self.window) >= n:
                self.rate_limited += 1
                return True
            self.window.append(now)
            return False


MONTHS = {m: i + 1 for i, m in enumerate(["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct",
                                           "nov", "dec"])}
DATE = r'(\d{4})(?:/(\d{1,2})(?:/(\d{1,2}))?)?'
DP_FULL = re.compile(r'"?' + DATE + r'"?(?:\[dp\])?\s*:\s*"?' + DATE + r'"?\[dp\]')


def date_ranges(term):
    """The [dp] ranges of a term as ((y, m, d), (y, m, d)), missing parts widening the range."""
    out = []
    for m in DP_FULL.finditer(term):
        y0, m0, d0, y1, m1, d1 = m.groups()
        first = (int(y0), int(m0 or 1), int(d0 or 1))
        last = (int(y1), int(m1 or 12), int(d1 or 31))
        out.append((first, last))
    return out


DP_RANGE = re.compile(r'"?(\d{4})(?:/\d{1,2}(?:/\d{1,2})?)?"?\[dp\]\s*:\s*"?(\d{4})(?:/\d{1,2}(?:/\d{1,2})?)?"?\[dp\]'
                      r'|"?(\d{4})(?:/\d{1,2}(?:/\d{1,2})?)?\s*:\s*(\d{4})(?:/\d{1,2}(?:/\d{1,2})?)?"?\[dp\]')


def fold(text):
    import unicodedata
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c)).lower()
    return " " + " ".join(re.sub(r"[^\w]+", " ", text).split()) + " "


def oa_abstract(work):
    inv = work.get("abstract_inverted_index") or {}
    pos = sorted((p, w) for w, ps in inv.items() for p in ps)
    return " ".join(w for _, w in pos)


def oa_tokens(text):
    return re.findall(r'"[^"]*"|\(|\)|[^\s()"]+', text)


def oa_search(text):
    """A predicate on (title, abstract) folded texts for OpenAlex's boolean search syntax."""
    toks = oa_tokens(text)
    pos = [0]

    def atom():
        t = toks[pos[0]] if pos[0] < len(toks) else ")"
        pos[0] += 1
        if t == "(":
            f = expr()
            pos[0] += 1  # ")"
            return f
        words = fold(t.strip('"')).strip()
        if t.startswith('"'):
            pat = re.compile(r" " + re.escape(words) + r" ")
        else:  # word forms: the words starting with it
            pat = re.compile(r" " + r"\w* ".join(re.escape(w) for w in words.split()) + r"\w* ")
        return lambda ta: any(pat.search(x) for x in ta)

    def conj():
        fs = [atom()]
        while pos[0] < len(toks) and toks[pos[0]] not in ("OR", ")"):
            op = toks[pos[0]]
            if op in ("AND", "NOT"):
                pos[0] += 1
            else:
                op = "AND"  # words side by side: all of them
            f = atom()
            fs.append(f if op == "AND" else (lambda g: lambda ta: not g(ta))(f))
        return lambda ta: all(f(ta) for f in fs)

    def expr():
        fs = [conj()]
        while pos[0] < len(toks) and toks[pos[0]] == "OR":
            pos[0] += 1
            fs.append(conj())
        return lambda ta: any(f(ta) for f in fs)

    return expr()


def split_filters(text):
    """OpenAlex's filter parameter: name:value parts separated by commas outside quotes."""
    parts, cur, quoted = [], "", False
    for c in text:
        if c == '"':
            quoted = not quoted
        if c == "," and not quoted:
            parts.append(cur)
            cur = ""
        else:
            cur += c
    if cur:
        parts.append(cur)
    return [x for x in parts if x]


def year_ranges(term):
    out = []
    for m in DP_RANGE.finditer(term):
        a, b = (m.group(1), m.group(2)) if m.group(1) else (m.group(3), m.group(4))
        out.append((int(a), int(b)))
    return out


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server_version = "replay/1"

    def log_message(self, fmt, *args):  # quiet
        pass

    def params(self):
        url = urllib.parse.urlsplit(self.path)
        params = urllib.parse.parse_qsl(url.query, keep_blank_values=True)
        body = b""
        if self.command == "POST":
            n = int(self.headers.get("Content-Length", "0"))
            body = self.rfile.read(n)
            params += urllib.parse.parse_qsl(body.decode("utf-8"), keep_blank_values=True)
        return url.path, params, body

    def do_GET(self):
        self.handle_any()

    def do_POST(self):
        self.handle_any()

    def send(self, status, body, headers=None, ctype="text/xml; charset=UTF-8"):
        headers = dict(headers or {})
        if isinstance(body, str):
            body = body.encode("utf-8")
        if self.server.state.args.gzip and "gzip" in self.headers.get("Accept-Encoding", ""):
            body = gzip.compress(body)
            headers["Content-Encoding"] = "gzip"
        self.send_response(status)
        self.send_header("Content-Type", headers.pop("Content-Type", ctype))
        for k, v in headers.items():
            self.send_header(k, str(v))
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        try:
            self.wfile.write(body)
        except (BrokenPipeError, ConnectionResetError):  # the client was killed or gave up
            self.close_connection = True

    def handle_any(self):
        st = self.server.state
        path, params, raw = self.params()
        if path == "/_stats":
            with st.lock:
                doc = {"requests": st.requests, "rate_limited": st.rate_limited, "unmatched": st.unmatched,
                       "faults_served": st.faults_served, "log": st.log}
            return self.send(200, json.dumps(doc), ctype="application/json")
        if path == "/_control":
            doc = json.loads(raw.decode("utf-8") or "{}")
            with st.lock:
                if doc.get("expire_cursors"):
                    st.chain_cursors.clear()
                for f in doc.get("faults", []):
                    st.faults.append({"match": f["match"], "kind": f["kind"], "count": f.get("count", 1),
                                      "arg": f.get("arg"), "skip": f.get("skip", 0)})
            return self.send(200, "{}", ctype="application/json")
        with st.lock:
            st.requests += 1
            st.log.append({"method": self.command, "path": path, "params": params,
                           "user_agent": self.headers.get("User-Agent", ""),
                           "accept_encoding": self.headers.get("Accept-Encoding", ""),
                           "t": round(time.monotonic() - st.started, 4)})
        if st.over_rate():
            return self.send(429, "Too Many Requests", {"Retry-After": "1"}, ctype="text/plain")
        fault = st.take_fault(path)
        if fault and fault["kind"] == "429":  # refused before any work, as a rate limiter does
            return self.send(429, "Too Many Requests", {"Retry-After": fault["arg"] or "1"}, ctype="text/plain")
        status, headers, body = self.answer(path, params)
        if fault:
            kind, arg = fault["kind"], fault["arg"]
            if kind in ("500", "502", "503"):
                return self.send(int(kind), "server error", ctype="text/plain")
            if kind == "oa401":
                headers, body = st.oa_401 or ({}, b'{"error":"Invalid or missing API key"}')
                return self.send(401, body, {k: v for k, v in headers.items() if k.startswith("x-ratelimit")},
                                 ctype="application/json")
            if kind == "budget429":
                return self.send(429, '{"error": "Rate limit exceeded"}',
                                 {"Retry-After": "40000", "x-ratelimit-remaining": "0",
                                  "x-ratelimit-limit": "100000", "x-ratelimit-reset": "40000"},
                                 ctype="application/json")
            if kind == "ncbi_rate":
                key = dict(params).get("api_key") or self.client_address[0]
                return self.send(200, json.dumps({"error": "API rate limit exceeded", "api-key": key,
                                                  "count": "4", "limit": "3"}), ctype="application/json")
            if kind == "echo400":
                return self.send(400, "bad request: %s %s %s" % (self.command, self.path, raw.decode("utf-8", "replace")),
                                 ctype="text/plain")
            if kind == "delay":
                time.sleep(int(arg or 3000) / 1000.0)
            if kind == "malformed":
                body = body[: max(1, len(body) // 2)]
            if kind == "truncate":
                self.send_response(status)
                self.send_header("Content-Type", headers.get("Content-Type", "text/xml"))
                self.send_header("Content-Length", str(len(body) + 1000))
                self.send_header("Connection", "close")
                self.end_headers()
                self.wfile.write(body[: len(body) // 2])
                self.wfile.flush()
                self.close_connection = True
                return
            if kind == "close":
                self.close_connection = True
                return
        self.send(status, body, headers, headers.get("Content-Type", "text/xml; charset=UTF-8"))

    def answer(self, path, params):
        st = self.server.state
        key = (self.command, path, canon(params))
        if key in st.cassettes:
            status, headers, body = st.cassettes[key]
            return status, dict(headers), body
        p = dict(params)
        if st.articles and path.endswith("/esearch.fcgi"):
            return self.esearch(p)
        if st.articles and path.endswith("/efetch.fcgi"):
            return self.efetch(p)
        if st.chain and path.rstrip("/").endswith("/works"):
            return self.chain(p)
        if st.crossref_items and path.rstrip("/").endswith("/works"):
            return self.works(p)
        if st.oa_works and path.rstrip("/").endswith("/works"):
            return self.openalex(p)
        if st.unpaywall and path.startswith("/v2/") and path != "/v2/search":
            if not p.get("email"):
                return 422, {"Content-Type": "application/json"}, json.dumps(
                    {"HTTP_status_code": 422, "error": True,
                     "message": "Email address required in API call, see http://unpaywall.org/products/api"}).encode()
            doi = urllib.parse.unquote(path[len("/v2/"):]).lower()
            if doi in st.unpaywall:
                status, headers, body = st.unpaywall[doi]
                return status, {k.title(): v for k, v in headers.items()}, body
            return 404, {"Content-Type": "application/json"}, json.dumps(
                {"HTTP_status_code": 404, "error": True,
                 "message": "'%s' is not a doi in Unpaywall's database" % doi}).encode()
        if st.oa_works and re.search(r"/works/W\d+$", path):
            w = st.oa_works.get(path.rsplit("/", 1)[-1])
            if w is None:
                return 404, {"Content-Type": "application/json"}, b'{"error": "Not Found"}'
            return 200, dict(st.oa_headers, **{"Content-Type": "application/json"}), json.dumps(w).encode("utf-8")
        with st.lock:
            st.unmatched += 1
            with open(st.unmatched_path, "a", encoding="utf-8") as fh:
                fh.write("%s %s %s\n" % (self.command, path, urllib.parse.urlencode(canon(params))))
        return 501, {"Content-Type": "text/plain"}, b"no cassette for this request"

    def esearch(self, p):
        st = self.server.state
        term = p.get("term", "")
        need = st.args.pubmed_term_must_contain
        if st.args.pubmed_dates == "full":
            ranges = date_ranges(term)
            ids = [pmid for pmid in st.articles if all(a <= st.dates[pmid] <= b for a, b in ranges)]
        else:
            ranges = year_ranges(term)
            ids = [pmid for pmid, (year, _) in st.articles.items()
                   if all(a <= year <= b for a, b in ranges)]
        if need and need not in term:
            ids = []
        if p.get("rettype") == "count":
            body = "<?xml version=\"1.0\" ?>\n<eSearchResult><Count>%d</Count></eSearchResult>\n" % len(ids)
            return 200, {}, body.encode()
        start = int(p.get("retstart", "0"))
        retmax = min(int(p.get("retmax", "20")), MAX_IDS)
        page = ids[start:start + retmax]
        parts = ["<?xml version=\"1.0\" encoding=\"UTF-8\" ?>",
                 "<!DOCTYPE eSearchResult PUBLIC \"-//NLM//DTD esearch 20060628//EN\" "
                 "\"https://eutils.ncbi.nlm.nih.gov/eutils/dtd/20060628/esearch.dtd\">",
                 "<eSearchResult><Count>%d</Count><RetMax>%d</RetMax><RetStart>%d</RetStart>"
                 % (len(ids), len(page), start)]
        if p.get("usehistory") == "y":
            parts.append("<QueryKey>1</QueryKey><WebEnv>MCID_replay</WebEnv>")
        parts.append("<IdList>" + "".join("<Id>%s</Id>" % i for i in page) + "</IdList>")
        parts.append("<TranslationSet/><QueryTranslation>%s</QueryTranslation></eSearchResult>\n"
                     % term.replace("&", "&amp;").replace("<", "&lt;"))
        return 200, {}, "\n".join(parts).encode("utf-8")

    def efetch(self, p):
        st = self.server.state
        ids = [i for i in p.get("id", "").split(",") if i]
        parts = ["<?xml version=\"1.0\" ?>",
                 "<!DOCTYPE PubmedArticleSet PUBLIC \"-//NLM//DTD PubMedArticle, 1st January 2024//EN\" "
                 "\"https://dtd.nlm.nih.gov/ncbi/pubmed/out/pubmed_240101.dtd\">",
                 "<PubmedArticleSet>"]
        for i in ids:
            if i in st.articles:
                parts.append(st.articles[i][1])
        parts.append("</PubmedArticleSet>\n")
        return 200, {}, "\n".join(parts).encode("utf-8")

    def chain(self, p):
        st = self.server.state
        cursor = p.get("cursor")
        with st.lock:
            if p.get("rows") == "0" or cursor is None:
                body, msg, headers = st.chain[0]
                doc = {"status": "ok", "message-type": "work-list", "message-version": "1.0.0",
                       "message": dict(msg, items=[], **{"items-per-page": 0})}
                doc["message"].pop("next-cursor", None)
                return 200, dict(headers), json.dumps(doc).encode("utf-8")
            if cursor == "*":
                st.chain_pos = 0
            elif cursor in st.chain_cursors:
                st.chain_pos += 1
            else:
                body = json.dumps({"status": "failed", "message-type": "resource-failure",
                                   "message": [{"type": "cursor-invalid", "value": cursor,
                                                "message": "Cursor specified but it is invalid"}]})
                return 404, {"Content-Type": "application/json"}, body.encode("utf-8")
            pos = st.chain_pos
            if pos < len(st.chain):
                body, msg, headers = st.chain[pos]
                if msg.get("next-cursor"):
                    st.chain_cursors.add(msg["next-cursor"])
                return 200, dict(headers), body
            body, msg, headers = st.chain[-1]
            doc = {"status": "ok", "message-type": "work-list", "message-version": "1.0.0",
                   "message": dict(msg, items=[])}
            return 200, dict(headers), json.dumps(doc).encode("utf-8")

    def openalex(self, p):
        st = self.server.state
        ids = list(st.oa_works)
        for part in split_filters(p.get("filter", "")):
            name, _, value = part.partition(":")
            values = value.split("|")
            if name == "title_and_abstract.search":
                pred = oa_search(value)
                ids = [i for i in ids if pred(st.oa_text[i])]
            elif name == "title.search":
                pred = oa_search(value)
                ids = [i for i in ids if pred((st.oa_text[i][0],))]
            elif name == "openalex":
                want = {v.rsplit("/", 1)[-1].upper() for v in values}
                ids = [i for i in ids if i.upper() in want]
            elif name == "cites":
                want = {v.rsplit("/", 1)[-1].upper() for v in values}
                ids = [i for i in ids if want & {r.rsplit("/", 1)[-1].upper()
                                                 for r in st.oa_works[i].get("referenced_works") or []}]
            elif name == "doi":
                want = {re.sub(r"^https?://(dx\.)?doi\.org/", "", v.lower()) for v in values}
                ids = [i for i in ids if re.sub(r"^https?://doi\.org/", "", (st.oa_works[i].get("doi") or "").lower())
                       in want]
            elif name == "ids.pmid":
                want = {v.rsplit("/", 1)[-1] for v in values}
                ids = [i for i in ids if ((st.oa_works[i].get("ids") or {}).get("pmid") or "").rsplit("/", 1)[-1]
                       in want]
            elif name in ("from_publication_date", "to_publication_date"):
                ids = [i for i in ids if (st.oa_works[i].get("publication_date") or "") and
                       ((st.oa_works[i]["publication_date"] >= value) if name.startswith("from")
                        else (st.oa_works[i]["publication_date"] <= value))]
            elif name == "publication_year":
                ids = [i for i in ids if str(st.oa_works[i].get("publication_year")) in values]
            elif name in ("language", "type"):
                ids = [i for i in ids if st.oa_works[i].get(name) in values]
            else:
                body = json.dumps({"error": "Invalid query parameters error.",
                                   "message": "%s is not a valid field. Valid fields are ..." % name})
                return 400, {"Content-Type": "application/json"}, body.encode("utf-8")
        per_page = min(int(p.get("per_page") or p.get("per-page") or "25"), 200)
        cursor = p.get("cursor")
        start = 0
        if cursor and cursor != "*":
            m = re.fullmatch(r"oa-replay-(\d+)", cursor)
            if not m:
                return 400, {"Content-Type": "application/json"}, b'{"error": "Invalid cursor"}'
            start = int(m.group(1))
        elif not cursor and p.get("page"):
            start = (int(p["page"]) - 1) * per_page
        page = ids[start:start + per_page]
        nxt = None
        if cursor and page and start + per_page < len(ids):
            nxt = "oa-replay-%d" % (start + per_page)
        doc = {"meta": {"count": len(ids), "db_response_time_ms": 1, "page": None if cursor else 1,
                        "per_page": per_page, "next_cursor": nxt, "groups_count": None},
               "results": [st.oa_works[i] for i in page], "group_by": []}
        return 200, dict(st.oa_headers, **{"Content-Type": "application/json"}), json.dumps(doc).encode("utf-8")

    def works(self, p):
        st = self.server.state
        rows = int(p.get("rows", "20"))
        cursor = p.get("cursor")
        start = 0
        if cursor and cursor != "*":
            m = re.fullmatch(r"replay-(\d+)", cursor)
            if not m:
                body = json.dumps({"status": "failed", "message-type": "validation-failure",
                                   "message": [{"type": "cursor-invalid", "value": cursor}]})
                return 400, {"Content-Type": "application/json"}, body.encode()
            start = int(m.group(1))
        elif "offset" in p:
            start = int(p["offset"])
        items = st.crossref_items[start:start + rows]
        msg = {"facets": {}, "total-results": len(st.crossref_items), "items": items,
               "items-per-page": rows, "query": {"start-index": start,
                                                 "search-terms": p.get("query.bibliographic")}}
        if cursor:
            msg["next-cursor"] = "replay-%d" % (start + len(items))
        body = json.dumps({"status": "ok", "message-type": "work-list", "message-version": "1.0.0",
                           "message": msg})
        headers = {"Content-Type": "application/json", "x-rate-limit-limit": "50",
                   "x-rate-limit-interval": "1s", "x-concurrency-limit": "5"}
        return 200, headers, body.encode("utf-8")


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--port-file", required=True)
    ap.add_argument("--log-dir")
    ap.add_argument("--cassettes", action="append")
    ap.add_argument("--pubmed-pool", nargs="+")
    ap.add_argument("--pubmed-clone", type=int, default=0)
    ap.add_argument("--pubmed-term-must-contain")
    ap.add_argument("--pubmed-dates", choices=["year", "full"], default="year")
    ap.add_argument("--crossref-pages", nargs="+")
    ap.add_argument("--crossref-chain", nargs="+")
    ap.add_argument("--crossref-chain-exact", action="store_true")
    ap.add_argument("--openalex-pool", nargs="+")
    ap.add_argument("--unpaywall", nargs="+")
    ap.add_argument("--openalex-clone", type=int, default=0)
    ap.add_argument("--fault", action="append")
    ap.add_argument("--enforce-rate", type=int, default=0)
    ap.add_argument("--gzip", action="store_true")
    args = ap.parse_args()
    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    server.state = State(args)
    tmp = args.port_file + ".tmp"
    with open(tmp, "w") as fh:
        fh.write(str(server.server_address[1]))
    os.replace(tmp, args.port_file)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass



class ReplayServer:
    """For tests: runs this server in a subprocess (`with ReplayServer(workdir, args) as s:`),
    s.url is its base URL, s.stats() its /_stats, s.unmatched() the unmatched.log lines."""

    def __init__(self, workdir, args):
        self.workdir = workdir
        self.args = list(args)
        self.proc = None
        self.url = None

    def __enter__(self):
        import subprocess
        port_file = os.path.join(self.workdir, "replay.port")
        if os.path.exists(port_file):
            os.remove(port_file)
        self.proc = subprocess.Popen([sys.executable, os.path.abspath(__file__), "--port-file", port_file,
                                      "--log-dir", self.workdir] + self.args)
        deadline = time.time() + 30
        while not os.path.exists(port_file):
            if time.time() > deadline or self.proc.poll() is not None:
                raise RuntimeError("replay server did not start")
            time.sleep(0.05)
        with open(port_file) as fh:
            self.url = "http://127.0.0.1:%s/" % fh.read().strip()
        return self

    def __exit__(self, *exc):
        self.proc.terminate()
        self.proc.wait(timeout=10)

    def stats(self):
        import urllib.request
        with urllib.request.urlopen(self.url + "_stats") as r:
            return json.loads(r.read().decode("utf-8"))

    def control(self, faults, **more):
        """Adds faults (dicts: match, kind, count, arg); more: e.g. expire_cursors=True."""
        import urllib.request
        doc = dict(more, faults=faults)
        req = urllib.request.Request(self.url + "_control", data=json.dumps(doc).encode(), method="POST")
        urllib.request.urlopen(req).read()

    def unmatched(self):
        path = os.path.join(self.workdir, "unmatched.log")
        if not os.path.exists(path):
            return []
        with open(path, encoding="utf-8") as fh:
            return fh.read().splitlines()



# --- helpers for the end-to-end tests ---------------------------------------------------

def fixtures_dir():
    return os.environ.get("SYNTH_FIXTURES") or os.path.join(os.path.dirname(__file__), "..", "..", "..",
                                                            "shared", "fixtures")


def synth_binary():
    return os.environ.get("SYNTH")


def run_synth(args, cwd, env=None, timeout=300):
    """Runs the synth binary; returns CompletedProcess with text stdout/stderr."""
    import subprocess
    full_env = dict(os.environ)
    full_env.update(env or {})
    return subprocess.run([synth_binary()] + list(args), cwd=cwd, env=full_env, capture_output=True,
                          text=True, timeout=timeout)


PUBMED_POOL = ["pubmed/p1m_ortho/pubmed_result_292.xml", "pubmed/nlm_medsamp/medsamp2017.xml"]
CROSSREF_CURSOR_CHAIN = ["crossref/habanero_bodies/test-cursor/test_cursor_max__%d.json" % i for i in range(3)]
CROSSREF_WORKSCONTAINER_CHAIN = ["crossref/habanero_bodies/test-workscontainer/test_workscontainer_with_cursor__%d.json" % i
                                 for i in range(4)]
OPENALEX_DIR = "openalex/openalexpro_vcr"
OPENALEX_POOL = [OPENALEX_DIR + "/" + f for f in ("pro_fetch_search_biodiversity_AND_finance.yml", "oa_snowball.yml",
                                                  "pro_snowball.yml", "pro_request_single_identifier.yml",
                                                  "api_call_200.yml", "pro_rate_limit_status_401.yml")]
CROSSREF_PAGES = (["crossref/habanero_bodies/test-cursor/test_cursor_max__%d.json" % i for i in range(5)] +
                  ["crossref/habanero_bodies/test-workscontainer/test_workscontainer_with_cursor__%d.json" % i
                   for i in range(4)])


def openalex_pool_works():
    """The works of OPENALEX_POOL's answers (status 200) by short id ("W123"), the first of
    each id kept: what the tests expect the replay server to serve."""
    import vcr_cassette
    works = {}
    for rel in OPENALEX_POOL:
        for it in vcr_cassette.interactions(os.path.join(fixtures_dir(), rel)):
            if it["status"] != 200:
                continue
            doc = json.loads(it["body"].decode("utf-8"))
            for w in doc.get("results", [doc]) if isinstance(doc, dict) else []:
                if isinstance(w, dict) and "id" in w and "title" in w:
                    works.setdefault(w["id"].rsplit("/", 1)[-1], w)
    return works


if __name__ == "__main__":
    sys.exit(main())

"""Reads the HTTP interactions of a VCR cassette (R vcr and vcrpy YAML) with the python3
standard library only: the subset of YAML those recorders write (block mappings and
sequences, plain, single-quoted, double-quoted and literal `|` scalars, !!binary bodies).

interactions(path) -> [{"method", "uri", "status", "headers": {lower-case name: value},
                         "body": bytes}], in recorded order. gzip bodies are decompressed.
"""
import base64
import gzip
import json


def _scalar(lines, i, indent, rest):
    """The value starting after 'key: ' on lines[i] (rest); returns (value, next line)."""
    rest = rest.rstrip("\n")
    tag = None
    if rest.startswith("!!binary"):
        tag = "binary"
        rest = rest[len("!!binary"):].lstrip()
    if rest.startswith("|"):
        out, j, block_indent = [], i + 1, None
        while j < len(lines):
            line = lines[j].rstrip("\n")
            if line.strip() == "":
                out.append("")
                j += 1
                continue
            ind = len(line) - len(line.lstrip(" "))
            if ind <= indent:
                break
            if block_indent is None:
                block_indent = ind
            out.append(line[block_indent:])
            j += 1
        while out and out[-1] == "":
            out.pop()
        text = "\n".join(out) + ("\n" if not rest.startswith("|-") else "")
        return (base64.b64decode("".join(text.split())) if tag else text), j
    if rest.startswith("'") or rest.startswith('"'):
        quote = rest[0]
        buf, j, text = rest[1:], i, None
        while True:
            k = 0
            pieces = []
            end = None
            if quote == "'":
                # fast path: the closing quote is a ' not doubled
                while True:
                    q = buf.find("'", k)
                    if q < 0:
                        pieces.append(buf[k:])
                        k = len(buf)
                        break
                    pieces.append(buf[k:q])
                    if q + 1 < len(buf) and buf[q + 1] == "'":
                        pieces.append("'")
                        k = q + 2
                        continue
                    end = q
                    k = q
                    break
            while end is None and k < len(buf):
                c = buf[k]
                if quote == "'" and c == "'":
                    if k + 1 < len(buf) and buf[k + 1] == "'":
                        pieces.append("'")
                        k += 2
                        continue
                    end = k
                    break
                if quote == '"' and c == "\\" and k + 1 < len(buf):
                    pieces.append(buf[k:k + 2])
                    k += 2
                    continue
                if quote == '"' and c == '"':
                    end = k
                    break
                pieces.append(c)
                k += 1
            if end is not None:
                text = (text + "".join(pieces)) if text is not None else "".join(pieces)
                break
            # the scalar goes on: folding (a line break is a space, an empty line a newline)
            part = "".join(pieces).rstrip(" ")
            text = part if text is None else text + part
            j += 1
            empties = 0
            while j < len(lines) and lines[j].strip() == "":
                empties += 1
                j += 1
            text += "\n" * empties if empties else " "
            buf = lines[j].rstrip("\n").lstrip(" ")
        if quote == '"':
            text = json.loads('"' + text.replace("\n", "\\n") + '"')
        return (base64.b64decode("".join(text.split())) if tag else text), j + 1
    # plain scalar, possibly continued on more-indented lines
    text, j = rest.strip(), i + 1
    while j < len(lines):
        line = lines[j].rstrip("\n")
        ind = len(line) - len(line.lstrip(" "))
        if line.strip() == "" or ind <= indent or line.lstrip().startswith("- "):
            break
        if ":" in line and not line.strip().startswith(("'", '"')) and ind <= indent + 2 and \
                line.strip().split(":", 1)[0].replace("-", "").replace("_", "").isalnum():
            break
        text += " " + line.strip()
        j += 1
    if tag:
        return base64.b64decode("".join(text.split())), j
    return text, j


def _parse(lines, i, indent):
    """A block mapping or sequence at `indent` from lines[i]; returns (value, next line)."""
    result = None
    while i < len(lines):
        raw = lines[i].rstrip("\n")
        if raw.strip() == "" or raw.lstrip().startswith("#"):
            i += 1
            continue
        ind = len(raw) - len(raw.lstrip(" "))
        if ind < indent:
            break
        body = raw[ind:]
        if body.startswith("- ") or body == "-":
            if result is None:
                result = []
            if not isinstance(result, list) or ind != indent:
                break
            # an item: its content is a mapping indented at ind + 2
            lines[i] = " " * (ind + 2) + body[2:] + "\n"
            value, i = _parse(lines, i, ind + 2)
            result.append(value)
            continue
        if ind != indent:
            break
        key, _, rest = body.partition(":")
        key = key.strip().strip("'\"")
        if result is None:
            result = {}
        if not isinstance(result, dict):
            break
        if rest.strip() == "":
            # a nested block (more indented, or a sequence at the same indent)
            j = i + 1
            while j < len(lines) and lines[j].strip() == "":
                j += 1
            if j < len(lines):
                nind = len(lines[j]) - len(lines[j].lstrip(" "))
                head = lines[j].lstrip(" ")
                if nind > indent and head.startswith(("'", '"', "!!binary", "|")):
                    # a scalar written on the lines after its key (vcrpy's long bodies)
                    value, i = _scalar(lines, j, indent, head)
                    result[key] = value
                    continue
                if nind > indent or (nind == indent and lines[j].lstrip().startswith("- ")):
                    value, i = _parse(lines, j, nind)
                    result[key] = value
                    continue
            result[key] = None
            i += 1
            continue
        value, i = _scalar(lines, i, indent, rest.lstrip(" "))
        result[key] = value
    return result, i


def interactions(path):
    with open(path, encoding="utf-8") as fh:
        lines = fh.readlines()
    doc, _ = _parse(lines, 0, 0)
    out = []
    for it in doc.get("http_interactions") or doc.get("interactions") or []:
        req, resp = it["request"], it["response"]
        status = resp.get("status")
        if isinstance(status, dict):
            status = status.get("code")
        headers = {}
        for k, v in (resp.get("headers") or {}).items():
            if isinstance(v, list):
                v = v[0] if v else ""
            headers[k.lower()] = v
        body = resp.get("body") or {}
        data = body.get("string", "") if isinstance(body, dict) else body
        if isinstance(data, str):
            data = data.encode("utf-8")
        if data[:2] == b"\x1f\x8b":
            data = gzip.decompress(data)
            headers.pop("content-encoding", None)
        out.append({"method": req.get("method", "GET").upper(), "uri": req.get("uri", ""),
                    "status": int(status or 0), "headers": headers, "body": data})
    return out

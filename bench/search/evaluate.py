#!/usr/bin/python3
"""Search quality and speed on a set from make_set.py (issue 19; docs/PERFORMANCE.md):
imports the cases into a fresh store with `lifeline import`, starts `lifeline serve`, waits
for the search index, and asks every query through the HTTP API as a coordinator; then, in
the same run, answers the same queries with Xapian (python3-xapian) and with a plain hash map
of the same words, both in this process. Prints recall of the intended case in the first 20
results and p50/p95/p99 latency per query kind, and the import, index and memory figures.

Usage (Debian's python3, for its xapian and icu modules):
    LIFELINE_BIN=build/src/cli/lifeline /usr/bin/python3 bench/search/evaluate.py SET_DIR

With STORE_CACHE=DIR, the imported data folder is kept in DIR and later runs start from a copy
of it instead of importing again (the import's own figures are then those of the run that
made it): for measuring a changed index without waiting for the import. BASELINES=0 leaves
out Xapian and the hash map.
"""
import collections
import http.client
import json
import os
import shutil
import statistics
import subprocess
import sys
import time

import icu
import xapian

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "..", "tests", "e2e"))
from harness import BIN, Server  # noqa: E402

TOP = 20
FOLD = icu.Transliterator.createInstance("Any-Latin; Latin-ASCII; Lower")


def fold(text):
    return "".join(c if c.isalnum() else " " for c in FOLD.transliterate(text)).split()


def digits(text):
    d = "".join(c for c in text if c.isdigit())
    return d[-10:] if len(d) >= 10 else ""


def percentiles(ms):
    ms = sorted(ms)
    pick = lambda p: ms[min(len(ms) - 1, int(len(ms) * p))]
    return pick(0.50), pick(0.95), pick(0.99)


def rss_mib(pid):
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return 0


def load(path):
    with open(path, encoding="utf-8") as f:
        return [json.loads(line) for line in f]


# --- lifeline through its API ----------------------------------------------------------
def lifeline(set_dir, cases, queries, report):
    server = Server()
    try:
        cache = os.environ.get("STORE_CACHE")
        if cache and os.path.isdir(os.path.join(cache, "data")):
            shutil.rmtree(server.data)
            shutil.copytree(os.path.join(cache, "data"), server.data)
            with open(os.path.join(cache, "import.json")) as f:
                report.update(json.load(f))
        else:
            started = time.time()
            result = subprocess.run([BIN, "import", *server.store_args(), "--passphrase-file",
                                     server.passphrase_file, "--no-duplicate-check",
                                     os.path.join(set_dir, "cases.jsonl")],
                                    capture_output=True, text=True)
            if result.returncode != 0:
                raise SystemExit("import failed: " + result.stdout[-2000:] + result.stderr[-2000:])
            report["import_s"] = time.time() - started
            report["import_said"] = result.stdout.strip().splitlines()[-1]
            if cache:
                shutil.copytree(server.data, os.path.join(cache, "data"))
                with open(os.path.join(cache, "import.json"), "w") as f:
                    json.dump({k: report[k] for k in ("import_s", "import_said")}, f)
        started = time.time()
        server.start()
        auth = server.sign_in()
        conn = http.client.HTTPConnection("127.0.0.1", server.port, timeout=60)
        headers = {**auth, "Content-Type": "application/json"}

        def search(q):
            conn.request("POST", "/api/v1/search", body=json.dumps({"q": q, "per_page": TOP}), headers=headers)
            resp = conn.getresponse()
            return resp.status, json.loads(resp.read())

        first_answer = None
        while True:
            status, body = search("прошу")
            if status == 200 and first_answer is None:
                first_answer = time.time() - started
            if status == 200 and body["index_complete"]:
                break
            time.sleep(1)
        report["first_answer_s"] = first_answer
        report["index_complete_s"] = time.time() - started
        report["server_rss_mib"] = rss_mib(server.proc.pid)
        found, ms = collections.defaultdict(list), collections.defaultdict(list)
        for q in queries:
            t = time.perf_counter()
            status, body = search(q["q"])
            ms[q["kind"]].append((time.perf_counter() - t) * 1000)
            ids = [i["id"] for i in body.get("items", [])] if status == 200 else []
            found[q["kind"]].append(q["case"] in ids)
            if os.environ.get("SHOW_MISSES") and q["case"] not in ids:
                print("miss", q["kind"], q["q"], "->", cases[q["case"] - 1]["name"], len(ids), file=sys.stderr)
        return found, ms
    finally:
        server.cleanup()


# --- Xapian ----------------------------------------------------------------------------
def trigrams(word):
    padded = f"^{word}$"
    return {padded[i:i + 3] for i in range(len(padded) - 2)}


def xapian_baseline(cases, queries, report):
    """Every field as words (Russian stemming), the name also folded to Latin and as
    trigrams of its folded words (for typos), the contact's digits: Xapian's usual tools."""
    started = time.time()
    db = xapian.WritableDatabase("", xapian.DB_BACKEND_INMEMORY)
    gen = xapian.TermGenerator()
    gen.set_stemmer(xapian.Stem("russian"))
    for n, c in enumerate(cases, 1):
        doc = xapian.Document()
        gen.set_document(doc)
        gen.index_text(c["name"], 3)
        gen.index_text(" ".join(fold(c["name"])), 3)
        for w in fold(c["name"]):
            for t in trigrams(w):
                doc.add_term("XT" + t)
        gen.index_text(c["unit"], 2)
        gen.index_text(c["location"])
        gen.index_text(c["message"])
        if digits(c["contact_handle"]):
            doc.add_term("XP" + digits(c["contact_handle"]))
        doc.add_term("XH" + c["contact_handle"].lower())
        db.replace_document(n, doc)
    report["xapian_index_s"] = time.time() - started
    parser = xapian.QueryParser()
    parser.set_stemmer(xapian.Stem("russian"))
    parser.set_default_op(xapian.Query.OP_OR)
    enquire = xapian.Enquire(db)
    found, ms = collections.defaultdict(list), collections.defaultdict(list)
    for q in queries:
        t = time.perf_counter()
        parts = [parser.parse_query(q["q"]), parser.parse_query(" ".join(fold(q["q"])))]
        grams = [xapian.Query("XT" + g) for w in fold(q["q"]) for g in trigrams(w)]
        if grams:
            parts.append(xapian.Query(xapian.Query.OP_OR, grams))
        if digits(q["q"]):
            parts.append(xapian.Query("XP" + digits(q["q"])))
        parts.append(xapian.Query("XH" + q["q"].lower()))
        enquire.set_query(xapian.Query(xapian.Query.OP_OR, parts))
        ids = [m.docid for m in enquire.get_mset(0, TOP)]
        ms[q["kind"]].append((time.perf_counter() - t) * 1000)
        found[q["kind"]].append(q["case"] in ids)
    return found, ms


# --- a plain hash map ------------------------------------------------------------------
def hashmap_baseline(cases, queries, report):
    """The same words folded to Latin, each to the cases that have it; a query's cases are
    those with all its words, newest first: exact words only, no ranking."""
    started = time.time()
    index = collections.defaultdict(list)
    for n, c in enumerate(cases, 1):
        words = set(fold(" ".join((c["name"], c["unit"], c["location"], c["message"]))))
        if digits(c["contact_handle"]):
            words.add(digits(c["contact_handle"]))
        for w in words:
            index[w].append(n)
    report["hashmap_index_s"] = time.time() - started
    found, ms = collections.defaultdict(list), collections.defaultdict(list)
    for q in queries:
        t = time.perf_counter()
        words = [digits(q["q"])] if digits(q["q"]) else fold(q["q"])
        hits = None
        for w in words:
            s = set(index.get(w, ()))
            hits = s if hits is None else hits & s
        ids = sorted(hits or (), reverse=True)[:TOP]
        ms[q["kind"]].append((time.perf_counter() - t) * 1000)
        found[q["kind"]].append(q["case"] in ids)
    return found, ms


def main():
    set_dir = sys.argv[1]
    cases = load(os.path.join(set_dir, "cases.jsonl"))
    queries = load(os.path.join(set_dir, "queries.jsonl"))
    report = {"cases": len(cases), "queries": len(queries)}
    results = {"lifeline (HTTP API)": lifeline(set_dir, cases, queries, report)}
    if os.environ.get("BASELINES", "1") != "0":
        results["Xapian (in process)"] = xapian_baseline(cases, queries, report)
        results["hash map (in process)"] = hashmap_baseline(cases, queries, report)
    kinds = sorted({q["kind"] for q in queries})
    print(json.dumps(report, indent=1, ensure_ascii=False))
    print(f"| query kind (n) | " + " | ".join(f"{name}: recall@{TOP}, p50/p95/p99 ms" for name in results) + " |")
    print("|---" * (len(results) + 1) + "|")
    for kind in kinds + ["all"]:
        cells = []
        for name, (found, ms) in results.items():
            f = [x for k in (kinds if kind == "all" else [kind]) for x in found[k]]
            m = [x for k in (kinds if kind == "all" else [kind]) for x in ms[k]]
            p50, p95, p99 = percentiles(m)
            cells.append(f"{100 * sum(f) / len(f):.1f}%, {p50:.2f}/{p95:.2f}/{p99:.2f}")
        n = sum(len(results["lifeline (HTTP API)"][0][k]) for k in (kinds if kind == "all" else [kind]))
        print(f"| {kind} ({n}) | " + " | ".join(cells) + " |")


if __name__ == "__main__":
    main()

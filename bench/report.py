#!/usr/bin/env python3
"""Turns bench/run.sh's results into the table of docs/performance.md (between the bench markers)."""
import json
import os
import platform
import statistics
import subprocess
import sys
from datetime import datetime, timezone

results_path, doc_path = sys.argv[1], sys.argv[2]
rows = [json.loads(line) for line in open(results_path) if line.strip()]


def pick(scenario, system):
    return [r for r in rows if r["scenario"] == scenario and r["system"] == system]


def median(values):
    return statistics.median(values) if values else float("nan")


def load(r):
    """What the load generator printed: wrk's done(), or bench/put_load.py's line of the same shape."""
    return r.get("wrk") or r["load"]


def wrk_rate(r, key):
    w = load(r)
    seconds = w["duration_us"] / 1e6
    return (w["bytes"] if key == "bytes" else w["requests"]) / seconds


def stored_rate(r):
    """Uploads answered 2xx per second: a refused upload stored nothing (requests counts answered exchanges only)."""
    w = load(r)
    return (w["requests"] - w.get("non2xx", w["errors"])) / (w["duration_us"] / 1e6)


def errors(rs):
    return sum(load(r)["errors"] for r in rs if "wrk" in r or "load" in r)


def fmt(v, unit):
    if unit == "GB/s":
        return "%.2f GB/s" % (v / 1e9)
    if unit == "ms":
        return "%.1f ms" % v
    return "%.0f %s" % (v, unit)


lines = []
table = []


def scenario(name, cv, ref, ref_name, unit, target, bare=None):
    """bare: the same scenario served by Tomcat alone (bench/BareTomcat.java), when it was measured."""
    ratio = cv / ref if ref else float("nan")
    met = "—" if target is None else "yes" if ratio >= target else "**no**"
    alone = "—" if bare is None else "%s (%.2f×)" % (fmt(bare, unit), bare / ref if ref else float("nan"))
    goal = "—" if target is None else "≥ %.1f×" % target
    table.append("| %s | %s | %s (%s) | %.2f× | %s | %s | %s |" % (name, fmt(cv, unit), fmt(ref, unit), ref_name, ratio, goal, met, alone))


def bare_median(scenario_name, rate):
    rs = pick(scenario_name, "tomcat")
    return median([rate(r) for r in rs]) if rs else None


full_cv = pick("full", "callvault"); full_ng = pick("full", "nginx"); full_h2 = pick("full", "callvault-h2")
scenario("full GET of random recordings, 64 connections", median([wrk_rate(r, "bytes") for r in full_cv]),
         median([wrk_rate(r, "bytes") for r in full_ng]), "nginx", "GB/s", 0.9)
if full_h2:
    scenario("full GET, embedded default (H2), 64 connections", median([wrk_rate(r, "bytes") for r in full_h2]),
             median([wrk_rate(r, "bytes") for r in full_ng]), "nginx", "GB/s", 0.9)
range_cv = pick("range", "callvault"); range_ng = pick("range", "nginx")
scenario("random 64 KiB ranges, 64 connections", median([wrk_rate(r, "req") for r in range_cv]),
         median([wrk_rate(r, "req") for r in range_ng]), "nginx", "req/s", 0.8,
         bare_median("range", lambda r: wrk_rate(r, "req")))
look_cv = pick("lookup", "callvault"); look_pg = pick("lookup", "pgbench")
scenario("lookup by call id (recordings2), 32 connections", median([wrk_rate(r, "req") for r in look_cv]),
         median([r["tps"] for r in look_pg]), "pgbench, same SELECTs", "req/s", 0.5)
ing_cv = pick("ingest", "callvault"); ing_ref = pick("ingest", "fsync")
ing_ref_rate = median([r["ref"]["files"] / r["ref"]["seconds"] for r in ing_ref])
scenario("ingest of 1 MB recordings, 8 concurrent", median([stored_rate(r) for r in ing_cv]),
         ing_ref_rate, "write + fsync per file", "files/s", 0.7, bare_median("ingest", stored_rate))

# issue 15: ranges and uploads measured against Tomcat alone, the ceiling of an application on this stack
bare_range = bare_median("range", lambda r: wrk_rate(r, "req"))
if bare_range:
    scenario("random 64 KiB ranges against Tomcat alone", median([wrk_rate(r, "req") for r in range_cv]), bare_range,
             "Tomcat alone", "req/s", 0.8)
range_h2 = pick("range", "callvault-h2")
if bare_range and range_h2:
    scenario("random 64 KiB ranges, embedded default (H2), against Tomcat alone",
             median([wrk_rate(r, "req") for r in range_h2]), bare_range, "Tomcat alone", "req/s", 0.8)
bare_ingest = bare_median("ingest", stored_rate)
if bare_ingest:
    scenario("ingest of 1 MB recordings against Tomcat alone", median([stored_rate(r) for r in ing_cv]), bare_ingest,
             "Tomcat alone", "files/s", 0.8)
hashing = pick("ingest", "tomcat-sha256")
if bare_ingest and hashing:
    # not CallVault: the ceiling of the row above, Tomcat alone plus the SHA-256 any server answering a 201 must make
    hashing_rate = median([stored_rate(r) for r in hashing])
    scenario("ingest: Tomcat alone also hashing (the 201's SHA-256), against Tomcat alone", hashing_rate, bare_ingest,
             "Tomcat alone", "files/s", 0.8)
    scenario("ingest of 1 MB recordings against Tomcat alone also hashing", median([stored_rate(r) for r in ing_cv]),
             hashing_rate, "Tomcat alone + SHA-256", "files/s", None)
with_rows = pick("ingest", "tomcat-row")
if bare_ingest and with_rows:
    # not CallVault either: Tomcat alone hashing and committing CallVault's two catalog rows before its 201
    rows_rate = median([stored_rate(r) for r in with_rows])
    scenario("ingest: Tomcat alone hashing and committing the catalog's rows, against Tomcat alone", rows_rate,
             bare_ingest, "Tomcat alone", "files/s", None)
    scenario("ingest of 1 MB recordings against Tomcat alone hashing and committing the rows",
             median([stored_rate(r) for r in ing_cv]), rows_rate, "Tomcat alone + SHA-256 + rows", "files/s", None)

p99 = median([r["wrk"]["p99_us"] / 1000 for r in look_cv])
p50 = median([r["wrk"]["p50_us"] / 1000 for r in look_cv])
pg_avg = median([r.get("avg_ms", 0) for r in look_pg])
startup = median([r["ms"] for r in pick("startup", "callvault")])
mem = (pick("memory", "callvault") or [None])[0]


def machine():
    cpu = "unknown"
    try:
        for line in open("/proc/cpuinfo"):
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    mem_gib = "?"
    try:
        for line in open("/proc/meminfo"):
            if line.startswith("MemTotal"):
                mem_gib = "%.0f GiB" % (int(line.split()[1]) / 1024 / 1024)
    except OSError:
        pass
    java = subprocess.run(["java", "-version"], capture_output=True, text=True).stderr.splitlines()[0]
    return "%d cores (%s), %s, Linux %s, %s" % (os.cpu_count(), cpu, mem_gib, platform.release(), java)


rounds = max([r["round"] for r in rows] + [0])
out = ["<!-- bench:begin (written by bench/run.sh; edits between these markers are lost) -->",
       "",
       "Last run: %s on %s. Medians of %d rounds, after an unmeasured warm-up of each CallVault scenario and of Tomcat alone; loopback; load from wrk (2 threads) in a separate process, uploads from bench/put_load.py (8 connections, body sent with sendfile)."
       % (datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC"), machine(), rounds),
       "",
       "| scenario | CallVault | reference | ratio | target | met | Tomcat alone |",
       "| --- | --- | --- | --- | --- | --- | --- |"] + table + [
       "",
       "Tomcat alone is bench/BareTomcat.java: the Tomcat of CallVault's jar with its connector settings and no"
       " application code (no authentication, lookup, audit row, hash, audio check or database), serving the same"
       " ranges by sendfile and storing uploads as CallVault does (fsync, rename, fsync of the folder). Its ratio is the"
       " most an application on this Tomcat could reach on this machine. \"Also hashing\" is the same Tomcat alone"
       " computing the SHA-256 of each upload as it stores it, which contract 2's 201 carries: the most a server"
       " answering the contract could reach. \"Hashing and committing the rows\" also commits, before each 201, the"
       " call's and the recording's rows CallVault's catalog takes, with CallVault's SQL in its PostgreSQL schema:"
       " the most a server could reach that also keeps the durability rule with a PostgreSQL catalog.",
       "",
       "- Lookup latency (CallVault, recordings2): p50 %.1f ms, p99 %.1f ms; pgbench's average per transaction %.1f ms."
       % (p50, p99, pg_avg),
       "- Start-up, `java -jar` to health UP on the embedded default (first start: schema migration, admin token): %.1f s."
       % (startup / 1000),
       "- HTTP errors or non-2xx answers during the CallVault runs: %d (full), %d (full, H2), %d (ranges), %d (lookup),"
       " %d (ingest); Tomcat alone: %d (ranges), %d (ingest), %d (ingest, hashing), %d (ingest, rows)."
       % (errors(full_cv), errors(full_h2), errors(range_cv), errors(look_cv), errors(ing_cv),
          errors(pick("range", "tomcat")), errors(pick("ingest", "tomcat")), errors(hashing), errors(with_rows))]
if mem:
    readers = mem["readers"]
    out += ["- Memory, `-Xmx128m`: a %.2f GiB recording uploaded (%s) and downloaded whole (%s bytes in %.1f s); then %d slow"
            " readers (16 KiB/s each for 15 s; %d answered 200, %d failed). Heap used: %.0f MiB before, at most %.0f MiB,"
            " %.0f MiB after. Server alive: %s; OutOfMemoryError: %s."
            % (mem["uploaded"] / 2**30, "ok" if mem["uploaded"] == mem["downloaded"] else "size mismatch", mem["downloaded"],
               mem["download_ms"] / 1000, readers["opened"], readers["ok"], readers["failed"], mem["heap_before"] / 2**20,
               mem["heap_max"] / 2**20, mem["heap_after"] / 2**20, "yes" if mem["alive"] else "**no**",
               "none" if mem["oom"] == 0 else "**yes**")]
out += ["", "<!-- bench:end -->"]
block = "\n".join(out)

if os.path.exists(doc_path):
    doc = open(doc_path).read()
    begin = doc.find("<!-- bench:begin")
    end = doc.find("<!-- bench:end -->")
    if begin >= 0 and end >= 0:
        doc = doc[:begin] + block + doc[end + len("<!-- bench:end -->"):]
    else:
        doc = doc + "\n" + block + "\n"
else:
    doc = "# Performance\n\n" + block + "\n"
open(doc_path, "w").write(doc)
print(block)

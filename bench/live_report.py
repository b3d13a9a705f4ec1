"""Writes the live bench's table into docs/performance.md between its markers."""
import json
import platform
import subprocess
import sys
from datetime import datetime, timezone

results_path, doc_path = sys.argv[1], sys.argv[2]
rows = [json.loads(line) for line in open(results_path) if line.strip()]
by = {(r["system"], r["sessions"]): r for r in rows}
cpu = subprocess.run(["sh", "-c", "grep -m1 'model name' /proc/cpuinfo | cut -d: -f2"], capture_output=True,
                     text=True).stdout.strip()
lines = ["<!-- live-bench:begin (written by bench/live.sh; edits between these markers are lost) -->", "",
         f"Last run: {datetime.now(timezone.utc):%Y-%m-%d %H:%M} UTC on {cpu or platform.processor()}, "
         f"{rows[0]['seconds'] if rows else 0} s per run; load from bench/LiveLoad.java on the same 2 cores.", "",
         "| sessions | system | frames lost | CPU per session | heap (max) | durable after (p50 / p99) | target |",
         "| --- | --- | --- | --- | --- | --- | --- |"]
for n in sorted({r["sessions"] for r in rows}):
    cv, ref = by.get(("callvault", n)), by.get(("tomcat", n))
    for name, r in (("CallVault", cv), ("Tomcat alone", ref)):
        if not r:
            continue
        lost = (r["load"]["bytes"] - r["stored"]) // 320
        target = ""
        if name == "CallVault" and ref:
            ratio = r["cpu_ms_per_session_second"] / max(1e-9, ref["cpu_ms_per_session_second"])
            met = lost <= 0 and r["lag_p99_ms"] <= 1000 and (n < 1000 or ratio <= 1.3)
            target = f"{ratio:.2f}× the reference's CPU; " + ("met" if met else "**not met**")
        lines.append(f"| {n} | {name} | {max(0, lost)} of {r['load']['frames']} "
                     f"({r['load']['refused']} sessions refused, {r['load']['late']} frames sent late) | "
                     f"{r['cpu_ms_per_session_second']:.2f} ms/s ({r['cpu_ms_per_session_second'] / 10:.2f}% of a core) | "
                     f"{r['heap_mb']:.0f} MB | {r['lag_p50_ms']:.0f} / {r['lag_p99_ms']:.0f} ms | {target} |")
lines += ["", "<!-- live-bench:end -->"]
doc = open(doc_path).read()
start, end = "<!-- live-bench:begin", "<!-- live-bench:end -->"
if start in doc:
    before = doc[:doc.index(start)]
    after = doc[doc.index(end) + len(end):]
    doc = before + "\n".join(lines) + after
else:
    doc = doc.rstrip() + "\n\n## Live capture under load\n\n" + "\n".join(lines) + "\n"
open(doc_path, "w").write(doc)

#!/usr/bin/env python3
"""Benchmark driver called by scripts/bench (which builds kaitei and prepares the venv).

Runs, for each PDF: `kaitei tables FILE --format json` (all cores), the same pinned to one core
(`taskset -c 0`, RAYON_NUM_THREADS=1), `kaitei.read_tables` from Python (the package in python/, every
table as a pandas DataFrame), pdfplumber `extract_tables` over all pages, and camelot lattice
(first CAMELOT_PAGES pages, default 10; "all" for every page).  Each is run BENCH_RUNS times (default 3) under
`/usr/bin/time -v`; seconds = median; peak MB = max resident set size (max over the runs).  For the Python
tools the seconds are the in-process extraction time (interpreter start and imports excluded, which favours
them); for kaitei the wall time of the whole process.  ratio = kaitei pages/s ÷ tool pages/s (how many times
faster kaitei on all cores is); "× pdfplumber" = tool pages/s ÷ pdfplumber pages/s on the same file.
Usage: bench.py KAITEI PYTHON FILE...
"""
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
RUNS = int(os.environ.get("BENCH_RUNS", "3"))
CAMELOT_PAGES = os.environ.get("CAMELOT_PAGES", "10")
TOOLS = os.environ.get("BENCH_TOOLS", "kaitei,kaitei-1core,kaitei-python,pdfplumber,camelot").split(",")

PY_RUNNER = r'''
import sys, time, json
tool, path, npages = sys.argv[1], sys.argv[2], sys.argv[3]
if tool == "kaitei-python":
    import kaitei
    t0 = time.perf_counter()
    tables = len(kaitei.read_tables(path))
    n = int(npages)
elif tool == "pdfplumber":
    import pdfplumber
    t0 = time.perf_counter()
    n = 0
    tables = 0
    with pdfplumber.open(path) as pdf:
        for page in pdf.pages:
            tables += len(page.extract_tables())
            n += 1
            page.close()
else:
    import camelot
    t0 = time.perf_counter()
    pages = "all" if npages == "all" else "1-%s" % npages
    res = camelot.read_pdf(path, pages=pages, flavor="lattice")
    tables = res.n
    n = len({t.page for t in res}) if npages == "all" else int(npages)
dt = time.perf_counter() - t0
print(json.dumps({"seconds": dt, "pages": n, "tables": tables}), file=sys.stderr)
'''


def timed(cmd, env=None, stdout_path=None):
    """Run cmd under /usr/bin/time -v; return (wall seconds, peak MB, rc, stderr text).
    Wall time is measured here (perf_counter; /usr/bin/time only has 10 ms resolution)."""
    tf = tempfile.NamedTemporaryFile(delete=False, suffix=".time")
    tf.close()
    full = ["/usr/bin/time", "-v", "-o", tf.name] + cmd
    out = open(stdout_path, "wb") if stdout_path else subprocess.DEVNULL
    t0 = time.perf_counter()
    p = subprocess.run(full, stdout=out, stderr=subprocess.PIPE, env=env)
    wall = time.perf_counter() - t0
    if stdout_path:
        out.close()
    t = open(tf.name).read()
    os.unlink(tf.name)
    rss = int(re.search(r"Maximum resident set size \(kbytes\): (\d+)", t).group(1)) / 1024
    return wall, rss, p.returncode, p.stderr.decode("utf-8", "replace")


def check_json(path):
    """'' if path holds kaitei tables JSON, else a note."""
    try:
        doc = json.load(open(path, encoding="utf-8"))
        return "" if isinstance(doc, dict) and "tables" in doc else "output is not tables JSON"
    except Exception:
        return "no JSON output (stub binary?)"


def page_count(py, path):
    out = subprocess.run([py, "-c", "import pdfplumber,sys;print(len(pdfplumber.open(sys.argv[1]).pages))", path],
                         capture_output=True, text=True, check=True).stdout
    return int(out.strip())


def main():
    kaitei, py, files = sys.argv[1], sys.argv[2], sys.argv[3:]
    runner = os.path.join(tempfile.mkdtemp(), "pyrunner.py")
    open(runner, "w").write(PY_RUNNER)
    rows = []
    for f in files:
        npages = page_count(py, f)
        base = {}
        for tool in TOOLS:
            secs, rsss, note, pages = [], [], "", npages
            for _ in range(RUNS):
                env = dict(os.environ)
                if tool in ("kaitei", "kaitei-1core"):
                    cmd = [kaitei, "tables", f, "--format", "json"]
                    if tool == "kaitei-1core":
                        cmd = ["taskset", "-c", "0"] + cmd
                        env["RAYON_NUM_THREADS"] = "1"
                    outp = os.path.join(os.path.dirname(runner), "kaitei-out.json")
                    wall, rss, rc, err = timed(cmd, env, outp)
                    if rc != 0:
                        note = "failed (exit %d: %s)" % (rc, (err.strip().splitlines() or [""])[-1][:80])
                        break
                    note = check_json(outp)
                    if note:
                        break
                    secs.append(wall)
                else:
                    if tool == "kaitei-python":
                        npg = str(npages)
                    elif tool == "pdfplumber" or CAMELOT_PAGES == "all":
                        npg = "all"
                    else:
                        npg = str(min(int(CAMELOT_PAGES), npages))
                    wall, rss, rc, err = timed([py, runner, tool, f, npg], env)
                    if rc != 0:
                        note = "failed (exit %d: %s)" % (rc, (err.strip().splitlines() or [""])[-1][:80])
                        break
                    info = json.loads([l for l in err.splitlines() if l.startswith("{")][-1])
                    secs.append(info["seconds"])
                    pages = info["pages"]
                rsss.append(rss)
            if note:
                rows.append((tool, f, pages, None, None, None, note))
                continue
            med = statistics.median(secs)
            pps = pages / med if med > 0 else float("inf")
            if tool == "kaitei":
                base["kaitei"] = pps
            rows.append((tool, f, pages, med, pps, max(rsss), ""))
            sys.stderr.write("%-13s %-32s %3d pages %8.3f s %9.1f pages/s %7.1f MB\n"
                             % (tool, os.path.basename(f), pages, med, pps, max(rsss)))
        # ratios against kaitei (all cores) and pdfplumber on the same file
        kp = base.get("kaitei")
        pp = next((r[4] for r in rows if r[1] == f and r[0] == "pdfplumber" and r[4]), None)
        for i, r in enumerate(rows):
            if r[1] == f and len(r) == 7:
                ratio = (kp / r[4]) if (kp and r[4]) else None
                vs_plumber = (r[4] / pp) if (pp and r[4]) else None
                rows[i] = r + (ratio, vs_plumber)
    print()
    print("| tool | file | pages | seconds (median of %d) | pages/s | peak MB | kaitei speed-up | × pdfplumber |" % RUNS)
    print("|---|---|---:|---:|---:|---:|---:|---:|")
    for tool, f, pages, med, pps, mb, note, ratio, vs_plumber in rows:
        label = {"kaitei-1core": "kaitei (taskset -c 0)", "camelot": "camelot lattice",
                 "pdfplumber": "pdfplumber extract_tables",
                 "kaitei-python": "kaitei.read_tables (Python)"}.get(tool, tool)
        if note:
            print("| %s | %s | %d | %s | | | | |" % (label, os.path.basename(f), pages, note))
            continue
        print("| %s | %s | %d | %.3f | %.1f | %.1f | %s | %s |" % (
            label, os.path.basename(f), pages, med, pps, mb, "%.1f×" % ratio if ratio else "n/a",
            "%.1f×" % vs_plumber if vs_plumber else "n/a"))
    print()
    print("camelot: first %s pages of each file; Python seconds (kaitei.read_tables, pdfplumber, camelot) exclude "
          "interpreter start-up and imports." % CAMELOT_PAGES)


if __name__ == "__main__":
    main()

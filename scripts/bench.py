#!/usr/bin/env python3
"""Benchmark driver called by scripts/bench (which builds kaitei and prepares the venv).

Runs, for each PDF: `kaitei tables FILE --format json` and `kaitei extract FILE` (all cores, and pinned to
one core: `taskset -c 0`, RAYON_NUM_THREADS=1), pdfplumber `extract_tables` over all pages, and camelot
lattice (first CAMELOT_PAGES pages, default 10; "all" for every page); then the yearly run (`kaitei` over a
folder holding all the PDFs: extract, compare, write every report) on all cores and on one core.  Each is run
BENCH_RUNS times (default 3) under `/usr/bin/time -v`; seconds = median; peak MB = max resident set size (max
over the runs).  For the Python tools the seconds are the in-process extraction time (interpreter start and
imports excluded, which favours them); for kaitei the wall time of the whole process.  speed-up = kaitei tables
(all cores) pages/s ÷ the row's pages/s.  Usage: bench.py KAITEI PYTHON FILE...
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
TOOLS = os.environ.get(
    "BENCH_TOOLS", "kaitei,kaitei-1core,extract,extract-1core,pdfplumber,camelot,run,run-1core"
).split(",")
# kaitei commands per tool (FILE stands for the PDF); -1core variants run pinned to one core.
KAITEI_CMDS = {"kaitei": ["tables", "FILE", "--format", "json"], "extract": ["extract", "FILE"]}
LABELS = {"kaitei": "kaitei tables", "kaitei-1core": "kaitei tables (1 core)", "extract": "kaitei extract",
          "extract-1core": "kaitei extract (1 core)", "run": "kaitei yearly run", "run-1core": "kaitei yearly run (1 core)",
          "camelot": "camelot lattice", "pdfplumber": "pdfplumber extract_tables"}

PY_RUNNER = r'''
import sys, time, json
tool, path, npages = sys.argv[1], sys.argv[2], sys.argv[3]
if tool == "pdfplumber":
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


def check_json(path, key):
    """'' if path holds kaitei JSON with `key` (tables, projects), else a note."""
    try:
        doc = json.load(open(path, encoding="utf-8"))
        return "" if isinstance(doc, dict) and key in doc else "output lacks %r" % key
    except Exception:
        return "no JSON output (stub binary?)"


def kaitei_cmd(kaitei, tool, f):
    """The command and environment of a kaitei tool on file f."""
    base = tool.replace("-1core", "")
    cmd = [kaitei] + [f if a == "FILE" else a for a in KAITEI_CMDS[base]]
    env = dict(os.environ)
    if tool.endswith("-1core"):
        cmd = ["taskset", "-c", "0"] + cmd
        env["RAYON_NUM_THREADS"] = "1"
    return cmd, env


def yearly_run(kaitei, tool, files, scratch):
    """The yearly run over a folder holding `files` (fresh outputs each time): (secs, rss, note)."""
    inputs = os.path.join(scratch, "inputs")
    os.makedirs(inputs, exist_ok=True)
    for f in files:
        shutil.copy(f, inputs)
    secs, rsss = [], []
    for _ in range(RUNS):
        outputs = os.path.join(scratch, "outputs")
        shutil.rmtree(outputs, ignore_errors=True)
        cmd = [kaitei, "-q", "--inputs", inputs, "--outputs", outputs]
        env = dict(os.environ)
        if tool == "run-1core":
            cmd = ["taskset", "-c", "0"] + cmd
            env["RAYON_NUM_THREADS"] = "1"
        wall, rss, rc, err = timed(cmd, env)
        if rc != 0 or not os.path.exists(os.path.join(outputs, "report.html")):
            return None, None, "failed (exit %d: %s)" % (rc, (err.strip().splitlines() or [""])[-1][:80])
        secs.append(wall)
        rsss.append(rss)
    return statistics.median(secs), max(rsss), ""


def page_count(py, path):
    out = subprocess.run([py, "-c", "import pdfplumber,sys;print(len(pdfplumber.open(sys.argv[1]).pages))", path],
                         capture_output=True, text=True, check=True).stdout
    return int(out.strip())


def main():
    kaitei, py, files = sys.argv[1], sys.argv[2], sys.argv[3:]
    runner = os.path.join(tempfile.mkdtemp(), "pyrunner.py")
    open(runner, "w").write(PY_RUNNER)
    rows = []
    base = {}
    total_pages = 0
    for f in files:
        npages = page_count(py, f)
        total_pages += npages
        for tool in TOOLS:
            if tool.startswith("run"):
                continue
            secs, rsss, note, pages = [], [], "", npages
            for _ in range(RUNS):
                env = dict(os.environ)
                if tool.replace("-1core", "") in KAITEI_CMDS:
                    cmd, env = kaitei_cmd(kaitei, tool, f)
                    outp = os.path.join(os.path.dirname(runner), "kaitei-out.json")
                    wall, rss, rc, err = timed(cmd, env, outp)
                    if rc != 0:
                        note = "failed (exit %d: %s)" % (rc, (err.strip().splitlines() or [""])[-1][:80])
                        break
                    note = check_json(outp, "projects" if tool.startswith("extract") else "tables")
                    if note:
                        break
                    secs.append(wall)
                else:
                    npg = "all" if tool == "pdfplumber" or CAMELOT_PAGES == "all" else str(min(int(CAMELOT_PAGES), npages))
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
                base[f] = pps
            rows.append((tool, f, pages, med, pps, max(rsss), ""))
            sys.stderr.write("%-13s %-32s %3d pages %8.3f s %9.1f pages/s %7.1f MB\n"
                             % (tool, os.path.basename(f), pages, med, pps, max(rsss)))
    scratch = tempfile.mkdtemp()
    for tool in [t for t in TOOLS if t.startswith("run")]:
        med, mb, note = yearly_run(kaitei, tool, files, scratch)
        label = "%d files" % len(files)
        if note:
            rows.append((tool, label, total_pages, None, None, None, note))
            continue
        pps = total_pages / med if med > 0 else float("inf")
        rows.append((tool, label, total_pages, med, pps, mb, ""))
        sys.stderr.write("%-13s %-32s %3d pages %8.3f s %9.1f pages/s %7.1f MB\n" % (tool, label, total_pages, med, pps, mb))
    shutil.rmtree(scratch, ignore_errors=True)
    # speed-ups against kaitei tables (all cores) on the same file (the run: on all its pages)
    kt = [r for r in rows if r[0] == "kaitei" and r[3]]
    all_pps = sum(r[2] for r in kt) / sum(r[3] for r in kt) if kt else None
    for i, r in enumerate(rows):
        kp = base.get(r[1], all_pps)
        rows[i] = r + ((kp / r[4]) if (kp and r[4]) else None,)
    print()
    print("| tool | file | pages | seconds (median of %d) | pages/s | peak MB | kaitei tables speed-up |" % RUNS)
    print("|---|---|---:|---:|---:|---:|---:|")
    for tool, f, pages, med, pps, mb, note, ratio in rows:
        label = LABELS.get(tool, tool)
        if note:
            print("| %s | %s | %d | %s | | | |" % (label, os.path.basename(f), pages, note))
            continue
        print("| %s | %s | %d | %.3f | %.1f | %.1f | %s |" % (
            label, os.path.basename(f), pages, med, pps, mb, "%.1f×" % ratio if ratio else "n/a"))
    print()
    print("camelot: first %s pages of each file; Python seconds exclude interpreter start-up and imports." % CAMELOT_PAGES)


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""Benchmark driver called by scripts/bench (which builds kaitei and prepares the venv).

Runs, for each PDF: `kaitei tables FILE --format json` and `kaitei extract FILE` (all cores, and pinned to
one core: `taskset -c 0`, RAYON_NUM_THREADS=1), pdfplumber `extract_tables` over all pages, and camelot
lattice (first CAMELOT_PAGES pages, default 10; "all" for every page); then the yearly run (`kaitei` over a
folder holding all the PDFs: extract, compare, write every report) on all cores and on one core.

Each is run BENCH_RUNS times (default 3); seconds = median wall time, CPU = median user+system time of the
process (from wait4, microsecond resolution; on a busy machine the wall time of a process pinned to one core
includes waiting for that core, its CPU time does not), peak MB = max resident set size over the runs.  For
the Python tools the seconds are the in-process extraction time (interpreter start and imports excluded,
which favours them); for kaitei the whole process.  speed-up = kaitei tables (all cores) pages/s ÷ the row's
pages/s.  Usage: bench.py KAITEI PYTHON FILE...
"""
import json
import os
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
          "extract-1core": "kaitei extract (1 core)", "run": "kaitei yearly run",
          "run-1core": "kaitei yearly run (1 core)", "camelot": "camelot lattice",
          "pdfplumber": "pdfplumber extract_tables"}

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
    """Run cmd under /usr/bin/time; return (wall seconds, CPU seconds, peak MB, rc, stderr text).
    Wall and CPU time are measured here (perf_counter; wait4's rusage, in microseconds: /usr/bin/time
    only has 10 ms); the peak resident set is /usr/bin/time's, whose small process is what the command
    is forked from (a fork of this Python process would count Python's pages too)."""
    tf = tempfile.NamedTemporaryFile(delete=False, suffix=".time")
    tf.close()
    out = open(stdout_path, "wb") if stdout_path else subprocess.DEVNULL
    err = tempfile.TemporaryFile()
    t0 = time.perf_counter()
    p = subprocess.Popen(["/usr/bin/time", "-f", "%M", "-o", tf.name] + cmd, stdout=out, stderr=err, env=env)
    _, status, ru = os.wait4(p.pid, 0)
    wall = time.perf_counter() - t0
    rc = os.waitstatus_to_exitcode(status)
    if stdout_path:
        out.close()
    err.seek(0)
    text = err.read().decode("utf-8", "replace")
    err.close()
    lines = open(tf.name).read().split()
    os.unlink(tf.name)
    rss = int(lines[-1]) / 1024 if lines and lines[-1].isdigit() else float("nan")
    return wall, ru.ru_utime + ru.ru_stime, rss, rc, text


def failure(rc, err):
    return "failed (exit %d: %s)" % (rc, (err.strip().splitlines() or [""])[-1][:80])


def check_json(path, key):
    """'' if path holds kaitei JSON with `key` (tables, projects), else a note."""
    try:
        doc = json.load(open(path, encoding="utf-8"))
        return "" if isinstance(doc, dict) and key in doc else "output lacks %r" % key
    except Exception:
        return "no JSON output (stub binary?)"


def one_core(cmd, env):
    env = dict(env)
    env["RAYON_NUM_THREADS"] = "1"
    return ["taskset", "-c", "0"] + cmd, env


def kaitei_file(kaitei, tool, f, scratch):
    """RUNS of a kaitei command on one file: (walls, cpus, rsss, note)."""
    base = tool.replace("-1core", "")
    cmd = [kaitei] + [f if a == "FILE" else a for a in KAITEI_CMDS[base]]
    env = dict(os.environ)
    if tool.endswith("-1core"):
        cmd, env = one_core(cmd, env)
    walls, cpus, rsss = [], [], []
    outp = os.path.join(scratch, "kaitei-out.json")
    for _ in range(RUNS):
        wall, cpu, rss, rc, err = timed(cmd, env, outp)
        if rc != 0:
            return None, None, None, failure(rc, err)
        note = check_json(outp, "projects" if base == "extract" else "tables")
        if note:
            return None, None, None, note
        walls.append(wall)
        cpus.append(cpu)
        rsss.append(rss)
    return walls, cpus, rsss, ""


def python_file(py, runner, tool, f, npages):
    """RUNS of a Python tool on one file: (walls, pages, rsss, note)."""
    npg = "all" if tool == "pdfplumber" or CAMELOT_PAGES == "all" else str(min(int(CAMELOT_PAGES), npages))
    walls, rsss, pages = [], [], npages
    for _ in range(RUNS):
        _, _, rss, rc, err = timed([py, runner, tool, f, npg])
        if rc != 0:
            return None, None, None, failure(rc, err)
        info = json.loads([l for l in err.splitlines() if l.startswith("{")][-1])
        walls.append(info["seconds"])
        rsss.append(rss)
        pages = info["pages"]
    return walls, pages, rsss, ""


def yearly_run(kaitei, tool, files, scratch):
    """RUNS of the yearly run over a folder holding `files`, fresh outputs each time."""
    inputs = os.path.join(scratch, "inputs")
    os.makedirs(inputs, exist_ok=True)
    for f in files:
        shutil.copy(f, inputs)
    walls, cpus, rsss = [], [], []
    for _ in range(RUNS):
        outputs = os.path.join(scratch, "outputs")
        shutil.rmtree(outputs, ignore_errors=True)
        cmd, env = [kaitei, "-q", "--inputs", inputs, "--outputs", outputs], dict(os.environ)
        if tool == "run-1core":
            cmd, env = one_core(cmd, env)
        wall, cpu, rss, rc, err = timed(cmd, env)
        if rc != 0 or not os.path.exists(os.path.join(outputs, "report.html")):
            return None, None, None, failure(rc, err)
        walls.append(wall)
        cpus.append(cpu)
        rsss.append(rss)
    return walls, cpus, rsss, ""


def page_count(py, path):
    out = subprocess.run([py, "-c", "import pdfplumber,sys;print(len(pdfplumber.open(sys.argv[1]).pages))", path],
                         capture_output=True, text=True, check=True).stdout
    return int(out.strip())


def main():
    kaitei, py, files = sys.argv[1], sys.argv[2], sys.argv[3:]
    scratch = tempfile.mkdtemp()
    runner = os.path.join(scratch, "pyrunner.py")
    open(runner, "w").write(PY_RUNNER)
    rows = []  # (tool, file label, pages, wall, cpu or None, peak MB, note)

    def add(tool, label, pages, walls, cpus, rsss, note):
        if note:
            rows.append((tool, label, pages, None, None, None, note))
            return
        wall = statistics.median(walls)
        cpu = statistics.median(cpus) if cpus else None
        rows.append((tool, label, pages, wall, cpu, max(rsss), ""))
        sys.stderr.write("%-13s %-32s %3d pages %8.3f s %9.1f pages/s %7.1f MB\n"
                         % (tool, label, pages, wall, pages / wall, max(rsss)))

    total_pages = 0
    for f in files:
        npages = page_count(py, f)
        total_pages += npages
        for tool in TOOLS:
            if tool.startswith("run"):
                continue
            if tool.replace("-1core", "") in KAITEI_CMDS:
                walls, cpus, rsss, note = kaitei_file(kaitei, tool, f, scratch)
                add(tool, os.path.basename(f), npages, walls, cpus, rsss, note)
            else:
                walls, pages, rsss, note = python_file(py, runner, tool, f, npages)
                add(tool, os.path.basename(f), pages or npages, walls, None, rsss, note)
    for tool in [t for t in TOOLS if t.startswith("run")]:
        walls, cpus, rsss, note = yearly_run(kaitei, tool, files, os.path.join(scratch, "run"))
        add(tool, "%d files" % len(files), total_pages, walls, cpus, rsss, note)
    shutil.rmtree(scratch, ignore_errors=True)

    # Speed-ups against kaitei tables (all cores) on the same file; the run against all its pages.
    kt = {r[1]: r[2] / r[3] for r in rows if r[0] == "kaitei" and r[3]}
    kt_rows = [r for r in rows if r[0] == "kaitei" and r[3]]
    all_pps = sum(r[2] for r in kt_rows) / sum(r[3] for r in kt_rows) if kt_rows else None
    print()
    print("| tool | file | pages | seconds (median of %d) | pages/s | CPU s | pages/s of CPU | peak MB "
          "| kaitei tables speed-up |" % RUNS)
    print("|---|---|---:|---:|---:|---:|---:|---:|---:|")
    for tool, label, pages, wall, cpu, mb, note in rows:
        name = LABELS.get(tool, tool)
        if note:
            print("| %s | %s | %d | %s | | | | | |" % (name, label, pages, note))
            continue
        pps = pages / wall
        base = kt.get(label, all_pps)
        cpu_cols = ("%.3f | %.1f" % (cpu, pages / cpu)) if cpu else "– | –"
        print("| %s | %s | %d | %.3f | %.1f | %s | %.1f | %s |" % (
            name, label, pages, wall, pps, cpu_cols, mb, "%.1f×" % (base / pps) if base else "n/a"))
    print()
    print("camelot: first %s pages of each file; Python seconds exclude interpreter start-up and imports."
          % CAMELOT_PAGES)


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""Benchmark driver called by scripts/bench (which builds kaitei, prepares the venv and the
Python package); prints README-ready Markdown on stdout, progress on stderr.

One run measures, on the three corpus PDFs (BENCH_FILES):
  - `kaitei tables` (--mode auto, the default) on all cores and pinned to one core
    (`taskset -c 0`, RAYON_NUM_THREADS=1), `--mode lattice`, `kaitei extract` on all cores and on
    one core, and the yearly run (`kaitei --inputs DIR --outputs TMP` over a folder holding the
    files: extract, compare, every report) on all cores and on one core;
  - `kaitei.read_tables` from Python (the package in python/, every table as a DataFrame; one
    call in a fresh process), pdfplumber `extract_tables` (every page) and camelot lattice (the
    first CAMELOT_PAGES pages, default 10; "all" for every page);
then the median CPU time per page of `kaitei text` over ../shared/realworld/pdf (BENCH_REALWORLD;
skipped with a note when absent), the cost of each table mode on pages already interpreted
(examples/table_stages.rs, KAITEI_STAGES) and each tool's time over the peers' unruled tables
(BENCH_STREAM_SET).

Timing: every measurement is run BENCH_RUNS times (default 5), the tools taking turns within
each round so that a change in the machine's load touches all of them alike; the median is
reported. kaitei commands: wall time of the whole process (start-up included) and its CPU time
(user + system, from wait4). Python tools: the time of the call inside the process (interpreter
start-up and imports excluded, as the peers are usually timed), CPU from time.process_time().
Peak MB: the largest resident set over the runs (wait4's ru_maxrss; the Python rows include the
interpreter and their imports). "× pdfplumber": pdfplumber's seconds per page on the same file
divided by the tool's (wall time).

Usage: bench.py KAITEI PYTHON FILE...
"""
import csv
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

RUNS = int(os.environ.get("BENCH_RUNS", "5"))
CAMELOT_PAGES = os.environ.get("CAMELOT_PAGES", "10")
STAGES = os.environ.get("KAITEI_STAGES", "")
STAGE_EXTRA = [f for f in os.environ.get("STAGE_EXTRA", "").split() if f]
STREAM_SET = os.environ.get("BENCH_STREAM_SET", "")
REALWORLD = os.environ.get("BENCH_REALWORLD", "")
REALWORLD_RUNS = int(os.environ.get("REALWORLD_RUNS", "5"))

PY_RUNNER = r'''
import sys, time, json, os
tool, path, npages = sys.argv[1], sys.argv[2], sys.argv[3]
if tool == "read_tables":
    import kaitei, warnings
    warnings.simplefilter("ignore")
    c0, t0 = time.process_time(), time.perf_counter()
    tables = len(kaitei.read_tables(path))
    n = int(npages)
    dt, cpu = time.perf_counter() - t0, time.process_time() - c0
    # the same call again in the same process: what a second document would cost
    t1 = time.perf_counter()
    kaitei.read_tables(path)
    again = time.perf_counter() - t1
elif tool == "pdfplumber":
    import pdfplumber
    c0, t0 = time.process_time(), time.perf_counter()
    n = tables = 0
    with pdfplumber.open(path) as pdf:
        for page in pdf.pages:
            tables += len(page.extract_tables())
            n += 1
            page.close()
    dt, cpu, again = time.perf_counter() - t0, time.process_time() - c0, None
else:
    import camelot
    c0, t0 = time.process_time(), time.perf_counter()
    res = camelot.read_pdf(path, pages="all" if npages == "all" else "1-%s" % npages, flavor="lattice")
    tables = res.n
    n = len({t.page for t in res}) if npages == "all" else int(npages)
    dt, cpu, again = time.perf_counter() - t0, time.process_time() - c0, None
print(json.dumps({"seconds": dt, "cpu": cpu, "pages": n, "tables": tables, "again": again}), file=sys.stderr)
'''


def log(msg):
    sys.stderr.write(msg + "\n")
    sys.stderr.flush()


def run(cmd, env=None, stdout=None):
    """Run cmd; return (wall s, CPU s, peak MB, exit status, stderr text)."""
    out = open(stdout, "wb") if stdout else subprocess.DEVNULL
    t0 = time.perf_counter()
    p = subprocess.Popen(cmd, stdout=out, stderr=subprocess.PIPE, env=env)
    err = p.stderr.read()
    _, status, ru = os.wait4(p.pid, 0)
    wall = time.perf_counter() - t0
    p.returncode = os.waitstatus_to_exitcode(status)
    if stdout:
        out.close()
    return wall, ru.ru_utime + ru.ru_stime, ru.ru_maxrss / 1024, p.returncode, err.decode("utf-8", "replace")


def last_line(err):
    return (err.strip().splitlines() or [""])[-1][:100]


def page_count(py, path):
    out = subprocess.run([py, "-c", "import pdfplumber,sys;print(len(pdfplumber.open(sys.argv[1]).pages))", path],
                         capture_output=True, text=True, check=True).stdout
    return int(out.strip())


class Measure:
    """One row of the corpus table: a command per file (or one for the whole set)."""

    def __init__(self, key, label, make, whole=False, python=None):
        self.key, self.label, self.make, self.whole, self.python = key, label, make, whole, python
        self.samples = {}  # file -> list of (wall, cpu, rss, pages, again)
        self.note = {}


def loadavg():
    try:
        return " ".join(open("/proc/loadavg").read().split()[:3])
    except OSError:
        return "n/a"


def cpu_model():
    try:
        for line in open("/proc/cpuinfo"):
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown CPU"


def span(ratios):
    """'12×' or '12–15×' (two decimals below 1)."""
    if not ratios:
        return ""
    lo, hi = min(ratios), max(ratios)
    if lo < 1:
        return ("%.2f×" % lo) if abs(lo - hi) < 0.005 else "%.2f–%.2f×" % (lo, hi)
    return ("%.0f×" % lo) if round(lo) == round(hi) else "%.0f–%.0f×" % (lo, hi)


def fmt_int(x):
    return "{:,.0f}".format(x)


def main():
    kaitei, py, files = sys.argv[1], sys.argv[2], sys.argv[3:]
    work = tempfile.mkdtemp(prefix="kaitei-bench-")
    runner = os.path.join(work, "runner.py")
    open(runner, "w").write(PY_RUNNER)
    load_start = loadavg()
    started = time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime())
    npages = {f: page_count(py, f) for f in files}
    total_pages = sum(npages.values())
    inputs = os.path.join(work, "inputs")
    os.mkdir(inputs)
    for f in files:
        os.symlink(os.path.abspath(f), os.path.join(inputs, os.path.basename(f)))
    one = dict(os.environ, RAYON_NUM_THREADS="1")
    pin = ["taskset", "-c", "0"]
    out_json = os.path.join(work, "out.json")
    has_py = subprocess.run([py, "-c", "import kaitei"], capture_output=True).returncode == 0
    measures = [
        Measure("tables", "kaitei tables", lambda f: ([kaitei, "tables", f, "--format", "json", "-q"], None)),
        Measure("tables1", "kaitei tables, 1 core",
                lambda f: (pin + [kaitei, "tables", f, "--format", "json", "-q"], one)),
        Measure("lattice", "kaitei tables --mode lattice",
                lambda f: ([kaitei, "tables", f, "--format", "json", "--mode", "lattice", "-q"], None)),
        Measure("extract", "kaitei extract", lambda f: ([kaitei, "extract", f, "-o", out_json, "-q"], None)),
        Measure("extract1", "kaitei extract, 1 core",
                lambda f: (pin + [kaitei, "extract", f, "-o", out_json, "-q"], one)),
        Measure("run", "kaitei yearly run", lambda f: (
            [kaitei, "--inputs", inputs, "--outputs", os.path.join(work, "outputs"), "-q"], None), whole=True),
        Measure("run1", "kaitei yearly run, 1 core", lambda f: (
            pin + [kaitei, "--inputs", inputs, "--outputs", os.path.join(work, "outputs"), "-q"], one), whole=True),
    ]
    if has_py:
        measures.append(Measure("read_tables", "kaitei.read_tables (Python)", None, python="read_tables"))
    measures.append(Measure("pdfplumber", "pdfplumber extract_tables", None, python="pdfplumber"))
    measures.append(Measure("camelot", "camelot lattice (first %s pages)" % CAMELOT_PAGES if CAMELOT_PAGES != "all"
                            else "camelot lattice", None, python="camelot"))

    for rnd in range(RUNS):
        log("bench: corpus round %d/%d (load %s)" % (rnd + 1, RUNS, loadavg()))
        for m in measures:
            for f in ([None] if m.whole else files):
                if m.note.get(f):
                    continue
                if m.python:
                    n = npages[f]
                    arg = str(n)
                    if m.python == "camelot" and CAMELOT_PAGES != "all":
                        arg = str(min(int(CAMELOT_PAGES), n))
                    elif m.python == "camelot":
                        arg = "all"
                    wall, cpu, rss, rc, err = run([py, runner, m.python, f, arg])
                    if rc != 0:
                        m.note[f] = "failed (exit %d: %s)" % (rc, last_line(err))
                        continue
                    info = json.loads([l for l in err.splitlines() if l.startswith("{")][-1])
                    m.samples.setdefault(f, []).append(
                        (info["seconds"], info["cpu"], rss, info["pages"], info.get("again")))
                else:
                    cmd, env = m.make(f)
                    wall, cpu, rss, rc, err = run(cmd, env, out_json if m.key.startswith(("tables", "lattice")) else None)
                    if rc not in (0, 1):
                        m.note[f] = "failed (exit %d: %s)" % (rc, last_line(err))
                        continue
                    m.samples.setdefault(f, []).append((wall, cpu, rss, total_pages if m.whole else npages[f], None))
    load_mid = loadavg()

    # Per file: median seconds; pages/s; ratios against pdfplumber on the same file.
    def med(m, f, i=0):
        s = m.samples.get(f)
        return statistics.median(x[i] for x in s) if s else None

    plumber = next(m for m in measures if m.key == "pdfplumber")
    plumber_spp = {f: med(plumber, f) / npages[f] for f in files if plumber.samples.get(f)}
    plumber_total = sum(med(plumber, f) for f in files) if len(plumber_spp) == len(files) else None
    cam = next(m for m in measures if m.key == "camelot")
    cam_spp = {f: med(cam, f) / cam.samples[f][0][3] for f in files if cam.samples.get(f)}
    cam_total = statistics.mean(cam_spp.values()) * total_pages if len(cam_spp) == len(files) else None
    short = {f: os.path.basename(f).replace(".lo.pdf", "").replace(".pdf", "") for f in files}

    try:
        rev = subprocess.run(["git", "describe", "--always", "--dirty"], capture_output=True, text=True,
                             cwd=os.path.dirname(os.path.abspath(__file__))).stdout.strip()
    except OSError:
        rev = ""
    print("Measured %s%s: %d cores (%s), Linux %s; load average %s at the start, %s after the corpus."
          % (started, " at %s" % rev if rev else "", os.cpu_count() or 0, cpu_model(), platform.release(),
             load_start, load_mid))
    print("Median of %d runs, the tools taking turns in each run. kaitei: the whole process; Python: the call "
          "inside the process (start-up and imports excluded)." % RUNS)
    print()
    head = "| | " + " | ".join("%s (%d p.)" % (short[f], npages[f]) for f in files) + \
        " | all %d pages | × pdfplumber | × camelot | pages per CPU s | peak MB |" % total_pages
    print(head)
    print("|---|" + "---:|" * (len(files) + 5))
    for m in measures:
        cells = []
        ratios = []
        if m.whole:
            cells = ["" for _ in files]
            s = m.samples.get(None)
            if not s:
                print("| %s | %s |" % (m.label, m.note.get(None, "no result")) + " |" * (len(files) + 4))
                continue
            wall = statistics.median(x[0] for x in s)
            cpu = statistics.median(x[1] for x in s)
            total_pps = total_pages / wall
            if plumber_total:
                ratios.append(plumber_total / wall)
            cam_ratios = [cam_total / wall] if cam_total else []
            rss = max(x[2] for x in s)
        else:
            walls, cpus, pages, rsss = 0.0, 0.0, 0, []
            cam_ratios = []
            complete = True
            for f in files:
                s = m.samples.get(f)
                if not s:
                    cells.append(m.note.get(f, "no result"))
                    complete = False
                    continue
                w = statistics.median(x[0] for x in s)
                p = s[0][3]
                cells.append(fmt_int(p / w))
                if f in plumber_spp and m is not plumber:
                    ratios.append(plumber_spp[f] / (w / p))
                if f in cam_spp and m is not cam:
                    cam_ratios.append(cam_spp[f] / (w / p))
                walls += w
                cpus += statistics.median(x[1] for x in s)
                pages += p
                rsss.append(max(x[2] for x in s))
            if not rsss:
                print("| %s | " % m.label + " | ".join(cells) + " | | | | | |")
                continue
            total_pps = pages / walls if complete else None
            wall, cpu = walls, cpus
            rss = max(rsss)
            if m.python == "camelot":
                total_pps = pages / walls
        ratio = "1×" if m is plumber else span(ratios)
        cam_ratio = "1×" if m is cam else span(cam_ratios)
        pages_for_cpu = total_pages if (m.whole or m.python != "camelot") else sum(
            m.samples[f][0][3] for f in files if m.samples.get(f))
        cpu_pps = pages_for_cpu / cpu if cpu > 0 else 0
        total_cell = fmt_int(total_pps) if total_pps else ""
        print("| %s | %s | %s | %s | %s | %s | %.0f |" % (
            m.label, " | ".join(cells), total_cell, ratio, cam_ratio, fmt_int(cpu_pps), rss))
    print()
    print("Cells: pages per second (wall time). × pdfplumber, × camelot: how many times faster than pdfplumber "
          "(camelot) on the same file, per page, the range over the files (the yearly run against their time for "
          "all %d pages). Pages per CPU s: pages over the user + system time of all the process's threads — what "
          "one core would give if the process had it to itself." % total_pages)
    notes = []
    if CAMELOT_PAGES != "all":
        notes.append("camelot: the first %s pages of each file (it reads about 4 pages/s)" % CAMELOT_PAGES)
    rt = next((m for m in measures if m.key == "read_tables"), None)
    if rt and rt.samples:
        again = []
        for f in files:
            s = rt.samples.get(f)
            if s and s[0][4] is not None:
                again.append("%s %.0f ms" % (short[f], 1000 * statistics.median(x[4] for x in s)))
        first = ["%s %.0f ms" % (short[f], 1000 * med(rt, f)) for f in files if rt.samples.get(f)]
        notes.append("kaitei.read_tables: the first call in a fresh process took %s; the same call again in that "
                     "process %s" % (", ".join(first), ", ".join(again)))
    elif not has_py:
        notes.append("kaitei.read_tables: the Python package is not installed in the venv (row left out)")
    for n in notes:
        print()
        print(n + ".")

    if REALWORLD:
        realworld(kaitei, py)
    if STAGES:
        stages(files)
        if os.environ.get("STAGE_COUNT") == "callgrind" and shutil.which("valgrind"):
            stages_callgrind(files + STAGE_EXTRA)
    if STREAM_SET:
        stream_set(kaitei, py, runner)
    print()
    print("Load average at the end: %s." % loadavg())
    shutil.rmtree(work, ignore_errors=True)


def realworld(kaitei, py):
    """Median CPU time per page of `kaitei text` over the real-world PDFs (one process per file)."""
    pdf_dir = os.path.join(REALWORLD, "pdf")
    print()
    if not os.path.isdir(pdf_dir):
        print("Real-world PDFs: %s not found, skipped." % pdf_dir)
        return
    pdfs = sorted(f for f in os.listdir(pdf_dir) if f.lower().endswith(".pdf"))
    pages = {}
    src = os.path.join(REALWORLD, "sources.tsv")
    if os.path.exists(src):
        for row in csv.DictReader(open(src, encoding="utf-8"), delimiter="\t"):
            try:
                pages[row["name"]] = int(row["pages"])
            except (KeyError, ValueError):
                pass
    per_page, cpus, walls, rss = [], [], [], 0.0
    for r in range(REALWORLD_RUNS):
        log("bench: real-world round %d/%d (load %s)" % (r + 1, REALWORLD_RUNS, loadavg()))
        for i, f in enumerate(pdfs):
            path = os.path.join(pdf_dir, f)
            if f not in pages:
                pages[f] = page_count(py, path)
            wall, cpu, mb, rc, _ = run([kaitei, "text", path, "-q"])
            if r == 0:
                cpus.append([])
                walls.append([])
            cpus[i].append(cpu)
            walls[i].append(wall)
            rss = max(rss, mb)
    ms = sorted(1000 * statistics.median(c) / pages[f] for c, f in zip(cpus, pdfs))
    wall_ms = sorted(1000 * statistics.median(w) / pages[f] for w, f in zip(walls, pdfs))
    total_pages = sum(pages[f] for f in pdfs)
    print("| `kaitei text`, one process per file | files | pages | median CPU ms / page | middle half | "
          "slowest file | median wall ms / page | peak MB |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|")
    q1, q3 = ms[len(ms) // 4], ms[(3 * len(ms)) // 4]
    print("| %s | %d | %d | %.2f | %.1f–%.1f | %.1f | %.2f | %.0f |" % (
        os.path.basename(os.path.normpath(REALWORLD)), len(pdfs), total_pages, statistics.median(ms), q1, q3,
        ms[-1], statistics.median(wall_ms), rss))
    print()
    print("One process per file (start-up included), CPU time (user + system) of each file's median of %d runs "
          "divided by its pages; the median is over the files." % REALWORLD_RUNS)


def stages(files):
    """find_tables per mode on interpreted pages (examples/table_stages.rs)."""
    log("bench: table stages")
    out = subprocess.run([STAGES] + list(files), capture_output=True, text=True,
                         env=dict(os.environ, RAYON_NUM_THREADS="1"))
    rows = [json.loads(l) for l in out.stdout.splitlines() if l.startswith("{")]
    print()
    if not rows:
        print("Table stages: no output (%s)" % out.stderr.strip()[-200:])
        return
    print("| `find_tables` on interpreted pages | pages | lattice ms | stream ms | auto ms | stream ÷ lattice |")
    print("|---|---:|---:|---:|---:|---:|")
    for r in rows:
        ratio = r["stream_ms"] / r["lattice_ms"] if r["lattice_ms"] > 0 else float("nan")
        print("| %s | %d | %.2f | %.2f | %.2f | %.2f |" % (
            os.path.basename(r["file"]), r["pages"], r["lattice_ms"], r["stream_ms"], r["auto_ms"], ratio))
    print()
    print("examples/table_stages.rs: one thread, least of %s runs taking the modes in turn, each run "
          "starting with the next mode; page interpretation excluded." % os.environ.get("STAGE_RUNS", "25"))


def stages_callgrind(files):
    """Instructions find_tables executes per mode (valgrind's count: the same on a busy machine)."""
    log("bench: table stages under callgrind")
    print()
    print("| file | pages | lattice Minstr | stream Minstr | auto Minstr | stream ÷ lattice | auto − lattice ÷ lattice |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    for f in files:
        counts, pages = {}, 0
        for mode in ("none", "lattice", "stream", "auto"):
            env = dict(os.environ, RAYON_NUM_THREADS="1", STAGE_RUNS="1", STAGE_MODES=mode)
            p = subprocess.run(["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null", STAGES, f],
                               env=env, capture_output=True, text=True)
            m = re.search(r"Collected : (\d+)", p.stderr)
            out = [json.loads(l) for l in p.stdout.splitlines() if l.startswith("{")]
            if not m or not out:
                counts = None
                break
            counts[mode] = int(m.group(1))
            pages = out[0]["pages"]
        if not counts:
            print("| %s | | valgrind failed | | | | |" % os.path.basename(f))
            continue
        lat, st, au = (counts[k] - counts["none"] for k in ("lattice", "stream", "auto"))
        print("| %s | %d | %.1f | %.1f | %.1f | %.2f | %.2f |" % (
            os.path.basename(f), pages, lat / 1e6, st / 1e6, au / 1e6, st / lat if lat else float("nan"),
            (au - lat) / lat if lat else float("nan")))
    print()
    print("Instructions counted by valgrind (callgrind), one thread, less those of interpreting the pages.")


STREAM_PY = r'''
import sys, time, json
tool, path = sys.argv[1], sys.argv[2]
if tool.startswith("pdfplumber"):
    import pdfplumber
    s = {"vertical_strategy": "text", "horizontal_strategy": "text"} if tool == "pdfplumber-text" else {}
    t0 = time.perf_counter()
    with pdfplumber.open(path) as pdf:
        for page in pdf.pages:
            page.extract_tables(table_settings=s)
else:
    import camelot
    t0 = time.perf_counter()
    camelot.read_pdf(path, pages="all", flavor="stream" if tool == "camelot-stream" else "lattice")
print(json.dumps({"seconds": time.perf_counter() - t0}), file=sys.stderr)
'''


def stream_set(kaitei, py, _runner):
    """Each tool's total time over a folder of PDFs with unruled tables (every page)."""
    if not os.path.isdir(STREAM_SET):
        print()
        print("Unruled tables: %s not found, skipped." % STREAM_SET)
        return
    runner = os.path.join(os.path.dirname(_runner), "stream.py")
    open(runner, "w").write(STREAM_PY)
    pdfs = sorted(os.path.join(STREAM_SET, f) for f in os.listdir(STREAM_SET) if f.endswith(".pdf"))
    npages = sum(page_count(py, f) for f in pdfs)
    tools = [("kaitei", "kaitei tables"), ("kaitei-lattice", "kaitei tables --mode lattice"),
             ("pdfplumber", "pdfplumber extract_tables"), ("pdfplumber-text", "pdfplumber text strategy"),
             ("camelot-stream", "camelot stream")]
    secs = {t: {f: [] for f in pdfs} for t, _ in tools}
    failed = {}
    runs = int(os.environ.get("STREAM_RUNS", "3"))
    for r in range(runs):
        log("bench: unruled tables round %d/%d (load %s)" % (r + 1, runs, loadavg()))
        for t, _ in tools:
            for f in pdfs:
                if t in failed:
                    continue
                if t.startswith("kaitei"):
                    cmd = [kaitei, "tables", f, "--format", "json", "-q"] + (
                        ["--mode", "lattice"] if t == "kaitei-lattice" else [])
                    wall, _, _, rc, _ = run(cmd)
                    if rc not in (0, 1):
                        failed[t] = "failed on %s" % os.path.basename(f)
                    secs[t][f].append(wall)
                else:
                    wall, _, _, rc, err = run([py, runner, t, f])
                    if rc != 0:
                        failed[t] = "failed on %s" % os.path.basename(f)
                        continue
                    info = json.loads([l for l in err.splitlines() if l.startswith("{")][-1])
                    secs[t][f].append(info["seconds"])
    print()
    print("| unruled tables: %d PDFs, %d pages | seconds (sum over the files) | × pdfplumber |" % (len(pdfs), npages))
    print("|---|---:|---:|")
    totals = {t: sum(statistics.median(v) for v in secs[t].values()) for t, _ in tools if t not in failed}
    for t, label in tools:
        if t in failed:
            print("| %s | %s | |" % (label, failed[t]))
            continue
        ratio = totals["pdfplumber"] / totals[t] if "pdfplumber" in totals and totals[t] > 0 else None
        print("| %s | %.3f | %s |" % (label, totals[t], ("%.1f×" % ratio) if ratio else ""))
    print()
    print("%s (the peers' unruled tables): median of %d runs per file; kaitei one process per file, the Python "
          "tools' in-process time." % (STREAM_SET, runs))


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""Benchmark driver called by scripts/bench (which builds kaitei and prepares the venv).

Runs, for each PDF: `kaitei tables FILE --format json` (all cores, the default `--mode auto`), the same
pinned to one core (`taskset -c 0`, RAYON_NUM_THREADS=1), `--mode lattice` (ruled tables only),
pdfplumber `extract_tables` over all pages with its default (lines) and its text strategies, and camelot
lattice and stream (first CAMELOT_PAGES pages, default 10; "all" for every page).  Each is run BENCH_RUNS times (default 3) under
`/usr/bin/time -v`; seconds = median; peak MB = max resident set size (max over the runs).  For the Python
tools the seconds are the in-process extraction time (interpreter start and imports excluded, which favours
them); for kaitei the wall time of the whole process.  ratio = kaitei pages/s ÷ tool pages/s (how many times
faster kaitei on all cores is).

Then two more tables: the milliseconds `find_tables` takes on the pages already interpreted, per mode
(`examples/table_stages.rs`, one thread, least of STAGE_RUNS; given as KAITEI_STAGES) — unruled-table
detection must cost no more than the ruled-table path; and each tool's total time over the stream set
(BENCH_STREAM_SET, a folder of PDFs: the peers' unruled tables), one process per file for kaitei.
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
TOOLS = os.environ.get(
    "BENCH_TOOLS",
    "kaitei,kaitei-1core,kaitei-lattice,pdfplumber,pdfplumber-text,camelot,camelot-stream").split(",")
STAGES = os.environ.get("KAITEI_STAGES", "")
# More files for the instruction counts of the stages (e.g. a page where the text refines a grid).
STAGE_EXTRA = [f for f in os.environ.get("STAGE_EXTRA", "").split() if f]
STREAM_SET = os.environ.get("BENCH_STREAM_SET", "")
LABELS = {"kaitei": "kaitei (auto)", "kaitei-1core": "kaitei (auto, taskset -c 0)",
          "kaitei-lattice": "kaitei --mode lattice", "camelot": "camelot lattice",
          "camelot-stream": "camelot stream", "pdfplumber": "pdfplumber extract_tables",
          "pdfplumber-text": "pdfplumber text strategy"}

PY_RUNNER = r'''
import sys, time, json
tool, path, npages = sys.argv[1], sys.argv[2], sys.argv[3]
if tool.startswith("pdfplumber"):
    import pdfplumber
    settings = {}
    if tool == "pdfplumber-text":
        settings = {"vertical_strategy": "text", "horizontal_strategy": "text"}
    t0 = time.perf_counter()
    n = 0
    tables = 0
    with pdfplumber.open(path) as pdf:
        for page in pdf.pages:
            tables += len(page.extract_tables(table_settings=settings))
            n += 1
            page.close()
else:
    import camelot
    t0 = time.perf_counter()
    pages = "all" if npages == "all" else "1-%s" % npages
    res = camelot.read_pdf(path, pages=pages, flavor="stream" if tool == "camelot-stream" else "lattice")
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
                if tool.startswith("kaitei"):
                    cmd = [kaitei, "tables", f, "--format", "json"]
                    if tool == "kaitei-lattice":
                        cmd += ["--mode", "lattice"]
                    if tool == "kaitei-1core":
                        cmd = ["taskset", "-c", "0"] + cmd
                        env["RAYON_NUM_THREADS"] = "1"
                    outp = os.path.join(os.path.dirname(runner), "kaitei-out.json")
                    wall, rss, rc, err = timed(cmd, env, outp)
                    if rc not in (0, 1):
                        note = "failed (exit %d: %s)" % (rc, (err.strip().splitlines() or [""])[-1][:80])
                        break
                    note = check_json(outp)
                    if note:
                        break
                    secs.append(wall)
                else:
                    npg = "all" if tool.startswith("pdfplumber") or CAMELOT_PAGES == "all" else str(min(int(CAMELOT_PAGES), npages))
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
        # ratios against kaitei (all cores) on the same file
        kp = base.get("kaitei")
        for i, r in enumerate(rows):
            if r[1] == f and len(r) == 7:
                ratio = (kp / r[4]) if (kp and r[4]) else None
                rows[i] = r + (ratio,)
    print()
    print("| tool | file | pages | seconds (median of %d) | pages/s | peak MB | kaitei speed-up |" % RUNS)
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
    if STAGES:
        stages(files)
        if os.environ.get("STAGE_COUNT") == "callgrind" and shutil.which("valgrind"):
            stages_callgrind(files + STAGE_EXTRA)
    if STREAM_SET:
        stream_set(kaitei, py, runner)


def stages(files):
    """find_tables per mode on interpreted pages (examples/table_stages.rs)."""
    out = subprocess.run([STAGES] + list(files), capture_output=True, text=True)
    rows = [json.loads(l) for l in out.stdout.splitlines() if l.startswith("{")]
    if not rows:
        print("\ntable stages: no output (%s)" % out.stderr.strip()[-200:])
        return
    print()
    print("| file | pages | lattice ms | stream ms | auto ms | stream ÷ lattice |")
    print("|---|---:|---:|---:|---:|---:|")
    for r in rows:
        ratio = r["stream_ms"] / r["lattice_ms"] if r["lattice_ms"] > 0 else float("nan")
        print("| %s | %d | %.2f | %.2f | %.2f | %.2f |" % (
            os.path.basename(r["file"]), r["pages"], r["lattice_ms"], r["stream_ms"], r["auto_ms"], ratio))
    print()
    print("find_tables on pages already interpreted, one thread, least of %s runs taking the modes "
          "in turn (interpretation excluded)." % os.environ.get("STAGE_RUNS", "9"))


def stages_callgrind(files):
    """Instructions find_tables executes per mode (valgrind's count: the same on a busy machine),
    over the interpretation alone."""
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
    print("Instructions counted by valgrind (callgrind), one thread, one run per mode, less those of "
          "interpreting the pages.")


def stream_set(kaitei, py, runner):
    """Each tool's total time over a folder of PDFs (every page)."""
    pdfs = sorted(os.path.join(STREAM_SET, f) for f in os.listdir(STREAM_SET) if f.endswith(".pdf"))
    tools = [t for t in TOOLS if t != "kaitei-1core"]
    print()
    print("| tool | PDFs | pages | seconds (median of %d, summed over the files) |" % RUNS)
    print("|---|---:|---:|---:|")
    npages = {f: page_count(py, f) for f in pdfs}
    for tool in tools:
        total, pages, note = 0.0, 0, ""
        for f in pdfs:
            secs = []
            for _ in range(RUNS):
                if tool.startswith("kaitei"):
                    cmd = [kaitei, "tables", f, "--format", "json"]
                    if tool == "kaitei-lattice":
                        cmd += ["--mode", "lattice"]
                    wall, _, rc, err = timed(cmd)
                    if rc not in (0, 1):
                        note = "failed on %s" % os.path.basename(f)
                        break
                    secs.append(wall)
                else:
                    wall, _, rc, err = timed([py, runner, tool, f, "all"])
                    if rc != 0:
                        note = "failed on %s" % os.path.basename(f)
                        break
                    info = json.loads([l for l in err.splitlines() if l.startswith("{")][-1])
                    secs.append(info["seconds"])
            if note:
                break
            total += statistics.median(secs)
            pages += npages[f]
        label = LABELS.get(tool, tool)
        if note:
            print("| %s | %d | | %s |" % (label, len(pdfs), note))
        else:
            print("| %s | %d | %d | %.3f |" % (label, len(pdfs), pages, total))
    print()
    print("kaitei: whole process per file; Python tools: in-process time, start-up and imports excluded.")


if __name__ == "__main__":
    main()

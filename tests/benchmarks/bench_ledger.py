"""Benchmark the ledger path: stage by stage, the whole run, and DuckDB's bare GROUP BY.

    .venv/bin/pip install -e '.[bench]'
    .venv/bin/python tests/benchmarks/bench_ledger.py [--repeat N] 100000 1000000 10000000

For each size it writes the generated IMDi 2023 ledger as CSV, then (each in a
fresh process, so peak memory is the stage's own process high-water mark):
the stages of `avstem check --ledger` in one process, timed at the stage
boundaries with the peak RSS reached inside each stage; the whole command
(`avstem check … --ledger … --json`) as a subprocess; and DuckDB's
`SELECT kapittel, post, sum(amount) … GROUP BY` over the same CSV (amounts
parsed from the decimal comma). With ``--repeat N`` each of the three runs N
times, interleaved (so avstem and DuckDB share whatever else loads the
machine), and every cell is the median. The "quality" stage includes
great-expectations' ~2 s import. Not collected by pytest (no test_ prefix).
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PY = sys.executable
sys.path.insert(0, str(ROOT))


def rss_sampler():
    """Peak RSS (MiB) since the last reset, sampled every 5 ms from /proc."""
    state = {"peak": 0, "stop": False}

    def loop():
        while not state["stop"]:
            with open("/proc/self/status") as fh:
                for line in fh:
                    if line.startswith("VmRSS:"):
                        state["peak"] = max(state["peak"], int(line.split()[1]) // 1024)
            time.sleep(0.005)

    threading.Thread(target=loop, daemon=True).start()
    return state


def stages(csv: str) -> dict:
    """Run the pipeline's stages in this process; wall time and peak RSS of each."""
    from ledger.forms.yaml_form.read import read_yaml
    from ledger.general_ledger.importer import import_ledger
    from rules.engine import run

    state = rss_sampler()
    marks = []

    def mark(name):
        marks.append((name, time.perf_counter(), state["peak"]))
        state["peak"] = 0

    accounts = read_yaml(str(ROOT / "fixtures" / "imdi-2023.yaml"))
    names = {"reading": "read", "parsing": "parse", "checking": "quality", "deriving": "derive"}
    mark("start")
    ledger = import_ledger(csv, year=accounts.year,
                           progress=lambda m: mark(names[m.split()[0]]) if m.split()[0] in names else None)
    mark("rules")
    result = run(accounts, ledger=ledger)
    mark("report")
    import datetime

    from avstem.pipeline import CheckRequest  # noqa: F401 - the writer below is the command's own
    from reports import json_report
    from reports.outcome import Outcome
    from rules.findings import Severity
    from rules.registry import load_catalogue
    outcome = Outcome(accounts=accounts, findings=result.findings, rules=load_catalogue(),
                      rules_run=result.rules_run, rules_skipped=result.rules_skipped, fail_on=Severity.ERROR,
                      inputs=(), generated_at=datetime.datetime.now(datetime.timezone.utc), version="bench",
                      catalogue_version="bench", ledger=ledger.info, year=ledger.year)
    Path(tempfile.mktemp(suffix=".json")).write_text(json_report.dumps(outcome, "en"))
    mark("end")
    out, errors = {}, sum(1 for f in result.findings if f.severity.label == "error")
    # a stage runs from its mark to the next; its peak is the peak recorded at the next mark
    for (name, t0, _), (_, t1, peak) in zip(marks[1:], marks[2:]):
        out[name] = (t1 - t0, peak)
    merged = {"read": out["read"], "quality": out["quality"], "derive": out["derive"], "rules": out["rules"],
              "report": out["report"]}
    # parsing the amounts and mapping accounts belongs to reading the ledger
    merged["read"] = (out["read"][0] + out["parse"][0], max(out["read"][1], out["parse"][1]))
    return {"stages": merged, "errors": errors}


def timed(cmd: list[str]) -> tuple[float, int]:
    """Wall time and peak RSS (MiB) of one child process (wait4: that child's own rusage)."""
    t0 = time.perf_counter()
    child = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=ROOT)
    _, status, usage = os.wait4(child.pid, 0)
    child.returncode = os.waitstatus_to_exitcode(status)
    if child.returncode not in (0, 1):
        raise RuntimeError(f"{cmd} exited {child.returncode}")
    return time.perf_counter() - t0, usage.ru_maxrss // 1024


DUCKDB = """
import duckdb, sys
con = duckdb.connect()
rows = con.execute(\"\"\"SELECT Kapittel, Post, sum(CAST(replace(\"Beløp\", ',', '.') AS DECIMAL(18,2)))
FROM read_csv(?, delim=';', header=true, all_varchar=true) GROUP BY Kapittel, Post\"\"\", [sys.argv[1]]).fetchall()
print(len(rows))
"""


def median(pairs: list) -> tuple[float, int]:
    """The median time and the median peak memory of repeated runs."""
    return statistics.median(t for t, _ in pairs), int(statistics.median(m for _, m in pairs))


def main(sizes: list[int], repeat: int = 1) -> None:
    work = Path(tempfile.mkdtemp(prefix="avstem-bench-"))
    table = []
    loads = [os.getloadavg()[0]]
    for n in sizes:
        csv = work / f"ledger-{n}.csv"
        # in a child: a fork copies this process's memory, and exec keeps its high-water mark in the
        # child's ru_maxrss — generating 10^7 lines here would inflate every peak measured after it
        subprocess.run([PY, "fixtures/make_ledger.py", "--lines", str(n), "--out", str(csv)], check=True, cwd=ROOT,
                       capture_output=True)
        runs = []
        for _ in range(repeat):
            staged = json.loads(subprocess.run([PY, __file__, "--stages", str(csv)], check=True,
                                               capture_output=True, text=True, cwd=ROOT).stdout)
            whole = timed([PY, "-m", "avstem", "check", "fixtures/imdi-2023.yaml", "--ledger", str(csv),
                           "--json", str(work / "out.json")])
            duck = timed([PY, "-c", DUCKDB, str(csv)])
            runs.append((staged["stages"], whole, duck))
            loads.append(os.getloadavg()[0])
        staged = {name: median([r[0][name] for r in runs]) for name in runs[0][0]}
        table.append((n, csv.stat().st_size, staged, median([r[1] for r in runs]), median([r[2] for r in runs])))
        csv.unlink()
        print(f"{n}: done", file=sys.stderr)
    print("| lines | CSV | read | quality (GX) | derive | rules | report (JSON) | whole run | DuckDB GROUP BY | ratio |")
    print("|---:|---:|---|---|---|---|---|---|---|---:|")
    for n, size, staged, whole, duck in table:
        cells = [f"{t:.2f} s / {m} MiB" for t, m in staged.values()]
        print(f"| {n:,} | {size >> 20} MiB | " + " | ".join(cells) + f" | {whole[0]:.2f} s / {whole[1]} MiB | "
              f"{duck[0]:.2f} s / {duck[1]} MiB | {whole[0] / duck[0]:.1f}× |")
    print(f"\n{'Median of ' + str(repeat) + ' runs' if repeat > 1 else 'One run'} per cell; {os.cpu_count()} cores; "
          f"1-minute load average {min(loads):.1f}–{max(loads):.1f} during the runs.")


if __name__ == "__main__":
    if sys.argv[1:2] == ["--stages"]:
        print(json.dumps(stages(sys.argv[2])))
    else:
        args = sys.argv[1:]
        repeat = int(args.pop(args.index("--repeat") + 1)) if "--repeat" in args else 1
        args = [a for a in args if a != "--repeat"]
        main([int(a) for a in args] or [100_000, 1_000_000, 10_000_000], repeat)

"""Benchmark the ledger path: stage by stage, the whole run, DuckDB's bare GROUP BY, and Spark.

    .venv/bin/python tests/benchmarks/bench_ledger.py [--repeat N] [--spark 100000,1000000] [--baseline DIR] \\
        [--journal | --without-motkonto] 100000 1000000 10000000
    .venv/bin/python tests/benchmarks/bench_ledger.py 100000000          # ~6.5 GB of CSV: check `df -h` first

For each size it writes the generated IMDi 2023 ledger as CSV (``--journal``:
fixtures/make_journal.py's, with balanced vouchers and every optional column
the journal-entry tests read; ``--without-motkonto``: the same without
Motkonto; above 10^7
lines in chunks of 10^7 with different seeds, so it is not one ledger
repeated), then runs, each in a fresh process and interleaved ``--repeat``
times (so avstem and DuckDB share whatever else loads the machine):

* the stages of `avstem check --ledger` in one process, timed at the
  import's progress messages, with the peak RSS reached inside each stage:
  *read* (the engine reads the CSV), *values* (distinct values, amounts
  parsed, one group per account/kapittel/post/period), *derive*, *quality*
  (great-expectations on the distinct values, whatever is left of its
  import, and the duplicate check), *je* (the journal-entry tests'
  queries, ledger/general_ledger/journal.py), *rules*, *report* (JSON);
  and what the journal-entry tests add (*je +*): the total of the stages
  against their total in a run without the tests (whatever the tests cost
  outside their own stage counts too);
* the whole command (`avstem check … --ledger … --json`) as a subprocess;
* DuckDB's bare ``SELECT Kapittel, Post, sum(amount) … GROUP BY`` over the
  same CSV (amounts cast from the decimal comma);
* with ``--spark``, at the sizes listed, the whole command with
  ``--engine spark`` (local mode, every core), run by ``$AVSTEM_SPARK_PYTHON``
  if set (an environment with the spark extra);
* with ``--baseline DIR``, the whole command from another checkout (main
  before a change: ``git archive main | tar -x -C DIR``), so before and
  after are measured under the same load.

Every cell is the median of the repeats; peak memory is the largest RSS of
the process and its children (the JVM, for Spark), sampled every 20 ms. The
1-minute load average is read at every run and printed per row. Not collected
by pytest (no test_ prefix).
"""

from __future__ import annotations

import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PY = sys.executable
#: The interpreter of the Spark rows: one with the spark extra (pyspark slows great-expectations' import where it is
#: installed, so the other rows may run without it).
SPARK_PY = os.environ.get("AVSTEM_SPARK_PYTHON", PY)
sys.path.insert(0, str(ROOT))
CHUNK = 10_000_000
STAGES = ("read", "values", "derive", "quality", "je", "rules", "report")


def _rss(pid: int) -> int:
    """RSS (KiB) of a process and all its descendants."""
    total, stack = 0, [pid]
    while stack:
        p = stack.pop()
        try:
            with open(f"/proc/{p}/status") as fh:
                total += next((int(line.split()[1]) for line in fh if line.startswith("VmRSS:")), 0)
            for task in os.listdir(f"/proc/{p}/task"):
                with open(f"/proc/{p}/task/{task}/children") as fh:
                    stack += [int(c) for c in fh.read().split()]
        except (FileNotFoundError, ProcessLookupError):
            continue
    return total


class Sampler:
    """Peak RSS (MiB) of a process tree since the last reset, sampled every 20 ms."""

    def __init__(self, pid: int):
        self.pid, self.peak, self.stop = pid, 0, False
        self.thread = threading.Thread(target=self._loop, daemon=True)
        self.thread.start()

    def _loop(self):
        while not self.stop:
            self.peak = max(self.peak, _rss(self.pid) // 1024)
            time.sleep(0.02)

    def take(self) -> int:
        peak, self.peak = max(self.peak, _rss(self.pid) // 1024), 0
        return peak


def stages(csv: str, journal: bool = True) -> dict:
    """Run the pipeline's stages in this process; wall time and peak RSS of each (``journal``: with the
    journal-entry tests; without them their stage is 0)."""
    from ledger.forms.yaml_form.read import read_yaml
    from ledger.general_ledger.importer import import_ledger
    from rules.engine import run

    sampler = Sampler(os.getpid())
    marks = []

    def mark(name):
        marks.append((name, time.perf_counter(), sampler.take()))

    accounts = read_yaml(str(ROOT / "fixtures" / "imdi-2023.yaml"))
    from rules.catalogue.je import journal_parameters
    from rules.parameters import default_parameters

    names = {"reading": "read", "parsing": "values", "deriving": "derive", "checking": "quality",
             "journal-entry": "je"}
    mark("start")
    ledger = import_ledger(csv, year=accounts.year,
                           progress=lambda m: mark(names[m.split()[0]]) if m.split()[0] in names else None,
                           journal=(lambda year: journal_parameters(default_parameters(), year)) if journal else None)
    mark("rules")
    result = run(accounts, ledger=ledger)
    mark("report")
    import datetime

    from reports import json_report
    from reports.outcome import Outcome
    from rules.findings import Severity
    from rules.registry import load_catalogue
    outcome = Outcome(accounts=accounts, findings=result.findings, rules=load_catalogue(),
                      rules_run=result.rules_run, rules_skipped=result.rules_skipped, fail_on=Severity.ERROR,
                      inputs=(), generated_at=datetime.datetime.now(datetime.timezone.utc), version="bench",
                      catalogue_version="bench", ledger=ledger.info, year=ledger.year)
    with tempfile.NamedTemporaryFile("w", suffix=".json") as out:
        out.write(json_report.dumps(outcome, "en"))
    mark("end")
    # a stage runs from its mark to the next; its peak is the peak recorded at the next mark
    out = {name: (t1 - t0, peak) for (name, t0, _), (_, t1, peak) in zip(marks[1:], marks[2:])}
    return {"stages": {name: out.get(name, (0.0, 0)) for name in STAGES}}


def timed(cmd: list[str], cwd: Path = ROOT) -> tuple[float, int, float]:
    """Wall time, peak RSS (MiB) and CPU time (user + system, s) of a child process and its own children."""
    t0 = time.perf_counter()
    child = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, cwd=cwd)
    sampler = Sampler(child.pid)
    _, status, usage = os.wait4(child.pid, 0)
    elapsed = time.perf_counter() - t0
    sampler.stop = True
    code = os.waitstatus_to_exitcode(status)
    if code not in (0, 1):
        raise RuntimeError(f"{cmd} exited {code}: {child.stderr.read().decode()[-2000:]}")
    return elapsed, max(sampler.peak, usage.ru_maxrss // 1024), usage.ru_utime + usage.ru_stime


DUCKDB = """
import duckdb, sys
con = duckdb.connect()
rows = con.execute(\"\"\"SELECT Kapittel, Post, sum(CAST(replace(\"Beløp\", ',', '.') AS DECIMAL(18,2)))
FROM read_csv(?, delim=';', header=true, all_varchar=true) GROUP BY Kapittel, Post\"\"\", [sys.argv[1]]).fetchall()
print(len(rows))
"""


def generate(n: int, csv: Path, generator: tuple[str, ...] = ("fixtures/make_ledger.py",)) -> None:
    """The IMDi ledger of n lines; above 10^7 lines, chunks of 10^7 (a seed each) under one heading. In
    children: a fork would carry this process's memory into every peak measured after it."""
    if n <= CHUNK:
        subprocess.run([PY, *generator, "--lines", str(n), "--out", str(csv)], check=True, cwd=ROOT,
                       capture_output=True)
        return
    part = csv.with_suffix(".part.csv")
    with open(csv, "wb") as out:
        for i in range((n + CHUNK - 1) // CHUNK):
            lines = min(CHUNK, n - i * CHUNK)
            subprocess.run([PY, *generator, "--lines", str(lines), "--seed", str(2023 + i), "--out",
                            str(part)], check=True, cwd=ROOT, capture_output=True)
            with open(part, "rb") as fh:
                heading = fh.readline()
                if i == 0:
                    out.write(heading)
                shutil.copyfileobj(fh, out, 1 << 24)
            part.unlink()
            print(f"  generated {(i * CHUNK + lines):,} lines", file=sys.stderr)


def median(runs: list) -> tuple:
    """The median of each measure (time, peak memory, CPU time) over repeated runs."""
    return tuple(statistics.median(r[i] for r in runs) for i in range(len(runs[0])))


def main(sizes: list[int], repeat: int = 1, spark: tuple[int, ...] = (), baseline: Path | None = None,
         generator: tuple[str, ...] = ("fixtures/make_ledger.py",)) -> None:
    work = Path(tempfile.mkdtemp(prefix="avstem-bench-"))
    rows = []
    accounts = "fixtures/imdi-2023.yaml"
    for n in sizes:
        csv = work / f"ledger-{n}.csv"
        generate(n, csv, generator)
        runs, loads = [], []
        for _ in range(repeat):
            loads.append(os.getloadavg()[0])
            staged = json.loads(subprocess.run([PY, __file__, "--stages", str(csv)], check=True,
                                               capture_output=True, text=True, cwd=ROOT).stdout)
            loads.append(os.getloadavg()[0])
            # the same stages without the journal-entry tests: what they add is the difference of the totals, so
            # whatever they cost outside their own stage counts too
            bare = json.loads(subprocess.run([PY, __file__, "--stages", str(csv), "--no-journal"], check=True,
                                             capture_output=True, text=True, cwd=ROOT).stdout)
            staged["without"] = sum(t for t, _ in bare["stages"].values())
            loads.append(os.getloadavg()[0])
            whole = timed([PY, "-m", "avstem", "check", accounts, "--ledger", str(csv), "--json", str(work / "o.json")])
            loads.append(os.getloadavg()[0])
            duck = timed([PY, "-c", DUCKDB, str(csv)])
            loads.append(os.getloadavg()[0])
            before = None
            if baseline:  # the same command from another checkout (main before a change), in the same conditions
                before = timed([PY, "-m", "avstem", "check", accounts, "--ledger", str(csv), "--json",
                                str(work / "o.json")], cwd=baseline)
                loads.append(os.getloadavg()[0])
            on_spark = None
            if n in spark:
                on_spark = timed([SPARK_PY, "-m", "avstem", "check", accounts, "--ledger", str(csv), "--engine", "spark",
                                  "--json", str(work / "o.json")])
                loads.append(os.getloadavg()[0])
            runs.append((staged, whole, duck, on_spark, before))
        without = statistics.median(r[0]["without"] for r in runs)
        with_ = statistics.median(sum(t for t, _ in r[0]["stages"].values()) for r in runs)
        staged = {name: median([r[0]["stages"][name] for r in runs]) for name in STAGES}
        on_spark = median([r[3] for r in runs]) if n in spark else None
        before = median([r[4] for r in runs]) if baseline else None
        rows.append((n, csv.stat().st_size, staged, median([r[1] for r in runs]), median([r[2] for r in runs]),
                     on_spark, before, (min(loads), max(loads)), (with_, without)))
        csv.unlink()
        print(f"{n}: done", file=sys.stderr)
    shutil.rmtree(work, ignore_errors=True)
    print("| lines | CSV | " + " | ".join(STAGES) + " | je + | whole run | DuckDB GROUP BY | ratio (wall, CPU) | "
          + ("before | " if baseline else "") + "Spark (whole run) | load |")
    print("|---:|---:|" + "---|" * len(STAGES) + "---:|---|---|---|" + ("---|" if baseline else "") + "---|---|")
    for n, size, staged, whole, duck, on_spark, before, (low, high), (with_, without) in rows:
        cells = [f"{t:.2f} s / {int(m)} MiB" for t, m in staged.values()]
        # what the journal-entry tests add: every stage with them against every stage without them
        cells.append(f"{100 * (with_ - without) / without:.0f} % ({with_:.1f} s against {without:.1f} s)")
        sparked = f"{on_spark[0]:.1f} s / {int(on_spark[1])} MiB" if on_spark else "–"
        was = (f"{before[0]:.2f} s / {int(before[1])} MiB ({before[0] / duck[0]:.1f}×, {before[2] / duck[2]:.1f}×) | "
               if before else "")
        print(f"| {n:,} | {size >> 20} MiB | " + " | ".join(cells) + f" | {whole[0]:.2f} s / {int(whole[1])} MiB "
              f"(CPU {whole[2]:.1f} s) | {duck[0]:.2f} s / {int(duck[1])} MiB (CPU {duck[2]:.1f} s) | "
              f"{whole[0] / duck[0]:.1f}×, {whole[2] / duck[2]:.1f}× | {was}{sparked} | {low:.1f}–{high:.1f} |")
    print(f"\n{'Median of ' + str(repeat) + ' runs' if repeat > 1 else 'One run'} per cell; {os.cpu_count()} cores; "
          "time / peak memory; CPU: user + system seconds of the process and its children; load: the 1-minute "
          "load average during the row's runs" + (f"; before: the same command from {baseline}" if baseline else "")
          + ".")


if __name__ == "__main__":
    if sys.argv[1:2] == ["--stages"]:
        print(json.dumps(stages(sys.argv[2], journal="--no-journal" not in sys.argv)))
    else:
        args = sys.argv[1:]
        repeat = int(args.pop(args.index("--repeat") + 1)) if "--repeat" in args else 1
        args = [a for a in args if a != "--repeat"]
        spark, baseline = (), None
        if "--baseline" in args:
            baseline = Path(args.pop(args.index("--baseline") + 1)).resolve()
            args.remove("--baseline")
        if "--spark" in args:
            spark = tuple(int(s) for s in args.pop(args.index("--spark") + 1).split(","))
            args.remove("--spark")
        if {"-h", "--help"} & set(args):
            print(__doc__)
            sys.exit(0)
        generator = ("fixtures/make_ledger.py",)
        if "--journal" in args:  # the realistic ledger: balanced vouchers, every optional column, Motkonto
            generator = ("fixtures/make_journal.py",)
            args.remove("--journal")
        if "--without-motkonto" in args:  # … as exported by a system that has no Motkonto
            generator = ("fixtures/make_journal.py", "--without", "Motkonto")
            args.remove("--without-motkonto")
        main([int(a) for a in args] or [100_000, 1_000_000, 10_000_000], repeat, spark, baseline, generator)

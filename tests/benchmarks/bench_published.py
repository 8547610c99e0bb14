"""Time reading a long published annual report: the IMDi statements typeset into a PDF padded with pages of
text (fixtures/build_pdfs.py), read by avstem's published-report reader. Not part of the test run.

    .venv/bin/python tests/benchmarks/bench_published.py [--padding 145] [--repeat 3]
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path[:0] = [str(ROOT), str(ROOT / "fixtures")]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--padding", type=int, default=145, help="pages of text before part 6 (default 145)")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    import build_pdfs

    from ledger.forms.published import read_published

    with tempfile.TemporaryDirectory() as folder:
        pdf = Path(folder) / "long.pdf"
        build_pdfs.typeset(pdf, padding=args.padding)
        times = []
        for _ in range(args.repeat):
            started = time.perf_counter()
            accounts = read_published(str(pdf))
            times.append(time.perf_counter() - started)
    print(f"pages read: {accounts.published.pages}; median {statistics.median(times):.2f} s of {args.repeat} "
          f"(min {min(times):.2f} s); load average {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()

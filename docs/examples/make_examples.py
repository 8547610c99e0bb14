"""Regenerate the example reports in this folder.

    .venv/bin/python docs/examples/make_examples.py            # the workbooks, HTML, JUnit and GitLab files
    .venv/bin/python docs/examples/make_examples.py --png      # and the PNG pictures

Run it from anywhere; it works from the repository root so that the report
names the input as ``fixtures/imdi-2023.yaml``. ``SOURCE_DATE_EPOCH`` is fixed
(15 March 2024, the day the accounts were due), so the workbooks are
byte-for-byte reproducible. The pictures need LibreOffice (``soffice``),
``pdftoppm`` and Chromium (Debian: ``libreoffice-calc-nogui poppler-utils
chromium``; the ``fonts-crosextra-carlito`` font makes Calibri's widths right).
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
HERE = Path(__file__).resolve().parent
ACCOUNTS = "fixtures/imdi-2023.yaml"
PRIOR = "fixtures/imdi-2022-comparatives.yaml"  # last year's comparatives: the PY rules
#: IMDi's generated ledger (fixtures/make_journal.py, 10 000 lines, nothing planted): the DQ, LG and JE rules, the
#: lead schedule and the journal-entry sheet read it. Written again only when the generator's output changes.
LEDGER = "docs/examples/imdi-2023-ledger.csv"
LEDGER_LINES = 10_000
CONFIG = "docs/examples/avstem.toml"  # one accepted deviation
#: What every example is checked with, from the repository root (tests/conftest.py's "examples" outputs too).
OPTIONS = ("--prior", PRIOR, "--ledger", LEDGER, "--config", CONFIG)
EPOCH = "1710460800"  # 2024-03-15T00:00:00Z
LANGUAGES = ("nb", "nn", "en")
PICTURED = ("summary", "findings", "appropriation", "chart", "lead", "journal")  # the sheets shown as PNG
PICTURED_LANGUAGES = LANGUAGES


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--png", action="store_true", help="also render PNGs of the summary and findings sheets")
    args = parser.parse_args()
    env = {**os.environ, "SOURCE_DATE_EPOCH": EPOCH}
    write_ledger()
    for lang in LANGUAGES:
        report = HERE / f"imdi-2023-audit-{lang}.xlsx"
        html = HERE / f"imdi-2023-report-{lang}.html"
        command = [sys.executable, "-m", "avstem", "check", ACCOUNTS, *OPTIONS, "--lang", lang,
                   "--report", str(report.relative_to(ROOT)), "--html", str(html.relative_to(ROOT))]
        if lang == "en":
            command += ["--junit", str((HERE / "imdi-2023-junit.xml").relative_to(ROOT)),
                        "--gitlab", str((HERE / "imdi-2023-gl-code-quality.json").relative_to(ROOT))]
        subprocess.run(command, cwd=ROOT, env=env, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        print(f"wrote {report.relative_to(ROOT)}, {html.relative_to(ROOT)}")
        if args.png and lang in PICTURED_LANGUAGES:
            render(report, lang)
            screenshot(html, lang)
    return 0


def screenshot(html: Path, lang: str) -> None:
    """The HTML report's first screen, as headless Chromium shows it (Debian's ``chromium``)."""
    png = HERE / f"imdi-2023-html-{lang}.png"
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run([shutil.which("chromium") or "chromium", "--headless", "--no-sandbox", "--disable-gpu",
                        "--no-first-run", "--disable-background-networking", "--disable-component-update",
                        "--disable-sync", f"--user-data-dir={tmp}", "--hide-scrollbars", "--window-size=1400,1800",
                        f"--screenshot={png}", html.as_uri()],
                       check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    print(f"wrote {png.relative_to(ROOT)}")


def write_ledger() -> None:
    sys.path.insert(0, str(ROOT))
    from fixtures import make_journal

    path = ROOT / LEDGER
    fresh = path.with_suffix(".new")
    make_journal.write(make_journal.generate(LEDGER_LINES), fresh)
    if path.exists() and path.read_bytes() == fresh.read_bytes():
        fresh.unlink()
        return
    fresh.replace(path)
    print(f"wrote {LEDGER}")


def render(report: Path, lang: str) -> None:
    """LibreOffice → PDF → one PNG per pictured sheet (its first page)."""
    sys.path.insert(0, str(ROOT))
    from reports.i18n import label

    with tempfile.TemporaryDirectory() as tmp:
        profile = Path(tmp, "profile").as_uri()
        subprocess.run(["soffice", "--headless", "--norestore", f"-env:UserInstallation={profile}",
                        "--convert-to", "pdf", "--outdir", tmp, str(report)],
                       check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        pdf = Path(tmp, report.with_suffix(".pdf").name)
        pages = _page_headers(pdf)
        for sheet in PICTURED:
            name = label(f"sheet.{sheet}", lang)
            # the chart sheet's table comes first, its chart on the last page: picture the chart
            page = (len(pages) - pages[::-1].index(name)) if sheet == "chart" else pages.index(name) + 1
            stem = HERE / f"imdi-2023-{sheet}-{lang}"
            subprocess.run(["pdftoppm", "-png", "-r", "130", "-singlefile", "-f", str(page), "-l", str(page),
                            str(pdf), str(stem)], check=True)
            print(f"wrote {stem.relative_to(ROOT)}.png")


def _page_headers(pdf: Path) -> list[str]:
    """The page header of every page: the sheet's name (see reports.xlsx.styles.page_setup)."""
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], check=True, capture_output=True,
                          text=True).stdout
    return [page.strip().splitlines()[0].strip() if page.strip() else "" for page in text.split("\f")]


if __name__ == "__main__":
    if shutil.which("soffice") is None and "--png" in sys.argv:
        sys.exit("make_examples: --png needs LibreOffice (soffice) on PATH")
    sys.exit(main())

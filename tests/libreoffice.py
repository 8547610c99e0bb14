"""LibreOffice as the tests' oracle for formulas: it computes every workbook it is given, in one call.

Starting ``soffice`` is most of a conversion's time (2–4 s on this machine, against a fraction of a second
per workbook), so the session converts all the workbooks its tests need at once: the ``libreoffice``
fixture in conftest.py. It needs ``soffice`` (Debian: ``apt-get install -y --no-install-recommends
libreoffice-calc-nogui``; ``.ci/run`` installs it) and fails, rather than skips, without it.
"""

from __future__ import annotations

import csv
import shutil
import subprocess
import time
from pathlib import Path

import pytest

from fixtures.build_workbooks import recalculating_profile

# CSV, comma-separated, UTF-8, raw values (not as shown), every sheet (the final -1).
_CSV = "csv:Text - txt - csv (StarCalc):44,34,UTF8,1,,0,false,true,false,false,false,-1"

Sheets = dict[str, list[list[str]]]


def soffice() -> str:
    found = shutil.which("soffice") or shutil.which("libreoffice")
    if found is None:
        pytest.fail("LibreOffice is needed to recompute the workbooks' formulas: "
                    "apt-get install -y --no-install-recommends libreoffice-calc-nogui "
                    "(or leave the slow tests out: pytest -m 'not slow')")
    return found


def recalculate(workbooks: dict[str, Path], folder: Path) -> dict[str, Sheets]:
    """Every sheet of each workbook, by the workbook's name and the sheet's, as rows of CSV text (raw values,
    from A1), with every formula recalculated on load (cached values ignored): one ``soffice`` call."""
    names = sorted(workbooks)
    assert all(name.isalnum() and not other.startswith(name) for name in names for other in names
               if other != name), "the names must not be prefixes of each other: the CSV files are NAME-SHEET.csv"
    given = folder / "in"
    given.mkdir()
    for name, path in workbooks.items():
        shutil.copyfile(path, given / f"{name}.xlsx")  # a copy: the workbooks may be shared
    profile = recalculating_profile(folder / "profile")
    started = time.perf_counter()
    result = subprocess.run(
        [soffice(), "--headless", "--norestore", f"-env:UserInstallation={profile.as_uri()}",
         "--convert-to", _CSV, "--outdir", str(folder / "csv"), *(str(given / f"{name}.xlsx") for name in names)],
        capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    print(f"LibreOffice recalculated {len(names)} workbooks in {time.perf_counter() - started:.1f} s")
    return {name: _sheets(folder / "csv", name) for name in names}


def _sheets(folder: Path, stem: str) -> Sheets:
    sheets = {}
    for path in folder.glob(f"{stem}-*.csv"):
        with path.open(encoding="utf-8", newline="") as fh:
            sheets[path.stem.removeprefix(f"{stem}-")] = list(csv.reader(fh))
    assert sheets, f"LibreOffice wrote no sheet of {stem}.xlsx"
    return sheets


def to_pdf(workbooks: dict[str, Path], folder: Path) -> dict[str, Path]:
    """Each workbook printed to PDF as LibreOffice prints it (every sheet, its own page setup): one call."""
    given = folder / "in"
    given.mkdir()
    for name, path in workbooks.items():
        shutil.copyfile(path, given / f"{name}.xlsx")
    profile = recalculating_profile(folder / "profile")
    result = subprocess.run(
        [soffice(), "--headless", "--norestore", f"-env:UserInstallation={profile.as_uri()}",
         "--convert-to", "pdf", "--outdir", str(folder / "pdf"), *(str(given / f"{name}.xlsx") for name in workbooks)],
        capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    return {name: folder / "pdf" / f"{name}.pdf" for name in workbooks}

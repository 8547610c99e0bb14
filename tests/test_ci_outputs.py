"""Outputs for CI (issue 16, point 13): GitHub annotations and job summary, a GitLab code-quality report, and a
single-file HTML report that a browser (headless Chromium, Debian's `chromium`) opens offline."""

from __future__ import annotations

import json
import re
import shutil
import subprocess

import pytest

from avstem.cli import main
from tests.helpers import IMDI, ROOT

DEVIATION = '''[[deviation]]
rule = "OS-01"
key = "0671.21"
year = 2023
reason = "Dekkes inn ved innsparing i 2024"
approved_by = "Økonomidirektør"
date = 2024-02-14
'''


def run_cli(capsys, *args):
    code = main([str(a) for a in args])
    out, err = capsys.readouterr()
    return code, out, err


def test_github_annotations_and_job_summary(capsys, monkeypatch, tmp_path):
    summary = tmp_path / "summary.md"
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    monkeypatch.setenv("GITHUB_WORKSPACE", str(ROOT))
    code, out, _ = run_cli(capsys, "check", ROOT / IMDI, "--lang", "en")
    assert code == 0
    commands = [line for line in out.splitlines() if line.startswith("::")]
    assert len(commands) == 6, "one per warning; notes (rounding) are not annotated"
    assert "::warning file=fixtures/imdi-2023.yaml,line=25,title=OS-01 0671.21::0671.21: " in out
    text = summary.read_text(encoding="utf-8")
    assert text.startswith("### avstem: IMDi – annual accounts 2023")
    assert "**no errors** – 0 errors, 6 warnings" in text
    assert "| WARNING | OS-01 | `0671.21` |" in text and "12 notes (rounding and the like)" in text
    run_cli(capsys, "check", ROOT / IMDI, "--lang", "en")
    assert summary.read_text(encoding="utf-8").count("### avstem:") == 2, "appended, as several steps add up"


def test_no_annotations_outside_github(capsys, monkeypatch):
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
    _, out, _ = run_cli(capsys, "check", IMDI)
    assert "::warning" not in out


def test_github_escapes_the_workflow_command():
    from reports.github import _data, _property

    assert _data("50 %\nnext") == "50 %25%0Anext"
    assert _property("a:b,c") == "a%3Ab%2Cc"


def test_gitlab_code_quality(capsys, tmp_path):
    path = tmp_path / "gl-code-quality.json"
    config = tmp_path / "avstem.toml"
    config.write_text(DEVIATION, encoding="utf-8")
    code, _, _ = run_cli(capsys, "check", IMDI, "--gitlab", path, "--config", config, "--lang", "en")
    assert code == 0
    issues = json.loads(path.read_text(encoding="utf-8"))
    assert len(issues) == 18
    assert len({i["fingerprint"] for i in issues}) == len(issues)
    for i in issues:
        assert set(i) >= {"description", "check_name", "fingerprint", "severity", "location"}
        assert i["severity"] in {"info", "minor", "major", "critical", "blocker"}
        assert isinstance(i["location"]["lines"]["begin"], int) and i["location"]["path"]
    os01 = next(i for i in issues if i["check_name"] == "OS-01" and "0671.62" in i["description"])
    assert os01["severity"] == "minor" and os01["location"] == {"path": str(IMDI), "lines": {"begin": 29}}
    accepted = next(i for i in issues if i["check_name"] == "OS-01" and "0671.21:" in i["description"])
    assert accepted["severity"] == "info"
    run_cli(capsys, "check", IMDI, "--gitlab", tmp_path / "again.json", "--config", config, "--lang", "en")
    again = json.loads((tmp_path / "again.json").read_text(encoding="utf-8"))
    assert [i["fingerprint"] for i in again] == [i["fingerprint"] for i in issues], "stable from run to run"


@pytest.fixture(scope="module")
def html_report(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("html")
    config = tmp / "avstem.toml"
    config.write_text(DEVIATION, encoding="utf-8")
    path = tmp / "report.html"
    assert main(["check", str(IMDI), "--html", str(path), "--config", str(config), "--lang", "en"]) == 0
    return path


def test_html_is_one_offline_file_with_links_both_ways(html_report):
    text = html_report.read_text(encoding="utf-8")
    assert "default-src 'none'" in text
    assert not re.search(r"""(src|href)=["'](https?:)?//""", text), "nothing fetched from elsewhere"
    assert "<script" not in text
    # a finding links to its figure, the figure back to the finding
    row = re.search(r'<tr class="warning" id="(finding-\d+)">.*?0671\.62.*?</tr>', text).group(0)
    cell = re.search(r'href="#(sheet-\d+-[A-Z]+\d+)"', row).group(1)
    finding = re.search(r'id="(finding-\d+)"', row).group(1)
    figure = re.search(rf'<td id="{cell}"[^>]*>.*?</td>', text).group(0)
    assert f'href="#{finding}"' in figure and "OS-01" in figure and "warning" in figure
    # the accepted deviation: its own status and colour, its reason beside it
    accepted = re.search(r'<tr class="accepted"[^>]*>.*?</tr>', text).group(0)
    assert "accepted deviation" in accepted and "Dekkes inn ved innsparing i 2024" in accepted


def test_html_escapes_the_input(tmp_path, imdi_doc):
    from tests.helpers import edited, write_doc

    doc = write_doc(edited(imdi_doc, set={"agency.name": "<script>alert(1)</script> & Co"}), tmp_path / "a.yaml")
    path = tmp_path / "a.html"
    main(["check", str(doc), "--html", str(path)])
    text = path.read_text(encoding="utf-8")
    assert "<script>" not in text and "&lt;script&gt;alert(1)&lt;/script&gt; &amp; Co" in text


def _chromium() -> str | None:
    return shutil.which("chromium") or shutil.which("chromium-browser")


# CI installs Debian's chromium (tests/system-deps.sh), so there this test runs; it skips only where no Chromium is.
@pytest.mark.skipif(_chromium() is None, reason="no chromium (bash tests/system-deps.sh installs it)")
def test_html_renders_in_headless_chromium(html_report, tmp_path):
    flags = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
             "--disable-component-update", "--disable-sync", f"--user-data-dir={tmp_path / 'profile'}"]
    url = html_report.resolve().as_uri()
    dom = subprocess.run([_chromium(), *flags, "--dump-dom", url], capture_output=True, text=True, timeout=180)
    assert dom.returncode == 0, dom.stderr[-2000:]
    assert '<table class="findings">' in dom.stdout and "OS-01" in dom.stdout
    assert dom.stdout.count('<section class="sheet"') >= 10, "every statement and note"
    shot = tmp_path / "report.png"
    run = subprocess.run([_chromium(), *flags, "--window-size=1280,1600", f"--screenshot={shot}", url],
                         capture_output=True, text=True, timeout=180)
    assert run.returncode == 0, run.stderr[-2000:]
    data = shot.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and len(data) > 50_000, "a page with something on it"


_MEASURE = """<script>
window.addEventListener('load', function () {
  var page = document.documentElement, table = document.querySelector('table.findings');
  document.body.setAttribute('data-measure', JSON.stringify({
    viewport: page.clientWidth, page: page.scrollWidth,
    findings: Math.ceil(table.getBoundingClientRect().right)}));
});
</script>"""


@pytest.mark.skipif(_chromium() is None, reason="no chromium (bash tests/system-deps.sh installs it)")
def test_html_findings_fit_a_1400_pixel_window_in_chromium(tmp_path):
    """Long locations (a ledger deep in a CI workspace) and keys wrap inside their cells: at 1400 px the findings
    table is no wider than the window and the page does not scroll sideways (a wide statement scrolls in its
    own box). Measured by a script added to a copy of the report, its CSP (which forbids scripts) removed."""
    import html as html_module

    deep = tmp_path / "builds" / "agency-accounts-repository" / "workspace" / "general-ledger-exports" / "2023"
    deep.mkdir(parents=True)
    ledger = deep / "hovedbok-integrerings-og-mangfaldsdirektoratet-2023-endelig.csv"
    ledger.write_bytes((ROOT / "docs" / "examples" / "imdi-2023-ledger.csv").read_bytes())
    report = tmp_path / "report.html"
    assert main(["check", str(IMDI), "--prior", str(ROOT / "fixtures" / "imdi-2022-comparatives.yaml"),
                 "--ledger", str(ledger), "--html", str(report), "--no-config", "--lang", "nb"]) in (0, 1)
    text = report.read_text(encoding="utf-8")
    assert "hovedbok-integrerings-og-mangfaldsdirektoratet-2023-endelig.csv:" in text
    text = re.sub(r'<meta http-equiv="Content-Security-Policy"[^>]*>', "", text).replace("</body>",
                                                                                          _MEASURE + "</body>")
    measured = tmp_path / "measured.html"
    measured.write_text(text, encoding="utf-8")
    flags = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
             "--disable-component-update", "--disable-sync", f"--user-data-dir={tmp_path / 'profile'}",
             "--window-size=1400,1000"]
    dom = subprocess.run([_chromium(), *flags, "--dump-dom", measured.as_uri()], capture_output=True, text=True,
                         timeout=180)
    assert dom.returncode == 0, dom.stderr[-2000:]
    found = re.search(r'data-measure="([^"]*)"', dom.stdout)
    assert found, dom.stdout[-2000:]
    size = json.loads(html_module.unescape(found.group(1)))
    assert size["findings"] <= size["viewport"], size
    assert size["page"] <= size["viewport"], size


def test_html_findings_show_what_each_key_names(html_report):
    text = html_report.read_text(encoding="utf-8")
    assert "appropriation.<wbr>net_reported</a> — Net reported to the appropriation accounts" in text
    assert "chart.<wbr>operating_expenses_total[2022]</a> — Total operating payments" in text
    assert "0671.<wbr>21</a> — Spesielle driftsutgifter, kunnskapsutvikling" in text

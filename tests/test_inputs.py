"""The files a command's inputs name, alike for the portfolio run and for many ledgers (avstem/inputs.py)."""

from __future__ import annotations

from avstem import ledgers, portfolio


def test_folders_and_globs_name_the_same_files_for_both_commands(tmp_path):
    for name in ("b.csv", "a.csv", ".hidden.csv", "notes.md", "c.xlsx"):
        (tmp_path / name).write_text("x")
    (tmp_path / "sub.csv").mkdir()  # a folder matched by the glob is no file
    folder, glob = str(tmp_path), str(tmp_path / "*.csv")
    files, several = ledgers.expand([folder])
    assert files == [str(tmp_path / n) for n in ("a.csv", "b.csv", "c.xlsx")] and several  # sorted, no hidden
    assert ledgers.expand([glob]) == ([str(tmp_path / "a.csv"), str(tmp_path / "b.csv")], True)
    assert ledgers.expand([str(tmp_path / "b.csv"), glob])[0] == [str(tmp_path / "b.csv"), str(tmp_path / "a.csv")]
    assert ledgers.expand([str(tmp_path / "b.csv")]) == ([str(tmp_path / "b.csv")], False)
    assert portfolio.expand([folder]) == [str(tmp_path / "c.xlsx")]  # the portfolio's own suffixes
    # a glob that matches nothing: a row saying so in a portfolio, no ledger named (avstem ledger says so)
    nothing = str(tmp_path / "*.nothing")
    assert portfolio.expand([nothing]) == [nothing] and ledgers.expand([nothing]) == ([], True)

"""The files a command's inputs name: files as given, folders' files and globs' matches, in one way for every
command that takes several (`avstem check`'s portfolio run, `avstem ledger` over many ledgers).

Folders and files are asked of ``os.path`` (``isdir``, ``exists``), not of ``Path``: a name too long for the
file system is then no folder but one input, which the run refuses as such, where ``Path.is_dir`` raises."""

from __future__ import annotations

import glob
import os
from pathlib import Path
from typing import Sequence

_GLOB = set("*?[")


def is_glob(pattern: str) -> bool:
    """A pattern no file is called (``*.csv`` where no file has that name)."""
    return bool(_GLOB & set(pattern)) and not os.path.exists(pattern)


def names_several(patterns: Sequence[str], suffixes: tuple[str, ...]) -> bool:
    """Several inputs, a folder, or a glob: a run over many files (a summary even if one is found). A folder
    named like one of its files (``2023.xlsx/``) is one input, which the run refuses as such."""
    if len(patterns) > 1:
        return True
    if os.path.isdir(patterns[0]):
        return Path(patterns[0]).suffix.lower() not in suffixes
    return is_glob(patterns[0])


def expand(patterns: Sequence[str], suffixes: tuple[str, ...], keep_unmatched: bool = True) -> list[str]:
    """The files the patterns name, in the order given, each once: a file as given; a folder's files with one of
    ``suffixes`` (not descended into; hidden files left out) and a glob's matching files with one of them, each
    sorted by name. A glob that matches nothing is kept as a name (to become a row saying so), unless
    ``keep_unmatched`` is false."""
    out: list[str] = []
    for pattern in patterns:
        path = Path(pattern)
        if os.path.isdir(pattern):
            found = sorted(str(p) for p in path.iterdir()
                           if p.is_file() and p.suffix.lower() in suffixes and not p.name.startswith("."))
        elif is_glob(pattern):
            found = sorted(p for p in glob.glob(pattern, recursive=True)
                           if Path(p).is_file() and Path(p).suffix.lower() in suffixes)
            if not found and keep_unmatched:
                found = [pattern]
        else:
            found = [pattern]
        out += [f for f in found if f not in out]
    return out

"""Open an accounts file of any supported form, chosen by its extension."""

from __future__ import annotations

from pathlib import Path

from ledger.errors import InputError
from ledger.model import Accounts

FORMS = {".yaml": "yaml", ".yml": "yaml"}


def read_accounts(path: str | Path) -> Accounts:
    path = str(path)
    p = Path(path)
    if not p.exists():
        raise InputError(path, None, "no such file")
    if p.is_dir():
        raise InputError(path, None, "is a directory, not an accounts file")
    form = FORMS.get(p.suffix.lower())
    if form == "yaml":
        from ledger.yaml_form import read_yaml

        return read_yaml(path)
    known = ", ".join(sorted(FORMS))
    raise InputError(path, None, f"unknown accounts format {p.suffix or '(no extension)'!r}; avstem reads {known}")

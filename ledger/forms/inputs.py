"""Open the files avstem reads, each by its form: accounts, context, prior year."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from ledger.core.accounts import Accounts, PriorYear
from ledger.core.errors import InputError
from ledger.forms.merged_context import with_context
from ledger.guards.input_file import regular_file
from ledger.vocabulary.labels import msg

FORMS = {".yaml": "yaml", ".yml": "yaml", ".xlsx": "xlsx", ".xlsm": "xlsx",
         ".pdf": "published", ".txt": "published", ".text": "published"}


def _check_file(path: str) -> Path:
    regular_file(path)
    return Path(path)


def read_accounts(path: str | Path, context: str | Path | None = None, agency: str | None = None, *,
                  infer: bool = True) -> Accounts:
    """Read the accounts, and the context of the appropriations from its own file if given.

    ``agency`` is the name ``--agency`` gives (see :mod:`ledger.forms.identity` for when it counts). With
    ``infer`` (the default) the context is completed from what the accounts print, stated facts winning
    (:mod:`ledger.forms.merged_context`); without it, the context is only what was stated (for ``avstem
    convert``, which must not write inferred facts back as stated ones).
    """
    path = str(path)
    p = _check_file(path)
    accounts = _read_form(path, p, agency)
    if context is not None:
        from ledger.forms.yaml_form.read import read_context

        context = str(context)
        _check_file(context)
        if accounts.context is not None:
            raise InputError(context, None, msg("input.context.given_twice", accounts=path))
        accounts = replace(accounts, context=read_context(context, accounts.year))
    return with_context(accounts) if infer else accounts


def _read_form(path: str, p: Path, agency: str | None = None) -> Accounts:
    form = FORMS.get(p.suffix.lower())
    if form is None:
        known = ", ".join(sorted(FORMS))
        if not p.suffix:
            raise InputError(path, None, msg("input.file.no_extension", known=known))
        raise InputError(path, None, msg("input.file.unknown_format", suffix=p.suffix, known=known))
    if form == "xlsx":
        from ledger.forms.workbook import read_workbook

        return read_workbook(path, agency)
    if form == "published":  # the published annual report: PDF (pdfplumber, imported there) or its text
        from ledger.forms.published import read_published

        return read_published(path, agency)
    from ledger.forms.yaml_form.read import read_yaml

    return read_yaml(path, agency)


def read_prior(path: str | Path, year: int) -> PriorYear:
    """Read last year's figures: last year's accounts, or a comparatives file."""
    path = str(path)
    p = _check_file(path)
    form = FORMS.get(p.suffix.lower())
    if form is None:
        if not p.suffix:
            raise InputError(path, None, msg("input.prior.no_extension"))
        raise InputError(path, None, msg("input.prior.unknown_format", suffix=p.suffix))
    if form in ("xlsx", "published"):
        return _same_year(PriorYear.from_accounts(_read_form(path, p)), path, year)
    from ledger.forms.yaml_form.read import COMPARATIVES_FORM, read_comparatives, read_yaml
    from ledger.forms.yaml_form.tree import load

    form = load(path).mapping().req("form").text()
    prior = read_comparatives(path) if form == COMPARATIVES_FORM else PriorYear.from_accounts(read_yaml(path))
    return _same_year(prior, path, year)


def _same_year(prior: PriorYear, path: str, year: int) -> PriorYear:
    if prior.year != year - 1:
        raise InputError(path, None, msg("input.prior.other_year", prior=prior.year, year=year,
                                                         expected=year - 1))
    return prior

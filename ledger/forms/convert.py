"""``avstem convert`` and ``avstem template``: accounts from one form to the other, exactly.

The output is read back before it is handed over, and compared with the
accounts it was made from (figures' places aside, see :mod:`ledger.forms.compare`):
a model a form cannot hold exactly is an input error that names the first
difference, never a silently different file.
"""

from __future__ import annotations

import re
import tempfile
from pathlib import Path

from ledger.core.accounts import Accounts
from ledger.core.errors import InputError, reason
from ledger.forms.compare import differences, first_text
from ledger.vocabulary.labels import msg

TARGETS = {".yaml": "yaml", ".yml": "yaml", ".xlsx": "xlsx"}
#: What a workbook's XML cannot hold (XML 1.0: C0 controls but tab and line breaks, lone surrogates, U+FFFE/U+FFFF)
_NOT_IN_A_WORKBOOK = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def render(accounts: Accounts, target: str, origin: str = "") -> bytes:
    """The accounts in the form ``target``'s suffix names."""
    form = TARGETS.get(Path(target).suffix.lower())
    if form == "xlsx":
        from ledger.forms.workbook.write import workbook_bytes

        return workbook_bytes(accounts)
    if form == "yaml":
        from ledger.forms.yaml_form.write import yaml_text

        return yaml_text(accounts, origin).encode("utf-8")
    known = ", ".join(sorted(TARGETS))
    if not Path(target).suffix:
        raise InputError(target, None, msg("input.convert.no_extension", known=known))
    raise InputError(target, None, msg("input.convert.unknown_target", suffix=Path(target).suffix, known=known))


def convert(source: str, target: str, context: str | None = None, agency: str | None = None) -> bytes:
    """Read ``source`` (and a separate context), and return it in ``target``'s form, checked. The agency's facts
    are written as the output's details section, so the output states what the input let avstem infer."""
    from ledger.forms.inputs import read_accounts

    accounts = read_accounts(source, context, agency, infer=False)  # what was stated, never the inferred context
    if TARGETS.get(Path(target).suffix.lower()) == "xlsx":
        found_text = first_text(accounts, _NOT_IN_A_WORKBOOK)
        if found_text:
            where, char = found_text
            raise InputError(source, None, msg("input.convert.character", suffix=Path(target).suffix, where=where,
                                               char=f"U+{ord(char):04X}"))
    data = render(accounts, target, Path(source).name)
    with tempfile.TemporaryDirectory(prefix="avstem-convert-") as folder:
        written = Path(folder) / ("check" + Path(target).suffix.lower())
        written.write_bytes(data)
        suffix = Path(target).suffix
        try:
            back = read_accounts(str(written), infer=False)
        except InputError as exc:  # e.g. an extra line printed where no block is open
            raise InputError(source, None, msg("input.convert.not_read_back", suffix=suffix, place=exc.place,
                                               detail=reason(exc))) from None
    found = differences(accounts, back, limit=1)
    if found:
        raise InputError(source, None, msg("input.convert.differs", suffix=suffix, detail=found[0]))
    return data


def template(target: str, lang: str) -> bytes:
    """A blank workbook in avstem's layout, labels in ``lang``."""
    if TARGETS.get(Path(target).suffix.lower()) != "xlsx":
        raise InputError(target, None, msg("input.convert.template_not_xlsx"))
    from ledger.forms.workbook.write import workbook_bytes

    return workbook_bytes(None, lang)

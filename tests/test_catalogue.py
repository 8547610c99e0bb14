"""The message catalogue (reports/locale): every id in every language, the same placeholders, no fallback.

:func:`problems` lists what is wrong with the shipped files; ``python tools/catalogue.py check`` prints it.
"""

from __future__ import annotations

import ast
import string
from pathlib import Path

import pytest

from ledger.vocabulary.labels import Text
from reports import i18n
from reports.catalogue import DOMAINS, LANGUAGES, LOCALE, Catalogue, Entry, MissingText, PoFile, po_path, read_po
from rules.registry import PENDING_TITLES, load_catalogue

ROOT = Path(__file__).resolve().parent.parent


def placeholders(text: str) -> list[str]:
    """``{name}``, ``{name!r}``, ``{name:>9}``: every replacement field, in a canonical order."""
    fields = []
    for _, name, spec, conversion in string.Formatter().parse(text):
        if name is not None:
            fields.append(f"{name}!{conversion or ''}:{spec or ''}")
    return sorted(set(fields))


def problems(locale: Path = LOCALE) -> list[str]:
    found: list[str] = []
    for domain in DOMAINS:
        template = read_po(locale / f"{domain}.pot")
        english = read_po(po_path("en", domain, locale))
        for message_id, entry in english.entries.items():
            source = template.entries.get(message_id)
            if source is None or (source.source, source.source_plural) != (entry.source, entry.source_plural):
                found.append(f"{domain}.pot: {message_id} is not as in en (python tools/catalogue.py pot)")
        found += [f"{domain}.pot: {i} is in no en.po" for i in set(template.entries) - set(english.entries)]
        for lang in LANGUAGES:
            po = read_po(po_path(lang, domain, locale))
            nplurals, _ = po.plural_forms
            for message_id in set(po.entries) - set(template.entries):
                found.append(f"{lang}/{domain}.po: {message_id} is not in the template")
            for message_id, source in template.entries.items():
                entry = po.entries.get(message_id)
                where = f"{lang}/{domain}.po: {message_id}"
                if entry is None:
                    found.append(f"{where}: missing")
                    continue
                if not entry.usable:
                    found.append(f"{where}: fuzzy or untranslated")
                if (entry.source, entry.source_plural) != (source.source, source.source_plural):
                    found.append(f"{where}: translates an older English text (msgid)")
                count = f"{entry.count}!:"
                if source.plural:
                    if len(entry.strings) != nplurals:
                        found.append(f"{where}: {len(entry.strings)} plural forms, the language has {nplurals}")
                    if entry.count is None:
                        found.append(f"{where}: a plural entry names its count (#. plural: {{name}})")
                # a form may leave the count out («one figure»), never another placeholder
                expected = set(placeholders(source.source + (source.source_plural or ""))) - {count}
                for text in entry.strings:
                    if set(placeholders(text)) - {count} != expected:
                        found.append(f"{where}: placeholders {placeholders(text)}, the source has {sorted(expected)}")
    found += [f"reports/i18n.py: {name}[{key!r}] is not in the catalogue (python tools/catalogue.py migrate)"
              for name in ("MESSAGES", "LABELS") for key in getattr(i18n, name)]
    load_catalogue()
    found += [f"the title of {rule_id} is in its decorator (python tools/catalogue.py migrate)"
              for rule_id in PENDING_TITLES]
    return found


def test_the_catalogue_is_complete():
    """Every id of the template in every language, translated, not fuzzy, with the source's placeholders."""
    assert problems() == []


def test_problems_are_found(tmp_path):
    """What :func:`problems` looks for, it finds: a missing entry, a changed placeholder, a fuzzy entry."""
    import shutil

    shutil.copytree(LOCALE, tmp_path / "locale")
    nn = tmp_path / "locale" / "nn" / "LC_MESSAGES" / "avstem.po"
    text = nn.read_text(encoding="utf-8")
    text = text.replace('msgctxt "zero.breach"', 'msgctxt "zero.breach.gone"', 1)
    text = text.replace("{subject}: {actual} her, men", "{subjekt}: {actual} her, men", 1)
    text = text.replace('msgctxt "no_findings"', '#, fuzzy\nmsgctxt "no_findings"', 1)
    nn.write_text(text, encoding="utf-8")
    found = problems(tmp_path / "locale")
    assert any("nn/avstem.po: zero.breach: missing" in p for p in found), found
    assert any("zero.breach.gone is not in the template" in p for p in found)
    assert any("copy.breach: placeholders" in p for p in found)
    assert any("no_findings: fuzzy or untranslated" in p for p in found)


def test_no_fallback_to_bokmal():
    """A text a language lacks is an error, never the Bokmål text in its place."""
    po = PoFile(Path("nn.po"), entries={
        "a": Entry("a", "A", strings=("",)),
        "b": Entry("b", "B", strings=("Bé",), flags=frozenset({"fuzzy"})),
    })
    nn = Catalogue("nn", [po])
    for message_id in ("a", "b", "c"):
        with pytest.raises(MissingText):
            nn.template(message_id)
    with pytest.raises(TypeError):
        Text("Bokmål", None, "English")  # a vocabulary word in every language, too


def test_every_rendered_text_is_in_every_language():
    """Each id the code names in a ``label("…")`` call renders in nb, nn and en."""
    names = set()
    for folder in ("avstem", "reports", "rules", "ledger"):
        for path in (ROOT / folder).rglob("*.py"):
            source = path.read_text(encoding="utf-8")
            catalogue_calls = ("msg",) + (("label",) if "from reports.i18n import" in source else ())
            for node in ast.walk(ast.parse(source)):
                if (isinstance(node, ast.Call) and getattr(node.func, "id", None) in catalogue_calls
                        and node.args and isinstance(node.args[0], ast.Constant)):
                    names.add(node.args[0].value)
    assert len(names) > 50
    for name in sorted(names):
        assert i18n.has(name), name
        for lang in LANGUAGES:
            assert i18n.template(name, lang, _counts(name)).strip(), (name, lang)


def _counts(name: str) -> dict[str, int]:
    entry = i18n.catalogue("en").entries.get(name)
    return {entry.count: 2} if entry is not None and entry.count else {}


@pytest.mark.parametrize("domain", DOMAINS)
@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_reader_reads_as_babel_does(lang, domain):
    """avstem reads its .po files itself (no Babel in the install); Babel, which writes them, reads the same."""
    from babel.messages.pofile import read_po as babel_read_po

    ours = read_po(po_path(lang, domain))
    with open(po_path(lang, domain), "rb") as fh:
        theirs = babel_read_po(fh)
    babel_entries = {m.context: m for m in theirs if m.id}
    assert set(babel_entries) == set(ours.entries)
    for message_id, message in babel_entries.items():
        entry = ours.entries[message_id]
        source = message.id if isinstance(message.id, str) else message.id[0]
        strings = (message.string,) if isinstance(message.string, str) else tuple(message.string)
        assert (entry.source, entry.strings, "fuzzy" in entry.flags) == (source, strings, message.fuzzy), message_id
    assert ours.plural_forms[0] == theirs.num_plurals


def test_no_text_is_built_from_an_f_string():
    """A text in three languages is a catalogue entry with parameters, not an f-string no tool can extract."""
    offenders = []
    for folder in ("avstem", "reports", "rules", "ledger"):
        for path in (ROOT / folder).rglob("*.py"):
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                if isinstance(node, ast.Call) and getattr(node.func, "id", None) in ("Text", "T"):
                    if any(isinstance(n, ast.JoinedStr) for a in node.args for n in ast.walk(a)):
                        offenders.append(f"{path.relative_to(ROOT)}:{node.lineno}")
    assert offenders == []


def test_the_rules_documentation_is_translated_and_in_step_with_the_code():
    """Each rule's four sections, each parameter's description and each family's name: the catalogue's
    English is the code's (a docstring edited without `python tools/catalogue.py docs` is stale), and
    Bokmål and Nynorsk have every one of them."""
    from tools.catalogue import docs

    assert docs([], write=False) == ["wrote 0 entries"]


def _input_errors_written_in_python() -> list[str]:
    """Every ``InputError(file, place, message)`` whose message is text written in the code (a literal, an
    f-string, a concatenation) instead of a catalogue text (``msg("input.…")``)."""
    root = Path(__file__).resolve().parent.parent
    found = []
    for package in ("avstem", "ledger", "rules", "reports"):
        for path in sorted((root / package).rglob("*.py")):
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                if not (isinstance(node, ast.Call) and getattr(node.func, "id", getattr(node.func, "attr", None))
                        == "InputError"):
                    continue
                message = node.args[2] if len(node.args) > 2 else next(
                    (k.value for k in node.keywords if k.arg == "message"), None)
                if isinstance(message, (ast.Constant, ast.JoinedStr, ast.BinOp)):
                    found.append(f"{path.relative_to(root)}:{node.lineno}")
    return found


def test_input_errors_are_catalogue_texts():
    """An input error is read in the user's language: its words are the catalogue's, never English in code."""
    assert _input_errors_written_in_python() == []

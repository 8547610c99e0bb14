"""Keep the message catalogue (``reports/locale``): move texts out of Python into it, refresh the templates.

    python tools/catalogue.py migrate [SOURCE ...]   # Python texts -> .po, then the .pot templates
    python tools/catalogue.py pot                    # only rewrite the .pot templates from the English .po
    python tools/catalogue.py check                  # what tests/test_catalogue.py checks, as a list

``migrate`` moves every text still written in Python in today's form into the
``.po`` files of every language, and removes it from the Python source:

- the entries of ``reports/i18n.py``'s ``MESSAGES`` and ``LABELS`` dicts
  (``"id": T(nb, nn, en)``); an entry that only repeats a statement's own
  words from :mod:`ledger.vocabulary` is left where it is;
- the titles given to ``@rule("ID", Text(nb, nn, en), ...)`` in ``rules/``
  (they become ``rule.ID.title``);
- ``--dict MODULE:NAME:PREFIX`` entries of another dict of Text (``avstem.notices:MISSING:missing.``).

A SOURCE may also be ``REV:reports/i18n.py`` (a file as another branch has it,
read with ``git show``) or a path to such a file: its entries the catalogue
lacks are added, and the file is not touched. After merging a branch that
added messages to the old dicts, take this branch's ``reports/i18n.py`` and run
``python tools/catalogue.py migrate THEIRBRANCH:reports/i18n.py``; a merged
rule module with titles in its decorators is handled by a plain ``migrate``.

An id already in the catalogue is never overwritten: the tool says so and
leaves the Python entry for a person to reconcile. Needs Babel (the ``test``
extra).
"""

from __future__ import annotations

import argparse
import ast
import importlib
import io
import subprocess
import sys
import types
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from reports.catalogue import DOMAINS, LANGUAGES, LOCALE, po_path  # noqa: E402

I18N = ROOT / "reports" / "i18n.py"
RULES = ROOT / "rules"


# --- the catalogue files -------------------------------------------------------------------------------------
def load(lang: str, domain: str) -> Catalog:
    path = po_path(lang, domain)
    if path.exists():
        with open(path, "rb") as fh:
            return read_po(fh, locale=lang, domain=domain)
    return Catalog(locale=lang, domain=domain, fuzzy=False)


_NAMES = {"nb": "Norwegian Bokmål", "nn": "Norwegian Nynorsk", "en": "English", None: "the template (English)"}


def save(catalog: Catalog, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    catalog.revision_date = catalog.creation_date  # no churn from a clock: git says when
    catalog.project, catalog.version = "avstem", "catalogue"
    catalog.last_translator = catalog.language_team = "avstem <https://github.com/avstem>"
    lang = str(catalog.locale) if catalog.locale else None
    catalog.header_comment = (
        f"# avstem's texts, domain {catalog.domain}: {_NAMES[lang]}.\n"
        "# msgctxt is the id the code names; msgid the English source; msgstr the text in this language.\n"
        "# An entry with msgid_plural has one msgstr[n] per plural form; its «#. plural: {name}» names the count.\n"
        "# Edit in Poedit or Weblate; `python tools/catalogue.py check` lists what is missing or stale.")
    # entries in the order of their ids: an edit or an addition never moves the others (small diffs, clean merges)
    catalog._messages = dict(sorted(catalog._messages.items(), key=lambda item: item[1].context or ""))
    buffer = io.BytesIO()
    write_po(buffer, catalog, width=100, no_location=True, omit_header=False, ignore_obsolete=True)
    path.write_bytes(buffer.getvalue())


def ids(catalog: Catalog) -> set[str]:
    return {m.context for m in catalog if m.id and m.context}


def add(catalogs: dict[str, Catalog], message_id: str, texts: dict[str, str], *, comments=()) -> bool:
    """Add one entry to every language; False (and nothing added) when the id is taken already."""
    if any(message_id in ids(c) for c in catalogs.values()):
        return False
    flags = ("python-brace-format",) if "{" in texts["en"] else ()
    for lang, catalog in catalogs.items():
        catalog.add(texts["en"], texts[lang], context=message_id, flags=flags, auto_comments=list(comments))
    return True


def put(entries: dict[str, dict], domain: str = "avstem") -> None:
    """Add or replace entries: ``{id: {"nb": text, "nn": text, "en": text, "count": name}}``. A text given as a
    (singular, plural) pair makes a plural entry, ``count`` naming the parameter that counts. Rewrites the .po
    files and the template."""
    catalogs = {lang: load(lang, domain) for lang in LANGUAGES}
    for message_id, texts in entries.items():
        plural = isinstance(texts["en"], tuple)
        source = texts["en"]
        flags = ("python-brace-format",) if "{" in str(source) else ()
        comments = [f"plural: {{{texts['count']}}}"] if plural else []
        for lang, catalog in catalogs.items():
            for message in list(catalog):
                if message.context == message_id:
                    catalog.delete(message.id, context=message_id)
            catalog.add(source, texts[lang], context=message_id, flags=flags, auto_comments=comments)
    for lang, catalog in catalogs.items():
        save(catalog, po_path(lang, domain))
    write_templates()


def write_templates() -> None:
    """``<domain>.pot``: the English source of every entry, for Poedit's «Update from POT» and Weblate."""
    for domain in DOMAINS:
        english = load("en", domain)
        template = Catalog(domain=domain, creation_date=english.creation_date, fuzzy=False)
        for message in english:
            if message.id and message.context:
                template.add(message.id, "" if not message.pluralizable else ("", ""), context=message.context,
                             flags=message.flags - {"fuzzy"}, auto_comments=message.auto_comments)
        save(template, LOCALE / f"{domain}.pot")


# --- texts still in Python ---------------------------------------------------------------------------------------
def _texts(value) -> dict[str, str] | None:
    nb, nn, en = getattr(value, "nb", None), getattr(value, "nn", None), getattr(value, "en", None)
    if not all(isinstance(t, str) for t in (nb, nn, en)):
        return None
    return {"nb": nb, "nn": nn, "en": en}


def _vocabulary_objects() -> set[int]:
    """The statements' own words (ledger.vocabulary): an i18n entry that is one of them stays an alias."""
    found: set[int] = set()
    for name in ("ledger.vocabulary.labels", "ledger.vocabulary.layout"):
        module = importlib.import_module(name)
        for value in vars(module).values():
            if isinstance(value, dict):
                found.update(id(v) for v in value.values())
            else:
                found.add(id(value))
    return found


def _module_from_source(source: str, name: str) -> types.ModuleType:
    module = types.ModuleType(name)
    module.__file__ = name
    exec(compile(source, name, "exec"), module.__dict__)  # our own repository's file, as a branch has it
    return module


def _i18n_source(spec: str) -> tuple[str, str]:
    """(name, source) of an i18n module: a path, or ``REV:path`` read through git."""
    path = Path(spec)
    if path.exists():
        return spec, path.read_text(encoding="utf-8")
    rev, _, inside = spec.partition(":")
    result = subprocess.run(["git", "show", f"{rev}:{inside}"], cwd=ROOT, capture_output=True, text=True)
    if result.returncode:
        sys.exit(f"catalogue: cannot read {spec}: {result.stderr.strip()}")
    return spec, result.stdout


def migrate_dicts(catalogs: dict[str, Catalog], module: types.ModuleType, names: dict[str, str],
                  report: list[str]) -> dict[str, set[str]]:
    """Move the Text entries of ``module``'s dicts (name → id prefix); return what was moved, by dict."""
    vocabulary = _vocabulary_objects()
    moved: dict[str, set[str]] = {}
    for name, prefix in names.items():
        for key, value in (getattr(module, name, None) or {}).items():
            message_id = prefix + key
            texts = _texts(value)
            if texts is None or id(value) in vocabulary:
                continue
            if add(catalogs["avstem"], message_id, texts):
                report.append(f"moved {message_id}")
                moved.setdefault(name, set()).add(key)
            else:
                report.append(f"kept {name}[{key!r}] in Python: {message_id} is in the catalogue already")
    return moved


def remove_entries(path: Path, dict_name: str, keys: set[str]) -> None:
    """Delete ``keys``' entries (key, value and trailing comma) from the dict literal ``dict_name`` in ``path``."""
    source = path.read_text(encoding="utf-8")
    tree = ast.parse(source)
    lines = source.splitlines(keepends=True)
    spans: list[tuple[int, int]] = []
    for node in ast.walk(tree):
        target = node.targets[0] if isinstance(node, ast.Assign) else getattr(node, "target", None)
        value = getattr(node, "value", None)
        if isinstance(target, ast.Name) and target.id == dict_name and isinstance(value, ast.Dict):
            for key, item in zip(value.keys, value.values):
                if isinstance(key, ast.Constant) and key.value in keys:
                    spans.append((key.lineno, item.end_lineno))
    for first, last in sorted(spans, reverse=True):
        del lines[first - 1:last]
    path.write_text("".join(lines), encoding="utf-8")


def migrate_rule_titles(catalogs: dict[str, Catalog], report: list[str]) -> None:
    """``@rule("ID", title, ...)``: the title (as the decorator evaluates it) into ``rule.ID.title``, and out of
    the decorator."""
    from rules.registry import PENDING_TITLES, load_catalogue

    load_catalogue()
    for path in sorted(RULES.rglob("*.py")):
        source = path.read_bytes()  # the syntax tree's columns count bytes
        offsets = _line_offsets(source)
        cuts: list[tuple[int, int]] = []  # byte ranges to delete: ", Text(...)"
        for node in ast.walk(ast.parse(source)):
            if not (isinstance(node, ast.Call) and getattr(node.func, "id", None) == "rule" and len(node.args) >= 2):
                continue
            rule_id, title = node.args[0], node.args[1]
            if not isinstance(rule_id, ast.Constant) or rule_id.value not in PENDING_TITLES:
                continue
            message_id = f"rule.{rule_id.value}.title"
            if not add(catalogs["rules"], message_id, _texts(PENDING_TITLES[rule_id.value])):
                report.append(f"kept the title of {rule_id.value} in {path.relative_to(ROOT)}: {message_id} is in "
                              "the catalogue already")
                continue
            report.append(f"moved {message_id}")
            cuts.append((offsets[rule_id.end_lineno - 1] + rule_id.end_col_offset,
                         offsets[title.end_lineno - 1] + title.end_col_offset))
        for start, end in sorted(cuts, reverse=True):
            source = source[:start] + source[end:]
        if cuts:
            path.write_bytes(source)


def _line_offsets(source: bytes) -> list[int]:
    offsets, total = [], 0
    for line in source.splitlines(keepends=True):
        offsets.append(total)
        total += len(line)
    return offsets


def migrate(sources: list[str], dicts: list[str]) -> list[str]:
    catalogs = {domain: {lang: load(lang, domain) for lang in LANGUAGES} for domain in DOMAINS}
    report: list[str] = []
    for spec in sources:
        name, source = _i18n_source(spec)
        migrate_dicts(catalogs, _module_from_source(source, name), {"MESSAGES": "", "LABELS": ""}, report)
    if not sources:
        module = importlib.import_module("reports.i18n")
        moved = migrate_dicts(catalogs, module, {"MESSAGES": "", "LABELS": ""}, report)
        for name, keys in moved.items():
            remove_entries(I18N, name, keys)
        for spec in dicts:
            module_name, name, prefix = spec.split(":")
            module = importlib.import_module(module_name)
            moved = migrate_dicts(catalogs, module, {name: prefix}, report)
            if name in moved:
                remove_entries(Path(module.__file__), name, moved[name])
        migrate_rule_titles(catalogs, report)
    for domain, by_lang in catalogs.items():
        for lang, catalog in by_lang.items():
            save(catalog, po_path(lang, domain))
    write_templates()
    return report


# --- the rules' documentation ----------------------------------------------------------------------------------
def _sources() -> dict[str, str]:
    """The English of every text whose source is in the code or the parameter table, by catalogue id: each
    rule's documentation section by section (``rule.<ID>.what|why|example|basis``), each parameter's
    description (``param.<name>``) and each family's name (``family.<XX>``)."""
    from rules.parameters import load_table
    from rules.registry import DOC_IDS, FAMILIES, flat, load_catalogue

    english = {}
    for rule_id, r in load_catalogue().items():
        for field, name in DOC_IDS.items():
            english[f"rule.{rule_id}.{name}"] = flat(getattr(r.doc, field))
    english.update({f"param.{name}": flat(p.description) for name, p in load_table().items()})
    english.update({f"family.{code}": name for code, name in FAMILIES.items()})
    return english


def docs(translations: list[str], write: bool = True) -> list[str]:
    """Keep the catalogue (domain ``rules``) in step with the English written in the code: the rules'
    docstrings, the parameters' descriptions, the families' names (:func:`_sources`).

    A Bokmål or Nynorsk text comes from a translations file (JSON: ``{"rule.AK-01.what": {"nb": …, "nn": …}}``,
    or by rule: ``{"AK-01": {"what": {"nb": …, "nn": …}, …}}`` with :data:`rules.registry.DOC_IDS`'s keys) or,
    when the English has not changed, stays as the catalogue has it. Returns what is still missing; an entry
    is written only when every language has it."""
    import json

    from rules.registry import DOC_IDS

    given: dict[str, dict[str, str]] = {}
    for path in translations:
        for key, value in json.loads(Path(path).read_text(encoding="utf-8")).items():
            if "." in key:
                given[key] = value
            else:  # by rule
                for field, texts in value.items():
                    given[f"rule.{key}.{DOC_IDS[field]}"] = texts
    held = {lang: {m.context: m for m in load(lang, "rules") if m.context} for lang in LANGUAGES}
    entries, missing = {}, []
    for message_id, english in _sources().items():
        texts = {"en": english}
        for lang in ("nb", "nn"):
            new, old = given.get(message_id, {}).get(lang), held[lang].get(message_id)
            if new:
                texts[lang] = " ".join(new.split())
            elif old is not None and old.id == english and old.string and "fuzzy" not in old.flags:
                texts[lang] = old.string
            else:
                missing.append(f"{message_id} ({lang})")
        if len(texts) == 3 and any(held[lang].get(message_id) is None or held[lang][message_id].id != english
                                   or held[lang][message_id].string != texts[lang] for lang in LANGUAGES):
            entries[message_id] = texts
    if entries and write:
        put(entries, domain="rules")
    stale = [] if write else [f"stale: {m}" for m in entries]
    return [f"wrote {len(entries) if write else 0} entries"] + [f"missing: {m}" for m in missing] + stale


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="tools/catalogue.py", description=__doc__.split("\n\n")[0])
    sub = parser.add_subparsers(dest="command", required=True)
    m = sub.add_parser("migrate", help="move texts still in Python into the .po files")
    m.add_argument("sources", nargs="*", metavar="SOURCE", help="an old reports/i18n.py: a path or REV:path")
    m.add_argument("--dict", action="append", default=[], metavar="MODULE:NAME:PREFIX",
                   help="another dict of Text to move, its ids prefixed")
    sub.add_parser("pot", help="rewrite the .pot templates from the English .po files")
    sub.add_parser("check", help="list what the catalogue lacks")
    d = sub.add_parser("docs", help="the rules' documentation, parameters and families: English from the code, "
                                    "translations kept or given")
    d.add_argument("translations", nargs="*", metavar="JSON", help='{"rule.AK-01.what": {"nb": …, "nn": …}}')
    args = parser.parse_args(argv)
    if args.command == "docs":
        report = docs(args.translations)
        print("\n".join(report))
        return 1 if len(report) > 1 else 0
    if args.command == "migrate":
        for line in migrate(args.sources, args.dict):
            print(line)
        return 0
    if args.command == "pot":
        write_templates()
        return 0
    from tests.test_catalogue import problems

    found = problems()
    print("\n".join(found) or "the catalogue is complete")
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())

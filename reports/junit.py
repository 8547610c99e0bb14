"""The findings as JUnit XML, for CI systems (GitHub, GitLab, Azure DevOps).

One test case per rule and key that has findings; one passing test case per
rule that ran without any; a skipped one per rule that could not run (its
input was not given). A finding at or above ``--fail-on`` (by default: an
error) is a ``<failure>``, so the test report fails exactly when avstem exits
1. A finding below it — by default a warning or an info rounding note —
passes, with its text in ``<system-out>``: CI shows it beside the test
without failing the build. Test case names are stable from run to run
(``BR-05 appropriation.net_reported``), so CI can follow a finding's history.
The facts about the accounts (how avstem knows each) are properties of the
suite (``fact.context.stikkord[0671.45]``) and its ``<system-out>``.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections import defaultdict

from reports.console import block
from reports.facts import facts_of
from reports.facts import line as fact_line
from reports.facts import lines as fact_lines
from reports.i18n import label, render_message
from reports.outcome import Outcome
from reports.safe_text import visible
from rules.findings import Finding


def _clean(text: object) -> str:
    return visible(str(text))  # what XML 1.0 cannot hold, as [U+XXXX]


def _element(parent: ET.Element | None, tag: str, text: str | None = None, **attrs: object) -> ET.Element:
    values = {k: _clean(v) for k, v in attrs.items() if v is not None}
    element = ET.Element(tag, values) if parent is None else ET.SubElement(parent, tag, values)
    if text is not None:
        element.text = _clean(text)
    return element


def dumps(outcome: Outcome, lang: str) -> bytes:
    by_rule: dict[str, dict[str, list[Finding]]] = defaultdict(lambda: defaultdict(list))
    for f in outcome.findings:
        by_rule[f.rule][f.key].append(f)

    cases: list[ET.Element] = []
    failures = skipped = 0
    for rule in outcome.rules.values():
        family = f"avstem.{rule.family}"
        if rule.id in outcome.rules_skipped or rule.id not in outcome.rules_run:
            case = _element(None, "testcase", classname=family, name=f"{rule.id} {rule.title(lang)}", time="0")
            why = label("junit.not_run", lang, needs=" + ".join(label(f"needs.{n}", lang) for n in rule.inputs))
            if outcome.not_all_run:  # --require-all: a rule left out fails the suite as the exit code does
                _element(case, "failure", why, message=why, type="not_run")
                failures += 1
            else:
                _element(case, "skipped", message=why)
                skipped += 1
            cases.append(case)
            continue
        if not by_rule.get(rule.id):
            cases.append(_element(None, "testcase", classname=family, name=f"{rule.id} {rule.title(lang)}",
                                  time="0"))
            continue
        for key, findings in by_rule[rule.id].items():
            where = findings[0].location
            case = _element(None, "testcase", classname=family, name=f"{rule.id} {key}",
                            file=where.file if where else None,
                            line=where.line if where and where.line else None, time="0")
            text = "\n".join(block(f, lang) for f in findings)
            failing = [f for f in findings if f.severity >= outcome.fail_on and f.accepted is None]
            if failing:
                worst = max(failing, key=lambda f: f.severity)
                _element(case, "failure", text, message=render_message(worst, lang), type=worst.severity.label)
                failures += 1
            else:
                _element(case, "system-out", text)
            cases.append(case)

    attrs = dict(tests=len(cases), failures=failures, errors=0, skipped=skipped, time="0")
    suites = _element(None, "testsuites", name="avstem", **attrs)
    if outcome.accounts is not None:
        agency = outcome.accounts.agency
        name = label("header", lang, agency=agency.short_name, year=agency.year)
    else:
        name = label("ledger.header", lang, file=outcome.ledger.file, year=outcome.year or "?", inferred="")
    suite = _element(suites, "testsuite", name=name,
                     timestamp=outcome.generated_at.strftime("%Y-%m-%dT%H:%M:%S"), **attrs)
    properties = _element(suite, "properties")
    for name, value in (("avstem", outcome.version), ("catalogue", outcome.catalogue_version),
                        ("verdict", outcome.verdict), ("result", label(outcome.verdict_id, lang)),
                        ("fail_on", outcome.fail_on.label), ("require_all", str(outcome.require_all).lower()),
                        ("rules_not_run", ", ".join(outcome.rules_skipped)),
                        *((f"input.{i.role}", f"{i.path} sha256:{i.sha256}") for i in outcome.inputs)):
        _element(properties, "property", name=name, value=value)
    for fact in facts_of(outcome):  # fact.context.stikkord[0671.45] = «… · kan overførast — file:85 (…)»
        _element(properties, "property", name=f"fact.{fact.subject}", value=fact_line(fact, lang))
    suite.extend(cases)
    facts = fact_lines(outcome, lang)
    if facts:
        _element(suite, "system-out", "\n".join(facts))
    ET.indent(suites)
    return ET.tostring(suites, encoding="utf-8", xml_declaration=True) + b"\n"

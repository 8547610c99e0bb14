"""What every seeded case's findings say, against the reviewed snapshot (see tests/rules/snapshot.py).

A changed key, severity, figure, place or message, a new finding or a lost
one fails here with a diff. ``AVSTEM_UPDATE_SNAPSHOTS=1`` rewrites the
snapshots of the cases run instead of failing; review them in ``git diff``.
"""

from __future__ import annotations

from collections import defaultdict

import pytest

from tests.rules import snapshot
from tests.rules.cases import load_cases

CASES = load_cases()


@pytest.fixture(scope="module")
def updates():
    """In update mode, the entries of the cases run, written to their files when the module ends."""
    found: dict[str, dict[str, object]] = defaultdict(dict)
    yield found
    for case_file, entries in found.items():
        stored = snapshot.load(case_file)
        stored.update(entries)
        order = [snapshot.title_of(c) for c in CASES if c.file == case_file]
        snapshot.write(case_file, {name: stored[name] for name in order if name in stored})


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_findings_say_what_the_snapshot_says(case, case_run, updates):
    run = case_run(case)
    name, now = snapshot.title(run), snapshot.entry(run)
    if snapshot.UPDATE:
        updates[case.file][name] = now
        return
    stored = snapshot.load(case.file)
    assert name in stored, f"no snapshot of {name!r} in {snapshot.path_of(case.file)}; run with " \
                           "AVSTEM_UPDATE_SNAPSHOTS=1 and review the new entry"
    assert stored[name] == now, "the findings differ from the snapshot:\n" + snapshot.diff(stored[name], now, name)


def test_every_snapshot_is_of_a_case():
    """A snapshot of a case that no longer exists (renamed, deleted) is stale: regenerate and review."""
    cases = {(c.file, snapshot.title_of(c)) for c in CASES}
    stale = [f"{path.name}: {name}" for path in sorted(snapshot.SNAPSHOTS.glob("*.yaml"))
             for name in snapshot.load(path.name) if (path.name, name) not in cases]
    assert not stale, f"snapshots of cases that do not exist: {stale}"

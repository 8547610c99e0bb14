"""What extraction lost in the line tables, restored only where the table's own sums prove it.

Two losses, both decided by the layout's sums (:class:`~ledger.vocabulary.layout.SumDef`) under the
same interval rule the rules judge by (each printed figure stands for ±0.5 krone):

* **cells run together**: a row whose digit groups read several ways (``224 652 734 209 331 558``)
  keeps every reading (:class:`~ledger.forms.published.sheet.Ambiguity`); the one combination of
  readings under which every sum of the table holds in every column is taken. None, or more than
  one, is an input error naming the first such row: avstem does not guess.
* **a lost minus**: where a sum does not hold as printed, and negating exactly one set of unsigned
  detail figures (at most two) makes it hold, those figures are read negative and each is reported
  (:class:`~ledger.core.published.Restoration`, kind ``sign``); where several sets would do, nothing
  is restored and the rules report the sum.

A line the layout subtracts (the common chapters' revenue lines, «(ref. kap. 5309, inntekt)») prints
an unsigned figure in the model statement; in an extracted text that cannot be told from a lost
minus, so the reading is confirmed by the block's total and listed (kind ``confirmed sign``).
"""

from __future__ import annotations

import itertools
from dataclasses import replace
from decimal import Decimal

from ledger.core.accounts import Accounts, Figure, Line, LineTable, Note8
from ledger.core.errors import InputError
from ledger.core.published import Restoration
from ledger.forms.published.sheet import Ambiguity, TextGrid
from ledger.vocabulary.labels import msg

ZERO = Decimal(0)
HALF = Decimal("0.5")
#: Past this many combinations of readings a table is refused rather than searched.
MAX_COMBINATIONS = 200_000


def resolve(accounts: Accounts, ambiguities: dict[int, Ambiguity],
            grid: TextGrid) -> tuple[Accounts, tuple[Restoration, ...]]:
    rows = {(p.page, p.line): index for index, p in grid.places.items()}
    restorations: list[Restoration] = []
    tables = {"chart": accounts.chart, **accounts.notes, "note8": accounts.note8.table}
    out: dict[str, LineTable] = {}
    for name, table in tables.items():
        table = _runs(table, ambiguities, rows, accounts.file)
        table, found = _signs(table)
        restorations += found
        out[name] = table
    notes = {k: out[k] for k in accounts.notes}
    note8 = Note8(out["note8"], accounts.note8.shares)
    return replace(accounts, chart=out["chart"], notes=notes, note8=note8), tuple(restorations)


def _row_of(line: Line, rows: dict) -> int | None:
    return rows.get((line.source.page, line.source.line))


def _holds(table: LineTable, values: dict[int, dict[str, Decimal | None]]) -> bool:
    """Every sum of the layout holds in every column within the interval tolerance."""
    def value(line: Line, column: str) -> Decimal | None:
        if id(line) in values:
            return values[id(line)].get(column)
        return line.values[column].value if column in line.values else None

    for definition in table.layout.sums:
        total = table.get(definition.total)
        if total is None:
            continue
        terms = definition.terms(table.lines)
        if not terms:
            continue
        for column in table.layout.columns:
            printed = value(total, column)
            parts = [(sign, value(line, column)) for sign, line in terms]
            figures = [v for _, v in parts if v is not None] + ([printed] if printed is not None else [])
            expected = sum((sign * v for sign, v in parts if v is not None), ZERO)
            if abs((printed or ZERO) - expected) > HALF * len(figures):
                return False
    return True


def _runs(table: LineTable, ambiguities: dict[int, Ambiguity], rows: dict, file: str) -> LineTable:
    """The readings of the table's run-together rows that make every sum hold (exactly one combination).

    Each sum is searched depth first with bounds (a wrong reading is a thousand times too large or too
    small, so the bounds cut it at once), keeping the readings that take part in some solution; the sums
    are gone through until nothing changes."""
    columns = table.layout.columns
    domains: dict[int, list[dict]] = {}
    by_id = {id(line): line for line in table.lines}
    for line in table.lines:
        row = _row_of(line, rows)
        if row is not None and row in ambiguities:
            a = ambiguities[row]
            domains[id(line)] = [_named(a, reading, columns) for reading in a.readings]
    if not domains:
        return table
    for _ in range(20):
        changed = False
        for definition in table.layout.sums:
            total = table.get(definition.total)
            terms = definition.terms(table.lines) if total is not None else []
            if not terms or not any(id(line) in domains for _, line in [*terms, (1, total)]):
                continue
            variables = [(sign, line) for sign, line in terms] + [(-1, total)]
            support = _support(variables, domains, columns)
            for key, kept in support.items():
                if len(kept) < len(domains[key]):
                    domains[key] = kept
                    changed = True
        if not changed:
            break
    unsure = [key for key, options in domains.items() if len(options) != 1]
    if unsure:
        line = min((by_id[k] for k in unsure), key=lambda ln: table.lines.index(ln))
        which = "input.report.ran_together_none" if not domains[id(line)] else "input.report.ran_together_several"
        raise InputError(file, line.source.place, msg(which, title=table.title, label=line.label))
    lines = tuple(_with(line, domains[id(line)][0]) if id(line) in domains else line for line in table.lines)
    return replace(table, lines=lines)


def _support(variables: list[tuple[int, Line]], domains: dict[int, list[dict]],
             columns: tuple[str, ...]) -> dict[int, list[dict]]:
    """For each ambiguous line among ``variables``, the readings found in some solution of Σ sign·value = 0
    (within ±0.5 per figure) in every column; where none holds as printed, a detail's unsigned figures may
    count negative (a minus lost in extraction, which :func:`_signs` then restores and reports)."""
    found = _search(variables, domains, columns, flips=False)
    if found is not None and any(found.values()):
        return found
    again = _search(variables, domains, columns, flips=True)
    return again if again is not None else {key: domains[key] for key in domains
                                            if key in {id(line) for _, line in variables}}


def _search(variables: list[tuple[int, Line]], domains: dict[int, list[dict]], columns: tuple[str, ...], *,
            flips: bool) -> dict[int, list[dict]] | None:
    options = []
    for n, (sign, line) in enumerate(variables):
        if id(line) in domains:
            choices = domains[id(line)]
        else:
            choices = [{c: line.values[c].value for c in columns if c in line.values}]
        vectors = []
        for choice in choices:
            values = [choice.get(c) or ZERO for c in columns]
            vectors.append((choice, [sign * v for v in values]))
            if flips and n < len(variables) - 1 and any(v > 0 for v in values):  # not the total
                for mask in range(1, 1 << len(values)):
                    flipped = [-v if mask >> c & 1 and v > 0 else v for c, v in enumerate(values)]
                    if flipped != values:
                        vectors.append((choice, [sign * v for v in flipped]))
        if not vectors:
            return None
        options.append(vectors)
    order = sorted(range(len(options)), key=lambda i: -max(max((abs(v) for v in vec), default=ZERO)
                                                           for _, vec in options[i]))
    options = [options[i] for i in order]
    keys = [id(variables[i][1]) for i in order]
    tolerance = HALF * len(variables)
    width = len(columns)
    low = [[ZERO] * width for _ in range(len(options) + 1)]
    high = [[ZERO] * width for _ in range(len(options) + 1)]
    for k in range(len(options) - 1, -1, -1):
        for c in range(width):
            low[k][c] = low[k + 1][c] + min(vec[c] for _, vec in options[k])
            high[k][c] = high[k + 1][c] + max(vec[c] for _, vec in options[k])
    supported: dict[int, list[dict]] = {key: [] for key in keys if key in domains}
    chosen: list[dict] = []
    steps = [0]

    def walk(k: int, partial: list[Decimal]) -> None:
        steps[0] += 1
        if steps[0] > MAX_COMBINATIONS:
            raise _TooMany()
        if k == len(options):
            if all(abs(v) <= tolerance for v in partial):
                for key, choice in zip(keys, chosen):
                    if key in supported and choice not in supported[key]:
                        supported[key].append(choice)
            return
        for choice, vec in options[k]:
            nxt = [partial[c] + vec[c] for c in range(width)]
            if any(nxt[c] + low[k + 1][c] > tolerance or nxt[c] + high[k + 1][c] < -tolerance for c in range(width)):
                continue
            chosen.append(choice)
            walk(k + 1, nxt)
            chosen.pop()

    try:
        walk(0, [ZERO] * width)
    except _TooMany:
        return None  # too many to search: leave the readings as they are
    return supported


class _TooMany(Exception):
    pass


def _named(ambiguity: Ambiguity, reading: tuple, columns: tuple[str, ...]) -> dict[str, Decimal | None]:
    order = ambiguity.columns or list(columns)
    return dict(zip(order, reading))


def _with(line: Line, values: dict[str, Decimal | None]) -> Line:
    new = {name: Figure(values.get(name), figure.source) if name in values else figure
           for name, figure in line.values.items()}
    return replace(line, values=new)


def _signs(table: LineTable) -> tuple[LineTable, list[Restoration]]:
    """Lost minus signs restored where a sum proves them; subtracted lines printed unsigned, confirmed."""
    restorations: list[Restoration] = []
    lines = list(table.lines)
    for definition in table.layout.sums:
        total = next((line for line in lines if line.id == definition.total), None)
        if total is None:
            continue
        for column in table.layout.columns:
            terms = definition.terms(lines)
            if not terms or total.values[column].value is None:
                continue
            printed = total.values[column].value
            parts = [(sign, line, line.values[column].value) for sign, line in terms]
            figures = [v for _, _, v in parts if v is not None] + [printed]
            tolerance = HALF * len(figures)

            def off(flips: set[int]) -> Decimal:
                return abs(printed - sum((sign * (-v if i in flips else v) for i, (sign, _, v) in enumerate(parts)
                                          if v is not None), ZERO))

            if off(set()) <= tolerance:
                for sign, line, value in parts:
                    if sign < 0 and line.sign < 0 and value is not None and value > 0:
                        restorations.append(_restoration(table, line, column, value, value, "confirmed sign", total))
                continue
            unsigned = [i for i, (_, _, v) in enumerate(parts) if v is not None and v > 0]
            fixes = [set(c) for k in (1, 2) for c in itertools.combinations(unsigned, k) if off(set(c)) <= tolerance]
            if len(fixes) != 1:
                continue
            for i in sorted(fixes[0]):
                _, line, value = parts[i]
                k = lines.index(line)
                lines[k] = _with(line, {column: -value})
                restorations.append(_restoration(table, line, column, value, -value, "sign", total))
    return replace(table, lines=tuple(lines)), restorations


def _restoration(table: LineTable, line: Line, column: str, printed, read, kind: str, total: Line) -> Restoration:
    return Restoration(table.layout.id, line.id, line.label, column, printed, read, kind, total.label,
                       total.values[column], line.values[column].source)

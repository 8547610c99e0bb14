"""The Excel audit report (openpyxl).

One module per sheet family: :mod:`summary`, :mod:`findings`, :mod:`accounts`
(the statements as read, with :mod:`marks` for the findings on them),
:mod:`recalc`, :mod:`chart` and :mod:`catalogue`; :mod:`cells` is the one way
values enter a cell, :mod:`styles` the one look, :mod:`workbook` assembles
them. Imported only when a report is asked for (openpyxl costs ~0.1 s).
"""

from reports.xlsx.workbook import build

__all__ = ["build"]

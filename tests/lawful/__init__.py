"""Lawful agencies: whole sets of accounts generated from øre-level truth (see README.md in this folder).

* :mod:`tests.lawful.truth` — one agency-year as øre, whole kroner and decisions;
* :mod:`tests.lawful.strategies` — hypothesis strategies that build a truth, feature by feature;
* :mod:`tests.lawful.printed` — every printed figure derived from the truth, as the YAML form's document;
* :mod:`tests.lawful.expected` — the findings the truth expects (an unexplained overspend, a note …);
* :mod:`tests.lawful.plant` — one error planted into one printed figure, by rule family;
* :mod:`tests.lawful.yaml_writer`, :mod:`tests.lawful.workbook_writer` — the document as files;
* :mod:`tests.lawful.features` — what the generator varies, and which features wait for which work;
* :mod:`tests.lawful.check` — run avstem in-process on a file and compare findings.
"""

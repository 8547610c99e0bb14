from __future__ import annotations

import pytest

from tests.rules.cases import run_case


@pytest.fixture(scope="session")
def case_run(tmp_path_factory):
    """``case_run(case)``: the case run once per session (see :func:`tests.rules.cases.run_case`)."""
    directory = tmp_path_factory.mktemp("seeded")
    return lambda case: run_case(case, directory)

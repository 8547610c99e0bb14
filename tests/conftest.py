from __future__ import annotations

import pytest

from ledger.forms.yaml_form.read import read_yaml
from tests.helpers import IMDI, load_doc


@pytest.fixture(scope="session")
def imdi():
    """IMDi 2023 as published, read once."""
    return read_yaml(str(IMDI))


@pytest.fixture(scope="session")
def imdi_doc():
    """The IMDi 2023 document as editable data (copy it before editing)."""
    return load_doc()

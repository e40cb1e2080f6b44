"""Shared pytest configuration for tei-tools.

``--update-golden`` (or ``TEI_TOOLS_UPDATE_GOLDEN=1``) rewrites the golden files under ``tests/golden``
instead of comparing against them; review the diff with ``git diff tests/golden`` before committing.
"""

from __future__ import annotations

import os

import pytest


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-golden",
        action="store_true",
        default=False,
        help="rewrite tests/golden files from the current output instead of comparing",
    )


@pytest.fixture
def update_golden(request: pytest.FixtureRequest) -> bool:
    """True when golden files should be rewritten rather than compared."""
    return bool(request.config.getoption("--update-golden")) or os.environ.get("TEI_TOOLS_UPDATE_GOLDEN") == "1"


# --- shared paths and schemas -------------------------------------------------------------------

from pathlib import Path  # noqa: E402

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
TEI_ALL = SHARED / "schemas" / "tei_all.rng"


@pytest.fixture(scope="session")
def tei_all_schema():
    """The official TEI P5 schema, compiled once per test run (about 7 s); skips when absent."""
    if not TEI_ALL.exists():
        pytest.skip(f"{TEI_ALL} not present: tei_all checks skipped")
    from lxml import etree

    return etree.RelaxNG(etree.parse(str(TEI_ALL)))

"""Every transcription we have (``seeds/`` and ``tests/corpus/``): converts, loses no word, is valid
TEI P5 (tei_all, when present) and valid against the project's schema; ``encoded/`` is up to date.

``--update-golden`` (or ``TEI_TOOLS_UPDATE_GOLDEN=1``) rewrites ``encoded/`` from the converter.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import REPO
from textcheck import first_difference, source_words, tei_words

from tei_tools import convert_file
from tei_tools.reader.metadata import read_metadata

SEEDS = sorted((REPO / "seeds").glob("*.txt"))
CORPUS = sorted((REPO / "tests" / "corpus").glob("*.txt"))
ALL = SEEDS + CORPUS
IDS = [p.name for p in ALL]
NS = {"t": "http://www.tei-c.org/ns/1.0"}


def body_of(path: Path) -> str:
    lines = path.read_text(encoding="utf-8").split("\n")
    _, start = read_metadata(lines, lambda *a: None)
    return "\n".join(lines[start:])


@pytest.mark.parametrize("path", ALL, ids=IDS)
def test_nothing_lost(path: Path) -> None:
    result = convert_file(str(path))
    expected = source_words(body_of(path))
    actual = tei_words(result.tree)
    assert actual == expected, first_difference(expected, actual)


@pytest.mark.parametrize("path", ALL, ids=IDS)
def test_deterministic(path: Path) -> None:
    assert convert_file(str(path)).to_bytes() == convert_file(str(path)).to_bytes()


@pytest.mark.parametrize("path", ALL, ids=IDS)
def test_valid_tei_all(path: Path, tei_all_schema) -> None:
    tree = convert_file(str(path)).tree
    assert tei_all_schema.validate(tree), "\n".join(f"{e.line}: {e.message}" for e in tei_all_schema.error_log)


@pytest.fixture(scope="module")
def validator():
    from tei_tools.validation import Validator

    return Validator()


@pytest.mark.parametrize("path", ALL, ids=IDS)
def test_valid_archival_schema(path: Path, validator) -> None:
    tree = convert_file(str(path)).tree
    problems = [p for p in validator.validate_tree(tree, path.name) if p.severity == "error"]
    assert not problems, "\n".join(p.format() for p in problems)


def _expected() -> list[tuple[str, str, object]]:
    spec = REPO / "tests" / "corpus" / "expected.json"
    if not spec.exists():
        return []
    data = json.loads(spec.read_text(encoding="utf-8"))
    return [(name, xpath, value) for name, entry in sorted(data.items()) for xpath, value in entry["xpath"].items()]


@pytest.mark.parametrize(("name", "xpath", "value"), _expected(), ids=lambda v: str(v)[:60])
def test_corpus_features(name: str, xpath: str, value: object) -> None:
    tree = convert_file(str(REPO / "tests" / "corpus" / name)).tree
    got = tree.xpath(xpath, namespaces=NS)
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        assert got == float(value), f"{name}: {xpath} = {got!r}, expected {value!r}"
    else:
        assert got == value, f"{name}: {xpath} = {got!r}, expected {value!r}"


@pytest.mark.parametrize("path", SEEDS, ids=[p.name for p in SEEDS])
def test_encoded_up_to_date(path: Path, update_golden: bool) -> None:
    """``encoded/`` holds exactly what ``tei-tools convert seeds/ -o encoded/`` writes now."""
    target = REPO / "encoded" / (path.stem + ".xml")
    data = convert_file(str(path)).to_bytes()
    if update_golden:
        target.write_bytes(data)
    assert target.exists(), f"{target} missing: run tei-tools convert seeds/ -o encoded/"
    assert target.read_bytes() == data, f"{target} is stale: run tei-tools convert seeds/ -o encoded/"


def test_no_orphans_in_encoded() -> None:
    stems = {p.stem for p in SEEDS}
    orphans = [p.name for p in (REPO / "encoded").glob("*.xml") if p.stem not in stems]
    assert not orphans, f"encoded/ files without a seed: {orphans}"

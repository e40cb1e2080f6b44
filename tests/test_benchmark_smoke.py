"""The benchmark's corpus generator builds a varied corpus, the same one every time.

Not a benchmark: nothing here is timed (``benchmarks/run.py`` measures; the test suite asserts).
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

from tei_tools import convert

REPO = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def corpus():  # type: ignore[no-untyped-def]
    path = REPO / "benchmarks" / "corpus.py"
    spec = importlib.util.spec_from_file_location("benchmark_corpus", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def _snapshot(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*.txt"))}


def test_corpus_is_deterministic_and_varied(corpus, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    first = _snapshot(Path(corpus.build(tmp_path / "a", files=6, long_paragraphs=30)["many"]).parent)
    second = _snapshot(Path(corpus.build(tmp_path / "b", files=6, long_paragraphs=30)["many"]).parent)
    assert first == second
    assert len(first) == 7  # six varied transcriptions and the long one
    bodies = [data for name, data in first.items() if name.startswith("many/")]
    assert len(set(bodies)) == len(bodies), "every variant differs from the others"


def test_long_transcription_has_the_paragraphs_asked_for(corpus, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    long_path = corpus.build(tmp_path, files=1, long_paragraphs=50)["long"]
    result = convert(long_path.read_text(encoding="utf-8"), name=str(long_path))
    body = result.tree.find(".//{http://www.tei-c.org/ns/1.0}body")
    paragraphs = list(body.iter("{http://www.tei-c.org/ns/1.0}p"))
    # Paragraphs broken off mid-sentence are joined, so a few fewer p than paragraphs written.
    assert 40 <= len(paragraphs) <= 50


def test_variants_convert(corpus, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    many = corpus.build(tmp_path, files=3, long_paragraphs=5)["many"]
    for path in sorted(many.glob("*.txt")):
        result = convert(path.read_text(encoding="utf-8"), name=str(path))
        assert result.tree.getroot().tag == "{http://www.tei-c.org/ns/1.0}TEI"

"""The customised schema: the .rng is in sync with the .rnc, and the schema is a strict subset of
TEI P5 (tei_all) - element by element, and on every valid fixture and every file in encoded/."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from lxml import etree

from tei_tools.cli import cli
from tei_tools.errors import SchemaError
from tei_tools.schema import StaleSchemaError, builtin_paths, compile_rnc, compile_schema, is_stale
from tei_tools.validation import Validator

ROOT = Path(__file__).parents[1]
TEI_ALL = ROOT.parent / "shared/schemas/tei_all.rng"
VALID = sorted((ROOT / "tests/fixtures/valid").glob("*.xml"))
ENCODED = sorted((ROOT / "encoded").glob("*.xml"))
RNG_NS = "http://relaxng.org/ns/structure/1.0"


@pytest.fixture(scope="session")
def tei_all() -> Validator:
    """tei_all.rng compiled once per test session (lxml needs about 7 s)."""
    if not TEI_ALL.exists():
        pytest.skip(f"{TEI_ALL} not present")
    return Validator(schema=TEI_ALL)


@pytest.fixture(scope="session")
def archival() -> Validator:
    return Validator()


# -- the .rng is generated from the .rnc ---------------------------------------------------------


def test_checked_in_rng_is_what_the_rnc_compiles_to() -> None:
    paths = builtin_paths()
    assert paths.rng.read_text(encoding="utf-8") == compile_rnc(paths.rnc)
    assert not is_stale(paths)


def test_schema_compile_check_passes_on_the_checkout() -> None:
    result = CliRunner().invoke(cli, ["schema", "compile", "--check"])
    assert result.exit_code == 0, result.output
    assert "up to date" in result.output


@pytest.fixture
def schema_copy(tmp_path: Path) -> Path:
    for path in vars(builtin_paths()).values():
        shutil.copy(path, tmp_path / path.name)
    return tmp_path


def test_schema_compile_check_exits_1_when_stale_and_compile_fixes_it(schema_copy: Path) -> None:
    rng = schema_copy / "archival.rng"
    rng.write_text(rng.read_text(encoding="utf-8").replace("strikethrough", "struck"), encoding="utf-8")
    runner = CliRunner()
    stale = runner.invoke(cli, ["schema", "compile", "--check", "--dir", str(schema_copy)])
    assert stale.exit_code == 1
    assert stale.output == (
        f"{rng}: error: archival.rng is stale: it differs from what archival.rnc compiles to; "
        "run `tei-tools schema compile`\n"
    )
    fixed = runner.invoke(cli, ["schema", "compile", "--dir", str(schema_copy)])
    assert fixed.exit_code == 0
    assert runner.invoke(cli, ["schema", "compile", "--check", "--dir", str(schema_copy)]).exit_code == 0


def test_compile_schema_check_raises_stale(schema_copy: Path) -> None:
    (schema_copy / "archival.rng").unlink()
    with pytest.raises(StaleSchemaError):
        compile_schema(builtin_paths(schema_copy), check=True)
    assert compile_schema(builtin_paths(schema_copy)) is True
    assert compile_schema(builtin_paths(schema_copy)) is False


def test_rnc_syntax_error_is_a_schema_error(schema_copy: Path) -> None:
    rnc = schema_copy / "archival.rnc"
    rnc.write_text(rnc.read_text(encoding="utf-8") + "\nbroken = element {\n", encoding="utf-8")
    with pytest.raises(SchemaError, match="cannot compile RELAX NG compact syntax"):
        compile_rnc(rnc)
    result = CliRunner().invoke(cli, ["schema", "compile", "--dir", str(schema_copy)])
    assert result.exit_code == 2


def test_schema_path_lists_the_three_files() -> None:
    result = CliRunner().invoke(cli, ["schema", "path"])
    assert result.exit_code == 0
    assert [Path(line).name for line in result.output.splitlines()] == [
        "archival.rnc",
        "archival.rng",
        "archival.sch",
    ]


# -- a strict subset of tei_all --------------------------------------------------------------------


def _content_sets(path: Path) -> dict[str, tuple[set[str], set[str]]]:
    """element name -> (names of child elements and #text, names of attributes) a RELAX NG schema
    allows, order ignored. Good enough to show that no element gains children or attributes."""
    tree = etree.parse(str(path))
    defines: dict[str, list[etree._Element]] = {}
    for define in tree.iter(f"{{{RNG_NS}}}define"):
        defines.setdefault(define.get("name"), []).append(define)

    def name_of(node: etree._Element) -> str:
        if node.get("name") is not None:
            return node.get("name")
        name = node.find(f"{{{RNG_NS}}}name")
        if name is None:
            return "*"
        prefix = "xml:" if name.get("ns") == "http://www.w3.org/XML/1998/namespace" else ""
        return prefix + (name.text or "")

    def walk(node: etree._Element, seen: set[str], children: set[str], attributes: set[str]) -> None:
        for child in node.iterchildren(f"{{{RNG_NS}}}*"):
            kind = etree.QName(child).localname
            if kind == "element":
                children.add(name_of(child))
            elif kind == "attribute":
                attributes.add(name_of(child))
            elif kind == "ref":
                if child.get("name") not in seen:
                    seen.add(child.get("name"))
                    for define in defines.get(child.get("name"), []):
                        walk(define, seen, children, attributes)
            else:
                if kind in ("text", "mixed"):
                    children.add("#text")
                walk(child, seen, children, attributes)

    result: dict[str, tuple[set[str], set[str]]] = {}
    for element in tree.iter(f"{{{RNG_NS}}}element"):
        children, attributes = result.setdefault(name_of(element), (set(), set()))
        walk(element, set(), children, attributes)
    return result


def test_every_element_allows_only_what_tei_all_allows() -> None:
    if not TEI_ALL.exists():
        pytest.skip(f"{TEI_ALL} not present")
    ours = _content_sets(builtin_paths().rng)
    theirs = _content_sets(TEI_ALL)
    extra = {}
    for name, (children, attributes) in ours.items():
        if name not in theirs:
            extra[name] = "not a TEI element"
            continue
        more = (children - theirs[name][0]) | {f"@{a}" for a in attributes - theirs[name][1]}
        if more:
            extra[name] = sorted(more)
    assert extra == {}


@pytest.mark.parametrize("path", VALID, ids=lambda p: p.name)
def test_valid_fixture_is_valid_here_and_in_tei_all(path: Path, archival: Validator, tei_all: Validator) -> None:
    assert archival.validate_file(path).errors == []
    assert tei_all.validate_file(path).errors == []


def _encoded_params() -> list[object]:
    if ENCODED:
        return [pytest.param(p, id=p.name) for p in ENCODED]
    return [pytest.param(None, id="encoded-empty", marks=pytest.mark.skip(reason="encoded/ holds no files yet"))]


@pytest.mark.parametrize("path", _encoded_params())
def test_encoded_file_is_valid_here_and_in_tei_all(path: Path, archival: Validator, tei_all: Validator) -> None:
    result = archival.validate_file(path)
    assert result.errors == [], "\n".join(p.format() for p in result.errors)
    assert tei_all.validate_file(path).errors == []


def test_jing_agrees_when_installed() -> None:
    """Cross-check with jing (Java RELAX NG validator) when it is installed: every valid fixture is
    valid against archival.rng and tei_all.rng."""
    import subprocess

    jing = shutil.which("jing")
    if jing is None:
        pytest.skip("jing not installed")
    schemas = [builtin_paths().rng] + ([TEI_ALL] if TEI_ALL.exists() else [])
    for schema in schemas:
        run = subprocess.run([jing, str(schema), *map(str, VALID)], capture_output=True, text=True, timeout=120)
        assert run.returncode == 0, run.stdout

"""``tei-tools validate`` and the library under it: one invalid fixture per RELAX NG constraint and per
Schematron rule with its exact message and line, the exit codes, every output format parsed back,
hostile XML, batches."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from lxml import etree

from tei_tools.batch import PARALLEL_THRESHOLD, expand_paths, iter_validate
from tei_tools.cli import cli
from tei_tools.errors import SchemaError
from tei_tools.reporting import FORMATS, summary_line
from tei_tools.safexml import TEI_NS
from tei_tools.validation import Problem, Validator

ROOT = Path(__file__).parents[1]
FIXTURES = ROOT / "tests/fixtures"
INVALID = FIXTURES / "invalid"
HOSTILE = FIXTURES / "hostile"
VALID = sorted((FIXTURES / "valid").glob("*.xml"))


@pytest.fixture(scope="module")
def validator() -> Validator:
    return Validator()


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, ["validate", *args])
    return result.exit_code, result.stdout, result.stderr


# -- one fixture per constraint: (fixture, line, rule, message) -----------------------------------

RELAXNG_CASES = [
    ("missing-title", 7, "Did not expect element respStmt there"),
    ("missing-publicationStmt", 9, "Did not expect element sourceDesc there"),
    ("unknown-element", 20, "Did not expect element blink there"),
    ("p-n-not-numeric", 20, 'Invalid attribute n for element p: value "two" is not allowed here'),
    ("pb-n-not-numeric", 20, 'Invalid attribute n for element pb: value "ii" is not allowed here'),
    (
        "fw-type-unknown",
        20,
        'Element fw failed to validate attributes (type="margin"): a required attribute is missing or a value is not allowed',
    ),
    ("del-rend-unknown", 20, 'Invalid attribute rend for element del: value "underline" is not allowed here'),
    ("gap-reason-unknown", 20, 'Invalid attribute reason for element gap: value "lost" is not allowed here'),
    ("gap-unit-unknown", 20, 'Invalid attribute unit for element gap: value "inches" is not allowed here'),
    ("stamp-type-unknown", 21, 'Invalid attribute type for element stamp: value "rubber" is not allowed here'),
    (
        "div-type-unknown",
        19,
        'Element div failed to validate attributes (type="chapter"): a required attribute is missing or a value is not allowed',
    ),
    ("when-not-iso", 20, 'Invalid attribute when for element date: value "April 1962" is not allowed here'),
    ("msidentifier-no-repository", 17, "Did not expect element idno there"),
    ("duplicate-xml-id", 21, 'Invalid attribute id for element p: xml:id "para-1" is used more than once'),
    (
        "no-namespace",
        3,
        'root element is not TEI in the TEI namespace (found <TEI> in no namespace); '
        f'expected <TEI xmlns="{TEI_NS}">',
    ),
]

SCHEMATRON_CASES = [
    ("duplicate-xml-id", 20, "xml-id-unique", 'xml:id "para-1" is used 2 times; it must be unique'),
    (
        "pointer-unresolved",
        20,
        "pointer-resolves",
        'local pointer "#nowhere" on ptr does not resolve: no element has xml:id="nowhere"',
    ),
    ("p-n-not-numeric", 20, "p-n-integer", 'paragraph number n="two" must be a positive integer'),
    ("p-n-descending", 21, "p-n-ascending", "paragraph numbers must ascend: 3 follows 4"),
    ("p-label-mismatch", 20, "p-label-matches-n", 'printed label "3." does not match n="2"'),
    ("pb-n-descending", 22, "pb-n-ascending", 'page numbers must ascend: pb n="1" follows pb n="2"'),
    ("del-empty", 20, "del-not-empty", "del is empty: a deletion must contain the deleted text (or a gap)"),
    (
        "stamp-outside-fw",
        20,
        "stamp-placement",
        'a stamp must sit in fw type="stamp" or in running text (p), not in fw type="header"',
    ),
    (
        "gap-between-paragraphs",
        21,
        "gap-in-text",
        "gap stands between paragraphs; put it inside the paragraph (or other text) it interrupts",
    ),
    (
        "classification-unknown",
        20,
        "classification-value",
        'classification "HUSH HUSH" names none of the levels TOP SECRET, STRICTLY SECRET, SECRET, '
        "CONFIDENTIAL, RESTRICTED, UNCLASSIFIED, (LIMITED) OFFICIAL USE (ONLY)",
    ),
    (
        "msidentifier-no-repository",
        16,
        "msidentifier-parts",
        "msIdentifier must name the repository and the shelfmark (repository and idno)",
    ),
    ("uri-idno-not-http", 11, "uri-idno-http", 'idno type="URI" must be an http(s) URL, not "ftp://example.org/1"'),
    ("title-empty", 7, "title-not-empty", "the title is empty"),
]


@pytest.mark.parametrize(("fixture", "line", "message"), RELAXNG_CASES, ids=[c[0] for c in RELAXNG_CASES])
def test_relaxng_constraint(validator: Validator, fixture: str, line: int, message: str) -> None:
    result = validator.validate_file(INVALID / f"{fixture}.xml")
    assert not result.valid
    found = [(p.line, p.message) for p in result.errors if p.source == "relaxng"]
    assert (line, message) in found


@pytest.mark.parametrize(
    ("fixture", "line", "rule", "message"), SCHEMATRON_CASES, ids=[c[2] for c in SCHEMATRON_CASES]
)
def test_schematron_rule(validator: Validator, fixture: str, line: int, rule: str, message: str) -> None:
    result = validator.validate_file(INVALID / f"{fixture}.xml")
    assert not result.valid
    found = [(p.line, p.rule, p.message) for p in result.errors if p.source == "schematron"]
    assert (line, rule, message) in found


def test_every_invalid_fixture_is_covered() -> None:
    covered = {c[0] for c in RELAXNG_CASES} | {c[0] for c in SCHEMATRON_CASES}
    assert {p.stem for p in INVALID.glob("*.xml")} == covered


def test_every_schematron_rule_has_a_case() -> None:
    sch = etree.parse(str(ROOT / "schemas/archival.sch"))
    ids = set(sch.xpath("//s:assert/@id", namespaces={"s": "http://purl.oclc.org/dsdl/schematron"}))
    assert ids - {c[2] for c in SCHEMATRON_CASES} == {"numbered-p-has-n"}  # a warning: see below


def test_heuristic_rule_is_a_warning_and_the_file_stays_valid(validator: Validator) -> None:
    result = validator.validate_file(FIXTURES / "valid/warning-numbered-p.xml")
    assert result.valid
    assert [(p.line, p.severity, p.rule) for p in result.problems] == [(23, "warning", "numbered-p-has-n")]
    assert result.problems[0].format().endswith(
        ':23:0: warning: [numbered-p-has-n] paragraph starts with the printed number "2." but has no @n'
    )


@pytest.mark.parametrize("path", VALID, ids=lambda p: p.name)
def test_valid_fixture_exits_0(path: Path) -> None:
    code, out, err = run(str(path))
    assert code == 0, out
    assert err.startswith("1 file, 0 invalid, 0 errors")


# -- "done when": each kind of broken TEI fails with a line number and exit 1 -----------------------

DONE_WHEN = [
    ("missing-title", 7),
    ("unknown-element", 20),
    ("p-n-not-numeric", 20),
    ("del-empty", 20),
    ("duplicate-xml-id", 20),
    ("p-n-descending", 21),
    ("no-namespace", 3),
]


@pytest.mark.parametrize(("fixture", "line"), DONE_WHEN, ids=[c[0] for c in DONE_WHEN])
def test_broken_tei_exits_1_with_a_line_number(fixture: str, line: int) -> None:
    path = INVALID / f"{fixture}.xml"
    code, out, _ = run(str(path))
    assert code == 1
    assert out.splitlines()[0].startswith(f"{path}:{line}:0: error: ")


def test_schematron_message_names_the_rule() -> None:
    path = INVALID / "p-n-descending.xml"
    code, out, err = run(str(path))
    assert (code, out, err) == (
        1,
        f"{path}:21:0: error: [p-n-ascending] paragraph numbers must ascend: 3 follows 4\n",
        "1 file, 1 invalid, 1 error\n",
    )


# -- exit codes and paths --------------------------------------------------------------------------


def test_missing_file_exits_2(tmp_path: Path) -> None:
    missing = tmp_path / "nothere.xml"
    code, out, err = run(str(missing), str(VALID[0]))
    assert code == 2
    assert out == f"{missing}: error: no such file\n"
    assert err == "2 files, 0 invalid, 0 errors, 1 unreadable\n"


def test_unreadable_beats_invalid(tmp_path: Path) -> None:
    code, _, _ = run(str(tmp_path / "nothere.xml"), str(INVALID / "del-empty.xml"))
    assert code == 2


def test_no_paths_is_a_usage_error() -> None:
    code, _, err = run()
    assert code == 2
    assert "Missing argument" in err


def test_bad_format_is_a_usage_error() -> None:
    code, _, _ = run("--format", "yaml", str(VALID[0]))
    assert code == 2


def test_empty_folder_is_a_usage_error(tmp_path: Path) -> None:
    code, _, err = run(str(tmp_path))
    assert code == 2
    assert err == "error: no files to validate (give files, folders or globs)\n"


def test_folders_and_globs_expand_in_order() -> None:
    files = expand_paths([str(FIXTURES / "valid"), str(INVALID / "del-*.xml")])
    assert files == [str(p) for p in VALID] + [str(INVALID / "del-empty.xml"), str(INVALID / "del-rend-unknown.xml")]


def test_not_well_formed_is_invalid_with_the_parser_message(validator: Validator) -> None:
    result = validator.validate_file(HOSTILE / "not-well-formed.xml")
    assert not result.valid and not result.unreadable
    assert result.problems[0].line == 4
    assert result.problems[0].message.startswith(
        "not well-formed XML: Opening and ending tag mismatch: teiHeader line 3 and teiheader"
    )


# -- hostile input ---------------------------------------------------------------------------------

HOSTILE_CASES = [
    ("xxe-file", 2, "DOCTYPE declares entities; refused"),
    ("xxe-network", 2, "DOCTYPE declares entities; refused"),
    ("parameter-entity", 2, "DOCTYPE declares entities; refused"),
    ("billion-laughs", 2, "DOCTYPE declares entities; refused"),
    ("external-dtd", 2, "DOCTYPE points at an external DTD; refused"),
    ("deep-nesting", 3, "not well-formed XML: Excessive depth in document: 256"),
    ("xinclude", 20, "Did not expect element include there"),
]


@pytest.mark.parametrize(("fixture", "line", "message"), HOSTILE_CASES, ids=[c[0] for c in HOSTILE_CASES])
def test_hostile_xml_is_invalid_at_once(validator: Validator, fixture: str, line: int, message: str) -> None:
    result = validator.validate_file(HOSTILE / f"{fixture}.xml")
    assert not result.valid and not result.unreadable
    assert result.errors[0].line == line
    assert result.errors[0].message.startswith(message)
    # Nothing from the disk made it into a message.
    assert not any("root:" in p.message for p in result.problems)


def test_hostile_folder_exits_1_quickly() -> None:
    import time

    start = time.monotonic()
    code, out, _ = run(str(HOSTILE))
    assert code == 1
    assert time.monotonic() - start < 10
    assert "root:x:" not in out


# -- output formats --------------------------------------------------------------------------------

MIXED = [str(VALID[0]), str(INVALID / "p-n-descending.xml"), str(FIXTURES / "valid/warning-numbered-p.xml")]


def test_text_format_is_jing_style() -> None:
    code, out, err = run(*MIXED)
    assert code == 1
    for line in out.splitlines():
        assert re.fullmatch(r"[^:]+:\d+:\d+: (error|warning): .+", line), line
    assert err == "3 files, 1 invalid, 1 error, 1 warning\n"


def test_json_format() -> None:
    code, out, _ = run("--format", "json", *MIXED)
    assert code == 1
    data = json.loads(out)
    assert [(d["file"], d["valid"]) for d in data] == [(MIXED[0], True), (MIXED[1], False), (MIXED[2], True)]
    assert data[1]["errors"] == [
        {
            "line": 21,
            "column": 0,
            "severity": "error",
            "source": "schematron",
            "rule": "p-n-ascending",
            "message": "paragraph numbers must ascend: 3 follows 4",
        }
    ]
    assert data[2]["warnings"][0]["rule"] == "numbered-p-has-n"


def test_junit_format(tmp_path: Path) -> None:
    code, out, _ = run("--format", "junit", *MIXED, str(tmp_path / "gone.xml"))
    assert code == 2
    suites = etree.fromstring(out.encode())
    suite = suites.find("testsuite")
    assert (suite.get("tests"), suite.get("failures"), suite.get("errors")) == ("4", "1", "1")
    cases = suite.findall("testcase")
    assert [c.get("name") for c in cases] == [*MIXED, str(tmp_path / "gone.xml")]
    assert cases[0].find("failure") is None
    failure = cases[1].find("failure")
    assert failure.get("message") == "1 error: paragraph numbers must ascend: 3 follows 4"
    assert "[p-n-ascending]" in failure.text
    assert cases[2].find("system-out") is not None
    assert cases[3].find("error").get("message") == "no such file"


def test_github_format() -> None:
    code, out, _ = run("--format", "github", *MIXED)
    assert code == 1
    pattern = re.compile(r"::(error|warning) file=([^,]+),line=(\d+)(?:,col=\d+)?,title=([^:]+)::(.+)")
    parsed = [pattern.fullmatch(line) for line in out.splitlines()]
    assert all(parsed), out
    assert [(m[1], m[2], m[3], m[5]) for m in parsed] == [
        ("error", MIXED[1], "21", "[p-n-ascending] paragraph numbers must ascend: 3 follows 4"),
        ("warning", MIXED[2], "23", '[numbered-p-has-n] paragraph starts with the printed number "2." but has no @n'),
    ]


def test_github_format_escapes() -> None:
    problem = Problem("a,b:c.xml", 3, 0, "error", "100% broken\nreally", "relaxng")
    command = FORMATS["github"]
    from tei_tools.validation import FileResult

    assert command([FileResult("a,b:c.xml", (problem,))]) == (
        "::error file=a%2Cb%3Ac.xml,line=3,title=tei-tools relaxng::100%25 broken%0Areally\n"
    )


# -- other schemas, the library API, batches -------------------------------------------------------


def test_schema_option_uses_another_relaxng_and_no_schematron(tmp_path: Path) -> None:
    schema = tmp_path / "any-tei.rng"
    schema.write_text(
        """<grammar xmlns="http://relaxng.org/ns/structure/1.0">
  <start><element name="TEI" ns="http://www.tei-c.org/ns/1.0"><ref name="any"/></element></start>
  <define name="any">
    <zeroOrMore>
      <choice><attribute><anyName/></attribute><text/><element><anyName/><ref name="any"/></element></choice>
    </zeroOrMore>
  </define>
</grammar>""",
        encoding="utf-8",
    )
    # The Schematron error in p-n-descending goes unnoticed by a grammar that allows anything.
    code, out, _ = run("--schema", str(schema), str(INVALID / "p-n-descending.xml"))
    assert (code, out) == (0, "")


def test_broken_schema_exits_2(tmp_path: Path) -> None:
    schema = tmp_path / "broken.rng"
    schema.write_text("<grammar xmlns='http://relaxng.org/ns/structure/1.0'><start/></grammar>", encoding="utf-8")
    with pytest.raises(SchemaError):
        Validator(schema=schema)
    code, _, err = run("--schema", str(schema), str(VALID[0]))
    assert code == 2
    assert "cannot compile RELAX NG schema" in err


def test_validate_tree_on_an_in_memory_tree(validator: Validator) -> None:
    tree = etree.parse(str(INVALID / "del-empty.xml"))
    rebuilt = etree.fromstring(etree.tostring(tree))  # same document, no source lines from a file
    assert [p.rule for p in validator.validate_tree(rebuilt, "mem")] == ["del-not-empty"]
    assert validator.validate_tree(etree.parse(str(VALID[0])), "ok") == []


def test_parallel_batch_keeps_order_and_results(tmp_path: Path, validator: Validator) -> None:
    sources = sorted(INVALID.glob("*.xml")) + VALID
    paths = []
    for i in range(PARALLEL_THRESHOLD + 5):
        target = tmp_path / f"{i:03d}-{sources[i % len(sources)].name}"
        shutil.copy(sources[i % len(sources)], target)
        paths.append(str(target))
    serial = list(iter_validate(paths, jobs=1, validator=validator))
    parallel = list(iter_validate(paths, jobs=2))
    assert parallel == serial
    assert summary_line(parallel) == summary_line(serial)
    code, _, _ = run("--jobs", "2", str(tmp_path))
    assert code == 1


def test_jobs_must_be_positive() -> None:
    code, _, _ = run("--jobs", "0", str(VALID[0]))
    assert code == 2


def test_converter_output_for_every_seed_is_valid(validator: Validator) -> None:
    try:
        from tei_tools import convert_file
    except (ImportError, AttributeError):
        pytest.skip("the converter is not there yet")
    seeds = sorted((ROOT / "seeds").glob("*.txt"))
    assert seeds
    for seed in seeds:
        result = convert_file(seed)
        problems = validator.validate_tree(result.tree, seed.name)
        assert [p.format() for p in problems if p.severity == "error"] == []


def test_glob_matching_nothing_is_a_usage_error() -> None:
    from click.testing import CliRunner

    from tei_tools.cli import cli

    result = CliRunner().invoke(cli, ["validate", "nowhere-at-all/*.xml"])
    assert result.exit_code == 2
    assert result.stderr == "nowhere-at-all/*.xml: error: no file matches this pattern\n"


def test_library_validate_paths_reports_each_file_in_order() -> None:
    from tei_tools.batch import validate_paths

    seen: list[str] = []
    results = validate_paths([str(FIXTURES / "valid"), str(FIXTURES / "invalid" / "del-empty.xml")], jobs=1,
                             on_result=lambda r: seen.append(Path(r.file).name))
    assert seen == [Path(r.file).name for r in results]
    assert seen[-1] == "del-empty.xml"
    assert [r.valid for r in results] == [True] * (len(results) - 1) + [False]

"""``tei-tools convert``: exit codes, messages, output placement (CliRunner, like click's own tests)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import REPO

from tei_tools import __version__
from tei_tools.cli import cli

SEED = REPO / "seeds" / "000_b7f1513843f1d8cd.txt"
SIMPLE = "**June 07, 1963**  \n**A Title**\n\n**Citation:**\n\n\"A Title,\" June 07, 1963, History and Public Policy Program Digital Archive, GARF, f. 1, op. 2, d. 3. Translated by Ann Smith.  \n<https://digitalarchive.wilsoncenter.org/document/1>\n\n**Original Language:**\n\nRussian\n\nSECRET\n\n---\n\n1. First paragraph of text.\n"


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


def test_version(runner: CliRunner) -> None:
    result = runner.invoke(cli, ["--version"])
    assert result.exit_code == 0
    assert result.output == f"tei-tools, version {__version__}\n"


def test_one_input_to_stdout(runner: CliRunner) -> None:
    result = runner.invoke(cli, ["convert", "--quiet", str(SEED)])
    assert result.exit_code == 0
    assert result.stdout.startswith('<?xml version="1.0" encoding="UTF-8"?>\n<?xml-model href="../schemas/archival.rng"')
    assert result.stdout.rstrip().endswith("</TEI>")
    assert result.stderr == ""


def test_warnings_on_stderr(runner: CliRunner, tmp_path: Path) -> None:
    result = runner.invoke(cli, ["convert", str(SEED), "-o", str(tmp_path / "x.xml")])
    assert result.exit_code == 0
    assert result.stdout == ""
    assert result.stderr.splitlines() == [
        f"{SEED}:38: warning: paragraph from line 36 breaks off mid-sentence and resumes on line 38: joined with a gap [gap]",
        f"{SEED}:40: warning: page break (page 2) inferred after the archival stamp on line 40 [page-break]",
    ]
    assert (tmp_path / "x.xml").read_bytes() == (REPO / "encoded" / "000_b7f1513843f1d8cd.xml").read_bytes()


def test_report_json(runner: CliRunner, tmp_path: Path) -> None:
    result = runner.invoke(cli, ["convert", "--report", "json", str(SEED), "-o", str(tmp_path / "x.xml")])
    assert result.exit_code == 0
    record = json.loads(result.stderr)
    assert record["file"] == str(SEED) and record["ok"] is True and record["error"] is None
    assert [(w["line"], w["code"]) for w in record["warnings"]] == [(38, "gap"), (40, "page-break")]


def test_stdin(runner: CliRunner) -> None:
    result = runner.invoke(cli, ["convert", "-q", "-"], input=SIMPLE)
    assert result.exit_code == 0
    assert '<language ident="en">English</language>' in result.stdout
    assert '<textLang mainLang="ru">Russian</textLang>' in result.stdout
    assert "<persName>Ann Smith</persName>" in result.stdout


def test_folder_to_folder(runner: CliRunner, tmp_path: Path) -> None:
    src = tmp_path / "in"
    src.mkdir()
    (src / "a.txt").write_text(SIMPLE, encoding="utf-8")
    (src / "b.txt").write_text(SIMPLE.replace("First", "Second"), encoding="utf-8")
    (src / "notes.csv").write_text("ignored", encoding="utf-8")
    result = runner.invoke(cli, ["convert", "-q", str(src), "-o", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["a.xml", "b.xml"]
    assert "Second paragraph" in (tmp_path / "out" / "b.xml").read_text(encoding="utf-8")


def test_one_failure_others_still_converted(runner: CliRunner, tmp_path: Path) -> None:
    good = tmp_path / "good.txt"
    good.write_text(SIMPLE, encoding="utf-8")
    empty = tmp_path / "empty.txt"
    empty.write_text("  \n\n", encoding="utf-8")
    out = tmp_path / "out"
    result = runner.invoke(cli, ["convert", "-q", str(empty), str(good), "-o", str(out)])
    assert result.exit_code == 1
    assert result.stderr == f"{empty}: error: empty transcription: nothing to convert\n"
    assert [p.name for p in out.iterdir()] == ["good.xml"]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["convert", "a.txt", "b.txt"], "error: several inputs need -o DIR (one .xml per input)\n"),
        (["convert", "-", "x.txt", "-o", "out"], "error: standard input ('-') cannot be converted into a folder; give -o FILE\n"),
    ],
)
def test_usage_errors(runner: CliRunner, args: list[str], message: str) -> None:
    result = runner.invoke(cli, args)
    assert result.exit_code == 2
    assert result.stderr == message


def test_missing_file(runner: CliRunner, tmp_path: Path) -> None:
    missing = tmp_path / "nope.txt"
    result = runner.invoke(cli, ["convert", str(missing)])
    assert result.exit_code == 1
    assert result.stderr == f"{missing}: error: no such file\n"
    assert "Traceback" not in result.output


def test_output_equal_to_input_refused(runner: CliRunner, tmp_path: Path) -> None:
    src = tmp_path / "a.txt"
    src.write_text(SIMPLE, encoding="utf-8")
    result = runner.invoke(cli, ["convert", str(src), "-o", str(src)])
    assert result.exit_code == 2
    assert result.stderr == f"{src}: error: output path is the input file; refusing to overwrite it\n"
    assert src.read_text(encoding="utf-8") == SIMPLE


def test_failure_keeps_existing_output(runner: CliRunner, tmp_path: Path) -> None:
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"SECRET\n\x00\x01binary")
    out = tmp_path / "out.xml"
    out.write_text("previous good output", encoding="utf-8")
    result = runner.invoke(cli, ["convert", str(bad), "-o", str(out)])
    assert result.exit_code == 1
    assert result.stderr == f"{bad}:2: error: binary data (NUL byte), not a text transcription\n"
    assert out.read_text(encoding="utf-8") == "previous good output"
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []


def test_validate_option(runner: CliRunner, tmp_path: Path) -> None:
    result = runner.invoke(cli, ["convert", "-q", "--validate", str(SEED), "-o", str(tmp_path / "x.xml")])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "x.xml").exists()


def test_unknown_option_is_usage_error(runner: CliRunner) -> None:
    result = runner.invoke(cli, ["convert", "--frobnicate", str(SEED)])
    assert result.exit_code == 2
    assert result.stderr.endswith("Error: No such option '--frobnicate'.\n")


def test_validate_option_fails_loudly_on_invalid_output(runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """If the converter ever wrote invalid TEI, --validate stops that file with exit 1 and no output."""
    import tei_tools.convert_batch as batch
    from tei_tools.conversion import convert_file as real_convert_file

    def broken(path: str, **kwargs):  # type: ignore[no-untyped-def]
        result = real_convert_file(path, **kwargs)
        p = result.tree.find(".//{http://www.tei-c.org/ns/1.0}p[@n='2']")
        p.set("n", "two")
        return result

    monkeypatch.setattr(batch, "convert_file", broken)
    out = tmp_path / "x.xml"
    result = runner.invoke(cli, ["convert", "-q", "--validate", str(SEED), "-o", str(out)])
    assert result.exit_code == 1
    assert result.stderr.startswith(f"{SEED}: error: output is not valid TEI (line ")
    assert "two" in result.stderr
    assert not out.exists()


def test_report_json_names_no_output_for_a_failed_input(runner: CliRunner, tmp_path: Path) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_text("\n", encoding="utf-8")
    result = runner.invoke(cli, ["convert", "--report", "json", str(empty), "-o", str(tmp_path / "x.xml")])
    assert result.exit_code == 1
    record = json.loads(result.stderr)
    assert (record["ok"], record["output"]) == (False, None)
    assert record["error"] == f"{empty}: error: empty transcription: nothing to convert"


def test_export_into_the_source_folder_never_clobbers_a_transcription(runner: CliRunner, tmp_path: Path) -> None:
    source = tmp_path / "letter.txt"
    source.write_text(SIMPLE, encoding="utf-8")
    assert runner.invoke(cli, ["convert", "-q", str(source), "-o", str(tmp_path / "letter.xml")]).exit_code == 0
    for fmt in ("text", "transcription"):
        result = runner.invoke(cli, ["export", str(tmp_path), "--to", fmt, "-o", str(tmp_path)])
        assert result.exit_code == 0, result.output
    assert source.read_text(encoding="utf-8") == SIMPLE
    assert sorted(p.name for p in tmp_path.iterdir()) == ["letter.text.txt", "letter.transcription.txt", "letter.txt", "letter.xml"]


def test_export_to_a_new_folder_named_with_a_slash(runner: CliRunner, tmp_path: Path) -> None:
    out = tmp_path / "site"
    result = runner.invoke(cli, ["export", str(REPO / "encoded" / "000_b7f1513843f1d8cd.xml"), "--to", "html", "-o", f"{out}/"])
    assert result.exit_code == 0, result.output
    assert [p.name for p in out.iterdir()] == ["000_b7f1513843f1d8cd.html"]

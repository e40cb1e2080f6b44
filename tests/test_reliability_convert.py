"""Issue 6, transcriptions: every kind of bad input either converts correctly or fails with one line
naming the file (exit 1): never a traceback, never a partial or clobbered output file. Also batches
(failures reported, others converted; ``--jobs N`` = ``--jobs 1``; Ctrl-C) and a 50 MB input in bounded
time and memory.
"""

from __future__ import annotations

import codecs
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from memprobe import PEAK_RSS
from click.testing import CliRunner
from conftest import REPO
from lxml import etree
from textcheck import first_difference, source_words, tei_words

from tei_tools import convert_file
from tei_tools.cli import cli
from tei_tools.conversion import convert_bytes

SEED = REPO / "seeds" / "000_b7f1513843f1d8cd.txt"
SEED_TEXT = SEED.read_text(encoding="utf-8")
TEI = "{http://www.tei-c.org/ns/1.0}"
HEADING = "SECRET\n\nA Heading\n\n---\n\n"
CLI = [sys.executable, "-c", "from tei_tools.cli import main; main()"]


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


def convert_cli(runner: CliRunner, source: Path, target: Path, *extra: str):  # type: ignore[no-untyped-def]
    result = runner.invoke(cli, ["convert", "-q", *extra, str(source), "-o", str(target)])
    assert "Traceback" not in result.output + result.stderr
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result


def body_text(tree: etree._ElementTree) -> str:
    return "".join(tree.getroot().find(f"{TEI}text").itertext())


def leftovers(folder: Path) -> list[str]:
    """Anything in ``folder`` that is not a finished ``.xml`` (temporary files of an atomic write)."""
    return sorted(p.name for p in folder.iterdir() if not p.name.endswith(".xml") or p.name.startswith("."))


# -- inputs that must fail: exit 1, one line naming the file, no output, old output kept ------------

FAILING = [
    ("empty", b"", None, "empty transcription: nothing to convert"),
    ("whitespace", b"  \n\t\n \r\n\xc2\xa0\n", None, "empty transcription: nothing to convert"),
    ("nul-bytes", b"SECRET\n\nText\x00\x01\x02 binary", 3, "binary data (NUL byte), not a text transcription"),
    ("control-char", b"SECRET\n\n---\n\nA bell \x07 rings.\n", 5, "control character U+0007 is not allowed in XML"),
    ("control-char-vt", b"Line one.\nLine\x0btwo.\n", 2, "control character U+000B is not allowed in XML"),
    ("not-cp1252", b"SECRET\n\nUndefined byte \x81 here.\n", 3, "not UTF-8 and not Windows-1252 text (byte 0x81)"),
    ("bad-utf16", codecs.BOM_UTF16_LE + "Text".encode("utf-16-le") + b"\x00\xd8", 1,
     "invalid UTF-16 text: unexpected end of data"),
]


@pytest.mark.parametrize(("case", "data", "line", "message"), FAILING, ids=[c[0] for c in FAILING])
def test_bad_input_fails_with_one_line(runner: CliRunner, tmp_path: Path, case: str, data: bytes, line: int | None, message: str) -> None:
    source = tmp_path / f"{case}.txt"
    source.write_bytes(data)
    target = tmp_path / "out" / f"{case}.xml"
    result = convert_cli(runner, source, target)
    assert result.exit_code == 1
    where = f"{source}:{line}" if line else f"{source}"
    assert result.stderr == f"{where}: error: {message}\n"
    assert not target.parent.exists() or leftovers(target.parent) == [] and not target.exists()


@pytest.mark.parametrize(("case", "data", "line", "message"), FAILING[:4], ids=[c[0] for c in FAILING[:4]])
def test_bad_input_keeps_previous_output(runner: CliRunner, tmp_path: Path, case: str, data: bytes, line: int | None, message: str) -> None:
    source = tmp_path / f"{case}.txt"
    source.write_bytes(data)
    target = tmp_path / "previous.xml"
    target.write_bytes(b"<previous/>\n")
    assert convert_cli(runner, source, target).exit_code == 1
    assert target.read_bytes() == b"<previous/>\n"
    assert leftovers(tmp_path) == sorted(p.name for p in tmp_path.iterdir() if p.suffix == ".txt")


def test_missing_input(runner: CliRunner, tmp_path: Path) -> None:
    missing = tmp_path / "missing.txt"
    result = convert_cli(runner, missing, tmp_path / "out.xml")
    assert result.exit_code == 1
    assert result.stderr == f"{missing}: error: no such file\n"
    assert not (tmp_path / "out.xml").exists()


# -- inputs that convert (maybe with a warning) -----------------------------------------------------


def seed_variants() -> dict[str, bytes]:
    raw = SEED.read_bytes()
    return {
        "crlf": raw.replace(b"\n", b"\r\n"),
        "cr": raw.replace(b"\n", b"\r"),
        "utf8-bom": codecs.BOM_UTF8 + raw,
        "utf8-bom-crlf": codecs.BOM_UTF8 + raw.replace(b"\n", b"\r\n"),
        "utf16-le-bom": SEED_TEXT.encode("utf-16"),  # BOM + native (little-endian) order
        "utf16-be-bom": codecs.BOM_UTF16_BE + SEED_TEXT.encode("utf-16-be"),
        "utf16-crlf": SEED_TEXT.replace("\n", "\r\n").encode("utf-16"),
    }


@pytest.mark.parametrize("variant", sorted(seed_variants()))
def test_line_endings_and_boms_give_the_same_tei(runner: CliRunner, tmp_path: Path, variant: str) -> None:
    source = tmp_path / "000_b7f1513843f1d8cd.txt"
    source.write_bytes(seed_variants()[variant])
    target = tmp_path / "out.xml"
    result = convert_cli(runner, source, target)
    assert result.exit_code == 0, result.stderr
    assert target.read_bytes() == (REPO / "encoded" / "000_b7f1513843f1d8cd.xml").read_bytes()


def test_cp1252_is_decoded_with_a_warning(runner: CliRunner, tmp_path: Path) -> None:
    source = tmp_path / "latin.txt"
    source.write_bytes(HEADING.encode() + "Caf\u00e9 \u201cquoted\u201d \u2013 na\u00efve text.\n".encode("cp1252"))
    target = tmp_path / "latin.xml"
    result = runner.invoke(cli, ["convert", str(source), "-o", str(target)])
    assert result.exit_code == 0
    assert f"{source}:7: warning: not valid UTF-8: decoded as Windows-1252 (Latin-1); check accented letters [encoding]" in result.stderr.splitlines()
    assert "Caf\u00e9 \u201cquoted\u201d \u2013 na\u00efve text." in body_text(etree.parse(str(target)))


def test_latin1_only_bytes_are_decoded(tmp_path: Path) -> None:
    text = HEADING + "\u00c0 bient\u00f4t, \u00e7a va. \u00a7 3.\n"
    result = convert_bytes(text.encode("latin-1"), name="l1.txt")
    assert "\u00c0 bient\u00f4t, \u00e7a va. \u00a7 3." in body_text(result.tree)
    assert [d.code for d in result.report].count("encoding") == 1


@pytest.mark.parametrize(
    ("case", "body", "kept"),
    [
        ("xml-specials", 'Text with <tag attr="v"> & "quotes" and \'apos\' and ]]> end.', 'Text with <tag attr="v"> & "quotes" and \'apos\' and ]]> end.'),
        ("markup-like", "A <!-- c --> and <?pi x?> and &amp; &#x41; &lt; kept.", "A <!-- c --> and <?pi x?> and &amp; &#x41; &lt; kept."),
        ("nbsp", "Mr.\u00a0Smith paid \u00a3\u00a05.", "Mr.\u00a0Smith paid \u00a3\u00a05."),
        ("tabs", "Column\tone\tand\ttwo.", "Column\tone\tand\ttwo."),
        ("astral", "Emoji \U0001f600 and CJK \u4e2d\u6587 and Cyrillic \u0416.", "Emoji \U0001f600 and CJK \u4e2d\u6587 and Cyrillic \u0416."),
        ("unbalanced-tilde", "One ~~struck but never closed.", "One ~~struck but never closed."),
        ("unbalanced-stars", "One **bold but never closed.", "One **bold but never closed."),
        ("unclosed-bracket", "A [bracket never closed.", "A [bracket never closed."),
        ("stray-bracket", "A stray ] here.", "A stray ] here."),
    ],
)
def test_text_is_kept_literally(tmp_path: Path, case: str, body: str, kept: str) -> None:
    result = convert_bytes((HEADING + body + "\n").encode("utf-8"), name=f"{case}.txt")
    data = result.to_bytes()
    tree = etree.fromstring(data).getroottree()  # well-formed, and the text survives a round trip
    assert kept in body_text(tree)
    assert tei_words(tree) == source_words(HEADING + body)


@pytest.mark.parametrize("marker", ["~~", "**"])
def test_unbalanced_markup_warns(runner: CliRunner, tmp_path: Path, marker: str) -> None:
    source = tmp_path / "u.txt"
    source.write_text(f"{HEADING}1. Text {marker}never closed.\n\n2. More {marker}x{marker} fine.\n", encoding="utf-8")
    result = runner.invoke(cli, ["convert", str(source), "-o", str(tmp_path / "u.xml")])
    assert result.exit_code == 0
    assert f"{source}:7: warning: unbalanced '{marker}' kept as literal text [unbalanced]" in result.stderr.splitlines()


def test_very_long_line(tmp_path: Path) -> None:
    words = " ".join(f"word{k}" for k in range(120_000))  # about 1 MB on one line
    assert len(words) > 1_000_000
    text = HEADING + words + ".\n"
    start = time.monotonic()
    result = convert_bytes(text.encode(), name="long.txt")
    assert time.monotonic() - start < 20
    expected, actual = source_words(text), tei_words(result.tree)
    assert actual == expected, first_difference(expected, actual)


def test_no_metadata_block(tmp_path: Path) -> None:
    result = convert_bytes(b"SECRET\n\n---\n\n1. Only a paragraph.\n", name="nometa.txt")
    assert [d.code for d in result.report if d.code == "no-metadata"] == ["no-metadata"]
    assert result.tree.findtext(f".//{TEI}title") == "Transcription nometa"
    assert body_text(result.tree).split() == ["SECRET", "1.", "Only", "a", "paragraph."]


def test_only_metadata(tmp_path: Path) -> None:
    text = SEED_TEXT[: SEED_TEXT.index("SECRET")]
    result = convert_bytes(text.encode(), name="meta.txt")
    assert "no-text" in [d.code for d in result.report]
    assert result.tree.findtext(f".//{TEI}title").startswith("Prime Minister's Visit")
    assert body_text(result.tree).split() == []


def test_outputs_are_valid(tmp_path: Path) -> None:
    """The odd inputs above still give TEI that passes the project's schema."""
    from tei_tools.validation import Validator

    validator = Validator()
    for data in (b"SECRET\n\n---\n\n1. Only a paragraph.\n", SEED_TEXT[: SEED_TEXT.index("SECRET")].encode(),
                 (HEADING + 'x <y> & "z" ]]> ~~ ** [ ] \u00a0\t\U0001f600\n').encode()):
        tree = convert_bytes(data, name="v.txt").tree
        errors = [p.format() for p in validator.validate_tree(tree, "v.txt") if p.severity == "error"]
        assert not errors, errors


# -- output paths -----------------------------------------------------------------------------------


def test_output_folder_is_created(runner: CliRunner, tmp_path: Path) -> None:
    target = tmp_path / "a" / "b" / "c" / "out.xml"
    assert convert_cli(runner, SEED, target).exit_code == 0
    assert target.read_bytes() == (REPO / "encoded" / "000_b7f1513843f1d8cd.xml").read_bytes()
    folder = tmp_path / "x" / "y"
    assert runner.invoke(cli, ["convert", "-q", str(SEED), "-o", f"{folder}/"]).exit_code == 0
    assert (folder / "000_b7f1513843f1d8cd.xml").exists()


def test_output_permissions_follow_the_umask(runner: CliRunner, tmp_path: Path) -> None:
    """Atomic writes go through a private temporary file; the result must not stay 0600."""
    old = os.umask(0o022)
    try:
        target = tmp_path / "out.xml"
        assert convert_cli(runner, SEED, target).exit_code == 0
    finally:
        os.umask(old)
    assert target.stat().st_mode & 0o777 == 0o644


def test_output_under_a_file_is_a_clear_error(runner: CliRunner, tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    target = blocker / "sub" / "out.xml"
    result = convert_cli(runner, SEED, target)
    assert result.exit_code == 1
    assert result.stderr == f"{target}: error: cannot write: Not a directory\n"


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root can write anywhere")
def test_output_folder_not_writable(runner: CliRunner, tmp_path: Path) -> None:
    folder = tmp_path / "ro"
    folder.mkdir()
    folder.chmod(0o555)
    try:
        result = convert_cli(runner, SEED, folder / "out.xml")
    finally:
        folder.chmod(0o755)
    assert result.exit_code == 1
    assert result.stderr == f"{folder / 'out.xml'}: error: cannot write: Permission denied\n"
    assert list(folder.iterdir()) == []


def test_output_equal_to_input_is_refused(runner: CliRunner, tmp_path: Path) -> None:
    source = tmp_path / "a.txt"
    source.write_bytes(SEED.read_bytes())
    for target in (str(source), str(tmp_path / "." / "a.txt")):
        result = runner.invoke(cli, ["convert", str(source), "-o", target])
        assert result.exit_code == 2  # a usage error (the lead's choice; see test_convert_cli.py)
        assert result.stderr == f"{source}: error: output path is the input file; refusing to overwrite it\n"
    link = tmp_path / "link.xml"
    link.symlink_to(source)
    result = runner.invoke(cli, ["convert", str(source), "-o", str(link)])
    assert result.exit_code == 2
    assert source.read_bytes() == SEED.read_bytes()


# -- batches ----------------------------------------------------------------------------------------


def test_batch_with_failures(runner: CliRunner, tmp_path: Path) -> None:
    inputs = tmp_path / "in"
    inputs.mkdir()
    (inputs / "a_good.txt").write_bytes(SEED.read_bytes())
    (inputs / "b_empty.txt").write_bytes(b"")
    (inputs / "c_binary.txt").write_bytes(b"\x00\x01")
    (inputs / "d_good.txt").write_bytes(b"SECRET\n\n---\n\n1. Fine.\n")
    (inputs / "e_control.txt").write_bytes(b"Bad \x1b[0m escape.\n")
    out = tmp_path / "out"
    result = runner.invoke(cli, ["convert", "-q", str(inputs), "-o", str(out)])
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        f"{inputs / 'b_empty.txt'}: error: empty transcription: nothing to convert",
        f"{inputs / 'c_binary.txt'}:1: error: binary data (NUL byte), not a text transcription",
        f"{inputs / 'e_control.txt'}:1: error: control character U+001B is not allowed in XML",
    ]
    assert sorted(p.name for p in out.iterdir()) == ["a_good.xml", "d_good.xml"]


def batch_inputs(folder: Path, count: int) -> list[Path]:
    """``count`` varied transcriptions: the seed, the corpus, and variants of them."""
    folder.mkdir()
    sources = [SEED, *sorted((REPO / "tests" / "corpus").glob("*.txt"))]
    made = []
    for k in range(count):
        data = sources[k % len(sources)].read_bytes()
        if k >= len(sources):
            data = data.replace(b"\n", b"\r\n") if k % 2 else codecs.BOM_UTF8 + data
        path = folder / f"doc{k:03d}.txt"
        path.write_bytes(data)
        made.append(path)
    (folder / "doc999.txt").write_bytes(b"\x00")  # and one failure
    return made


def test_jobs_give_the_same_files(tmp_path: Path) -> None:
    batch_inputs(tmp_path / "in", 40)  # above the parallel threshold
    outputs = {}
    for jobs in ("1", "4"):
        out = tmp_path / f"out{jobs}"
        proc = subprocess.run([*CLI, "convert", "-q", "--jobs", jobs, str(tmp_path / "in"), "-o", str(out)],
                              capture_output=True, text=True, timeout=120)
        assert proc.returncode == 1
        assert proc.stderr == f"{tmp_path / 'in' / 'doc999.txt'}:1: error: binary data (NUL byte), not a text transcription\n"
        outputs[jobs] = {p.name: p.read_bytes() for p in out.iterdir()}
    assert len(outputs["1"]) == 40
    assert outputs["1"] == outputs["4"]


@pytest.mark.parametrize("jobs", ["1", "3"])
def test_ctrl_c_leaves_no_partial_file(tmp_path: Path, jobs: str) -> None:
    """Ctrl-C (SIGINT to the whole process group, as a terminal sends it) in the middle of a batch."""
    one = tmp_path / "one.txt"
    body = SEED_TEXT[SEED_TEXT.index("SECRET"):]
    one.write_text(SEED_TEXT + body * 300, encoding="utf-8")  # about 2 MB: a conversion takes a while
    folder = tmp_path / "in"
    folder.mkdir()
    for k in range(24):
        (folder / f"doc{k:02d}.txt").write_bytes(one.read_bytes())
    expected = convert_file(str(one)).to_bytes()
    out = tmp_path / "out"
    proc = subprocess.Popen([*CLI, "convert", "-q", "--jobs", jobs, str(folder), "-o", str(out)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and not (out.exists() and any(p.suffix == ".xml" for p in out.iterdir())):
        time.sleep(0.02)
    time.sleep(0.3)
    os.killpg(proc.pid, signal.SIGINT)
    try:
        _, err = proc.communicate(timeout=30)
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
    assert proc.returncode != 0
    assert b"Traceback" not in err, err.decode()[-2000:]
    assert err.decode().endswith("tei-tools: interrupted\n")
    assert leftovers(out) == []
    done = sorted(out.iterdir())
    assert 0 < len(done) < 24, "the batch was not interrupted in the middle"
    for path in done:
        assert path.read_bytes() == expected, f"{path.name} is not a complete conversion"


# -- size --------------------------------------------------------------------------------------------

MEMORY_PROBE = PEAK_RSS + """

from tei_tools.convert_batch import convert_one
start = time.monotonic()
outcome = convert_one((sys.argv[1], sys.argv[2]))
assert outcome.ok, outcome.error
print(peak_rss(), time.monotonic() - start)
"""


def test_50_mb_transcription_in_bounded_time_and_memory(tmp_path: Path) -> None:
    """A 50 MB transcription (the seed's text over and over) converts in bounded time, and the peak
    memory of the whole process (interpreter included) stays within 10x the input (about 8.5x now)."""
    meta, body = SEED_TEXT[: SEED_TEXT.index("SECRET")], SEED_TEXT[SEED_TEXT.index("SECRET"):]
    source = tmp_path / "big.txt"
    with source.open("w", encoding="utf-8") as handle:
        handle.write(meta)
        size = len(meta)
        k = 0
        while size < 50_000_000:
            k += 1
            chunk = body.replace("~~their cause~~", f"~~their cause {k}~~") + "\n"
            handle.write(chunk)
            size += len(chunk.encode("utf-8"))
    size = source.stat().st_size
    target = tmp_path / "big.xml"
    proc = subprocess.run([sys.executable, "-c", MEMORY_PROBE, str(source), str(target)],
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr[-2000:]
    peak_bytes, seconds = proc.stdout.split()
    peak = int(peak_bytes)
    assert peak < 10 * size, f"peak memory {peak / 2**20:.0f} MiB for a {size / 2**20:.0f} MiB input"
    assert float(seconds) < 45
    tree = etree.parse(str(target), etree.XMLParser(huge_tree=True))
    assert len(tree.findall(f".//{TEI}del")) == k
    assert [el.text for el in tree.iterfind(f".//{TEI}del")][-1] == f"their cause {k}"

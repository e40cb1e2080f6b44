"""Issue 6, TEI files: hostile or broken XML given to ``tei-tools validate`` and ``tei-tools export``
is reported at once with one clear line and exit 1; nothing is read from disk or network, and time
and memory stay bounded.
"""

from __future__ import annotations

import http.server
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from memprobe import PEAK_RSS
from click.testing import CliRunner
from conftest import REPO

from tei_tools.cli import cli

HOSTILE = REPO / "tests" / "fixtures" / "hostile"
SEED_TEI = REPO / "encoded" / "000_b7f1513843f1d8cd.xml"
CANARY = "CANARY-7f3a9-do-not-leak"
BODY = '<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader/><text><body><div type="document"><p>{}</p></div></body></text></TEI>\n'

ENTITIES = "DOCTYPE declares entities; refused (entity expansion and external entities are not allowed)"
EXTERNAL_DTD = "DOCTYPE points at an external DTD; refused (external resources are never loaded)"
XINCLUDE = "XInclude is not processed; refused (nothing is included from disk or network)"

# fixture -> (line, validate message, export message); export is None where it is the same message.
CASES: dict[str, tuple[int | None, str, str | None]] = {
    "xxe-file": (2, ENTITIES, None),
    "xxe-network": (2, ENTITIES, None),
    "parameter-entity": (2, ENTITIES, None),
    "billion-laughs": (2, ENTITIES, None),
    "quadratic-blowup": (3, ENTITIES, None),
    "external-dtd": (2, EXTERNAL_DTD, None),
    "deep-nesting": (3, "not well-formed XML: Excessive depth in document: 256, use XML_PARSE_HUGE option", None),
    "not-well-formed": (4, "not well-formed XML: Opening and ending tag mismatch: teiHeader line 3 and teiheader", None),
    "not-xml": (1, "not well-formed XML: Start tag expected, '<' not found", None),
    "empty": (None, "empty file, not XML", None),
    "encoding-unknown": (1, "not well-formed XML: Unsupported encoding: X-NO-SUCH-ENCODING", None),
    "encoding-mismatch": (3, "not well-formed XML: Invalid bytes in character encoding", None),
    "xinclude": (20, "Did not expect element include there", XINCLUDE),
}


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


def validate(runner: CliRunner, path: Path):  # type: ignore[no-untyped-def]
    result = runner.invoke(cli, ["validate", "--jobs", "1", str(path)])
    assert "Traceback" not in result.output + result.stderr
    return result


def export_text(runner: CliRunner, path: Path, out: Path):  # type: ignore[no-untyped-def]
    result = runner.invoke(cli, ["export", "--to", "text", str(path), "-o", str(out)])
    assert "Traceback" not in result.output + result.stderr
    return result


def where(path: Path, line: int | None, col: bool) -> str:
    if line is None:
        return str(path)
    return f"{path}:{line}:0" if col else f"{path}:{line}"


@pytest.mark.parametrize("name", sorted(CASES))
def test_validate_reports_hostile_xml(runner: CliRunner, name: str) -> None:
    line, message, _ = CASES[name]
    path = HOSTILE / f"{name}.xml"
    start = time.monotonic()
    result = validate(runner, path)
    assert time.monotonic() - start < 5
    assert result.exit_code == 1
    assert result.stdout.splitlines()[0] == f"{where(path, line, True)}: error: {message}"
    assert result.stderr.startswith("1 file, 1 invalid, ")
    assert "root:x:" not in result.output


@pytest.mark.parametrize("name", sorted(CASES))
def test_export_reports_hostile_xml(runner: CliRunner, tmp_path: Path, name: str) -> None:
    line, message, export_message = CASES[name]
    path = HOSTILE / f"{name}.xml"
    out = tmp_path / "out.txt"
    start = time.monotonic()
    result = export_text(runner, path, out)
    assert time.monotonic() - start < 5
    assert result.exit_code == 1
    assert result.stderr == f"{where(path, line, False)}: error: {export_message or message}\n"
    assert result.stdout == ""
    assert not out.exists()


# -- nothing is read from disk --------------------------------------------------------------------


def hostile_local(tmp_path: Path) -> dict[str, str]:
    """Documents that try to read ``tmp_path/secret.txt`` in every way XML allows."""
    url = (tmp_path / "secret.txt").as_uri()
    return {
        "xxe-local": f'<?xml version="1.0"?>\n<!DOCTYPE TEI [<!ENTITY s SYSTEM "{url}">]>\n' + BODY.format("&s;"),
        "xxe-relative": '<?xml version="1.0"?>\n<!DOCTYPE TEI [<!ENTITY s SYSTEM "secret.txt">]>\n' + BODY.format("&s;"),
        "parameter-entity": f'<?xml version="1.0"?>\n<!DOCTYPE TEI [<!ENTITY % p SYSTEM "{(tmp_path / "evil.dtd").as_uri()}"> %p;]>\n'
        + BODY.format("&leak;"),
        "external-dtd": '<?xml version="1.0"?>\n<!DOCTYPE TEI SYSTEM "evil.dtd">\n' + BODY.format("&leak;"),
        "xinclude-text": BODY.format(f'<xi:include xmlns:xi="http://www.w3.org/2001/XInclude" href="{url}" parse="text"/>'),
        "xinclude-relative": BODY.format('<xi:include xmlns:xi="http://www.w3.org/2001/XInclude" href="secret.txt" parse="text"/>'),
        "doctype-late": BODY.replace("<TEI ", f'<!DOCTYPE TEI [<!ENTITY s SYSTEM "{url}">]>\n<TEI ', 1).format("&s;"),
        # past the 64 kB that safexml scans before parsing: caught after parsing, nothing loaded
        "doctype-after-64kb": f'<?xml version="1.0"?>\n<!-- {"x" * 70_000} -->\n<!DOCTYPE TEI [<!ENTITY s SYSTEM "{url}">]>\n'
        + BODY.format("&s;"),
    }


@pytest.mark.parametrize("name", sorted(hostile_local(Path("/nonexistent"))))
def test_local_files_are_never_read(runner: CliRunner, tmp_path: Path, name: str) -> None:
    (tmp_path / "secret.txt").write_text(CANARY + "\n", encoding="utf-8")
    (tmp_path / "evil.dtd").write_text(f'<!ENTITY leak "{CANARY}">\n', encoding="utf-8")
    path = tmp_path / f"{name}.xml"
    path.write_text(hostile_local(tmp_path)[name], encoding="utf-8")
    outputs = []
    result = validate(runner, path)
    assert result.exit_code == 1
    outputs.append(result.output + result.stderr)
    for fmt in ("text", "html", "transcription", "dc"):
        out = tmp_path / f"out.{fmt}"
        result = runner.invoke(cli, ["export", "--to", fmt, str(path), "-o", str(out)])
        assert result.exit_code == 1, (fmt, result.stderr)
        assert len(result.stderr.splitlines()) == 1 and result.stderr.startswith(f"{path}:")
        outputs.append(result.output + result.stderr + (out.read_text() if out.exists() else ""))
    assert not any(CANARY in text for text in outputs)


# -- nothing is read from the network --------------------------------------------------------------


@pytest.fixture
def http_server() -> Iterator[tuple[str, list[str]]]:
    """A local HTTP server that serves a canary and records every request made to it."""
    requests: list[str] = []

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802
            requests.append(self.path)
            body = f'<!ENTITY leak "{CANARY}">'.encode() if self.path.endswith(".dtd") else CANARY.encode()
            self.send_response(200)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: object) -> None:
            pass

    server = http.server.HTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}", requests
    finally:
        server.shutdown()


def test_network_is_never_used(runner: CliRunner, tmp_path: Path, http_server: tuple[str, list[str]]) -> None:
    base, requests = http_server
    documents = {
        "xxe-http": f'<?xml version="1.0"?>\n<!DOCTYPE TEI [<!ENTITY s SYSTEM "{base}/secret">]>\n' + BODY.format("&s;"),
        "pe-http": f'<?xml version="1.0"?>\n<!DOCTYPE TEI [<!ENTITY % p SYSTEM "{base}/evil.dtd"> %p;]>\n' + BODY.format("&leak;"),
        "dtd-http": f'<?xml version="1.0"?>\n<!DOCTYPE TEI SYSTEM "{base}/evil.dtd">\n' + BODY.format("x"),
        "dtd-public": f'<?xml version="1.0"?>\n<!DOCTYPE TEI PUBLIC "-//X//DTD X//EN" "{base}/evil.dtd">\n' + BODY.format("x"),
        "xinclude-http": BODY.format(f'<xi:include xmlns:xi="http://www.w3.org/2001/XInclude" href="{base}/secret" parse="text"/>'),
        "schema-location": BODY.replace("<TEI ", f'<TEI xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="x {base}/s.xsd" ', 1).format("x"),
        "xml-model": f'<?xml version="1.0"?>\n<?xml-model href="{base}/s.rng" type="application/xml"?>\n' + BODY.format("x"),
    }
    for name, text in documents.items():
        path = tmp_path / f"{name}.xml"
        path.write_text(text, encoding="utf-8")
        validated = validate(runner, path)
        exported = export_text(runner, path, tmp_path / f"{name}.txt")
        seen = validated.output + exported.output + exported.stderr
        if (tmp_path / f"{name}.txt").exists():
            seen += (tmp_path / f"{name}.txt").read_text()
        assert CANARY not in seen, name
        if name not in ("schema-location", "xml-model"):
            assert validated.exit_code == 1 and exported.exit_code == 1, name
    assert requests == []


# -- size: deep nesting, huge text nodes, bombs ------------------------------------------------------


def test_100000_deep_nesting(runner: CliRunner, tmp_path: Path) -> None:
    path = tmp_path / "deep.xml"
    path.write_text('<TEI xmlns="http://www.tei-c.org/ns/1.0">' + "<hi>" * 100_000 + "x" + "</hi>" * 100_000 + "</TEI>")
    message = "not well-formed XML: Excessive depth in document: 256, use XML_PARSE_HUGE option"
    result = validate(runner, path)
    assert result.exit_code == 1
    assert result.stdout == f"{path}:1:0: error: {message}\n"
    result = export_text(runner, path, tmp_path / "deep.txt")
    assert result.exit_code == 1
    assert result.stderr == f"{path}:1: error: {message}\n"


PROBE = PEAK_RSS + """

from click.testing import CliRunner
from tei_tools.cli import cli
start = time.monotonic()
result = CliRunner().invoke(cli, sys.argv[1:])
print(result.exit_code, peak_rss(), time.monotonic() - start)
print((result.stdout + result.stderr).strip())
"""


def probe(*args: str) -> tuple[int, int, float, str]:
    """Run the CLI in a fresh process; its exit code, peak memory (bytes), time, and output."""
    proc = subprocess.run([sys.executable, "-c", PROBE, *args], capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr[-2000:]
    first, _, rest = proc.stdout.partition("\n")
    code, peak, seconds = first.split()
    return int(code), int(peak), float(seconds), rest.strip()


@pytest.fixture(scope="module")
def huge_text_node(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A TEI file with a 100 MB text node (libxml2 refuses text nodes over 10 MB without huge_tree)."""
    path = tmp_path_factory.mktemp("huge") / "huge.xml"
    head, tail = SEED_TEI.read_bytes().split(b"We work closely", 1)
    with path.open("wb") as handle:
        handle.write(head)
        for _ in range(100):
            handle.write(b"lorem ipsum " * (1024 * 1024 // 12))
        handle.write(b"We work closely" + tail)
    return path


@pytest.mark.parametrize("command", [["validate", "--jobs", "1"], ["export", "--to", "text"]], ids=["validate", "export"])
def test_100_mb_text_node_is_refused_in_bounded_memory(huge_text_node: Path, command: list[str]) -> None:
    size = huge_text_node.stat().st_size
    assert size > 100_000_000
    code, peak, seconds, output = probe(*command, str(huge_text_node))
    assert code == 1
    line = huge_text_node.read_bytes()[:200_000].split(b"lorem ipsum", 1)[0].count(b"\n") + 1  # where the text node starts
    assert output.splitlines()[0] == f"{huge_text_node}:{line}{':0' if command[0] == 'validate' else ''}: error: not well-formed XML: Resource limit exceeded: Text node too long, try XML_PARSE_HUGE"
    assert peak < 3 * size  # the file itself is read into memory once; no tree of it is built
    assert seconds < 10


def test_billion_laughs_in_bounded_time_and_memory() -> None:
    code, peak, seconds, output = probe("validate", "--jobs", "1", str(HOSTILE / "billion-laughs.xml"))
    assert code == 1
    assert ENTITIES in output
    assert peak < 200 * 2**20 and seconds < 5


@pytest.mark.parametrize("command", [["validate", "--jobs", "1"], ["export", "--to", "text"]], ids=["validate", "export"])
def test_billion_laughs_after_64kb_of_prolog(tmp_path: Path, command: list[str]) -> None:
    """A DOCTYPE further in than safexml's pre-scan reaches the parser, whose entity limits hold."""
    path = tmp_path / "late.xml"
    bomb = (HOSTILE / "billion-laughs.xml").read_text(encoding="utf-8")
    path.write_text(bomb.replace("<!DOCTYPE", f"<!-- {'x' * 70_000} -->\n<!DOCTYPE", 1), encoding="utf-8")
    code, peak, seconds, output = probe(*command, str(path))
    assert code == 1
    assert output.splitlines()[0].startswith(f"{path}:1")
    assert "error: not well-formed XML: Maximum entity amplification factor exceeded" in output
    assert peak < 200 * 2**20 and seconds < 5


# -- declared encodings that are fine ----------------------------------------------------------------


@pytest.mark.parametrize(("encoding", "codec"), [("ISO-8859-1", "latin-1"), ("UTF-16", "utf-16"), ("windows-1252", "cp1252")])
def test_declared_encodings_are_honoured(runner: CliRunner, tmp_path: Path, encoding: str, codec: str) -> None:
    text = SEED_TEI.read_text(encoding="utf-8").replace('encoding="UTF-8"', f'encoding="{encoding}"', 1)
    text = text.replace("We work closely", "Caf\u00e9 \u00e0 la carte: we work closely")
    path = tmp_path / f"{codec}.xml"
    path.write_bytes(text.encode(codec))
    result = validate(runner, path)
    assert result.exit_code == 0, result.output
    out = tmp_path / "out.txt"
    assert export_text(runner, path, out).exit_code == 0
    assert "Caf\u00e9 \u00e0 la carte: we work closely" in out.read_text(encoding="utf-8")


def test_a_bad_file_does_not_stop_the_others(runner: CliRunner, tmp_path: Path) -> None:
    good = tmp_path / "good.xml"
    good.write_bytes(SEED_TEI.read_bytes())
    bad = HOSTILE / "xxe-file.xml"
    result = runner.invoke(cli, ["validate", "--jobs", "1", str(bad), str(good)])
    assert result.exit_code == 1
    assert result.stderr == "2 files, 1 invalid, 1 error\n"
    out = tmp_path / "out"
    result = runner.invoke(cli, ["export", "--to", "text", str(bad), str(good), "-o", str(out)])
    assert result.exit_code == 1
    assert result.stderr == f"{bad}:2: error: {ENTITIES}\nexported 1 of 2 files to {out} (text)\n"
    assert sorted(p.name for p in out.iterdir()) == ["good.text.txt"]

"""Tests for ``tei-tools export`` and the exporters (html, text, transcription, dc).

Golden files live in ``tests/golden/<source>.<format-extension>``; rewrite them with
``pytest --update-golden`` (or ``TEI_TOOLS_UPDATE_GOLDEN=1``) and review ``git diff tests/golden``.
Outputs that do not match are kept under pytest's temporary folder for inspection.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from lxml import etree
from lxml import html as lxml_html

from tei_tools.cli import cli
from tei_tools.errors import UsageError, XMLInputError
from tei_tools.export import FORMATS, export, get_format, known_formats
from tei_tools.export.common import plain
from tei_tools.safexml import TEI_NS, parse_bytes, parse_file

ROOT = Path(__file__).resolve().parent.parent
GOLDEN = Path(__file__).resolve().parent / "golden"
REFERENCE = ROOT.parent / "shared" / "reference" / "seed-reference.xml"
SEEDS = sorted((ROOT / "seeds").glob("*.txt"))
ENCODED = sorted((ROOT / "encoded").glob("*.xml"))
FIXTURES = sorted((ROOT / "tests" / "fixtures" / "valid").glob("*.xml"))
CORPUS = sorted((ROOT / "tests" / "corpus").rglob("*.txt")) if (ROOT / "tests" / "corpus").is_dir() else []
FORMAT_NAMES = known_formats()
T = f"{{{TEI_NS}}}"

# Every TEI document the exporters must handle: the hand-made reference (when shared/ is beside the
# project), every encoded file, and the schema's valid fixtures.
TEI_FILES = ([REFERENCE] if REFERENCE.exists() else []) + ENCODED + FIXTURES
# ... and the TEI the converter makes of the test corpus (when the converter is there).
TEI_SOURCES = TEI_FILES + CORPUS
TEI_IDS = [f"{p.parent.name}/{p.name}" for p in TEI_SOURCES]


@pytest.fixture(params=TEI_SOURCES, ids=TEI_IDS)
def tei_doc(request: pytest.FixtureRequest) -> etree._ElementTree:
    """A TEI document: a file, or a corpus transcription converted."""
    path: Path = request.param
    if path.suffix == ".xml":
        return parse_file(path)
    try:
        from tei_tools.conversion import convert as convert_corpus_text
    except ImportError:
        pytest.skip("tei_tools.conversion not available")
    return parse_bytes(convert_corpus_text(path.read_text(encoding="utf-8"), name=path.name).to_bytes())

needs_reference = pytest.mark.skipif(not REFERENCE.exists(), reason="shared/reference/seed-reference.xml absent")


def tei(body: str, header: str = "", lang: str = "en") -> etree._ElementTree:
    """A small TEI document for focused tests."""
    return parse_bytes(
        f'<TEI xmlns="{TEI_NS}" xml:lang="{lang}"><teiHeader>{header}</teiHeader>'
        f"<text><body>{body}</body></text></TEI>".encode()
    )


# -- registry ---------------------------------------------------------------------------------------


def test_registry_lists_the_four_formats() -> None:
    assert FORMAT_NAMES == ["dc", "html", "text", "transcription"]
    assert all(get_format(name).module == f"tei_tools.export.{name}" for name in FORMAT_NAMES)


def test_unknown_format_is_a_usage_error_listing_known_ones() -> None:
    with pytest.raises(UsageError) as info:
        export(tei("<p>x</p>"), "pdf")
    assert info.value.exit_code == 2
    assert str(info.value) == "error: unknown export format 'pdf' (known: dc, html, text, transcription)"


def test_not_tei_is_an_input_error() -> None:
    with pytest.raises(XMLInputError, match="not a TEI document: the root element is <html>"):
        export(parse_bytes(b"<html/>"), "text")


@pytest.mark.parametrize("fmt", FORMAT_NAMES)
def test_minimal_document_without_header_exports(fmt: str) -> None:
    tree = parse_bytes(f'<TEI xmlns="{TEI_NS}"><text><body><p>Only <del>this</del>.</p></body></text></TEI>'.encode())
    out = export(tree, fmt)
    assert isinstance(out, str) and out.endswith("\n")


# -- golden files -----------------------------------------------------------------------------------


def golden_cases() -> list[tuple[Path, str]]:
    """The reference encoding and the encoded seeds, in every format."""
    seed_stems = {p.stem for p in SEEDS}
    sources = ([REFERENCE] if REFERENCE.exists() else []) + [p for p in ENCODED if p.stem in seed_stems]
    return [(source, fmt) for source in sources for fmt in FORMAT_NAMES]


def golden_name(source: Path, fmt: str) -> str:
    """``seed-reference.html``, ``seed-reference.text.txt``, ``seed-reference.dc.xml``..."""
    stem, extension = source.name[: -len(".xml")], FORMATS[fmt].extension
    return stem + (extension if extension.startswith(f".{fmt}") else f".{fmt}{extension}")


@pytest.mark.parametrize(
    ("source", "fmt"), golden_cases(), ids=[f"{s.name}-{f}" for s, f in golden_cases()]
)
def test_golden(source: Path, fmt: str, update_golden: bool, tmp_path: Path) -> None:
    out = export(parse_file(source), fmt)
    assert isinstance(out, str)
    golden = GOLDEN / golden_name(source, fmt)
    if update_golden:
        golden.parent.mkdir(exist_ok=True)
        golden.write_text(out, encoding="utf-8", newline="")
        return
    if not golden.exists():
        pytest.fail(f"no golden file {golden.relative_to(ROOT)}: run pytest --update-golden and review it")
    expected = golden.read_text(encoding="utf-8")
    if out != expected:
        kept = tmp_path / golden.name
        kept.write_text(out, encoding="utf-8", newline="")
        first = next(i for i, (a, b) in enumerate(zip(out.splitlines() + [""], expected.splitlines() + [""])) if a != b)
        pytest.fail(
            f"{golden.name} differs from the golden file at line {first + 1}:\n"
            f"  got:      {(out.splitlines() + [''])[first]!r}\n"
            f"  expected: {(expected.splitlines() + [''])[first]!r}\n"
            f"output kept in {kept}; accept it with pytest --update-golden"
        )


# -- every TEI file, every format -------------------------------------------------------------------


@pytest.mark.parametrize("fmt", FORMAT_NAMES)
@pytest.mark.parametrize("path", ENCODED, ids=[p.name for p in ENCODED])
def test_every_encoded_file_exports(path: Path, fmt: str) -> None:
    out = export(parse_file(path), fmt)
    assert isinstance(out, str) and out.strip() and out.endswith("\n") and "\x00" not in out and "\x01" not in out


def words(text: str) -> list[str]:
    return re.findall(r"[\w']+", text)


def test_text_keeps_every_word_in_order(tei_doc: etree._ElementTree) -> None:
    tree = tei_doc
    out = export(tree, "text")
    assert isinstance(out, str)
    # word by text node: markup between two text nodes (addrLine, pb, supplied) separates words
    expected = [w for chunk in tree.find(f"{T}text").xpath(".//text()") for w in words(chunk)]
    got = words(re.sub(r"\[(?:deleted: |added: )?|\]|\[Page \d+\]|\[gap[^\]]*\]|\[sic\]", " ", out))
    got_iter = iter(got)
    missing = [w for w in expected if not any(w == g for g in got_iter)]
    assert not missing, f"words of the TEI text missing from the text export: {missing[:10]}"
    assert "\n\n\n" not in out and not out.startswith("\n")
    for deleted in tree.iter(f"{T}del"):
        assert f"[deleted: {plain(deleted)}]" in out


def page(path: Path) -> lxml_html.HtmlElement:
    return lxml_html.document_fromstring(export(parse_file(path), "html"))


def test_html_is_standalone_and_complete(tei_doc: etree._ElementTree) -> None:
    tree = tei_doc
    out = export(tree, "html")
    assert isinstance(out, str) and out.startswith("<!DOCTYPE html>\n<html lang=")
    doc = lxml_html.document_fromstring(out)
    assert doc.get("lang") == tree.getroot().get("{http://www.w3.org/XML/1998/namespace}lang", "und")
    # no external resources: no scripts, stylesheets, images, frames, fonts or imports
    assert not doc.xpath("//script | //link | //img | //iframe | //object | //embed | //*[@src]")
    assert not re.search(r"url\(|@import", "".join(doc.xpath("//style/text()")))
    assert doc.xpath("count(//main)") == 1 and doc.xpath("count(//h1)") == 1
    # what the TEI has, the reader sees
    assert len(doc.xpath("//del")) == len(list(tree.iter(f"{T}del")))
    stamps = [s for s in tree.iter(f"{T}stamp")] + [
        fw for fw in tree.iter(f"{T}fw") if fw.get("type") == "stamp" and fw.find(f"{T}stamp") is None
    ]
    assert len(doc.xpath("//*[contains(concat(' ', @class, ' '), ' stamp ')]")) == len(stamps)
    pages = [f"Page {pb.get('n')}" for pb in tree.iter(f"{T}pb")]
    assert [s.get("aria-label") for s in doc.xpath("//*[@role='separator']")] == pages
    labels = [lab.text for p in tree.iter(f"{T}p") for lab in p.findall(f"{T}label")[:1]]
    assert [s.text for s in doc.xpath("//span[@class='para-num']")] == labels
    gaps = doc.xpath("//abbr[contains(@class, 'gap')]")
    assert len(gaps) == len(list(tree.iter(f"{T}gap"))) and all(g.get("title") for g in gaps)
    for target in (r.get("target") for r in tree.iter(f"{T}ref") if r.get("target", "").startswith("http")):
        assert doc.xpath("//a[@href=$t]", t=target)


def test_html_of_reference_shows_header_panel() -> None:
    if not REFERENCE.exists():
        pytest.skip("shared/reference/seed-reference.xml absent")
    doc = page(REFERENCE)
    panel = {dt.text_content(): dt.getnext().text_content() for dt in doc.xpath("//section[@class='metadata']//dt")}
    assert panel["Date"] == "April, 1962"
    assert panel["Archive"] == "The National Archives of the UK"
    assert panel["Reference"] == "FO 371/165784 (formerly 1071/91)"
    assert panel["Summary"].startswith("A defensive brief written for Harold Macmillan's")
    assert panel["Original language"] == "English"
    assert panel["URL"] == "https://digitalarchive.wilsoncenter.org/document/230126"
    assert panel["Licence"].startswith("Reproduced from 'Cold War Eastern Europe'")
    assert doc.xpath("string(//p[@class='classification'])") == "SECRET"
    assert doc.xpath("//h2[@class='doc-head']/br") and doc.xpath("//del[.='their cause']")
    assert doc.xpath("//title/text()") == [
        "Prime Minister's Visit to Washington, April 1962, Defensive Brief No. 1, 'Sino-Soviet Relations'"
    ]


def test_html_escapes_text_and_refuses_unsafe_links() -> None:
    tree = tei(
        '<p>&lt;script&gt;alert(1)&lt;/script&gt; &amp; <ref target="javascript:alert(1)">bad</ref> '
        '<ref target="https://example.org/?a=1&amp;b=&quot;2&quot;">good</ref>'
        '<gap reason="redacted" quantity="2" unit="lines"><desc>"quoted" &lt;desc&gt;</desc></gap></p>',
        header='<fileDesc><titleStmt><title>&lt;b&gt;Title&lt;/b&gt;</title></titleStmt></fileDesc>',
    )
    out = export(tree, "html")
    assert isinstance(out, str)
    assert "<script>" not in out and "&lt;script&gt;alert(1)&lt;/script&gt; &amp;" in out
    assert "<title>&lt;b&gt;Title&lt;/b&gt;</title>" in out
    doc = lxml_html.document_fromstring(out)
    assert not doc.xpath("//a[starts-with(@href, 'javascript')]")
    assert doc.xpath("//a/@href")[-1] == 'https://example.org/?a=1&b="2"'
    assert doc.xpath("//abbr[@class='gap gap-redacted']/@title") == [
        'Redacted in the released copy (2 lines): "quoted" <desc>.'
    ]


def test_html_lang_defaults_to_undetermined() -> None:
    tree = parse_bytes(f'<TEI xmlns="{TEI_NS}"><text><body><p>x</p></body></text></TEI>'.encode())
    assert '<html lang="und">' in str(export(tree, "html"))


# -- Dublin Core ------------------------------------------------------------------------------------

OAI_DC = "http://www.openarchives.org/OAI/2.0/oai_dc/"
DC = "http://purl.org/dc/elements/1.1/"
# The structure of http://www.openarchives.org/OAI/2.0/oai_dc.xsd and its simpledc20021212.xsd import:
# oai_dc:dc holds any number of the fifteen dc elements, in any order, each text with an optional xml:lang.
OAI_DC_XSD = f"""<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" targetNamespace="{OAI_DC}"
  xmlns:oai_dc="{OAI_DC}" xmlns:dc="{DC}" elementFormDefault="qualified">
  <xs:import namespace="{DC}" schemaLocation="dc.xsd"/>
  <xs:element name="dc"><xs:complexType><xs:choice minOccurs="0" maxOccurs="unbounded">
    {''.join(f'<xs:element ref="dc:{n}"/>' for n in ("title", "creator", "subject", "description", "publisher",
    "contributor", "date", "type", "format", "identifier", "source", "language", "relation", "coverage", "rights"))}
  </xs:choice></xs:complexType></xs:element>
</xs:schema>"""
DC_XSD = f"""<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" targetNamespace="{DC}"
  elementFormDefault="qualified">
  <xs:complexType name="elementType"><xs:simpleContent><xs:extension base="xs:string">
    <xs:anyAttribute namespace="http://www.w3.org/XML/1998/namespace" processContents="skip"/>
  </xs:extension></xs:simpleContent></xs:complexType>
  {''.join(f'<xs:element name="{n}" type="elementType" xmlns="{DC}"/>' for n in ("title", "creator", "subject",
  "description", "publisher", "contributor", "date", "type", "format", "identifier", "source", "language",
  "relation", "coverage", "rights"))}
</xs:schema>"""


@pytest.fixture(scope="module")
def oai_dc_schema(tmp_path_factory: pytest.TempPathFactory) -> etree.XMLSchema:
    folder = tmp_path_factory.mktemp("xsd")
    (folder / "dc.xsd").write_text(DC_XSD, encoding="utf-8")
    (folder / "oai_dc.xsd").write_text(OAI_DC_XSD, encoding="utf-8")
    return etree.XMLSchema(etree.parse(str(folder / "oai_dc.xsd")))


def test_dc_is_valid_oai_dc(tei_doc: etree._ElementTree, oai_dc_schema: etree.XMLSchema) -> None:
    out = export(tei_doc, "dc")
    assert isinstance(out, str) and out.startswith('<?xml version="1.0" encoding="UTF-8"?>\n')
    record = parse_bytes(out.encode())
    assert oai_dc_schema.validate(record), oai_dc_schema.error_log
    root = record.getroot()
    assert root.get("{http://www.w3.org/2001/XMLSchema-instance}schemaLocation") == (
        f"{OAI_DC} http://www.openarchives.org/OAI/2.0/oai_dc.xsd"
    )
    names = [etree.QName(e).localname for e in root]
    assert {"title", "type", "format"} <= set(names)
    for date in root.findall(f"{{{DC}}}date"):
        assert re.fullmatch(r"\d{4}(-\d{2}(-\d{2})?)?(/\d{4}(-\d{2}(-\d{2})?)?)?", date.text or "")
    for lang in root.findall(f"{{{DC}}}language"):
        assert re.fullmatch(r"[a-z]{2,3}(-[A-Za-z0-9]+)*", lang.text or "")


@needs_reference
def test_dc_of_reference_has_every_field() -> None:
    record = parse_bytes(str(export(parse_file(REFERENCE), "dc")).encode()).getroot()
    got = {etree.QName(e).localname: e.text for e in record}
    assert got["date"] == "1962-04" and got["language"] == "en" and got["type"] == "Text"
    assert got["identifier"] == "https://digitalarchive.wilsoncenter.org/document/230126"
    assert got["source"].startswith('"Prime Minister') and got["source"].endswith("Contributed by Balazs Szalontai.")
    assert got["rights"].startswith("Reproduced from") and got["description"].startswith("A defensive brief")
    assert "Balazs Szalontai" in [e.text for e in record.findall(f"{{{DC}}}contributor")]


# -- transcription ----------------------------------------------------------------------------------


@needs_reference
def test_transcription_of_reference_is_the_seed() -> None:
    """The hand-made reference exports to the seed transcription, apart from its richer Contents note
    and the blank lines at the seed's top."""
    seed = (ROOT.parent / "shared" / "seeds" / "000_b7f1513843f1d8cd.txt").read_text(encoding="utf-8")
    out = str(export(parse_file(REFERENCE), "transcription"))
    out = re.sub(r"- Scan of Original Document \(.*\)\.", "- Scan of Original Document", out)
    assert out == seed.lstrip("\n") + "\n"


def test_transcription_marks_editorial_content() -> None:
    tree = tei(
        '<div><p n="3"><label>3.</label> The <del rend="strikethrough">old</del> text <sic>teh</sic> '
        '<gap reason="illegible"><desc>illegible</desc></gap> Ivanov <supplied>Khrushchev</supplied> '
        '<note type="editorial">Translator\'s note: x</note> <stamp>RECEIVED</stamp> '
        '<hi rend="bold">bold</hi>.</p></div>'
    )
    assert export(tree, "transcription") == (
        "3. The ~~old~~ text teh [sic] [illegible] Ivanov [Khrushchev] [Translator's note: x] "
        "[Stamp: RECEIVED] **bold**.\n"
    )


# -- the command ------------------------------------------------------------------------------------


@pytest.fixture
def two_files(tmp_path: Path) -> list[Path]:
    files = []
    for name, word in (("a.xml", "alpha"), ("b.xml", "beta")):
        path = tmp_path / "in" / name
        path.parent.mkdir(exist_ok=True)
        path.write_text(f'<TEI xmlns="{TEI_NS}" xml:lang="en"><text><body><p>{word}</p></body></text></TEI>')
        files.append(path)
    return files


def run(*args: str) -> Result:
    return CliRunner().invoke(cli, ["export", *args], catch_exceptions=False)


def test_cli_one_file_to_stdout(two_files: list[Path]) -> None:
    result = run(str(two_files[0]), "--to", "text")
    assert (result.exit_code, result.output) == (0, "alpha\n")


def test_cli_one_file_to_file(two_files: list[Path], tmp_path: Path) -> None:
    result = run(str(two_files[0]), "--to", "html", "-o", str(tmp_path / "a.html"))
    assert result.exit_code == 0 and result.output == ""
    assert "<p class=\"para\">alpha</p>" in (tmp_path / "a.html").read_text(encoding="utf-8")


@pytest.mark.parametrize(("fmt", "suffix"), [("html", ".html"), ("text", ".text.txt"), ("transcription", ".transcription.txt"),
                                             ("dc", ".dc.xml")])
def test_cli_folder_to_folder(two_files: list[Path], tmp_path: Path, fmt: str, suffix: str) -> None:
    result = run(str(two_files[0].parent), "--to", fmt, "-o", str(tmp_path / "out"))
    assert result.exit_code == 0
    assert result.stderr == f"exported 2 of 2 files to {tmp_path / 'out'} ({fmt})\n"
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == [f"a{suffix}", f"b{suffix}"]


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (["--to", "pdf"], 2, "error: unknown export format 'pdf' (known: dc, html, text, transcription)\n"),
        (["--to", "text", "SECOND"], 2, "error: several inputs or a folder: give an output folder with -o DIR\n"),
    ],
)
def test_cli_usage_errors(two_files: list[Path], args: list[str], code: int, message: str) -> None:
    args = [str(two_files[1]) if a == "SECOND" else a for a in args]
    result = CliRunner().invoke(cli, ["export", str(two_files[0]), *args])
    assert result.exit_code == code
    assert result.output.endswith(message)


def test_cli_folder_input_skips_dc_records(two_files: list[Path]) -> None:
    folder = two_files[0].parent
    assert run(str(folder), "--to", "dc", "-o", str(folder)).exit_code == 0
    result = run(str(folder), "--to", "dc", "-o", str(folder))
    assert result.exit_code == 0 and result.stderr == f"exported 2 of 2 files to {folder} (dc)\n"


def test_cli_goes_on_after_a_bad_file(two_files: list[Path], tmp_path: Path) -> None:
    bad = two_files[0].parent / "bad.xml"
    bad.write_text("<TEI><p></TEI>")
    result = CliRunner().invoke(cli, ["export", str(two_files[0]), str(bad), str(two_files[1]), "--to", "text",
                                      "-o", str(tmp_path / "out")])
    assert result.exit_code == 1
    assert f"{bad}:1: error: not well-formed XML" in result.output
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["a.text.txt", "b.text.txt"]


# -- the round trip: convert(export(convert(x))) == convert(x) -----------------------------------------

try:
    from tei_tools.conversion import convert as convert_text
except ImportError:  # the converter is not there yet
    convert_text = None  # type: ignore[assignment]

needs_converter = pytest.mark.skipif(convert_text is None, reason="tei_tools.conversion not available")
ROUND_TRIP = SEEDS + CORPUS


def first_difference(got: bytes, expected: bytes) -> str:
    """The first differing line of two serialisations, for a readable failure."""
    a, b = got.decode().splitlines(), expected.decode().splitlines()
    for k, (x, y) in enumerate(zip(a + [""] * len(b), b + [""] * len(a))):
        if x != y:
            return f"line {k + 1}:\n  round trip: {x.strip()!r}\n  original:   {y.strip()!r}"
    return "no difference"


def round_trip(text: str, name: str, tmp_path: Path | None = None) -> None:
    first = convert_text(text, name=name)
    transcription = export(first.tree, "transcription")
    assert isinstance(transcription, str)
    second = convert_text(transcription, name=name)
    if second.to_bytes() != first.to_bytes():
        if tmp_path is not None:
            (tmp_path / "exported.txt").write_text(transcription, encoding="utf-8")
            (tmp_path / "original.xml").write_bytes(first.to_bytes())
            (tmp_path / "round-trip.xml").write_bytes(second.to_bytes())
        pytest.fail(f"{name}: the round trip changes the TEI at {first_difference(second.to_bytes(), first.to_bytes())}"
                    + (f"\n(files kept in {tmp_path})" if tmp_path else "") + f"\nexported transcription:\n{transcription}")


@needs_converter
@pytest.mark.parametrize("path", ROUND_TRIP, ids=[p.name for p in ROUND_TRIP])
def test_transcription_round_trip(path: Path, tmp_path: Path) -> None:
    round_trip(path.read_text(encoding="utf-8"), path.name, tmp_path)


try:
    from hypothesis import HealthCheck, given, settings
    from hypothesis import strategies as st
except ImportError:  # pragma: no cover - hypothesis is a test dependency
    st = None  # type: ignore[assignment]

if st is not None and convert_text is not None:
    WORDS = st.sampled_from(["we", "the", "Americans", "policy", "of", "trade", "with", "China", "Moscow", "1962",
                             "agreed", "dispute", "and", "in", "January", "Soviet", "its", "NATO", "relations"])
    MARKS = st.sampled_from(["~~their cause~~", "[illegible]", "teh [sic]", "Ivanov [Khrushchev]", "[...]",
                             "[handwritten: approved]", "[Translator's note: sic in original]", "**Note**",
                             "[Stamp: RECEIVED 4 MAY 1962]", "[2 lines not declassified]"])

    @st.composite
    def sentences(draw: st.DrawFn, closed: bool = True, marks: bool = True) -> str:
        """Words with, in the document (not in the metadata), markup and editorial brackets."""
        word = st.one_of(WORDS, WORDS, WORDS, MARKS) if marks else WORDS
        parts = draw(st.lists(word, min_size=3, max_size=14))
        text = " ".join(parts)
        text = text[0].upper() + text[1:]
        return text + "." if closed else text

    @st.composite
    def transcriptions(draw: st.DrawFn) -> str:
        out: list[str] = []
        if draw(st.booleans()):
            head = []
            if draw(st.booleans()):
                head.append(draw(st.sampled_from(["**April, 1962**", "**3 May 1959**", "**1956**"])))
            head.append("**" + draw(sentences(closed=False, marks=False)) + "**")
            out.append("  \n".join(head))
            if draw(st.booleans()):
                citation = draw(sentences(marks=False)) + " The National Archives of the UK, FO 371/1. Contributed by Ann Lee."
                out += ["**Citation:**", citation + "  \n<https://digitalarchive.wilsoncenter.org/document/1>"]
            for label, body in (("Summary", draw(sentences(marks=False))), ("Original Language", "Russian")):
                if draw(st.booleans()):
                    out += [f"**{label}:**", body]
            if draw(st.booleans()):
                out += ["**Contents:**", "- Scan of Original Document\n- Translation - English"]
        if draw(st.booleans()):
            out.append(draw(st.sampled_from(["SECRET", "TOP SECRET", "CONFIDENTIAL"])))
        if draw(st.booleans()):
            out.append("  \n".join(draw(sentences(closed=False)) for _ in range(draw(st.integers(1, 3)))))
            out.append("---")
        number = 1
        for _ in range(draw(st.integers(1, 5))):
            kind = draw(st.sampled_from(["plain", "numbered", "numbered", "broken", "stamp", "bracket-stamp"]))
            if kind == "stamp":
                out.append("THIS IS A COPY  \nORIGINAL HAS BEEN RETAINED  \nUNDER SECTION 3(4) OF THE PUBLIC RECORDS ACT 1958")
                continue
            if kind == "bracket-stamp":
                out.append("[Stamp: RECEIVED 4 MAY 1962]")
                continue
            text = " ".join(draw(sentences()) for _ in range(draw(st.integers(1, 3))))
            if kind == "numbered":
                number += 1
                text = f"{number}. {text}"
            if kind == "broken":
                text = text.rstrip(".") + "\n\n" + "we " + draw(sentences())
            out.append(text)
        return "\n\n".join(out) + "\n"

    @needs_converter
    @settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(transcriptions())
    def test_transcription_round_trip_property(text: str) -> None:
        round_trip(text, "generated.txt")

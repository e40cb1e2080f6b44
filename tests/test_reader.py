"""Unit tests of the reader and writer, one convention at a time (issue 2 and 3 conventions)."""

from __future__ import annotations

import pytest

from tei_tools import convert
from tei_tools.citation import read_citation
from tei_tools.dates import read_date
from tei_tools.languages import lookup
from tei_tools.reader.body import classification_of

NS = {"t": "http://www.tei-c.org/ns/1.0"}


def tei(text: str):
    return convert(text).tree


def xp(tree, path: str):
    return tree.xpath(path, namespaces=NS)


def doc(body: str, meta: str = "") -> str:
    return meta + body


# --- dates, languages, citations --------------------------------------------------------------


@pytest.mark.parametrize(
    ("printed", "when", "not_before", "not_after"),
    [
        ("April, 1962", "1962-04", None, None),
        ("March 25, 1959", "1959-03-25", None, None),
        ("4th May, 1951", "1951-05-04", None, None),
        ("June 07, 1963", "1963-06-07", None, None),
        ("1950", "1950", None, None),
        ("25 March 1959", "1959-03-25", None, None),
        ("Sept. 3, 1961", "1961-09-03", None, None),
        ("c. 1960", None, "1955", "1965"),
        ("1960s", None, "1960", "1969"),
        ("1960-61", None, "1960", "1961"),
        ("undated", None, None, None),
        ("[1959]", "1959", None, None),
        ("May 1-3, 1960", None, "1960-05-01", "1960-05-03"),
        ("February 30, 1960", None, None, None),
    ],
)
def test_dates(printed: str, when: str | None, not_before: str | None, not_after: str | None) -> None:
    value = read_date(printed)
    assert (value.printed, value.when, value.not_before, value.not_after) == (printed, when, not_before, not_after)


@pytest.mark.parametrize(
    ("name", "code"),
    [("English", "en"), ("Russian", "ru"), ("Chinese", "zh"), ("Polish", "pl"), ("Japanese", "ja"),
     ("German", "de"), ("Hungarian", "hu"), ("Chinese (Mandarin)", "zh"), ("Russian, German", "ru"), ("Elvish", None)],
)
def test_languages(name: str, code: str | None) -> None:
    assert lookup(name).code == code


@pytest.mark.parametrize(
    ("tail", "repository", "idno", "former"),
    [
        ("The National Archives of the UK, FO 371/165784 (formerly 1071/91), Subject: 'x'.", "The National Archives of the UK", "FO 371/165784", "1071/91"),
        ("GARF, f. 5446, op. 1, d. 20, l. 3. Translated by Gary Goldberg.", "GARF", "f. 5446, op. 1, d. 20, l. 3", None),
        ("AVP RF, f. 0100, op. 46, p. 362, d. 12, ll. 1-4.", "AVP RF", "f. 0100, op. 46, p. 362, d. 12, ll. 1-4", None),
        ("PRC FMA 105-00501-07. Translated by Neil Silver.", "PRC FMA", "105-00501-07", None),
        ("Polish Central Archives of Modern Records (AAN), KC PZPR, XI A/10, k. 1-5.", "Polish Central Archives of Modern Records (AAN)", "KC PZPR, XI A/10, k. 1-5", None),
    ],
)
def test_citation_archive(tail: str, repository: str, idno: str, former: str | None) -> None:
    archive = read_citation(f'"T," 1960, History and Public Policy Program Digital Archive, {tail}').archive
    assert archive is not None
    assert (archive.repository, archive.idno, archive.former) == (repository, idno, former)


def test_citation_people_and_licence() -> None:
    parts = read_citation(
        '"T," 1960, History and Public Policy Program Digital Archive, GARF, f. 1. Reproduced from \'Book\' with the '
        "permission of Routledge. Contributed by A. B. Smith. Translated for CWIHP by Jan Kowalski and Ewa Nowak."
    )
    assert parts.licence == "Reproduced from 'Book' with the permission of Routledge."
    assert parts.contributors == ["A. B. Smith"]
    assert parts.translators == ["Jan Kowalski", "Ewa Nowak"]


def test_citation_without_archive() -> None:
    assert read_citation('"T," 1960, History and Public Policy Program Digital Archive. Contributed by X.').archive is None


# --- classification ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("line", "level"),
    [
        ("SECRET", "SECRET"), ("TOP SECRET", "TOP SECRET"), ("Top Secret", "TOP SECRET"),
        ("CONFIDENTIAL", "CONFIDENTIAL"), ("C O N F I D E N T I A L", "CONFIDENTIAL"),
        ("T O P  S E C R E T", "TOP SECRET"), ("STRICTLY SECRET", "STRICTLY SECRET"),
        ("RESTRICTED", "RESTRICTED"), ("UNCLASSIFIED", "UNCLASSIFIED"), ("SECRET//NOFORN", "SECRET"),
        ("Priority: Routine", None), ("NOFORN", None), ("The secret talks", None), ("secret", None),
    ],
)
def test_classification_lines(line: str, level: str | None) -> None:
    assert classification_of(line) == level


def test_classification_at_end_of_line() -> None:
    tree = tei("MEMORANDUM FOR THE RECORD            SECRET\n\n---\n\nThe meeting was held on Tuesday and lasted three hours without a break.\n")
    assert xp(tree, "string(//t:head/t:seg[@type='classification'])") == "SECRET"
    assert xp(tree, "normalize-space(//t:head)") == "MEMORANDUM FOR THE RECORD SECRET"


def test_classification_spaced_out_keeps_printed_form() -> None:
    tree = tei("C O N F I D E N T I A L\n\n---\n\nText of the document follows here in one sentence.\n")
    seg = xp(tree, "//t:seg[@type='classification']")[0]
    assert (seg.text, seg.get("subtype")) == ("C O N F I D E N T I A L", "confidential")


# --- paragraphs -------------------------------------------------------------------------------


def test_numbered_paragraphs_with_continuations() -> None:
    tree = tei("SECRET\n\n---\n\n1. First.\n\nAn unnumbered continuation.\n\n2. Second.\n\n(3) Third in brackets.\n")
    assert xp(tree, "//t:p/@n") == ["1", "2", "3"]
    assert xp(tree, "//t:p/t:label/text()") == ["1.", "2.", "(3)"]
    assert xp(tree, "count(//t:body//t:p[not(@n)])") == 1


def test_non_ascending_number_is_kept_as_text() -> None:
    result = convert("---\n\n2. Two.\n\n1. One again.\n")
    assert xp(result.tree, "//t:p/@n") == ["2"]
    assert xp(result.tree, "string((//t:body//t:p)[2])") == "1. One again."
    assert [d.code for d in result.report if d.code not in {"no-metadata", "title"}] == ["paragraph-number"]


def test_telegram_number_in_heading_is_not_a_paragraph_number() -> None:
    tree = tei("SECRET\n\nFROM: AMEMBASSY MOSCOW  \nTO: SECSTATE WASHDC  \n2345.\n\n---\n\n1. The minister said he would see us.\n")
    assert xp(tree, "//t:p/@n") == ["1"]
    assert "2345." in xp(tree, "string(//t:div)")


def test_broken_paragraph_becomes_one_p_with_gap() -> None:
    result = convert("---\n\n2. At least until recently. In January\n\nwe have always thought it unlikely.\n")
    assert xp(result.tree, "count(//t:body//t:p)") == 1
    assert xp(result.tree, "count(//t:p/t:gap[@reason='missing'])") == 1
    assert [d.code for d in result.report if d.code not in {"no-metadata", "title"}] == ["gap"]


def test_deletion() -> None:
    tree = tei("---\n\nThe damage to ~~their cause~~ which has been done.\n")
    assert xp(tree, "//t:del[@rend='strikethrough']/text()") == ["their cause"]


# --- stamps and page breaks -------------------------------------------------------------------

STAMP = "THIS IS A COPY  \nORIGINAL HAS BEEN RETAINED  \nUNDER SECTION 3(4) OF THE PUBLIC RECORDS ACT 1958\n"


def test_stamp_closes_page() -> None:
    result = convert(f"---\n\n1. Page one text.\n\n{STAMP}\n2. Page two text.\n\n{STAMP}")
    assert xp(result.tree, "count(//t:fw[@type='stamp']/t:stamp[@type='archival'][@subtype='retention'])") == 2
    assert xp(result.tree, "//t:pb/@n") == ["1", "2"]
    assert xp(result.tree, "count((//t:stamp)[1]/t:lb)") == 2
    assert [d.code for d in result.report if d.code not in {"no-metadata", "title"}] == ["page-break"]


def test_bracketed_stamp_over_several_lines() -> None:
    tree = tei("---\n\nText of the letter follows in one sentence here.\n\n[Stamp: RECEIVED 12 MAY 1959\nREGISTRY NO. 1234]\n")
    stamp = xp(tree, "//t:fw[@type='stamp']/t:stamp")[0]
    assert stamp.get("type") == "received"
    assert xp(stamp, "count(t:lb)") == 1


# --- editorial brackets -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "xpath", "expected"),
    [
        ("He recieved [sic] it.", "string(//t:sic)", "recieved"),
        ("He recieved [SIC] it.", "string(//t:sic)", "recieved"),
        ("The word [illegible] is lost.", "string(//t:gap/@reason)", "illegible"),
        ("Something [...] omitted.", "string(//t:gap/@reason)", "omitted"),
        ("[2 lines of source text not declassified]", "string(//t:gap[@reason='redacted']/@quantity)", "2"),
        ("[1 paragraph (5 lines of source text) not declassified]", "string(//t:gap[@reason='redacted']/@unit)", "lines"),
        ("Agreed [handwritten: Yes. H.M.] today.", "string(//t:add[@hand='#hand-1'])", "Yes. H.M."),
        ("Comrade Ivanov [Khrushchev] spoke.", "string(//t:supplied)", "Khrushchev"),
        ("Comrade Petrov[ich] spoke.", "string(//t:supplied)", "ich"),
        ("A remark [Translator's note: a pun.] here.", "string(//t:note[@type='editorial'])", "Translator's note: a pun."),
    ],
)
def test_brackets(text: str, xpath: str, expected: str) -> None:
    assert xp(tei(f"---\n\n{text}\n"), xpath) == expected


def test_handwritten_addition_declares_its_hand() -> None:
    tree = tei("---\n\nAgreed [handwritten: Yes.] today.\n")
    assert xp(tree, "string(//t:handNote/@xml:id)") == "hand-1"


# --- openers, closers, degenerate input -------------------------------------------------------


def test_opener_and_closer() -> None:
    tree = tei(
        "Moscow, 25 March 1959\n\nDear Comrade Gomulka,\n\nWe write to you about the matter of the delegation and its visit next month.\n\n"
        "With comradely greetings,\n\nGROMYKO\n\nFive copies made.\n"
    )
    assert xp(tree, "string(//t:dateline)") == "Moscow, 25 March 1959"
    assert xp(tree, "string(//t:salute)") == "Dear Comrade Gomulka,"
    assert xp(tree, "string(//t:closer/t:signed)") == "GROMYKO"
    assert "Five copies made." in xp(tree, "string(//t:closer)")


def test_no_metadata_block() -> None:
    result = convert("SECRET\n\nA heading  \nof two lines\n\n---\n\n1. Text.\n")
    assert xp(result.tree, "string(//t:titleStmt/t:title)") == "A heading of two lines"
    assert "no-metadata" in [d.code for d in result.report]


def test_only_metadata() -> None:
    result = convert("**1950**  \n**A Title**\n\n**Summary:**\n\nA summary.\n")
    assert xp(result.tree, "count(//t:body//t:gap[@reason='missing'])") == 1
    assert "no-text" in [d.code for d in result.report]


def test_unknown_metadata_section_is_kept() -> None:
    tree = tei("**1950**  \n**A Title**\n\n**Keywords:**\n\n- Cold War\n- Poland\n\n**Places:**\n\n- Warsaw\n\n**Summary:**\n\nSum.\n\nSECRET\n\n---\n\nText here.\n")
    assert xp(tree, "//t:profileDesc/t:textClass/t:keywords/t:term/text()") == ["Cold War", "Poland"]
    assert xp(tree, "//t:notesStmt/t:note[@subtype='places']//t:item/text()") == ["Warsaw"]
    assert xp(tree, "normalize-space(//t:profileDesc/t:abstract)") == "Sum."


def test_title_wrapped_over_three_lines() -> None:
    tree = tei("**1950**  \n**One  \nTwo  \nThree**\n\n**Summary:**\n\nS.\n\n---\n\nText.\n")
    assert xp(tree, "string(//t:title[@type='main'])") == "One Two Three"


def test_translation_languages() -> None:
    tree = tei(
        "**1950**  \n**T**\n\n**Citation:**\n\n\"T,\" 1950, History and Public Policy Program Digital Archive, GARF, f. 1, op. 2. "
        "Translated by Ann Smith.  \n<https://digitalarchive.wilsoncenter.org/document/1>\n\n**Original Language:**\n\nRussian\n\n---\n\nText.\n"
    )
    assert xp(tree, "string(//t:msContents/t:textLang/@mainLang)") == "ru"
    assert xp(tree, "string(//t:langUsage/t:language/@ident)") == "en"
    assert xp(tree, "//t:respStmt[t:resp='translated by']/t:persName/text()") == ["Ann Smith"]


@pytest.mark.parametrize("text", ["the ~~their ~~cause~~~~ was", "a ~~~~ b", "a ~~ ~~ b", "a **  ** b"])
def test_empty_spans_are_literal_not_empty_elements(text: str) -> None:
    result = convert(f"---\n\n{text}\n")
    assert xp(result.tree, "count(//t:body//t:del[not(normalize-space())])") == 0
    assert xp(result.tree, "count(//t:body//t:hi[not(normalize-space())])") == 0
    assert "unbalanced" in [d.code for d in result.report]


# --- what a newcomer typed (regressions) ------------------------------------------------------

META = "**1960**  \n**Report**\n\n**Citation:**\n\n\"Report,\" 1960, History and Public Policy Program Digital Archive, GARF, f. 1, op. 2, d. 3.\n\n"


def test_bold_label_with_text_in_the_body_stays_in_the_body() -> None:
    tree = tei(META + "SECRET\n\n---\n\nFirst paragraph.\n\n**Conclusion:** we agree.\n\nLast words.\n")
    assert xp(tree, "string(//t:sourceDesc/t:bibl)").startswith('"Report," 1960')
    assert "SECRET" not in xp(tree, "string(//t:teiHeader)")
    assert xp(tree, "count(//t:body//t:p)") == 3
    assert xp(tree, "string(//t:body//t:p[2]/t:hi)") == "Conclusion:"


def test_unlabelled_metadata_paragraph_is_kept_with_a_warning() -> None:
    result = convert("**1960**  \n**Report**\n\nSome loose sentence.\n\n**Summary:**\n\nSum.\n\n---\n\nText.\n")
    assert "Some loose sentence." in xp(result.tree, "string(//t:notesStmt)")
    assert "metadata" in [d.code for d in result.report]


@pytest.mark.parametrize("label", ["**Citation**", "**Citation**:"])
def test_citation_label_typed_without_colon(label: str) -> None:
    result = convert(f"**1960**  \n**Report**\n\n{label}\n\n\"Report,\" 1960, History and Public Policy Program Digital Archive, GARF, f. 1, op. 2.\n\n---\n\nText.\n")
    assert xp(result.tree, "string(//t:titleStmt/t:title)") == "Report"
    assert xp(result.tree, "string(//t:msIdentifier/t:repository)") == "GARF"
    assert ("label" in [d.code for d in result.report]) == (label == "**Citation**")


@pytest.mark.parametrize("printed", ["25/03/1959", "Spring 1960", "25.III.1959"])
def test_unreadable_date_is_not_glued_into_the_title(printed: str) -> None:
    result = convert(f"**{printed}**  \n**T**\n\n**Summary:**\n\nS.\n\n---\n\nText.\n")
    assert xp(result.tree, "string(//t:titleStmt/t:title)") == "T"
    assert xp(result.tree, "string(//t:creation/t:date)") == printed
    assert "date" in [d.code for d in result.report]


def test_footnote_markers_stay_text() -> None:
    result = convert("---\n\nThe question of Berlin[1] was raised.[2]\n")
    assert xp(result.tree, "string(//t:body//t:p)") == "The question of Berlin[1] was raised.[2]"
    assert [d.code for d in result.report].count("footnote") == 2


def test_list_and_table_lines_keep_their_breaks() -> None:
    tree = tei("---\n\n- withdrawal of troops;\n- a peace treaty.\n\nItem      1960      1961\nTractors   120       340\n")
    assert xp(tree, "count(//t:body//t:p[1]/t:lb)") == 1
    assert xp(tree, "count(//t:body//t:p[2]/t:lb)") == 1


def test_rule_without_blank_lines_still_ends_the_heading() -> None:
    result = convert("SECRET\n\nREPORT ON THE HARVEST\n---\nThe harvest was good.\n")
    assert xp(result.tree, "string(//t:body//t:head)") == "REPORT ON THE HARVEST"
    assert xp(result.tree, "string(//t:body//t:p)") == "The harvest was good."
    assert "no-rule" not in [d.code for d in result.report]


def test_postscripts_after_the_closer() -> None:
    tree = tei("---\n\nI write about the matter we discussed in March and await your reply.\n\nYours sincerely,\n\nW. GOMUŁKA\n\n"
               "P.S. Regards to your wife.\n\nP.P.S. One more thing.\n")
    assert xp(tree, "string(//t:closer/t:signed)") == "W. GOMUŁKA"
    assert xp(tree, "//t:div/t:postscript/t:p/text()") == ["P.S. Regards to your wife.", "P.P.S. One more thing."]
    assert xp(tree, "local-name(//t:div/*[last()])") == "postscript"


def test_hyphenated_line_end_is_one_word_over_two_lines() -> None:
    tree = tei("---\n\nThe con-\nference on inter-\nnational trade, well-\nKnown, ended.\n")
    p = xp(tree, "//t:body//t:p")[0]
    assert xp(p, "count(t:lb[@break='no'])") == 2
    assert xp(p, "string(.)") == "The con-ference on inter-national trade, well- Known, ended."


def test_a_stamp_before_the_first_paragraph_is_warned_about_once() -> None:
    result = convert("A heading line\n\nTHIS IS A COPY  \nORIGINAL HAS BEEN RETAINED [ILLEG. 3]\n\n"
                     "Some prose that runs long enough to be a paragraph, with more than ten words in it.\n")
    assert [d.code for d in result.report].count("bracket") == 1

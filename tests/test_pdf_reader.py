"""The PDF reader on real PDFs: printed by chromium from the HTML next to them (tests/fixtures/pdf/),
and hand-written ones for what a browser never prints (a broken page, a password, Word's typed bullets).

Regenerate a printed fixture after changing its HTML with
`python scripts/print_pdf.py tests/fixtures/pdf/X.html tests/fixtures/pdf/X.pdf`, and the examples with
`python scripts/blocks_to_html.py data/examples/*.txt --out tests/fixtures/pdf/examples`.
"""

from __future__ import annotations

import io
from pathlib import Path

import pypdfium2 as pdfium
import pytest
from pdf_builder import encrypted_pdf, pages_pdf, text

from planner.documents import HEADING, ITEM, PARA, Document, Paragraph, Table, UnreadableInput, read_document
from planner.documents.pdf_paragraphs import join_lines

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures" / "pdf"
EXAMPLES = ROOT / "data" / "examples"


def read_pdf(name: str) -> Document:
    path = FIXTURES / name
    return read_document(path.read_bytes(), path.name)


def shape(p: Paragraph) -> tuple:
    return (p.kind, p.level, p.broken, p.strong, p.marker, p.text)


def body(document: Document) -> list[Paragraph]:
    return [b for b in document.blocks if isinstance(b, Paragraph)]


def tables(document: Document) -> list[Table]:
    return [b for b in document.blocks if isinstance(b, Table)]


# --- headings, paragraphs, line breaks, lists -------------------------------------------------


def test_headings_paragraphs_line_breaks_and_lists_read_as_a_person_sees_them():
    document = read_pdf("layout.pdf")
    assert document.format == "pdf" and document.pages == 1 and not document.warnings
    long_paragraph = (
        "Følgende politiske udvalgsmøder er blevet afholdt. Direktionen udvælger sager af særlig relevans "
        "til drøftelse med borgmesteren, og direktionen gennemgår samtidig de kommende møder i "
        "kommunalbestyrelsen og i de stående udvalg, så sagerne kan forberedes i god tid."
    )
    long_item = (
        "Kommunalbestyrelsesmøde d. 20. august, hvor budgettet for de kommende fire år behandles første "
        "gang og sendes videre til anden behandling"
    )
    assert [shape(p) for p in document.blocks] == [  # all blocks are paragraphs here
        (HEADING, 1, False, False, "", "Direktionen"),
        (PARA, 0, False, False, "", "Sted: Mødelokale 250, rådhuset"),
        (PARA, 0, True, False, "", "Torvet 3"),  # after <br>: a line break, not a new paragraph
        (PARA, 0, True, False, "", "8500 Grenaa"),
        (PARA, 0, False, False, "", "Dato: Onsdag den 15. januar 2025"),
        (HEADING, 2, False, False, "", "1. Beslutningsprotokoller og dagsordener"),
        (PARA, 0, False, False, "", long_paragraph),  # three printed lines, one paragraph
        (ITEM, 0, False, False, "", "Gruppeformandsmøde d. 12. august"),
        (ITEM, 0, False, False, "", "Kommende politiske møder:"),
        (ITEM, 1, False, False, "", "Børne- og Ungdomsudvalgsmøde d. 15. august"),
        (ITEM, 1, False, False, "", long_item),
        (ITEM, 0, False, False, "", "Økonomiudvalgsmøde d. 3. oktober"),
        (HEADING, 3, False, False, "", "Indstilling"),  # a bold line standing alone, ranked below larger type
        (PARA, 0, False, False, "", "Det indstilles, at punktet behandles."),
        (ITEM, 0, False, False, "1)", "Første punkt til næste møde"),
        (PARA, 0, False, False, "", "Bilag er vedlagt."),
    ]


def test_positions_are_page_and_line_of_the_first_line():
    blocks = read_pdf("layout.pdf").blocks
    assert [b.pos.label() for b in blocks[:7]] == [
        "side 1, linje 1",
        "side 1, linje 2",
        "side 1, linje 3",
        "side 1, linje 4",
        "side 1, linje 5",
        "side 1, linje 6",
        "side 1, linje 7",
    ]
    # the long paragraph took lines 7-9, so the first item stands on line 10
    assert blocks[7].pos.label() == "side 1, linje 10"


def test_word_typed_bullets_and_dashes_are_items():
    """Word's PDFs set a bullet as a glyph ("•" in the font, here WinAnsi 0x95) with real spaces."""
    data = pages_pdf(
        [
            text(
                [
                    (72, 770, "Punkter til behandling:"),
                    (72, 756, "•  Budgetopfølgning august"),
                    (72, 742, "-  Dialogmøde med CDEU"),
                    (90, 728, "•  KB-temamøde d. 13. august"),
                    (108, 714, "o"),  # Word's second-level bullet: a Courier "o" and a tab
                    (126, 714, "Dagsorden udsendes"),
                    (108, 700, "o"),
                    (126, 700, "Referat godkendes"),
                    (72, 686, "1)"),  # a numbered item: the number and a tab
                    (100, 686, "Eventuelt"),
                ]
            )
        ]
    )
    document = read_document(data, "word.pdf")
    assert [shape(p) for p in body(document)] == [
        (PARA, 0, False, False, "", "Punkter til behandling:"),
        (ITEM, 0, False, False, "", "Budgetopfølgning august"),
        (ITEM, 0, False, False, "", "Dialogmøde med CDEU"),
        (ITEM, 1, False, False, "", "KB-temamøde d. 13. august"),
        (ITEM, 2, False, False, "", "Dagsorden udsendes"),
        (ITEM, 2, False, False, "", "Referat godkendes"),
        (ITEM, 0, False, False, "1)", "Eventuelt"),
    ]
    assert not tables(document)  # the gap after a bullet or a number is not a column


@pytest.mark.parametrize(
    ("lines", "joined"),
    [
        (["Borgerrådgiverens årsberet-", "ningen fremover"], "Borgerrådgiverens årsberetningen fremover"),
        (["Børne-", "og Ungdomsudvalget"], "Børne- og Ungdomsudvalget"),
        (["ansøgning om STAR-", "puljemidler"], "ansøgning om STAR-puljemidler"),
        (["budget 2023-", "2026"], "budget 2023-2026"),
        (["Direktionen drøfter", "programmet"], "Direktionen drøfter programmet"),
    ],
)
def test_wrapped_lines_are_joined_and_split_words_dehyphenated(lines, joined):
    assert join_lines(lines) == joined


# --- tables ------------------------------------------------------------------------------------


def test_ruled_table_cells_keep_their_paragraphs_line_breaks_and_bullets():
    document = read_pdf("table.pdf")
    first = tables(document)[0]
    assert first.rows[0].texts() == ["Tid", "Punkt"]
    cells = {row.cells[0].text: row.cells[1].paragraphs for row in first.rows[1:]}
    assert [shape(p) for p in cells["9.00"]] == [
        (PARA, 0, False, False, "", "Punkt 1 – Beslutningsprotokoller og dagsordener"),
        (PARA, 0, False, False, "", "Borgmesteren deltager."),  # a new <p>: a paragraph break
        (PARA, 0, True, False, "", "Bilag er vedlagt."),  # after <br>
    ]
    assert [shape(p) for p in cells["10.15"]] == [
        (PARA, 0, False, False, "", "Forebyggelse af sygefravær. Direktionen tager stilling til:"),
        (ITEM, 0, False, False, "", "Ansøgning om STAR-puljemidler i 2024"),  # a drawn list bullet
        (ITEM, 0, False, False, "", "Styrket arbejde med forebyggelse"),
    ]
    assert [shape(p) for p in cells["10.45"]] == [
        (ITEM, 0, False, False, "", "Kerneopgaven i sekretariatet"),  # a typed "•"
        (ITEM, 0, False, False, "", "Nyt navn til sekretariatet"),
    ]
    assert cells["11.30"][0].text == "Mødet afsluttes"
    assert first.pos.label() == "side 1, linje 2"


def test_text_inside_a_table_is_not_repeated_as_paragraphs():
    document = read_pdf("table.pdf")
    outside = " ".join(p.text for p in body(document))
    assert [p.text for p in body(document)] == [
        "Direktionen har følgende punkter til behandling:",
        "Efter tabellen kommer almindelig tekst.",
        "Direktionens årshjul:",
        "Slut på årshjulet.",
    ]
    for table in tables(document):
        for row in table.rows:
            for cell in row.cells:
                assert not cell.text or cell.text not in outside


def test_a_table_running_over_a_page_break_is_one_table():
    document = read_pdf("table.pdf")
    assert document.pages == 2
    second = tables(document)[1]
    assert [row.cells[0].text for row in second.rows] == [
        "Dato",
        "14. aug.",
        "21. aug.",
        "28. aug.",
        "4. sep.",
        "11. sep.",
        "18. sep.",
        "25. sep.",
        "2. okt.",
        "9. okt.",
        "16. okt.",
        "23. okt.",
        "30. okt.",
        "6. nov.",
        "13. nov.",
        "20. nov.",
        "27. nov.",
        "4. dec.",
        "11. dec.",
    ]
    assert {row.pos.page for row in second.rows} == {1, 2}  # the header row repeated on page 2 is read once
    assert second.rows[2].texts() == ["21. aug.", ""]  # the empty cell is kept: the columns stay aligned


def test_unruled_two_column_list_is_a_table():
    document = read_pdf("columns.pdf")
    assert [type(b).__name__ for b in document.blocks] == ["Paragraph", "Table", "Paragraph"]
    table = tables(document)[0]
    assert [row.texts() for row in table.rows] == [
        ["14. aug.", "Årlig dialogmøde med CDEU"],
        ["21. aug.", ""],
        [
            "28. aug.",
            "Budgetopfølgning august og opfølgning på borgerarrangementet om budgettet i Allingåbro",
        ],
        ["4. sep.", "Status på Skovskolens udvidelse"],
    ]
    assert body(document)[-1].text == "Punkter som afventer dato: ingen."


def test_running_text_is_not_taken_for_columns():
    for name in ("layout.pdf", "furniture.pdf"):
        assert not tables(read_pdf(name))


# --- pages -------------------------------------------------------------------------------------


def test_repeated_page_headers_and_footers_are_dropped():
    document = read_pdf("furniture.pdf")
    assert document.pages == 3
    assert [(p.pos.page, p.text) for p in body(document)] == [
        (1, "Første side: beslutningsprotokoller og dagsordener."),
        (1, "Direktionen gennemgår dagsordenerne."),
        (2, "Anden side: økonomi."),
        (3, "Tredje side: eventuelt."),
        (3, "Norddjurs Kommune er nævnt her i teksten."),  # the same words in the body stay
    ]
    # lines are counted as printed: the two header lines are lines 1 and 2 of each page
    assert [p.pos.line for p in body(document)] == [3, 4, 3, 3, 4]


def test_a_broken_page_is_a_warning_and_the_other_pages_are_read():
    data = pages_pdf(
        [text([(72, 770, "Side et: dagsorden.")]), None, text([(72, 770, "Side tre: referat.")])]
    )
    document = read_document(data, "delvis.pdf")
    assert document.pages == 3
    assert [(p.pos.page, p.text) for p in body(document)] == [
        (1, "Side et: dagsorden."),
        (3, "Side tre: referat."),
    ]
    assert [(w.pos.page, w.message) for w in document.warnings] == [
        (2, "siden er beskadiget og kunne ikke læses; de øvrige sider er læst")
    ]


# --- what cannot be read -----------------------------------------------------------------------


def test_a_scan_without_text_is_refused_in_danish():
    with pytest.raises(UnreadableInput) as caught:
        read_pdf("scan.pdf")
    message = str(caught.value)
    assert message.startswith("scan.pdf: PDF'en indeholder ingen tekst (en scanning?)")
    assert "\n" not in message


@pytest.mark.parametrize(
    "data",
    [
        pytest.param(b"%PDF-1.7\n" + b"\x00\x13 ikke en pdf " * 40, id="garbage"),
        pytest.param((FIXTURES / "layout.pdf").read_bytes()[:400], id="truncated"),
    ],
)
def test_a_damaged_pdf_is_refused_with_the_file_name(data):
    with pytest.raises(UnreadableInput) as caught:
        read_document(data, "dagsorden.pdf")
    assert str(caught.value) == "dagsorden.pdf: PDF'en er beskadiget og kan ikke læses"


def test_an_encrypted_pdf_is_refused_with_the_file_name():
    with pytest.raises(UnreadableInput) as caught:
        read_document(encrypted_pdf(), "hemmelig.pdf")
    message = str(caught.value)
    assert message.startswith("hemmelig.pdf: PDF'en er krypteret (beskyttet med adgangskode)")
    assert "\n" not in message


def test_a_pdf_is_read_as_pdf_whatever_its_name():
    document = read_document((FIXTURES / "layout.pdf").read_bytes(), "dagsorden.txt")
    assert document.format == "pdf" and document.blocks[0].text == "Direktionen"


# --- the example documents printed to PDF give the text file's blocks -------------------------

# Where a PDF cannot show what the text file says, written down rather than hidden:
# - "op-hæng" with a hard hyphen printed at a line end looks exactly like a word split by
#   hyphenation, and is read as "ophæng";
# - a paragraph that ends exactly where a table row is split by a page break looks like a paragraph
#   that goes on on the next page (the page is full either way), and is joined with the next one.
KNOWN_PDF_LOSSES: dict[str, list[tuple[str, str]]] = {
    "001_9e1715f7c52341eb": [
        ("hyphen", "strategisk op-hæng"),
        ("joined", "Sekretariatschef Jeppe Bødker Thvilum"),
    ],
}


def with_losses(blocks: list, losses: list[tuple[str, str]]) -> list:
    """The text file's blocks as a PDF can give them back (see KNOWN_PDF_LOSSES)."""
    for kind, what in losses:
        if kind == "hyphen":
            for p in Document("", "", blocks, "").paragraphs():
                p.text = p.text.replace(what, what.replace("-", ""))
        elif kind == "joined":
            for table in (b for b in blocks if isinstance(b, Table)):
                for cell in (c for r in table.rows for c in r.cells):
                    paragraphs = cell.paragraphs
                    for k, p in enumerate(paragraphs[:-1]):
                        if p.text.startswith(what):
                            p.text += " " + paragraphs.pop(k + 1).text
                            break
    return blocks


def comparable(blocks: list) -> list[tuple]:
    """Blocks as the grammar reads them; heading levels by rank (a PDF knows sizes, not levels), a
    bold line standing alone as the lowest heading (in print it looks like one), trailing empty cells
    dropped (the text export leaves them out)."""
    lowest = max((b.level for b in blocks if isinstance(b, Paragraph) and b.kind == HEADING), default=0) + 1
    for k, b in enumerate(blocks):
        after = blocks[k + 1] if k + 1 < len(blocks) else None
        alone = not (isinstance(after, Paragraph) and after.broken)
        if isinstance(b, Paragraph) and b.kind == PARA and b.strong and not b.broken and alone:
            b.kind, b.level, b.strong = HEADING, lowest, False
    levels = sorted({b.level for b in blocks if isinstance(b, Paragraph) and b.kind == HEADING})

    def para(p: Paragraph) -> tuple:
        level = levels.index(p.level) + 1 if p.kind == HEADING else p.level
        return (p.kind, level, p.broken, p.strong, p.marker, p.text)

    out = []
    for block in blocks:
        if isinstance(block, Table):
            rows = []
            for row in block.rows:
                cells = [[para(p) for p in cell.paragraphs] for cell in row.cells]
                while len(cells) > 1 and not cells[-1]:
                    cells.pop()
                rows.append(cells)
            out.append(("table", rows))
        else:
            out.append(para(block))
    return out


@pytest.mark.parametrize("stem", sorted(p.stem for p in EXAMPLES.glob("*.txt")))
def test_an_example_printed_to_pdf_gives_the_blocks_of_the_text_file(stem):
    text_document = read_document((EXAMPLES / f"{stem}.txt").read_bytes(), f"{stem}.txt")
    pdf_document = read_document((FIXTURES / "examples" / f"{stem}.pdf").read_bytes(), f"{stem}.pdf")
    assert pdf_document.pages and pdf_document.pages > 1 and not pdf_document.warnings
    expected = comparable(with_losses(text_document.blocks, KNOWN_PDF_LOSSES.get(stem, [])))
    assert comparable(pdf_document.blocks) == expected


def test_word_like_tab_columns_and_overprinted_bold_are_read_once():
    """Text set at tab stops (no ruling lines) is a table; a glyph drawn twice to fake bold is one glyph."""
    lines = [(72, 770, "Dato"), (180, 770, "Punkter")]
    lines += [(72, 756, "14. aug."), (180, 756, "Årlig dialogmøde med CDEU")]
    lines += [(72, 742, "21. aug."), (180, 742, "Budgetopfølgning")]
    lines += [(72, 714, "Beslutning"), (72, 714, "Beslutning")]  # the same word twice, on top of itself
    document = read_document(pages_pdf([text(lines)]), "word.pdf")
    assert [[row.texts() for row in t.rows] for t in tables(document)] == [
        [["Dato", "Punkter"], ["14. aug.", "Årlig dialogmøde med CDEU"], ["21. aug.", "Budgetopfølgning"]]
    ]
    assert [p.text for p in body(document)] == ["Beslutning"]


def test_a_grid_stroked_as_one_path_is_a_table():
    """Some writers stroke a whole table grid as one path of lines, not a rectangle per border."""
    grid = (
        b"0.5 w 72 760 m 400 760 l 72 740 m 400 740 l 72 720 m 400 720 l "
        b"72 760 m 72 720 l 150 760 m 150 720 l 400 760 m 400 720 l S\n"
    )
    cells = text([(76, 746, "Tid"), (154, 746, "Punkt"), (76, 726, "9.00"), (154, 726, "Mødet begynder")])
    document = read_document(
        pages_pdf([grid + cells + b"\n" + text([(72, 690, "Bilag er vedlagt.")])]), "grid.pdf"
    )
    assert [[row.texts() for row in t.rows] for t in tables(document)] == [
        [["Tid", "Punkt"], ["9.00", "Mødet begynder"]]
    ]
    assert [p.text for p in body(document)] == ["Bilag er vedlagt."]


def test_a_scanned_page_among_text_pages_is_a_warning():
    joined = pdfium.PdfDocument.new()  # a printed page and a scanned page in one file
    for name in ("layout.pdf", "scan.pdf"):
        joined.import_pages(pdfium.PdfDocument((FIXTURES / name).read_bytes()))
    buffer = io.BytesIO()
    joined.save(buffer)
    document = read_document(buffer.getvalue(), "blandet.pdf")
    assert document.pages == 2 and document.blocks[0].text == "Direktionen"
    assert [(w.pos.page, w.message) for w in document.warnings] == [
        (2, "siden er et billede uden tekst (en scanning?) og er ikke læst")
    ]


def test_a_pdf_from_an_office_writer_reads_like_the_printed_page():
    """LibreOffice's PDF (office.fodt, made with `soffice --headless --convert-to pdf`) is set differently
    from a browser's: real space glyphs, bullets as characters ("•", "o") after a tab, a page header and
    a "Side 1 af 2" footer, table borders as lines, tab-stop columns, small line boxes for 11pt text."""
    document = read_pdf("office.pdf")
    assert document.pages == 2 and not document.warnings
    shapes = [shape(b) if isinstance(b, Paragraph) else [r.texts() for r in b.rows] for b in document.blocks]
    assert shapes == [
        (HEADING, 1, False, False, "", "Direktionen"),
        (PARA, 0, False, False, "", "Sted: Adm. 113, Væksthuset"),
        (PARA, 0, True, False, "", "Kirkestien 1"),
        (PARA, 0, True, False, "", "8961 Allingåbro"),
        (PARA, 0, False, False, "", "Dato: Onsdag den 7. august 2024"),
        (HEADING, 2, False, False, "", "1. Beslutningsprotokoller og dagsordener"),
        (HEADING, 3, False, False, "", "Sagsfremstilling"),  # bold, standing alone
        (
            PARA,
            0,
            False,
            False,
            "",
            "Følgende politiske udvalgsmøder er blevet afholdt. Direktionen udvælger sager af særlig relevans "
            "til drøftelse med borgmesteren, og direktionen gennemgår samtidig de kommende møder i "
            "kommunalbestyrelsen og i de stående udvalg, så sagerne kan forberedes i god tid før møderne.",
        ),
        (ITEM, 0, False, False, "", "Gruppeformandsmøde d. 12. august"),
        (ITEM, 0, False, False, "", "Kommende politiske møder:"),
        (ITEM, 1, False, False, "", "Børne- og Ungdomsudvalgsmøde d. 15. august"),
        (
            ITEM,
            1,
            False,
            False,
            "",
            "Kommunalbestyrelsesmøde d. 20. august, hvor budgettet for de kommende fire år behandles første "
            "gang og sendes videre til anden behandling",
        ),
        (ITEM, 0, False, False, "", "Økonomiudvalgsmøde d. 3. oktober"),
        (PARA, 0, False, False, "", "Direktionen har følgende punkter til behandling:"),
        [
            ["Tid", "Punkt"],
            [
                "9.00",
                "Punkt 1 – Beslutningsprotokoller og dagsordener Borgmesteren deltager. Bilag er vedlagt.",
            ],
            [
                "10.15",
                "Forebyggelse af sygefravær. Direktionen tager stilling til: Ansøgning om STAR-puljemidler "
                "i 2024 Styrket arbejde med forebyggelse",
            ],
            ["11.30", "Mødet afsluttes"],
        ],
        (PARA, 0, False, False, "", "Til de kommende direktionsmøder er der foreløbigt følgende punkter:"),
        [
            ["14. aug.", "Årlig dialogmøde med CDEU"],
            ["21. aug.", "Budgetopfølgning august"],
            ["28. aug.", "Status på Skovskolens udvidelse"],
        ],
        (PARA, 0, False, False, "", "Punkter som afventer dato: ingen."),
        (PARA, 0, False, False, "", "Anden side: økonomi."),
        (
            PARA,
            0,
            False,
            False,
            "",
            "Budget 2025 blev drøftet. Der blev givet en række bemærkninger til programmet, lokation og "
            "direktionens rolle. Økonomichef Bettina Andersen og stabschef Karen Meisner Christensen følger op "
            "på bemærkningerne.",
        ),
    ]
    cell = tables(document)[0].rows[1].cells[1].paragraphs
    assert [(p.kind, p.broken) for p in cell] == [(PARA, False), (PARA, False), (PARA, True)]
    assert [p.pos.label() for p in body(document)][:2] == ["side 1, linje 3", "side 1, linje 4"]

"""The Word reader: the format fixtures read back to the blocks of their text files, and focused
documents built here with python-docx (raw body XML where python-docx has no API) for each rule."""

from __future__ import annotations

import io
import random
import zipfile

import docx
import pytest
from docx.enum.style import WD_STYLE_TYPE
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from format_shapes import EXAMPLES, FORMATS, block_shape
from lxml import etree

from planner.documents import HEADING, ITEM, PARA, Table, UnreadableInput, docx_reader, read_document

STEMS = sorted(p.stem for p in EXAMPLES.glob("*.txt"))


# --- the fixtures: the same agendas as text and as Word ----------------------------------------


@pytest.mark.parametrize("stem", STEMS)
def test_docx_fixture_reads_back_to_the_text_blocks(stem: str) -> None:
    text = read_document((EXAMPLES / f"{stem}.txt").read_bytes(), f"{stem}.txt")
    word = read_document((FORMATS / f"{stem}.docx").read_bytes(), f"{stem}.docx")
    assert word.format == "docx"
    assert block_shape(word.blocks, strong=True) == block_shape(text.blocks, strong=True)


@pytest.mark.parametrize("stem", STEMS)
def test_docx_fixture_lines_count_every_paragraph_in_order(stem: str) -> None:
    word = read_document((FORMATS / f"{stem}.docx").read_bytes(), f"{stem}.docx")
    lines = [p.pos.line for p in word.paragraphs()]
    assert lines == sorted(lines)
    assert all(p.pos.page is None for p in word.paragraphs())
    # Every w:p in the file is a line, the empty ones too: the last line is the file's last paragraph
    # (the writer ends every document with text).
    with zipfile.ZipFile(FORMATS / f"{stem}.docx") as z:
        body = etree.fromstring(z.read("word/document.xml"))
    assert lines[-1] == sum(1 for _ in body.iter(qn("w:p")))


# --- building focused documents ----------------------------------------------------------------


def _save(document) -> bytes:
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _read(document_or_bytes, name: str = "dagsorden.docx"):
    data = document_or_bytes if isinstance(document_or_bytes, bytes) else _save(document_or_bytes)
    return read_document(data, name)


def _with_body(xml: str, document=None) -> bytes:
    """A python-docx document whose body is exactly this WordprocessingML (plus the section)."""
    document = document or docx.Document()
    body = document.element.body
    section = body.find(qn("w:sectPr"))
    for child in list(body):
        if child is not section:
            body.remove(child)
    for child in parse_xml(f"<w:body {nsdecls('w')}>{xml}</w:body>"):
        section.addprevious(child)
    return _save(document)


def _p(text: str, ppr: str = "") -> str:
    return f"<w:p>{f'<w:pPr>{ppr}</w:pPr>' if ppr else ''}<w:r><w:t xml:space='preserve'>{text}</w:t></w:r></w:p>"


def _shape(paragraphs) -> list[tuple]:
    return [(p.kind, p.level, p.text, p.broken) for p in paragraphs]


def _cells(table: Table) -> list[list[str]]:
    return [row.texts() for row in table.rows]


def _add_numbering(document, levels: list[tuple[str, str]], num_id: int = 90) -> str:
    """A list definition in numbering.xml: (numFmt, lvlText) per level; returns its numId."""
    numbering = document.part.numbering_part.element
    lvls = "".join(
        f'<w:lvl w:ilvl="{k}"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/><w:lvlText w:val="{text}"/></w:lvl>'
        for k, (fmt, text) in enumerate(levels)
    )
    abstract = parse_xml(f'<w:abstractNum {nsdecls("w")} w:abstractNumId="{num_id}">{lvls}</w:abstractNum>')
    numbering.find(qn("w:num")).addprevious(abstract)
    numbering.append(
        parse_xml(f'<w:num {nsdecls("w")} w:numId="{num_id}"><w:abstractNumId w:val="{num_id}"/></w:num>')
    )
    return str(num_id)


# --- headings ----------------------------------------------------------------------------------


def test_heading_styles_english_danish_title_and_outline_levels() -> None:
    document = docx.Document()
    document.add_paragraph("Direktionen", style="Title")
    document.add_paragraph("Dagsorden", style="Heading 1")
    document.add_paragraph("Sagsfremstilling", style="Heading 3")
    danish = document.styles.add_style("Overskrift 2", WD_STYLE_TYPE.PARAGRAPH)
    document.add_paragraph("Indstilling", style=danish)
    custom = document.styles.add_style("Dagsordenpunkt", WD_STYLE_TYPE.PARAGRAPH)
    custom.element.get_or_add_pPr().append(parse_xml(f'<w:outlineLvl {nsdecls("w")} w:val="1"/>'))
    document.add_paragraph("Økonomi", style=custom)
    inherited = document.styles.add_style("Punktoverskrift", WD_STYLE_TYPE.PARAGRAPH)
    inherited.base_style = document.styles["Heading 2"]
    document.add_paragraph("Beslutning", style=inherited)
    direct = document.add_paragraph("Eventuelt")
    direct._p.get_or_add_pPr().append(parse_xml(f'<w:outlineLvl {nsdecls("w")} w:val="3"/>'))
    body_text = document.add_paragraph("Brødtekst trods stil", style="Heading 1")
    body_text._p.get_or_add_pPr().append(parse_xml(f'<w:outlineLvl {nsdecls("w")} w:val="9"/>'))
    document.add_paragraph("Almindelig tekst")

    assert _shape(_read(document).blocks) == [
        (HEADING, 1, "Direktionen", False),
        (HEADING, 1, "Dagsorden", False),
        (HEADING, 3, "Sagsfremstilling", False),
        (HEADING, 2, "Indstilling", False),
        (HEADING, 2, "Økonomi", False),
        (HEADING, 2, "Beslutning", False),
        (HEADING, 4, "Eventuelt", False),
        (PARA, 0, "Brødtekst trods stil", False),
        (PARA, 0, "Almindelig tekst", False),
    ]


def test_numbered_headings_show_their_number_and_restart_below() -> None:
    document = docx.Document()
    num_id = _add_numbering(document, [("decimal", "%1."), ("decimal", "%1.%2")])
    for text, style, ilvl in [
        ("Beslutningsprotokoller", "Heading 1", 0),
        ("Rul juni", "Heading 2", 1),
        ("Rul august", "Heading 2", 1),
        ("Økonomi", "Heading 1", 0),
        ("Budgetopfølgning", "Heading 2", 1),
    ]:
        paragraph = document.add_paragraph(text, style=style)
        paragraph._p.get_or_add_pPr().append(
            parse_xml(
                f'<w:numPr {nsdecls("w")}><w:ilvl w:val="{ilvl}"/><w:numId w:val="{num_id}"/></w:numPr>'
            )
        )
    assert [(p.kind, p.level, p.text) for p in _read(document).blocks] == [
        (HEADING, 1, "1. Beslutningsprotokoller"),
        (HEADING, 2, "1.1 Rul juni"),
        (HEADING, 2, "1.2 Rul august"),
        (HEADING, 1, "2. Økonomi"),
        (HEADING, 2, "2.1 Budgetopfølgning"),
    ]


# --- lists -------------------------------------------------------------------------------------


def test_list_styles_levels_markers_and_switched_off_numbering() -> None:
    document = docx.Document()
    document.add_paragraph("Møder", style="List Bullet")
    document.add_paragraph("KB 20. august", style="List Bullet 2")
    document.add_paragraph("Temamøde", style="List Bullet 3")
    document.add_paragraph("Første", style="List Number")
    document.add_paragraph("Anden", style="List Number")
    num_id = _add_numbering(document, [("bullet", "•"), ("bullet", "o"), ("lowerLetter", "%3)")])
    deep = document.add_paragraph("Dybt punkt", style="List Paragraph")
    deep._p.get_or_add_pPr().append(
        parse_xml(f'<w:numPr {nsdecls("w")}><w:ilvl w:val="2"/><w:numId w:val="{num_id}"/></w:numPr>')
    )
    document.add_paragraph("Listeafsnit uden nummer", style="List Paragraph")
    off = document.add_paragraph("Ikke et punkt", style="List Bullet")
    off._p.get_or_add_pPr().append(parse_xml(f'<w:numPr {nsdecls("w")}><w:numId w:val="0"/></w:numPr>'))

    blocks = _read(document).blocks
    assert [(p.kind, p.level, p.text, p.marker) for p in blocks] == [
        (ITEM, 0, "Møder", ""),
        (ITEM, 1, "KB 20. august", ""),
        (ITEM, 2, "Temamøde", ""),
        (ITEM, 0, "Første", "1."),
        (ITEM, 0, "Anden", "2."),
        (ITEM, 2, "Dybt punkt", "a)"),
        (ITEM, 0, "Listeafsnit uden nummer", ""),
        (PARA, 0, "Ikke et punkt", ""),
    ]


def test_typed_bullets_in_a_cell_and_in_the_body_are_items() -> None:
    document = docx.Document()
    document.add_paragraph("- Gruppeformandsmøde d. 12. august")
    table = document.add_table(rows=1, cols=2)
    table.cell(0, 0).text = "Emner"
    table.cell(0, 1).text = "• Budget • Personale"
    table.cell(0, 1).add_paragraph("– Eventuelt")
    blocks = _read(document).blocks
    assert _shape([blocks[0]]) == [(ITEM, 0, "Gruppeformandsmøde d. 12. august", False)]
    cell = blocks[1].rows[0].cells[1]
    assert _shape(cell.paragraphs) == [
        (ITEM, 0, "Budget", False),
        (ITEM, 0, "Personale", False),  # each typed bullet is its own item
        (ITEM, 0, "Eventuelt", False),
    ]


# --- text inside a paragraph -------------------------------------------------------------------


def test_line_break_in_a_cell_gives_a_broken_paragraph_on_the_same_line() -> None:
    document = docx.Document()
    document.add_paragraph("Før tabellen")
    table = document.add_table(rows=1, cols=2)
    table.cell(0, 0).text = "Medlemmer"
    paragraph = table.cell(0, 1).paragraphs[0]
    paragraph.add_run("Kommunaldirektør Jonas Kroustrup")
    paragraph.add_run().add_break()
    paragraph.add_run("Velfærdsdirektør Lene Mehlsen Thomsen")
    cell = _read(document).blocks[1].rows[0].cells[1]
    assert _shape(cell.paragraphs) == [
        (PARA, 0, "Kommunaldirektør Jonas Kroustrup", False),
        (PARA, 0, "Velfærdsdirektør Lene Mehlsen Thomsen", True),
    ]
    assert [p.pos.line for p in cell.paragraphs] == [3, 3]


def test_runs_in_links_insertions_fields_and_smart_tags_are_read_deletions_are_not() -> None:
    rev = 'w:id="{}" w:author="Sekretariatet" w:date="2024-08-01T10:00:00Z"'
    data = _with_body(
        "<w:p><w:r><w:t xml:space='preserve'>Mødet er </w:t></w:r>"
        f"<w:del {rev.format(1)}><w:r><w:delText>aflyst</w:delText></w:r></w:del>"
        f"<w:ins {rev.format(2)}><w:r><w:t>flyttet</w:t></w:r></w:ins>"
        f"<w:moveFrom {rev.format(3)}><w:r><w:t>gammel plads</w:t></w:r></w:moveFrom>"
        "<w:r><w:t xml:space='preserve'> til </w:t></w:r>"
        "<w:hyperlink w:anchor='x'><w:r><w:t>Mødelokale 250</w:t></w:r></w:hyperlink>"
        "<w:r><w:t xml:space='preserve'>, uge </w:t></w:r>"
        "<w:fldSimple w:instr=' DOCPROPERTY Uge '><w:r><w:t>42</w:t></w:r></w:fldSimple>"
        "<w:r><w:fldChar w:fldCharType='begin'/></w:r><w:r><w:instrText> PAGE </w:instrText></w:r>"
        "<w:r><w:fldChar w:fldCharType='end'/></w:r>"
        "<w:smartTag w:uri='urn:x' w:element='date'><w:r><w:t xml:space='preserve'> den 15. jan</w:t></w:r></w:smartTag>"
        "<w:r><w:tab/><w:t>kl.</w:t><w:tab/><w:t>9</w:t><w:noBreakHyphen/><w:t>13</w:t>"
        "<w:softHyphen/><w:br w:type='page'/><w:t>(KB</w:t><w:noBreakHyphen/><w:t>temamøde)</w:t></w:r></w:p>"
    )
    (paragraph,) = _read(data).blocks
    assert paragraph.text == "Mødet er flyttet til Mødelokale 250, uge 42 den 15. jan kl. 9-13 (KB-temamøde)"
    assert not paragraph.broken


def test_fully_bold_paragraph_is_strong() -> None:
    document = docx.Document()
    document.add_paragraph().add_run("Indholdsfortegnelse").bold = True
    mixed = document.add_paragraph()
    mixed.add_run("Dato: ").bold = True
    mixed.add_run("onsdag")
    document.add_paragraph().add_run("Beslutning", style="Strong")
    switched_off = document.add_paragraph(style="Heading 1")
    switched_off.add_run("Overskrift")
    blocks = _read(document).blocks
    assert [(p.text, p.strong) for p in blocks] == [
        ("Indholdsfortegnelse", True),
        ("Dato: onsdag", False),
        ("Beslutning", True),
        ("Overskrift", False),  # a heading is emphasised by being one
    ]


# --- tables ------------------------------------------------------------------------------------


def test_merged_cells_keep_the_columns() -> None:
    document = docx.Document()
    table = document.add_table(rows=3, cols=3)
    for r, row in enumerate(table.rows):
        for c, cell in enumerate(row.cells):
            cell.text = f"r{r}c{c}"
    table.cell(0, 0).merge(table.cell(0, 1))  # horizontal: gridSpan 2
    table.cell(1, 2).merge(table.cell(2, 2))  # vertical: vMerge restart + continue
    # Word shows only the first cell of a vertical merge; stray text left in a continuation cell is not read.
    table.rows[2]._tr.tc_lst[2].append(parse_xml(f"<w:p {nsdecls('w')}><w:r><w:t>skjult</w:t></w:r></w:p>"))
    (read,) = _read(document).blocks
    assert _cells(read) == [
        ["r0c0 r0c1", "", "r0c2"],
        ["r1c0", "r1c1", "r1c2 r2c2"],
        ["r2c0", "r2c1", "r1c2 r2c2"],  # one cell over two rows: each row reads what Word shows in it
    ]
    shown_again = read.rows[2].cells[2].paragraphs
    assert [p.pos.line for p in shown_again] == [p.pos.line for p in read.rows[1].cells[2].paragraphs]


def test_nested_table_is_flattened_into_its_cell() -> None:
    document = docx.Document()
    table = document.add_table(rows=1, cols=2)
    table.cell(0, 0).text = "Tidsplan"
    outer = table.cell(0, 1)
    outer.text = "Før"
    inner = outer.add_table(rows=2, cols=2)
    for (r, c), text in zip(
        [(0, 0), (0, 1), (1, 0), (1, 1)], ["09.45", "KB-seminar", "10.00", "Pause"], strict=True
    ):
        inner.cell(r, c).text = text
    outer.add_paragraph("Efter")
    document.add_paragraph("Næste")
    blocks = _read(document).blocks
    assert len(blocks) == 2
    cell = blocks[0].rows[0].cells[1]
    assert [p.text for p in cell.paragraphs] == ["Før", "09.45", "KB-seminar", "10.00", "Pause", "Efter"]
    lines = [p.pos.line for p in cell.paragraphs]
    assert lines == sorted(lines) and len(set(lines)) == 6
    assert blocks[1].pos.line > lines[-1]


def test_empty_row_is_kept_and_lines_go_on() -> None:
    document = docx.Document()
    table = document.add_table(rows=3, cols=2)
    table.cell(0, 0).text, table.cell(0, 1).text = "Tid", "Punkt"
    table.cell(2, 0).text, table.cell(2, 1).text = "10.00", "Pause"
    (read,) = _read(document).blocks
    assert _cells(read) == [["Tid", "Punkt"], ["", ""], ["10.00", "Pause"]]
    assert all(cell.empty for cell in read.rows[1].cells)
    assert [row.pos.line for row in read.rows] == [1, 3, 5]


def test_lines_count_empty_paragraphs_and_cells() -> None:
    document = docx.Document()
    document.add_paragraph("Direktionen")
    document.add_paragraph("")
    table = document.add_table(rows=1, cols=2)
    table.cell(0, 0).text = "Sted"
    table.cell(0, 1).text = "Rådhuset"
    document.add_paragraph("Dato: onsdag den 7. august 2024")
    blocks = _read(document).blocks
    assert [b.pos.line for b in blocks] == [1, 3, 5]
    assert [p.pos.line for p in blocks[1].rows[0].cells[0].paragraphs] == [3]
    assert blocks[2].pos.label() == "linje 5"


# --- content controls and custom XML ----------------------------------------------------------


def test_content_controls_and_custom_xml_are_read_in_order() -> None:
    sdt = "<w:sdt><w:sdtPr><w:alias w:val='{}'/></w:sdtPr><w:sdtContent>{}</w:sdtContent></w:sdt>"
    inline = (
        "<w:p><w:r><w:t xml:space='preserve'>Dato: </w:t></w:r>"
        + sdt.format("Dato", "<w:r><w:t>onsdag den 15. januar 2025</w:t></w:r>")
        + "</w:p>"
    )
    row = "<w:tr><w:tc><w:p><w:r><w:t>{}</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>{}</w:t></w:r></w:p></w:tc></w:tr>"
    table = (
        "<w:tbl><w:tblGrid><w:gridCol/><w:gridCol/></w:tblGrid>"
        + row.format("Tid", "Punkt")
        + sdt.format("Punkter", row.format("09.45", "KB-seminar") + row.format("10.00", "Pause"))
        + "</w:tbl>"
    )
    data = _with_body(
        _p("Direktionen", "<w:pStyle w:val='Heading1'/>")
        + sdt.format("Mødeinfo", _p("Sted: Mødelokale 250") + inline)
        + "<w:customXml w:element='punkter'>"
        + table
        + _p("Slut")
        + "</w:customXml>"
    )
    blocks = _read(data).blocks
    assert _shape(blocks[:3]) == [
        (HEADING, 1, "Direktionen", False),
        (PARA, 0, "Sted: Mødelokale 250", False),
        (PARA, 0, "Dato: onsdag den 15. januar 2025", False),
    ]
    assert _cells(blocks[3]) == [["Tid", "Punkt"], ["09.45", "KB-seminar"], ["10.00", "Pause"]]
    assert blocks[4].text == "Slut"
    assert blocks[4].pos.line == 10


# --- damaged files -----------------------------------------------------------------------------


def _zip(files: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        for name, content in files.items():
            z.writestr(name, content)
    return out.getvalue()


def _one_line_danish(exc: UnreadableInput, name: str) -> str:
    message = str(exc)
    assert message.startswith(f"{name}: ")
    assert "\n" not in message and "Traceback" not in message
    return message


def test_truncated_file_is_reported_as_damaged() -> None:
    good = _save(docx.Document())
    with pytest.raises(UnreadableInput) as exc:
        read_document(good[: len(good) // 2], "referat.docx")
    assert "beskadiget" in _one_line_danish(exc.value, "referat.docx")
    with pytest.raises(UnreadableInput) as exc:  # the reader on its own says the same
        docx_reader.read(good[: len(good) // 2], "referat.docx", "")
    assert "beskadiget" in _one_line_danish(exc.value, "referat.docx")


def test_missing_document_part_and_broken_xml_are_reported() -> None:
    with pytest.raises(UnreadableInput) as exc:
        docx_reader.read(_zip({"word/styles.xml": b"<x/>"}), "dagsorden.docx", "")
    assert "word/document.xml mangler" in _one_line_danish(exc.value, "dagsorden.docx")

    broken = _zip({"word/document.xml": b'<?xml version="1.0"?>\n<w:document xmlns:w="x">\n<w:body><w:p>'})
    with pytest.raises(UnreadableInput) as exc:
        read_document(broken, "dagsorden.docx")
    message = _one_line_danish(exc.value, "dagsorden.docx")
    assert "beskadiget" in message and "word/document.xml" in message and "linje" in message


def test_damaged_styles_part_names_the_part() -> None:
    document = _save(docx.Document())
    with zipfile.ZipFile(io.BytesIO(document)) as z:
        files = {name: z.read(name) for name in z.namelist()}
    files["word/styles.xml"] = files["word/styles.xml"][:500]
    with pytest.raises(UnreadableInput) as exc:
        read_document(_zip(files), "dagsorden.docx")
    assert "word/styles.xml" in _one_line_danish(exc.value, "dagsorden.docx")


def test_zip_header_claiming_an_unknown_zip_version_is_damaged() -> None:
    data = bytearray(_save(docx.Document()))
    central = data.find(b"PK\x01\x02")  # the first central directory entry
    data[central + 6 : central + 8] = (122).to_bytes(2, "little")  # "version needed to extract": 12.2
    with pytest.raises(UnreadableInput) as exc:
        read_document(bytes(data), "referat.docx")
    assert "beskadiget" in _one_line_danish(exc.value, "referat.docx")
    with pytest.raises(UnreadableInput) as exc:
        docx_reader.read(bytes(data), "referat.docx", "")
    assert "beskadiget" in _one_line_danish(exc.value, "referat.docx")


def test_random_damage_gives_a_document_or_a_danish_error_never_a_traceback() -> None:
    """Bytes flipped anywhere in a real .docx (zip headers, compressed XML): read, or UnreadableInput."""
    good = (FORMATS / f"{STEMS[0]}.docx").read_bytes()
    rng = random.Random(20241015)  # fixed: the same damage every run
    outcomes = {"read": 0, "unreadable": 0}
    for _ in range(400):
        data = bytearray(good)
        for _ in range(rng.randint(1, 20)):
            data[rng.randrange(len(data))] = rng.randrange(256)
        try:
            read_document(bytes(data), "referat.docx")
            outcomes["read"] += 1
        except UnreadableInput as exc:
            _one_line_danish(exc, "referat.docx")
            outcomes["unreadable"] += 1
    assert outcomes["unreadable"] > 0 and outcomes["read"] > 0


def test_embedded_document_is_a_warning_not_a_silent_loss() -> None:
    data = _with_body(
        _p("Direktionen")
        + f"<w:altChunk {nsdecls('r')} r:id='rIdChunk'/>"
        + _p("Dato: onsdag den 15. januar 2025")
    )
    read = _read(data)
    assert [p.text for p in read.blocks] == ["Direktionen", "Dato: onsdag den 15. januar 2025"]
    (warning,) = read.warnings
    assert warning.pos.label() == "linje 2" and "indlejret indhold" in warning.message


def _text_box(inner: str) -> str:
    """A paragraph anchoring a text box, as Word writes it: the box, and a copy for older readers."""
    return (
        '<w:p xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
        'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"><w:r><mc:AlternateContent>'
        f'<mc:Choice Requires="wps"><w:drawing><w:txbxContent>{inner}</w:txbxContent></w:drawing></mc:Choice>'
        f"<mc:Fallback><w:pict><w:txbxContent>{inner}</w:txbxContent></w:pict></mc:Fallback>"
        "</mc:AlternateContent></w:r></w:p>"
    )


def test_text_boxes_in_the_body_in_a_cell_and_in_a_box_are_read_once() -> None:
    from docx.oxml import parse_xml

    document = docx.Document()
    table = document.add_table(rows=1, cols=2)
    table.cell(0, 0).text = "8. jan."
    inner_table = (
        "<w:tbl><w:tr><w:tc><w:p><w:r><w:t>a</w:t></w:r></w:p></w:tc>"
        "<w:tc><w:p><w:r><w:t>b</w:t></w:r></w:p></w:tc></w:tr></w:tbl>"
    )
    table.cell(0, 1)._tc.append(parse_xml(_text_box(inner_table + "<w:p><w:r><w:t>Boks</w:t></w:r></w:p>")))
    nested = _text_box("<w:p><w:r><w:t>Indre</w:t></w:r></w:p>").replace(
        ' xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
        'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"',
        "",
    )
    document.add_paragraph()._p.append(
        parse_xml(_text_box("<w:p><w:r><w:t>Ydre</w:t></w:r></w:p>" + nested))[0]  # the run with the box
    )
    document.add_paragraph("Efter")
    blocks = _read(document).blocks
    assert [c.text for c in blocks[0].rows[0].cells] == ["8. jan.", "a b Boks"]
    # a line is the paragraph's number among all w:p in document order, the box copies' included
    numbers = {}
    for no, p in enumerate(document.element.body.iter(qn("w:p")), start=1):
        own = "".join(t.text or "" for r in p.iterchildren(qn("w:r")) for t in r.iterchildren(qn("w:t")))
        numbers.setdefault(own, no)
    assert [(b.text, b.pos.line) for b in blocks[1:]] == [
        ("Ydre", numbers["Ydre"]),
        ("Indre", numbers["Indre"]),
        ("Efter", numbers["Efter"]),
    ]


def test_bullets_inserted_as_symbols_split_a_cell_into_items() -> None:
    document = docx.Document()
    table = document.add_table(rows=1, cols=2)
    table.cell(0, 0).text = "8. jan."
    p = table.cell(0, 1).paragraphs[0]
    sym = '<w:r {}><w:sym w:font="Symbol" w:char="F0B7"/></w:r>'.format(nsdecls("w"))
    check = '<w:r {}><w:sym w:font="Wingdings" w:char="F0FE"/></w:r>'.format(nsdecls("w"))
    for xml, text in [(sym, " Budgetproces "), (sym, " Status på Kloge Kvadratmeter "), (check, " OK")]:
        p._p.append(parse_xml(xml))
        p.add_run(text)
    cell = _read(document).blocks[0].rows[0].cells[1]
    assert [(x.kind, x.text) for x in cell.paragraphs] == [
        (ITEM, "Budgetproces"),
        (ITEM, "Status på Kloge Kvadratmeter OK"),
    ]


def test_hidden_text_is_not_read() -> None:
    document = docx.Document()
    p = document.add_paragraph("Budgetproces 2026")
    hidden = p.add_run(" (skriv punktets titel her)")
    hidden.font.hidden = True
    shown = p.add_run(" – tidsplan")
    shown.font.hidden = False  # <w:vanish w:val="0"/>: switched off, shown
    (only,) = _read(document).blocks
    assert only.text == "Budgetproces 2026 – tidsplan"

"""The HTML reader: the format fixtures read back to the blocks of their text files, and focused pages."""

from __future__ import annotations

import pytest
from format_shapes import EXAMPLES, FORMATS, block_shape

from planner.documents import HEADING, ITEM, PARA, Table, read_document

STEMS = sorted(p.stem for p in EXAMPLES.glob("*.txt"))


def _page(body: str) -> bytes:
    return f'<!DOCTYPE html>\n<html lang="da"><head><meta charset="utf-8"></head>\n<body>\n{body}\n</body></html>'.encode()


def _blocks(body: str):
    return read_document(_page(body), "dagsorden.html").blocks


def _shape(paragraphs) -> list[tuple]:
    return [(p.kind, p.level, p.text, p.broken) for p in paragraphs]


@pytest.mark.parametrize("stem", STEMS)
def test_html_fixture_reads_back_to_the_text_blocks(stem: str) -> None:
    text = read_document((EXAMPLES / f"{stem}.txt").read_bytes(), f"{stem}.txt")
    page = read_document((FORMATS / f"{stem}.html").read_bytes(), f"{stem}.html")
    assert page.format == "html"
    assert block_shape(page.blocks) == block_shape(text.blocks)


@pytest.mark.parametrize("stem", STEMS)
def test_html_fixture_lines_are_the_source_lines(stem: str) -> None:
    raw = (FORMATS / f"{stem}.html").read_bytes()
    source_lines = raw.decode("utf-8").splitlines()
    for paragraph in read_document(raw, f"{stem}.html").paragraphs():
        line = source_lines[paragraph.pos.line - 1]
        first_word = paragraph.text.split()[0]
        assert first_word.replace("&", "&amp;") in line or first_word in line


def test_nested_lists_and_line_breaks_in_items() -> None:
    blocks = _blocks(
        "<ul><li>Medlemmer: Kommunaldirektør<br>Velfærdsdirektør</li>"
        "<li>Kommende møder:<ul><li>KB 20. august</li><li>ØK 12. august</li></ul></li>"
        "<li>Fraværende:</li></ul>"
    )
    assert _shape(blocks) == [
        (ITEM, 0, "Medlemmer: Kommunaldirektør", False),
        (ITEM, 0, "Velfærdsdirektør", True),
        (ITEM, 0, "Kommende møder:", False),
        (ITEM, 1, "KB 20. august", False),
        (ITEM, 1, "ØK 12. august", False),
        (ITEM, 0, "Fraværende:", False),
    ]


def test_headings_paragraphs_entities_and_skipped_scripts() -> None:
    blocks = _blocks(
        "<script>var x = '<p>ikke tekst</p>';</script><style>p{color:red}</style>"
        "<h1>Direktionen</h1><h3>1. Økonomi</h3><p>Budget&nbsp;2025 &amp; overslagsår</p>"
        "<div>Sted:<p>Rådhuset</p>hale</div>"
    )
    assert _shape(blocks) == [
        (HEADING, 1, "Direktionen", False),
        (HEADING, 3, "1. Økonomi", False),
        (PARA, 0, "Budget 2025 & overslagsår", False),
        (PARA, 0, "Sted:", False),
        (PARA, 0, "Rådhuset", False),
        (PARA, 0, "hale", False),
    ]


def test_table_cells_keep_paragraphs_breaks_typed_bullets_and_nested_tables() -> None:
    (table,) = _blocks(
        "<table><tr><th>Tid</th><th>Punkt</th></tr>"
        "<tr><td>09.45</td><td><p>KB-seminar</p><p>Direktionen evaluerer<br>Bilag vedlagt</p></td></tr>"
        "<tr><td>10.00</td><td>• Pause • Kaffe</td></tr>"
        "<tr><td>10.15</td><td>Før<table><tr><td>n1</td><td>n2</td></tr></table>Efter</td></tr></table>"
    )
    assert isinstance(table, Table)
    assert [row.texts() for row in table.rows] == [
        ["Tid", "Punkt"],
        ["09.45", "KB-seminar Direktionen evaluerer Bilag vedlagt"],
        ["10.00", "Pause Kaffe"],
        ["10.15", "Før n1 n2 Efter"],
    ]
    assert _shape(table.rows[1].cells[1].paragraphs)[1:] == [
        (PARA, 0, "Direktionen evaluerer", False),
        (PARA, 0, "Bilag vedlagt", True),
    ]
    assert [p.kind for p in table.rows[2].cells[1].paragraphs] == [ITEM, ITEM]


def test_colspan_keeps_the_columns() -> None:
    (table,) = _blocks(
        "<table><tr><td colspan='2'>Tirsdag</td><td>KB</td></tr><tr><td>a</td><td>b</td><td>c</td></tr></table>"
    )
    assert [row.texts() for row in table.rows] == [["Tirsdag", "", "KB"], ["a", "b", "c"]]


def test_rowspan_is_read_in_every_row_it_covers_as_in_word() -> None:
    (table,) = _blocks(
        "<table><tr><td rowspan='2'>Uge 42</td><td>Mandag</td><td rowspan='3'>KB</td></tr>"
        "<tr><td>Tirsdag</td></tr><tr><td>Uge 43</td><td>Onsdag</td></tr></table>"
    )
    assert [row.texts() for row in table.rows] == [
        ["Uge 42", "Mandag", "KB"],
        ["Uge 42", "Tirsdag", "KB"],
        ["Uge 43", "Onsdag", "KB"],
    ]


def test_rowspan_with_colspan_keeps_the_columns() -> None:
    (table,) = _blocks(
        "<table><tr><td rowspan='2' colspan='2'>Juleferie</td><td>a</td></tr><tr><td>b</td></tr>"
        "<tr><td>c</td><td>d</td><td>e</td></tr></table>"
    )
    assert [row.texts() for row in table.rows] == [
        ["Juleferie", "", "a"],
        ["Juleferie", "", "b"],
        ["c", "d", "e"],
    ]


def test_colspan_of_a_cell_holding_a_table_is_kept() -> None:
    (table,) = _blocks(
        "<table><tr><td colspan='2'>Tidsplan<table><tr><td>09.45</td></tr></table></td><td>KB</td></tr></table>"
    )
    assert [row.texts() for row in table.rows] == [["Tidsplan 09.45", "", "KB"]]


def test_a_paragraph_all_in_bold_is_strong() -> None:
    blocks = _blocks(
        "<p><strong>Indholdsfortegnelse</strong></p><p><b>Dato:</b> onsdag</p>"
        "<p><b>Beslutning</b><br>Godkendt</p><h2><b>Direktionen</b></h2>"
    )
    assert [(p.text, p.strong) for p in blocks] == [
        ("Indholdsfortegnelse", True),
        ("Dato: onsdag", False),
        ("Beslutning", True),
        ("Godkendt", False),
        ("Direktionen", False),  # a heading is emphasised by being one
    ]


@pytest.mark.parametrize("stem", STEMS)
def test_html_fixture_keeps_strong_paragraphs(stem: str) -> None:
    text = read_document((EXAMPLES / f"{stem}.txt").read_bytes(), f"{stem}.txt")
    page = read_document((FORMATS / f"{stem}.html").read_bytes(), f"{stem}.html")
    assert block_shape(page.blocks, strong=True) == block_shape(text.blocks, strong=True)


def test_divs_with_aria_roles_are_a_table_and_a_stray_role_is_a_block() -> None:
    blocks = _blocks(
        "<div role='row'><div role='cell'>løs</div></div>"
        "<div role='table'><div class='x' role='row'><span role='columnheader'>Dato</span>"
        "<span role='columnheader'>Punkt</span></div>"
        "<div role='row'><div role='cell'>8. jan.</div><div role='cell'><div>a</div><div>b</div></div></div>"
        "</div><p>Efter</p>"
    )
    assert [type(b).__name__ for b in blocks] == ["Paragraph", "Table", "Paragraph"]
    assert [row.texts() for row in blocks[1].rows] == [["Dato", "Punkt"], ["8. jan.", "a b"]]
    assert [p.text for p in blocks[1].rows[1].cells[1].paragraphs] == ["a", "b"]
    assert blocks[2].text == "Efter"


def test_word_saved_list_paragraphs_bullets_levels_and_numbers() -> None:
    marker = "<![if !supportLists]><span style='font-family:Wingdings'>{}<span>&nbsp;&nbsp; </span></span><![endif]>"
    blocks = _blocks(
        f"<p class=MsoListParagraph style='mso-list:l0 level1 lfo1'>{marker.format('§')}Første</p>"
        f"<p class=MsoListParagraph style='mso-list:l0 level2 lfo1'>{marker.format('o')}Anden</p>"
        f"<p class=MsoListParagraph style='mso-list:l1 level1 lfo2'><b>{marker.format('3.')}Økonomi</b></p>"
        "<p class=MsoNormal>o ikke et punkt</p>"
    )
    assert [(p.kind, p.level, p.text, p.strong) for p in blocks] == [
        (ITEM, 0, "Første", False),
        (ITEM, 1, "Anden", False),
        (PARA, 0, "3. Økonomi", True),
        (PARA, 0, "o ikke et punkt", False),
    ]


def test_a_description_list_is_a_table_of_two_columns() -> None:
    (table, after) = _blocks(
        "<dl><dt>Dato:</dt><dd>8. januar 2025</dd><dt>Medlemmer:</dt><dd>A</dd><dd>B</dd><dd>C</dd></dl><p>Efter</p>"
    )
    assert isinstance(table, Table)
    assert [row.texts() for row in table.rows] == [["Dato:", "8. januar 2025"], ["Medlemmer:", "A B C"]]
    assert [p.text for p in table.rows[1].cells[1].paragraphs] == ["A", "B", "C"]
    assert after.text == "Efter"
    (only,) = _blocks("<dl><dd>løs</dd></dl>")
    assert [row.texts() for row in only.rows] == [["", "løs"]]


def test_a_stray_dt_or_dd_outside_a_description_list_is_a_paragraph() -> None:
    (before, term, value, table) = _blocks(
        "<p>a<dt>b</dt><dd>c</dd></p><table><tr><td><dt>x</dt><dd>y</dd></td><td>z</td></tr></table>"
    )
    assert [before.text, term.text, value.text] == ["a", "b", "c"]
    assert [row.texts() for row in table.rows] == [["x y", "z"]]

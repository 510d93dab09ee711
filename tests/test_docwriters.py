"""The document writers, read back by the readers: what is written is what is read."""

from __future__ import annotations

import io

import docx
import pytest
from format_shapes import EXAMPLES, block_shape

from planner.documents import HEADING, ITEM, PARA, Cell, Paragraph, Position, Row, Table, read_document
from planner.docwriters.docx_writer import blocks_to_docx
from planner.docwriters.html_writer import blocks_to_html

STEMS = sorted(p.stem for p in EXAMPLES.glob("*.txt"))


def _p(text: str, kind: str = PARA, level: int = 0, broken: bool = False, strong: bool = False) -> Paragraph:
    paragraph = Paragraph(text, Position(1), kind, level, broken)
    paragraph.strong = strong
    return paragraph


BLOCKS = [
    _p("Direktionen", HEADING, 1),
    _p("Indholdsfortegnelse", strong=True),
    _p("Medlemmer: Kommunaldirektør Jonas Kroustrup"),
    _p("Velfærdsdirektør Lene Mehlsen Thomsen", broken=True),
    _p("Kommende møder:", ITEM, 0),
    _p("KB 20. august", ITEM, 1),
    _p("Temamøde", ITEM, 2),
    _p("Gruppeformandsmøde", ITEM, 3),
    _p("Efter listen <&> tegn"),
    _p("punkt efter linjeskift", ITEM, 0, broken=True),
    Table(
        [
            Row([Cell([_p("Tid", strong=True)]), Cell([_p("Punkt", strong=True)])], Position(1)),
            Row(
                [Cell([_p("09.45")]), Cell([_p("KB-seminar"), _p("Bilag vedlagt", broken=True)])], Position(1)
            ),
            Row([Cell(), Cell([_p("Budget", ITEM), _p("Personale", ITEM)])], Position(1)),
        ],
        Position(1),
    ),
    _p("1. Økonomi", HEADING, 2),
]


@pytest.mark.parametrize("write, name", [(blocks_to_docx, "plan.docx"), (blocks_to_html, "plan.html")])
def test_written_blocks_read_back_the_same(write, name: str) -> None:
    written = write(BLOCKS, "Direktionen – dagsorden")
    data = written.encode("utf-8") if isinstance(written, str) else written
    assert block_shape(read_document(data, name).blocks, strong=True) == block_shape(BLOCKS, strong=True)


@pytest.mark.parametrize("stem", STEMS)
def test_examples_written_as_word_and_html_read_back_the_same(stem: str) -> None:
    text = read_document((EXAMPLES / f"{stem}.txt").read_bytes(), f"{stem}.txt")
    expected = block_shape(text.blocks, strong=True)
    word = read_document(blocks_to_docx(text.blocks, stem), f"{stem}.docx")
    page = read_document(blocks_to_html(text.blocks, stem).encode("utf-8"), f"{stem}.html")
    assert block_shape(word.blocks, strong=True) == expected
    assert block_shape(page.blocks, strong=True) == expected


def test_word_document_uses_the_built_in_styles_and_a_grid_table() -> None:
    document = docx.Document(io.BytesIO(blocks_to_docx(BLOCKS, "Direktionen – dagsorden")))
    assert document.core_properties.title == "Direktionen – dagsorden"
    styles = [p.style.name for p in document.paragraphs]
    assert styles[:8] == [
        "Heading 1",
        "Normal",
        "Normal",
        "List Bullet",
        "List Bullet 2",
        "List Bullet 3",
        "List Bullet 3",
        "Normal",
    ]
    assert (
        document.paragraphs[2].text
        == "Medlemmer: Kommunaldirektør Jonas Kroustrup\nVelfærdsdirektør Lene Mehlsen Thomsen"
    )
    (table,) = document.tables
    assert table.style.name == "Table Grid"
    assert [c.text for c in table.rows[0].cells] == ["Tid", "Punkt"]
    assert all(run.bold for run in table.rows[0].cells[0].paragraphs[0].runs)


def test_html_page_is_whole_utf8_with_bordered_table() -> None:
    page = blocks_to_html(BLOCKS, "Direktionen & co")
    assert page.startswith("<!DOCTYPE html>")
    assert '<meta charset="utf-8">' in page and "<title>Direktionen &amp; co</title>" in page
    assert "border:1px solid" in page
    assert "Efter listen &lt;&amp;&gt; tegn" in page
    assert page.count("<ul>") == page.count("</ul>") == 5  # four levels deep in the body, one in a cell

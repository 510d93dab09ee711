"""`planner wheel`: the printed wheel as PDF (read back with pdfplumber), PNG and SVG, from a real database."""

from __future__ import annotations

import json
import struct
import subprocess
import sys
from datetime import date
from pathlib import Path

import pdfplumber
import pytest

from planner import commands as cmd
from planner.storage.store import Store
from planner.ui.screenshots import chromium_path

pytestmark = pytest.mark.skipif(not chromium_path(), reason="Debian's chromium is needed (make browser-deps)")
A3 = (1190.55, 841.89)  # points, landscape
A4 = (841.89, 595.28)


def planner(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "planner.cli", *args], capture_output=True, text=True, timeout=120
    )


@pytest.fixture
def db(imported_db: Path) -> Path:
    with Store(imported_db) as store:
        ring = cmd.add_ring(store, "Budgetproces", "#b8860b")
        cmd.add_activity(store, ring.id, "Budgetseminar", date(2025, 3, 3), date(2025, 3, 28))
    return imported_db


def pdf_text(path: Path) -> tuple[int, tuple[float, float], str]:
    with pdfplumber.open(path) as pdf:
        page = pdf.pages[0]
        # Rotated labels come out one character at a time; the content stream keeps each label whole.
        return len(pdf.pages), (page.width, page.height), "".join(c["text"] for c in page.chars)


def test_pdf_on_a3_has_the_names_as_text(db: Path, tmp_path: Path):
    out = tmp_path / "hjul.pdf"
    result = planner(
        "wheel",
        "--db",
        str(db),
        "--year",
        "2025",
        "--start",
        "januar",
        "--format",
        "pdf",
        "--out",
        str(out),
        "--json",
    )
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["paper"] == "a3"
    pages, size, text = pdf_text(out)
    assert pages == 1
    assert size == pytest.approx(A3, abs=2)
    for name in (
        "Direktionens årshjul 2025",
        "Sommerferie",
        "Budgetseminar",
        "KB",
        "Januar",
        "udskrevet ",
        "Direktionens punkter",
        "Budgetproces",
        "Aftalestyr",
        "HOI",
    ):
        assert name in text, name
    assert "Drøftelse og godkendelse af tidsplan" not in text  # a closed point is only "Lukket punkt"


def test_a4_school_year_person_and_layers(db: Path, tmp_path: Path):
    out = tmp_path / "skoleaar.pdf"
    result = planner(
        "wheel",
        "--db",
        str(db),
        "--year",
        "2024",
        "--start",
        "august",
        "--out",
        str(out),
        "--paper",
        "a4",
        "--person",
        "Kim Bruun Nielsen",
        "--layers",
        "points,Budgetproces",
    )
    assert result.returncode == 0, result.stderr
    _pages, size, text = pdf_text(out)
    assert size == pytest.approx(A4, abs=2)
    assert "2024/25" in text and "Kim Bruun Nielsen" in text
    assert "Politiske møder" not in text and "Budgetproces" in text


def test_png_and_svg(db: Path, tmp_path: Path):
    png, svg = tmp_path / "hjul.png", tmp_path / "hjul.svg"
    assert planner("wheel", "--db", str(db), "--year", "2025", "--out", str(png)).returncode == 0
    data = png.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", data[16:24])
    assert width > height >= 1500  # landscape, at twice the page's pixel size
    assert (
        planner("wheel", "--db", str(db), "--year", "2025", "--format", "svg", "--out", str(svg)).returncode
        == 0
    )
    text = svg.read_text(encoding="utf-8")
    assert text.startswith("<svg") and "Sommerferie" in text and "Budgetseminar" in text


def test_bad_arguments_are_one_danish_line(db: Path, tmp_path: Path):
    result = planner("wheel", "--db", str(db), "--year", "2025", "--out", str(tmp_path / "x.doc"))
    assert result.returncode == 2 and "vælg --format" in result.stderr and "Traceback" not in result.stderr
    result = planner(
        "wheel", "--db", str(db), "--year", "2025", "--out", str(tmp_path / "x.pdf"), "--layers", "x"
    )
    assert result.returncode == 2 and "ukendt lag 'x'" in result.stderr
    result = planner("wheel", "--db", str(db), "--year", "2025", "--out", str(tmp_path / "nope" / "x.pdf"))
    assert result.returncode == 2 and "findes ikke" in result.stderr

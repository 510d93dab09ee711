"""Write the format fixtures: each data/examples/*.txt as Word, HTML and PDF in tests/fixtures/formats/.

The text file is read with `planner.documents.read_document`; its blocks are written with the
document writers (`planner.docwriters`), and the PDF is printed from the HTML by Debian's chromium
(A4, no header or footer). Run `bash scripts/ensure_chromium.sh` first when chromium is missing.

    .venv/bin/python scripts/make_format_fixtures.py
"""

from __future__ import annotations

import io
import shutil
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

from planner.documents import read_document
from planner.docwriters.docx_writer import blocks_to_docx
from planner.docwriters.html_writer import blocks_to_html

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "data" / "examples"
OUT = ROOT / "tests" / "fixtures" / "formats"


def print_pdf(html_path: Path, pdf_path: Path) -> None:
    chromium = shutil.which("chromium")
    if chromium is None:
        sys.exit("chromium mangler: kør `bash scripts/ensure_chromium.sh` først")
    with tempfile.TemporaryDirectory() as profile:  # a throwaway profile: nothing of the user's is touched
        subprocess.run(
            [
                chromium,
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--no-pdf-header-footer",
                f"--user-data-dir={profile}",
                f"--print-to-pdf={pdf_path}",
                html_path.resolve().as_uri(),
            ],
            check=True,
            capture_output=True,
            timeout=120,
        )


def stable_zip(data: bytes) -> bytes:
    """The same archive with fixed entry dates, so an unchanged document gives identical bytes."""
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(data)) as source,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for info in source.infolist():
            entry = zipfile.ZipInfo(info.filename, (1980, 1, 1, 0, 0, 0))
            target.writestr(entry, source.read(info), compress_type=zipfile.ZIP_DEFLATED)
    return out.getvalue()


def write_if_changed(path: Path, data: bytes) -> bool:
    if path.exists() and path.read_bytes() == data:
        return False
    path.write_bytes(data)
    return True


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    for source in sorted(EXAMPLES.glob("*.txt")):
        document = read_document(source.read_bytes(), source.name)
        title = f"Direktionen – {source.stem}"
        write_if_changed(OUT / f"{source.stem}.docx", stable_zip(blocks_to_docx(document.blocks, title)))
        html_path, pdf_path = OUT / f"{source.stem}.html", OUT / f"{source.stem}.pdf"
        html_changed = write_if_changed(html_path, blocks_to_html(document.blocks, title).encode("utf-8"))
        if (
            html_changed or not pdf_path.exists()
        ):  # chromium stamps the time in the PDF: print only when needed
            print_pdf(html_path, pdf_path)
        print(f"{source.name}: {len(document.blocks)} blokke → .docx, .html, .pdf")


if __name__ == "__main__":
    main()

"""Print an HTML file to PDF with Debian's headless chromium (a test helper).

    python scripts/print_pdf.py page.html page.pdf

The PDF reader's tests read PDFs printed this way; the printed files are committed under
tests/fixtures/pdf/ next to their HTML sources, so the tests never need a browser.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path


def print_pdf(html: Path, pdf: Path, timeout: float = 120.0, header_footer: bool = False) -> Path:
    """Print `html` to `pdf` (A4 unless the page says otherwise); raises RuntimeError when chromium fails.
    `header_footer`: with chromium's own page header and footer (date, title, address, "1/3")."""
    chromium = shutil.which("chromium")
    if chromium is None:
        raise RuntimeError("chromium is not installed: run `bash scripts/ensure_chromium.sh`")
    html, pdf = Path(html).resolve(), Path(pdf).resolve()
    pdf.parent.mkdir(parents=True, exist_ok=True)
    # A private profile: several printers may run at once, and a shared profile is locked by the first.
    with tempfile.TemporaryDirectory(prefix="print-pdf-") as profile:
        command = [
            chromium,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            *([] if header_footer else ["--no-pdf-header-footer"]),
            f"--user-data-dir={profile}",
            f"--print-to-pdf={pdf}",
            html.as_uri(),
        ]
        done = subprocess.run(command, capture_output=True, text=True, timeout=timeout, check=False)
    if done.returncode != 0 or not pdf.exists() or pdf.stat().st_size == 0:
        raise RuntimeError(f"chromium could not print {html}: {done.stderr.strip()[-500:]}")
    return pdf


def main(argv: list[str]) -> int:
    if len(argv) != 2:
        print("usage: python scripts/print_pdf.py IN.html OUT.pdf", file=sys.stderr)
        return 2
    print_pdf(Path(argv[0]), Path(argv[1]))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

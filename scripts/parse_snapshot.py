"""Write (or compare against) a snapshot of everything the parser produces, for refactoring the parser
without changing what it reads: `python scripts/parse_snapshot.py write DIR`, then after a change
`python scripts/parse_snapshot.py check DIR`.

Covers data/examples, every fixture document under tests/fixtures and the benchmark's generated
archive. For each document it records the whole ParsedDocument (every field, not only the JSON
shape) and the reader's blocks, so a change in either shows up as a difference.
"""

from __future__ import annotations

import dataclasses
import json
import sys
import tempfile
from pathlib import Path

from planner.bench.archive import write_archive
from planner.documents import UnreadableInput, read_document
from planner.parse.document import clear_caches, parse_bytes

ROOT = Path(__file__).resolve().parent.parent
SUFFIXES = {".txt", ".md", ".html", ".htm", ".docx", ".pdf"}


def documents(archive: Path) -> list[Path]:
    found = [p for folder in ("data/examples", "tests/fixtures") for p in sorted((ROOT / folder).rglob("*"))]
    return [p for p in found if p.suffix.lower() in SUFFIXES] + sorted(write_archive(archive, years=10))


def snapshot(path: Path) -> str:
    data = path.read_bytes()
    try:
        parsed = dataclasses.asdict(parse_bytes(data, path.name))
        blocks = repr(read_document(data, path.name).blocks)
    except UnreadableInput as exc:
        return f"UnreadableInput: {exc}\n"
    parsed.pop("content")
    text = json.dumps(parsed, default=repr, ensure_ascii=False, indent=1, sort_keys=True)
    return text + "\n" + blocks + "\n"


def key(path: Path) -> str:
    where = path.relative_to(ROOT) if path.is_relative_to(ROOT) else Path("archive") / path.name
    return str(where).replace("/", "__")


def main(mode: str, folder: str) -> int:
    out = Path(folder)
    out.mkdir(parents=True, exist_ok=True)
    clear_caches()
    differ = 0
    with tempfile.TemporaryDirectory() as tmp:
        paths = documents(Path(tmp))
        for path in paths:
            text, target = snapshot(path), out / (key(path) + ".snap")
            if mode == "write":
                target.write_text(text, encoding="utf-8")
            elif not target.exists() or target.read_text(encoding="utf-8") != text:
                differ += 1
                print(f"DIFFERS: {key(path)}")
                (out.parent / (out.name + "-new")).mkdir(exist_ok=True)
                (out.parent / (out.name + "-new") / target.name).write_text(text, encoding="utf-8")
    print(f"{len(paths)} documents, {differ} differ")
    return 1 if differ else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], sys.argv[2]))

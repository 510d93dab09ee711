"""Schema version 6: a document's text is kept once per content hash (`document_text`), and the
history item of an imported document is its row without the text. Undo and redo of an import (of
this version or of one recorded before it, whose items hold the text) restore the document as it was."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

from planner.storage.schema import MIGRATIONS, SCHEMA_VERSION
from planner.storage.store import Store
from planner.sync.importer import import_documents, read_documents

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = sorted((ROOT / "data" / "examples").glob("*.txt"))[0]


def _documents(store: Store) -> list[tuple]:
    return [(d["id"], d["source"], d["sha256"], d["text"], d["format"]) for d in store.documents()]


def test_an_imports_history_holds_each_documents_row_without_its_text(tmp_path):
    with Store(tmp_path / "plan.db") as store:
        import_documents(store, read_documents([EXAMPLE]))
        imported = _documents(store)
        (change,) = store.history()
        docs = [it for it in change.items if it["table"] == "documents"]
        assert len(docs) == 1 and docs[0]["before"] is None
        assert "text" not in docs[0]["after"] and docs[0]["after"]["sha256"] == imported[0][2]
        assert imported[0][3]  # the text, from document_text
        undo = store.undo()
        assert store.documents() == []
        store.undo(undo.id)  # the redo: the row again, and its text found by its hash
        assert _documents(store) == imported
        plan = store.load_plan()
        assert plan.points


def test_a_version_5_database_keeps_its_texts_and_its_history_can_be_undone_and_redone(tmp_path):
    path = tmp_path / "old.db"
    conn = sqlite3.connect(path)
    for step in range(1, 6):
        conn.executescript(MIGRATIONS[step])
    conn.execute("INSERT INTO meta VALUES ('schema_version', '5'), ('plan_version', '1')")
    row = {
        "id": 1,
        "source": "dagsorden.txt",
        "sha256": "ab" * 32,
        "kind": "dagsorden",
        "meeting_date": "2025-01-22",
        "imported_at": "2025-01-20T08:00:00.000000Z",
        "text": "Dagsorden for Direktionen æøå",
        "encoding": "utf-8",
        "format": "txt",
    }
    conn.execute(
        f"INSERT INTO documents({','.join(row)}) VALUES({','.join('?' * len(row))})", list(row.values())
    )
    items = [{"table": "documents", "id": 1, "before": None, "after": row}]  # as version 5 recorded it
    conn.execute(
        "INSERT INTO history(ts, actor, action, summary, items, undone, plan_version) VALUES(?,?,?,?,?,0,1)",
        ("2025-01-20T08:00:00.000000Z", "import", "import", "import af dagsorden.txt", json.dumps(items)),
    )
    conn.commit()
    conn.close()
    with Store(path) as store:
        assert store.schema_version == SCHEMA_VERSION == 6
        columns = {r[1] for r in store.conn.execute("PRAGMA table_info(documents)")}
        assert "text" not in columns
        assert store.documents() == [row]
        undo = store.undo()
        assert store.documents() == []
        store.undo(undo.id)
        assert store.documents() == [row]

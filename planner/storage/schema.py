"""The database schema, versioned: each migration takes the database one version up."""

from __future__ import annotations

import sqlite3

SCHEMA_VERSION = 6

_V1 = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS documents (
    id INTEGER PRIMARY KEY, source TEXT NOT NULL, sha256 TEXT NOT NULL UNIQUE, kind TEXT,
    meeting_date TEXT, imported_at TEXT NOT NULL, text TEXT NOT NULL, encoding TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS points (
    id INTEGER PRIMARY KEY, uid TEXT NOT NULL UNIQUE, title TEXT NOT NULL, description TEXT NOT NULL DEFAULT '',
    date TEXT, owner TEXT, participants TEXT NOT NULL DEFAULT '[]', duration_min INTEGER NOT NULL DEFAULT 15,
    status TEXT NOT NULL, origin TEXT NOT NULL, source TEXT NOT NULL DEFAULT '', source_line INTEGER,
    closed INTEGER NOT NULL DEFAULT 0, note TEXT, version INTEGER NOT NULL DEFAULT 1,
    sequence INTEGER NOT NULL DEFAULT 0, doc_date TEXT, doc_value TEXT, edited TEXT NOT NULL DEFAULT '{}',
    updated_at TEXT
);
CREATE INDEX IF NOT EXISTS points_date ON points(date);
CREATE TABLE IF NOT EXISTS meetings (
    id INTEGER PRIMARY KEY, date TEXT NOT NULL UNIQUE, start TEXT NOT NULL, end TEXT NOT NULL, location TEXT,
    origin TEXT NOT NULL, status TEXT NOT NULL, source TEXT NOT NULL DEFAULT '', extra INTEGER NOT NULL DEFAULT 0,
    version INTEGER NOT NULL DEFAULT 1, sequence INTEGER NOT NULL DEFAULT 0, updated_at TEXT
);
CREATE TABLE IF NOT EXISTS events (
    id INTEGER PRIMARY KEY, uid TEXT NOT NULL UNIQUE, title TEXT NOT NULL, start TEXT NOT NULL, end TEXT NOT NULL,
    category TEXT NOT NULL, status TEXT NOT NULL, kind TEXT NOT NULL, source TEXT NOT NULL DEFAULT '',
    sequence INTEGER NOT NULL DEFAULT 0, version INTEGER NOT NULL DEFAULT 1, updated_at TEXT
);
CREATE TABLE IF NOT EXISTS closures (
    id INTEGER PRIMARY KEY, label TEXT NOT NULL, start TEXT NOT NULL, end TEXT NOT NULL, kind TEXT NOT NULL,
    source TEXT NOT NULL DEFAULT '', updated_at TEXT
);
CREATE TABLE IF NOT EXISTS absences (
    id INTEGER PRIMARY KEY, person TEXT NOT NULL, start TEXT NOT NULL, end TEXT NOT NULL,
    source TEXT NOT NULL DEFAULT '', note TEXT, updated_at TEXT
);
CREATE TABLE IF NOT EXISTS people (
    id INTEGER PRIMARY KEY, name TEXT NOT NULL, role TEXT NOT NULL DEFAULT '', vacant INTEGER NOT NULL DEFAULT 0,
    updated_at TEXT
);
CREATE TABLE IF NOT EXISTS feeds (
    id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE, token TEXT NOT NULL UNIQUE, internal INTEGER NOT NULL DEFAULT 0,
    updated_at TEXT
);
CREATE TABLE IF NOT EXISTS history (
    id INTEGER PRIMARY KEY, ts TEXT NOT NULL, actor TEXT NOT NULL, action TEXT NOT NULL, summary TEXT NOT NULL,
    items TEXT NOT NULL, undone INTEGER NOT NULL DEFAULT 0, plan_version INTEGER NOT NULL
);
"""

# Version 2: documents of every format. The bytes as imported are kept once per content hash (a
# document is re-read from them when the fold is replayed); `text` becomes a plain rendering.
_V2_DOCUMENT_CONTENT = """
ALTER TABLE documents ADD COLUMN format TEXT NOT NULL DEFAULT 'txt';
CREATE TABLE IF NOT EXISTS document_content (sha256 TEXT PRIMARY KEY, data BLOB NOT NULL);
"""

# Version 3: a revoked feed keeps its row (so no new token is made for it behind the
# secretariat's back) but its token no longer opens anything.
FEED_REVOCATION = """
ALTER TABLE feeds ADD COLUMN revoked_at TEXT
"""


# Version 4: own rings on the wheel and their activities, and read-only links to a wheel (issue 13).
_OWN_RINGS_AND_SHARED_WHEELS = """
CREATE TABLE IF NOT EXISTS rings (
    id INTEGER PRIMARY KEY, name TEXT NOT NULL, color TEXT NOT NULL, position INTEGER NOT NULL DEFAULT 0,
    version INTEGER NOT NULL DEFAULT 1, updated_at TEXT
);
CREATE TABLE IF NOT EXISTS activities (
    id INTEGER PRIMARY KEY, uid TEXT NOT NULL UNIQUE, ring_id INTEGER NOT NULL, title TEXT NOT NULL,
    start TEXT NOT NULL, end TEXT NOT NULL, recurrence TEXT NOT NULL DEFAULT '', note TEXT NOT NULL DEFAULT '',
    version INTEGER NOT NULL DEFAULT 1, sequence INTEGER NOT NULL DEFAULT 0, updated_at TEXT
);
CREATE INDEX IF NOT EXISTS activities_ring ON activities(ring_id);
CREATE TABLE IF NOT EXISTS wheel_shares (
    id INTEGER PRIMARY KEY, token TEXT NOT NULL UNIQUE, year INTEGER NOT NULL, start_month INTEGER NOT NULL,
    layers TEXT NOT NULL, person TEXT, created_at TEXT NOT NULL, revoked_at TEXT
);
"""

# Version 5: times as the agenda states them (issue 11, part 5): a point's start time from its
# meeting's timetable, and the timetable's breaks (Pause, Frokost) on the meeting, as JSON.
_AGENDA_TIMES = """
ALTER TABLE points ADD COLUMN start TEXT;
ALTER TABLE meetings ADD COLUMN breaks TEXT NOT NULL DEFAULT '[]'
"""

# Version 6: a document's text (its plain rendering) is kept once per content hash, like its bytes,
# and stays when an import is undone: the history item of an imported document is its row without
# the text (each of them repeated the whole text), and a redo finds the text here by the row's
# sha256. A history item written before keeps its text (Store.undo reads both).
_DOCUMENT_TEXT = """
CREATE TABLE IF NOT EXISTS document_text (sha256 TEXT PRIMARY KEY, text TEXT NOT NULL);
INSERT OR IGNORE INTO document_text(sha256, text) SELECT sha256, text FROM documents;
ALTER TABLE documents DROP COLUMN text
"""


MIGRATIONS = {
    1: _V1,
    2: _V2_DOCUMENT_CONTENT,
    3: FEED_REVOCATION,
    4: _OWN_RINGS_AND_SHARED_WHEELS,
    5: _AGENDA_TIMES,
    6: _DOCUMENT_TEXT,
}


def migrate(conn: sqlite3.Connection) -> None:
    conn.execute("CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)")
    row = conn.execute("SELECT value FROM meta WHERE key='schema_version'").fetchone()
    current = int(row[0]) if row else 0
    if current > SCHEMA_VERSION:
        raise RuntimeError(
            f"databasen har skemaversion {current}, denne version af planner kender kun {SCHEMA_VERSION}"
        )
    for version in range(current + 1, SCHEMA_VERSION + 1):
        for statement in MIGRATIONS[version].split(";"):
            if statement.strip():
                conn.execute(statement)
        conn.execute("INSERT OR REPLACE INTO meta(key, value) VALUES('schema_version', ?)", (str(version),))
    if conn.execute("SELECT 1 FROM meta WHERE key='plan_version'").fetchone() is None:
        conn.execute("INSERT INTO meta(key, value) VALUES('plan_version', '0')")


def schema_tables(version: int) -> dict[str, set[str]]:
    """table -> its columns in a database of schema `version` (what a restore requires of a backup)."""
    conn = sqlite3.connect(":memory:")
    try:
        for step in range(1, version + 1):
            for statement in MIGRATIONS[step].split(";"):
                if statement.strip():
                    conn.execute(statement)
        names = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")]
        return {name: {r[1] for r in conn.execute(f"PRAGMA table_info({name})")} for name in names}
    finally:
        conn.close()

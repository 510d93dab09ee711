"""The SQL of the `wheel_shares` table: read-only links to a wheel."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime

from planner.storage.store import Store


class WheelShareTable:
    """Rows of `wheel_shares`: (id, token, year, start_month, layers (JSON), person, created_at, revoked_at)."""

    def __init__(self, store: Store) -> None:
        self.store = store

    def insert(
        self, token: str, year: int, start_month: int, layers_json: str, person: str | None
    ) -> sqlite3.Row:
        now = datetime.now(UTC).isoformat()
        with self.store.transaction() as conn:
            cur = conn.execute(
                "INSERT INTO wheel_shares(token, year, start_month, layers, person, created_at) VALUES(?,?,?,?,?,?)",
                (token, year, start_month, layers_json, person, now),
            )
            return conn.execute("SELECT * FROM wheel_shares WHERE id=?", (cur.lastrowid,)).fetchone()

    def all(self) -> list[sqlite3.Row]:
        return self.store.conn.execute("SELECT * FROM wheel_shares ORDER BY id").fetchall()

    def active(self, token: str) -> sqlite3.Row | None:
        return self.store.conn.execute(
            "SELECT * FROM wheel_shares WHERE token=? AND revoked_at IS NULL", (token,)
        ).fetchone()

    def revoke(self, ref: str) -> sqlite3.Row | None:
        """Revoke by id or token (already revoked: unchanged); the row after, None when there is none."""
        with self.store.transaction() as conn:
            row = conn.execute(
                "SELECT * FROM wheel_shares WHERE token=? OR CAST(id AS TEXT)=?", (ref, ref)
            ).fetchone()
            if row is None:
                return None
            if row["revoked_at"] is None:
                conn.execute(
                    "UPDATE wheel_shares SET revoked_at=? WHERE id=?",
                    (datetime.now(UTC).isoformat(), row["id"]),
                )
            return conn.execute("SELECT * FROM wheel_shares WHERE id=?", (row["id"],)).fetchone()

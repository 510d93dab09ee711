"""The SQL of the `feeds` table: one secret token per feed name, revocable."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import UTC, datetime

from planner.storage.store import Store


class FeedTokenTable:
    """Rows of `feeds`: (name, token, internal, revoked_at, updated_at)."""

    def __init__(self, store: Store) -> None:
        self.store = store

    def tokens(self) -> dict[str, str | None]:
        """name -> token, None for a revoked feed."""
        rows = self.store.conn.execute("SELECT name, token, revoked_at FROM feeds")
        return {r["name"]: None if r["revoked_at"] else r["token"] for r in rows}

    def live(self) -> list[tuple[str, str]]:
        """(name, token) of every feed that is not revoked."""
        rows = self.store.conn.execute("SELECT name, token FROM feeds WHERE revoked_at IS NULL")
        return [(r["name"], r["token"]) for r in rows]

    def add_missing(self, feeds: Iterable[tuple[str, bool]], make_token: Callable[[], str]) -> None:
        """A token for each (name, internal) not there yet (safe with concurrent processes)."""
        now = _now()
        with self.store.transaction() as conn:
            for name, internal in feeds:
                conn.execute(
                    "INSERT OR IGNORE INTO feeds(name, token, internal, updated_at) VALUES(?,?,?,?)",
                    (name, make_token(), int(internal), now),
                )

    def set_token(self, name: str, token: str, revoked: bool, actor: str, summary: str) -> None:
        """Give `name` a new token (revoked or live), recorded in history as one change."""
        now = _now()
        with self.store.transaction() as conn:
            conn.execute(
                "UPDATE feeds SET token=?, revoked_at=?, updated_at=? WHERE name=?",
                (token, now if revoked else None, now, name),
            )
            self.store.record_event(actor, "feed", summary)


def _now() -> str:
    return datetime.now(UTC).isoformat()

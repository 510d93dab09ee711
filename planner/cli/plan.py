"""Sub-commands: placeholder until implemented."""

from __future__ import annotations


def register(sub) -> None:
    return None

"""Logging helpers: what the planner does and how long it takes, for `planner -v` and servers.

Nothing here prints; the command line (`planner.cli.configure_logging`) decides where log
records go and from which level (quiet by default: warnings only).
"""

from __future__ import annotations

import logging
import time
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def timed(log: logging.Logger, what: str, *args: object, level: int = logging.INFO) -> Iterator[None]:
    """Log `what % args` with the time the block took ("… (12 ms)"), also when it fails."""
    if not log.isEnabledFor(level):
        yield
        return
    start = time.perf_counter()
    try:
        yield
    finally:
        log.log(level, what + " (%.0f ms)", *args, (time.perf_counter() - start) * 1000)

"""Python's cycle collector, paused while the planner builds many objects and no reference cycles.

A parse makes hundreds of thousands of small objects and an import keeps millions (parsed
documents, the folded plan, its rows). None of them is garbage in a cycle, but the collector, run
every 700 allocations, walks every object still alive again and again: a fifth of a parse, a
second or more of a ten-year import. Reference counting frees what is dropped meanwhile; the
collector runs as before once the work is done, and stays off if it was off (a pause inside a
pause leaves it to the outer one).
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def cycle_collector_paused() -> Iterator[None]:
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()

"""The cyclic GC's young generation made to wait for more allocations, for a while.

A bot game and a loaded server both allocate objects fast that die young and make no
reference cycles; at Python's default (a young pass every 700 net allocations) the
passes cost several per cent of the CPU and free nothing. The playtest and the
server's GC pacing (server/gc_pace.py) raise the threshold while they run.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def young_threshold(allocations: int) -> Iterator[None]:
    """Young passes at most every `allocations` net allocations inside; restored after."""
    old = gc.get_threshold()
    gc.set_threshold(max(old[0], allocations), *old[1:])
    try:
        yield
    finally:
        gc.set_threshold(*old)

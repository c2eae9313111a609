"""The cyclic garbage collector paused for blocks that build much and free little (``paused_gc``):
reading a folder, decoding a cache entry, deriving a corpus's lives and a panel's spell rows,
``validate``. None of what they build holds a cycle, so nothing waits for a collection to be freed.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager

__all__ = ["paused_gc"]


@contextmanager
def paused_gc() -> Iterator[None]:
    """Pause the cyclic garbage collector for a block that allocates much and frees little.

    When it resumes, what the block made (a folder, a corpus: hundreds of thousands of objects that
    live on and hold no cycles) goes straight to the oldest generation (``gc.freeze`` then
    ``gc.unfreeze``), instead of being walked by the young generations' collections first. That
    is skipped when anything else in the process is frozen (``gc.get_freeze_count``), so no one
    else's frozen objects are let go.
    """
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            if not gc.get_freeze_count():
                gc.freeze()
                gc.unfreeze()
            gc.enable()

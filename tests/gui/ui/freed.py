"""Whether a screen is freed as soon as it is dropped: the helpers it is split into (its keyboard, its lists,
its person...) are its Qt children and hold no Python reference back to it, so no reference cycle keeps it
for Python's cycle collector, which would tear it down later, at a random moment, its parts half gone."""

from __future__ import annotations

import gc
import weakref
from collections.abc import Callable

from PySide6.QtWidgets import QWidget


def freed_when_dropped(qtbot, worker, make: Callable[[], QWidget], ready: Callable[[QWidget], bool]) -> bool:
    """Make the screen, show it, wait until it is `ready` and nothing is pending on the task runner `worker` (a
    pending job's callbacks hold the screen), close and drop it with the cycle collector off: True when it is
    gone at once."""
    gc.collect()
    gc.disable()
    try:
        held = [make()]  # the only reference
        held[0].show()
        qtbot.waitUntil(lambda: ready(held[0]) and not worker.is_busy(), timeout=10000)
        dropped = weakref.ref(held[0])
        held.pop().close()
        return dropped() is None
    finally:
        gc.enable()

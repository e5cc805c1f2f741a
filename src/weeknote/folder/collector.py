"""Python's cyclic collector in a process that runs one command.

The command line sets the objects its imports made aside (gc.freeze), so that collections
walk only what the command makes. A report makes tens of thousands of objects of its own as
it reads the note index and the words cache, and none of them is in a cycle: each
collection on the way (one per 700 new objects, each walking all the young ones) would find
nothing. So those are made with the collector held off, and in a one-command process set
aside too, since they live as long as the command.
"""

from __future__ import annotations

import gc

ONE_COMMAND = False  # set by cli.full_main, which freezes the imports' objects


class CollectorPaused:
    """Hold the collector off while acyclic objects are made in bulk; then, in a
    one-command process, set them aside with the rest."""

    def __enter__(self) -> None:
        self.collecting = gc.isenabled()
        gc.disable()

    def __exit__(self, *exc: object) -> None:
        if self.collecting:
            if ONE_COMMAND:
                gc.freeze()
            gc.enable()

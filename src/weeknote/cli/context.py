"""What one command carries from its set-up to its end, in the open.

A command's context is made by ``flow.setup`` (or by the short capture path) and passed to
whatever needs it: the config, the store (which records every path it writes and every cache
its reads refresh into the lists below), the folder's lock while the command writes, and the
lines to say once the command has succeeded. Nothing of a command is kept anywhere else.

It is on `weeknote bullet`'s short path, so it imports nothing.
"""

from __future__ import annotations

TYPE_CHECKING = False
if TYPE_CHECKING:
    from contextlib import ExitStack
    from pathlib import Path

    from weeknote.folder.config import Config
    from weeknote.folder.index import Caches
    from weeknote.folder.store import Store


class Context:
    """One command's state. ``written`` and ``caches`` are handed to its Store."""

    __slots__ = (
        "config",
        "store",
        "held",
        "written",
        "committed",
        "caches",
        "messages",
        "new_folder",
        "half_done",
        "git_said",
    )

    def __init__(self) -> None:
        self.config: Config | None = None
        self.store: Store | None = None
        self.held: ExitStack | None = None  # the folder's lock, held while the command writes
        self.written: list[Path] = []  # files written in the notes folder, in order
        self.committed = 0  # how many of ``written`` git.autocommit has committed
        self.caches: Caches = {}  # caches to save once the command has succeeded
        self.messages: list[str] = []  # said once the command has succeeded
        self.new_folder: Path | None = None  # the notes folder this command is making
        self.half_done: str | None = None  # a rebase, merge, … someone left under way
        self.git_said: set[str] = set()  # git warnings said (each once a command)

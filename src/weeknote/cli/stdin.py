"""Standard input, for `bullet -` (one bullet a line): UTF-8 text, or a clear refusal."""

from __future__ import annotations

import sys

from weeknote.errors import UsageError


def stdin_text() -> str:
    """Standard input as UTF-8 text; anything else is refused, not guessed at."""
    raw = sys.stdin.buffer.read() if hasattr(sys.stdin, "buffer") else sys.stdin.read()
    if isinstance(raw, str):
        return raw
    try:
        return raw.decode("utf-8").removeprefix("\ufeff")
    except UnicodeDecodeError as exc:
        raise UsageError(
            f"standard input is not UTF-8 text (byte {exc.start}): convert it, e.g. with iconv"
        ) from None


def stdin_bullets() -> list[str]:
    """One bullet a line of standard input; none at all is a UsageError."""
    texts = [line for line in stdin_text().splitlines() if line.strip()]
    if not texts:
        raise UsageError("no bullets on stdin: give one bullet per line")
    return texts

"""Writing an export to disk: one file, or a folder of files with a manifest.

The rules, so an export never destroys what a person wrote:

- An existing file is replaced only if it is byte-identical to the new text (then it is
  left untouched), or the folder's manifest says this export wrote it and its content is
  still what was written; anything else needs ``force``.
- A folder export writes ``.weeknote-export`` last: a header line, then one
  ``<sha256>  <path>`` line per file it wrote. A non-empty folder without one is not an
  earlier export and needs ``force``; even then, files the export does not produce are
  never touched.
- A file an earlier export wrote that this one no longer produces (a note deleted, a
  narrower --from/--to) is removed if it is unchanged, and kept if someone edited it.
- Names in the manifest are trusted for nothing: one that is absolute, holds ``..`` or
  leads out through a link is ignored (with a warning), so a removal never leaves the
  folder; likewise nothing is written through a link that leads out of it.
- Every check happens before the first write, so a refused export writes nothing; every
  write is atomic (``store.write_atomic``), and the pages are flushed to disk before the
  manifest is written.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from weeknote.errors import ConflictError, UsageError
from weeknote.files import write_atomic

MANIFEST = ".weeknote-export"
_HEADER = "weeknote-export 1"

Progress = Callable[[Sequence[tuple[str, str]], str], Iterable[tuple[str, str]]]


@dataclass(frozen=True)
class Written:
    path: Path
    written: int
    unchanged: int
    removed: int = 0
    kept: tuple[str, ...] = ()
    ignored: tuple[str, ...] = ()  # manifest names outside the folder: never followed


def _digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _current(path: Path) -> bytes | None:
    try:
        return path.read_bytes()
    except FileNotFoundError:
        return None
    except OSError as exc:  # a folder, a name too long: nothing an export wrote
        raise ConflictError(
            f"{path} is in the way of the export ({exc.strerror}): move it"
        ) from None


def _recorded_file(path: Path) -> bytes | None:
    """A file a manifest names, if it is still a file there (anything else is left be)."""
    try:
        return _current(path)
    except ConflictError:
        return None


def check_file_target(path: Path) -> None:
    if path.is_dir():
        raise UsageError(f"--output {path} is a folder; this format writes one file: name a file")


def check_folder_target(root: Path, format_name: str) -> None:
    if root.exists() and not root.is_dir():
        raise UsageError(
            f"--output {root} is a file; --format {format_name} writes a folder: name a folder"
        )


def write_file(path: Path, text: str, force: bool) -> Written:
    """One document to ``path``: a new file, the same text again, or (with force) a
    replacement."""
    check_file_target(path)
    current = _current(path)
    encoded = text.encode("utf-8")
    if current == encoded:
        return Written(path, 0, 1)
    if current is not None and not force:
        raise ConflictError(f"{path} already exists: add --force to replace it")
    write_atomic(path, text, overwrite=True)
    return Written(path, 1, 0)


def read_manifest(root: Path) -> tuple[str, dict[str, str]] | None:
    """(format, {path: sha256}) of the export in ``root``, or None if there is none."""
    try:
        lines = (root / MANIFEST).read_text(encoding="utf-8").splitlines()
    except (FileNotFoundError, NotADirectoryError, UnicodeDecodeError):
        return None
    if not lines or not lines[0].startswith(_HEADER + " "):
        return None
    recorded = {}
    for line in lines[1:]:
        digest, sep, name = line.partition("  ")
        if not sep or len(digest) != 64:
            return None
        recorded[name] = digest
    return lines[0][len(_HEADER) + 1 :], recorded


def manifest_text(format_name: str, files: Mapping[str, str]) -> str:
    lines = [f"{_HEADER} {format_name}"]
    lines.extend(f"{_digest(text.encode('utf-8'))}  {name}" for name, text in sorted(files.items()))
    return "\n".join(lines) + "\n"


def _check_name(name: str) -> None:
    parts = PurePosixPath(name).parts
    if not parts or name.startswith("/") or ".." in parts or name == MANIFEST:
        raise ValueError(f"an exporter produced an unsafe path: {name!r}")


class _Fence:
    """Whether names stay inside the output folder: relative, no ``..``, and no folder on
    the way that leads out through a link. Writes replace and removals unlink the last
    component itself (a link there is never followed), so only the folders are resolved,
    each once."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.real = os.path.realpath(root)
        self.folders: dict[str, bool] = {}

    def allows(self, name: str) -> bool:
        if not name or "\\" in name or "\x00" in name or name.startswith("/"):
            return False
        parts = PurePosixPath(name).parts
        if not parts or ".." in parts or ":" in parts[0] or name == MANIFEST:
            return False
        folder = str(PurePosixPath(name).parent)
        if folder not in self.folders:
            real = os.path.realpath(self.root / folder)
            self.folders[folder] = real == self.real or real.startswith(
                self.real.rstrip(os.sep) + os.sep
            )
        return self.folders[folder]


def _describe(names: list[str]) -> str:
    shown = ", ".join(names[:3])
    return shown + (f" and {len(names) - 3} more files" if len(names) > 3 else "")


def write_folder(
    root: Path,
    files: Mapping[str, str],
    format_name: str,
    force: bool,
    progress: Progress | None = None,
) -> Written:
    """Write ``files`` (relative path -> text) under ``root`` by the rules above."""
    check_folder_target(root, format_name)
    earlier = read_manifest(root)
    recorded = earlier[1] if earlier else {}
    if earlier is None and not force and root.is_dir() and any(root.iterdir()):
        raise ConflictError(
            f"{root} is not empty and holds no earlier weeknote export: choose a new or "
            "empty folder, or add --force (files the export does not write are left alone)"
        )
    if earlier and earlier[0] != format_name and not force:
        raise ConflictError(
            f"{root} holds a {earlier[0]} export; a {format_name} export would replace it: "
            "choose another folder, or add --force"
        )
    fence = _Fence(root)
    changes: list[tuple[str, str]] = []
    refused: list[str] = []
    unchanged = 0
    for name, text in files.items():
        _check_name(name)
        target = root / name
        if not fence.allows(name):
            raise ConflictError(
                f"{target} leads outside {root} through a link: remove the link, "
                "or choose another folder"
            )
        if target.is_dir() or target.parent.is_file():
            raise ConflictError(
                f"{target if target.is_dir() else target.parent} is in the way of the "
                f"export's {name}: move it"
            )
        current = _current(target)
        if current == text.encode("utf-8"):
            unchanged += 1
            continue
        if current is not None and _digest(current) != recorded.get(name) and not force:
            refused.append(name)
        changes.append((name, text))
    if refused:
        raise ConflictError(
            f"{_describe(refused)} in {root}: not written by an earlier export, or edited "
            "since. Add --force to replace them"
        )
    stale: list[str] = []
    kept: list[str] = []
    ignored: list[str] = []
    for name, digest in sorted(recorded.items()):
        if name in files:
            continue
        if not fence.allows(name):
            ignored.append(name)
            continue
        current = _recorded_file(root / name)
        if current is not None:
            (stale if _digest(current) == digest else kept).append(name)
    steps = progress(changes, f"Writing {format_name}") if progress else changes
    for name, text in steps:
        write_atomic(root / name, text, overwrite=True, sync=False)
    for name in stale:
        (root / name).unlink(missing_ok=True)
    # One flush for all the pages (an fsync each costs more than rendering them), before
    # the manifest that vouches for them is written.
    if hasattr(os, "sync"):  # POSIX; Windows flushes each file as it is closed
        os.sync()
    root.mkdir(parents=True, exist_ok=True)
    write_atomic(root / MANIFEST, manifest_text(format_name, files), overwrite=True)
    return Written(root, len(changes), unchanged, len(stale), tuple(kept), tuple(ignored))

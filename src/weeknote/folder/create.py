"""`weeknote init`: the folder, a commented config and a template to edit; with --git, a
repository ready to sync.

Nothing that exists is touched, so `init --git` in a clone of one's notes (the second
machine) adopts it: its remote and files stay, and only what is missing is written. What
git needs is checked before anything is made, and if a step fails all that this run made
is taken away again: a complete repository or nothing new.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from weeknote.folder.config import Config, default_file_text, set_key
from weeknote.folder.feedid import FEED_ID, new_id
from weeknote.folder.files import write_atomic
from weeknote.folder.store import Store
from weeknote.git import repository
from weeknote.git.sync import ATTRIBUTES, attributes_missing, register_driver
from weeknote.writing.template import TEMPLATES, default_template

GITIGNORE = "# temp files of interrupted writes\n.*.tmp\n"
GITATTRIBUTES = (
    "# two machines' drafts and breaks merge line by line, without conflicts\n"
    + "\n".join(ATTRIBUTES)
    + "\n"
)


class _Made:
    """What this run created, to take away again if a later step fails."""

    def __init__(self) -> None:
        self.paths: list[Path] = []
        self.before: dict[Path, bytes] = {}  # files this run changed, as they were
        self.identity: Path | None = None  # a repository this run gave an identity

    def keep(self, path: Path) -> None:
        """Note what an existing file holds before this run changes it."""
        if path not in self.paths and path not in self.before and path.exists():
            self.before[path] = path.read_bytes()

    def write(self, path: Path, text: str) -> bool:
        missing = path.parent
        while not missing.parent.exists():
            missing = missing.parent
        folder = None if missing.exists() else missing  # the first folder the write makes
        try:
            written = write_atomic(path, text, overwrite=False)
        finally:
            if folder is not None and folder.is_dir():
                self.paths.append(folder)
        if written:
            self.paths.append(path)
        return written

    def undo(self) -> None:
        if self.identity is not None and self.identity / ".git" not in self.paths:
            for key in ("user.name", "user.email"):
                repository._git(self.identity, "config", "--unset", key)
        for path, data in self.before.items():
            write_atomic(path, data.decode("utf-8"), overwrite=True)
        for path in reversed(self.paths):
            if path.is_dir():
                shutil.rmtree(path, ignore_errors=True)
            else:
                path.unlink(missing_ok=True)


def initialise(
    store: Store, config: Config, git: bool = False, remote: str | None = None
) -> list[str]:
    """Create what is missing and say what happened; nothing existing is touched."""
    if git:
        repository.require_git(
            "git is not installed (no git on PATH): install it, then weeknote init --git"
        )
    made = _Made()
    report = []
    existed = store.root.is_dir()
    try:
        store.ensure_root()
        if not existed:
            made.paths.append(store.root)
        report.append(f"{'Using' if existed else 'Created'} notes folder {store.root}")
        if git:
            report.extend(_adopt(store.root))  # the clone's files first, before writing any
        if made.write(config.config_file, default_file_text(store.root)):
            report.append(f"Wrote config {config.config_file}")
        else:
            report.append(f"Kept existing config {config.config_file}")
        template_path = store.guard(store.root / TEMPLATES / "default.md")
        if made.write(template_path, default_template().text):
            report.append(f"Wrote template {template_path} (edit it to change new notes)")
        else:
            report.append(f"Kept existing template {template_path}")
        feed = store.guard(store.root / FEED_ID)
        if not feed.exists() and made.write(feed, new_id() + "\n"):
            report.append(f"Wrote {FEED_ID} (the id of the site's feed, the same from every clone)")
        if git:
            report.extend(_git(store, config, remote, made))
    except BaseException:  # a failure, or an interrupt: take away what this run made
        made.undo()
        raise
    return report


def _git(store: Store, config: Config, remote: str | None, made: _Made) -> list[str]:
    report = []
    root = store.root
    adopted = repository.git_dir(root) is not None
    if not adopted:
        repository.init(root)
        made.paths.append(root / ".git")
        repository.keep_own_remote(root)  # never one left in the user-wide config
        report.append(f"Made {root} a git repository")
    if not repository.has_identity(root):
        made.identity = root
        name, email = repository.set_identity(root)
        report.append(
            f"git had no identity here: commits in this folder are by {name} <{email}> "
            "(change it with git config user.name / user.email)"
        )
    if made.write(store.guard(root / ".gitignore"), GITIGNORE):
        report.append("Wrote .gitignore (temp files of interrupted writes)")
    report.extend(_attributes(store, made))
    register_driver(root)
    if remote:
        if repository.remote_url(root) not in (None, remote) and adopted:
            report.append(
                f"Set the remote origin to {remote} (it was {repository.remote_url(root)})"
            )
        repository.set_remote(root, remote)
        report.append(f"weeknote sync pulls from and pushes to {remote}")
    elif not adopted and config.git_remote:
        report.append(
            f"git.remote = {config.git_remote} in {config.config_file} is not this new "
            "folder's: give it a remote with weeknote config git.remote URL"
        )
    settings = [("git.autocommit", "true")] if not config.git_autocommit else []
    if settings:
        made.keep(config.config_file)
        for key, value in settings:
            set_key(config.config_file, key, value)
            report.append(f"Set {key} = {value} in {config.config_file}")
    own = store.own_files()
    if repository.commit(root, own, "init: weeknote folder"):
        report.append(f"Committed weeknote's files ({len(own)}: notes, drafts, templates, git)")
    others = _other_files(store, own)
    if others:
        shown = ", ".join(others[:3]) + (f" and {len(others) - 3} more" if len(others) > 3 else "")
        report.append(
            f"Left out of the commit, as not weeknote's: {shown} (git add them yourself "
            "if they belong)"
        )
    return report


def _adopt(root: Path) -> list[str]:
    """In a clone with nothing checked out, the remote's branch, checked out."""
    if repository.git_dir(root) is None:
        return []
    from weeknote.git.sync import adopt

    origin = repository.remote_url(root)
    where = f", remote {origin}" if origin else ""
    report = [f"{root} is already a git repository{where}: kept as it is"]
    branch = adopt(root)
    if branch:
        report.append(f"Checked out the remote's branch {branch}, with its notes")
    return report


def _attributes(store: Store, made: _Made) -> list[str]:
    """The merge-driver lines for drafts and breaks, written or added where missing."""
    path = store.guard(store.root / ".gitattributes")
    if made.write(path, GITATTRIBUTES):
        return ["Wrote .gitattributes (drafts and breaks.txt merge line by line)"]
    text = store.read(path, "git attributes file")
    missing = attributes_missing(text)
    if not missing:
        return []
    ending = "" if not text or text.endswith("\n") else "\n"
    made.keep(path)
    write_atomic(path, text + ending + "\n".join(missing) + "\n", overwrite=True)
    return [f"Added {', '.join(missing)} to .gitattributes"]


def _other_files(store: Store, own: list[Path]) -> list[str]:
    """Files in the folder that are not weeknote's and not ignored by git."""
    mine = {path.resolve() for path in own}
    others = []
    for path in sorted(store.root.rglob("*")):
        if ".git" in path.relative_to(store.root).parts or not path.is_file():
            continue
        if path.resolve() not in mine and not path.name.endswith(".tmp"):
            others.append(store.relative(path))
    return others

"""`weeknote init`: the folder, a commented config and a template to edit."""

from __future__ import annotations

from pathlib import Path

from weeknote import gitsync
from weeknote.config import Config, default_file_text, set_key
from weeknote.files import write_atomic
from weeknote.store import TEMPLATES, Store
from weeknote.template import default_template

GITIGNORE = "# temp files of interrupted writes\n.*.tmp\n"


def initialise(store: Store, config: Config, git: bool = False) -> list[str]:
    """Create what is missing and say what happened; nothing existing is touched."""
    report = []
    existed = store.root.is_dir()
    store.ensure_root()
    report.append(f"{'Using' if existed else 'Created'} notes folder {store.root}")
    if write_atomic(config.config_file, default_file_text(store.root), overwrite=False):
        report.append(f"Wrote config {config.config_file}")
    else:
        report.append(f"Kept existing config {config.config_file}")
    template_path = store.guard(store.root / TEMPLATES / "default.md")
    if write_atomic(template_path, default_template().text, overwrite=False):
        report.append(f"Wrote template {template_path} (edit it to change new notes)")
    else:
        report.append(f"Kept existing template {template_path}")
    if git:
        report.extend(_git(store, config))
    return report


def _git(store: Store, config: Config) -> list[str]:
    report = []
    if gitsync.init(store.root):
        report.append(f"Made {store.root} a git repository")
    else:
        report.append(f"{store.root} is already in a git repository")
    write_atomic(store.guard(store.root / ".gitignore"), GITIGNORE, overwrite=False)
    if not config.git_autocommit:
        set_key(config.config_file, "git.autocommit", "true")
        report.append(f"Set git.autocommit = true in {config.config_file}")
    own = store.own_files()
    if gitsync.commit(store.root, own, "init: weeknote folder"):
        report.append(f"Committed {len(own)} of weeknote's files (notes, drafts, templates)")
    others = _other_files(store, own)
    if others:
        shown = ", ".join(others[:3]) + (f" and {len(others) - 3} more" if len(others) > 3 else "")
        report.append(
            f"Left out of the commit, as not weeknote's: {shown} (git add them yourself "
            "if they belong)"
        )
    return report


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

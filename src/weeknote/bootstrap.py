"""`weeknote init`: the folder, a commented config and a template to edit."""

from __future__ import annotations

from weeknote.config import Config, default_file_text
from weeknote.store import TEMPLATES, Store, write_atomic
from weeknote.template import default_template


def initialise(store: Store, config: Config) -> list[str]:
    """Create what is missing and say what happened; nothing existing is touched."""
    report = []
    existed = store.root.is_dir()
    store.ensure_root()
    report.append(f"{'Using' if existed else 'Created'} notes folder {store.root}")
    if write_atomic(config.config_file, default_file_text(store.root), overwrite=False):
        report.append(f"Wrote config {config.config_file}")
    else:
        report.append(f"Kept existing config {config.config_file}")
    template_path = store.root / TEMPLATES / "default.md"
    if write_atomic(template_path, default_template().text, overwrite=False):
        report.append(f"Wrote template {template_path} (edit it to change new notes)")
    else:
        report.append(f"Kept existing template {template_path}")
    return report

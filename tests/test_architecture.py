"""The house's rules, checked: layers that import in one direction, state that travels in the
open, one capture logic on a lean path. ARCHITECTURE.md draws them."""

from __future__ import annotations

import ast
import os
import subprocess
import sys
from pathlib import Path

import grimp
import pytest

import weeknote

PACKAGE = Path(weeknote.__file__).parent

# The one piece of module-level state set after import: a start-up flag (folder/collector.py).
ALLOWED = {("weeknote.folder.collector", "ONE_COMMAND")}
_MUTATORS = {
    "append", "extend", "insert", "update", "add", "setdefault", "pop", "popitem", "clear",
    "remove", "discard", "__setitem__", "__delitem__", "sort", "reverse",
}  # fmt: skip


def _modules() -> dict[str, ast.Module]:
    found = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        relative = path.relative_to(PACKAGE.parent).with_suffix("")
        name = ".".join(relative.parts).removesuffix(".__init__")
        found[name] = ast.parse(path.read_text(encoding="utf-8"))
    return found


def _mutable_names(tree: ast.Module) -> set[str]:
    """Module-level names bound to a list, dict or set (a literal, or a call making one)."""
    names = set()
    for node in tree.body:
        targets: list[ast.expr] = []
        value = None
        if isinstance(node, ast.Assign):
            targets, value = node.targets, node.value
        elif isinstance(node, ast.AnnAssign) and node.value is not None:
            targets, value = [node.target], node.value
        made = isinstance(value, ast.List | ast.Dict | ast.Set | ast.ListComp | ast.DictComp)
        made = made or (
            isinstance(value, ast.Call)
            and isinstance(value.func, ast.Name)
            and value.func.id in {"list", "dict", "set", "defaultdict", "Counter", "deque"}
        )
        if made:
            names.update(t.id for t in targets if isinstance(t, ast.Name))
    return names


def _changed_names(tree: ast.Module) -> set[str]:
    """Names (or attributes) that code in a function appends to, updates or assigns into,
    and names a function rebinds through ``global``."""
    changed = set()
    for function in ast.walk(tree):
        if not isinstance(function, ast.FunctionDef | ast.AsyncFunctionDef):
            continue
        for node in ast.walk(function):
            if isinstance(node, ast.Global):
                changed.update(node.names)
            elif isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
                if node.func.attr in _MUTATORS:
                    changed.add(_last_name(node.func.value))
            elif isinstance(node, ast.Assign | ast.AugAssign | ast.Delete):
                targets = (
                    node.targets if isinstance(node, ast.Assign | ast.Delete) else [node.target]
                )
                for target in targets:
                    if isinstance(target, ast.Subscript):
                        changed.add(_last_name(target.value))
                    elif isinstance(target, ast.Attribute) and isinstance(target.value, ast.Name):
                        changed.add(f"{target.value.id}.{target.attr}")  # module.FLAG = …
    return changed


def _imported_modules(tree: ast.Module, modules: dict[str, ast.Module]) -> dict[str, str]:
    """The names a module binds to weeknote modules it imports: {"collector": "weeknote.…"}."""
    bound = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module:
            for alias in node.names:
                full = f"{node.module}.{alias.name}"
                if full in modules:
                    bound[alias.asname or alias.name] = full
        elif isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name in modules and alias.asname:
                    bound[alias.asname] = alias.name
    return bound


def _last_name(node: ast.expr) -> str:
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        return node.attr
    return ""


def test_no_module_level_state_is_changed_after_import() -> None:
    modules = _modules()
    changed_anywhere: set[str] = set()
    for tree in modules.values():
        changed_anywhere |= _changed_names(tree)
    found = []
    for name, tree in modules.items():
        changed_here = _changed_names(tree)
        for variable in _mutable_names(tree):
            if variable in changed_here or variable in changed_anywhere:
                found.append((name, variable))
        for node in ast.walk(tree):
            if isinstance(node, ast.Global):
                found += [(name, variable) for variable in node.names]
    # a module's name set from outside it: module.NAME = …
    for tree in modules.values():
        imported = _imported_modules(tree, modules)
        for node in ast.walk(tree):
            if isinstance(node, ast.Assign):
                for target in node.targets:
                    if (
                        isinstance(target, ast.Attribute)
                        and isinstance(target.value, ast.Name)
                        and target.value.id in imported
                    ):
                        found.append((imported[target.value.id], target.attr))
    assert sorted(set(found) - ALLOWED) == []


def test_no_import_circle() -> None:
    graph = grimp.build_graph("weeknote", exclude_type_checking_imports=True, cache_dir=None)
    circles = []
    for module in sorted(graph.modules):
        for imported in graph.find_modules_directly_imported_by(module):
            back = graph.find_shortest_chain(importer=imported, imported=module)
            if back is not None:
                circles.append((module, *back))
    assert circles == []


def test_the_layers_import_downwards() -> None:
    """Pure layers never reach up: weeks and text import no disk, git, render or CLI code;
    the domain never imports the CLI; nothing below render prints through it."""
    graph = grimp.build_graph("weeknote", exclude_type_checking_imports=True, cache_dir=None)
    rules = {
        "weeknote.weeks": ["folder", "writing", "habit", "find", "publish", "imports", "git",
                           "render", "cli"],
        "weeknote.text": ["folder", "writing", "habit", "find", "publish", "imports", "git",
                          "render", "cli"],
        # (folder/create.py, `weeknote init`, makes the repository too: the one exception)
        "weeknote.folder": ["habit", "find", "publish", "imports", "render", "cli"],
        "weeknote.writing": ["habit", "publish", "imports", "git", "render", "cli"],
        "weeknote.habit": ["publish", "imports", "render", "cli"],
        "weeknote.find": ["publish", "imports", "render", "cli"],
        "weeknote.git": ["habit", "find", "publish", "imports", "render", "cli"],
        "weeknote.imports": ["habit", "publish", "render", "cli"],
        "weeknote.gather": ["habit", "publish", "imports", "render", "cli"],
        "weeknote.schedule": ["writing", "habit", "find", "publish", "imports", "git", "render",
                              "cli"],
        "weeknote.publish": ["cli"],
        "weeknote.render": ["cli"],
    }  # fmt: skip
    broken = []
    for layer, above in rules.items():
        for module in graph.find_descendants(layer) | {layer}:
            for target in graph.find_modules_directly_imported_by(module):
                if target.split(".")[1:2] and target.split(".")[1] in above:
                    broken.append(f"{module} -> {target}")
    assert broken == []


# What `weeknote bullet TEXT` imports of weeknote, and nothing heavy besides: the short path is
# an argument scanner in front of writing/capture.py.
BULLET_IMPORTS = {
    "weeknote",
    "weeknote.cli",
    "weeknote.cli.fast",
    "weeknote.errors",
    "weeknote.folder",
    "weeknote.folder.bullets",
    "weeknote.folder.config",
    "weeknote.folder.files",
    "weeknote.folder.paths",
    "weeknote.folder.summary",
    "weeknote.text",
    "weeknote.text.hashtags",
    "weeknote.text.layout",
    "weeknote.text.wording",
    "weeknote.weeks",
    "weeknote.weeks.days",
    "weeknote.writing",
    "weeknote.writing.capture",
    "weeknote.writing.template",
}
HEAVY = ("typer", "rich", "typing", "pathlib", "dataclasses", "datetime", "contextlib", "json")


CAPTURES = [["bullet", "x"], ["bullet", "-s", "learning", "-d", "2026-11-18", "y"]]


@pytest.mark.parametrize("args", CAPTURES)
def test_what_a_bullet_imports(tmp_path: Path, args: list[str]) -> None:
    report = tmp_path / "imported.txt"
    probe = (
        "import sys\n"
        "import weeknote.cli as cli\n"
        f"code = cli._before_the_app({args!r})\n"
        "mine = sorted(m for m in sys.modules if m.split('.')[0] == 'weeknote')\n"
        f"heavy = [m for m in {HEAVY!r} if m in sys.modules]\n"
        f"open({str(report)!r}, 'w').write(' '.join(mine) + '|' + ' '.join(heavy))\n"
        "sys.exit(code or 0)\n"
    )
    env = {
        **os.environ,
        "WEEKNOTE_DIR": str(tmp_path / "notes"),
        "WEEKNOTE_CONFIG": str(tmp_path / "none.toml"),
        "WEEKNOTE_TODAY": "2026-11-20",
    }
    # The folder's summary, as a report keeps it: the short path reads it.
    status = [sys.executable, "-m", "weeknote", "status"]
    assert subprocess.run(status, capture_output=True, env=env).returncode == 0
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, env=env)
    assert done.returncode == 0, done.stderr
    assert "Added 1 bullet" in done.stderr
    mine, heavy = report.read_text().split("|")
    assert set(mine.split()) == BULLET_IMPORTS
    assert heavy == ""

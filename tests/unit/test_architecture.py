"""House rules that keep the layers apart (docs/architecture.md).

Each layer imports only itself and the layers below it; Qt only in ui/; no SQLAlchemy in ui/
or cli/ beyond what they get from services; no network code anywhere; no module over 300 lines.
"""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[2] / "coachdesk"
UI = PACKAGE / "ui"
# Alembic's env.py and revision files run only inside a migration, not as importable modules.
MIGRATIONS = PACKAGE / "vault" / "migrations"
NETWORK_MODULES = {
    "socket",
    "socketserver",
    "ssl",
    "urllib",
    "urllib3",
    "http",
    "requests",
    "httpx",
    "aiohttp",
    "ftplib",
    "smtplib",
    "poplib",
    "imaplib",
    "xmlrpc",
    "webbrowser",
}


def python_files() -> list[Path]:
    return sorted(PACKAGE.rglob("*.py"))


def imported_modules(path: Path) -> set[str]:
    """Every module named in an import statement anywhere in the file (also inside functions)."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
            names.update(f"{node.module}.{alias.name}" for alias in node.names)
    return names


def is_ui(path: Path) -> bool:
    return path.is_relative_to(UI)


def test_the_scan_sees_imports() -> None:
    names = imported_modules(UI / "shell" / "signals.py")
    assert any(n.split(".")[0] == "PySide6" for n in names)


def test_no_module_outside_ui_imports_qt() -> None:
    offenders = [
        f"{path.relative_to(PACKAGE.parent)}: {name}"
        for path in python_files()
        if not is_ui(path)
        for name in sorted(imported_modules(path))
        if name.split(".")[0] in {"PySide6", "shiboken6", "PyQt5", "PyQt6"}
    ]
    assert offenders == []


def non_ui_module_names() -> list[str]:
    modules = []
    for path in python_files():
        if is_ui(path) or path.is_relative_to(MIGRATIONS) or path.name == "__main__.py":
            continue
        parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
        if parts[-1] == "__init__":
            parts = parts[:-1]
        modules.append(".".join(parts))
    return modules


def test_importing_every_non_ui_module_loads_no_qt() -> None:
    modules = non_ui_module_names()
    assert "coachdesk.vault.store" in modules and "coachdesk.facade" in modules
    script = (
        "import importlib, sys\n"
        f"for name in {modules!r}:\n"
        "    importlib.import_module(name)\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('PySide6', 'shiboken6')))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=PACKAGE.parent,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "[]"


def test_no_network_code() -> None:
    offenders = [
        f"{path.relative_to(PACKAGE.parent)}: {name}"
        for path in python_files()
        for name in sorted(imported_modules(path))
        if name.split(".")[0] in NETWORK_MODULES or name.startswith("PySide6.QtNetwork")
    ]
    assert offenders == []


# Bottom to top. A module may import its own layer and any layer below it, never one above.
LAYERS: tuple[tuple[str, ...], ...] = (
    ("coachdesk", "coachdesk.i18n", "coachdesk.resources"),
    ("coachdesk.collation",),
    ("coachdesk.models",),
    ("coachdesk.labels",),
    ("coachdesk.vault",),
    ("coachdesk.services",),
    ("coachdesk.documents",),
    ("coachdesk.export",),
    ("coachdesk.reports",),
    ("coachdesk.imports",),
    ("coachdesk.facade",),
    ("coachdesk.demo",),
    ("coachdesk.ui",),
    ("coachdesk.cli", "coachdesk.__main__"),
)
MAX_LINES = 300


def rank(module: str) -> int | None:
    """The layer of a coachdesk module (the longest matching prefix), None outside coachdesk."""
    best: tuple[int, int] | None = None
    for index, prefixes in enumerate(LAYERS):
        for prefix in prefixes:
            inside = module == prefix or module.startswith(prefix + ".")
            if inside and (best is None or len(prefix) > best[1]):
                best = (index, len(prefix))
    return None if best is None else best[0]


def module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def upward_imports(path: Path, module: str | None = None) -> list[str]:
    """Imports of ``path`` (named ``module``, by default its place in the package) that go up."""
    module = module or module_name(path)
    own = rank(module)
    assert own is not None, path
    found = []
    for name in sorted(imported_modules(path)):
        # ``from coachdesk import i18n`` names both "coachdesk" and "coachdesk.i18n"; the
        # longer name decides, and the bare package is the bottom layer anyway.
        other = rank(name)
        if other is not None and other > own:
            found.append(f"{module} -> {name}")
    return found


def test_every_module_has_a_layer() -> None:
    unplaced = [module_name(p) for p in python_files() if rank(module_name(p)) is None]
    assert unplaced == []


def test_no_layer_imports_a_layer_above_it() -> None:
    offenders = [line for path in python_files() for line in upward_imports(path)]
    assert offenders == []


def test_the_layer_check_sees_an_upward_import(tmp_path: Path) -> None:
    # A services module that imports the UI must be caught (guards the check itself).
    probe = tmp_path / "probe.py"
    probe.write_text("from coachdesk.ui.shell import signals\nimport coachdesk.models\n")
    assert upward_imports(probe, "coachdesk.services.probe") == [
        "coachdesk.services.probe -> coachdesk.ui.shell",
        "coachdesk.services.probe -> coachdesk.ui.shell.signals",
    ]
    assert upward_imports(probe, "coachdesk.cli.probe") == []


def test_ui_does_not_import_sqlalchemy() -> None:
    offenders = [
        f"{path.relative_to(PACKAGE.parent)}: {name}"
        for path in python_files()
        if is_ui(path)
        for name in sorted(imported_modules(path))
        if name.split(".")[0] == "sqlalchemy"
    ]
    assert offenders == []


def test_no_module_is_over_300_lines() -> None:
    too_long = {
        str(path.relative_to(PACKAGE.parent)): lines
        for path in python_files()
        if not path.is_relative_to(MIGRATIONS)
        and (lines := len(path.read_text(encoding="utf-8").splitlines())) > MAX_LINES
    }
    assert too_long == {}

"""House rules that keep the layers apart: Qt only in ui/, no network code anywhere."""

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
    assert "coachdesk.vault.store" in modules and "coachdesk.services.facade" in modules
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

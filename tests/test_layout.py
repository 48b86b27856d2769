"""The layout's two rules: `crawler` never imports `alerts`, and no module of either grows past 600 lines."""

from __future__ import annotations

import ast
from pathlib import Path

from helpers import ROOT

MAX_LINES = 600
PACKAGES = ("crawler", "alerts")


def imports_of(path: Path) -> list[tuple[int, str]]:
    """(line, module) of every import in a file, at any depth (inside functions and classes too)."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        if isinstance(node, ast.Import):
            found.extend((node.lineno, alias.name) for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            found.append((node.lineno, node.module))
    return found


def imports_of_alerts(root: Path) -> list[str]:
    """'file:line imports module' for each import of alerts by a module under root/crawler."""
    return [
        f"{path.relative_to(root)}:{line} imports {module}"
        for path in sorted((root / "crawler").rglob("*.py"))
        for line, module in imports_of(path)
        if module == "alerts" or module.startswith("alerts.")
    ]


def long_modules(root: Path) -> list[str]:
    """'file: N lines' for each module of crawler/ or alerts/ over MAX_LINES lines."""
    found = []
    for package in PACKAGES:
        for path in sorted((root / package).rglob("*.py")):
            lines = len(path.read_text(encoding="utf-8").splitlines())
            if lines > MAX_LINES:
                found.append(f"{path.relative_to(root)}: {lines} lines")
    return found


def test_crawler_imports_nothing_from_alerts():
    assert imports_of_alerts(ROOT) == []


def test_no_module_is_over_600_lines():
    assert long_modules(ROOT) == []


def test_an_import_of_alerts_inside_a_function_is_found(tmp_path):
    (tmp_path / "crawler" / "collect").mkdir(parents=True)
    (tmp_path / "crawler" / "ok.py").write_text("import alertsmith\nfrom crawler.store import Store\n")
    (tmp_path / "crawler" / "collect" / "bad.py").write_text(
        "import json\n\n\ndef later():\n    from alerts.compare import find_alerts\n    return find_alerts\n"
    )
    (tmp_path / "crawler" / "worse.py").write_text("import os, alerts.store\n")
    assert imports_of_alerts(tmp_path) == [
        "crawler/collect/bad.py:5 imports alerts.compare",
        "crawler/worse.py:1 imports alerts.store",
    ]


def test_a_module_of_601_lines_is_found(tmp_path):
    for package in PACKAGES:
        (tmp_path / package / "sub").mkdir(parents=True)
    (tmp_path / "crawler" / "sub" / "long.py").write_text("x = 1\n" * (MAX_LINES + 1))
    (tmp_path / "alerts" / "fits.py").write_text("x = 1\n" * MAX_LINES)
    assert long_modules(tmp_path) == [f"crawler/sub/long.py: {MAX_LINES + 1} lines"]

"""No page imports another page or the app shell: shared pieces live below the pages."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PAGES = Path(__file__).resolve().parents[2] / "dashboard" / "pages"
PAGE_FILES = sorted(p for p in PAGES.glob("*.py") if not p.name.startswith("_"))


def imported_modules(path: Path) -> set[str]:
    """Every module a file imports (``import a.b``, ``from a.b import c`` and ``from a import b`` as ``a.b``)."""
    out: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            out |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module:
            out.add(node.module)
            out |= {f"{node.module}.{alias.name}" for alias in node.names}
    return out


def forbidden(module: str) -> bool:
    """A page module (not a '_' helper, which Dash does not load as a page) or the app shell."""
    if module == "dashboard.app" or module.startswith("dashboard.app."):
        return True
    parts = module.split(".")
    return len(parts) >= 3 and parts[:2] == ["dashboard", "pages"] and not parts[2].startswith("_")


def test_the_pages_are_all_checked() -> None:
    names = [p.stem for p in PAGE_FILES]
    assert names == ["arms", "chapters", "compare", "data_sources", "energy", "not_found_404", "overview", "trade"]


@pytest.mark.parametrize("path", PAGE_FILES, ids=lambda p: p.stem)
def test_a_page_imports_no_other_page_and_not_the_app(path: Path) -> None:
    bad = sorted(m for m in imported_modules(path) if forbidden(m))
    assert bad == [], f"{path.name} imports {bad}"


def test_the_rule_catches_the_imports_it_forbids() -> None:
    assert forbidden("dashboard.pages.trade.main_figure")
    assert forbidden("dashboard.app.NAV")
    assert not forbidden("dashboard.pages._helpers.add_notes")
    assert not forbidden("dashboard.trade_series")

"""dashboard.figures is the one import point of the figure modules: every name of figure_base and
figure_events is importable from it, and the located-error classes keep their messages. The chart
builders of dashboard/charts are frame -> Figure."""

from __future__ import annotations

import ast
from pathlib import Path
from types import ModuleType

import pytest

from dashboard import figure_base, figure_events, figures
from dashboard.commentary.syntax import CommentaryError
from dashboard.errors import LocatedError
from dashboard.markdown_view import MarkdownError

CHARTS = Path(figures.__file__).parent / "charts"


@pytest.mark.parametrize("module", [figure_base, figure_events])
def test_every_public_figure_name_is_importable_from_figures(module: ModuleType) -> None:
    name_of = module.__name__
    public = {n: v for n, v in vars(module).items() if not n.startswith("_") and not isinstance(v, ModuleType)}
    own = [n for n, v in public.items() if getattr(v, "__module__", name_of) == name_of]
    assert own, module
    for name in own:
        assert getattr(figures, name) is getattr(module, name), name
        assert name in figures.__all__, name


def test_located_errors_name_source_item_and_reason() -> None:
    err = CommentaryError("chapter-03.md", "{{latest x=1}}", "unknown indicator")
    assert str(err) == "chapter-03.md: {{latest x=1}}: unknown indicator"
    assert err.placeholder == err.item == "{{latest x=1}}" and err.reason == "unknown indicator"
    assert isinstance(err, LocatedError) and not isinstance(err, MarkdownError)
    assert str(MarkdownError("page", "<b>", "raw HTML")) == "page: <b>: raw HTML"


@pytest.mark.parametrize("module", sorted(p.stem for p in CHARTS.glob("*.py") if p.stem != "__init__"))
def test_chart_builders_are_frame_to_figure_and_never_see_the_store(module: str) -> None:
    """Queries read the DataStore; the chart builders of dashboard/charts take their frames (and a ChartView)."""
    tree = ast.parse((CHARTS / f"{module}.py").read_text(encoding="utf-8"))
    imported = {alias.name for node in ast.walk(tree) if isinstance(node, ast.ImportFrom) for alias in node.names}
    assert not imported & {"DataStore", "store"}, module
    params = [
        (node.name, arg.arg)
        for node in ast.walk(tree)
        if isinstance(node, ast.FunctionDef)
        for arg in node.args.args
        if arg.arg in {"data", "store"} or "DataStore" in ast.unparse(arg.annotation or ast.Constant(""))
    ]
    assert params == [], module

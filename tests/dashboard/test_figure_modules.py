"""dashboard.figures is the one import point of the figure modules: every name of figure_base and
figure_events is importable from it, and the located-error classes keep their messages."""

from __future__ import annotations

from types import ModuleType

import pytest

from dashboard import figure_base, figure_events, figures
from dashboard.commentary.syntax import CommentaryError
from dashboard.errors import LocatedError
from dashboard.markdown_view import MarkdownError


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

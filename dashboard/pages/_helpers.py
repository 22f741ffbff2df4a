"""Layout helpers shared by the energy and arms pages (not a page: Dash skips modules starting with '_').

Kept apart from the page modules because Dash executes every page file itself:
a page importing another page would register that page's callbacks twice.
"""

from __future__ import annotations

import html as html_text
from collections.abc import Sequence

import plotly.graph_objects as go


def add_notes(fig: go.Figure, notes: Sequence[str]) -> go.Figure:
    """State on the chart, between its title and its unit label, what is deliberately not drawn."""
    if not notes:
        return fig
    n = len(notes)
    top = fig.layout.margin.t if fig.layout.margin.t is not None else 56
    fig.update_layout(
        margin={"t": top + 16 * n},
        title={"yref": "container", "y": 1, "yanchor": "top", "pad": {"t": 8}},
    )
    for i, note in enumerate(notes):
        fig.add_annotation(
            text=f"<i>{html_text.escape(note)}</i>",
            name="unit-note",
            showarrow=False,
            xref="paper",
            yref="paper",
            x=0,
            y=1,
            xanchor="left",
            yanchor="bottom",
            yshift=18 + 16 * (n - 1 - i),
            font={"size": 11, "color": "#8a5a00"},
        )
    return fig


# ------------------------------------------------------------------ production

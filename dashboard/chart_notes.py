"""Notes written on a chart above its plot: what is deliberately not drawn, or not computed (pure)."""

from __future__ import annotations

import html as html_text
from collections.abc import Sequence

import plotly.graph_objects as go

NOTE_COLOR = "#8a5a00"


def add_notes(fig: go.Figure, notes: Sequence[str], name: str = "unit-note", *, one_block: bool = False) -> go.Figure:
    """State on the chart, between its title and the plot, what is not drawn (nothing when there are no notes).

    Each note is one annotation named ``name`` (``"unit-note"``), stacked one line apart; with ``one_block``
    the notes are the lines of a single annotation (``"not-computed"``: one block per chart).
    """
    if not notes:
        return fig
    n = len(notes)
    top = fig.layout.margin.t if fig.layout.margin.t is not None else 56
    fig.update_layout(
        margin={"t": top + 16 * n},
        title={"yref": "container", "y": 1, "yanchor": "top", "pad": {"t": 8}},
    )
    escaped = [html_text.escape(note) for note in notes]
    blocks = ["<br>".join(escaped)] if one_block else escaped
    for i, text in enumerate(blocks):
        fig.add_annotation(
            text=f"<i>{text}</i>",
            name=name,
            showarrow=False,
            xref="paper",
            yref="paper",
            x=0,
            y=1,
            xanchor="left",
            yanchor="bottom",
            align="left",
            yshift=18 + 16 * (len(blocks) - 1 - i),
            font={"size": 11, "color": NOTE_COLOR},
        )
    return fig

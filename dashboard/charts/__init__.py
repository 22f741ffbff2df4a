"""Per-page figures: frames to go.Figure (and grid definitions), below the pages."""

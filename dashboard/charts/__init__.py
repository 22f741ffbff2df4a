"""Per-page chart builders: frames (and the store) to go.Figure and grid definitions, below the pages."""

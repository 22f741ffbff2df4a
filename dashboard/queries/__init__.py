"""Per-page queries: pure functions from the data store to frames, dicts and summaries, below the pages (no Dash)."""

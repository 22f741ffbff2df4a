"""Queries: pure functions from the data store to frames and summaries, below the pages (no Dash)."""

"""Queries: pure functions from the DataStore to frames and dicts, below the pages."""

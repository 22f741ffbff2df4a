"""Dash dashboard of the sourced Russia–Azerbaijan indicators (reads data/clean only)."""

__version__ = "0.1.0"

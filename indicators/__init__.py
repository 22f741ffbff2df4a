"""Sourced Russia–Azerbaijan indicators: raw transcriptions -> validated clean tables.

The package reads ``data/raw/`` (figures as their sources gave them), parses and
validates them, derives computed indicators and writes ``data/clean/``
atomically. Nothing here imports ``dashboard``.
"""

__version__ = "0.1.0"

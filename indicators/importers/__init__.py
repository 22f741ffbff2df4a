"""Importers for publishers' own downloads (``python -m indicators import FILE``).

Each format lives in ``indicators/importers/formats/<name>.py`` and exposes a
module-level ``FORMAT: ImportFormat`` (see :mod:`indicators.importers.model`).
The command (``indicators/importers/command.py``) sniffs the file against every
registered format, parses it with the one that claims it, and writes the
Azerbaijan/Russia rows to ``data/raw`` in the existing layout.
"""

"""Importers for publishers' own downloads (``python -m indicators import FILE``).

Each format lives in ``indicators/importers/formats/<name>.py`` and exposes a
module-level ``FORMAT: ImportFormat`` (see :mod:`indicators.importers.model`);
:mod:`indicators.importers.registry` discovers every such module, so adding a
format never edits the registry. The command (:mod:`.command`) sniffs the file
against every format (exactly one must claim it), parses it, plans the import
(:mod:`.plan`: its docstring states the release rules: additions to a release,
rounding, one deal source per edition), validates the would-be raw directory with the build's
schemas, swaps the changed raw files in and prints the revision report
(:mod:`.revisions_report`).

What a format must respect so releases are recognised:

* ``Release.product`` is the prefix of the project's source ids for that
  product (``sipri-atdb``, ``sipri-milex``, ``imf-dots``, ``ei-sr``, ``bp-sr``): the
  previous release and hand-entered releases are found by that prefix;
* ``Release.release`` is the edition text exactly as ``sources.csv`` writes it
  (e.g. ``SIPRI Arms Transfers Database, March 2024 update (data to 2023)``), so a
  release already entered by hand is recognised instead of duplicated;
* ``Release.variant`` tells apart files of one release that each deserve a
  source row (one per supplier table, one per DOTS reporter);
* ``Release.dated`` is False when the file states no release or date (IMF DOTS):
  the command then requires ``--release`` (exit 2);
* tables are keyed by raw file stem and hold that file's columns minus the id
  column and ``source_id``; an empty cell gives no row.
"""

"""Excel workbooks of the data behind a view: native charts, Excel tables, print setup, live links.

:mod:`build` assembles the sheets, :mod:`frames` computes what they hold, :mod:`cells` writes the cells,
:mod:`layout` sets widths, tables and printing, :mod:`charts` draws the main series.
"""

"""WSGI entry point for production servers: ``gunicorn dashboard.wsgi:server``.

If data/clean is missing or corrupt the process exits with a message that
says how to rebuild it, instead of a traceback.
"""

from __future__ import annotations

import sys

from dashboard.data import CleanDataError

try:
    from dashboard.app import create_app, warm_layouts
    from dashboard.downloads import warm_workbooks

    app = create_app()
    # with gunicorn's preload_app the master renders each page once and the workers share it
    warm_layouts()
    # ... and builds the full-dataset workbook once per language (en, ru, az): every worker serves them from memory
    warm_workbooks()
except CleanDataError as exc:
    print(f"error: {exc}", file=sys.stderr)
    raise SystemExit(3) from None

server = app.server

"""Development server: ``python -m dashboard --host H --port P`` (debug is always off).

Host and port default to the HOST and PORT environment variables, then to
127.0.0.1:8050. For production use the WSGI server (see README: make run).
"""

from __future__ import annotations

import argparse
import os
import sys

from dashboard.data import CleanDataError


def main(argv: list[str] | None = None) -> int:
    """Parse options, load the data and serve; returns an exit code."""
    parser = argparse.ArgumentParser(prog="python -m dashboard", description=__doc__.splitlines()[0])
    parser.add_argument("--host", default=os.environ.get("HOST", "127.0.0.1"), help="bind address (default 127.0.0.1)")
    parser.add_argument("--port", type=int, default=int(os.environ.get("PORT", "8050")), help="port (default 8050)")
    args = parser.parse_args(argv)
    try:
        from dashboard.app import create_app

        app = create_app()
    except CleanDataError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 3
    app.run(host=args.host, port=args.port, debug=False, dev_tools_ui=False, dev_tools_hot_reload=False)
    return 0


if __name__ == "__main__":
    sys.exit(main())

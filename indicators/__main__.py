"""Command line: ``python -m indicators build | validate | coverage | import FILE | watch``.

Exit codes:
  0  success
  1  the raw data break at least one rule (one line per problem is printed;
     the full report is written to --report; data/clean is left untouched)
  2  usage error (unknown command or option)
  3  data/clean is missing or unreadable (coverage only); run ``build`` first
``import`` exits 0 when the file is imported or holds nothing new, 1 when it
is rejected (nothing written), 2 on a usage error (see indicators/importers/command.py).
watch: 0 no rule triggers, 1 at least one triggers, 2 bad rule file or usage, 3 data/clean unreadable
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
import time
from pathlib import Path

# pandera's built-in checks import hypothesis, when installed (it is, for the tests), to offer data
# synthesis; loading it and its plugins costs ~0.6 s of a ~2.5 s build and the CLI never synthesises data.
# pandera falls back to placeholders when the import fails. Only a `python -m indicators` process is
# affected, not a test session importing this module.
if __name__ == "__main__":
    sys.modules.setdefault("hypothesis", None)  # type: ignore[arg-type]

from indicators.importers.command import run_import
from indicators.pipeline import DEFAULT_CLEAN, DEFAULT_FAILURE_REPORT, DEFAULT_RAW, coverage_text, run
from indicators.problems import BuildFailed, summarise
from indicators.watch import run_watch

DEFAULT_WATCH = DEFAULT_RAW.parent / "watch.toml"

EXIT_OK, EXIT_BAD_DATA, EXIT_USAGE, EXIT_NO_CLEAN = 0, 1, 2, 3
MAX_LINES = 200


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="python -m indicators",
        description="Build, validate and inspect the Russia–Azerbaijan indicator tables.",
        epilog=(
            "exit codes: 0 ok; 1 raw data break a rule (data/clean untouched, full report in --report); "
            "2 usage error; 3 data/clean missing or unreadable (run 'build'). "
            "watch: 0 no rule triggers, 1 a rule triggers, 2 bad rule file, 3 no clean data"
        ),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    sub = p.add_subparsers(dest="command", required=True, metavar="{build,validate,coverage,import,watch}")
    for name, help_text in (
        ("build", "parse, validate and derive data/raw, then swap the result into data/clean atomically"),
        ("validate", "run every check on data/raw without writing data/clean"),
    ):
        s = sub.add_parser(name, help=help_text, description=help_text)
        s.add_argument("--raw", type=Path, default=DEFAULT_RAW, help="raw directory (default: data/raw)")
        s.add_argument("--clean", type=Path, default=DEFAULT_CLEAN, help="clean directory (default: data/clean)")
        s.add_argument(
            "--report",
            type=Path,
            default=DEFAULT_FAILURE_REPORT,
            help="where the full problem report goes on failure (default: data/last_build_report.txt)",
        )
        s.add_argument("--quiet", action="store_true", help="print only the summary")
        if name == "build":
            s.add_argument("--coverage", action="store_true", help="print the coverage table after building")
    c = sub.add_parser(
        "coverage",
        help="print the indicator × year coverage of data/clean",
        description="print the indicator × year coverage of data/clean",
    )
    c.add_argument("--clean", type=Path, default=DEFAULT_CLEAN, help="clean directory (default: data/clean)")
    c.add_argument("--series-only", action="store_true", help="only annual series (no statement points)")
    i = sub.add_parser(
        "import",
        help="import a publisher's download (SIPRI, IMF DOTS, EI/bp) into data/raw as a new release",
        description="recognise the file's format, add its Azerbaijan/Russia rows and a source row to data/raw, "
        "validate like the build, and report what changed against the previous release",
    )
    i.add_argument("file", type=Path, help="the publisher's file, as downloaded")
    i.add_argument("--release", help="release text (the source's edition), when the file's own is wrong or missing")
    i.add_argument("--raw", type=Path, default=DEFAULT_RAW, help="raw directory (default: data/raw)")
    _add_watch_parser(sub)
    return p


def _add_watch_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """``watch``: evaluate data/watch.toml against data/clean (exit 1 when a rule triggers, 2 bad rule file)."""
    text = "print the watch rules that trigger on data/clean today; exit 1 if any does, 2 if the rule file is bad"
    w = sub.add_parser("watch", help=text, description=text)
    w.add_argument("--rules", type=Path, default=DEFAULT_WATCH, help="watch file (default: data/watch.toml)")
    w.add_argument("--clean", type=Path, default=DEFAULT_CLEAN, help="clean directory (default: data/clean)")
    w.add_argument("--today", type=dt.date.fromisoformat, default=None, help="evaluate as of YYYY-MM-DD")


def main(argv: list[str] | None = None) -> int:
    """Entry point; returns the process exit code."""
    try:
        args = _parser().parse_args(argv)
    except SystemExit as exc:
        return EXIT_OK if exc.code == 0 else EXIT_USAGE
    if args.command == "import":
        return run_import(args.file, args.raw, args.release)
    if args.command == "watch":
        code, out, err = run_watch(args.rules, args.clean, args.today or dt.date.today())
        for line in out:
            print(line)
        for line in err:
            print(line, file=sys.stderr)
        return code
    if args.command == "coverage":
        try:
            print(coverage_text(args.clean, series_only=args.series_only))
        except (OSError, ValueError, KeyError) as exc:
            print(f"error: cannot read clean data in {args.clean}: {exc}", file=sys.stderr)
            print("hint: run 'python -m indicators build' first", file=sys.stderr)
            return EXIT_NO_CLEAN
        return EXIT_OK
    started = time.perf_counter()
    try:
        result = run(args.raw, args.clean, args.report, write=args.command == "build")
    except BuildFailed as exc:
        for p in exc.problems[:MAX_LINES]:
            print(p.line(), file=sys.stderr)
        if len(exc.problems) > MAX_LINES:
            print(f"... {len(exc.problems) - MAX_LINES} more in {args.report}", file=sys.stderr)
        print(f"FAILED: {summarise(exc.problems)}", file=sys.stderr)
        print(f"full report: {args.report} (and .json); {args.clean} was not modified", file=sys.stderr)
        return EXIT_BAD_DATA
    elapsed = time.perf_counter() - started
    counts = ", ".join(f"{k} {v}" for k, v in result.report["row_counts"].items())
    warn = len(result.warnings)
    sanity = ", ".join(f"{s.name}={s.status}" for s in result.sanity)
    verb = "built" if args.command == "build" else "validated (nothing written)"
    print(f"OK: {verb} in {elapsed:.2f}s; rows: {counts}; warnings: {warn}; sanity: {sanity}")
    if not args.quiet and warn:
        for w in result.warnings[:20]:
            print(f"warning: {w.line()}")
    if args.command == "build" and args.coverage:
        print(coverage_text(args.clean, series_only=True))
    return EXIT_OK


if __name__ == "__main__":
    sys.exit(main())

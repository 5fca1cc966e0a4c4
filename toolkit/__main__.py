"""Command line: ``python -m toolkit report SOURCE --out FILE.html``."""

from __future__ import annotations

import argparse
import sys
import warnings

from ._version import __version__


def parse_columns(text: str) -> dict[str, str]:
    """Parse ``--columns text=body,outlet=site`` into ``{"text": "body", "outlet": "site"}``.

    Raises
    ------
    argparse.ArgumentTypeError
        If an item is not ``field=column``, or a field is given twice.

    Examples
    --------
    >>> parse_columns("text=body, outlet=site")
    {'text': 'body', 'outlet': 'site'}
    """
    columns = {}
    for item in filter(None, (part.strip() for part in text.split(","))):
        field, sep, column = item.partition("=")
        if not sep or not field.strip() or not column.strip():
            raise argparse.ArgumentTypeError(f"{item!r} is not field=column (for example text=body)")
        if field.strip() in columns:
            raise argparse.ArgumentTypeError(f"{field.strip()!r} is given twice ({field.strip()}={columns[field.strip()]} "
                                             f"and {field.strip()}={column.strip()}): give each field once")
        columns[field.strip()] = column.strip()
    return columns


def parse_list(text: str) -> list[str]:
    """Parse ``--outlets "AP, Reuters"`` into ``["AP", "Reuters"]``.

    Raises
    ------
    argparse.ArgumentTypeError
        If no name is given.

    Examples
    --------
    >>> parse_list("AP, Reuters ,")
    ['AP', 'Reuters']
    """
    names = [part.strip() for part in text.split(",") if part.strip()]
    if not names:
        raise argparse.ArgumentTypeError(f"{text!r} names no outlet (for example --outlets \"AP,Reuters\")")
    return names


def columns_help() -> str:
    """The help of ``--columns``: the syntax, and the column names read without it.

    Examples
    --------
    >>> columns_help()[:60]
    'for tables whose columns have other names: field=column pair'
    """
    from .loading.corpus import COLUMN_NAMES

    names = "; ".join(f"{field} from {', '.join(names)}" for field, names in COLUMN_NAMES.items())
    return ("for tables whose columns have other names: field=column pairs, e.g. text=story,outlet=paper. "
            f"Without it each field is read from the first column found of (any letter case, _ - or space): {names}")


def _print_warning(message, category, filename, lineno, file=None, line=None) -> None:
    print(f"warning: {message}", file=sys.stderr, flush=True)


def main(argv: list[str] | None = None) -> int:
    """Run the command line interface.

    Parameters
    ----------
    argv : list of str, optional
        The arguments; by default ``sys.argv[1:]``.

    Returns
    -------
    int
        The exit status: 0, 2 for bad input, 1 if the report failed.
    """
    parser = argparse.ArgumentParser(prog="python -m toolkit",
                                     description="Compare how news outlets frame the same events.")
    parser.add_argument("--version", action="version", version=f"framing-toolkit {__version__}")
    commands = parser.add_subparsers(dest="command", required=True)
    report = commands.add_parser("report", help="write the comparison report of a corpus as HTML")
    report.add_argument("source", help="a file or folder of articles")
    report.add_argument("--out", required=True, help="the HTML file to write (its tables go beside it)")
    report.add_argument("--manifest", help="a CSV or YAML manifest of the files' metadata")
    report.add_argument("--actors", help="an actor dictionary (YAML) for the sections on actors and voices; "
                        "without one, the actors are found automatically (written to <name>-tables/actors.yml)")
    report.add_argument("--no-discover", action="store_true",
                        help="without --actors, do not find the actors: skip the sections on actors")
    report.add_argument("--columns", type=parse_columns, default=None, help=columns_help())
    report.add_argument("--processes", type=int, default=None,
                        help="worker processes for the per-article stages (default: every core from 200 articles)")
    report.add_argument("--from", dest="start", metavar="DATE",
                        help="only the articles published on or after this day (YYYY-MM-DD)")
    report.add_argument("--to", dest="end", metavar="DATE",
                        help="only the articles published on or before this day (YYYY-MM-DD, the day included)")
    report.add_argument("--outlets", type=parse_list, metavar="NAMES",
                        help="only the articles of these outlets, by name, separated by commas")
    report.add_argument("--excel", action="store_true",
                        help="also write the tables as an Excel workbook, <name>-tables.xlsx (slower than the CSV "
                        "and Parquet files, which are always written)")
    report.add_argument("--title", default="How the outlets frame the same events")
    report.add_argument("--quiet", action="store_true", help="do not print the progress of each stage")
    args = parser.parse_args(argv)

    from .actors.dictionary import ActorsError
    from .loading.encoding import InputError
    from .corpus_report import build_report
    from .report.build import ReportError

    try:
        with warnings.catch_warnings():
            warnings.showwarning = _print_warning    # "warning: ..." lines, as the errors are printed
            path = build_report(args.source, args.out, manifest=args.manifest, actors=args.actors,
                                columns=args.columns, title=args.title, progress=not args.quiet,
                                discover=not args.no_discover, processes=args.processes, start=args.start,
                                end=args.end, outlets=args.outlets, excel=args.excel)
    except (FileNotFoundError, InputError, ActorsError, ValueError) as err:
        print(f"error: {err}", file=sys.stderr)
        return 2
    except ReportError as err:
        print(f"error: {err}", file=sys.stderr)
        return 1
    if args.quiet:
        print(f"report written to {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

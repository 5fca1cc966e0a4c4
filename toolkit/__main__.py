"""Command line: ``python -m toolkit report SOURCE --out FILE.html``."""

from __future__ import annotations

import argparse
import sys


def main(argv: list[str] | None = None) -> int:
    """Run the command line interface.

    Parameters
    ----------
    argv : list of str, optional
        The arguments; by default ``sys.argv[1:]``.

    Returns
    -------
    int
        The exit status.
    """
    parser = argparse.ArgumentParser(prog="python -m toolkit",
                                     description="Compare how news outlets frame the same events.")
    commands = parser.add_subparsers(dest="command", required=True)
    report = commands.add_parser("report", help="write the comparison report of a corpus as HTML")
    report.add_argument("source", help="a file or folder of articles")
    report.add_argument("--out", required=True, help="the HTML file to write")
    report.add_argument("--manifest", help="a CSV or YAML manifest of the files' metadata")
    report.add_argument("--actors", help="an actor dictionary (YAML) for the sections on actors and voices")
    report.add_argument("--title", default="How the outlets frame the same events")
    args = parser.parse_args(argv)

    from .actors.dictionary import ActorsError
    from .loading.encoding import InputError
    from .report.build import ReportError, build_report

    try:
        path = build_report(args.source, args.out, manifest=args.manifest, actors=args.actors, title=args.title)
    except (FileNotFoundError, InputError, ActorsError) as err:
        print(f"error: {err}", file=sys.stderr)
        return 2
    except ReportError as err:
        print(f"error: {err}", file=sys.stderr)
        return 1
    print(f"report written to {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""`python -m claims.ui --out processed`: the review workspace without the `claims` command (tests, scripts).

Prints one line, the address to open, once the server listens.
"""

from __future__ import annotations

import argparse
import logging
import sys
from pathlib import Path

from claims.ui.app import serve


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m claims.ui", description=__doc__)
    parser.add_argument("--out", type=Path, default=Path("processed"), help="output folder of `claims run`")
    parser.add_argument("--raw", type=Path, default=Path("raw"), help="input folder (quotes in context)")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8765, help="0 picks a free port")
    parser.add_argument("--reviewer", default=None, help="your name (default: $CLAIMS_REVIEWER)")
    parser.add_argument("--token", default=None, help="access token (needed beyond localhost)")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")

    def announce(url: str) -> None:
        sys.stdout.write(f"{url}\n")
        sys.stdout.flush()

    serve(args.out, args.host, args.port, args.reviewer, args.token, raw_dir=args.raw, announce=announce)


if __name__ == "__main__":
    main()

"""``python -m api [--host H] [--port P]``: the service without the coaltext CLI."""

from __future__ import annotations

import argparse
import sys

from coaltext.errors import CoaltextError

from . import serve


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m api", description=__doc__)
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8000)
    parser.add_argument("--workers", type=int, default=None, help="analyses run at once")
    parser.add_argument("--log-level", default="info")
    args = parser.parse_args(argv)
    try:
        serve(args.host, args.port, workers=args.workers, log_level=args.log_level)
    except CoaltextError as exc:
        print(f"{exc.code}: {exc.message}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())

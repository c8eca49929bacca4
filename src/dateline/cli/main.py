"""``dateline`` command line: argument parsing only; each command lives in its own module."""
from __future__ import annotations

import argparse
import importlib
import sys

from .. import __version__
from ..errors import InputError

# each module exposes register(subparsers): it adds its parser(s) with set_defaults(func=run)
COMMAND_MODULES = ("extract_cmd", "timeml_cmd", "eval_cmd", "store_cmd", "story_cmd", "serve_cmd", "batch_cmd",
                   "spark_cmd")
# the module that registers each command: a command line that names one imports only that module, so
# `dateline extract` does not import the store, the API or Spark (tests/edges/test_cli_modules.py checks it)
MODULE_OF = {"extract": "extract_cmd", "timeml": "timeml_cmd", "eval": "eval_cmd", "ingest": "store_cmd",
             "quotes": "store_cmd", "timeline": "store_cmd", "people": "store_cmd", "story": "story_cmd",
             "serve": "serve_cmd", "batch": "batch_cmd", "spark": "spark_cmd"}


def build_parser(command: str | None = None) -> argparse.ArgumentParser:
    """The parser of every command, or only of the module that registers ``command`` when it is known."""
    parser = argparse.ArgumentParser(prog="dateline", description="Who said what, when: time-anchored "
                                     "quotes, people and events from dated news articles.")
    parser.add_argument("--version", action="version", version=f"dateline {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in (MODULE_OF[command],) if command in MODULE_OF else COMMAND_MODULES:
        try:
            mod = importlib.import_module(f"dateline.cli.{name}")
        except ModuleNotFoundError as e:
            if e.name == f"dateline.cli.{name}":
                continue        # command not built yet
            raise
        mod.register(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else list(argv)
    parser = build_parser(next((a for a in argv if not a.startswith("-")), None))
    args = parser.parse_args(argv)
    if not getattr(args, "func", None):
        parser.print_help(sys.stderr)
        return 2
    try:
        return int(args.func(args) or 0)
    except InputError as e:          # a bad option (--dct, --workers ...): one line, exit 2
        print(f"error: {e}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0
    except OSError as e:             # an unwritable output, a full disk: one line, not a traceback
        print(f"error: {e.filename + ': ' if e.filename else ''}{e.strerror or e}", file=sys.stderr)
        return 3


if __name__ == "__main__":
    sys.exit(main())

"""Options shared by commands that read articles: --dct and the field overrides."""
from __future__ import annotations

import argparse

from ..io.readers import ReadOptions, check_dct
from ..settings import Settings


def add_input_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("inputs", nargs="+", metavar="INPUT",
                   help="files, directories, or - for standard input: dated text, plain text with --dct, JSONL/JSON, "
                        "HTML pages, WARC(.gz), Parquet, CSV")
    p.add_argument("--dct", help="publication date YYYY-MM-DD (required for plain text; overrides dates in the input)")
    p.add_argument("--text-field", help="JSONL/CSV/Parquet field holding the text (default: text, content, body)")
    p.add_argument("--date-field", help="field holding the publication date (default: date, dct, published, "
                   "publication_date, pub_datetime, time)")
    p.add_argument("--id-field", help="field holding the document id (default: id, else the line number)")
    p.add_argument("--strict", action="store_true", help="count records with nothing to process (an empty file, "
                   "a title without text) as failures: exit 1 (by default they are reported as skipped)")
    p.add_argument("--narrative", action="store_true", help="resolve relative times against the text's own "
                   "reference time (history, narrative) instead of the publication date")
    p.add_argument("--attribution", choices=("learned", "rules"), default="learned",
                   help="who decides the quotes: the learned cascade (default) or the rules alone (about twice the "
                   "throughput, lower recall and said_on accuracy; docs/models.md)")


def read_options(args: argparse.Namespace) -> ReadOptions:
    """Validate --dct where it enters; raises InputError with a clear message."""
    dct = check_dct(args.dct, "--dct") if args.dct else None
    return ReadOptions(dct=dct, text_field=args.text_field, date_field=args.date_field, id_field=args.id_field)


def settings_from(args: argparse.Namespace) -> Settings:
    """The one Settings object a command builds from its options."""
    return Settings(document_type="narrative" if getattr(args, "narrative", False) else "auto",
                    attribution=getattr(args, "attribution", None) or Settings.attribution)


def summary(processed: int, failed: int, skipped: int) -> str:
    """``N processed, M failed`` (and ``, K skipped (nothing to process)`` when there are any)."""
    return f"{processed} processed, {failed} failed" + (f", {skipped} skipped (nothing to process)" if skipped else "")


def exit_code(failed: int, skipped: int, args: argparse.Namespace) -> int:
    """0 unless a record failed (or, with --strict, was skipped)."""
    return 1 if failed or (skipped and getattr(args, "strict", False)) else 0

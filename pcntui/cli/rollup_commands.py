"""`share` (a PCN's figures for the ICB, no people in them) and `rollup` (many PCN files, one table)."""

from __future__ import annotations

import argparse
import shutil
import sys
from pathlib import Path

from pcntui.cli.common import add_period_options, check_out_path, opened, period, reads, today
from pcntui.cli.registry import add_command
from pcntui.errors import UserError


def register(sub, parent: argparse.ArgumentParser) -> None:
    p = add_command(sub, "share", parent, cmd_share)
    p.add_argument("--out", required=True, metavar="FILE", help="the share file to write (SQLite; mode 0600)")
    p.add_argument("--as-of", type=reads("date"), metavar="DATE", help="figures as of this date (ISO or dd/mm/yyyy; default today)")

    p = add_command(sub, "rollup", parent, cmd_rollup,
                    epilog="Exit 2 only when no file could be read.")
    p.add_argument("paths", nargs="+", metavar="PATH",
                   help="a pcntui file, a share file, or a folder of them (a --db file is read too)")
    add_period_options(p)
    out = p.add_mutually_exclusive_group()
    out.add_argument("--json", action="store_true", help="print the JSON document (rollup_version 1)")
    out.add_argument("--out", metavar="F.csv|F.db", help="write CSV, or (name ending .db) one SQLite table")
    out.add_argument("--tui", action="store_true", help="show the roll-up in the TUI")


def cmd_share(args) -> int:
    from pcntui.report.share import share_tables
    from pcntui.services.share import write_share_file

    check_out_path(args.out)
    with opened(args, mode="ro") as store:
        tables = share_tables(store, today(args))
    path = write_share_file(Path(args.out), tables)
    print(f"Share file written to {path} (figures as of {today(args).isoformat()}; no names, salaries or "
          "NHS numbers).")
    return 0


def cmd_rollup(args) -> int:
    from pcntui.report.rollup import Request

    request = Request(period(args), as_of_given=args.as_of is not None)
    if args.tui:
        from pcntui.cli.main import run_rollup_tui

        return run_rollup_tui([Path(p) for p in args.paths], request)
    from pcntui.report import rollup_out
    from pcntui.report.rollup import rollup

    check_out_path(args.out)
    result = rollup(_paths(args), request)
    if not result.rows:
        named = "; ".join(f"{file}: {reason}" for file, reason in result.skipped)
        raise UserError(f"No file could be read, so there is nothing to roll up ({named}).")
    if args.json or args.out:  # (the text lists them itself)
        for file, reason in result.skipped:
            print(f"pcntui: skipped {file}: {reason}.", file=sys.stderr)
    if args.json:
        print(rollup_out.as_json(result))
    elif args.out and args.out != "-":
        written = _write(Path(args.out), result)
        print(f"Roll-up of {len(result.rows)} PCNs written to {written}.")
    elif args.out == "-":
        from pcntui.export.csvfile import write_csv

        write_csv(None, rollup_out.COLUMNS, rollup_out.csv_rows(result))
    else:
        print(rollup_out.as_text(result, shutil.get_terminal_size().columns), end="")
    return 0


def _paths(args) -> list[str]:
    """The PATHs, and the --db file when one is given (a file of the roll-up like the others)."""
    paths = list(args.paths)
    db = getattr(args, "db", None)
    if db:
        if Path(db).expanduser().is_dir():
            raise UserError(f"{db} is a folder, not a database file; give folders as PATH.")
        paths.append(db)
    return paths


def _write(out: Path, result) -> Path:
    from pcntui.report import rollup_out

    if out.suffix.lower() in (".db", ".sqlite", ".sqlite3"):
        from pcntui.services.share import write_table_file

        return write_table_file(out, rollup_out.DB_TABLE, rollup_out.db_columns(), rollup_out.db_rows(result))
    from pcntui.export.csvfile import write_csv

    return write_csv(out, rollup_out.COLUMNS, rollup_out.csv_rows(result))

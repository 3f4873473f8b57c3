"""`setup`, `import`, `export` and `demo`: getting data in and out."""

from __future__ import annotations

import argparse
from pathlib import Path

from pcntui.cli.common import add_period_options, check_out_path, db_path, opened, period, reads
from pcntui.cli.registry import COMMANDS, add_command
from pcntui.errors import UserError


def register(sub, parent: argparse.ArgumentParser) -> None:
    from pcntui.catalog import import_kinds, view_kinds

    p = add_command(sub, "setup", parent, cmd_setup)
    p.add_argument("--pcn", required=True, metavar="CODE", help="PCN ODS code, U followed by 5 digits")
    p.add_argument("--practices", required=True, metavar="MAP.csv", help="gp-reg-pat-prac-map CSV")
    p.add_argument("--list-sizes", metavar="AGEBANDS.csv", help="gp-reg-pat-prac-quin-age CSV")
    p.add_argument("--imd", metavar="IMD.csv", help="Fingertips IMD score per practice CSV")
    p.add_argument("--dry-run", action="store_true", help="report what would change, change nothing")

    kinds = "\n".join(f"  {k.kind:<14} {k.help}" for k in import_kinds())
    p = add_command(sub, "import", parent, cmd_import,
                    formatter_class=argparse.RawDescriptionHelpFormatter,
                    description=f"{COMMANDS['import'].description}\n\nKINDs:\n{kinds}")
    p.add_argument("kind", choices=[k.kind for k in import_kinds()], metavar="KIND")
    p.add_argument("file", metavar="FILE")
    p.add_argument("--dry-run", action="store_true", help="report what would change, change nothing")
    many = ", ".join(k.kind for k in import_kinds() if "pcn" in k.options)
    p.add_argument("--pcn", metavar="CODE", help=f"PCN code (for files covering many PCNs: {many})")

    kinds = "\n".join(f"  {k.kind:<14} {k.help}" for k in view_kinds())
    p = add_command(sub, "export", parent, cmd_export,
                    formatter_class=argparse.RawDescriptionHelpFormatter,
                    description=f"{COMMANDS['export'].description}\n\nKINDs:\n"
                    f"{kinds}\n  {'all':<14} every CSV KIND above, one file each in the folder --out DIR")
    p.add_argument("kind", choices=[*(k.kind for k in view_kinds()), "all"], metavar="KIND")
    p.add_argument("--out", metavar="FILE", help="file to write ('-' or omitted: stdout; a folder for 'all')")
    p.add_argument("--filter", metavar="WORDS", help="only the rows holding every word, as the screen's / filter "
                   "(total rows kept)")
    items = ", ".join(f"{k.kind} ({k.item})" for k in view_kinds() if k.item)
    p.add_argument("--id", type=reads("id or name"), metavar="ID", help=f"the one item a KIND is about: {items}")
    add_period_options(p)

    p = add_command(sub, "demo", parent, cmd_demo)
    p.add_argument("--force", action="store_true", help="replace an existing file")
    p.add_argument("--as-of", type=reads("date"), metavar="DATE", help="build the demo around this date (default today)")


def cmd_setup(args) -> int:
    from pcntui.cli.common import start_of_use
    from pcntui.services.setup import setup_pcn

    done = setup_pcn(db_path(args), args.pcn, Path(args.practices), _path(args.list_sizes), _path(args.imd),
                     dry_run=args.dry_run, before_write=start_of_use)
    done.store.close()
    reports = done.reports
    prefix = "Dry run, nothing changed. Would set up: " if args.dry_run else ""
    for r in reports:
        print(prefix + r.summary())
        for note in r.notes or []:
            print("  " + note)
    return 0


def _path(name: str | None) -> Path | None:
    return Path(name) if name else None


def cmd_import(args) -> int:
    from pcntui.services.imports import checked_path, run_import

    path = checked_path(args.file)  # before the database is opened: the file is the first mistake to name
    with opened(args) as store:
        report = run_import(store, args.kind, path, dry_run=args.dry_run, pcn=args.pcn)
    print(("Dry run, nothing changed. " if args.dry_run else "") + report.summary())
    for note in report.notes or []:
        print("  " + note)
    return 0


def cmd_export(args) -> int:
    import sys

    from pcntui.export.views import export_all, export_kind
    from pcntui.views.base import ViewQuery

    with opened(args) as store:
        when = period(args)
        if args.kind == "all":
            if not args.out or args.out == "-":
                raise UserError("'export all' needs --out DIR (one CSV file per kind).")
            if args.filter or args.id:
                raise UserError("'export all' writes every KIND whole; leave out --filter and --id.")
            for path in export_all(store, when, Path(args.out), fy_given=args.fy is not None):
                print(path)
            return 0
        check_out_path(args.out)
        query = ViewQuery(when, item=item_of(args), fy_given=args.fy is not None)
        path = export_kind(args.kind, store, query, args.out, args.filter or "")
        if path:
            print(f"Wrote {path}", file=sys.stderr)
    return 0


def item_of(args) -> str | None:
    """`--id`: required by a KIND about one item, refused by the others."""
    from pcntui.catalog import view_kind

    spec = view_kind(args.kind)
    if spec.item and args.id is None:
        raise UserError(f"'export {args.kind}' needs --id (the {spec.item}).")
    if not spec.item and args.id is not None:
        raise UserError(f"'export {args.kind}' is not about one item; leave out --id.")
    return args.id


def cmd_demo(args) -> int:
    from pcntui.cli.common import today
    from pcntui.services.setup import write_demo

    path = db_path(args)
    kept = write_demo(path, today=today(args), force=args.force)
    print(f"Demo PCN written to {path}. Open it with: pcntui --db {path}")
    if kept:
        print(f"The database it replaced is kept as {kept}.")
    return 0

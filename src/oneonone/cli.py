"""The command line: open the app, or back up and restore the data file."""

from __future__ import annotations

import shutil
import sys
import tempfile
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn

from oneonone import __version__
from oneonone.paths import DB_ENV, data_file

if TYPE_CHECKING:
    import argparse


def build_parser() -> argparse.ArgumentParser:
    """The command line's parser: the app's options and every subcommand."""
    import argparse  # here: opening the app (plain_start) needs no parser, nor argparse

    from oneonone.cli_cadence import add_cadence_parsers
    from oneonone.cli_candidates import add_candidates_parser
    from oneonone.cli_export import add_export_parser
    from oneonone.cli_numbers import add_numbers_parser

    parser = _parser_class()(
        prog="oneonone",
        description="One-on-ones for sales managers: written two-way agreements, the rep's own "
        "consequences, reviews and sessions, kept in a local file.",
        epilog=f"The data file is chosen by --db, then ${DB_ENV}, then the platform's user data "
        "folder.",
    )
    parser.add_argument("--version", action="version", version=f"oneonone {__version__}")
    db_help = f"data file to open (default: ${DB_ENV} or the user data folder)"
    parser.add_argument("--db", metavar="PATH", help=db_help)
    parser.add_argument(
        "--demo",
        action="store_true",
        help="open a generated sample team in a throwaway file (your data is not touched)",
    )
    parser.add_argument("--reps", type=_positive_int, default=8, help="demo: number of reps (8)")
    parser.add_argument(
        "--years", type=_positive_float, default=1.0, help="demo: years of history (1)"
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    backup = sub.add_parser(
        "backup",
        help="copy the data file into backups/ beside it",
        description="Copy the data file, with the notes typed since its last save, into the "
        "backups/ folder beside it (readable by you only). Works while the app is open.",
        epilog="Example: oneonone backup   (then: oneonone where, to see the folder)",
    )
    backup.add_argument("--db", metavar="PATH", default=argparse.SUPPRESS, help=db_help)
    restore = sub.add_parser(
        "restore",
        help="replace the data file with a backup (keeps a copy of what it replaces)",
        description="Replace the data file with a backup: the newest in backups/, or FILE. "
        "The file replaced is kept in backups/ first, so a restore can be undone. Refused "
        "while the app has the file open, and for a file that is not a oneonone data file.",
        epilog="Example: oneonone restore   (the newest backup)",
    )
    restore.add_argument("file", nargs="?", help="the backup to restore (default: the newest)")
    restore.add_argument("--db", metavar="PATH", default=argparse.SUPPRESS, help=db_help)
    where = sub.add_parser(
        "where",
        help="print where the data file, its backups and your config file are",
        description="Print where the data file is (chosen by --db, then $ONEONONE_DB, then the "
        "user data folder), where its backups go, and where your config file and conversation "
        "scripts are read from.",
        epilog="Example: oneonone where --db ~/team.json",
    )
    where.add_argument("--db", metavar="PATH", default=argparse.SUPPRESS, help=db_help)
    add_export_parser(sub)
    add_cadence_parsers(sub)
    from oneonone.cli_board import add_board_parser

    add_board_parser(sub)
    add_candidates_parser(sub)
    add_numbers_parser(sub)
    from oneonone.cli_note import add_note_parser

    add_note_parser(sub)
    from oneonone.cli_snooze import add_snooze_parser

    add_snooze_parser(sub)
    return parser


def _parser_class() -> type[argparse.ArgumentParser]:
    import argparse

    from oneonone.core.text import visible

    class Parser(argparse.ArgumentParser):
        """argparse's, with its usage errors shown, not obeyed: they quote what was typed."""

        def error(self, message: str) -> NoReturn:
            """The usage, then ``message`` as one line shown, not obeyed; exit 2."""
            self.print_usage(sys.stderr)
            self.exit(2, f"{self.prog}: error: {visible(message, one_line=True)}\n")

    return Parser


def _positive_int(text: str) -> int:
    import argparse

    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number of reps") from None
    if value < 1 or value > 10_000:
        raise argparse.ArgumentTypeError("must be between 1 and 10000")
    return value


def _positive_float(text: str) -> float:
    import argparse

    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number of years") from None
    if not 0 < value <= 50:  # NaN, infinity and 1e309 (infinity) too
        raise argparse.ArgumentTypeError("must be more than 0 and at most 50")
    return value


def plain_start(argv: Sequence[str]) -> tuple[str | None] | None:
    """``(the --db value,)`` when the command line only opens the app: ``oneonone``,
    ``oneonone --db PATH`` or ``oneonone --db=PATH``. These skip building the full parser
    (with the subcommands' modules, ~10 ms of every start); anything else goes to argparse,
    which reads these forms the same way."""
    if not argv:
        return (None,)
    if len(argv) == 2 and argv[0] == "--db" and not argv[1].startswith("-"):
        return (argv[1],)
    if len(argv) == 1 and argv[0].startswith("--db="):
        return (argv[0].removeprefix("--db="),)
    return None


def main(argv: Sequence[str] | None = None) -> int:
    """The ``oneonone`` command: opens the app, or runs a subcommand; returns the exit code."""
    argv = sys.argv[1:] if argv is None else list(argv)
    plain = plain_start(argv)
    if plain is not None:
        path = data_file(plain[0])
        return reporting(lambda: run_app(path), path)
    parser = build_parser()
    args = parser.parse_args(argv)
    for name, value in vars(args).items():
        # argparse before 3.13 takes "--" as an option's value and gives an empty list
        if isinstance(value, list):
            parser.error(f"--{name.replace('_', '-')} needs a value (not --)")
    return reporting(lambda: run_command(args), data_file(args.db))


def reporting(run: Callable[[], int], path: Path | None = None) -> int:
    """``run()``, with the app's own errors and any ``OSError`` (a full disk, an I/O error)
    as one line on stderr and exit 1, never a traceback."""
    from oneonone.cli_common import Refused, complain, os_error_line
    from oneonone.core.store import StoreError

    try:
        return run()
    except (StoreError, Refused) as exc:
        complain(str(exc))
        return 1
    except OSError as exc:
        complain(os_error_line(exc, path or Path.cwd()))
        return 1
    except KeyboardInterrupt:
        return 130


def run_command(args: argparse.Namespace) -> int:
    """What the parsed command line asks for."""
    from oneonone.cli_cadence import run_cadence
    from oneonone.cli_export import run_export

    if args.command == "backup":
        return cmd_backup(data_file(args.db))
    if args.command == "restore":
        return cmd_restore(data_file(args.db), args.file)
    if args.command == "where":
        from oneonone.cli_common import say
        from oneonone.config import config_file
        from oneonone.paths import config_dir

        path = data_file(args.db)
        say(
            f"data file: {path}",
            f"backups:   {path.parent / 'backups'}",
            f"config:    {config_file()}",
            f"scripts:   {config_dir() / 'scripts'}",
        )
        return 0
    if args.command == "export":
        return run_export(args, data_file(args.db))
    if args.command in ("agenda", "calendar"):
        return run_cadence(args, data_file(args.db))
    if args.command == "board":
        from oneonone.cli_board import run_board

        return run_board(args, data_file(args.db))
    if args.command == "candidates":
        from oneonone.cli_candidates import run_candidates

        return run_candidates(data_file(args.db))
    if args.command == "numbers":
        from oneonone.cli_numbers import run_numbers

        return run_numbers(args, data_file(args.db))
    if args.command == "note":
        from oneonone.cli_note import run_note

        return run_note(args, data_file(args.db))
    if args.command == "snooze":
        from oneonone.cli_snooze import run_snooze

        return run_snooze(args, data_file(args.db))
    if args.demo:
        return run_demo(args.reps, args.years)
    return run_app(data_file(args.db))


def cmd_backup(path: Path) -> int:
    """``oneonone backup``: a copy of the data file beside it; says where."""
    from oneonone.cli_common import Refused, os_error_line, say
    from oneonone.core.store import backup_now
    from oneonone.core.store.files import backups_folder

    try:
        made = backup_now(path)
    except OSError as exc:  # a full disk, an I/O error: the copy is not made, the file untouched
        line = os_error_line(exc, backups_folder(path), f"no backup made of {path}")
        raise Refused(f"{line} The data file is unchanged.") from exc
    say(f"Backed up {path}", f"       to {made}")
    return 0


def cmd_restore(path: Path, source: str | None) -> int:
    """``oneonone restore``: the data file from a backup (the current one kept); says what
    happened."""
    from oneonone.cli_common import Refused, os_error_line, say
    from oneonone.core.store import restore

    try:
        restored, kept, left = restore(path, source)
    except OSError as exc:  # before the file is replaced (the replacing itself is a StoreError)
        doing = f"nothing restored from {source or 'the newest backup'}"
        line = os_error_line(exc, path.parent, doing)
        raise Refused(f"{line} The data file is unchanged.") from exc
    say(f"Restored {path}", f"    from {restored}")
    if kept is not None:
        say(f"The file it replaced is kept as {kept}")
    if left is not None:
        say(
            "What the command line had left for the app to add to the replaced file (notes, "
            f"snoozes, imported numbers) was not added to this one; it is kept as {left}"
        )
    return 0


def run_app(path: Path, *, demo: bool = False) -> int:
    """Open the app on ``path`` (the collector off until the first frame); returns the exit code."""
    from oneonone.perf.collector import paused_until_first_frame

    # The collector is off until the first frame is painted (perf.collector).
    with paused_until_first_frame():
        from oneonone import keymap
        from oneonone.app import OneOnOneApp
        from oneonone.config import load_config
        from oneonone.core.store import Store

        user_keymap = keymap.load_keymap()  # read here, before the app runs
        user_config = load_config()
        store = Store.open(path, allow_read_only=True)
        try:
            app = OneOnOneApp(store, demo=demo, config=user_config)
            keymap.install(app, user_keymap)
            app.run()
        finally:
            store.close()
    return app.return_code or 0


def run_demo(reps: int, years: float) -> int:
    """``oneonone --demo``: a generated team in a throwaway file, opened in the app."""
    from oneonone.core.dates import today_in
    from oneonone.demo import demo_file
    from oneonone.screens.settings import local_timezone_name

    folder = Path(tempfile.mkdtemp(prefix="oneonone-demo-"))
    try:
        path = demo_file(folder, reps=reps, years=years, today=today_in(local_timezone_name()))
        return run_app(path, demo=True)
    finally:
        shutil.rmtree(folder, ignore_errors=True)

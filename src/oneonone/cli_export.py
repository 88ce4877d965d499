"""``oneonone export``: write a rep's agreement as Markdown, to stdout or a file.

``export`` has its own subcommands (``agreement`` now; ``sessions`` can join it). Reading
works while the app has the data file open: the store is opened read-only then. Every
problem is one line on stderr starting "oneonone: ", exit code 1; argparse's usage errors
exit 2. A file is only written whole (atomic replace) or not at all.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from oneonone.paths import DB_ENV

if TYPE_CHECKING:
    from oneonone.core.model import Agreement

PROG = "oneonone"


class _Refused(Exception):
    """A message for the user; ``run_export`` prints it and exits 1."""


def add_export_parser(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    db_help = f"data file to read (default: ${DB_ENV} or the user data folder)"
    export = sub.add_parser(
        "export",
        help="write a rep's agreement as Markdown (to print or share)",
        description="Write data out as Markdown. Works while the app is open.",
    )
    kinds = export.add_subparsers(dest="export_kind", metavar="WHAT", required=True)
    agreement = kinds.add_parser(
        "agreement",
        help="one version of a rep's agreement",
        description="Write one version of a rep's agreement as Markdown: the latest agreed "
        "version, or the latest draft if none is agreed yet.",
    )
    agreement.add_argument(
        "rep", metavar="REP", help="the rep's name, or the start of their first or last name"
    )
    agreement.add_argument(
        "--version",
        dest="agreement_version",
        metavar="N",
        type=_version_number,
        help="which version (default: the latest agreed, else the latest draft)",
    )
    agreement.add_argument(
        "--out", metavar="FILE", help="write to FILE instead of standard output ('-': stdout)"
    )
    agreement.add_argument("--force", action="store_true", help="replace FILE if it exists")
    agreement.add_argument("--db", metavar="PATH", default=argparse.SUPPRESS, help=db_help)


def _version_number(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a version number") from None
    if value < 1:
        raise argparse.ArgumentTypeError("versions are numbered from 1")
    return value


def run_export(args: argparse.Namespace, path: Path) -> int:
    from oneonone.core.export.files import ExportError
    from oneonone.core.lookup import RepLookupError
    from oneonone.core.store import StoreError
    from oneonone.core.store.files import describe_os_error

    try:
        if args.export_kind == "agreement":
            return _export_agreement(args, path)
        raise _Refused(f"unknown export {args.export_kind!r}")  # pragma: no cover - argparse
    except (_Refused, ExportError, RepLookupError, StoreError) as exc:
        print(f"{PROG}: {exc}", file=sys.stderr)
        return 1
    except OSError as exc:  # e.g. the data file's folder cannot be read or locked
        print(f"{PROG}: cannot read {path}: {describe_os_error(exc)}.", file=sys.stderr)
        return 1


def _export_agreement(args: argparse.Namespace, path: Path) -> int:
    from oneonone.core.agreements import latest_agreed, open_draft, versions
    from oneonone.core.export.agreement import agreement_markdown
    from oneonone.core.export.files import write_new_file
    from oneonone.core.lookup import find_rep
    from oneonone.core.model import Agreement, Rep
    from oneonone.core.store import Store

    path = path.expanduser()
    if not path.is_file():
        problem = "is a folder, not a data file" if path.is_dir() else "does not exist"
        raise _Refused(
            f"{path} {problem}. Give the data file with --db PATH (see `oneonone where`)."
        )
    store = Store.open(path, allow_read_only=True)
    try:
        rep = find_rep(store.all(Rep), args.rep)
        mine = versions(store.where(Agreement, rep_id=rep.id), rep.id)
        settings = store.settings()
    finally:
        store.close()

    wanted: int | None = args.agreement_version
    if not mine:
        raise _Refused(f"{rep.name} has no agreement yet: there is nothing to export.")
    if wanted is None:
        chosen = latest_agreed(mine, rep.id) or open_draft(mine, rep.id)
        assert chosen is not None
    else:
        matching = [a for a in mine if a.version == wanted]
        if not matching:
            listing = "; ".join(_describe(a) for a in mine)
            raise _Refused(f"{rep.name} has no version {wanted}. Versions: {listing}.")
        chosen = matching[0]

    text = agreement_markdown(chosen, rep, settings, all_versions=mine)
    out: str | None = args.out
    if out is None or out == "-":
        _write_stdout(text)
        return 0
    target = Path(out).expanduser()
    write_new_file(target, text, force=args.force)
    print(f"Wrote version {chosen.version} of {rep.name}'s agreement to {target}")
    return 0


def _describe(a: Agreement) -> str:
    if a.is_agreed:
        when = f" on {a.agreed_on.isoformat()}" if a.agreed_on else ""
        return f"v{a.version} agreed{when}"
    return f"v{a.version} draft, started {a.created_at.date().isoformat()}"


def _write_stdout(text: str) -> None:
    try:
        sys.stdout.write(text)
        sys.stdout.flush()
    except BrokenPipeError:
        # the reader went away (e.g. `| head`): stop quietly, as other command-line tools do
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except UnicodeEncodeError:
        # a terminal or pipe that cannot show some character: send UTF-8 bytes as they are
        buffer = getattr(sys.stdout, "buffer", None)
        if buffer is None:
            raise
        buffer.write(text.encode("utf-8"))
        buffer.flush()


__all__ = ["add_export_parser", "run_export"]

"""What the read-only subcommands share: opening the data file without ever creating it,
writing to standard output safely, and turning the app's own errors into one line and exit 1."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from oneonone.core.store import Store

PROG = "oneonone"


class Refused(Exception):
    """A message for the user: printed as ``oneonone: <message>``, exit status 1."""


def open_data_file(path: Path) -> Store:
    """The data file, read-only if the app has it open; a missing file is refused (a command
    that reads never creates one)."""
    from oneonone.core.store import Store

    path = path.expanduser()
    if not path.is_file():
        problem = "is a folder, not a data file" if path.is_dir() else "does not exist"
        raise Refused(
            f"{path} {problem}. Give the data file with --db PATH (see `oneonone where`)."
        )
    return Store.open(path, allow_read_only=True)


def run_reporting(command: Callable[[], int], path: Path) -> int:
    """Run ``command``; the user's mistakes and the store's or an export's refusals become one
    line on stderr and exit status 1, never a traceback."""
    from oneonone.core.export.files import ExportError
    from oneonone.core.lookup import RepLookupError
    from oneonone.core.store import StoreError
    from oneonone.core.store.files import describe_os_error

    try:
        return command()
    except (Refused, ExportError, RepLookupError, StoreError) as exc:
        print(f"{PROG}: {exc}", file=sys.stderr)
        return 1
    except OSError as exc:  # e.g. the data file's folder cannot be read or locked
        print(f"{PROG}: cannot read {path}: {describe_os_error(exc)}.", file=sys.stderr)
        return 1


def write_stdout(text: str) -> None:
    """``text`` to standard output; a closed pipe (``| head``) is not an error."""
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

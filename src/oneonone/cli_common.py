"""What the subcommands share: opening the data file without ever creating it, writing to
standard output and standard error safely, and turning the app's own errors into one line and
exit 1.

Everything a command writes to standard output or standard error goes through ``write_stdout``,
``say`` or ``complain``, which show control characters as visible symbols
(``oneonone.core.text.visible``): a name in the data file can never drive the terminal, on a
terminal or through a pipe that ends in one. Files written with ``--out`` keep the text exactly.
"""

from __future__ import annotations

import errno
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

from oneonone.core.text import visible

if TYPE_CHECKING:
    from oneonone.core.store import Store

PROG = "oneonone"


class Refused(Exception):
    """A message for the user: printed as ``oneonone: <message>``, exit status 1."""


def open_data_file(path: Path) -> Store:
    """The data file, opened truly read-only (the journal applied in memory, nothing written,
    whether the app has it open or not); a missing file is refused (a command that reads
    never creates one)."""
    from oneonone.core.store import Store

    path = path.expanduser()
    if not path.is_file():
        problem = "is a folder, not a data file" if path.is_dir() else "does not exist"
        raise Refused(
            f"{path} {problem}. Give the data file with --db PATH (see `oneonone where`)."
        )
    store = Store.open(path, read_only=True)  # reads only: writes nothing, not even a lock
    _opened.append(store)
    return store


#: The stores opened by this command: the damaged records they met are named when it ends.
_opened: list[Store] = []


def tell_damaged() -> None:
    """One line on stderr for each thing the store found that the user should know: each
    damaged record the command met (and left out), a journal that was not applied."""
    while _opened:
        for notice in _opened.pop(0).take_notices():
            print(f"{PROG}: warning: {notice}", file=sys.stderr)


def run_reporting(command: Callable[[], int], path: Path) -> int:
    """Run ``command``; the user's mistakes and the store's or an export's refusals become one
    line on stderr and exit status 1, never a traceback."""
    from oneonone.core.export.files import ExportError
    from oneonone.core.lookup import RepLookupError
    from oneonone.core.store import StoreError

    try:
        return command()
    except ExportError as exc:
        cause = exc.__cause__
        advice = f" {os_error_advice(cause)}" if isinstance(cause, OSError) else ""
        complain(f"{exc}{advice}")
        return 1
    except (Refused, RepLookupError, StoreError) as exc:
        complain(str(exc))
        return 1
    except OSError as exc:  # e.g. the data file's folder cannot be read or locked
        complain(os_error_line(exc, path))
        return 1
    finally:
        tell_damaged()


def add_record(path: Path, record: Any) -> bool:
    """Save ``record`` in the data file: at once when no copy of the app holds it (True), else
    handed to the app through the file's inbox (``core.store.inbox``), which it takes in within
    seconds, at its next save or when it closes: never lost (False). A busy app is refused in
    words (``Refused``); nothing is saved then."""
    from oneonone.core import codec
    from oneonone.core.store import FileInUse, Store, inbox

    try:
        store = Store.open(path)
    except FileInUse:
        try:
            inbox.append(
                Path(path).expanduser().absolute().resolve(),
                type(record).TABLE,
                codec.encode(record),
            )
        except TimeoutError:
            raise Refused(
                "the app is busy with the data file: nothing was saved. Try again."
            ) from None
        return False
    try:
        store.put(record)
    finally:
        store.close()
    return True


def write_out(text: str, out: str | None, *, force: bool, what: str) -> int:
    """An export's ``text`` to standard output (``out`` None or "-"), or to the file ``out``
    (never replacing one unless ``force``; ``ExportError`` says why not), then "Wrote
    ``what`` to FILE". Exit status 0."""
    from oneonone.core.export.files import write_new_file

    if out is None or out == "-":
        write_stdout(text)
        return 0
    target = Path(out).expanduser()
    write_new_file(target, text, force=force)
    say(f"Wrote {what} to {target}")
    return 0


def os_error_line(exc: OSError, path: Path, doing: str = "") -> str:
    """One line for an ``OSError``: what failed (``doing``), the file it names (else
    ``path``), why in words, and what to do about it."""
    from oneonone.core.store.files import describe_os_error

    where = exc.filename if exc.filename not in (None, "") else path
    head = f"{doing}: " if doing else ""
    return f"{head}{where}: {describe_os_error(exc)}. {os_error_advice(exc)}"


def os_error_advice(exc: OSError) -> str:
    """What the user can do about ``exc``, as a sentence."""
    if exc.errno in (errno.ENOSPC, errno.EDQUOT):
        return "Free some space on that disk and try again."
    if exc.errno in (errno.EACCES, errno.EPERM):
        return "Check that you may read and write there (the permissions) and try again."
    if exc.errno == errno.EROFS:
        return "That disk is read-only: use a folder you can write to."
    if exc.errno == errno.EIO:
        return (
            "The disk may be failing: copy your data folder somewhere safe "
            "(`oneonone where` shows it), then try again."
        )
    if exc.errno in (errno.ENOENT, errno.ENOTDIR):
        return "Check the path and try again."
    return "Check the disk and try again."


def complain(message: str) -> None:
    """``oneonone: <message>`` as one line on stderr, control characters (a newline too)
    shown as symbols: messages name reps, and a name may hold anything."""
    _write(sys.stderr, f"{PROG}: {visible(message, one_line=True)}\n")


def say(*lines: str) -> None:
    """A message for the user on stdout, each of ``lines`` one line: the user text in it shows
    its control characters (a newline in a name too) as symbols."""
    _write(sys.stdout, "".join(visible(line, one_line=True) + "\n" for line in lines))


def write_stdout(text: str, *, crlf: bool = False) -> None:
    """Write a document (Markdown, the agenda, with ``crlf`` an .ics whose lines end in CR LF)
    to stdout: its line ends and tabs as they are, every other control character shown as a
    symbol (see ``oneonone.core.text``)."""
    lines = text.split("\r\n") if crlf else [text]
    _write(sys.stdout, "\r\n".join(visible(line) for line in lines))


def _write(stream: TextIO, text: str) -> None:
    """``text`` to ``stream``; a closed pipe (``| head``) is not an error."""
    try:
        stream.write(text)
        stream.flush()
    except BrokenPipeError:
        # the reader went away (e.g. `| head`): stop quietly, as other command-line tools do
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, stream.fileno())
        os.close(devnull)
    except UnicodeEncodeError:
        # a terminal or pipe that cannot show some character: send UTF-8 bytes as they are
        buffer = getattr(stream, "buffer", None)
        if buffer is None:
            raise
        buffer.write(text.encode("utf-8", "replace"))
        buffer.flush()

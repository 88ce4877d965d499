"""Numbers imported while the app has the data file open: handed to it, never lost.

Only one program writes the data file: the one holding its lock (``store.records``). When
``oneonone numbers import --apply`` finds the app holding it, it does not write the file under
the app (the app's next save would replace it); it drops the records into the inbox beside the
data file, ``<data file>.inbox/``, one JSON file per import (written atomically, private), named
so that they sort in the order they were made. The app looks at the inbox with the data file
(every few seconds, one ``stat``), records what it finds through its own store, and removes
each file once its records are saved. Whoever holds the lock next takes what is left first: the
app at its next look, or the next ``--apply`` (before its own numbers, so the newer import
wins). A file that cannot be read is set aside (renamed ``.damaged``) and named, not retried.

An imported number's id is made from its rep, quota line and period (``imported_id``), so the
same import taken twice, or two imports of one period, leave one record: the last.
"""

from __future__ import annotations

import contextlib
import json
import os
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pendulum

from oneonone.core import codec
from oneonone.core.model import ImportedNumber
from oneonone.core.numbers_import import imported_id
from oneonone.core.store import files

if TYPE_CHECKING:
    from oneonone.core.store import Store

SUFFIX = ".inbox"
VERSION = 1


def inbox_folder(data_file: Path) -> Path:
    """The inbox beside ``data_file``."""
    return data_file.with_name(data_file.name + SUFFIX)


def waiting(data_file: Path) -> list[Path]:
    """The inbox's files not taken yet, oldest first (none when there is no inbox)."""
    try:
        names = os.listdir(inbox_folder(data_file))
    except (FileNotFoundError, NotADirectoryError):
        return []
    return [inbox_folder(data_file) / n for n in sorted(names) if n.endswith(".json")]


def drop(data_file: Path, records: list[ImportedNumber], source: str) -> Path:
    """Put ``records`` in the inbox of ``data_file`` for the program holding it; returns the
    file written. ``OSError`` when it cannot be written (nothing is left half-written)."""
    folder = inbox_folder(data_file)
    files.ensure_private_folder(folder)
    now = pendulum.now("UTC")
    name = f"{now.format('YYYYMMDDTHHmmss.SSSSSS')}-{uuid.uuid4().hex[:8]}.json"
    payload = {
        "inbox": VERSION,
        "source": source,
        "records": [codec.encode(r) for r in records],
    }
    target = folder / name
    files.atomic_write_bytes(target, files.dumps(payload))
    return target


@dataclass
class Taken:
    """What ``take`` recorded: how many numbers, from which reports; and what it could not."""

    count: int = 0
    sources: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    records: list[ImportedNumber] = field(default_factory=list)

    def message(self) -> str:
        """One line for the user, or "" when nothing was taken."""
        if not self.count:
            return ""
        numbers = f"{self.count} number{'' if self.count == 1 else 's'}"
        reports = ", ".join(dict.fromkeys(self.sources))
        return (
            f"Imported {numbers} from {reports} (oneonone numbers import): the next "
            "one-on-one with each rep offers them in ctrl+l."
        )


def _read(path: Path) -> tuple[str, list[ImportedNumber]]:
    data: Any = json.loads(path.read_text(encoding="utf-8"))
    if not isinstance(data, dict) or data.get("inbox") != VERSION:
        raise ValueError("not an inbox file of this version")
    source = data.get("source")
    docs = data.get("records")
    if not isinstance(source, str) or not isinstance(docs, list):
        raise ValueError("its source or records are missing")
    return source, [codec.decode(ImportedNumber, doc) for doc in docs]


def take(store: Store) -> Taken:
    """Record what the inbox of ``store``'s file holds, oldest first, each file removed once
    its records are saved. Raises what ``Store.put_many`` raises (the file is then kept, to be
    taken again); a file that cannot be read is set aside and named in ``problems``."""
    taken = Taken()
    for path in waiting(store.path):
        try:
            source, records = _read(path)
        except FileNotFoundError:
            continue  # taken meanwhile (another look)
        except (OSError, ValueError, TypeError, codec.DecodeError) as exc:
            aside = path.with_name(path.name + ".damaged")
            with contextlib.suppress(OSError):
                os.replace(path, aside)
            taken.problems.append(
                f"The numbers import {path.name} could not be read ({exc}); it is kept as "
                f"{aside}. Run the import again."
            )
            continue
        for record in records:  # one record per rep, line and period, whoever made it
            record.id = imported_id(record.rep_id, record.quota_line_id, record.period_start)
        store.put_many(records)
        with contextlib.suppress(FileNotFoundError):
            path.unlink()
        taken.count += len(records)
        taken.sources.append(source)
        taken.records.extend(records)
    with contextlib.suppress(OSError):  # emptied: the data folder as it was
        inbox_folder(store.path).rmdir()
    return taken


__all__ = ["SUFFIX", "Taken", "drop", "inbox_folder", "take", "waiting"]

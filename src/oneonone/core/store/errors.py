"""The store's own errors. Each carries a message written for the manager, not a traceback."""

from __future__ import annotations

from pathlib import Path


class StoreError(Exception):
    """Base class: ``str(error)`` is a complete sentence to show the user."""


def backup_hint(newest_backup: Path | None) -> str:
    """The sentence that ends a message about a damaged file: what the user can restore."""
    if newest_backup:
        return f"The newest backup is {newest_backup} (restore it with `oneonone restore`)."
    return "There is no backup of it."


class UnreadableFile(StoreError):
    """The data file exists but cannot be trusted; nothing was written to it."""

    def __init__(self, path: Path, problem: str, newest_backup: Path | None) -> None:
        self.path = path
        self.problem = problem
        self.newest_backup = newest_backup
        hint = backup_hint(newest_backup)
        super().__init__(f"Cannot open {path}: {problem}. Nothing was written to it. {hint}")


class FileInUse(StoreError):
    """The file is locked by another copy of oneonone."""

    def __init__(self, path: Path) -> None:
        self.path = path
        super().__init__(
            f"{path} is in use by another copy of oneonone. Close that one first, "
            "or open this one read-only."
        )


class ReadOnly(StoreError):
    """A write refused: this copy is read-only."""

    def __init__(self, path: Path) -> None:
        self.path = path
        super().__init__(
            f"Not saved: {path} is open read-only (another copy of oneonone is using it)."
        )


class NotSaved(StoreError):
    """A write failed. The change is kept in memory and can be saved again; unless ``kept`` is
    False: a value the file cannot hold (NaN, infinity) is refused and nothing changes."""

    def __init__(self, path: Path, reason: str, *, kept: bool = True) -> None:
        self.path = path
        self.reason = reason
        self.kept = kept
        then = (
            "Your change is kept; try saving again."
            if kept
            else "Nothing was changed; correct the value and save again."
        )
        super().__init__(f"Not saved to {path}: {reason}. {then}")


class DamagedRecord(StoreError):
    """One record of the file cannot be read (a field of the wrong type, a value the app
    cannot work with). It is left out of what is shown and kept as it is in the file."""

    LEFT_OUT = "it is left out, and kept as it is in the file"

    def __init__(self, table: str, record_id: str, problem: str, outcome: str = LEFT_OUT) -> None:
        self.table = table
        self.record_id = record_id
        self.problem = problem
        super().__init__(f"A record in {table!r} ({record_id}) is damaged: {problem}; {outcome}.")


class DamagedTable(StoreError):
    """One table of the file, read only when first needed, turned out unreadable. The rest
    of the file is fine, and the table's text is written back unchanged by every save."""

    def __init__(self, path: Path, table: str, problem: str, newest_backup: Path | None) -> None:
        self.path = path
        self.table = table
        self.problem = problem
        self.newest_backup = newest_backup
        hint = backup_hint(newest_backup)
        super().__init__(
            f"Part of {path} cannot be read: table {table!r} is damaged ({problem}). "
            f"The rest of your data is fine, and that part is kept as it is in the file. {hint}"
        )

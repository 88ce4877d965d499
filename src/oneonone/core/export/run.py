"""Export session logs from the store to a file, a folder of files, or text: the one routine
the app and ``oneonone export sessions`` share.

``export_sessions`` is the whole thing; it is ``read_sessions`` (what the store is asked for)
then ``write_sessions`` (render and write), kept apart so a caller can close the store before
the long part. UI-free: nothing here imports Textual.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from oneonone.core.export.files import (
    ExportError,
    check_targets,
    safe_filename,
    unique_filenames,
    write_new_file,
    write_new_files,
)
from oneonone.core.export.sessions import Progress, SessionsExport
from oneonone.core.model import Agreement, Commitment, Invocation, Session, TalkingPoint

if TYPE_CHECKING:
    from collections.abc import Sequence

    import pendulum

    from oneonone.core.model import Rep, TeamSettings
    from oneonone.core.store import Store

R = TypeVar("R", Session, Agreement, Commitment, Invocation, TalkingPoint)


class NothingToExport(ExportError):
    """Several reps were asked for and none has a session (or a record outside one) in range."""


class SameId(ExportError):
    """Two reps hold the same id (a hand edit, two copies of a file merged): their records,
    found by that id, cannot be told apart."""


def check_ids(reps: Sequence[Rep], team: Sequence[Rep] | None = None) -> None:
    """Refuse (``SameId``, naming them) to export ``reps`` when one of them shares its id with
    another rep of ``team`` (default: ``reps``): every session, commitment and agreement is
    found by the rep's id, so each would be exported as both reps' (one rep's notes under the
    other's name), and one file per rep would have two files for one id. Nothing is written;
    the data file keeps both reps as they are."""
    wanted = {r.id for r in reps}
    by_id: dict[str, list[Rep]] = {}
    for rep in team if team is not None else reps:
        if rep.id in wanted:
            by_id.setdefault(rep.id, []).append(rep)
    clashes = [same for same in by_id.values() if len(same) > 1]
    if not clashes:
        return
    first = clashes[0]
    names = ", ".join(r.name for r in first[:-1]) + f" and {first[-1].name}"
    more = f" ({len(clashes) - 1} more ids are shared too)" if len(clashes) > 1 else ""
    raise SameId(
        f"{names} have the same id {first[0].id} in the data file{more}: their sessions cannot "
        "be told apart, so nothing was exported. Restore a backup from before the two were "
        "merged (`oneonone restore`), or give one of them a new id in the file."
    )


class NotAFolder(ExportError):
    """Several reps' files were to go into a folder, and the path given is a file."""


@dataclass(frozen=True)
class SessionsWritten:
    """What an export did: the file or folder written (None: ``text`` holds the Markdown, for
    standard output), how many files, sessions and reps."""

    target: Path | None
    text: str | None
    files: int
    sessions: int
    reps: int


def range_text(since: pendulum.Date | None, until: pendulum.Date | None) -> str:
    """ " from A to B", " since A", " until B" or "" for a message about a date range."""
    if since and until:
        return f" from {since.isoformat()} to {until.isoformat()}"
    if since:
        return f" since {since.isoformat()}"
    if until:
        return f" until {until.isoformat()}"
    return ""


def read_sessions(
    store: Store,
    reps: Sequence[Rep],
    *,
    include_private: bool = False,
    session: Session | None = None,
    settings: TeamSettings | None = None,
    since: pendulum.Date | None = None,
    until: pendulum.Date | None = None,
    today: pendulum.Date | None = None,
) -> SessionsExport:
    """Read what exporting ``reps`` needs (one rep: only that rep's records) and group it.
    ``session``: that session only, without the records made outside sessions. ``settings``
    default to the store's."""
    one = len(reps) == 1

    def records(cls: type[R]) -> list[R]:
        return store.where(cls, rep_id=reps[0].id) if one else store.all(cls)

    return SessionsExport(
        sessions=[session] if session is not None else records(Session),
        agreements=records(Agreement),
        commitments=records(Commitment),
        invocations=records(Invocation),
        settings=settings if settings is not None else store.settings(),
        include_private=include_private,
        since=since,
        until=until,
        today=today,
        outside_sessions=session is None,
        talking_points=records(TalkingPoint),
    )


def write_sessions(
    export: SessionsExport,
    reps: Sequence[Rep],
    target: Path | None,
    *,
    progress: Progress | None = None,
    combined: bool = False,
    force: bool = False,
) -> SessionsWritten:
    """Render and write. One rep: one file (``target`` an existing folder: ``<name>.md`` in
    it). Several reps, in the order given, those with something to export: one file each in
    the folder ``target``, or with ``combined`` one file. ``target`` None: nothing is written,
    the Markdown is returned (several reps as one document). Files are written whole or not at
    all, a set of files all or none; an existing file is only replaced with ``force``.
    ``progress(done, total)`` is called after each rep of several is rendered. Reps that
    share an id are refused (``check_ids``)."""
    check_ids(reps)
    if len(reps) == 1:
        rep = reps[0]
        count = len(export.sessions_of(rep.id))
        if target is not None and target.is_dir():
            target = target / (safe_filename(rep.name) + ".md")
        if target is not None:
            check_targets([target], force=force)
        text = export.rep_markdown(rep)
        if target is None:
            return SessionsWritten(None, text, 0, count, 1)
        write_new_file(target, text, force=force)
        return SessionsWritten(target, None, 1, count, 1)

    chosen = [r for r in reps if export.has_content(r.id)]
    if not chosen:
        raise NothingToExport(
            f"No sessions{range_text(export.since, export.until)}: there is nothing to export."
        )
    count = sum(len(export.sessions_of(r.id)) for r in chosen)
    if target is None or combined:
        if target is not None:
            check_targets([target], force=force)
        text = export.combined_markdown(chosen, progress=progress)
        if target is None:
            return SessionsWritten(None, text, 0, count, len(chosen))
        write_new_file(target, text, force=force)
        return SessionsWritten(target, None, 1, count, len(chosen))

    if target.exists() and not target.is_dir():
        raise NotAFolder(
            f"{target} is a file. With several reps the export writes one file per rep into "
            "a folder: choose a folder."
        )
    names = unique_filenames((r.id, r.name) for r in chosen)
    paths = [target / names[r.id] for r in chosen]
    check_targets(paths, force=force)
    items: list[tuple[Path, str]] = []
    for done, (rep, file) in enumerate(zip(chosen, paths, strict=True), 1):
        items.append((file, export.rep_markdown(rep)))
        if progress is not None:
            progress(done, len(chosen))
    write_new_files(items, force=force)
    return SessionsWritten(target, None, len(items), count, len(chosen))


def export_sessions(
    store: Store,
    reps: Sequence[Rep],
    target: Path | None,
    *,
    include_private: bool = False,
    session: Session | None = None,
    progress: Progress | None = None,
    settings: TeamSettings | None = None,
    since: pendulum.Date | None = None,
    until: pendulum.Date | None = None,
    today: pendulum.Date | None = None,
    combined: bool = False,
    force: bool = False,
) -> SessionsWritten:
    """Read from ``store`` and write the session logs of ``reps`` (see ``read_sessions`` and
    ``write_sessions``). Raises ``ExportError`` (or ``StoreError``) with a message for the
    user."""
    export = read_sessions(
        store,
        reps,
        include_private=include_private,
        session=session,
        settings=settings,
        since=since,
        until=until,
        today=today,
    )
    return write_sessions(export, reps, target, progress=progress, combined=combined, force=force)


__all__ = [
    "NotAFolder",
    "NothingToExport",
    "SameId",
    "SessionsWritten",
    "check_ids",
    "export_sessions",
    "range_text",
    "read_sessions",
    "write_sessions",
]

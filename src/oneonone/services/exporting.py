"""Session logs exported to files: the form, then the writing in a worker (with progress for
everyone's), then what came of it."""

from __future__ import annotations

from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from oneonone.core.model import Rep, Session
from oneonone.core.store import StoreError

if TYPE_CHECKING:
    from oneonone.services.hub import AppServices

R = TypeVar("R")


class Exporting:
    """``export_sessions``: one session, one rep's sessions, or everyone's."""

    def __init__(self, hub: AppServices) -> None:
        self.hub = hub

    def export_sessions(self, rep: Rep | None = None, session: Session | None = None) -> None:
        """One session, one rep's sessions, or everyone's (one file per rep in a folder)."""
        from oneonone.core.export.files import safe_filename
        from oneonone.screens.export_sessions import SessionsExportForm

        folder = self.hub.export_folder()
        if rep is None:
            default, what = folder / "sessions", "everyone's one-on-ones"
        elif session is not None:
            timezone = self.hub.team.settings.timezone
            day = session.started_at.in_timezone(timezone).date()
            default, what = folder / f"{safe_filename(rep.name)}-{day}.md", "this one-on-one"
        else:
            default, what = (
                folder / f"{safe_filename(rep.name)}-sessions.md",
                f"{rep.name}'s one-on-ones",
            )

        def chosen(answer: tuple[Path, bool] | None) -> None:
            if answer is None:
                return
            path, private = answer
            self._export_sessions(path, private, rep, session, what)

        self.hub.app.push_screen(SessionsExportForm(default, what, folder=rep is None), chosen)

    def export_text(self, default: Path, what: str, text: str) -> None:
        """A document already made (an agreement version, the team's, the board) written to a
        file the user chooses (``default`` offered); the check for a file already there and
        the writing in a worker, replacing one only once confirmed; the outcome told."""
        from oneonone.screens.agreement_dialogs import ExportScreen

        def chosen(path: Path | None) -> None:
            if path is not None:
                self._write_text(path, text, force=False)

        self.hub.app.push_screen(ExportScreen(default, what), chosen)

    def _write_text(self, path: Path, text: str, *, force: bool) -> None:
        self.hub.app.run_worker(
            partial(self._write_text_in_thread, path, text, force),
            thread=True,
            group="export",
            exit_on_error=False,
        )

    def _write_text_in_thread(self, path: Path, text: str, force: bool) -> None:
        import os

        from oneonone.core.export.files import ExportError, write_new_file

        app = self.hub.app
        if not force and os.path.lexists(path):
            app.call_from_thread(self._ask_replace, path, text)
            return
        try:
            write_new_file(path, text, force=force)
        except ExportError as exc:
            app.call_from_thread(self.hub.show_error, str(exc))
        else:
            app.call_from_thread(app.notify, f"Exported to {path}", markup=False, timeout=6)

    def _ask_replace(self, path: Path, text: str) -> None:
        from oneonone.screens.confirm import ConfirmScreen

        def answered(yes: bool | None) -> None:
            if yes:
                self._write_text(path, text, force=True)

        self.hub.app.push_screen(
            ConfirmScreen("Replace the file?", f"{path} exists.", yes="Replace"), answered
        )

    def export_session_now(self, rep: Rep, session: Session) -> None:
        """One one-on-one exported at once, without asking where: to the export folder as
        ``Name-YYYY-MM-DD.md`` (``-2``... when that is taken: nothing is replaced), private
        notes left out. The summary's one key."""
        from oneonone.core.export.files import safe_filename

        timezone = self.hub.team.settings.timezone
        day = session.started_at.in_timezone(timezone).date()
        target = self.hub.export_folder() / f"{safe_filename(rep.name)}-{day}.md"
        self.hub.app.run_worker(
            partial(self._export_now_in_thread, target, rep, session),
            thread=True,
            group="export",
            exit_on_error=False,
        )

    def _export_now_in_thread(self, target: Path, rep: Rep, session: Session) -> None:
        from oneonone.core.export.files import free_path

        self._export_in_thread(free_path(target), False, [rep], session, None)

    def _export_sessions(
        self, path: Path, private: bool, rep: Rep | None, session: Session | None, what: str
    ) -> None:
        from oneonone.screens.export_sessions import ExportProgressScreen

        hub = self.hub
        everyone = sorted(hub.team.reps.values(), key=lambda r: r.name)
        reps = [rep] if rep is not None else everyone
        progress = ExportProgressScreen(what, len(reps)) if rep is None else None
        if progress is not None:
            hub.app.push_screen(progress)
        hub.app.run_worker(
            partial(self._export_in_thread, path, private, reps, session, progress),
            thread=True,
            group="export",
            exit_on_error=False,
        )

    def _export_in_thread(
        self,
        path: Path,
        private: bool,
        reps: list[Rep],
        session: Session | None,
        progress: object,
    ) -> None:
        """The one export routine of the core (``core.export.run``), as the CLI runs it."""
        from oneonone.core.export.files import ExportError
        from oneonone.core.export.run import export_sessions
        from oneonone.screens.export_sessions import ExportProgressScreen

        hub = self.hub
        app, store = hub.app, hub.store

        def advance(done: int, total: int) -> None:
            if isinstance(progress, ExportProgressScreen):
                app.call_from_thread(progress.advance, done, total)

        try:
            written = export_sessions(
                store,
                reps,
                path,
                include_private=private,
                session=session,
                progress=advance,
                settings=hub.team.settings,
            )
        except (ExportError, StoreError) as exc:
            app.call_from_thread(self._export_done, progress, str(exc), True)
        else:
            done = (
                f"Exported to {written.target}"
                if len(reps) == 1
                else f"Exported {written.files} files to {path}"
            )
            app.call_from_thread(self._export_done, progress, done, False)

    def _export_done(self, progress: object, message: str, failed: bool) -> None:
        app = self.hub.app
        if progress is not None and app.screen is progress:
            app.pop_screen()
        if failed:
            self.hub.show_error(message)
        else:
            app.notify(message, markup=False, timeout=6)

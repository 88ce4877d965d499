"""Export session logs from the app: one session, a rep's sessions, or everyone's, with progress."""

from __future__ import annotations

from pathlib import Path

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Checkbox, ProgressBar, Static

from oneonone.core.errors import FieldError
from oneonone.screens.form import FormScreen
from oneonone.widgets.field import Field
from oneonone.widgets.footer import KeyFooter
from oneonone.widgets.text import plain


class SessionsExportForm(FormScreen[tuple[Path, bool]]):
    """Where to write, and whether private notes go too (they do not, unless asked)."""

    def __init__(self, default: Path, what: str, *, folder: bool = False) -> None:
        super().__init__(classes="dialog-screen")
        self.default = default
        self.what = what
        self.folder = folder

    def initial_values(self) -> dict[str, str]:
        """The default path."""
        return {"path": str(self.default)}

    def compose(self) -> ComposeResult:
        """The title, the path field, the private notes choice and the form's keys."""
        kind = "Folder (one file per rep)" if self.folder else "File"
        with Vertical(classes="dialog form"):
            yield Static(plain(f"Export {self.what} to Markdown", "bold"), classes="dialog-title")
            yield Field(
                kind,
                name="path",
                value=str(self.default),
                hint="Files are private (0600). ~ means your home folder.",
            )
            yield Checkbox("Include private notes", value=False, id="private")
            yield Static("ctrl+s export · Esc cancel", classes="dialog-hint")
        yield KeyFooter()

    def build(self) -> tuple[Path, bool]:
        """The path typed and whether private notes go too; a ``FieldError`` if the path is
        wrong."""
        raw = self.current_values()["path"].strip()
        if not raw:
            raise FieldError("path", "Give a file name." if not self.folder else "Give a folder.")
        path = Path(raw).expanduser()
        if not self.folder and path.is_dir():
            raise FieldError("path", f"{path} is a folder: add a file name.")
        if self.folder and path.exists() and not path.is_dir():
            raise FieldError("path", f"{path} is a file: give a folder.")
        return path, self.query_one("#private", Checkbox).value


class ExportProgressScreen(ModalScreen[None]):
    """Shown while a long export runs in a worker; closes itself when done."""

    def __init__(self, what: str, total: int) -> None:
        super().__init__(classes="dialog-screen")
        self.what = what
        self.total = total

    def compose(self) -> ComposeResult:
        """The title, the progress bar and the count of reps done."""
        with Vertical(classes="dialog"):
            yield Static(plain(f"Exporting {self.what}…", "bold"), classes="dialog-title")
            yield ProgressBar(total=self.total, id="progress")
            yield Static("", id="progress-note", classes="dialog-hint")
        yield KeyFooter()

    def advance(self, done: int, total: int) -> None:
        """``done`` of ``total`` reps exported."""
        self.query_one(ProgressBar).update(progress=done, total=total)
        self.query_one("#progress-note", Static).update(plain(f"{done} of {total} reps"))

"""Dialogs of the agreement screen: pick a part, agree a draft, compare versions, export."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Protocol, TypeVar

import pendulum
from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from oneonone import actions
from oneonone.core import agreements as rules
from oneonone.core.agreements import PartDiff
from oneonone.core.dates import DateInputError, parse_user_date
from oneonone.core.errors import FieldError
from oneonone.core.model import Agreement, TeamAgreement
from oneonone.screens.agreement_parts import PART_TITLES
from oneonone.screens.form import FormScreen
from oneonone.widgets.field import Field
from oneonone.widgets.footer import KeyFooter
from oneonone.widgets.text import plain, visible


class Version(Protocol):
    """A version of an agreement, a rep's or the team's."""

    @property
    def id(self) -> str:
        """The record's id."""
        ...

    @property
    def version(self) -> int:
        """Its number: 1, 2, ..."""
        ...


V = TypeVar("V", bound=Version)

FIRST_VERSION = "This is the first version: mark another (m) to compare with."


def pair_to_compare(versions: Sequence[V], chosen: V, marked_id: str | None) -> tuple[V, V] | None:
    """The (older, newer) pair that compare shows: ``chosen`` against the marked version, else
    against the one before it; None for the first version with nothing marked."""
    marked = next((a for a in versions if a.id == marked_id), None)
    if marked is None or marked.id == chosen.id:
        index = list(versions).index(chosen)
        if index == 0:
            return None
        marked = versions[index - 1]
    old, new = sorted((marked, chosen), key=lambda a: a.version)
    return old, new


class PartPickerScreen(ModalScreen[int | None]):
    """Which part to edit: arrows and Enter, or the part's number."""

    USER_ACTIONS = actions.PART_PICKER_ACTIONS
    BINDINGS = actions.bindings(actions.PART_PICKER_ACTIONS)

    def __init__(
        self, parts: tuple[int, ...], heading: str, *, titles: Mapping[int, str] | None = None
    ) -> None:
        """``titles``: each part's title by number (default: the rep agreement's five)."""
        super().__init__(classes="dialog-screen")
        self.parts = parts
        self.heading = heading
        self.titles = titles if titles is not None else PART_TITLES

    def compose(self) -> ComposeResult:
        """The title and the list of parts."""
        with Vertical(classes="dialog"):
            yield Static(
                plain(f"Edit which part? · {self.heading}", "bold"), classes="dialog-title"
            )
            yield OptionList(
                *[Option(plain(f"{n}. {self.titles[n]}"), id=str(n)) for n in self.parts],
                id="parts",
            )
            numbers = [n for n in self.parts if n <= 9]  # the number keys bound: 1 to 9
            keys = f"1–{max(numbers)} or Enter" if numbers else "Enter"
            yield Static(f"{keys} · Esc cancel", classes="dialog-hint")
        yield KeyFooter()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        """The chosen part's number."""
        event.stop()
        self.dismiss(int(event.option.id or 0))

    def action_pick(self, n: int) -> None:
        """The part numbered ``n``, if there is one."""
        if n in self.parts:
            self.dismiss(n)

    def action_dismiss_none(self) -> None:
        """Closed with no part chosen."""
        self.dismiss(None)

    def action_cursor_down(self) -> None:
        """The next part in the list."""
        self.query_one(OptionList).action_cursor_down()

    def action_cursor_up(self) -> None:
        """The previous part in the list."""
        self.query_one(OptionList).action_cursor_up()


def describe(a: Agreement | TeamAgreement) -> str:
    """A version in words: "v2 (agreed 2026-10-01)" or "v3 (draft)"."""
    return f"v{a.version} ({'agreed ' + str(a.agreed_on) if a.is_agreed else 'draft'})"


def diff_text(
    old: Agreement | TeamAgreement,
    new: Agreement | TeamAgreement,
    parts: list[PartDiff] | None = None,
) -> Text:
    """What changed from ``old`` to ``new``, part by part, as text to show (``parts``: the
    diff already made, for a team agreement; else a rep agreement's)."""
    text = Text()
    if parts is None:
        assert isinstance(old, Agreement) and isinstance(new, Agreement)
        parts = rules.diff(old, new)
    if not parts:
        text.append(f"No differences between {describe(old)} and {describe(new)}.", style="dim")
        return text
    for part in parts:
        text.append(f"{visible(part.title)}\n", style="bold underline")
        for change in part.changes:
            for line in change.old:
                text.append(f"  - {visible(line)}\n", style="red")
            for line in change.new:
                text.append(f"  + {visible(line)}\n", style="green")
            if change.kind == "changed":
                text.append("    (changed)\n", style="dim")
        text.append("\n")
    return text


class DiffScreen(ModalScreen[None]):
    """The differences between two versions of an agreement."""

    USER_ACTIONS = actions.DIFF_ACTIONS
    BINDINGS = actions.bindings(actions.DIFF_ACTIONS)

    def __init__(
        self,
        old: Agreement | TeamAgreement,
        new: Agreement | TeamAgreement,
        rep_name: str,
        *,
        parts: list[PartDiff] | None = None,
    ) -> None:
        """``rep_name`` heads the title ("The team" for the team's); ``parts``: see
        ``diff_text``."""
        super().__init__(classes="dialog-screen")
        self.old, self.new, self.rep_name = old, new, rep_name
        self.parts = parts

    def compose(self) -> ComposeResult:
        """The title and the scrolling differences."""
        with Vertical(classes="dialog wide"):
            title = f"{self.rep_name}: {describe(self.old)} → {describe(self.new)}"
            yield Static(plain(title, "bold"), classes="dialog-title")
            with VerticalScroll(id="diff-body"):
                yield Static(diff_text(self.old, self.new, self.parts), id="diff")
            yield Static("- removed · + added · Esc close", classes="dialog-hint")
        yield KeyFooter()

    def action_close(self) -> None:
        """Closed."""
        self.dismiss(None)

    def action_scroll(self, step: int) -> None:
        """The differences scrolled by ``step`` lines."""
        body = self.query_one("#diff-body", VerticalScroll)
        body.scroll_relative(y=step, animate=False)


class ExportScreen(FormScreen[Path]):
    """Where to export an agreement version: a file path, a default offered."""

    def __init__(self, default: Path, what: str) -> None:
        super().__init__(classes="dialog-screen")
        self.default = default
        self.what = what

    def initial_values(self) -> dict[str, str]:
        """The default path."""
        return {"path": str(self.default)}

    def compose(self) -> ComposeResult:
        """The title, the path field and the form's keys."""
        with Vertical(classes="dialog form"):
            yield Static(plain(f"Export {self.what} to Markdown", "bold"), classes="dialog-title")
            yield Field(
                "File",
                name="path",
                value=str(self.default),
                hint="The file is private (0600). ~ means your home folder.",
            )
            yield Static("Enter / ctrl+s export · Esc cancel", classes="dialog-hint")
        yield KeyFooter()

    def build(self) -> Path:
        """The path typed, as a file (nothing typed, or a folder, is refused)."""
        raw = self.current_values()["path"].strip()
        if not raw:
            raise FieldError("path", "Give a file name.")
        path = Path(raw).expanduser()
        if path.is_dir():
            raise FieldError("path", f"{path} is a folder: add a file name.")
        return path


class AcknowledgeScreen(FormScreen[Agreement]):
    """When and how the rep acknowledged an agreed version (in person, by e-mail...): the
    result is the version with its acknowledgement recorded."""

    def __init__(self, agreed: Agreement, rep_name: str, *, today: pendulum.Date) -> None:
        super().__init__(classes="dialog-screen")
        self.agreed = agreed
        self.rep_name = rep_name
        self.today = today
        self._on = (agreed.acknowledged_on or today).isoformat()
        self._how = agreed.acknowledged_how or rules.ACKNOWLEDGED_HOW[0]

    def initial_values(self) -> dict[str, str]:
        """The day (today, or the one recorded) and how (in person, or as recorded)."""
        return {"acknowledged_on": self._on, "acknowledged_how": self._how}

    def compose(self) -> ComposeResult:
        """The title, what was agreed when, the two fields and the keys."""
        first = self.rep_name.split()[0] if self.rep_name.split() else "the rep"
        with Vertical(classes="dialog form"):
            yield Static(
                plain(f"{first} acknowledged version {self.agreed.version}", "bold"),
                classes="dialog-title",
            )
            yield Static(
                plain(f"Agreed on {self.agreed.agreed_on}. When and how did {first} say yes?"),
                classes="dialog-body",
            )
            yield Field(
                "On",
                name="acknowledged_on",
                value=self._on,
                hint="2027-01-15, today, yesterday",
            )
            yield Field(
                "How",
                name="acknowledged_how",
                value=self._how,
                hint=", ".join(rules.ACKNOWLEDGED_HOW),
                max_length=80,
            )
            yield Static("Enter / ctrl+s confirm · Esc cancel", classes="dialog-hint")
        yield KeyFooter()

    def build(self) -> Agreement:
        """The version with the acknowledgement, or a FieldError under the field at fault."""
        values = self.current_values()
        try:
            day = parse_user_date(values["acknowledged_on"], self.today)
        except DateInputError as exc:
            raise FieldError("acknowledged_on", str(exc)) from None
        return rules.acknowledge(self.agreed, day, values["acknowledged_how"])

"""The roster list: one row per rep, keyed by the rep's id.

When every column does not fit (80 columns: the agreement, the widest, was past the right
edge), the table keeps what a manager acts on: name, status, agreement, then the role; the start
date and the tenure are left out (they are in the rep's form).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import pendulum
from rich.cells import cell_len
from rich.text import Text
from textual import events
from textual.widgets import DataTable

from oneonone import actions
from oneonone.core.model import Rep, RepStatus
from oneonone.core.roster import tenure
from oneonone.widgets.text import one_line, plain


class RepTable(DataTable[Text]):
    """The roster's list: one row per rep, keyed by the rep's id."""

    # Enter opens the agreement (the screen handles RowSelected); shown with its label.
    BINDINGS = actions.bindings(actions.REP_TABLE_ACTIONS)

    #: Every column, in order: its key and its title.
    COLUMNS = {
        "name": "Name",
        "role": "Role",
        "start": "Start date",
        "status": "Status",
        "tenure": "Tenure",
        "agreement": "Agreement",
    }
    #: The columns kept when they do not all fit.
    NARROW = ("name", "status", "agreement", "role")

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id, cursor_type="row", zebra_stripes=True)
        self._shown: tuple[Sequence[Rep], pendulum.Date, Mapping[str, str]] | None = None
        self._columns: tuple[str, ...] = ()

    def on_mount(self) -> None:
        """The columns set up."""
        self._set_columns(tuple(self.COLUMNS))

    def _set_columns(self, keys: tuple[str, ...]) -> None:
        if keys == self._columns:
            return
        self.clear(columns=True)
        for key in keys:
            self.add_column(plain(self.COLUMNS[key]), key=key)
        self._columns = keys

    def on_resize(self, event: events.Resize) -> None:
        """The rows laid out again for the new width (fewer columns when narrow)."""
        if self._shown is not None:
            self.show(*self._shown)

    def _fits(self, rows: list[dict[str, Text]]) -> bool:
        """Whether every column fits the width the table has (its cells padded by one)."""
        width = self.scrollable_content_region.width or self.app.size.width - 4
        need = sum(
            max([len(title), *(cell_len(row[key].plain) for row in rows)]) + 2
            for key, title in self.COLUMNS.items()
        )
        return need <= width

    @staticmethod
    def _agreement_style(label: str) -> str:
        if label == "none yet" or "overdue" in label:
            return "bold $warning"
        return ""

    @property
    def selected_id(self) -> str | None:
        """The id of the rep under the cursor, or None if the list is empty."""
        if self.row_count == 0:
            return None
        row_key, _ = self.coordinate_to_cell_key(self.cursor_coordinate)
        return row_key.value

    def show(
        self,
        reps: Sequence[Rep],
        today: pendulum.Date,
        agreements: Mapping[str, str],
        *,
        keep: str | None = None,
    ) -> None:
        """Replace the rows, keeping the cursor on ``keep`` (or the same rep) if still listed;
        the columns that fit the width (``NARROW`` when not all do)."""
        self._shown = (reps, today, agreements)
        keep = keep or self.selected_id
        rows = []
        for rep in reps:
            dim = "dim" if rep.status is RepStatus.DEPARTED else ""
            status_style = "bold" if rep.status is RepStatus.ONBOARDING else dim
            label = agreements.get(rep.id, "")
            rows.append(
                {
                    "name": plain(one_line(rep.name, 40), dim),
                    "role": plain(one_line(rep.role, 30), dim),
                    "start": plain(rep.start_date.isoformat(), dim),
                    "status": plain(rep.status.value, status_style),
                    "tenure": plain(tenure(rep, today), dim),
                    "agreement": plain(label, dim or self._agreement_style(label)),
                }
            )
        self._set_columns(tuple(self.COLUMNS) if self._fits(rows) else self.NARROW)
        self.clear()
        for rep, row in zip(reps, rows, strict=True):
            self.add_row(*(row[key] for key in self._columns), key=rep.id)
        if keep is not None:
            for index, rep in enumerate(reps):
                if rep.id == keep:
                    self.move_cursor(row=index)
                    break

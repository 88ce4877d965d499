"""The roster list: one row per rep, keyed by the rep's id."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import pendulum
from rich.text import Text
from textual.binding import Binding
from textual.widgets import DataTable

from oneonone.actions import OPEN_AGREEMENT, hidden
from oneonone.core.model import Rep, RepStatus
from oneonone.core.roster import tenure
from oneonone.widgets.text import one_line, plain


class RepTable(DataTable[Text]):
    BINDINGS = [
        # Enter opens the agreement (the screen handles RowSelected); shown with its label.
        Binding("enter", "select_cursor", OPEN_AGREEMENT.label),
        hidden("j", "cursor_down"),
        hidden("k", "cursor_up"),
    ]

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id, cursor_type="row", zebra_stripes=True)

    def on_mount(self) -> None:
        self.add_column(plain("Name"), key="name")
        self.add_column(plain("Role"), key="role")
        self.add_column(plain("Start date"), key="start")
        self.add_column(plain("Status"), key="status")
        self.add_column(plain("Tenure"), key="tenure")
        self.add_column(plain("Agreement"), key="agreement")

    @staticmethod
    def _agreement_style(label: str) -> str:
        if label == "none yet" or "overdue" in label:
            return "bold $warning"
        return ""

    @property
    def selected_id(self) -> str | None:
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
        """Replace the rows, keeping the cursor on ``keep`` (or the same rep) if still listed."""
        keep = keep or self.selected_id
        self.clear()
        for rep in reps:
            dim = "dim" if rep.status is RepStatus.DEPARTED else ""
            status_style = "bold" if rep.status is RepStatus.ONBOARDING else dim
            self.add_row(
                plain(one_line(rep.name, 40), dim),
                plain(one_line(rep.role, 30), dim),
                plain(rep.start_date.isoformat(), dim),
                plain(rep.status.value, status_style),
                plain(tenure(rep, today), dim),
                plain(
                    agreements.get(rep.id, ""),
                    dim or self._agreement_style(agreements.get(rep.id, "")),
                ),
                key=rep.id,
            )
        if keep is not None:
            for index, rep in enumerate(reps):
                if rep.id == keep:
                    self.move_cursor(row=index)
                    break

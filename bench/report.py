"""One shape for every benchmark's figures, so that ``run.py`` can print them in one table.

Each benchmark prints its own details and ends with its rows; ``--json FILE`` also writes the
rows for ``run.py``.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from pathlib import Path


@dataclass
class Result:
    figure: str
    value: float  # the median, in ``unit``
    unit: str  # "ms", "s", "MB", "ms/key"...
    floor: float | None = None  # the floor or baseline measured in the same run, same unit
    floor_label: str = ""  # what the floor is, e.g. "minimal app"
    limit: float | None = None  # the target; None: reported only
    on_ratio: bool = False  # the target applies to value/floor rather than to value
    compare: bool = True  # False: the floor is context only, no ratio shown
    note: str = ""

    @property
    def ratio(self) -> float | None:
        return self.value / self.floor if self.floor and self.compare else None

    @property
    def ok(self) -> bool | None:
        if self.limit is None:
            return None
        measured = self.ratio if self.on_ratio else self.value
        return measured is not None and measured <= self.limit

    @property
    def verdict(self) -> str:
        return {None: "-", True: "PASS", False: "MISS"}[self.ok]

    @property
    def target(self) -> str:
        if self.limit is None:
            return "(reported)"
        return f"<= {self.limit:g}x" if self.on_ratio else f"<= {self.limit:.4g} {self.unit}"

    def cells(self) -> list[str]:
        floor = "" if self.floor is None else amount(self.floor, self.unit)
        if floor and self.floor_label:
            floor = f"{floor} ({self.floor_label})"
        ratio = "" if self.ratio is None else f"{self.ratio:.2f}x"
        return [self.figure, amount(self.value, self.unit), floor, ratio, self.target, self.verdict]


HEADERS = ["figure", "median", "floor / baseline", "ratio", "target", ""]


def amount(value: float, unit: str) -> str:
    if unit in ("ms", "ms/key") and value < 10:
        return f"{value:.2f} {unit}"
    if unit in ("ms", "ms/key", "MB"):
        return f"{value:.0f} {unit}" if value >= 100 else f"{value:.1f} {unit}"
    return f"{value:.2f} {unit}" if value < 10 else f"{value:.1f} {unit}"


def table(results: list[Result]) -> str:
    rows = [HEADERS, *(r.cells() for r in results)]
    widths = [max(len(row[i]) for row in rows) for i in range(len(HEADERS))]
    lines = [
        "  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)).rstrip()
        for row in rows
    ]
    lines.insert(1, "  ".join("-" * w for w in widths))
    notes = [f"  {r.figure}: {r.note}" for r in results if r.note]
    return "\n".join(lines + (["notes:", *notes] if notes else []))


def markdown(results: list[Result]) -> str:
    def row(cells: list[str]) -> str:
        return "| " + " | ".join(c.replace("|", "\\|") for c in cells) + " |"

    lines = [row([*HEADERS[:-1], "result"]), row(["---"] * len(HEADERS))]
    lines += [row(r.cells()) for r in results]
    return "\n".join(lines)


def write_json(results: list[Result], path: str | None) -> None:
    if path:
        Path(path).write_text(json.dumps([asdict(r) for r in results], indent=1))


def read_json(path: Path) -> list[Result]:
    return [Result(**row) for row in json.loads(path.read_text())]


def finish(results: list[Result], *, json_path: str | None, strict: bool) -> int:
    """Print the rows, write them for run.py, and give the exit status."""
    print()
    print(table(results))
    write_json(results, json_path)
    return 1 if strict and any(r.ok is False for r in results) else 0

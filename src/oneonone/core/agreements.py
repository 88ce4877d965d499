"""Agreement rules: validation, versions, the team template, review due dates, and the exact
part-by-part diff between two versions.

An agreement version is a draft until it is agreed; once agreed it never changes, and changing
it means a new draft version (v1, v2, ...). Every agreed version has at least one consequence
step, in the rep's own words, in the rep's order.
"""

from __future__ import annotations

import difflib
import math
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, fields, replace
from decimal import Decimal
from typing import Any

import pendulum

from oneonone.core.agreement_parts import LineKind, PartField, all_fields
from oneonone.core.errors import FieldError
from oneonone.core.model import (
    Agreement,
    AgreementState,
    AgreementTemplate,
    CommRule,
    ConsequenceStep,
    Period,
    QuotaLine,
    Rep,
    Urgency,
    new_id,
    utc_now,
)

MAX_LINE = 2000


class AgreementError(FieldError):
    """One problem, with the field it is about (e.g. ``quota_lines`` or ``consequence_steps``)."""


class AgreementProblems(ValueError):
    """Every problem of an agreement at once, one sentence each (``problems``)."""

    def __init__(self, problems: list[AgreementError]) -> None:
        self.problems = problems
        super().__init__(" ".join(str(p) for p in problems))


# --- numbers --------------------------------------------------------------------------------

_NUMBER = re.compile(r"[+-]?(\d{1,3}(,\d{3})+|\d+)(\.\d+)?|[+-]?\.\d+")


def parse_number(text: str, field: str = "number") -> float:
    """A quota number as typed: ``120000``, ``120,000``, ``1,000.5``. Refuses NaN, infinity,
    negatives, exponents and anything ambiguous like ``1,00``."""
    raw = text.strip()
    if not raw:
        raise AgreementError(field, "A quota line needs a number.")
    if not _NUMBER.fullmatch(raw):
        raise AgreementError(field, f"{raw!r} is not a number: write it like 120000 or 120,000.50.")
    value = float(raw.replace(",", ""))
    if not math.isfinite(value) or value > 1e15:
        raise AgreementError(field, f"{raw!r} is too large.")
    if value < 0:
        raise AgreementError(field, "A quota number cannot be negative.")
    return value


def format_number(value: float) -> str:
    """``value`` with thousands separators, without ".0" for a whole number."""
    if value.is_integer() and abs(value) < 1e15:
        return f"{int(value):,}"
    text = f"{value:,}"
    if "e-" in text:  # 1e-05: write it out, since parse_number refuses exponents
        text = f"{Decimal(repr(value)):,f}"
    return text


def quota_text(q: QuotaLine) -> str:
    """A quota line in words: "New ARR — 120,000 USD per quarter"."""
    return f"{q.label} — {format_number(q.number)} {q.unit} per {q.period.value}".replace("  ", " ")


def comm_text(rule: CommRule) -> str:
    """A communication rule in words: how each side reaches the other at that urgency."""
    me = ", ".join(p for p in (rule.manager_channel, rule.manager_response) if p) or "—"
    you = ", ".join(p for p in (rule.rep_channel, rule.rep_response) if p) or "—"
    return f"{rule.urgency.value}: reach me by {me}; I reach you by {you}"


# --- validation -----------------------------------------------------------------------------


def _text_problems(field: str, label: str, lines: Iterable[str]) -> list[AgreementError]:
    problems = []
    for i, line in enumerate(lines, 1):
        if not line.strip():
            problems.append(AgreementError(field, f"{label} line {i} is empty."))
        elif len(line) > MAX_LINE:
            problems.append(AgreementError(field, f"{label} line {i} is too long."))
    return problems


def problems(a: Agreement | AgreementTemplate, *, to_agree: bool = False) -> list[AgreementError]:
    """Everything that keeps ``a`` from being saved (or agreed, with ``to_agree``)."""
    found: list[AgreementError] = []
    for i, q in enumerate(a.quota_lines, 1):
        if not q.label.strip():
            found.append(AgreementError("quota_lines", f"Quota line {i} needs a name."))
        if not math.isfinite(q.number) or q.number < 0:
            found.append(AgreementError("quota_lines", f"Quota line {i} needs a number."))
        if not q.unit.strip():
            found.append(AgreementError("quota_lines", f"Quota line {i} needs a unit."))
    found += _text_problems("activity", "Activity", a.activity)
    found += _text_problems("conduct", "Conduct", a.conduct)
    found += _text_problems("manager_commitments", "Commitment", a.manager_commitments)
    if isinstance(a, Agreement):
        found += _text_problems("rep_requests", "Request", a.rep_requests)
        steps = [s.text for s in a.consequence_steps]
        found += _text_problems("consequence_steps", "Consequence step", steps)
        if to_agree and not a.consequence_steps:
            found.append(
                AgreementError(
                    "consequence_steps",
                    "An agreement needs at least one consequence step, in the rep's own words: "
                    'ask "What do you want me to do if you don\'t hold up your end?"',
                )
            )
    return found


def check(a: Agreement | AgreementTemplate, *, to_agree: bool = False) -> None:
    """Raise ``AgreementProblems`` if ``a`` has any problem (``to_agree``: those that block agreeing
    too)."""
    found = problems(a, to_agree=to_agree)
    if found:
        raise AgreementProblems(found)


# --- versions -------------------------------------------------------------------------------


def versions(agreements: Iterable[Agreement], rep_id: str) -> list[Agreement]:
    """A rep's versions, oldest first."""
    return sorted((a for a in agreements if a.rep_id == rep_id), key=lambda a: a.version)


def latest_agreed(agreements: Iterable[Agreement], rep_id: str) -> Agreement | None:
    """The rep's latest agreed version, or None."""
    agreed = [a for a in versions(agreements, rep_id) if a.is_agreed]
    return agreed[-1] if agreed else None


def current_documents(docs: Iterable[dict[str, Any]]) -> list[dict[str, Any]]:
    """Out of stored agreement documents, each rep's current ones: the latest agreed version
    and any newer draft (what ``latest_agreed`` and ``open_draft`` look at), without decoding
    the years of versions before. A document too damaged to tell is kept, so that decoding it
    says what is wrong."""
    by_rep: dict[object, list[dict[str, Any]]] = {}
    kept: list[dict[str, Any]] = []
    for doc in docs:
        version = doc.get("version")
        if isinstance(version, int) and not isinstance(version, bool):
            by_rep.setdefault(doc.get("rep_id"), []).append(doc)
        else:
            kept.append(doc)
    for mine in by_rep.values():
        agreed = [d["version"] for d in mine if d.get("state") == AgreementState.AGREED.value]
        floor = max(agreed, default=0)
        kept += [d for d in mine if d["version"] >= floor]
    return kept


def open_draft(agreements: Iterable[Agreement], rep_id: str) -> Agreement | None:
    """The rep's latest draft version, or None."""
    drafts = [a for a in versions(agreements, rep_id) if not a.is_agreed]
    return drafts[-1] if drafts else None


_TEMPLATED = [f.name for f in fields(AgreementTemplate) if f.name != "id"]


def _copy_lists(a: Agreement) -> Agreement:
    """A deep-enough copy: new lists, new line ids are kept so diffs can follow lines."""
    return replace(
        a,
        quota_lines=[replace(q) for q in a.quota_lines],
        activity=list(a.activity),
        conduct=list(a.conduct),
        manager_commitments=list(a.manager_commitments),
        rep_requests=list(a.rep_requests),
        comm_rules=[replace(c) for c in a.comm_rules],
        consequence_steps=[replace(s) for s in a.consequence_steps],
    )


def default_comm_rules() -> list[CommRule]:
    """One empty communication rule per urgency."""
    return [CommRule(urgency=u) for u in Urgency]


def start_agreement(
    rep: Rep, existing: Sequence[Agreement], template: AgreementTemplate, manager_name: str
) -> Agreement:
    """The draft to edit for ``rep``: their open draft if any; else a new version copied from
    the latest agreed one; else v1 from the team template."""
    draft = open_draft(existing, rep.id)
    if draft is not None:
        return draft
    last = latest_agreed(existing, rep.id)
    if last is not None:
        return revise(last)
    a = Agreement(rep_id=rep.id, version=1, manager_name=manager_name)
    for name in _TEMPLATED:
        value = getattr(template, name)
        if isinstance(value, list):
            value = [replace(v) if hasattr(v, "__dataclass_fields__") else v for v in value]
        setattr(a, name, value)
    for q in a.quota_lines:
        q.id = new_id()
    if not a.comm_rules:
        a.comm_rules = default_comm_rules()
    return a


def revise(agreed: Agreement) -> Agreement:
    """A new draft version with the same content as ``agreed``."""
    copy = _copy_lists(agreed)
    return replace(
        copy,
        id=new_id(),
        version=agreed.version + 1,
        state=AgreementState.DRAFT,
        agreed_on=None,
        next_review=None,
        inherited=False,
        superseded=False,
        acknowledged_on=None,
        acknowledged_how="",
        created_at=utc_now(),
    )


#: How a rep acknowledges an agreed version, as offered in the app (any other words are kept).
ACKNOWLEDGED_HOW = ("in person", "by e-mail", "signed on paper")


def acknowledge(agreed: Agreement, on: pendulum.Date, how: str) -> Agreement:
    """``agreed`` with the rep's acknowledgement: the day (not before it was agreed) and how
    ("in person", "by e-mail"...). Only an agreed version is acknowledged; doing it again
    replaces the record (a later e-mail confirming a talk)."""
    if not agreed.is_agreed:
        raise FieldError("acknowledged_on", "Only an agreed version can be acknowledged.")
    if agreed.agreed_on is not None and on < agreed.agreed_on:
        raise FieldError(
            "acknowledged_on",
            f"Version {agreed.version} was agreed on {agreed.agreed_on}; "
            "it cannot be acknowledged before that.",
        )
    cleaned = " ".join(how.split())
    if not cleaned:
        raise FieldError("acknowledged_how", "Say how the rep acknowledged it, e.g. in person.")
    if len(cleaned) > 80:
        raise FieldError("acknowledged_how", "Too long: at most 80 characters.")
    return replace(_copy_lists(agreed), acknowledged_on=on, acknowledged_how=cleaned)


def superseded_by(agreements: Iterable[Agreement], agreed: Agreement) -> list[Agreement]:
    """The rep's earlier agreed versions that ``agreed`` supersedes, marked so (copies), to
    save with it: they leave the start-up path for the rep's history."""
    return [
        replace(a, superseded=True)
        for a in agreements
        if a.rep_id == agreed.rep_id
        and a.is_agreed
        and a.version < agreed.version
        and not a.superseded
    ]


def assert_editable(a: Agreement) -> None:
    """Raise ``AgreementError`` if ``a`` is agreed: an agreed version is never changed."""
    if a.is_agreed:
        raise AgreementError(
            "state",
            f"Version {a.version} was agreed on {a.agreed_on} and cannot change; "
            "editing it starts a new version.",
        )


def agree(
    draft: Agreement,
    on: pendulum.Date,
    manager_name: str,
    *,
    today: pendulum.Date | None = None,
) -> Agreement:
    """Make ``draft`` the agreed version, dated ``on``; the next review is one quarter later.
    Not after ``today`` (when given): a version agreed next March would be in force now."""
    assert_editable(draft)
    refuse_future(on, today)
    check(draft, to_agree=True)
    return replace(
        _copy_lists(draft),
        state=AgreementState.AGREED,
        agreed_on=on,
        manager_name=manager_name or draft.manager_name,
        next_review=quarter_after(on),
    )


def refuse_future(on: pendulum.Date, today: pendulum.Date | None) -> None:
    """An ``AgreementError`` on ``agreed_on`` when ``on`` is after ``today`` (when given)."""
    if today is not None and on > today:
        raise AgreementError(
            "agreed_on",
            f"{on} is after today ({today}): an agreement is dated the day it was agreed.",
        )


def template_from(a: Agreement) -> AgreementTemplate:
    """A team template holding ``a``'s parts that a template has."""
    t = AgreementTemplate()
    copy = _copy_lists(a)
    for name in _TEMPLATED:
        setattr(t, name, getattr(copy, name))
    return t


# --- review due dates -----------------------------------------------------------------------


def quarter_after(day: pendulum.Date, quarters: int = 1) -> pendulum.Date:
    """``day`` plus 3·n months in one step (never chained, so it never drifts)."""
    return day.add(months=3 * quarters)


def review_due(agreements: Iterable[Agreement], rep_id: str) -> pendulum.Date | None:
    """When the rep's agreement is due for review: None if there is no agreed version (due
    now: there is nothing to review, it has to be written)."""
    last = latest_agreed(agreements, rep_id)
    if last is None or last.agreed_on is None:
        return None
    return last.next_review or quarter_after(last.agreed_on)


def due_for_review(agreements: Iterable[Agreement], rep_id: str, today: pendulum.Date) -> bool:
    """No agreement at all, or the last one agreed more than one quarter ago."""
    due = review_due(list(agreements), rep_id)
    return due is None or today > due


# --- diff -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Part:
    """One part of an agreement for the diff: its key, title, and its lines in words."""

    key: str
    title: str
    lines: Callable[[Agreement], list[str]]


def _one(text: str) -> list[str]:
    return [text] if text else []


def _field_lines(f: PartField) -> Callable[[Agreement], list[str]]:
    """A field's lines for the diff, as one line of text each."""
    name = f.name
    if f.kind is LineKind.QUOTA:
        return lambda a: [quota_text(q) for q in a.quota_lines]
    if f.kind is LineKind.CHANNELS:
        return lambda a: [comm_text(c) for c in a.comm_rules]
    if f.kind is LineKind.STEPS:
        return lambda a: [s.text for s in a.consequence_steps]
    if f.kind is LineKind.TEXT:
        return lambda a: _one(getattr(a, name))
    return lambda a: list(getattr(a, name))


PARTS: tuple[Part, ...] = tuple(Part(f.name, f.title, _field_lines(f)) for f in all_fields())


@dataclass(frozen=True)
class Change:
    """One hunk: ``old`` lines at ``at`` (in the old version) became ``new`` lines."""

    kind: str  # "added", "removed" or "changed"
    at: int
    old: tuple[str, ...]
    new: tuple[str, ...]


@dataclass(frozen=True)
class PartDiff:
    """What changed in one part between two versions."""

    key: str
    title: str
    changes: tuple[Change, ...]


def part_lines(a: Agreement) -> dict[str, list[str]]:
    """Each part's lines in words, by part key."""
    return {p.key: p.lines(a) for p in PARTS}


def diff_lines(old: Sequence[str], new: Sequence[str]) -> tuple[Change, ...]:
    """The lines added, removed and changed from ``old`` to ``new``, in order."""
    matcher = difflib.SequenceMatcher(a=list(old), b=list(new), autojunk=False)
    kinds = {"insert": "added", "delete": "removed", "replace": "changed"}
    return tuple(
        Change(kinds[tag], i1, tuple(old[i1:i2]), tuple(new[j1:j2]))
        for tag, i1, i2, j1, j2 in matcher.get_opcodes()
        if tag != "equal"
    )


def diff(old: Agreement, new: Agreement) -> list[PartDiff]:
    """What changed from ``old`` to ``new``, part by part; parts without change are left out."""
    before, after = part_lines(old), part_lines(new)
    result = []
    for p in PARTS:
        changes = diff_lines(before[p.key], after[p.key])
        if changes:
            result.append(PartDiff(p.key, p.title, changes))
    return result


def apply_changes(old: Sequence[str], changes: Sequence[Change]) -> list[str]:
    """Rebuild the new lines from the old ones and a diff (the diff is exact)."""
    out: list[str] = []
    pos = 0
    for c in changes:
        out.extend(old[pos : c.at])
        if list(old[c.at : c.at + len(c.old)]) != list(c.old):
            raise ValueError("diff does not fit these lines")
        out.extend(c.new)
        pos = c.at + len(c.old)
    out.extend(old[pos:])
    return out


__all__ = [
    "ACKNOWLEDGED_HOW",
    "PARTS",
    "AgreementError",
    "AgreementProblems",
    "Change",
    "ConsequenceStep",
    "Part",
    "PartDiff",
    "Period",
    "acknowledge",
    "agree",
    "apply_changes",
    "assert_editable",
    "check",
    "diff",
    "due_for_review",
    "format_number",
    "parse_number",
    "problems",
    "refuse_future",
    "review_due",
    "revise",
    "start_agreement",
    "template_from",
    "versions",
]

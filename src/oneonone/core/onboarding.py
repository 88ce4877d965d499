"""Two-week onboarding plans (habit 6 of DOMAIN.md): a new rep's first ten working days, hour
by hour, with the two-hour expectations conversation in week one.

A plan is generated from the manager's template (``OnboardingTemplate``): each template item
names a working day (1..10), a start time, a length and a title. Day 1 is the rep's start
date, or the next working day if the rep starts on a day off; later days skip days off
(``TeamSettings.work_days``, Monday = 0).

Times are wall-clock times in the manager's timezone (``TeamSettings.timezone``): each item's
start and end are built with ``pendulum.datetime(..., tz=...)`` on its own day, so a plan that
spans a DST change keeps 10:00 at 10:00 and carries the offset of that day (a wall time that a
DST change skips, which working hours practically never hold, moves forward, as pendulum does).

An item outside the team's working hours (``work_start``..``work_end``) is refused, not
clamped: shortening a two-hour conversation to fit would silently change the plan, so the
manager is told which item to fix instead.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import replace

import pendulum

from oneonone.core.errors import FieldError
from oneonone.core.model import (
    OnboardingItem,
    OnboardingTemplate,
    PlanTemplateItem,
    Rep,
    TeamSettings,
)
from oneonone.core.store import Store

PLAN_DAYS = 10
MAX_TITLE = 200
ONBOARDING_WEEKS = 2
_HHMM = re.compile(r"(\d{1,2}):(\d{2})")


class OnboardingError(FieldError):
    """``field`` is a ``PlanTemplateItem`` field (``day``, ``start``, ``minutes``, ``title``,
    ``is_expectations_conversation``), a ``TeamSettings`` field (``work_days``,
    ``work_start``, ``work_end``, ``timezone``), or ``done_at``."""


#: A plan item whose title says so is one the manager attends (the default plan's "... with
#: your manager" and its first one-on-one): what the calendar holds without ``--all``.
_WITH_MANAGER = re.compile(r"\bmanager\b|\bone-on-one\b|\b1:1\b", re.IGNORECASE)


def manager_attends(item: OnboardingItem) -> bool:
    """Whether the manager is in ``item``: the expectations conversation, or an item whose
    title names the manager or a one-on-one."""
    return item.is_expectations_conversation or bool(_WITH_MANAGER.search(item.title))


# --- the default template -------------------------------------------------------------------

_DEFAULT: tuple[tuple[int, str, int, str], ...] = (
    (1, "09:00", 60, "Welcome: meet the team"),
    (1, "10:00", 60, "Set up laptop, email, phone and calendar"),
    (1, "11:00", 60, "CRM setup and walkthrough"),
    (1, "13:00", 90, "Our mission, values and how we sell with integrity"),
    (1, "14:30", 90, "Product overview: what we sell and why customers buy"),
    (1, "16:00", 60, "Day-one wrap-up with your manager"),
    (2, "09:00", 30, "Team stand-up"),
    (2, "09:30", 120, "Product training: the core platform"),
    (2, "13:00", 120, "Shadow calls with a senior rep"),
    (2, "15:00", 60, "Ideal customer profile and buyer personas"),
    (2, "16:00", 60, "Read five customer stories"),
    (3, "09:00", 30, "Team stand-up"),
    (3, "10:00", 120, "Expectations conversation with your manager"),
    (3, "13:00", 90, "Product training: integrations and pricing"),
    (3, "14:30", 90, "Shadow discovery calls"),
    (3, "16:00", 60, "Write up what you heard on today's calls"),
    (4, "09:00", 30, "Team stand-up"),
    (4, "09:30", 90, "Our sales process, stage by stage"),
    (4, "11:00", 60, "Pipeline hygiene in the CRM"),
    (4, "13:00", 120, "Shadow product demos"),
    (4, "15:00", 120, "Objection-handling workshop"),
    (5, "09:00", 30, "Team stand-up"),
    (5, "09:30", 90, "The competition and how we win"),
    (5, "11:00", 60, "Role-play: a first discovery call"),
    (5, "13:00", 90, "Shadow calls"),
    (5, "14:30", 60, "Week-one review with your manager"),
    (5, "15:30", 90, "Build your first target-account list"),
    (6, "09:00", 30, "Team stand-up"),
    (6, "09:30", 120, "Prospecting block: first outreach"),
    (6, "13:00", 60, "Call and email scripts review"),
    (6, "14:00", 120, "First discovery calls, a senior rep listening"),
    (6, "16:00", 60, "Call review with your manager"),
    (7, "09:00", 30, "Team stand-up"),
    (7, "09:30", 120, "Prospecting block"),
    (7, "13:00", 90, "Demo practice"),
    (7, "14:30", 120, "Discovery calls"),
    (8, "09:00", 30, "Team stand-up"),
    (8, "09:30", 90, "Demo certification with your manager"),
    (8, "11:00", 60, "Forecasting and deal reviews"),
    (8, "13:00", 180, "Discovery calls and follow-ups"),
    (8, "16:00", 60, "Pipeline review with your manager"),
    (9, "09:00", 30, "Team stand-up"),
    (9, "09:30", 150, "Prospecting block"),
    (9, "13:00", 120, "Discovery calls"),
    (9, "15:00", 60, "Shadow a negotiation call"),
    (9, "16:00", 60, "CRM notes and next steps"),
    (10, "09:00", 30, "Team stand-up"),
    (10, "09:30", 90, "Pipeline review: your first opportunities"),
    (10, "11:00", 60, "Your activity numbers against the agreement"),
    (10, "13:00", 120, "Discovery calls"),
    (10, "15:00", 90, "Two-week review and first regular one-on-one"),
)


def default_template() -> OnboardingTemplate:
    """Ten working days, 09:00 to 17:00, with the expectations conversation on day 3."""
    return OnboardingTemplate(
        items=[
            PlanTemplateItem(
                day=day,
                start=start,
                minutes=minutes,
                title=title,
                is_expectations_conversation=title.startswith("Expectations conversation"),
            )
            for day, start, minutes, title in _DEFAULT
        ]
    )


def load_template(store: Store) -> OnboardingTemplate:
    """The manager's template, or the default one if none was saved."""
    return store.get(OnboardingTemplate, "team") or default_template()


# --- validation -----------------------------------------------------------------------------


def parse_hhmm(text: str, field: str = "start") -> int:
    """Minutes after midnight of "HH:MM" (or "H:MM"), 00:00 to 23:59."""
    raw = text.strip()
    m = _HHMM.fullmatch(raw)
    if m is None or int(m.group(1)) > 23 or int(m.group(2)) > 59:
        raise OnboardingError(field, f"{raw!r} is not a time: write it like 09:30 or 14:00.")
    return int(m.group(1)) * 60 + int(m.group(2))


def format_hhmm(minutes: int) -> str:
    """``minutes`` since midnight as "HH:MM"."""
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


def working_hours(settings: TeamSettings) -> tuple[int, int]:
    """(start, end) of the team's working day, in minutes after midnight."""
    start = parse_hhmm(settings.work_start, "work_start")
    end = parse_hhmm(settings.work_end, "work_end")
    if end <= start:
        raise OnboardingError(
            "work_end",
            f"The working day ends ({settings.work_end}) before it starts ({settings.work_start}).",
        )
    return start, end


def _label(item: PlanTemplateItem) -> str:
    return f"Day {item.day}, {item.start.strip() or '?'}"


def check_item(item: PlanTemplateItem, settings: TeamSettings | None = None) -> None:
    """Raise ``OnboardingError`` for a day out of 1..10, a bad "HH:MM", minutes <= 0, an empty
    or over-long title, or (with ``settings``) an item outside the working hours."""
    if isinstance(item.day, bool) or not 1 <= item.day <= PLAN_DAYS:
        raise OnboardingError(
            "day", f"The day is a working day number from 1 to {PLAN_DAYS}, not {item.day}."
        )
    start = parse_hhmm(item.start, "start")
    if isinstance(item.minutes, bool) or item.minutes <= 0:
        raise OnboardingError("minutes", f"{_label(item)}: the length must be at least 1 minute.")
    title = item.title.strip()
    if not title:
        raise OnboardingError("title", f"{_label(item)}: the item needs a title.")
    if len(title) > MAX_TITLE:
        raise OnboardingError(
            "title", f"{_label(item)}: the title is too long (at most {MAX_TITLE} characters)."
        )
    if any(unicodedata.category(c) in ("Cc", "Cs") for c in title):
        raise OnboardingError("title", f"{_label(item)}: the title has control characters.")
    end = start + item.minutes
    if settings is None:
        if end > 24 * 60:
            raise OnboardingError("minutes", f"{_label(item)}: the item runs past midnight.")
        return
    day_start, day_end = working_hours(settings)
    hours = f"{settings.work_start.strip()}–{settings.work_end.strip()}"
    if start < day_start:
        raise OnboardingError(
            "start", f"{_label(item)}: starts before the working day ({hours}); move it later."
        )
    if end > day_end:
        raise OnboardingError(
            "minutes",
            f"{_label(item)}: '{title}' ends at {format_hhmm(end)}, after the working day "
            f"({hours}); start it earlier or shorten it.",
        )


def build_item(
    day: str | int,
    start: str,
    minutes: str | int,
    title: str,
    *,
    is_expectations_conversation: bool = False,
    settings: TeamSettings | None = None,
) -> PlanTemplateItem:
    """A template item from what a form holds (numbers may be typed text), checked."""

    def whole(value: str | int, field: str, what: str) -> int:
        if isinstance(value, int):
            return value
        text = value.strip()
        if not text.isdigit() or not text.isascii():
            raise OnboardingError(field, f"{what} must be a whole number, not {text!r}.")
        return int(text)

    item = PlanTemplateItem(
        day=whole(day, "day", "The day"),
        start=start.strip(),
        minutes=whole(minutes, "minutes", "The length in minutes"),
        title=title.strip(),
        is_expectations_conversation=is_expectations_conversation,
    )
    item.start = format_hhmm(parse_hhmm(item.start, "start"))
    check_item(item, settings)
    return item


def template_problems(
    template: OnboardingTemplate, settings: TeamSettings | None = None
) -> list[OnboardingError]:
    """Everything wrong with a template: each bad item, two items at once on one day, and a
    plan without the expectations conversation."""
    found: list[OnboardingError] = []
    good: list[tuple[int, int, int, PlanTemplateItem]] = []
    for item in template.items:
        try:
            check_item(item, settings)
        except OnboardingError as exc:
            found.append(exc)
            continue
        start = parse_hhmm(item.start)
        good.append((item.day, start, start + item.minutes, item))
    good.sort(key=lambda g: (g[0], g[1]))
    busy: tuple[int, int, PlanTemplateItem] | None = None  # (day, until, the item until then)
    for day, start, end, item in good:
        if busy is not None and busy[0] == day and start < busy[1]:
            other = busy[2]
            found.append(
                OnboardingError(
                    "start",
                    f"{_label(item)}: '{item.title}' overlaps '{other.title}' ({other.start}).",
                )
            )
        if busy is None or busy[0] != day or end > busy[1]:
            busy = (day, end, item)
    if not any(i.is_expectations_conversation for i in template.items):
        found.append(
            OnboardingError(
                "is_expectations_conversation",
                "The plan needs the expectations conversation (about two hours, in week one): "
                "mark one item as the expectations conversation.",
            )
        )
    return found


def check_template(template: OnboardingTemplate, settings: TeamSettings | None = None) -> None:
    """Raise the first of ``template_problems``."""
    found = template_problems(template, settings)
    if found:
        raise found[0]


# --- generating a plan ----------------------------------------------------------------------


def needs_plan(rep: Rep, today: pendulum.Date) -> bool:
    """A current rep who starts in the future or started within the last two weeks (the same
    rule as ``roster.suggested_status``)."""
    return rep.is_current and rep.start_date > today.subtract(weeks=ONBOARDING_WEEKS)


def working_days(
    start: pendulum.Date, work_days: Sequence[int], count: int = PLAN_DAYS
) -> list[pendulum.Date]:
    """The first ``count`` working days on or after ``start``."""
    days = set(work_days)
    if not days or not days <= set(range(7)):
        raise OnboardingError(
            "work_days", "Set the team's working days (at least one day of the week)."
        )
    found: list[pendulum.Date] = []
    day = start
    while len(found) < count:
        if day.weekday() in days:
            found.append(day)
        day = day.add(days=1)
    return found


def _timezone(settings: TeamSettings) -> pendulum.Timezone | pendulum.FixedTimezone:
    try:
        return pendulum.timezone(settings.timezone.strip())
    except Exception:
        raise OnboardingError(
            "timezone", f"{settings.timezone!r} is not a timezone I know: fix it in the settings."
        ) from None


def generate_plan(
    rep: Rep, template: OnboardingTemplate, settings: TeamSettings
) -> list[OnboardingItem]:
    """The rep's onboarding items, in time order (new records, not yet saved). Raises
    ``OnboardingError`` for a template that cannot be planned (see ``template_problems``)."""
    check_template(template, settings)
    tz = _timezone(settings)
    days = working_days(rep.start_date, settings.work_days)
    items: list[OnboardingItem] = []
    for t in template.items:
        day = days[t.day - 1]
        start = parse_hhmm(t.start)
        end = start + t.minutes
        items.append(
            OnboardingItem(
                rep_id=rep.id,
                title=t.title.strip(),
                starts_at=pendulum.datetime(
                    day.year, day.month, day.day, start // 60, start % 60, tz=tz
                ),
                ends_at=pendulum.datetime(day.year, day.month, day.day, end // 60, end % 60, tz=tz),
                is_expectations_conversation=t.is_expectations_conversation,
            )
        )
    items.sort(key=lambda i: (i.starts_at, i.title))
    return items


# --- following a plan -----------------------------------------------------------------------


def rep_plan(items: Iterable[OnboardingItem], rep_id: str) -> list[OnboardingItem]:
    """One rep's items, in time order."""
    return sorted((i for i in items if i.rep_id == rep_id), key=lambda i: (i.starts_at, i.id))


def plan_progress(items: Iterable[OnboardingItem]) -> tuple[int, int]:
    """(done, total)."""
    done = total = 0
    for item in items:
        total += 1
        done += item.done
    return done, total


def check_off(item: OnboardingItem, at: pendulum.DateTime) -> OnboardingItem:
    """The item done at ``at`` (an aware time). Checking off a done item changes nothing."""
    if at.tzinfo is None or at.utcoffset() is None:
        raise OnboardingError("done_at", "The time an item was done needs a timezone.")
    if item.done:
        return item
    return replace(item, done=True, done_at=at)


def uncheck(item: OnboardingItem) -> OnboardingItem:
    """The item marked not done again."""
    return replace(item, done=False, done_at=None)


def expectations_item(items: Iterable[OnboardingItem]) -> OnboardingItem | None:
    """The plan's expectations conversation (it leads to writing the agreement)."""
    return next((i for i in items if i.is_expectations_conversation), None)


__all__ = [
    "PLAN_DAYS",
    "OnboardingError",
    "build_item",
    "check_item",
    "check_off",
    "check_template",
    "default_template",
    "expectations_item",
    "format_hhmm",
    "generate_plan",
    "load_template",
    "needs_plan",
    "parse_hhmm",
    "plan_progress",
    "rep_plan",
    "template_problems",
    "uncheck",
    "working_days",
    "working_hours",
]

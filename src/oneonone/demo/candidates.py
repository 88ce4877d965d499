"""The demo's two candidates (DOMAIN.md habit 10): one still interviewing, with an interview
recorded (the expectations set and the behavioural questions asked), one not hired, kept with
the reason. Written beside the team without drawing from the generator's random numbers, so
the rest of the demo is what it was; ids and times come from ``today``, so two runs write the
same file."""

from __future__ import annotations

import uuid

import pendulum

from oneonone.core.model import (
    Candidate,
    CandidateState,
    Interview,
    InterviewQuestion,
    Period,
    QuotaLine,
)
from oneonone.demo.people import MANAGER_FIRST

_NAMESPACE = uuid.UUID("6f0c7a52-3d1e-4a8e-9a55-0c1d2e3f4a5b")


def _id(name: str) -> str:
    return str(uuid.uuid5(_NAMESPACE, name))


def demo_candidates(today: pendulum.Date) -> list[Candidate]:
    """Priya Raman, interviewing (an interview a week ago), and Marco Bell, not hired."""
    at = pendulum.datetime(today.year, today.month, today.day, 9, tz="UTC")
    held = today.subtract(days=7)
    priya = Candidate(
        name="Priya Raman",
        role="Account Executive",
        interviews=[
            Interview(
                held_on=held,
                interviewers=f"{MANAGER_FIRST}, Lee (senior AE)",
                quota_lines=[
                    QuotaLine("New ARR", 120_000, "USD", Period.QUARTER, id=_id("priya-arr")),
                    QuotaLine("Demos held", 8, "demos", Period.WEEK, id=_id("priya-demos")),
                ],
                activity=["Discovery calls every morning", "The CRM updated the same day"],
                conduct=["No side deals or off-paper discounts", "Forecast what is real"],
                job_loss="Lying to a customer or hiding a deal in the forecast",
                questions=[
                    InterviewQuestion(
                        "Tell me about a quarter you missed your number. What did you do?",
                        "Q3 last year, 82 %. I told my manager in week 6, rebuilt the pipeline "
                        "with two partners and owned the miss in the review.",
                    ),
                    InterviewQuestion(
                        "A customer asks for a discount you cannot give. What do you say?",
                        "That I can't, and why; then what I can do within the price book.",
                    ),
                ],
                notes="Owns her numbers. Asked what I expect from her in week one.\n"
                "Wants a weekly one-on-one and a mentor on the team.",
                id=_id("priya-interview-1"),
            )
        ],
        id=_id("priya"),
        created_at=at.subtract(days=10),
        updated_at=at.subtract(days=7),
    )
    marco = Candidate(
        name="Marco Bell",
        role="Sales Development Rep",
        state=CandidateState.NOT_HIRED,
        decided_on=today.subtract(days=12),
        reason="Blamed the team for every missed target; would not commit to the activity",
        interviews=[
            Interview(
                held_on=today.subtract(days=14),
                interviewers=MANAGER_FIRST,
                quota_lines=[
                    QuotaLine(
                        "Meetings booked", 12, "meetings", Period.WEEK, id=_id("marco-meetings")
                    )
                ],
                activity=["60 calls a day"],
                job_loss="Booking fake meetings",
                questions=[
                    InterviewQuestion(
                        "Tell me about a target you missed.",
                        "Marketing sent bad leads; nothing I could do.",
                    )
                ],
                id=_id("marco-interview-1"),
            )
        ],
        id=_id("marco"),
        created_at=at.subtract(days=16),
        updated_at=at.subtract(days=12),
    )
    return [priya, marco]
